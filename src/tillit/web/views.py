"""The signed-in home page and the notices page."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from tillit.channels.permissions import Actor
from tillit.channels.selectors import channels_awaiting, mandates_of
from tillit.organisation.models import Notice


def person_required(view):
    """Signed in and backed by an active person; anything else is sent to sign in."""

    @login_required
    def wrapped(request, *args, **kwargs):
        if request.person is None:
            raise Http404
        return view(request, *args, **kwargs)

    wrapped.__name__ = view.__name__
    wrapped.__doc__ = view.__doc__
    return wrapped


@person_required
def home(request):
    """What waits for the person: steps to take, their mandates, unread notices."""
    actor = Actor(request.person)
    return render(
        request,
        "web/home.html",
        {
            "awaiting": channels_awaiting(actor),
            "mandates": mandates_of(request.person),
            "notices": Notice.objects.filter(person=request.person, read_at__isnull=True)[:10],
        },
    )


@person_required
def notices(request):
    """All of the person's notices, newest first."""
    items = Notice.objects.filter(person=request.person)[:200]
    return render(request, "web/notices.html", {"items": items})


@require_POST
@person_required
def notices_mark_read(request):
    """Mark every notice read."""
    Notice.objects.filter(person=request.person, read_at__isnull=True).update(
        read_at=timezone.now()
    )
    return redirect("web:notices")
