"""The action outbox: platform actions queued, retried with back-off, and never done twice.

Invariants:
- Hide and delete are refused unless the item's full record is stored (capture before action).
- Each action has a unique idempotency key; asking again with the same key returns the
  same action instead of a second one.
- A worker claims an action by a conditional UPDATE; only one worker sends it.
- An action found still "sending" after its lease (the worker died between sending and
  recording) is reconciled first: idempotent actions (hide, unhide, delete, block) are
  simply repeated; a reply is looked for on the platform before it is sent again, and the
  idempotency key travels to platforms that honour one (Mastodon).
- Where the connector can read an item's state back (READ_STATE), a recovered hide, unhide
  or delete asks the platform first and is recorded done without a second call when the
  effect is already there; a "done" one is read back later (services/reconcile.py).
- A publish (a post written in Tillit, see tillit.publishing) has no item; after a crash it is
  looked for among the account's own posts before it is sent again, like a reply.
- Apps above the inbox learn an action's outcome through the ``action_finished`` registry
  store, called inside the same transaction that records it.
- An item's status follows its latest settling action (hide, unhide, delete, block): it is
  handled only once that action took effect, so a failed hide never reads "handled".
"""

import html
import logging
import random
import uuid
from datetime import timedelta

import httpx
from django.conf import settings
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tillit.access.actor import SCHEDULER, Actor, person_of
from tillit.audit.services import audit_record
from tillit.channels.models import Channel
from tillit.channels.selectors import channel_administrators
from tillit.connectors.base import (
    ActionResult,
    ActionStatus,
    Capability,
    ItemKind,
    Media,
    PlatformState,
    Publication,
    refusal,
)
from tillit.connectors.errors import (
    ConnectorError,
    PlatformRefused,
    RateLimited,
    TokenInvalid,
    TransientError,
)
from tillit.core.messages import Message, describe, stored
from tillit.core.registry import registry
from tillit.organisation.models import Person
from tillit.organisation.notify import notify

from ..choices import (
    FINAL_ACTION_STATES,
    REMOVING_ACTIONS,
    SETTLING_ACTIONS,
    SUCCESS_ACTION_STATES,
    ActionKind,
    ActionState,
    ItemStatus,
)
from ..models import ActionRequest, Connection, Item
from .connections import connection_mark_invalid, connection_mark_ok, connector_for

logger = logging.getLogger(__name__)


def lease() -> timedelta:
    """How long a claimed action is its worker's before another may take it over
    (TILLIT_OUTBOX_LEASE_S, 5 minutes): longer than any platform call may take."""
    return timedelta(seconds=settings.TILLIT_OUTBOX_LEASE_S)


BASE_DELAY = timedelta(seconds=30)
MAX_DELAY = timedelta(hours=1)
# About two days of hourly retries: a platform down for an hour (or a day) loses nothing.
MAX_ATTEMPTS = 60

# A done hide, unhide or delete is read back this long after, where the platform can say.
VERIFY_DELAY = timedelta(seconds=30)
# An action whose outcome is unknown is looked up again this often.
UNKNOWN_RECHECK = timedelta(minutes=10)
#: Kinds whose effect READ_STATE can show.
READ_BACK_KINDS = {ActionKind.HIDE, ActionKind.UNHIDE, ActionKind.DELETE}
#: Kinds that write something new on the platform: sent twice, they are there twice.
WRITING_KINDS = {ActionKind.REPLY, ActionKind.PUBLISH}
#: Registry store of callables(action, permalink) told of every final outcome.
FINISHED_STORE = "action_finished"
#: An image larger than this is not read into memory for a publish (no platform takes more).
MAX_MEDIA_BYTES = 20 * 1024 * 1024

#: Test seam: called right after the platform answered and before the outcome is recorded.
after_send_hooks: list = []


class CaptureIncomplete(Exception):
    """The item's full record is not stored yet, so it may not be hidden or deleted."""


@transaction.atomic
def action_request(
    *,
    actor: Actor | Person,
    channel: Channel,
    kind: str,
    item: Item | None = None,
    params: dict | None = None,
    idempotency_key: str | None = None,
) -> ActionRequest:
    """Queue one platform action; refuses removal of an item that is not fully captured."""
    if kind not in ActionKind.values:
        raise ValueError(f"unknown action {kind!r}")
    if item is not None and item.channel_id != channel.pk:
        raise ValueError("the item belongs to another channel")
    if kind in REMOVING_ACTIONS:
        if item is None:
            raise ValueError(f"a {kind} needs an item")
        fresh = Item.objects.select_for_update().get(pk=item.pk)
        if not fresh.capture_complete:
            raise CaptureIncomplete(_("The item is not completely stored yet; try again shortly."))
    key = idempotency_key or f"{kind}-{uuid.uuid4()}"
    existing = ActionRequest.objects.filter(idempotency_key=key).first()
    if existing is not None:
        return existing
    action = ActionRequest.objects.create(
        channel=channel,
        item=item,
        kind=kind,
        params=params or {},
        idempotency_key=key,
        next_attempt_at=timezone.now(),
        requested_by=person_of(actor),
    )
    audit_record(
        actor=actor,
        action=f"outbox.{kind}",
        obj=action,
        detail={"item": item.pk if item else None, "key": key},
    )
    from ..tasks import run_action

    transaction.on_commit(lambda: run_action.enqueue(action.pk))
    return action


def _claim(action_id: int, worker_id: str) -> tuple[ActionRequest | None, bool]:
    """Claim a due action for this worker; the second value says it is a recovery."""
    now = timezone.now()
    fields = {
        "state": ActionState.SENDING,
        "claimed_by": worker_id,
        "claimed_at": now,
        "attempts": F("attempts") + 1,
    }
    won = ActionRequest.objects.filter(
        pk=action_id, state__in=[ActionState.QUEUED, ActionState.RETRY], next_attempt_at__lte=now
    ).update(**fields)
    recovering = False
    if not won:
        won = ActionRequest.objects.filter(
            pk=action_id, state=ActionState.SENDING, claimed_at__lt=now - lease()
        ).update(**fields)
        recovering = bool(won)
    if not won:
        return None, False
    return ActionRequest.objects.select_related("channel", "item").get(pk=action_id), recovering


def _backoff(attempts: int) -> timedelta:
    delay = min(BASE_DELAY * (2 ** max(attempts - 1, 0)), MAX_DELAY)
    return delay + timedelta(seconds=random.uniform(0, delay.total_seconds() * 0.1))  # noqa: S311


def _target(action: ActionRequest) -> Item:
    """The item an action acts on; only a block may come without one."""
    if action.item is None:
        raise ValueError(f"a {action.kind} needs an item")
    return action.item


def _send(connector, action: ActionRequest) -> ActionResult:
    p = action.params
    if action.kind == ActionKind.PUBLISH:
        return connector.publish(publication_of(p), action.idempotency_key)
    if action.kind == ActionKind.BLOCK:
        return connector.block(
            p["author_platform_id"],
            context_platform_id=action.item.platform_id if action.item else None,
        )
    item = _target(action)
    if action.kind == ActionKind.HIDE:
        return connector.hide(item.platform_id)
    if action.kind == ActionKind.UNHIDE:
        return connector.unhide(item.platform_id)
    if action.kind == ActionKind.DELETE:
        return (
            connector.delete_own(item.platform_id)
            if item.is_own
            else connector.delete(item.platform_id)
        )
    if action.kind == ActionKind.REPLY:
        return connector.reply(item.platform_id, p["text"], action.idempotency_key)
    if action.kind == ActionKind.REPORT:
        return connector.report(
            item.platform_id,
            reason=p.get("reason", ""),
            author_platform_id=p.get("author_platform_id"),
        )
    raise ValueError(action.kind)


def publication_of(params: dict) -> Publication:
    """The post a publish action carries: its text, link and images from the media store."""
    media = []
    for entry in params.get("media") or ():
        if default_storage.size(entry["path"]) > MAX_MEDIA_BYTES:
            raise PlatformRefused(Message(gettext_lazy("An image is too large to publish.")))
        with default_storage.open(entry["path"], "rb") as handle:
            data = handle.read(MAX_MEDIA_BYTES + 1)
        media.append(
            Media(
                data=data,
                media_type=entry.get("media_type", ""),
                alt_text=entry.get("alt_text", ""),
                name=entry.get("name") or "image",
                url=entry.get("url") or None,
            )
        )
    return Publication(params.get("text", ""), params.get("link") or None, tuple(media))


class ReplyLookupFailed(Exception):
    """After a crash mid-send, the platform could not be asked whether the text arrived."""


def _words(text: str) -> str:
    """Text as compared after a crash: markup gone, whitespace collapsed (platforms reflow)."""
    # Mastodon hands statuses back as HTML, with paragraphs and <br> where we sent newlines.
    spaced = (text or "").replace("<br", " <br").replace("</p>", " </p>")
    return " ".join(html.unescape(strip_tags(spaced)).split())


def _already_sent(connector, action: ActionRequest) -> str | None:
    """After a crash mid-reply or mid-publish: the platform id of what we sent, if it is there.

    Raises ReplyLookupFailed when the platform cannot be asked: sending again could post it
    twice, so the caller holds the action for a person instead.
    """
    own = action.channel.connection.account_platform_id
    parent = _target(action).platform_id if action.kind == ActionKind.REPLY else None
    sent = _words(action.params.get("text", ""))[:200]
    try:
        fetched = connector.fetch_items(None)
    except ConnectorError as exc:
        raise ReplyLookupFailed(exc.message) from exc
    for inbound in fetched.items:
        if parent is not None and inbound.parent_platform_id != parent:
            continue
        if parent is None and inbound.kind != ItemKind.OWN_POST:
            continue
        if (not own or inbound.author.platform_id == own) and sent in _words(inbound.text):
            return inbound.platform_id
    return None


def outbox_execute(action_id: int, *, worker_id: str = "worker") -> ActionRequest | None:
    """Try one action once; record done, refused, not supported, or when to retry."""
    action, recovering = _claim(action_id, worker_id)
    if action is None:
        return None
    try:
        connection = action.channel.connection
    except Connection.DoesNotExist:
        return _finish(
            action,
            ActionState.FAILED,
            Message(gettext_lazy("The channel has no platform connection.")),
            reason_code="no_connection",
        )
    connector = connector_for(connection)
    recovering = recovering or action.needs_lookup
    try:
        if recovering and action.kind in READ_BACK_KINDS:
            seen = effect_on_platform(action, read_state(connector, action))
            if seen:
                return _finish(
                    action,
                    ActionState.DONE,
                    Message(
                        gettext_lazy(
                            "Found done on the platform when checked after a restart or retry."
                        )
                    ),
                    ref=_target(action).platform_id,
                    verified=True,
                )
        if recovering and action.kind in WRITING_KINDS:
            try:
                ref = _already_sent(connector, action)
            except ReplyLookupFailed as exc:
                return _finish(
                    action,
                    ActionState.UNKNOWN,
                    Message(
                        gettext_lazy(
                            "Tillit stopped while sending this reply and could not check whether "
                            "it arrived (%(reason)s). It is not sent again: check the platform."
                        )
                        if action.kind == ActionKind.REPLY
                        else gettext_lazy(
                            "Tillit stopped while publishing this post and could not check "
                            "whether it arrived (%(reason)s). It is not sent again: check the "
                            "platform."
                        ),
                        reason=exc.args[0],
                    ),
                    reason_code="unknown_outcome",
                )
            if ref:
                return _finish(
                    action,
                    ActionState.DONE,
                    Message(gettext_lazy("Found on the platform after a restart.")),
                    ref=ref,
                )
        if action.needs_lookup:
            # The platform was asked and the effect is not there: sending is safe.
            ActionRequest.objects.filter(pk=action.pk).update(needs_lookup=False)
        result = _send(connector, action)
        for hook in after_send_hooks:
            hook(action, result)
    except RateLimited as exc:
        delay = timedelta(seconds=max(exc.retry_after or 60, 1))
        return _retry(
            action,
            Message(
                gettext_lazy("The platform asks Tillit to slow down: %(reason)s"),
                reason=exc.message,
            ),
            delay,
            "rate_limited",
        )
    except TokenInvalid as exc:
        connection_mark_invalid(connection=connection, detail=exc.message)
        return _retry(
            action,
            Message(gettext_lazy("The platform refused the token: %(reason)s"), reason=exc.message),
            MAX_DELAY,
            "token",
        )
    except (TransientError, httpx.TransportError) as exc:
        return _retry(
            action,
            Message(gettext_lazy("Temporary failure: %(reason)s"), reason=describe(exc)),
            _backoff(action.attempts),
            "network",
        )
    except PlatformRefused as exc:
        return _finish(action, ActionState.REFUSED, refusal(exc), reason_code="refused")
    finally:
        connector.close()
    connection_mark_ok(connection)
    state = {
        ActionStatus.DONE: ActionState.DONE,
        ActionStatus.REFUSED: ActionState.REFUSED,
        ActionStatus.NOT_SUPPORTED: ActionState.NOT_SUPPORTED,
    }[result.status]
    code = {ActionState.REFUSED: "refused", ActionState.NOT_SUPPORTED: "not_supported"}
    return _finish(
        action,
        state,
        result.detail,
        ref=result.platform_ref or "",
        reason_code=code.get(state, ""),
        read_back=connector.supports(Capability.READ_STATE),
        permalink=result.permalink or "",
    )


def read_state(connector, action: ActionRequest) -> PlatformState | None:
    """The platform's word on the action's item, or None where it cannot say."""
    # The connector answers None itself where the platform cannot say (no READ_STATE).
    if action.item is None:
        return None
    return connector.read_state(action.item.platform_id)


def effect_on_platform(action: ActionRequest, state: PlatformState | None) -> bool | None:
    """Whether the platform shows the action's effect: True, False, or None (cannot tell)."""
    if state is None or action.kind not in READ_BACK_KINDS:
        return None
    if action.kind == ActionKind.DELETE:
        return not state.exists
    if action.kind == ActionKind.HIDE:
        # Gone altogether is at least as good as hidden: the public cannot see it.
        return True if not state.exists else state.hidden
    if not state.exists:
        return False
    return None if state.hidden is None else not state.hidden


def _retry(
    action: ActionRequest, detail: Message, delay: timedelta, reason_code: str = ""
) -> ActionRequest:
    if action.attempts >= MAX_ATTEMPTS:
        return _finish(
            action,
            ActionState.FAILED,
            Message(
                gettext_lazy("Gave up after %(attempts)s attempts: %(reason)s"),
                attempts=action.attempts,
                reason=detail,
            ),
            reason_code=reason_code,
        )
    ActionRequest.objects.filter(pk=action.pk, claimed_by=action.claimed_by).update(
        state=ActionState.RETRY,
        next_attempt_at=timezone.now() + delay,
        detail=stored(detail, max_length=2000),
        reason_code=reason_code,
        claimed_by="",
        claimed_at=None,
    )
    logger.info("outbox %s: retry in %s (%r)", action.pk, delay, detail)
    action.refresh_from_db()
    return action


# What a hide, unhide or delete does to the item row: (field, value once it took effect).
_EFFECT: dict[str, tuple[str, bool]] = {
    ActionKind.HIDE.value: ("is_hidden", True),
    ActionKind.UNHIDE.value: ("is_hidden", False),
    ActionKind.DELETE.value: ("is_deleted", True),
}


def apply_effect(action: ActionRequest, *, undo: bool = False) -> None:
    """Mirror a successful hide, unhide or delete on the item row (``undo``: the platform
    says it did not happen after all)."""
    effect = _EFFECT.get(action.kind)
    if effect and action.item_id:
        field, value = effect
        Item.objects.filter(pk=action.item_id).update(**{field: value ^ undo})


def item_settle(action: ActionRequest) -> None:
    """Set the item's status from its latest settling action: handled only once it took effect.

    An older action finishing (or failing) says nothing about the item once a newer decision
    has queued another, so only the latest one, cancelled ones aside, moves the status.
    """
    if not action.item_id or action.kind not in SETTLING_ACTIONS:
        return
    latest = (
        ActionRequest.objects.filter(item_id=action.item_id, kind__in=SETTLING_ACTIONS)
        .exclude(state=ActionState.CANCELLED)
        .order_by("-created_at", "-pk")
        .values_list("pk", "state")
        .first()
    )
    if latest is None or latest[0] != action.pk:
        return
    status = (
        ItemStatus.HANDLED if latest[1] in SUCCESS_ACTION_STATES else ItemStatus.NEEDS_ATTENTION
    )
    Item.objects.filter(pk=action.item_id).update(status=status)


@transaction.atomic
def _finish(
    action: ActionRequest,
    state: str,
    detail: Message | str,
    ref: str = "",
    reason_code: str = "",
    verified: bool = False,
    read_back: bool = False,
    permalink: str = "",
) -> ActionRequest:
    # ``read_back``: the connector can read the item's state, so a done hide, unhide or
    # delete is checked again after VERIFY_DELAY (services/reconcile.py).
    # ``detail`` is stored as a message (tillit.core.messages) and shown in the reader's
    # language with ``{{ action.detail|shown }}``.
    action = ActionRequest.objects.select_for_update().select_related("channel").get(pk=action.pk)
    if action.state in FINAL_ACTION_STATES:
        return action
    now = timezone.now()
    action.state = state
    action.detail = stored(detail, max_length=2000)
    action.result_ref = (ref or "")[:300]
    action.reason_code = "" if state == ActionState.DONE else reason_code
    action.completed_at = now
    action.needs_lookup = False
    action.verified_at = now if verified else None
    action.verify_after = None
    if state == ActionState.DONE and not verified and action.kind in READ_BACK_KINDS:
        action.verify_after = now + VERIFY_DELAY if read_back else None
    elif state == ActionState.UNKNOWN:
        action.verify_after = now + UNKNOWN_RECHECK
    action.save(
        update_fields=[
            "state",
            "detail",
            "result_ref",
            "reason_code",
            "completed_at",
            "needs_lookup",
            "verified_at",
            "verify_after",
            "updated_at",
        ]
    )
    if state == ActionState.DONE:
        apply_effect(action)
    item_settle(action)
    audit_record(
        actor=SCHEDULER,
        action=f"outbox.{state}",
        obj=action,
        detail={
            "kind": action.kind,
            "attempts": action.attempts,
            "ref": ref,
            "detail": stored(detail, max_length=300),
        },
    )
    announce_outcome(action, permalink)
    if state == ActionState.UNKNOWN:
        notify(
            people=channel_administrators(action.channel),
            subject=Message(
                gettext_lazy("%(channel)s: check whether a reply was published")
                if action.kind == ActionKind.REPLY
                else gettext_lazy("%(channel)s: check whether a post was published"),
                channel=action.channel.name,
            ),
            body=action.detail,
            url=f"/inkorg/{action.item_id}/" if action.item_id else "/inkorg/",
        )
    return action


def announce_outcome(action: ActionRequest, permalink: str = "") -> None:
    """Tell the apps above (``action_finished``) that an action moved: done, failed, retried."""
    for subscriber in registry.values(FINISHED_STORE):
        subscriber(action, permalink)


def outbox_due_ids(limit: int = 100) -> list[int]:
    """Actions ready to try now, including those whose worker died mid-send."""
    now = timezone.now()
    return list(
        ActionRequest.objects.filter(
            Q(state__in=[ActionState.QUEUED, ActionState.RETRY], next_attempt_at__lte=now)
            | Q(state=ActionState.SENDING, claimed_at__lt=now - lease())
        )
        .order_by("next_attempt_at")
        .values_list("pk", flat=True)[:limit]
    )
