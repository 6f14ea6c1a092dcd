"""Reads of moderation: decisions, always through the decision access rule."""

from django.db.models import QuerySet

from tillit.access.actor import Actor
from tillit.access.queryset import get_restricted

from .models import Decision


def decisions_to_review(actor: Actor) -> QuerySet[Decision]:
    """Automatic decisions in the person's channels waiting for a person to confirm them."""
    return (
        Decision.objects.restrict(actor, "moderate")
        .filter(needs_review=True)
        .select_related("item", "item__channel", "rule")
    )


def decision_get_for(actor: Actor, decision_id: int) -> Decision:
    """One decision the person may review; NotFound whether missing or not theirs."""
    return get_restricted(
        Decision.objects.select_related("item", "item__channel"),
        actor,
        pk=decision_id,
        action="moderate",
    )
