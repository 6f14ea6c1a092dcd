"""API errors with a Swedish (or the chosen language's) message."""

from rest_framework import status
from rest_framework.exceptions import APIException


class Conflict(APIException):
    """The item changed since it was read (409); read it again and decide anew."""

    status_code = status.HTTP_409_CONFLICT
    default_code = "conflict"
