"""Platforms, channels, their lifecycle events and the mandates that let people act on them."""

import uuid

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from tillit.access.queryset import RestrictedQuerySet
from tillit.access.roles import MandateRole
from tillit.core.models import TimeStamped
from tillit.organisation.models import Department, Person

from .choices import ChannelStatus, PlatformDecision, PostApproval


class Platform(TimeStamped):
    """A social media platform and the organisation's decision about it (R1)."""

    slug = models.SlugField(_("short name"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=100)
    decision = models.CharField(
        _("decision"),
        max_length=20,
        choices=PlatformDecision.choices,
        default=PlatformDecision.NOT_ALLOWED,
    )
    reason = models.TextField(_("reason for the decision"), blank=True)
    hosts = models.JSONField(
        _("web addresses"),
        default=list,
        blank=True,
        help_text=_("Host names a channel address on this platform must use; empty allows any."),
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decided_by = models.ForeignKey(
        Person, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("platform")
        verbose_name_plural = _("platforms")

    def __str__(self) -> str:
        return self.name

    @property
    def is_open(self) -> bool:
        """Whether new channels may be proposed on this platform."""
        return self.decision in (PlatformDecision.PRIORITISED, PlatformDecision.ALLOWED)


class Channel(TimeStamped):
    """An official channel of the organisation on one platform, with its plan (R2)."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    name = models.CharField(_("name"), max_length=200)
    platform = models.ForeignKey(
        Platform, on_delete=models.PROTECT, related_name="channels", verbose_name=_("platform")
    )
    url = models.URLField(_("address"), max_length=500, unique=True)
    department = models.ForeignKey(
        Department, on_delete=models.PROTECT, related_name="channels", verbose_name=_("department")
    )
    purpose = models.TextField(_("purpose"), help_text=_("Shown to the public."))
    plan_why = models.TextField(_("why"))
    plan_goal = models.TextField(_("goal"))
    plan_audience = models.TextField(_("target audience"))
    plan_outcome = models.TextField(_("intended outcome"))
    plan_operation = models.TextField(
        _("how it will be run"), help_text=_("Content, frequency and staffing.")
    )
    status = models.CharField(
        _("status"),
        max_length=30,
        choices=ChannelStatus.choices,
        default=ChannelStatus.DRAFT,
        db_index=True,
    )
    status_changed_at = models.DateTimeField(_("status changed"), auto_now_add=True)
    created_by = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    staffing_problem = models.TextField(_("staffing problem"), blank=True)
    staffing_flagged_at = models.DateTimeField(_("flagged"), null=True, blank=True)
    # R8: set when the channel has had no own posts or replies for the organisation's period.
    dormant_since = models.DateTimeField(_("dormant since"), null=True, blank=True)
    # R12: how a reply or post names who speaks; empty for the organisation's own voice.
    # Checked by channels.services.signature (only known placeholders).
    signature_template = models.CharField(
        _("signature rule"),
        max_length=200,
        blank=True,
        help_text=_(
            "How replies and posts are signed, e.g. /{förnamn}, {funktion} or "
            "Hälsningar {namn}, {funktion}. Leave empty when the channel speaks with the "
            "organisation's voice."
        ),
    )

    # Four eyes on what the organisation says: who approves a post before it goes out.
    post_approval = models.CharField(
        _("approval of posts"),
        max_length=20,
        choices=PostApproval.choices,
        default=PostApproval.NONE,
    )

    # Replies written in the inbox wait for the same approver as posts (tillit.publishing).
    reply_approval = models.BooleanField(
        _("replies need approval too"),
        default=False,
        help_text=_("Replies written in the inbox wait for the approver named above."),
    )

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["department__name", "platform__name", "name"]
        verbose_name = _("channel")
        verbose_name_plural = _("channels")

    def __str__(self) -> str:
        return f"{self.name} ({self.platform.name})"

    @property
    def committee(self):
        """The committee (nämnd) that owns the channel through its department."""
        return self.department.committee


class ChannelEvent(models.Model):
    """One step in a channel's lifecycle: who, when, from which state to which, and why."""

    channel = models.ForeignKey(Channel, on_delete=models.CASCADE, related_name="events")
    at = models.DateTimeField(auto_now_add=True)
    actor = models.ForeignKey(Person, on_delete=models.PROTECT, null=True, related_name="+")
    action = models.CharField(max_length=40)
    from_status = models.CharField(max_length=30, choices=ChannelStatus.choices, blank=True)
    to_status = models.CharField(max_length=30, choices=ChannelStatus.choices, blank=True)
    comment = models.TextField(blank=True)

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.channel_id} {self.action}"


class MandateQuerySet(models.QuerySet):
    """Queries on mandates."""

    def valid_on(self, day):
        """Mandates in force on a day, held by active people and not revoked."""
        return self.filter(
            Q(valid_until__isnull=True) | Q(valid_until__gte=day),
            valid_from__lte=day,
            revoked_at__isnull=True,
            person__is_active=True,
        )


class Mandate(TimeStamped):
    """A manager's grant to a person to act on one channel in one role for a period (R5, R6)."""

    channel = models.ForeignKey(Channel, on_delete=models.CASCADE, related_name="mandates")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="mandates")
    role = models.CharField(_("role"), max_length=20, choices=MandateRole.choices)
    valid_from = models.DateField(_("valid from"))
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    granted_by = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    note = models.TextField(_("note"), blank=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        Person, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    objects = MandateQuerySet.as_manager()

    class Meta:
        ordering = ["channel", "role", "valid_from"]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_until__isnull=True) | Q(valid_until__gte=models.F("valid_from")),
                name="mandate_period_ordered",
            )
        ]
        verbose_name = _("mandate")
        verbose_name_plural = _("mandates")

    def __str__(self) -> str:
        return f"{self.person} – {self.get_role_display()} – {self.channel.name}"


class SavedReply(TimeStamped):
    """A short reply text the channel's administrators keep for answers they give often."""

    channel = models.ForeignKey(Channel, on_delete=models.CASCADE, related_name="saved_replies")
    title = models.CharField(_("title"), max_length=100)
    text = models.TextField(_("text"), max_length=5000)
    created_by = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["title", "id"]
        verbose_name = _("saved reply")
        verbose_name_plural = _("saved replies")

    def __str__(self) -> str:
        return self.title


class ProfileAudit(models.Model):
    """One reading of a channel's public profile and its judgement (R10, R11).

    Kept as read, so a manager (or an auditor, later) sees what the platform showed on that
    day, not what it shows now; each check's code, outcome and the text to paste are stored
    and shown in the reader's language from the code.
    """

    class Outcome(models.TextChoices):
        PASSED = "passed", _("Says everything it must")
        FAILED = "failed", _("Lacks something")
        UNREAD = "unread", _("Could not be read")

    class Source(models.TextChoices):
        PLATFORM = "platform", _("The platform's interface")
        PAGE = "page", _("The channel's public page")
        NONE = "none", _("Nothing was read")

    channel = models.ForeignKey(Channel, on_delete=models.CASCADE, related_name="profile_audits")
    at = models.DateTimeField(_("checked"))
    outcome = models.CharField(_("outcome"), max_length=10, choices=Outcome.choices)
    source = models.CharField(_("read from"), max_length=10, choices=Source.choices)
    read_name = models.CharField(_("name as read"), max_length=300, blank=True)
    read_text = models.TextField(_("text as read"), blank=True)
    read_links = models.JSONField(_("links as read"), default=list, blank=True)
    # [{"code": "sender", "passed": true, "add": "..."}], in the order the checks run.
    checks = models.JSONField(_("checks"), default=list, blank=True)
    paste = models.TextField(_("text to paste"), blank=True)
    newly_failing = models.JSONField(default=list, blank=True)
    # Why nothing (or only the page) could be read, as a stored Message (core.messages).
    problem = models.TextField(_("problem"), blank=True)
    requested_by = models.ForeignKey(
        Person, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["channel", "-at"], name="profile_audit_latest")]
        verbose_name = _("profile audit")
        verbose_name_plural = _("profile audits")

    def __str__(self) -> str:
        return f"{self.channel.name} {self.at:%Y-%m-%d} {self.outcome}"

    @property
    def failing(self) -> list[str]:
        """The codes of the checks that did not hold."""
        return [c.get("code", "") for c in self.checks if not c.get("passed")]
