"""What is true on the platform, in words a moderator reads: derived from the latest action.

"Beslut: dölj – väntar på plattformen", "Dold på plattformen 14:02", "Misslyckades – syns
fortfarande" with the reason in Swedish. The reason comes from the action's ``reason_code``
(the platform's own words stay in ``detail``, shown as a technical detail), so nothing in
English or an internal id is put in front of a person.
"""

from dataclasses import dataclass
from datetime import datetime

from django.utils import formats, timezone
from django.utils.translation import gettext as _

from .choices import (
    PENDING_ACTION_STATES,
    PERSON_ACTIONABLE,
    RETRY_FROM,
    SETTLING_ACTIONS,
    ActionKind,
    ActionState,
)
from .models import ActionRequest, Item

# Kinds whose state the item page leads with (a report is shown in the outbox table only).
SHOWN_KINDS = SETTLING_ACTIONS | {ActionKind.REPLY}


def _pending(kind: str) -> str:
    labels: dict[str, str] = {
        ActionKind.HIDE: _("Decision: hide – waiting for the platform"),
        ActionKind.UNHIDE: _("Decision: show again – waiting for the platform"),
        ActionKind.DELETE: _("Decision: delete – waiting for the platform"),
        ActionKind.REPLY: _("Reply – waiting for the platform"),
        ActionKind.BLOCK: _("Decision: block the author – waiting for the platform"),
    }
    return labels.get(kind, _("Waiting for the platform"))


def _done(kind: str) -> str:
    labels: dict[str, str] = {
        ActionKind.HIDE: _("Hidden on the platform %(time)s"),
        ActionKind.UNHIDE: _("Visible again on the platform %(time)s"),
        ActionKind.DELETE: _("Deleted on the platform %(time)s"),
        ActionKind.REPLY: _("Reply published on the platform %(time)s"),
        ActionKind.BLOCK: _("Author blocked on the platform %(time)s"),
    }
    return labels.get(kind, _("Done on the platform %(time)s"))


def _manual(kind: str) -> str:
    labels: dict[str, str] = {
        ActionKind.HIDE: _("Hidden by hand on the platform – confirmed by %(person)s %(time)s"),
        ActionKind.UNHIDE: _(
            "Made visible by hand on the platform – confirmed by %(person)s %(time)s"
        ),
        ActionKind.DELETE: _("Deleted by hand on the platform – confirmed by %(person)s %(time)s"),
        ActionKind.REPLY: _("Replied by hand on the platform – confirmed by %(person)s %(time)s"),
        ActionKind.BLOCK: _("Blocked by hand on the platform – confirmed by %(person)s %(time)s"),
    }
    return labels.get(kind, _("Done by hand on the platform – confirmed by %(person)s %(time)s"))


def _failed(kind: str) -> str:
    labels: dict[str, str] = {
        ActionKind.HIDE: _("Failed – still visible"),
        ActionKind.UNHIDE: _("Failed – still hidden"),
        ActionKind.DELETE: _("Failed – still visible"),
        ActionKind.REPLY: _("Failed – the reply is not published"),
        ActionKind.BLOCK: _("Failed – the author is not blocked"),
    }
    return labels.get(kind, _("Failed"))


def reason_text(action: ActionRequest) -> str:
    """Why the action is not done, in Swedish; empty when there is nothing to explain."""
    base = {
        "network": _("The platform could not be reached (network or server error)."),
        "rate_limited": _("The platform asked Tillit to wait (rate limit)."),
        "token": _(
            "The channel's access to the platform has expired or been revoked; an "
            "administrator must connect the channel again."
        ),
        "refused": _("The platform refused the action."),
        "not_supported": _(
            "The platform does not let Tillit do this; do it by hand on the platform and "
            "confirm here."
        ),
        "no_connection": _("The channel has no platform connection."),
        "unknown_outcome": _(
            "Tillit stopped while sending and could not check whether it arrived."
        ),
        "not_confirmed": _("Reading the platform back did not show the effect."),
        "superseded": _("A later decision replaced it."),
    }.get(action.reason_code, "")
    if action.state == ActionState.FAILED and action.reason_code != "not_confirmed":
        gave_up = _("Tillit gave up after %(attempts)d attempts.") % {"attempts": action.attempts}
        return f"{gave_up} {base}".strip()
    if action.state == ActionState.UNKNOWN and not base:
        return _("Check on the platform whether it happened.")
    return str(base)


def when(moment: datetime | None) -> str:
    """14:02 today, else the short date and time."""
    if moment is None:
        return ""
    local = timezone.localtime(moment)
    if local.date() == timezone.localdate():
        return formats.time_format(local, "H:i")
    return formats.date_format(local, "SHORT_DATETIME_FORMAT")


@dataclass(frozen=True)
class PlatformTruth:
    """The item's state on the platform as the page states it, and what a person may do."""

    action: ActionRequest
    text: str
    tone: str  # "ok", "pending", "failed" or "neutral": the CSS class and the icon
    reason: str
    verified: bool
    can_retry: bool
    can_confirm: bool


def truth_of(action: ActionRequest | None) -> PlatformTruth | None:
    """The displayed state of one action (None: nothing was asked of the platform)."""
    if action is None:
        return None
    state, kind = action.state, action.kind
    reason = reason_text(action)
    if state in PENDING_ACTION_STATES:
        text, tone = _pending(kind), "pending"
        if state == ActionState.RETRY and action.reason_code:
            reason = _("Next attempt %(time)s. %(reason)s") % {
                "time": when(action.next_attempt_at),
                "reason": reason,
            }
    elif state == ActionState.DONE:
        text, tone = _done(kind) % {"time": when(action.completed_at)}, "ok"
    elif state == ActionState.MANUAL_DONE:
        who = action.confirmed_by.name if action.confirmed_by else _("a person")
        text = _manual(kind) % {"person": who, "time": when(action.completed_at)}
        tone = "ok"
    elif state == ActionState.CANCELLED:
        text, tone = _("Cancelled before it reached the platform"), "neutral"
    elif state == ActionState.UNKNOWN:
        text, tone = _("Outcome unknown – check on the platform"), "failed"
    else:
        text, tone = _failed(kind), "failed"
    return PlatformTruth(
        action=action,
        text=str(text),
        tone=tone,
        reason=str(reason),
        verified=action.verified_at is not None,
        can_retry=state in RETRY_FROM,
        can_confirm=state in PERSON_ACTIONABLE,
    )


def item_truths(item: Item) -> list[PlatformTruth]:
    """What the item page leads with: the latest settling action, then the latest reply.

    A reply sent after a failed hide must not push the failure out of sight, so each gets
    its own line.
    """
    rows = (
        ActionRequest.objects.filter(item=item, kind__in=SHOWN_KINDS)
        .select_related("confirmed_by")
        .order_by("-created_at", "-pk")[:50]
    )
    settling = next((a for a in rows if a.kind in SETTLING_ACTIONS), None)
    reply = next((a for a in rows if a.kind == ActionKind.REPLY), None)
    return [t for a in (settling, reply) if (t := truth_of(a)) is not None]


def truths_for(items: list[Item]) -> dict[int, PlatformTruth]:
    """The latest settling action's state of many items in one query (for list pages)."""
    latest: dict[int, ActionRequest] = {}
    rows = (
        ActionRequest.objects.filter(item__in=[i.pk for i in items], kind__in=SETTLING_ACTIONS)
        .select_related("confirmed_by")
        .order_by("item_id", "-created_at", "-pk")
    )
    for action in rows:
        if action.item_id is not None:
            latest.setdefault(action.item_id, action)
    return {pk: t for pk, a in latest.items() if (t := truth_of(a)) is not None}
