"""Exceptions shared by services and views."""

from django.http import Http404


class NotFound(Http404):
    """Raised for both missing and forbidden objects so that access checks never leak existence."""
