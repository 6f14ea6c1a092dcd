"""Who may do what to a channel: predicates over roles and valid mandates."""

from django.utils import timezone

from tillit.organisation.models import Person, Role
from tillit.organisation.selectors import person_roles

from .choices import PRE_DECISION_STATES, ChannelStatus, MandateRole
from .models import Channel, Mandate


class Actor:
    """A person's roles and mandates, loaded once per request so checks cost no further queries."""

    def __init__(self, person: Person | None) -> None:
        self.person = person
        self.roles = person_roles(person)
        today = timezone.localdate()
        self.mandates: dict[int, set[str]] = {}
        if person is not None and person.is_active:
            for channel_id, role in (
                Mandate.objects.valid_on(today)
                .filter(person=person)
                .values_list("channel_id", "role")
            ):
                self.mandates.setdefault(channel_id, set()).add(role)

    def has(self, role: str, department_id: int | None = None) -> bool:
        """Whether the person holds the role (in that department, for department roles)."""
        return (role, department_id) in self.roles

    def is_manager_of(self, channel: Channel) -> bool:
        """Whether the person manages the channel's department."""
        return self.has(Role.MANAGER, channel.department_id)

    def is_informator_of(self, channel: Channel) -> bool:
        """Whether the person is the channel department's informatör."""
        return self.has(Role.INFORMATOR, channel.department_id)

    def mandate_roles(self, channel: Channel) -> set[str]:
        """The mandate roles the person holds on the channel today."""
        return self.mandates.get(channel.pk, set())

    def is_administrator_of(self, channel: Channel) -> bool:
        """Whether the person holds a valid administrator mandate on the channel."""
        return MandateRole.ADMINISTRATOR in self.mandate_roles(channel)

    def is_org_wide(self, *roles: str) -> bool:
        """Whether the person holds one of these organisation-wide roles."""
        return any((role, None) in self.roles for role in roles)


def can_view(actor: Actor, channel: Channel) -> bool:
    """Drafts and proposals stay within the department; decided channels are wider."""
    if actor.person is None:
        return False
    if actor.is_org_wide(Role.ORG_ADMIN, Role.AUDITOR):
        return True
    if actor.is_manager_of(channel) or actor.is_informator_of(channel):
        return True
    if actor.mandate_roles(channel):
        return True
    if channel.created_by_id == actor.person.pk:
        return True
    return channel.status not in PRE_DECISION_STATES and actor.is_org_wide(
        Role.WEBMASTER, Role.REGISTRAR, Role.ARCHIVIST
    )


def can_edit(actor: Actor, channel: Channel) -> bool:
    """The plan is edited by the proposer before the decision, by the department after it."""
    if channel.status == ChannelStatus.ARCHIVED or actor.person is None:
        return False
    if channel.status in PRE_DECISION_STATES and channel.created_by_id == actor.person.pk:
        return True
    return (
        actor.is_manager_of(channel)
        or actor.is_informator_of(channel)
        or actor.is_administrator_of(channel)
    )


def can_manage_mandates(actor: Actor, channel: Channel) -> bool:
    """Only the department's manager grants or revokes mandates (R6)."""
    return channel.status != ChannelStatus.ARCHIVED and actor.is_manager_of(channel)


def can_create_in(actor: Actor, department_id: int) -> bool:
    """Channels are proposed by the department's manager or informatör, or an org admin."""
    return (
        actor.has(Role.MANAGER, department_id)
        or actor.has(Role.INFORMATOR, department_id)
        or actor.is_org_wide(Role.ORG_ADMIN)
    )
