"""The signed-in home page and the notices page."""

from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from tillit.access.decorators import person_required
from tillit.channels.selectors import channels_awaiting, mandates_of
from tillit.organisation import services as organisation_services
from tillit.organisation.selectors import notices_for


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
            "notices": notices_for(request.actor, unread_only=True)[:10],
        },
    )


@person_required
def notices(request):
    """All of the person's notices, newest first."""
    items = notices_for(request.actor)[:200]
    return render(request, "web/notices.html", {"items": items})


@require_POST
@person_required
def notices_mark_read(request):
    """Mark every notice read."""
    organisation_services.notices_mark_read(actor=request.actor)
    return redirect("web:notices")
