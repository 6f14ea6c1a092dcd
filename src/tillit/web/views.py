"""The signed-in home page and the notices page."""

from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from tillit.access.decorators import person_required
from tillit.channels.selectors import channels_awaiting, mandates_of
from tillit.organisation.models import Notice


@person_required
def home(request):
    """What waits for the person: steps to take, their mandates, unread notices."""
    actor = request.actor
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
