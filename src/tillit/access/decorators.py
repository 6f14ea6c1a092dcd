"""View decorators shared by every app."""

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.http import Http404


def person_required(view):
    """Signed in and backed by an active person; anything else is sent to sign in."""

    @login_required
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if request.person is None:
            raise Http404
        return view(request, *args, **kwargs)

    return wrapped
