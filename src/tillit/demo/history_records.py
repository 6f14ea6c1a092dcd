"""The history's records side: direct messages registered (or not yet), access requests,
and the disposal runs that have already taken old, handed-over messages (R20, R21).

Everything goes through the records and retention services, as the registrar's and the
scheduler's work would have; the timestamps those services write as "now" are then moved
back to when it happened. Their audit entries are written now (the chain is sealed in
order), after the entries of the moderation history.
"""

from collections import Counter
from datetime import datetime, timedelta
from typing import cast

from django.db.models import Q
from django.utils import timezone

from tillit.inbox.models import Item
from tillit.organisation.models import Person
from tillit.records.choices import Direction, HandoverState
from tillit.records.models import AccessRequest, Case, Registration
from tillit.records.services.access import (
    access_entry_mask_text,
    access_request_add_items,
    access_request_close,
    access_request_open,
)
from tillit.records.services.registration import (
    case_set_reference,
    dm_mark_little_importance,
    dm_register,
)
from tillit.retention.models import DisposalLogEntry, DisposalRun, Hold
from tillit.retention.services.disposal import disposal_run

from . import history_plan as hp

#: Disposal runs this many days before the load (the 90-day rule takes older messages).
DISPOSAL_RUNS = (60, 30)
#: Access requests: days ago received, days it took (None: still open), who asked, what,
#: which items (channel key, what to pick), the outcome.
ACCESS_REQUESTS = [
    (150, 2, "Ingrid Fjällström", "Kommentarer på bibliotekets inlägg om sagostunden.",
     ("library", "sagostund"), "Lämnades ut i sin helhet."),
    (110, 3, "", "Borttagna kommentarer på Kulturskolans Instagram och besluten om dem.",
     ("culture_school", "removed"), "Lämnades ut; besluten med motivering bifogades."),
    (73, 4, "Redaktionen, Norrbottens Nyhetsbyrå (fiktiv)",
     "Alla kommentarer till Samhällsbyggnad under stormen.", ("roads", "storm"),
     "Lämnades ut med personuppgifter maskerade (OSL 21 kap. 7 §)."),
    (40, 2, "", "Beslutet att blockera ett konto på Samhällsbyggnads Facebooksida.",
     ("roads", "blocked"), "Lämnades ut."),
    (19, 3, "Amir Sundqvist", "Mina egna meddelanden till kommunen om bygglov.",
     ("roads", "messages"), "Lämnades ut; en uppgift om tredje man maskerades."),
    (2, None, "", "Kommentarer om snöröjningen den senaste veckan.", ("roads", "recent"), ""),
]  # fmt: skip
PREFIXES = {"kultur": "KFN", "samhallsbyggnad": "SBN"}
FIRST_NUMBER = 301  # above the records demo's hand-made case (SBN 2026/118)


def load_history_records(plan: hp.HistoryPlan, written: dict, counts: Counter) -> None:
    """Registrations, access requests and disposal runs, each moved back to its time."""
    registrar = Person.objects.get(user__username="registrator")
    _registrations(plan, written, registrar, counts)
    # The runs first: what a later request selects is what they left.
    for days in DISPOSAL_RUNS:
        at = plan.now - timedelta(days=days)
        run = disposal_run(now=at)
        DisposalRun.objects.filter(pk=run.pk).update(
            started_at=at,
            heartbeat_at=at + timedelta(seconds=2),
            finished_at=at + timedelta(seconds=3),
        )
        DisposalLogEntry.objects.filter(run=run).update(at=at + timedelta(seconds=2))
        counts["disposal runs"] += 1
        counts["disposed of"] += sum(run.entries.values_list("count", flat=True))
    _access_requests(plan, registrar, counts)


def _registrations(plan, written, registrar: Person, counts: Counter) -> None:
    """Each received message decided in time order; a conversation's messages share a case."""
    todo = []
    for cp in plan.channels:
        for convo in cp.conversations:
            for m in convo.messages:
                item = written.get((cp.profile.channel, m.pid))
                if item is not None and not m.own and m.registration is not None:
                    todo.append((m.registration, convo, item))
                elif item is not None and not m.own:
                    counts[f"{cp.profile.channel}: direct messages waiting"] += 1
    cases: dict[str, Case] = {}
    numbered: list[tuple[datetime, Case]] = []
    for reg, convo, item in sorted(todo, key=lambda t: t[0].at):
        if reg.outcome == "registered":
            case = cases.get(convo.pid)
            made = dm_register(actor=registrar, item=item, subject=reg.subject, case=case)
            if case is None:
                case = cases[convo.pid] = cast(Case, made.case)
                Case.objects.filter(pk=case.pk).update(created_at=reg.at, updated_at=reg.at)
                if reg.reference_at is not None:
                    numbered.append((reg.reference_at, case))
        else:
            made = dm_mark_little_importance(actor=registrar, item=item, reason=reg.reason)
        Registration.objects.filter(pk=made.pk).update(created_at=reg.at, updated_at=reg.at)
        counts[f"{item.channel.name}: registrations {reg.outcome}"] += 1
    # Own replies joined their case when they were written, or when the case was made.
    for out in Registration.objects.filter(
        case__in=list(cases.values()), direction=Direction.OUTGOING
    ).select_related("item", "case"):
        at = max(out.received_at, out.case.created_at) if out.case else out.received_at
        Registration.objects.filter(pk=out.pk).update(created_at=at, updated_at=at)
    serial: Counter = Counter()
    for at, case in sorted(numbered, key=lambda t: t[0]):
        first = (
            case.registrations.filter(item__isnull=False)
            .select_related("item__channel__department")
            .first()
        )
        prefix = (
            PREFIXES.get(first.item.channel.department.slug, "KS") if first and first.item else "KS"
        )
        year = timezone.localtime(at).year
        serial[(prefix, year)] += 1
        case_set_reference(
            actor=registrar,
            case=case,
            reference=f"{prefix} {year}/{FIRST_NUMBER + serial[(prefix, year)]}",
        )
        Case.objects.filter(pk=case.pk).update(updated_at=at)
        case.registrations.exclude(handover_state=HandoverState.NOT_APPLICABLE).update(
            handed_over_at=at, updated_at=at
        )
        counts["cases numbered"] += 1


def _picked(plan: hp.HistoryPlan, key: str, what: str, received: datetime) -> list[Item]:
    """The items an access request covers, as the registrar would have searched them out."""
    name = next(p.channel for p in hp.PROFILES if p.key == key)
    qs = Item.objects.filter(
        channel__name=name, platform_id__startswith="hist-", received_at__lt=received
    ).select_related("channel")
    if what == "sagostund":
        posts = qs.filter(kind="own_post", text__icontains="sagostund").order_by("received_at")[:2]
        return list(qs.filter(Q(pk__in=posts) | Q(parent__in=posts)))
    if what == "removed":
        return list(qs.filter(decisions__kind__in=["hide", "delete"]).distinct()[:10])
    if what == "storm":
        start = plan.now - timedelta(days=hp.STORM_DAYS.stop)
        storm = qs.filter(received_at__gte=start, kind__in=["comment", "reply"])
        return list(storm.order_by("received_at")[:40])
    if what == "blocked":
        return list(qs.filter(decisions__kind="block").distinct())
    if what == "messages":
        return list(qs.filter(kind="direct_message", text__icontains="bygglov")[:4])
    return list(
        qs.filter(received_at__gte=received - timedelta(days=7), text__icontains="plog")[:15]
    )


def _access_requests(plan: hp.HistoryPlan, registrar: Person, counts: Counter) -> None:
    for days, took, requester, description, (key, what), outcome in ACCESS_REQUESTS:
        received = plan.now - timedelta(days=days)
        request = access_request_open(
            actor=registrar, description=description, requester=requester, received_at=received
        )
        items = _picked(plan, key, what, received)
        access_request_add_items(actor=registrar, request=request, items=items)
        for entry in request.entries.select_related("item"):
            for phrase in ("070-174 06 12", "19121212-1212"):
                if entry.item and phrase in entry.item.text:
                    access_entry_mask_text(
                        actor=registrar, entry=entry, phrase=phrase, ground="OSL 21 kap. 7 §"
                    )
        closed = None
        if took is not None:
            closed = received + timedelta(days=took, hours=3)
            access_request_close(actor=registrar, request=request, outcome_note=outcome)
        AccessRequest.objects.filter(pk=request.pk).update(
            created_at=received, updated_at=closed or received, closed_at=closed
        )
        Hold.objects.filter(access_request=request).update(
            placed_at=received + timedelta(minutes=5), released_at=closed
        )
        counts["access requests " + ("closed" if closed else "open")] += 1
