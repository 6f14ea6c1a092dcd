"""Captures of channels' public pages, their schedule, and exported archival packages."""

import uuid

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from tillit.access.queryset import RestrictedQuerySet
from tillit.channels.models import Channel
from tillit.core.models import TimeStamped
from tillit.organisation.models import Person

from .choices import STAGES, CaptureReason, JobState, PackageFormat

#: "en gång i halvåret" (R22): half a year, rounded down to whole days.
DEFAULT_INTERVAL_DAYS = 182


class CaptureSchedule(TimeStamped):
    """How often a channel's page is captured, when the next one is due, and overdue notices."""

    channel = models.OneToOneField(
        Channel, on_delete=models.CASCADE, related_name="capture_schedule"
    )
    interval_days = models.PositiveIntegerField(
        _("capture every (days)"),
        default=DEFAULT_INTERVAL_DAYS,
        validators=[MinValueValidator(1), MaxValueValidator(3660)],
    )
    next_due_at = models.DateTimeField(_("next capture due"), db_index=True)
    last_done_at = models.DateTimeField(_("last capture"), null=True, blank=True)
    # The due time an overdue notice was sent for: one notice per overdue period.
    overdue_notified_for = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("capture schedule")
        verbose_name_plural = _("capture schedules")

    def __str__(self) -> str:
        return f"{self.channel_id} every {self.interval_days} d"


class Job(models.Model):
    """What captures and exports share: who asked, the state, live progress and the outcome."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    requested_by = models.ForeignKey(
        Person, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    requested_at = models.DateTimeField(_("requested"), auto_now_add=True, db_index=True)
    state = models.CharField(
        _("state"), max_length=20, choices=JobState.choices, default=JobState.QUEUED, db_index=True
    )
    progress = models.PositiveSmallIntegerField(_("progress"), default=0)
    stage = models.CharField(_("stage"), max_length=40, blank=True)
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    failure_reason = models.TextField(_("reason for the failure"), blank=True)

    class Meta:
        abstract = True

    @property
    def in_flight(self) -> bool:
        """Whether the job is still queued or running."""
        return self.state in (JobState.QUEUED, JobState.RUNNING)

    @property
    def stage_label(self) -> str:
        """The current stage in words."""
        return str(STAGES.get(self.stage, self.stage))


class Capture(Job):
    """One capture of a channel's public page: PNG, PDF, WARC, WACZ and a checksummed manifest."""

    channel = models.ForeignKey(Channel, on_delete=models.PROTECT, related_name="captures")
    reason = models.CharField(_("occasion"), max_length=20, choices=CaptureReason.choices)
    note = models.TextField(_("note"), blank=True)
    url = models.CharField(_("address"), max_length=500)
    final_url = models.CharField(_("final address"), max_length=2000, blank=True)
    title = models.CharField(_("page title"), max_length=500, blank=True)
    # role -> {"name": storage name, "path", "media_type", "format", "size", "sha256"}; filled
    # only when every file is stored and re-read with a matching checksum.
    files = models.JSONField(default=dict, blank=True)
    manifest = models.JSONField(default=dict, blank=True)
    manifest_sha256 = models.CharField(_("SHA-256 of the manifest"), max_length=64, blank=True)
    verified_at = models.DateTimeField(_("last verified"), null=True, blank=True)
    verified_ok = models.BooleanField(_("checksums matched"), null=True, blank=True)
    verify_problems = models.JSONField(default=list, blank=True)

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["-requested_at", "-id"]
        indexes = [models.Index(fields=["channel", "state", "requested_at"], name="capture_idx")]
        constraints = [
            models.CheckConstraint(condition=Q(progress__lte=100), name="capture_progress_max"),
            models.CheckConstraint(
                condition=~Q(state=JobState.DONE) | ~Q(manifest_sha256=""),
                name="capture_done_has_manifest",
            ),
        ]
        verbose_name = _("capture")
        verbose_name_plural = _("captures")

    def __str__(self) -> str:
        return f"capture {self.public_id} of {self.channel_id} ({self.state})"


class Export(Job):
    """One archival package of a channel built in the background for download."""

    channel = models.ForeignKey(Channel, on_delete=models.PROTECT, related_name="exports")
    format = models.CharField(_("format"), max_length=10, choices=PackageFormat.choices)
    package_id = models.CharField(_("package id"), max_length=200, blank=True)
    file_name = models.CharField(max_length=500, blank=True)  # storage name of the zip
    size = models.BigIntegerField(null=True, blank=True)
    sha256 = models.CharField(_("SHA-256"), max_length=64, blank=True)

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["-requested_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(progress__lte=100), name="export_progress_max"),
        ]
        verbose_name = _("archival export")
        verbose_name_plural = _("archival exports")

    def __str__(self) -> str:
        return f"export {self.public_id} of {self.channel_id} ({self.state})"
