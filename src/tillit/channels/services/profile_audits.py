"""Stored profile audits (R10, R11): what was read, what held, what is missing, who is told.

Reading the profile needs a connector and the network, which live above this layer
(``inbox.services.profile_audits``); this module takes what was read (or why nothing could
be) and records the judgement, so every path that reads a profile (the weekly job, the
"check now" button, the connection test, the command line) stores and notifies alike.
"""

from __future__ import annotations

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy

from tillit.access.actor import Actor
from tillit.audit.services import audit_record
from tillit.core.messages import Message, stored
from tillit.core.sanitise import clean_text
from tillit.organisation.models import Person
from tillit.organisation.notify import notify
from tillit.organisation.selectors import managers_of, organisation_get

from ..models import Channel, ProfileAudit
from ..profile_audit import CHECK_LABELS, Expected, ProfileRead, audit_profile
from ..profile_links import normalise
from ..selectors import channel_administrators

#: What is kept of a profile as read: enough to show and to judge again, bounded.
MAX_TEXT = 5000
MAX_NAME = 300
MAX_LINKS = 50
MAX_LINK = 500


def expected_for(channel: Channel) -> Expected:
    """What this channel's profile must say, from the organisation's settings and the register."""
    organisation = organisation_get()
    # The rules page is the public one people are sent to (served by moderation).
    rules_path = reverse("moderation:channel_rules", args=[channel.public_id])
    department = channel.department.name if channel.department_id else ""
    return Expected(
        sender_names=tuple(n for n in (getattr(organisation, "name", ""), department) if n),
        purpose=channel.purpose,
        rules_url=settings.TILLIT_BASE_URL.rstrip("/") + rules_path,
        rules_text=getattr(organisation, "comment_policy_text", "") or "",
        website=getattr(organisation, "website", "") or "",
        collection=getattr(organisation, "link_collection_url", "") or "",
    )


def _bounded_links(links) -> list[str]:
    """The web addresses among ``links``, bounded: a ``javascript:`` link is never kept.

    Only what the audit could compare is kept (``normalise`` reads it as a web address), so
    the stored links explain the outcome and hold nothing a browser would run.
    """
    kept = [
        clean_text(link)[:MAX_LINK] for link in links if isinstance(link, str) and normalise(link)
    ]
    return kept[:MAX_LINKS]


def _told(channel: Channel) -> list[Person]:
    """The channel's administrators and its department's managers (each once)."""
    people = {p.pk: p for p in channel_administrators(channel)}
    if channel.department_id:
        people.update({p.pk: p for p in managers_of(channel.department)})
    return list(people.values())


@transaction.atomic
def profile_audit_record(
    *,
    channel: Channel,
    read: ProfileRead | None,
    name: str = "",
    source: str = ProfileAudit.Source.PLATFORM,
    problem: Message | None = None,
    actor: Actor | Person | None = None,
) -> ProfileAudit:
    """Judge what was read (``None``: nothing could be) and store it; tell of new failures.

    A check that held at the last reading and fails now (or fails at the first reading) is
    news: the administrators and the manager are told once, not every week. A profile that
    cannot be read is news only the first time in a row.
    """
    previous = ProfileAudit.objects.filter(channel=channel).first()
    person = actor.person if isinstance(actor, Actor) else actor
    audit = ProfileAudit(
        channel=channel,
        at=timezone.now(),
        source=source if read is not None else ProfileAudit.Source.NONE,
        # NUL and other controls cannot be stored (PostgreSQL refuses NUL); U+FFFD shows them.
        read_name=clean_text(name)[:MAX_NAME],
        problem=stored(problem) if problem is not None else "",
        requested_by=person if isinstance(person, Person) else None,
    )
    if read is None:
        audit.outcome = ProfileAudit.Outcome.UNREAD
    else:
        text = read.text if isinstance(read.text, str) else ""
        audit.read_text = clean_text(text)[:MAX_TEXT]
        audit.read_links = _bounded_links(read.links)
        # Judged on what is kept, so the stored reading always explains the stored outcome.
        judged = audit_profile(
            ProfileRead(text=audit.read_text, links=tuple(audit.read_links)),
            expected_for(channel),
        )
        audit.checks = [{"code": c.code, "passed": c.passed, "add": c.add} for c in judged.checks]
        audit.paste = judged.paste
        audit.outcome = (
            ProfileAudit.Outcome.PASSED if judged.passed else ProfileAudit.Outcome.FAILED
        )
        was_failing = set(previous.failing) if previous and previous.checks else set()
        audit.newly_failing = [code for code in audit.failing if code not in was_failing]
    audit.save()
    audit_record(
        actor=actor,
        action="channel.profile_audited",
        obj=channel,
        detail={"outcome": audit.outcome, "missing": audit.failing, "source": audit.source},
    )
    newly_unread = audit.outcome == ProfileAudit.Outcome.UNREAD and (
        previous is None or previous.outcome != ProfileAudit.Outcome.UNREAD
    )
    if audit.newly_failing or newly_unread:
        _tell(channel, audit)
    return audit


def _tell(channel: Channel, audit: ProfileAudit) -> None:
    url = reverse("channels:detail", args=[channel.public_id])
    if audit.outcome == ProfileAudit.Outcome.UNREAD:
        subject = Message(
            gettext_lazy("The profile of %(name)s could not be checked"), name=channel.name
        )
        notify(people=_told(channel), subject=subject, body=audit.problem, url=url)
        return
    # The labels go into the organisation's language once; the paste text is already in it.
    with translation.override(settings.LANGUAGE_CODE):
        missing = ", ".join(str(CHECK_LABELS[c]) for c in audit.newly_failing if c in CHECK_LABELS)
    subject = Message(
        gettext_lazy("The profile of %(name)s lacks what it must say"), name=channel.name
    )
    body = Message(
        gettext_lazy("Newly missing: %(missing)s. Add this to the profile: %(paste)s"),
        missing=missing,
        paste=audit.paste,
    )
    notify(people=_told(channel), subject=subject, body=body, url=url)
