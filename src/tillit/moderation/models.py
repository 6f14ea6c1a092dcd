"""The comment policy as versioned data, assessments of items, decisions and blocks."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from tillit.access.queryset import RestrictedQuerySet
from tillit.channels.models import Channel
from tillit.core.models import TimeStamped
from tillit.inbox.models import ActionRequest, Author, Item
from tillit.organisation.models import Person

from .choices import DecisionKind, Priority, Tier


class PolicyVersion(TimeStamped):
    """One published version of the comment policy; channels apply exactly one."""

    number = models.PositiveIntegerField(_("version"), unique=True)
    title = models.CharField(_("title"), max_length=200)
    introduction = models.TextField(_("introduction"), blank=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    created_by = models.ForeignKey(Person, on_delete=models.PROTECT, null=True, related_name="+")
    flag_threshold = models.FloatField(_("flag threshold"), default=0.5)
    urgent_hours = models.PositiveIntegerField(_("deadline for urgent items (hours)"), default=4)
    normal_working_days = models.PositiveIntegerField(
        _("deadline for other items (working days)"), default=1
    )

    class Meta:
        ordering = ["-number"]

    def __str__(self) -> str:
        return f"{self.title} v{self.number}"


class PolicyRule(models.Model):
    """One rule of a policy version: its guideline letter, text, tier and what detects it."""

    version = models.ForeignKey(PolicyVersion, on_delete=models.CASCADE, related_name="rules")
    code = models.CharField(_("rule"), max_length=10)
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    tier = models.CharField(_("legal tier"), max_length=20, choices=Tier.choices)
    categories = models.JSONField(_("detector categories"), default=list)
    legal_reference = models.CharField(_("legal reference"), max_length=200, blank=True)

    class Meta:
        ordering = ["code"]
        constraints = [
            models.UniqueConstraint(fields=["version", "code"], name="policy_rule_unique")
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.title}"


class ChannelPolicy(TimeStamped):
    """Which policy version a channel applies, and its channel-level choices."""

    channel = models.OneToOneField(Channel, on_delete=models.CASCADE, related_name="policy")
    version = models.ForeignKey(PolicyVersion, on_delete=models.PROTECT, related_name="channels")
    commercial_allowed = models.BooleanField(
        _("commercial messages allowed"),
        default=False,
        help_text=_("R13g applies 'unless otherwise stated'."),
    )
    auto_hide_categories = models.JSONField(
        _("hide automatically"),
        default=list,
        blank=True,
        help_text=_("Detector categories hidden at once; each automatic decision is reviewed."),
    )

    def __str__(self) -> str:
        return f"{self.channel} – {self.version}"


class Assessment(models.Model):
    """What the detectors found in an item and what the policy proposes, with a deadline."""

    item = models.OneToOneField(Item, on_delete=models.CASCADE, related_name="assessment")
    policy_version = models.ForeignKey(PolicyVersion, on_delete=models.PROTECT, related_name="+")
    assessed_text_version = models.PositiveIntegerField(default=1)
    findings = models.JSONField(default=list)
    categories = models.JSONField(default=dict)
    score = models.FloatField(default=0)
    flagged = models.BooleanField(default=False, db_index=True)
    rules = models.JSONField(default=list)
    tier = models.CharField(max_length=20, choices=Tier.choices, blank=True)
    priority = models.PositiveSmallIntegerField(choices=Priority.choices, default=Priority.LOW)
    deadline = models.DateTimeField(null=True, blank=True, db_index=True)
    language = models.CharField(max_length=10, blank=True)
    # The learned model that scored the text ("" for the rules alone), its toxicity probability
    # and whether it, not a rule on its own, raised the item (R16: what the proposal rests on).
    model_version = models.CharField(max_length=40, blank=True)
    model_score = models.FloatField(null=True, blank=True)
    raised_by_model = models.BooleanField(default=False)
    escalation_level = models.PositiveSmallIntegerField(default=0)
    escalated_at = models.DateTimeField(null=True, blank=True)
    assessed_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"assessment of {self.item_id}"


class Decision(models.Model):
    """A moderation decision that holds up: the item as it was, the rule, tier, who and when."""

    item = models.ForeignKey(Item, on_delete=models.PROTECT, related_name="decisions")
    kind = models.CharField(_("decision"), max_length=20, choices=DecisionKind.choices)
    rule = models.ForeignKey(
        PolicyRule, on_delete=models.PROTECT, null=True, blank=True, related_name="decisions"
    )
    tier = models.CharField(max_length=20, choices=Tier.choices, blank=True)
    snapshot = models.JSONField(help_text=_("The item as it was when decided."))
    decided_by = models.ForeignKey(
        Person, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    automatic = models.BooleanField(default=False)
    decided_at = models.DateTimeField(auto_now_add=True, db_index=True)
    note = models.TextField(_("note"), blank=True)
    action = models.ForeignKey(
        ActionRequest, on_delete=models.PROTECT, null=True, blank=True, related_name="decisions"
    )
    author_told = models.BooleanField(_("author told"), default=False)
    report_reference = models.CharField(
        _("police or platform report number"), max_length=100, blank=True
    )
    needs_review = models.BooleanField(default=False, db_index=True)
    reviewed_by = models.ForeignKey(
        Person, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    # The earlier decision this one replaced on purpose, and why (one decision at a time).
    supersedes = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="superseded_by"
    )
    supersede_reason = models.TextField(_("reason for replacing the earlier decision"), blank=True)

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["-decided_at", "-id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.item_id}"


class Block(models.Model):
    """A block of an author: itself a decision and an official document (LEGAL.md)."""

    channel = models.ForeignKey(Channel, on_delete=models.PROTECT, related_name="blocks")
    author = models.ForeignKey(Author, on_delete=models.PROTECT, related_name="blocks")
    decision = models.OneToOneField(Decision, on_delete=models.PROTECT, related_name="block")
    reason = models.TextField(_("reason"))
    earlier_violations = models.JSONField(_("earlier violations"), default=list)
    review_on = models.DateField(_("review on"))
    lifted_at = models.DateTimeField(null=True, blank=True)

    objects = RestrictedQuerySet.as_manager()

    def __str__(self) -> str:
        return f"block {self.author} on {self.channel}"
