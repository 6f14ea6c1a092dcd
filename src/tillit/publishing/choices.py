"""Choice sets of publishing: a post's life, a target's, a review's verdict, check rules."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class PostState(models.TextChoices):
    """Where a post is (docs/publishing.md draws the moves)."""

    DRAFT = "draft", _("Draft")
    PENDING = "pending", _("Waiting for approval")
    APPROVED = "approved", _("Approved, scheduled")
    PUBLISHING = "publishing", _("Being published")
    PUBLISHED = "published", _("Published")
    FAILED = "failed", _("Publishing failed")
    HELD = "held", _("Held: needs the author")
    REJECTED = "rejected", _("Rejected")
    CANCELLED = "cancelled", _("Cancelled")


#: The author may still change what the post says (an edit needs a new check and approval).
EDITABLE_STATES = frozenset(
    {PostState.DRAFT, PostState.PENDING, PostState.APPROVED, PostState.HELD}
)
#: Nothing more happens to these.
FINAL_POST_STATES = frozenset({PostState.PUBLISHED, PostState.REJECTED, PostState.CANCELLED})
#: Shown in the calendar (a draft has a time only as a wish).
CALENDAR_STATES = frozenset(
    {
        PostState.PENDING,
        PostState.APPROVED,
        PostState.PUBLISHING,
        PostState.PUBLISHED,
        PostState.FAILED,
        PostState.HELD,
    }
)


class TargetState(models.TextChoices):
    """A post on one channel."""

    WAITING = "waiting", _("Not yet sent")
    QUEUED = "queued", _("Sent to the platform")
    PUBLISHED = "published", _("Published")
    FAILED = "failed", _("Failed")


class Verdict(models.TextChoices):
    """What an approver decided."""

    APPROVED = "approved", _("Approved")
    RETURNED = "returned", _("Sent back to the author")
    REJECTED = "rejected", _("Rejected")


class RuleKind(models.TextChoices):
    """The organisation's own check rules (R18) and what it publishes on purpose."""

    WORD = "word", _("Word or phrase that marks confidential text")
    PATTERN = "pattern", _("Pattern (regular expression), e.g. a case number")
    PROTECTED_NAME = "protected_name", _("Name of a person with protected identity (kept hashed)")
    OWN_DOMAIN = "own_domain", _("The organisation's own e-mail domain (may be published)")
    OWN_PHONE = "own_phone", _("The organisation's own phone number (may be published)")
