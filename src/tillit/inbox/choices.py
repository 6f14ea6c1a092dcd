"""Choice sets of the inbox."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ItemKind(models.TextChoices):
    """What an item is on its platform."""

    OWN_POST = "own_post", _("Own post")
    COMMENT = "comment", _("Comment")
    REPLY = "reply", _("Reply")
    MENTION = "mention", _("Mention")
    DIRECT_MESSAGE = "direct_message", _("Direct message")


class ItemStatus(models.TextChoices):
    """Where an item stands for the moderators."""

    NEW = "new", _("New")
    NEEDS_ATTENTION = "needs_attention", _("Needs attention")
    HANDLED = "handled", _("Handled")


class ConnectionState(models.TextChoices):
    """Whether a channel's credentials work."""

    UNTESTED = "untested", _("Not yet used")
    OK = "ok", _("Working")
    INVALID = "invalid", _("Token expired or revoked")


class ActionKind(models.TextChoices):
    """What the outbox can do on a platform."""

    HIDE = "hide", _("Hide")
    UNHIDE = "unhide", _("Unhide")
    DELETE = "delete", _("Delete")
    REPLY = "reply", _("Reply")
    BLOCK = "block", _("Block")
    REPORT = "report", _("Report")
    # A post the organisation wrote in Tillit (tillit.publishing); it has no item until done.
    PUBLISH = "publish", _("Publish")


class ActionState(models.TextChoices):
    """An outbox action's state; see FINAL_ACTION_STATES for the ones that never move on their own.

    Moves (docs/adr/0011-platform-truth.md): queued/retry -> sending -> done | refused |
    not_supported | retry | failed | unknown; queued/retry -> cancelled (superseded before a
    worker claimed it); failed/refused/unknown/not_supported -> retry (a person's "try again")
    or manual_done (a person confirms doing it by hand); done/unknown -> retry when reading
    the platform back shows the effect is missing.
    """

    QUEUED = "queued", _("Queued")
    SENDING = "sending", _("Sending")
    RETRY = "retry", _("Waiting to retry")
    DONE = "done", _("Done")
    REFUSED = "refused", _("Refused by the platform")
    NOT_SUPPORTED = "not_supported", _("Not supported by the platform")
    FAILED = "failed", _("Failed; needs a person")
    UNKNOWN = "unknown", _("Outcome unknown; check on the platform")
    CANCELLED = "cancelled", _("Cancelled before it reached the platform")
    MANUAL_DONE = "manual_done", _("Done by hand on the platform")


FINAL_ACTION_STATES = {
    ActionState.DONE,
    ActionState.REFUSED,
    ActionState.NOT_SUPPORTED,
    ActionState.FAILED,
    ActionState.UNKNOWN,
    ActionState.CANCELLED,
    ActionState.MANUAL_DONE,
}
#: The action took effect on the platform (by Tillit or by a person's hand).
SUCCESS_ACTION_STATES = {ActionState.DONE, ActionState.MANUAL_DONE}
#: Not yet final: a worker will still try.
PENDING_ACTION_STATES = {ActionState.QUEUED, ActionState.SENDING, ActionState.RETRY}
#: Final without the effect (or with an unknown one): a person must act; these escalate.
STUCK_ACTION_STATES = {
    ActionState.FAILED,
    ActionState.REFUSED,
    ActionState.UNKNOWN,
    ActionState.NOT_SUPPORTED,
}
#: What a person may move by hand: retry only what ended without its effect; confirm doing it
#: on the platform, or withdraw it for a superseding decision, also while no worker holds it.
RETRY_FROM = frozenset(STUCK_ACTION_STATES)
PERSON_ACTIONABLE = frozenset(STUCK_ACTION_STATES | {ActionState.QUEUED, ActionState.RETRY})
#: Actions whose success is what "handled" means for the item: until one succeeds (or a
#: person confirms doing it by hand) the item stays in the queue.
SETTLING_ACTIONS = {ActionKind.HIDE, ActionKind.UNHIDE, ActionKind.DELETE, ActionKind.BLOCK}
#: Actions that remove content from public view: the item must be captured first.
REMOVING_ACTIONS = {ActionKind.HIDE, ActionKind.DELETE}
