"""Who is acting: a person with their roles and mandates, or a named automatic actor.

An ``Actor`` is built once per request (``ActorMiddleware``) and once per task, and then
passed down; checks against it cost no queries. Automatic work (the comment policy hiding a
comment, the scheduler capturing a page, a platform reporting a removal) acts as an explicit
system actor with its own rights, never as ``None``, so a service can always tell who acts
and the audit trail names it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

from django.utils.functional import cached_property

from tillit.core.registry import registry

from .roles import MandateRole, Role

#: Registry store of loaders: ``loader(person) -> {Actor field: value}`` (roles, mandates).
LOADERS = "actor_loaders"

_EMPTY: Mapping[int, frozenset[str]] = MappingProxyType({})


@dataclass(frozen=True, eq=False)
class Actor:
    """A person's roles and valid mandates, or a system actor with a fixed set of rights."""

    person: Any = None
    #: (role, department id or None) pairs the person holds.
    roles: frozenset[tuple[str, int | None]] = frozenset()
    #: channel id -> mandate roles held there today.
    mandates: Mapping[int, frozenset[str]] = field(default_factory=lambda: _EMPTY)
    #: For automatic actors: their name ("policy", "scheduler", ...), else "".
    system: str = ""
    #: For automatic actors: the actions they may take (see ``may``).
    rights: frozenset[str] = frozenset()

    @property
    def is_person(self) -> bool:
        """Whether a signed-in, active person acts (not a system actor, not anonymous)."""
        return self.person is not None

    @property
    def pk(self) -> int | None:
        """The acting person's id, for the audit trail; None for system actors."""
        return getattr(self.person, "pk", None)

    def __str__(self) -> str:
        if self.person is not None:
            return str(self.person)
        return self.system or "anonymous"

    def has(self, role: str, department_id: int | None = None) -> bool:
        """Whether the person holds the role (in that department, for department roles)."""
        return (role, department_id) in self.roles

    def is_org_wide(self, *roles: str) -> bool:
        """Whether the person holds one of these organisation-wide roles."""
        return any((role, None) in self.roles for role in roles)

    @cached_property
    def _departments_by_role(self) -> dict[str, frozenset[int]]:
        found: dict[str, set[int]] = {}
        for role, dept in self.roles:
            if dept is not None:
                found.setdefault(role, set()).add(dept)
        return {role: frozenset(depts) for role, depts in found.items()}

    def departments(self, *roles: str) -> frozenset[int]:
        """Ids of the departments where the person holds one of these roles."""
        by_role = self._departments_by_role
        return frozenset().union(*(by_role.get(role, frozenset()) for role in roles))

    def is_manager_of(self, channel: Any) -> bool:
        """Whether the person manages the channel's department."""
        return self.has(Role.MANAGER, channel.department_id)

    def is_informator_of(self, channel: Any) -> bool:
        """Whether the person is the channel department's informatör."""
        return self.has(Role.INFORMATOR, channel.department_id)

    def is_administrator_of(self, channel: Any) -> bool:
        """Whether the person holds a valid administrator mandate on the channel."""
        return MandateRole.ADMINISTRATOR in self.mandate_roles(channel)

    def mandate_roles(self, channel: Any) -> frozenset[str]:
        """The mandate roles held today on a channel (object or id)."""
        channel_id = channel if isinstance(channel, int) else channel.pk
        return self.mandates.get(channel_id, frozenset())

    def may(self, right: str) -> bool:
        """Whether a system actor holds a named right (people's rights come from rules)."""
        return right in self.rights


ANONYMOUS = Actor()


def system_actor(name: str, *rights: str) -> Actor:
    """An automatic actor that may take exactly ``rights``."""
    return Actor(system=name, rights=frozenset(rights))


#: The comment policy: assesses items and hides comments under an opted-in rule (R16).
POLICY = system_actor("policy", "item.assess", "item.hide_automatically", "outbox.enqueue")
#: The scheduler and workers: periodic captures, escalation, dormancy, exports, polling.
SCHEDULER = system_actor(
    "scheduler",
    "capture.request",
    "capture.record",
    "item.escalate",
    "channel.flag_dormant",
    "outbox.send",
    "connection.poll",
    "records.export",
    "retention.run",
    "audit.checkpoint",
)
#: A platform telling us something happened (a removal, a delivery, a broken token).
PLATFORM = system_actor("platform", "item.mark_removed", "connection.mark_invalid")
#: A member of the public, on the public pages (reporting an accessibility problem).
PUBLIC = system_actor("public", "accessibility.report")
#: An operator at the command line (``tillit ...``): the machine's administrator.
OPERATOR = system_actor(
    "operator",
    "capture.request",
    "capture.record",
    "capture.verify",
    "archive.export",
    "records.export",
    "retention.run",
    "organisation.bootstrap",
    "connection.set",
    "reports.read",
)


def actor_for(person: Any) -> Actor:
    """Load an active person's roles and mandates once; anonymous for no or inactive person."""
    if person is None or not getattr(person, "is_active", False):
        return ANONYMOUS
    facets: dict[str, Any] = {}
    for loader in registry.values(LOADERS):
        facets.update(loader(person))
    return Actor(person=person, **facets)


def allowed(actor: Actor, right: str, for_person: Callable[[Actor], bool]) -> bool:
    """A system actor by its named right; a person by the rule ``for_person``."""
    return actor.may(right) if actor.system else for_person(actor)


def person_of(actor: Any) -> Any:
    """The Person behind an actor (for "requested by" and "decided by" fields); None for a
    system actor, which the audit trail names instead."""
    return actor.person if isinstance(actor, Actor) else actor


def as_actor(actor: Any) -> Actor:
    """The Actor for a service call: an Actor as is, a Person loaded once, None refused.

    Views pass ``request.actor``; management commands and tests may pass a Person, which is
    loaded here. ``None`` is no longer a way to skip checks: automatic work names its actor.
    """
    if isinstance(actor, Actor):
        return actor
    if actor is None:
        raise TypeError("a service needs an actor: pass a person's Actor or a system actor")
    return actor_for(actor)
