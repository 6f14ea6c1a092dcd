"""The demo's half-year of history: the same shape every load, curves that say something,
rows as the services would have left them, and a queue that is not flooded."""

from collections import Counter
from datetime import UTC, datetime, timedelta
from statistics import median
from zoneinfo import ZoneInfo

import pytest
from django.db import transaction

from tillit.demo import history_plan as hp
from tillit.demo import history_texts as T

STOCKHOLM = ZoneInfo("Europe/Stockholm")
# A Thursday afternoon, a Saturday night, a Monday morning after New Year, a spring morning.
NOWS = [
    datetime(2026, 12, 3, 13, 50, tzinfo=UTC),
    datetime(2026, 12, 5, 21, 0, tzinfo=UTC),
    datetime(2027, 1, 4, 6, 30, tzinfo=UTC),
    datetime(2027, 3, 15, 7, 0, tzinfo=UTC),
]


def _month(now: datetime, at: datetime) -> int:
    """0 for the last 30 days, 1 for the 30 before, ... 5 for the oldest."""
    return min((now - at).days // 30, 5)


@pytest.mark.parametrize("now", NOWS)
def test_plan_is_deterministic_and_has_its_shape(now):
    plan = hp.plan_history(now, STOCKHOLM)
    assert plan == hp.plan_history(now, STOCKHOLM)
    comments = [c for ch in plan.channels for c in ch.comments()]
    months = Counter(_month(now, c.at) for c in comments)
    assert 150 <= months[0] <= 320 and 110 <= months[1] <= 240, months
    assert 220 <= months[2] <= 420, months  # the storm
    assert all(80 <= months[m] <= 220 for m in (3, 4)), months
    assert 25 <= months[5] <= 110, months
    assert months[0] >= months[1] and months[0] > 2 * months[5]  # growth, a busier last month
    assert all(c.at <= now for c in comments)
    # Replies come faster in the last month than in the one before.
    waits: dict[int, list[float]] = {0: [], 1: []}
    for c in comments:
        if c.reply is not None and _month(now, c.at) in waits:
            waits[_month(now, c.at)].append((c.reply.at - c.at).total_seconds())
    assert median(waits[0]) < 0.8 * median(waits[1])
    # A handful is still open; everything else was handled.
    still_open = [c for c in comments if c.decision is None]
    assert 1 <= len(still_open) <= 25
    assert all(now - c.at < timedelta(days=5) for c in still_open)


def test_plan_ids_are_unique_and_threads_hang_together():
    plan = hp.plan_history(NOWS[0], STOCKHOLM)
    for ch in plan.channels:
        posts = {p.pid for p in ch.posts}
        comments = ch.comments()
        ids = [*posts, *(c.pid for c in comments), *(m.pid for m in ch.messages())]
        assert len(ids) == len(set(ids)) and all(i.startswith("hist-") for i in ids)
        known = {c.pid for c in comments} | posts
        assert all(c.parent in known for c in comments)
        assert all(c.reply is None or c.reply.at > c.at for c in comments)


def test_rude_texts_trip_their_rule_and_the_rest_none():
    from tillit.moderation.models import PolicyRule
    from tillit.moderation.services.assess import propose
    from tillit.moderation.services.policy import GUIDELINE_RULES

    rules = [PolicyRule(code=c, title=t, tier=tier, categories=cats) for c, t, tier, cats, _ in GUIDELINE_RULES]  # fmt: skip

    def proposed(text: str) -> list[str]:
        return propose(text, rules, threshold=0.5, commercial_allowed=False).rules

    for code, texts in T.RUDE.items():
        for text in texts:
            assert code in proposed(text), (code, text)
    assert "R14" in proposed(T.FALSE_ALARM)
    assert all(proposed(text) for text in T.KEPT_ALTHOUGH_FLAGGED)
    kind = [
        *T.STORM_PRAISE,
        *T.FOLLOW_UPS,
        *(q for q, _a in T.STORM_QUESTIONS + T.STORM_COMPLAINTS),
    ]
    for group in (T.QUESTIONS, T.COMPLAINTS):
        kind += [text for pairs in group.values() for pair in pairs for text in pair]
    kind += [text for texts in T.PRAISE.values() for text in texts]
    assert not [text for text in kind if proposed(text)]


class _Again(Exception):
    """Rolls the first load back, so the second starts from nothing."""


def _load(now: datetime):
    from tillit.demo.data import load_demo
    from tillit.demo.history_data import load_history_demo
    from tillit.demo.records_data import load_records_demo

    load_demo()
    load_records_demo()
    return load_history_demo(now=now)


def _shape(now: datetime) -> dict:
    """What the reports would count, read back from the database."""
    from tillit.archive.models import Capture
    from tillit.inbox.models import Item
    from tillit.moderation.models import Block, Decision
    from tillit.records.models import AccessRequest, Registration
    from tillit.retention.models import DisposalRun

    items = Item.objects.filter(platform_id__startswith="hist-")
    per_month = Counter(
        (kind, is_own, _month(now, at))
        for kind, is_own, at in items.values_list("kind", "is_own", "received_at")
    )
    return {
        "items": dict(per_month),
        "decisions": dict(
            Counter(Decision.objects.filter(item__in=items).values_list("kind", "rule__code"))
        ),
        "automatic": Decision.objects.filter(item__in=items, automatic=True).count(),
        "blocks": Block.objects.count(),
        "registrations": dict(Counter(Registration.objects.values_list("outcome", "direction"))),
        "access": dict(Counter(AccessRequest.objects.values_list("state", flat=True))),
        "runs": DisposalRun.objects.count(),
        "captures": dict(Counter(Capture.objects.values_list("channel__name", "reason", "state"))),
    }


@pytest.mark.django_db
def test_history_loads_the_same_twice_and_as_the_services_would_have(settings):
    from tillit.access.actor import actor_for
    from tillit.archive.models import Capture
    from tillit.archive.selectors import channels_overdue
    from tillit.archive.services.captures import capture_verify
    from tillit.audit.models import AuditEntry
    from tillit.audit.services import audit_verify
    from tillit.demo.history_data import load_history_demo
    from tillit.inbox.models import Item
    from tillit.inbox.selectors import queue_items
    from tillit.moderation.models import Decision
    from tillit.organisation.models import Person

    now = datetime.now(UTC).replace(microsecond=0)
    try:
        with transaction.atomic():
            first_counts = _load(now)
            first = _shape(now)
            raise _Again
    except _Again:
        pass
    assert not Item.objects.exists()
    counts = _load(now)
    assert counts == first_counts and _shape(now) == first
    assert load_history_demo(now=now) is None  # loaded once

    shape = first
    comments = Counter({m: n for (k, own, m), n in shape["items"].items() if k == "comment"})
    assert comments[0] > comments[1] and comments[0] > 2 * comments[5], comments
    assert shape["items"].get(("direct_message", False, 0), 0) >= 10
    assert shape["decisions"][("keep", None)] > 500
    assert {code for _kind, code in shape["decisions"] if code} >= {
        "R13a", "R13b", "R13d", "R13e", "R13f", "R13g", "R14"
    }  # fmt: skip
    assert shape["decisions"][("restore", None)] >= 1 and shape["automatic"] >= 2
    assert shape["blocks"] == 3 and shape["runs"] == 2
    assert shape["access"] == {"closed": 5, "open": 1}
    assert list(channels_overdue().values_list("name", flat=True)) == ["Piteå bibliotek"]

    # Not a flooded queue: of the history only what arrived in the last days is open.
    history = Item.objects.filter(platform_id__startswith="hist-")
    still_open = history.exclude(status="handled")
    assert still_open.count() <= 25
    assert not still_open.filter(received_at__lt=now - timedelta(days=5)).exists()
    administrator = actor_for(Person.objects.get(user__username="adm.kultur"))
    assert queue_items(administrator).filter(platform_id__startswith="hist-").count() <= 15

    # As the services leave it: an audit entry per decision, an intact chain, captures whose
    # files match their checksums, decisions at their historical time.
    decisions = Decision.objects.filter(item__in=history)
    audited = AuditEntry.objects.filter(
        object_type="moderation.decision", object_id__in=[str(pk) for pk in decisions.values_list("pk", flat=True)]
    )  # fmt: skip
    assert audited.values("object_id").distinct().count() == decisions.count()
    assert audit_verify().ok
    assert decisions.filter(decided_at__lt=now - timedelta(days=150)).exists()
    assert not decisions.filter(decided_at__gt=now).exists()
    assert all(i.capture_complete and i.first_seen_at >= i.received_at for i in history[:200])
    archivist = Person.objects.get(user__username="arkivarie")
    for capture in Capture.objects.filter(state="done"):
        assert capture_verify(actor=archivist, capture=capture) == []


@pytest.mark.django_db
def test_the_history_has_response_times_for_the_reports(settings, tmp_path):
    """Bulk-written history carries what ingest and decisions keep on each comment."""
    from django.utils import timezone

    from tillit.inbox.models import Item

    settings.MEDIA_ROOT = tmp_path
    _load(timezone.now())
    history = Item.objects.filter(platform_id__startswith="hist-", is_own=False, kind="comment")
    assert history.filter(reply_after_s__isnull=False).count() > 100
    assert history.filter(decision_after_s__isnull=False).count() > 100
