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


class ActionState(models.TextChoices):
    """An outbox action's state; done, refused and not_supported are final."""

    QUEUED = "queued", _("Queued")
    SENDING = "sending", _("Sending")
    RETRY = "retry", _("Waiting to retry")
    DONE = "done", _("Done")
    REFUSED = "refused", _("Refused by the platform")
    NOT_SUPPORTED = "not_supported", _("Not supported by the platform")
    FAILED = "failed", _("Failed; needs a person")
    UNKNOWN = "unknown", _("Outcome unknown; check on the platform")


FINAL_ACTION_STATES = {
    ActionState.DONE,
    ActionState.REFUSED,
    ActionState.NOT_SUPPORTED,
    ActionState.FAILED,
    ActionState.UNKNOWN,
}
#: Actions that remove content from public view: the item must be captured first.
REMOVING_ACTIONS = {ActionKind.HIDE, ActionKind.DELETE}
