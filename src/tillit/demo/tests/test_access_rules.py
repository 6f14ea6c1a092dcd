"""Each access rule's queryset filter and its one-object predicate give the same answer.

A rule states who may do what twice: as a filter for lists and as a predicate for one
loaded object. Over the whole demo (every person, the system actors, every action, every
row of every restricted model) the two must agree, so neither can drift from the other.
"""

import pytest

from tillit.access.actor import ANONYMOUS, POLICY, SCHEDULER, actor_for
from tillit.access.queryset import RULES, RoleRule
from tillit.core.registry import registry
from tillit.organisation.models import Person

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(django_capture_on_commit_callbacks):
    from tillit.demo.data import load_demo
    from tillit.demo.records_data import load_records_demo
    from tillit.demo.stream import demo_deliver

    # Assessment runs on commit; the demo's automatic decisions need it to have run.
    with django_capture_on_commit_callbacks(execute=True):
        load_demo()
        demo_deliver(12, seed=7)
        load_records_demo()
    from django.utils import timezone

    from tillit.archive.models import Export
    from tillit.channels.models import Channel
    from tillit.inbox.models import IngestProblem, Item, ItemPresence, SavedFilter

    # Saved queue filters are each person's own; two people's, so the rule has rows to split.
    for person in Person.objects.order_by("pk")[:2]:
        SavedFilter.objects.create(person=person, name="Flaggade", query="flagged=1")
    # The demo builds no package and refuses no item; the rules need rows in every channel.
    for channel in Channel.objects.all():
        Export.objects.create(channel=channel, format="sip")
        IngestProblem.objects.create(
            channel=channel,
            kind="rejected",
            source="poll",
            reason="id too long",
            fingerprint=str(channel.pk),
            last_seen_at=timezone.now(),
        )
    # Nobody has opened an item page in the demo; one person on one item per channel.
    someone = Person.objects.first()
    seen: set[int] = set()
    for item in Item.objects.order_by("pk"):
        if item.channel_id not in seen and someone is not None:
            seen.add(item.channel_id)
            now = timezone.now()
            ItemPresence.objects.create(person=someone, item=item, opened_at=now, last_seen=now)


def test_filter_and_predicate_agree_for_every_rule_actor_and_action(demo):
    actors = [actor_for(p) for p in Person.objects.all()] + [ANONYMOUS, POLICY, SCHEDULER]
    checked = 0
    for rule in registry.values(RULES):
        rows = list(rule.model.objects.all())
        # Role rules filter by their own predicate; every other rule needs rows to be tested.
        assert rows or isinstance(rule, RoleRule), f"the demo has no {rule.model._meta.label}"
        for actor in actors:
            for action in rule.actions:
                allowed = set(
                    rule.filter(rule.model.objects.all(), actor, action).values_list(
                        "pk", flat=True
                    )
                )
                for obj in rows:
                    assert rule.allows(actor, action, obj) == (obj.pk in allowed), (
                        rule.model._meta.label,
                        action,
                        str(actor),
                        obj.pk,
                    )
                    checked += 1
    # The demo reaches far enough for the comparison to mean something.
    assert checked > 3_000


def test_a_model_without_a_rule_cannot_be_restricted():
    from tillit.core.models import PeriodicJob

    with pytest.raises(AttributeError):
        PeriodicJob.objects.restrict(ANONYMOUS)  # type: ignore[attr-defined]
