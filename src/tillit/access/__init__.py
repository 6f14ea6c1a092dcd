"""The access kernel: who is acting, which roles exist, and how every query is restricted.

It sits on the ground floor with ``core`` and ``audit``: it imports no app. The apps above
fill it through the registry: ``organisation`` loads a person's roles, ``channels`` their
mandates, and every app registers the access rule of each model a person reaches.
"""
