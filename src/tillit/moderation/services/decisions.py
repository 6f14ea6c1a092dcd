"""Moderation decisions (R16): a person decides, the decision records everything, the outbox acts.

Invariants:
- Hide, delete and block cite a rule of the channel's policy version; the decision keeps
  the rule's tier and a snapshot of the item as it was.
- The platform action goes through the outbox, which refuses removal of an item whose
  record is not complete (capture before action).
- An automatic decision is recorded as the policy's and lands on the review list.
- One decision at a time (issue 11): the item row is locked (select_for_update) and its
  ``decision_seq`` raised by a conditional UPDATE, so of two forms opened at the same
  version exactly one is recorded and the other refused with what changed.
- A decision that contradicts a pending or recent one (show vs remove, or anything while
  a visibility decision is still waiting for the platform) is refused unless it says it
  supersedes it, with a reason. Superseding withdraws the earlier action if no worker has
  claimed it, and otherwise queues the reverse (hide -> unhide); a deletion that may have
  happened cannot be reversed, and the decision is refused saying so.
- The item stays in the queue until the decision's platform action took effect
  (inbox.services.outbox.item_settle); only a decision without one handles it at once.
"""

from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from tillit.access.actor import Actor, allowed, as_actor, person_of
from tillit.access.queryset import allows
from tillit.audit.services import audit_record
from tillit.core.exceptions import NotFound
from tillit.inbox.choices import (
    PENDING_ACTION_STATES,
    SETTLING_ACTIONS,
    ActionKind,
    ActionState,
    ItemStatus,
)
from tillit.inbox.models import Item
from tillit.inbox.selectors import queue_channels
from tillit.inbox.services.ingest import item_set_status
from tillit.inbox.services.outbox import action_request
from tillit.inbox.services.outbox_people import action_withdraw
from tillit.inbox.services.replies import ReplyRefused, reply_prepare
from tillit.inbox.services.response_times import note_decision
from tillit.inbox.truth import when
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
NOTE_MAX = 2000
REASON_MAX = 2000
REPLY_MAX = 5000

# What a decision means for whether the public sees the item. Two decisions contradict when
# one shows what the other removes; a block and a reply stand beside any of these.
SHOWN, REMOVED = "shown", "removed"
VISIBILITY: dict[str, str] = {
    DecisionKind.KEEP.value: SHOWN,
    DecisionKind.UNHIDE.value: SHOWN,
    DecisionKind.RESTORE.value: SHOWN,
    DecisionKind.HIDE.value: REMOVED,
    DecisionKind.DELETE.value: REMOVED,
}
# Without a deadline on the item, a decision counts as recent for this long.
RECENT = timedelta(hours=24)
# Rules are grounds for removing or blocking; a decision to show or keep cites none.
RULE_REFUSED = {DecisionKind.KEEP, DecisionKind.UNHIDE, DecisionKind.RESTORE}
# States after which the platform may already have acted.
MAY_HAVE_ACTED = {
    ActionState.SENDING,
    ActionState.DONE,
    ActionState.MANUAL_DONE,
    ActionState.UNKNOWN,
}


class StaleDecision(ValidationError):
    """Someone decided on the item after the form was opened; nothing was recorded."""


class DecisionConflict(ValidationError):
    """The decision contradicts a pending or recent one and does not say it supersedes it."""

    def __init__(self, message: str, standing: Decision) -> None:
        """Keep the decision in the way, so the page can show it."""
        super().__init__(message)
        self.standing = standing


def _who(decision: Decision) -> str:
    if decision.automatic:
        return _("the policy (automatically)")
    return decision.decided_by.name if decision.decided_by else _("someone")


def _stale(item: Item) -> StaleDecision:
    """The refusal of a stale form, naming the latest decision on the item."""
    return StaleDecision(_stale_message(item.decisions.select_related("decided_by").first()))


def _stale_message(latest: Decision | None) -> str:
    if latest is None:
        return _("The item changed while you had the page open. Check it and decide again.")
    return _(
        "%(who)s decided '%(what)s' at %(when)s while you had the page open. Check the item "
        "and decide again; your text is kept."
    ) % {"who": _who(latest), "what": latest.get_kind_display(), "when": when(latest.decided_at)}


def _window(item: Item) -> timedelta:
    assessment = getattr(item, "assessment", None)
    deadline = getattr(assessment, "deadline", None)
    if deadline and deadline > item.received_at:
        return max(deadline - item.received_at, timedelta(hours=1))
    return RECENT


def _standing(item: Item, kind: str) -> Decision | None:
    """The visibility decision a new one must not silently contradict, if any."""
    if kind not in VISIBILITY:
        return None
    latest = (
        Decision.objects.filter(item=item, kind__in=list(VISIBILITY))
        .select_related("decided_by", "action")
        .order_by("-decided_at", "-pk")
        .first()
    )
    if latest is None:
        return None
    pending = latest.action is not None and latest.action.state in PENDING_ACTION_STATES
    recent = latest.decided_at >= timezone.now() - _window(item)
    if pending or (recent and VISIBILITY[latest.kind] != VISIBILITY[kind]):
        return latest
    return None


def _conflict_message(standing: Decision) -> str:
    action = standing.action
    if action is not None and action.state in PENDING_ACTION_STATES:
        state = _("still waiting for the platform")
    elif action is not None:
        state = action.get_state_display()
    else:
        state = _("nothing to do on the platform")
    return _(
        "%(who)s decided '%(what)s' at %(when)s (%(state)s). To replace that decision, tick "
        "'Replace the earlier decision' and give a reason."
    ) % {
        "who": _who(standing),
        "what": standing.get_kind_display(),
        "when": when(standing.decided_at),
        "state": state,
    }


def _supersede(*, actor, standing: Decision, kind: str, reason: str) -> ActionKind | None:
    """Withdraw or reverse the standing decision's action; the reverse to queue, if any."""
    action = standing.action
    if action is None:
        return None
    if standing.kind == DecisionKind.DELETE and action.state in MAY_HAVE_ACTED:
        raise ValidationError(
            _(
                "The item has been deleted on the platform, or may have been: a deletion "
                "cannot be undone, so this decision was not recorded."
            )
        )
    # The stored detail already reads "Replaced by a newer decision: <reason>".
    withdrawn_from = action_withdraw(actor=actor, action=action, reason=reason[:200])
    acted = withdrawn_from is None or withdrawn_from == ActionState.UNKNOWN
    # Only a keep needs its own reverse: unhide and restore queue an unhide anyway, and a
    # new hide or delete acts for itself.
    if acted and action.kind == ActionKind.HIDE and kind == DecisionKind.KEEP:
        return ActionKind.UNHIDE
    return None


def decision_snapshot(item: Item) -> dict:
    """The item as a decision records it (text, payload, author as shown), for the record."""
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
    seen_seq: int | None = None,
    supersede: bool = False,
    supersede_reason: str = "",
) -> Decision:
    """Record a decision on an item and queue its platform action.

    A person decides in the channels they moderate; the comment policy (the POLICY actor)
    may only hide, under a channel's opted-in rule, and its decision goes to review (R16).
    ``seen_seq`` is the item's ``decision_seq`` when the form was opened (None: no check,
    for callers without a form); ``supersede`` with a reason replaces a standing decision.
    """
    who = as_actor(actor)
    automatic = bool(who.system)
    if automatic and kind != DecisionKind.HIDE:
        raise NotFound
    if not allowed(who, "item.hide_automatically", lambda a: allows(a, "moderate", item.channel)):
        raise NotFound
    if kind not in DecisionKind.values:
        raise ValidationError({"kind": _("Unknown decision.")})
    # Inner joins only: PostgreSQL refuses FOR UPDATE on the nullable side of an outer join
    # (the assessment is read lazily by _window).
    item = Item.objects.select_for_update().select_related("author", "channel").get(pk=item.pk)
    if seen_seq is not None and item.decision_seq != seen_seq:
        raise _stale(item)
    for value, limit, field in (
        (note, NOTE_MAX, "note"),
        (block_reason, REASON_MAX, "block_reason"),
        (supersede_reason, REASON_MAX, "supersede_reason"),
        (reply_text, REPLY_MAX, "reply_text"),
    ):
        if len(value) > limit:
            raise ValidationError(
                {
                    field: _("The text is %(length)d characters; at most %(limit)d fit.")
                    % {"length": len(value), "limit": limit}
                }
            )
    if rule_code and kind in RULE_REFUSED:
        raise ValidationError(
            {
                "rule": _(
                    "A rule is the ground for hiding, deleting or blocking; '%(what)s' cites "
                    "none. Choose 'No rule', or another decision."
                )
                % {"what": DecisionKind(kind).label}
            }
        )
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
    if kind == DecisionKind.BLOCK and review_on is not None and review_on < timezone.localdate():
        raise ValidationError({"review_on": _("The review date of a block cannot be in the past.")})
    standing = _standing(item, kind)
    reverse: ActionKind | None = None
    if standing is not None:
        if not supersede:
            raise DecisionConflict(_conflict_message(standing), standing)
        if not supersede_reason.strip():
            raise ValidationError(
                {"supersede_reason": _("Give a reason for replacing the earlier decision.")}
            )
        reverse = _supersede(actor=actor, standing=standing, kind=kind, reason=supersede_reason)
    # The version token moves with every decision: a form opened before this one is stale.
    if not Item.objects.filter(pk=item.pk, decision_seq=item.decision_seq).update(
        decision_seq=F("decision_seq") + 1
    ):
        raise _stale(item)
    decision = Decision.objects.create(
        item=item,
        kind=kind,
        rule=rule,
        tier=rule.tier if rule else "",
        snapshot=decision_snapshot(item),
        decided_by=person_of(actor),
        automatic=automatic,
        note=note,
        needs_review=automatic,
        supersedes=standing,
        supersede_reason=supersede_reason.strip() if standing is not None else "",
    )
    note_decision(item, decision.decided_at)
    action_kind = PLATFORM_ACTION.get(kind) or reverse
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
    if action_kind in SETTLING_ACTIONS:
        # Not handled until the platform shows it (or a person confirms doing it by hand).
        item_set_status(item=item, status=ItemStatus.NEEDS_ATTENTION)
    elif kind != DecisionKind.REPLY:
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
            "supersedes": standing.pk if standing is not None else None,
            "supersede_reason": supersede_reason[:500] if standing is not None else "",
            "reverse": reverse or "",
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
