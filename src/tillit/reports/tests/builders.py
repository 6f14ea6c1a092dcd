"""Hand-counted report fixtures: a few items, replies and decisions at known times."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from itertools import count

from django.utils import timezone

from tillit.inbox.models import Author, Item
from tillit.inbox.services.response_times import note_decision, note_reply
from tillit.moderation.models import Assessment, Decision, PolicyRule, PolicyVersion

_ids = count(1)
NOVEMBER = (date(2026, 11, 1), date(2026, 11, 30))


def at(day: int, hour: float, month: int = 11) -> datetime:
    """A local time in 2026."""
    base = timezone.make_aware(datetime(2026, month, day))
    return base + timedelta(hours=hour)


def item(channel, kind: str, when: datetime, *, own: bool = False, parent=None, text="Hej") -> Item:
    author, _ = Author.objects.get_or_create(
        platform="facebook", platform_id="own" if own else "501", defaults={"display_name": "Anna"}
    )
    created = Item.objects.create(
        channel=channel,
        platform_id=f"r-{next(_ids)}",
        kind=kind,
        is_public=kind != "direct_message",
        text=text,
        author=author,
        author_name=author.display_name,
        is_own=own,
        received_at=when,
        parent=parent,
    )
    if own and parent is not None:
        note_reply(parent, when)  # as ingest does
    return created


def decide(
    item_: Item, kind: str, when: datetime, rule: PolicyRule | None = None, **extra
) -> Decision:
    decision = Decision.objects.create(
        item=item_,
        kind=kind,
        rule=rule,
        tier=rule.tier if rule else "",
        snapshot={"text": item_.text},
        **extra,
    )
    Decision.objects.filter(pk=decision.pk).update(decided_at=when)
    note_decision(item_, when)  # as the decision service does, at the decision's time
    return decision


def deadline(item_: Item, policy: PolicyVersion, when: datetime) -> Assessment:
    return Assessment.objects.create(item=item_, policy_version=policy, flagged=True, deadline=when)


def november(channel, policy: PolicyVersion) -> dict:
    """Five comments on 10 November with known reply and decision delays; see the test."""
    rule = {r.code: r for r in policy.rules.all()}
    comments = [item(channel, "comment", at(10, 10)) for _ in range(5)]
    for c, hours in zip(comments, (1, 2, 3, 10), strict=False):
        item(channel, "comment", at(10, 10 + hours), own=True, parent=c)
    # A later own reply to the first comment does not move its first-reply time.
    item(channel, "comment", at(11, 9), own=True, parent=comments[0])
    decide(comments[0], "hide", at(10, 10.5), rule["R13a"])
    decide(comments[1], "delete", at(10, 11), rule["R13b"])
    decide(comments[2], "keep", at(10, 14))
    deadline(comments[0], policy, at(10, 12))  # decided at 10:30: in time
    deadline(comments[1], policy, at(10, 10.5))  # decided at 11:00: late
    deadline(comments[3], policy, at(10, 20))  # never decided, deadline passed: late
    item(channel, "own_post", at(3, 9), own=True)
    item(channel, "own_post", at(20, 9), own=True)
    item(channel, "direct_message", at(15, 8))
    # The previous period (2-31 October): one comment, answered after 5 hours.
    october = item(channel, "comment", at(20, 8, month=10))
    item(channel, "comment", at(20, 13, month=10), own=True, parent=october)
    return {"comments": comments, "rule": rule}
