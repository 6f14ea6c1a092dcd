"""Attaches the signed-in user's Person to the request."""


class PersonMiddleware:
    """Sets `request.person`: the active Person of the signed-in user, else None."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        person = None
        if request.user.is_authenticated:
            person = getattr(request.user, "person", None)
            if person is not None and not person.is_active:
                person = None
        request.person = person
        return self.get_response(request)
