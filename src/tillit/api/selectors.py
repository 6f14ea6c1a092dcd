"""Reads of API keys and service accounts, through the access rules."""

from django.db.models import Prefetch, QuerySet

from tillit.access.actor import Actor
from tillit.access.queryset import get_restricted
from tillit.channels.models import Channel, Mandate
from tillit.channels.selectors import channels_visible_to
from tillit.inbox.models import Item
from tillit.inbox.selectors import queue_items
from tillit.moderation.models import Decision
from tillit.organisation.models import Person
from tillit.organisation.selectors import people_for

from .models import ApiToken, TokenKind


def tokens_for(actor: Actor, *, kind: str = "") -> QuerySet[ApiToken]:
    """The keys the person manages: their own; an administrator's, every key."""
    qs = ApiToken.objects.restrict(actor, "manage").select_related("person", "created_by")
    return qs.filter(kind=kind) if kind else qs


def own_tokens(actor: Actor) -> QuerySet[ApiToken]:
    """The person's own personal keys (an administrator's page shows the rest)."""
    return tokens_for(actor, kind=TokenKind.PERSONAL).filter(person=actor.person)


def token_get_for(actor: Actor, token_id: int) -> ApiToken:
    """One key the person manages; NotFound whether missing or not theirs."""
    return get_restricted(ApiToken.objects.select_related("person"), actor, "manage", pk=token_id)


def service_accounts_for(actor: Actor) -> QuerySet[Person]:
    """The organisation's service accounts, for its administrators."""
    return people_for(actor).filter(is_service=True, is_active=True)


# -- what the API reads: the apps' own restricted selectors, with what the answer shows ---

_MANDATES = Prefetch("mandates", queryset=Mandate.objects.select_related("person"))
_DECISIONS = Prefetch(
    "decisions",
    queryset=Decision.objects.select_related("rule", "decided_by", "action").order_by("pk"),
)


def api_channels(actor: Actor, *, status: str = "") -> QuerySet[Channel]:
    """The register as the API lists it: with the connection and the mandates, one query each."""
    qs = channels_visible_to(actor).select_related("connection").prefetch_related(_MANDATES)
    return qs.filter(status=status) if status else qs


def api_channel(actor: Actor, public_id) -> Channel:
    """One channel the person may see, with its connection and mandates."""
    return get_restricted(
        Channel.objects.select_related("platform", "department", "connection").prefetch_related(
            _MANDATES
        ),
        actor,
        public_id=public_id,
    )


def api_items(actor: Actor, **filters) -> QuerySet[Item]:
    """The queue's items (``queue_items`` filters) with their proposal and decisions."""
    return _item_detail(queue_items(actor, **filters))


def api_item(actor: Actor, item_id: int) -> Item:
    """One item the person moderates, with its proposal and decisions."""
    return get_restricted(_item_detail(Item.objects.all()), actor, "moderate", pk=item_id)


def _item_detail(qs: QuerySet[Item]) -> QuerySet[Item]:
    return qs.select_related("channel", "assessment").prefetch_related(_DECISIONS)
