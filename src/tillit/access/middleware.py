"""Builds the request's Actor once, after authentication, when the request first needs it."""

from django.utils.functional import SimpleLazyObject

from .actor import actor_for


class ActorMiddleware:
    """Sets ``request.person`` (the active Person of the signed-in user, else None) and
    ``request.actor`` (their roles and mandates, loaded once for the whole request)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        person = None
        if request.user.is_authenticated:
            person = getattr(request.user, "person", None)
            if person is not None and not person.is_active:
                person = None
        request.person = person
        # Lazy: a request that checks nothing (a status poll, a static page) loads nothing;
        # one that checks loads the roles and mandates once.
        request.actor = SimpleLazyObject(lambda: actor_for(person))
        return self.get_response(request)
