"""Connections, items as received (with versions and attachments), authors and the action outbox."""

from datetime import timedelta

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from tillit.access.queryset import RestrictedQuerySet
from tillit.channels.models import Channel
from tillit.core.models import TimeStamped
from tillit.organisation.models import Person

from .choices import ActionKind, ActionState, ConnectionState, ItemKind, ItemStatus


class Connection(TimeStamped):
    """A channel's link to its platform: connector, encrypted parameters, polling cursor."""

    channel = models.OneToOneField(Channel, on_delete=models.CASCADE, related_name="connection")
    connector = models.CharField(_("connector"), max_length=40)
    config_encrypted = models.BinaryField(_("parameters (encrypted)"))
    state = models.CharField(
        _("state"),
        max_length=20,
        choices=ConnectionState.choices,
        default=ConnectionState.UNTESTED,
    )
    state_detail = models.CharField(_("state detail"), max_length=500, blank=True)
    cursor = models.CharField(max_length=500, blank=True)
    # Off for accounts that only push (webhooks), such as the demo's simulated pages.
    polling_enabled = models.BooleanField(_("poll the platform"), default=True)
    last_polled_at = models.DateTimeField(null=True, blank=True)
    account_platform_id = models.CharField(
        max_length=200,
        blank=True,
        help_text=_("The organisation's own account id on the platform."),
    )
    # Where webhooks name the account (Meta's page id), this routes them to the channel.
    webhook_key = models.CharField(max_length=200, blank=True, db_index=True)
    # A poll holds the connection until this time (a conditional UPDATE takes it), so two
    # workers never poll one connection at once; a dead worker's lease simply runs out.
    poll_lease_until = models.DateTimeField(null=True, blank=True)
    poll_lease_holder = models.CharField(max_length=64, blank=True)
    # Why the last poll failed, shown on the channel page; empty once a poll succeeds.
    poll_error = models.CharField(_("last poll failure"), max_length=500, blank=True)
    poll_error_at = models.DateTimeField(null=True, blank=True)

    objects = RestrictedQuerySet.as_manager()

    def __str__(self) -> str:
        return f"{self.channel} via {self.connector}"


class Author(models.Model):
    """An author as the platform displayed them; never linked to any other identity."""

    platform = models.CharField(max_length=40)
    # Ids are validated to fit (ingest refuses longer ones); names are kept whole.
    platform_id = models.CharField(max_length=300)
    display_name = models.TextField(blank=True)
    handle = models.TextField(blank=True)
    profile_url = models.TextField(blank=True)

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["platform", "platform_id"], name="author_unique")
        ]

    def __str__(self) -> str:
        return self.display_name or self.handle or self.platform_id


class Item(models.Model):
    """One post, comment, reply, mention or direct message, stored as it arrived."""

    channel = models.ForeignKey(Channel, on_delete=models.PROTECT, related_name="items")
    platform_id = models.CharField(max_length=300)
    kind = models.CharField(_("kind"), max_length=20, choices=ItemKind.choices)
    is_public = models.BooleanField(_("public"))
    text = models.TextField(_("text"), blank=True)
    text_format = models.CharField(max_length=10, default="plain")
    author = models.ForeignKey(Author, on_delete=models.PROTECT, related_name="items")
    # The name the platform showed with this item ("" when it gave none, as in Messenger
    # webhooks); the Author row keeps the latest name that was given.
    author_name = models.TextField(_("author as displayed"), blank=True)
    # Text longer than ingest's limit is stored cut, flagged here; `raw` keeps it whole.
    text_truncated = models.BooleanField(_("text shortened"), default=False)
    is_own = models.BooleanField(
        default=False, help_text=_("Written by the organisation's account.")
    )
    received_at = models.DateTimeField(
        _("received"), help_text=_("Arrival on the platform (FL 22 §).")
    )
    first_seen_at = models.DateTimeField(_("first seen by Tillit"), auto_now_add=True)
    edited_at = models.DateTimeField(null=True, blank=True)
    parent_platform_id = models.CharField(max_length=300, blank=True)
    thread_platform_id = models.CharField(max_length=300, blank=True)
    parent = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="replies"
    )
    permalink = models.TextField(blank=True)
    raw = models.JSONField(default=dict)
    version = models.PositiveIntegerField(default=1)
    status = models.CharField(
        max_length=20, choices=ItemStatus.choices, default=ItemStatus.NEW, db_index=True
    )
    is_hidden = models.BooleanField(default=False)
    is_deleted = models.BooleanField(default=False)
    removed_by_platform_at = models.DateTimeField(null=True, blank=True)
    # Capture before action: true once text, raw payload and every attachment's record are stored.
    capture_complete = models.BooleanField(default=False)
    captured_at = models.DateTimeField(null=True, blank=True)
    # The decision form's version token: raised by one conditional UPDATE per decision, so
    # a form opened before another person's decision is refused instead of overriding it.
    decision_seq = models.PositiveIntegerField(default=0)
    # Seconds to the first own reply and to the first moderation decision, and when that
    # decision came, written when they happen (services.response_times): follow-up reads
    # response times as plain integer columns, on every database.
    reply_after_s = models.PositiveIntegerField(null=True, blank=True)
    decision_after_s = models.PositiveIntegerField(null=True, blank=True)
    first_decision_at = models.DateTimeField(null=True, blank=True)
    # Who works on the item (Sprout's "assign"); set through `item_assign`, which checks that
    # the person holds a mandate on the channel.
    assigned_to = models.ForeignKey(
        Person,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="assigned_items",
        verbose_name=_("assigned to"),
    )
    assigned_at = models.DateTimeField(null=True, blank=True)

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["channel", "platform_id"], name="item_unique_per_channel"
            )
        ]
        indexes = [
            # Keyset pagination of the queue: newest or oldest first within a channel and status.
            models.Index(fields=["channel", "status", "received_at", "id"], name="item_queue_idx"),
            models.Index(fields=["status", "received_at", "id"], name="item_status_time_idx"),
            # Follow-up counts a period's rows (tillit.reports); the channel is filtered on
            # those few (PostgreSQL scans the whole table without it, SQLite too).
            models.Index(fields=["received_at"], name="item_received_idx"),
            # The open queue (what is not handled) is small beside the whole history: a
            # partial index keeps its pages as cheap at a million stored items as at ten
            # thousand (bench/bench_queue.py).
            models.Index(
                fields=["received_at", "id"],
                condition=~Q(status="handled"),
                name="item_open_time_idx",
            ),
            models.Index(
                fields=["assigned_to", "received_at", "id"],
                condition=Q(assigned_to__isnull=False),
                name="item_assigned_idx",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.platform_id}"

    @property
    def shown_author(self) -> str:
        """The sender as displayed with this item, else as last displayed, else the id."""
        return (
            self.author_name
            or self.author.display_name
            or self.author.handle
            or self.author.platform_id
        )


class ItemVersion(models.Model):
    """An earlier text of an item that was edited on the platform; nothing is overwritten."""

    item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="versions")
    version = models.PositiveIntegerField()
    text = models.TextField(blank=True)
    raw = models.JSONField(default=dict)
    edited_at = models.DateTimeField(null=True, blank=True)
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["version"]
        constraints = [
            models.UniqueConstraint(fields=["item", "version"], name="item_version_unique")
        ]

    def __str__(self) -> str:
        return f"{self.item_id} v{self.version}"


class Attachment(models.Model):
    """An attachment's metadata, and its bytes when within the configured size."""

    class Fetch(models.TextChoices):
        PENDING = "pending", _("Pending")
        STORED = "stored", _("Stored")
        TOO_LARGE = "too_large", _("Too large to store")
        FAILED = "failed", _("Could not be fetched")

    item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="attachments")
    url = models.TextField()
    media_type = models.TextField(blank=True)
    name = models.TextField(blank=True)
    size = models.BigIntegerField(null=True, blank=True)
    fetch_state = models.CharField(max_length=20, choices=Fetch.choices, default=Fetch.PENDING)
    fetch_detail = models.CharField(max_length=500, blank=True)
    sha256 = models.CharField(max_length=64, blank=True)
    file = models.FileField(upload_to="attachments/%Y/%m/", blank=True)

    def __str__(self) -> str:
        return self.name or self.url


class IngestProblem(models.Model):
    """Something a platform sent that ingest refused or had to shorten, with why and the raw payload.

    One row per channel and distinct payload: a redelivery of the same bad item counts up
    `occurrences` instead of adding rows, so a platform that retries for ever cannot fill
    the table.
    """

    class Kind(models.TextChoices):
        REJECTED = "rejected", _("Not stored")
        TRUNCATED = "truncated", _("Stored shortened")

    class Source(models.TextChoices):
        POLL = "poll", _("Polling")
        WEBHOOK = "webhook", _("Webhook")
        OTHER = "other", _("Other")

    channel = models.ForeignKey(Channel, on_delete=models.CASCADE, related_name="ingest_problems")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    source = models.CharField(_("source"), max_length=20, choices=Source.choices)
    reason = models.CharField(_("reason"), max_length=500)
    # For display and search only (cut to fit); never used to look an item up.
    platform_id = models.CharField(max_length=300, blank=True)
    item = models.ForeignKey(Item, on_delete=models.SET_NULL, null=True, blank=True)
    # JSON text, not a JSONField: a payload PostgreSQL's jsonb refuses (NUL, lone surrogates)
    # must still be kept. Bounded; `raw_complete` says whether it was cut.
    raw = models.TextField(blank=True)
    raw_complete = models.BooleanField(default=True)
    fingerprint = models.CharField(max_length=64)
    occurrences = models.PositiveIntegerField(default=1)
    first_seen_at = models.DateTimeField(auto_now_add=True)
    last_seen_at = models.DateTimeField()

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["-last_seen_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["channel", "fingerprint"], name="ingest_problem_unique_per_channel"
            )
        ]

    def __str__(self) -> str:
        return f"{self.kind}: {self.reason[:60]}"


class ActionRequest(TimeStamped):
    """One platform action in the outbox: retried until final, never performed twice."""

    channel = models.ForeignKey(Channel, on_delete=models.PROTECT, related_name="actions")
    item = models.ForeignKey(
        Item, on_delete=models.PROTECT, null=True, blank=True, related_name="actions"
    )
    kind = models.CharField(max_length=20, choices=ActionKind.choices)
    params = models.JSONField(default=dict, blank=True)
    idempotency_key = models.CharField(max_length=100, unique=True)
    state = models.CharField(
        max_length=20, choices=ActionState.choices, default=ActionState.QUEUED, db_index=True
    )
    attempts = models.PositiveIntegerField(default=0)
    next_attempt_at = models.DateTimeField(db_index=True)
    claimed_by = models.CharField(max_length=100, blank=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    result_ref = models.CharField(max_length=300, blank=True)
    detail = models.TextField(blank=True)
    requested_by = models.ForeignKey(Person, on_delete=models.PROTECT, null=True, related_name="+")
    completed_at = models.DateTimeField(null=True, blank=True)
    # Why it is not done, as a code the page turns into Swedish (the detail keeps the
    # platform's own words): network, rate_limited, token, refused, not_supported, ...
    reason_code = models.CharField(max_length=40, blank=True)
    # Ask the platform before sending again (set after a crash or on a person's retry of an
    # action whose outcome is unknown), so a retry never has a second effect.
    needs_lookup = models.BooleanField(default=False)
    # Reading the platform back: when it is due, when it confirmed, and how often it sent a
    # "done" action back to retry because the effect was missing.
    verify_after = models.DateTimeField(null=True, blank=True, db_index=True)
    verified_at = models.DateTimeField(null=True, blank=True)
    reopened = models.PositiveSmallIntegerField(default=0)
    # A person who did it by hand on the platform and confirmed it here.
    confirmed_by = models.ForeignKey(
        Person, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    confirmed_note = models.TextField(blank=True)
    # Escalation of an action that is stuck or late (R15; moderation/services/escalation.py).
    escalation_level = models.PositiveSmallIntegerField(default=0)
    escalated_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["state", "next_attempt_at"], name="outbox_due_idx")]
        constraints = [
            models.CheckConstraint(
                condition=~Q(kind__in=["hide", "unhide", "delete"]) | Q(item__isnull=False),
                name="outbox_item_actions_name_item",
            )
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.idempotency_key} ({self.state})"


#: A presence row older than this is a closed tab: ignored, and overwritten on the next view.
PRESENCE_TTL = timedelta(minutes=2)


class ItemPresence(models.Model):
    """Who has an item's page open (collision detection); rows older than PRESENCE_TTL are stale."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="presence")
    opened_at = models.DateTimeField()
    last_seen = models.DateTimeField(db_index=True)

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["person", "item"], name="item_presence_unique")
        ]

    def __str__(self) -> str:
        return f"{self.person_id} on {self.item_id}"


class SavedFilter(TimeStamped):
    """A person's own named queue filter (the query string of /inkorg/), Sprout's saved views."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="saved_filters")
    name = models.CharField(_("name"), max_length=80)
    # The filter form's own fields only, re-encoded by the saving service (never a raw URL).
    query = models.CharField(_("filter"), max_length=1000)

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["name", "id"]
        constraints = [
            models.UniqueConstraint(fields=["person", "name"], name="saved_filter_unique_name")
        ]

    def __str__(self) -> str:
        return self.name


class InsightReading(models.Model):
    """One day's reach and engagement for a channel, as its platform gave them (R23).

    Read once a day through the connector (``fetch_insights``); a day the platform refused
    or could not answer is kept with the reason and read again on the next run, so a report
    can say which days it lacks and why instead of showing a silent zero.
    """

    channel = models.ForeignKey(Channel, on_delete=models.CASCADE, related_name="insights")
    day = models.DateField(_("day"))
    connector = models.CharField(max_length=40)
    fetched_at = models.DateTimeField()
    followers = models.PositiveBigIntegerField(null=True, blank=True)
    impressions = models.PositiveBigIntegerField(null=True, blank=True)
    reach = models.PositiveBigIntegerField(null=True, blank=True)
    engagements = models.PositiveBigIntegerField(null=True, blank=True)
    posts = models.PositiveIntegerField(null=True, blank=True)
    # Stored Messages (core.messages): what is missing, and the connector's footnote.
    missing = models.JSONField(default=list, blank=True)
    explanation = models.TextField(blank=True)
    # Why nothing was read this day (a stored Message); empty when figures came.
    problem = models.TextField(blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["channel", "day"], name="insight_one_per_day")
        ]
        ordering = ["channel", "day"]

    def __str__(self) -> str:
        return f"{self.channel_id} {self.day}"
