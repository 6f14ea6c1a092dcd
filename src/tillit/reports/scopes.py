"""What a report covers (the organisation, a department or a channel) and who may see it.

The organisation's administrators and auditors follow everything up; a department's manager
and informatör follow their department; whoever works a channel's inbox follows that channel.
A scope the person may not see reads "not found", as a missing one does.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from tillit.access.actor import Actor
from tillit.access.roles import REPORT_READERS, Role
from tillit.channels.choices import PRE_DECISION_STATES
from tillit.channels.models import Channel
from tillit.core.exceptions import NotFound
from tillit.organisation.models import Department
from tillit.organisation.selectors import organisation_get

ORG, DEPARTMENT, CHANNEL = "org", "department", "channel"


@dataclass(frozen=True)
class Scope:
    """The organisation, one department or one channel."""

    kind: str
    department: Department | None = None
    channel: Channel | None = None

    @property
    def label(self) -> str:
        if self.channel is not None:
            return self.channel.name
        if self.department is not None:
            return self.department.name
        return getattr(organisation_get(), "name", "") or str(_("The organisation"))

    @property
    def code(self) -> str:
        """The scope as written on the command line and in the page's address."""
        if self.channel is not None:
            return f"{CHANNEL}:{self.channel.pk}"
        if self.department is not None:
            return f"{DEPARTMENT}:{self.department.pk}"
        return ORG

    def channels(self) -> QuerySet[Channel]:
        """The channels the report counts: decided ones (drafts have no history)."""
        qs = Channel.objects.exclude(status__in=PRE_DECISION_STATES)
        if self.channel is not None:
            return qs.filter(pk=self.channel.pk)
        if self.department is not None:
            return qs.filter(department=self.department)
        return qs


def _sees_all(actor: Actor) -> bool:
    return actor.may("reports.read") or actor.is_org_wide(*REPORT_READERS)


def reportable_channels(actor: Actor) -> QuerySet[Channel]:
    """The decided channels the person may follow up."""
    qs = Channel.objects.restrict(actor, "view").exclude(status__in=PRE_DECISION_STATES)
    if actor.may("reports.read"):
        qs = Channel.objects.exclude(status__in=PRE_DECISION_STATES)
    if _sees_all(actor):
        return qs
    moderated = Channel.objects.restrict(actor, "moderate").values("pk")
    departments = actor.departments(Role.MANAGER, Role.INFORMATOR)
    return qs.filter(Q(department_id__in=departments) | Q(pk__in=moderated))


def reportable_departments(actor: Actor) -> QuerySet[Department]:
    """The departments the person may follow up as a whole."""
    qs = Department.objects.order_by("name")
    if _sees_all(actor):
        return qs
    return qs.filter(pk__in=actor.departments(Role.MANAGER, Role.INFORMATOR))


def may_report_org(actor: Actor) -> bool:
    """Whether the person may follow up the whole organisation."""
    return _sees_all(actor)


def may_report_anything(actor: Actor) -> bool:
    """Whether the reports page has anything for the person."""
    return (
        may_report_org(actor)
        or reportable_departments(actor).exists()
        or reportable_channels(actor).exists()
    )


def scope_for(actor: Actor, code: str) -> Scope:
    """The scope written ``org``, ``department:ID`` or ``channel:ID``; NotFound if not theirs."""
    kind, _sep, ident = (code or ORG).strip().partition(":")
    if kind == ORG and not ident:
        if not may_report_org(actor):
            raise NotFound
        return Scope(ORG)
    if not ident.isdigit() or len(ident) > 18:
        raise NotFound
    if kind == DEPARTMENT:
        department = reportable_departments(actor).filter(pk=int(ident)).first()
        if department is None:
            raise NotFound
        return Scope(DEPARTMENT, department=department)
    if kind == CHANNEL:
        channel = (
            reportable_channels(actor).select_related("department").filter(pk=int(ident)).first()
        )
        if channel is None:
            raise NotFound
        return Scope(CHANNEL, channel=channel)
    raise NotFound


def scope_choices(actor: Actor) -> list[tuple[str, str]]:
    """Every scope the person may choose, as (code, label), the widest first."""
    choices: list[tuple[str, str]] = []
    if may_report_org(actor):
        choices.append((ORG, str(Scope(ORG).label)))
    choices += [(f"{DEPARTMENT}:{d.pk}", d.name) for d in reportable_departments(actor)]
    choices += [(f"{CHANNEL}:{c.pk}", c.name) for c in reportable_channels(actor).order_by("name")]
    return choices
