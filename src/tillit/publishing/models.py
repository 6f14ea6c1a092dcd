"""Posts written in Tillit, their channels, images, checks, reviews and overrides (R12, R18).

A post is the organisation's own record from the first keystroke: every version that went
to review, every check, override and verdict is kept, and a published post also becomes the
channel's own item in the inbox (captured and under retention like any other).
"""

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _

from tillit.access.queryset import RestrictedQuerySet
from tillit.channels.models import Channel
from tillit.core.models import TimeStamped
from tillit.inbox.models import ActionRequest, Item
from tillit.organisation.models import Person

from .choices import PostState, RuleKind, TargetState, Verdict

MAX_TEXT = 63_206  # Facebook's limit, the longest of the platforms; each channel checks its own
MAX_LINK = 2000


class Post(TimeStamped):
    """One post for one or several channels, written by one person."""

    author = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="posts")
    text = models.TextField(_("text"), blank=True, max_length=MAX_TEXT)
    link = models.URLField(_("link"), blank=True, max_length=MAX_LINK)
    # None: as soon as it is approved (or at once, where no approval is needed).
    scheduled_at = models.DateTimeField(_("publish at"), null=True, blank=True, db_index=True)
    state = models.CharField(
        _("state"), max_length=20, choices=PostState.choices, default=PostState.DRAFT
    )
    # Every change of content counts up; an approval or override holds for one version only.
    version = models.PositiveIntegerField(default=1)
    approved_version = models.PositiveIntegerField(null=True, blank=True)
    # Why the post is held, returned or failed, as a stored message (tillit.core.messages).
    state_detail = models.TextField(blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    # A reply written in the inbox on a channel whose replies need approval: it goes out as a
    # reply to this item (one channel, no images), through the same check and approval.
    reply_to = models.ForeignKey(
        Item, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["-updated_at", "-pk"]
        verbose_name = _("post")
        verbose_name_plural = _("posts")
        indexes = [models.Index(fields=["state", "scheduled_at"])]

    def __str__(self) -> str:
        first = " ".join(self.text.split())[:60]
        return first or str(_("(empty post)"))

    @property
    def is_approved(self) -> bool:
        """Approved as it reads now (an edit after approval needs approval again)."""
        return self.approved_version == self.version


class PostTarget(models.Model):
    """The post on one channel: what went out there, and what became of it."""

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="targets")
    channel = models.ForeignKey(Channel, on_delete=models.PROTECT, related_name="post_targets")
    state = models.CharField(
        max_length=20, choices=TargetState.choices, default=TargetState.WAITING
    )
    # The text as signed for this channel's rule (R12) when it was sent.
    sent_text = models.TextField(blank=True)
    action = models.OneToOneField(
        ActionRequest, on_delete=models.PROTECT, null=True, blank=True, related_name="post_target"
    )
    item = models.ForeignKey(
        Item, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    platform_ref = models.CharField(max_length=300, blank=True)
    permalink = models.TextField(blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["post", "channel"], name="one_target_per_channel")
        ]
        ordering = ["channel__name"]

    def __str__(self) -> str:
        return f"{self.post} → {self.channel}"


class PostImage(models.Model):
    """An image of a post, re-encoded without its metadata (no GPS position goes out)."""

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="images")
    file = models.FileField(upload_to="publishing/%Y/%m/")
    media_type = models.CharField(max_length=40)
    size = models.PositiveIntegerField()
    width = models.PositiveIntegerField(default=0)
    height = models.PositiveIntegerField(default=0)
    alt_text = models.CharField(_("alt text"), max_length=1000)
    name = models.CharField(max_length=200, blank=True)
    position = models.PositiveSmallIntegerField(default=0)
    # Instagram fetches the image itself: it gets this unguessable address while publishing.
    public_token = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)

    class Meta:
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.alt_text[:60]


class PostCheck(models.Model):
    """One run of the pre-publication check (R18) on one version of a post."""

    class Stage(models.TextChoices):
        SUBMIT = "submit", _("Before approval")
        PUBLISH = "publish", _("At publishing")
        DRAFT = "draft", _("While writing")

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="checks")
    version = models.PositiveIntegerField()
    stage = models.CharField(max_length=20, choices=Stage.choices)
    allowed = models.BooleanField()
    # [{category, start, end, detector, evidence, blocking}] as checks.CheckFinding.as_dict
    findings = models.JSONField(default=list)
    # Stored messages: why the post may not go out as it is.
    reasons = models.JSONField(default=list)
    checked_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-checked_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.post_id} v{self.version} {self.stage}"


class PostReview(models.Model):
    """An approver's verdict on one version of a post."""

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="reviews")
    reviewer = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    version = models.PositiveIntegerField()
    verdict = models.CharField(max_length=20, choices=Verdict.choices)
    comment = models.TextField(blank=True, max_length=2000)
    decided_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-decided_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.post_id} v{self.version}"


class PostOverride(models.Model):
    """A person with the right lets a blocked version out anyway, with a written reason."""

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="overrides")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    version = models.PositiveIntegerField()
    reason = models.TextField(max_length=2000)
    # The blocking findings overridden: the same again at publishing passes, a new one does not.
    findings = models.JSONField(default=list)
    decided_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-decided_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.post_id} v{self.version}"


class CheckRule(TimeStamped):
    """One of the organisation's own rules for the check: a marker, a protected name, or what
    it publishes on purpose (its own e-mail domains and phone numbers)."""

    kind = models.CharField(_("kind"), max_length=20, choices=RuleKind.choices)
    # Empty for a protected name: only its keyed hash is kept (``digest``).
    value = models.CharField(_("value"), max_length=300, blank=True)
    digest = models.CharField(max_length=64, blank=True, db_index=True)
    note = models.CharField(_("note"), max_length=200, blank=True)
    active = models.BooleanField(default=True)
    created_by = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["kind", "value", "pk"]
        verbose_name = _("check rule")
        verbose_name_plural = _("check rules")

    def __str__(self) -> str:
        if self.kind == RuleKind.PROTECTED_NAME:
            return str(_("Protected name"))
        return self.value
