"""Moderation decisions (R16): a person decides, the decision records everything, the outbox acts.

Invariants:
- Hide, delete and block cite a rule of the channel's policy version; the decision keeps
  the rule's tier and a snapshot of the item as it was.
- The platform action goes through the outbox, which refuses removal of an item whose
  record is not complete (capture before action).
- An automatic decision is recorded as the policy's and lands on the review list.
"""

from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tillit.access.actor import Actor, allowed, as_actor, person_of
from tillit.access.queryset import allows
from tillit.audit.services import audit_record
from tillit.core.exceptions import NotFound
from tillit.inbox.choices import ActionKind, ItemStatus
from tillit.inbox.models import Item
from tillit.inbox.selectors import queue_channels
from tillit.inbox.services.ingest import item_set_status
from tillit.inbox.services.outbox import action_request
from tillit.inbox.services.replies import ReplyRefused, reply_prepare
from tillit.organisation.models import Person

from ..choices import RULE_REQUIRED, DecisionKind
from ..models import Block, Decision, PolicyRule
from .policy import policy_for

# A decision named like a platform action is that action (one vocabulary from connector
# capability to outbox); "restore" undoes a hide on the platform; "keep" sends nothing.
# Keyed by str: a decision kind arrives as the checked string from the form.
PLATFORM_ACTION: dict[str, ActionKind] = {
    kind: ActionKind(kind) for kind in DecisionKind.values if kind in ActionKind.values
} | {DecisionKind.RESTORE.value: ActionKind.UNHIDE}
BLOCK_REVIEW_DAYS = 90


def _snapshot(item: Item) -> dict:
    return {
        "platform_id": item.platform_id,
        "text": item.text,
        "version": item.version,
        "kind": item.kind,
        "is_public": item.is_public,
        "permalink": item.permalink,
        "received_at": item.received_at.isoformat(),
        "raw": item.raw,
        "author": {
            "platform_id": item.author.platform_id,
            "display_name": item.author.display_name,
            "handle": item.author.handle,
            "profile_url": item.author.profile_url,
        },
        "parent_platform_id": item.parent_platform_id,
    }


@transaction.atomic
def decision_make(
    *,
    actor: Actor | Person,
    item: Item,
    kind: str,
    rule_code: str = "",
    note: str = "",
    reply_text: str = "",
    block_reason: str = "",
    review_on: date | None = None,
) -> Decision:
    """Record a decision on an item and queue its platform action.

    A person decides in the channels they moderate; the comment policy (the POLICY actor)
    may only hide, under a channel's opted-in rule, and its decision goes to review (R16).
    """
    who = as_actor(actor)
    automatic = bool(who.system)
    if automatic and kind != DecisionKind.HIDE:
        raise NotFound
    if not allowed(who, "item.hide_automatically", lambda a: allows(a, "moderate", item.channel)):
        raise NotFound
    if kind not in DecisionKind.values:
        raise ValidationError({"kind": _("Unknown decision.")})
    item = Item.objects.select_for_update().select_related("author", "channel").get(pk=item.pk)
    rule = None
    if rule_code:
        policy = policy_for(item.channel)
        rule = (
            PolicyRule.objects.filter(version=policy.version, code=rule_code).first()
            if policy
            else None
        )
        if rule is None:
            raise ValidationError({"rule": _("The rule is not in the channel's policy.")})
    if kind in RULE_REQUIRED and rule is None:
        raise ValidationError({"rule": _("Hiding, deleting and blocking must cite a rule.")})
    if kind == DecisionKind.REPLY and not reply_text.strip():
        raise ValidationError({"reply_text": _("Write the reply.")})
    if kind == DecisionKind.REPLY:
        # The same checks as a reply from the inbox's form: the platform's limit and the
        # channel's signature rule (R12), so no path queues an unsigned or too-long reply.
        try:
            reply_text = reply_prepare(
                channel=item.channel, person=person_of(actor), text=reply_text
            )
        except ReplyRefused as exc:
            raise ValidationError({"reply_text": exc.message}) from None
    if kind == DecisionKind.BLOCK and not block_reason.strip():
        raise ValidationError({"block_reason": _("A block needs a reason.")})
    decision = Decision.objects.create(
        item=item,
        kind=kind,
        rule=rule,
        tier=rule.tier if rule else "",
        snapshot=_snapshot(item),
        decided_by=person_of(actor),
        automatic=automatic,
        note=note,
        needs_review=automatic,
    )
    action_kind = PLATFORM_ACTION.get(kind)
    if action_kind:
        params = {"reason": rule.code if rule else ""}
        if kind == DecisionKind.REPLY:
            params["text"] = reply_text
        if kind == DecisionKind.BLOCK:
            params["author_platform_id"] = item.author.platform_id
        decision.action = action_request(
            actor=actor,
            channel=item.channel,
            kind=action_kind,
            item=item,
            params=params,
            idempotency_key=f"decision-{decision.pk}",
        )
        decision.save(update_fields=["action"])
    if kind == DecisionKind.BLOCK:
        _record_block(decision, item, block_reason, review_on)
    if kind != DecisionKind.REPLY:
        item_set_status(item=item, status=ItemStatus.HANDLED)
    audit_record(
        actor=actor,
        action=f"moderation.{kind}",
        obj=decision,
        detail={
            "item": item.pk,
            "rule": rule.code if rule else "",
            "tier": decision.tier,
            "automatic": automatic,
            "note": note[:500],
        },
    )
    return decision


def _record_block(decision: Decision, item: Item, reason: str, review_on: date | None) -> Block:
    earlier = list(
        Decision.objects.filter(
            item__author=item.author,
            item__channel=item.channel,
            kind__in=[DecisionKind.HIDE, DecisionKind.DELETE],
        )
        .exclude(pk=decision.pk)
        .values_list("pk", flat=True)
    )
    return Block.objects.create(
        channel=item.channel,
        author=item.author,
        decision=decision,
        reason=reason,
        earlier_violations=earlier,
        review_on=review_on or timezone.localdate() + timedelta(days=BLOCK_REVIEW_DAYS),
    )


@transaction.atomic
def decision_review(*, actor: Actor | Person, decision: Decision, note: str = "") -> Decision:
    """A person confirms an automatic decision."""
    decision = Decision.objects.select_for_update().get(pk=decision.pk)
    if decision.item.channel_id not in set(
        queue_channels(as_actor(actor)).values_list("pk", flat=True)
    ):
        raise NotFound
    decision.needs_review = False
    decision.reviewed_by = person_of(actor)
    decision.reviewed_at = timezone.now()
    decision.save(update_fields=["needs_review", "reviewed_by", "reviewed_at"])
    audit_record(actor=actor, action="moderation.review", obj=decision, detail={"note": note[:500]})
    return decision
