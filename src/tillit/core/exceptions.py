"""Exceptions shared by services and views."""

from django.http import Http404


class NotFound(Http404):
    """Raised for both missing and forbidden objects so that access checks never leak existence."""


class Refused(Exception):
    """A step a service will not take, with the reason a person reads (already translated)."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message
