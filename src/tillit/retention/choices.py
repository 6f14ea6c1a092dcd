"""Choice sets of retention."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ContentClass(models.TextChoices):
    """The classes of content a disposal decision covers (R21)."""

    COMMENTS = "comments", _("Comments and replies")
    OWN_POSTS = "own_posts", _("The organisation's own posts")
    DIRECT_MESSAGES = "direct_messages", _("Direct messages after registration")
    MODERATION = "moderation", _("Moderation records")
    CAPTURES = "captures", _("Captures (screenshots)")
    BLOCKS = "blocks", _("Lifted blocks")


class RunState(models.TextChoices):
    """A disposal run's state; every state but running is final."""

    RUNNING = "running", _("Running")
    FINISHED = "finished", _("Finished")
    FAILED = "failed", _("Failed; rolled back to the last whole chunk")
    INTERRUPTED = "interrupted", _("Interrupted; the next run resumes")


class BatchState(models.TextChoices):
    """A batch of content disposed of "vid inaktualitet", which a person confirms first."""

    PROPOSED = "proposed", _("Awaiting confirmation")
    CONFIRMED = "confirmed", _("Confirmed")
    DONE = "done", _("Disposed of")
    CANCELLED = "cancelled", _("Cancelled")
