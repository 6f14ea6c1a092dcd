"""Disposal decisions (gallringsbeslut), holds, batches awaiting confirmation, and the run log."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from tillit.access.queryset import RestrictedQuerySet
from tillit.channels.models import Channel
from tillit.core.models import TimeStamped
from tillit.inbox.models import Item
from tillit.organisation.models import Committee, Person

from .choices import BatchState, ContentClass, RunState


class DisposalRule(TimeStamped):
    """A committee's disposal decision for one class of content: a period or "vid inaktualitet"."""

    reference = models.CharField(_("decision reference"), max_length=100)
    decided_on = models.DateField(_("decided on"))
    committee = models.ForeignKey(
        Committee,
        on_delete=models.PROTECT,
        related_name="disposal_rules",
        verbose_name=_("committee"),
    )
    content_class = models.CharField(
        _("class of content"), max_length=20, choices=ContentClass.choices
    )
    period_days = models.PositiveIntegerField(
        _("kept for (days)"),
        null=True,
        blank=True,
        help_text=_("Empty means 'vid inaktualitet': a person confirms each batch."),
    )
    note = models.TextField(_("note"), blank=True)
    active = models.BooleanField(_("in force"), default=True)
    created_by = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["committee__name", "content_class", "reference"]
        constraints = [
            models.UniqueConstraint(
                fields=["committee", "content_class"],
                condition=Q(active=True),
                name="disposal_rule_one_active_per_class",
            )
        ]

    def __str__(self) -> str:
        return f"{self.reference} {self.get_content_class_display()}"

    @property
    def until_obsolete(self) -> bool:
        """Whether the rule disposes "vid inaktualitet" (no fixed period)."""
        return self.period_days is None


class Hold(models.Model):
    """A legal hold on an item, a channel or an access request: nothing under it is disposed of.

    While in force it names exactly one target. Once released, the hold is only history and its
    target may be disposed of later (SET_NULL); `label` keeps what it was on.
    """

    item = models.ForeignKey(
        Item, on_delete=models.SET_NULL, null=True, blank=True, related_name="holds"
    )
    channel = models.ForeignKey(
        Channel, on_delete=models.PROTECT, null=True, blank=True, related_name="holds"
    )
    access_request = models.ForeignKey(
        "records.AccessRequest",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="holds",
    )
    label = models.CharField(max_length=400, blank=True)
    reason = models.TextField(_("reason"))
    placed_by = models.ForeignKey(Person, on_delete=models.PROTECT, null=True, related_name="+")
    placed_at = models.DateTimeField(auto_now_add=True)
    released_by = models.ForeignKey(
        Person, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    released_at = models.DateTimeField(null=True, blank=True)

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["-placed_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(released_at__isnull=False)
                    | Q(item__isnull=False, channel__isnull=True, access_request__isnull=True)
                    | Q(item__isnull=True, channel__isnull=False, access_request__isnull=True)
                    | Q(item__isnull=True, channel__isnull=True, access_request__isnull=False)
                ),
                name="hold_in_force_names_one_target",
            )
        ]

    def __str__(self) -> str:
        return self.label or f"hold {self.pk}"

    @property
    def in_force(self) -> bool:
        """Whether the hold still holds."""
        return self.released_at is None


class DisposalBatch(TimeStamped):
    """Content found for a "vid inaktualitet" rule; disposed of only once a person confirms it."""

    rule = models.ForeignKey(DisposalRule, on_delete=models.PROTECT, related_name="batches")
    object_ids = models.JSONField(default=list)
    received_before = models.DateTimeField()
    state = models.CharField(max_length=20, choices=BatchState.choices, default=BatchState.PROPOSED)
    proposed_by = models.ForeignKey(Person, on_delete=models.PROTECT, null=True, related_name="+")
    confirmed_by = models.ForeignKey(
        Person, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    confirmed_at = models.DateTimeField(null=True, blank=True)

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"batch {self.pk} ({self.state})"


class DisposalRun(models.Model):
    """One disposal run: when, who started it, how it ended. Content is never kept here."""

    started_at = models.DateTimeField(auto_now_add=True)
    heartbeat_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    state = models.CharField(max_length=20, choices=RunState.choices, default=RunState.RUNNING)
    started_by = models.ForeignKey(Person, on_delete=models.PROTECT, null=True, related_name="+")
    error = models.TextField(blank=True)

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["-started_at", "-id"]
        constraints = [
            # One run at a time: a second start fails on this index instead of racing the first.
            models.UniqueConstraint(
                fields=["state"], condition=Q(state="running"), name="disposal_one_running"
            )
        ]

    def __str__(self) -> str:
        return f"run {self.pk} ({self.state})"


class DisposalLogEntry(models.Model):
    """Per run, class and decision: how many were disposed of, and their ids (not their content)."""

    run = models.ForeignKey(DisposalRun, on_delete=models.PROTECT, related_name="entries")
    rule = models.ForeignKey(DisposalRule, on_delete=models.PROTECT, related_name="log_entries")
    content_class = models.CharField(max_length=20, choices=ContentClass.choices)
    channel = models.ForeignKey(
        Channel, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    count = models.PositiveIntegerField(default=0)
    object_ids = models.JSONField(default=list)
    skipped = models.JSONField(
        default=dict, help_text="Ids left in place and why (something still refers to them)."
    )
    at = models.DateTimeField(auto_now=True)

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["run", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["run", "rule", "channel"], name="disposal_log_one_row_per_channel"
            )
        ]

    def __str__(self) -> str:
        return f"{self.content_class} {self.count}"
