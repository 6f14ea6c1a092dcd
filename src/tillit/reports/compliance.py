"""Where each running channel stands against the guideline, now: one row per channel.

Staffing (R5), activity (R8), the profile (R10, R11), captures (R22), the platform
connection and overdue moderation, each as a cell that says what is wrong and links to the
page where it is put right. A fixed number of queries, whatever the number of channels.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, OuterRef, QuerySet, Subquery
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tillit.archive.selectors import channels_overdue
from tillit.channels.choices import STAFFED_STATES
from tillit.channels.models import Channel, ProfileAudit
from tillit.channels.profile_audit import CHECK_LABELS
from tillit.inbox.choices import ConnectionState, ItemStatus
from tillit.moderation.models import Assessment

OK, WARN, FAIL, UNKNOWN = "ok", "warn", "fail", "unknown"


@dataclass(frozen=True)
class Cell:
    """One requirement for one channel: its state, what it says, and where to act."""

    state: str
    text: object
    url: str = ""


@dataclass(frozen=True)
class ComplianceRow:
    """One running channel and its cells, in the order of COLUMNS."""

    channel: Channel
    cells: tuple[Cell, ...]

    @property
    def problems(self) -> int:
        return sum(cell.state in (FAIL, WARN, UNKNOWN) for cell in self.cells)


#: The columns: key, heading, the requirement it checks.
COLUMNS = (
    ("staffing", _("Staffing"), "R5"),
    ("activity", _("Activity"), "R8"),
    ("profile", _("Profile"), "R10–R11"),
    ("captures", _("Archive captures"), "R22"),
    ("connection", _("Connection"), ""),
    ("moderation", _("Overdue moderation"), "R15"),
)


def _annotated(channels: QuerySet[Channel]) -> QuerySet[Channel]:
    latest = ProfileAudit.objects.filter(channel=OuterRef("pk")).order_by("-at", "-id")
    return (
        channels.filter(status__in=STAFFED_STATES)
        .select_related("department", "connection")
        .annotate(
            audit_outcome=Subquery(latest.values("outcome")[:1]),
            audit_checks=Subquery(latest.values("checks")[:1]),
            audit_at=Subquery(latest.values("at")[:1]),
        )
        .order_by("department__name", "name")
    )


def _profile_cell(channel: Channel, page: str) -> Cell:
    outcome = getattr(channel, "audit_outcome", None)
    if outcome is None:
        return Cell(UNKNOWN, _("Not checked yet"), page)
    if outcome == ProfileAudit.Outcome.UNREAD:
        return Cell(UNKNOWN, _("Could not be read"), page)
    checks = getattr(channel, "audit_checks", None) or []
    if isinstance(checks, str):  # some databases hand JSON from a subquery back as text
        checks = json.loads(checks)
    failing = [
        CHECK_LABELS.get(c.get("code"), c.get("code")) for c in checks if not c.get("passed")
    ]
    if not failing:
        return Cell(OK, _("Says everything it must"), page)
    return Cell(FAIL, "; ".join(str(label) for label in failing), page)


def _overdue_items(channel_ids: list[int]) -> dict[int, int]:
    """Flagged items past their deadline and not handled, per channel: from the deadline's
    index, so the count does not grow with the channels' history."""
    return dict(
        Assessment.objects.filter(
            flagged=True, deadline__lt=timezone.now(), item__channel_id__in=channel_ids
        )
        .exclude(item__status=ItemStatus.HANDLED)
        .values_list("item__channel_id")
        .annotate(n=Count("pk"))
        .values_list("item__channel_id", "n")
    )


def compliance_rows(channels: QuerySet[Channel]) -> list[ComplianceRow]:
    """One row per running channel among ``channels`` (already limited to what may be seen)."""
    annotated = list(_annotated(channels))
    late = _overdue_items([c.pk for c in annotated])
    overdue = set(
        channels_overdue().filter(pk__in=[c.pk for c in annotated]).values_list("pk", flat=True)
    )
    rows = []
    for channel in annotated:  # one per channel: the figures were counted in the database
        overdue_items = late.get(channel.pk, 0)
        page = reverse("channels:detail", args=[channel.public_id])
        connection = getattr(channel, "connection", None)
        cells = (
            Cell(FAIL, channel.staffing_problem, page)
            if channel.staffing_problem
            else Cell(OK, _("Administrator and substitute"), page),
            Cell(WARN, _("Dormant: nothing published for a long time"), page)
            if channel.dormant_since
            else Cell(OK, _("In use"), page),
            _profile_cell(channel, page),
            Cell(FAIL, _("Overdue"), reverse("archive:channel", args=[channel.public_id]))
            if channel.pk in overdue
            else Cell(OK, _("On schedule"), reverse("archive:channel", args=[channel.public_id])),
            _connection_cell(channel, connection),
            Cell(
                FAIL,
                _("%(count)d past the deadline") % {"count": overdue_items},
                reverse("inbox:queue") + f"?channel={channel.pk}&order=deadline",
            )
            if overdue_items
            else Cell(OK, _("None"), ""),
        )
        rows.append(ComplianceRow(channel, cells))
    return rows


def _connection_cell(channel: Channel, connection) -> Cell:
    url = reverse("inbox:connection", args=[channel.public_id])
    if connection is None:
        return Cell(WARN, _("Not connected"), url)
    if connection.state == ConnectionState.INVALID:
        return Cell(FAIL, _("Token expired or revoked"), url)
    if connection.poll_error:
        return Cell(
            WARN, _("The last poll failed"), reverse("channels:detail", args=[channel.public_id])
        )
    return Cell(OK, _("Working"), url)


def compliance_summary(rows: list[ComplianceRow]) -> list[tuple[str, Any, int]]:
    """How many running channels, and how many fall short on each column."""
    summary: list[tuple[str, Any, int]] = [("running", _("Running channels"), len(rows))]
    for index, (key, label, _req) in enumerate(COLUMNS):
        short = sum(row.cells[index].state != OK for row in rows)
        summary.append((f"{key}_short", _("Falling short: %(what)s") % {"what": label}, short))
    return summary
