"""The monthly follow-up report e-mailed to each manager for their department (R23).

Run daily; from the first of the month each manager who has not turned it off gets last
month's figures for each department they manage, once: the claim on the person row is a
compare-and-set, so any number of workers and reruns send it once. The mail holds the key
figures and a link to the whole report, where the charts, PDF and CSV are.
"""

from __future__ import annotations

import logging
from datetime import date
from urllib.parse import urlencode

from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tillit.access.roles import Role
from tillit.core.messages import Message
from tillit.organisation.models import Person
from tillit.organisation.notify import notify
from tillit.organisation.services import person_claim_monthly_report

from .exports import number
from .periods import last_month
from .scopes import DEPARTMENT, Scope
from .selectors import report_build

logger = logging.getLogger(__name__)

SUMMARY = (
    ("activity", "comments"),
    ("activity", "own_posts"),
    ("response", "reply_median"),
    ("response", "answered_share"),
    ("response", "in_deadline_share"),
    ("moderation", "decisions"),
    ("records", "registered"),
)


def _summary(report) -> str:
    lines = []
    for section, key in SUMMARY:
        try:
            figure = report.figure(section, key)
        except KeyError:
            continue
        before = (
            f" ({_('previous period')}: {number(figure.previous)})"
            if figure.previous is not None
            else ""
        )
        lines.append(f"{figure.label}: {number(figure.current)}{before}")
    return "\n".join(lines)


def monthly_reports_send(today: date | None = None) -> int:
    """Send last month's report to every manager who wants it and has not had it; how many."""
    today = today or timezone.localdate()
    period = last_month(today)
    month = today.replace(day=1)
    sent = 0
    managers = (
        Person.objects.filter(
            is_active=True, is_service=False, monthly_report=True, roles__role=Role.MANAGER
        )
        .distinct()
        .prefetch_related("roles__department")
    )
    for person in managers:
        departments = sorted(
            {r.department for r in person.roles.all() if r.role == Role.MANAGER and r.department},
            key=lambda d: d.name,
        )
        if not departments or not person_claim_monthly_report(person=person, month=month):
            continue
        try:
            with translation.override(settings.LANGUAGE_CODE):
                for department in departments:
                    report = report_build(Scope(DEPARTMENT, department=department), period)
                    query = urlencode(
                        {
                            "scope": f"{DEPARTMENT}:{department.pk}",
                            "start": period.start.isoformat(),
                            "end": period.end.isoformat(),
                        }
                    )
                    notify(
                        people=[person],
                        subject=Message(
                            gettext_lazy("Follow-up for %(department)s, %(period)s"),
                            department=department.name,
                            period=str(period),
                        ),
                        body=_summary(report)
                        + "\n\n"
                        + _("You can turn these e-mails off under Follow-up → Monthly report."),
                        url=f"{reverse('reports:report')}?{query}",
                    )
            sent += 1
        except Exception:  # one manager's report must not stop the others'
            logger.exception("monthly report for person %s failed", person.pk)
    return sent
