"""Who reaches the inbox's rows: the access rules of items, authors and connections."""

from django.db.models import QuerySet

from tillit.access.actor import Actor
from tillit.access.queryset import AccessRule, RoleRule, access_rule, allows
from tillit.access.roles import RECORDS_READERS, Role
from tillit.channels.models import Channel

from .models import Author, Connection, IngestProblem, Item, ItemPresence, SavedFilter


@access_rule(Item)
class ItemRule(AccessRule):
    """Moderators work their channels' items; records readers read every kept document;
    registrars register direct messages and search everything for access requests."""

    actions = ("moderate", "read", "register")

    def filter(self, qs: QuerySet, actor: Actor, action: str) -> QuerySet:
        if not actor.is_person:
            return qs.none()
        if action == "register":
            return qs if actor.is_org_wide(Role.REGISTRAR) else qs.none()
        if action == "read" and actor.is_org_wide(*RECORDS_READERS):
            return qs
        return qs.filter(channel__in=Channel.objects.restrict(actor, "moderate").values("pk"))

    def allows(self, actor: Actor, action: str, obj: Item) -> bool:
        if not actor.is_person:
            return False
        if action == "register":
            return actor.is_org_wide(Role.REGISTRAR)
        if action == "read" and actor.is_org_wide(*RECORDS_READERS):
            return True
        return allows(actor, "moderate", obj.channel)


@access_rule(ItemPresence)
class ItemPresenceRule(AccessRule):
    """Who has an item open is seen by those who moderate the item's channel."""

    actions = ("moderate",)

    def filter(self, qs: QuerySet, actor: Actor, action: str) -> QuerySet:
        if not actor.is_person:
            return qs.none()
        return qs.filter(item__channel__in=Channel.objects.restrict(actor, "moderate").values("pk"))

    def allows(self, actor: Actor, action: str, obj: ItemPresence) -> bool:
        return actor.is_person and allows(actor, "moderate", obj.item.channel)


@access_rule(Author)
class AuthorRule(RoleRule):
    """Authors as displayed are personal data: registrars find them for data-subject requests."""

    roles = {"register": (Role.REGISTRAR,)}


class ConnectorsRule(AccessRule):
    """Rows about a channel's connection: the department's manager or an org admin."""

    actions = ("manage",)

    def filter(self, qs: QuerySet, actor: Actor, action: str) -> QuerySet:
        if not actor.is_person:
            return qs.none()
        if actor.is_org_wide(Role.ORG_ADMIN):
            return qs
        return qs.filter(channel__department_id__in=actor.departments(Role.MANAGER))

    def allows(self, actor: Actor, action: str, obj) -> bool:
        return may_connect(actor, obj.channel)


@access_rule(Connection)
class ConnectionRule(ConnectorsRule):
    """A connection holds the channel's tokens."""


@access_rule(IngestProblem)
class IngestProblemRule(ConnectorsRule):
    """What ingest refused or shortened is shown to whoever manages the connection."""


def may_connect(actor: Actor, channel) -> bool:
    """Whether the person may connect the channel (the connection rule, before one exists)."""
    return actor.is_person and (actor.is_manager_of(channel) or actor.is_org_wide(Role.ORG_ADMIN))


def may_audit_profile(actor: Actor, channel) -> bool:
    """Whether the person may read the channel's profile now: who connects or moderates it."""
    return may_connect(actor, channel) or (actor.is_person and allows(actor, "moderate", channel))


@access_rule(SavedFilter)
class SavedFilterRule(AccessRule):
    """A saved filter is its owner's alone: others neither see nor delete it."""

    actions = ("use",)

    def filter(self, qs: QuerySet, actor: Actor, action: str) -> QuerySet:
        if not actor.is_person:
            return qs.none()
        return qs.filter(person_id=actor.pk)

    def allows(self, actor: Actor, action: str, obj) -> bool:
        return actor.is_person and obj.person_id == actor.pk
