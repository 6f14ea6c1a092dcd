"""Cases and registrations of direct messages, hand-overs, access requests, personal data requests."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from tillit.access.queryset import RestrictedQuerySet
from tillit.core.models import TimeStamped
from tillit.inbox.models import ActionRequest, Attachment, Author, Item
from tillit.organisation.models import Person

from .choices import (
    AccessRequestState,
    Direction,
    ErasureOutcome,
    HandoverMethod,
    HandoverState,
    Outcome,
    PersonalDataKind,
)


class Case(TimeStamped):
    """A case (ärende) in the records system; its number (diarienummer) may arrive later."""

    reference = models.CharField(_("registration number"), max_length=100, blank=True)
    title = models.CharField(_("case title"), max_length=300)
    created_by = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["reference"], condition=~Q(reference=""), name="case_reference_unique"
            )
        ]

    def __str__(self) -> str:
        return self.reference or f"#{self.pk} {self.title}"


class Registration(TimeStamped):
    """The registrar's decision on one direct message, or a reply that joined its case.

    The item (or outbox reply) is SET_NULL on disposal: the registration's metadata (date,
    number, direction) outlives the copy in Tillit, which the records system now holds.
    """

    item = models.OneToOneField(
        Item, on_delete=models.SET_NULL, null=True, blank=True, related_name="registration"
    )
    action = models.OneToOneField(
        ActionRequest,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="registration",
    )
    outcome = models.CharField(_("decision"), max_length=20, choices=Outcome.choices)
    direction = models.CharField(max_length=10, choices=Direction.choices)
    case = models.ForeignKey(
        Case, on_delete=models.PROTECT, null=True, blank=True, related_name="registrations"
    )
    received_at = models.DateTimeField(_("received"))
    subject = models.CharField(_("subject"), max_length=300, blank=True)
    reason = models.TextField(_("reason"), blank=True)
    secret = models.BooleanField(_("secret"), default=False)
    secrecy_ground = models.CharField(_("secrecy ground"), max_length=200, blank=True)
    decided_by = models.ForeignKey(Person, on_delete=models.PROTECT, null=True, related_name="+")
    handover_state = models.CharField(
        max_length=20, choices=HandoverState.choices, default=HandoverState.READY, db_index=True
    )
    handover_detail = models.CharField(max_length=500, blank=True)
    handed_over_at = models.DateTimeField(null=True, blank=True)

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["received_at", "id"]

    def __str__(self) -> str:
        return f"{self.get_outcome_display()} {self.item_id or self.action_id}"

    @property
    def withheld(self) -> bool:
        """Whether sender and subject are withheld in hand-overs (OSL)."""
        return self.secret


class HandoverAttempt(models.Model):
    """One try to hand a registration over; failures stay for the registrar to see."""

    registration = models.ForeignKey(
        Registration, on_delete=models.CASCADE, related_name="attempts"
    )
    method = models.CharField(max_length=20, choices=HandoverMethod.choices)
    ok = models.BooleanField()
    detail = models.CharField(max_length=500, blank=True)
    at = models.DateTimeField(auto_now_add=True)
    actor = models.ForeignKey(Person, on_delete=models.PROTECT, null=True, related_name="+")

    class Meta:
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return f"{self.method} {'ok' if self.ok else 'failed'}"


class AccessRequest(TimeStamped):
    """A request to see official documents (begäran om allmän handling); holds while open."""

    requester = models.CharField(
        _("requester"),
        max_length=300,
        blank=True,
        help_text=_("May be left empty: anyone may ask anonymously."),
    )
    description = models.TextField(_("what is asked for"))
    received_at = models.DateTimeField(_("received"))
    state = models.CharField(
        max_length=10, choices=AccessRequestState.choices, default=AccessRequestState.OPEN
    )
    opened_by = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    closed_at = models.DateTimeField(null=True, blank=True)
    outcome_note = models.TextField(_("outcome"), blank=True)

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["-received_at", "-id"]

    def __str__(self) -> str:
        return f"#{self.pk} {self.description[:60]}"


class AccessRequestItem(models.Model):
    """An item selected for a request, with what secrecy requires masked.

    `masks` is a list of {"start", "end", "ground"} character spans of the item's text.
    The item is SET_NULL if disposed of after the request closed; `label` keeps which it was.
    """

    request = models.ForeignKey(AccessRequest, on_delete=models.CASCADE, related_name="entries")
    item = models.ForeignKey(
        Item, on_delete=models.SET_NULL, null=True, related_name="access_entries"
    )
    label = models.CharField(max_length=400)
    masks = models.JSONField(default=list)
    withheld = models.BooleanField(_("withheld whole"), default=False)
    withheld_ground = models.CharField(max_length=200, blank=True)

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["request", "item"], name="access_item_unique")
        ]

    def __str__(self) -> str:
        return self.label


class AttachmentMask(models.Model):
    """A whole attachment withheld from a release, with its legal ground."""

    entry = models.ForeignKey(
        AccessRequestItem, on_delete=models.CASCADE, related_name="attachment_masks"
    )
    attachment = models.ForeignKey(Attachment, on_delete=models.CASCADE, related_name="+")
    ground = models.CharField(_("legal ground"), max_length=200)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["entry", "attachment"], name="attachment_mask_unique")
        ]

    def __str__(self) -> str:
        return f"{self.attachment_id} ({self.ground})"


class PersonalDataRequest(TimeStamped):
    """A data subject's access or erasure request about one author, and its decision."""

    kind = models.CharField(_("request"), max_length=10, choices=PersonalDataKind.choices)
    author = models.ForeignKey(
        Author, on_delete=models.SET_NULL, null=True, related_name="data_requests"
    )
    author_label = models.CharField(_("author as displayed"), max_length=300)
    requester_note = models.TextField(_("note"), blank=True)
    received_at = models.DateTimeField(_("received"))
    recorded_by = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    outcome = models.CharField(
        max_length=10, choices=ErasureOutcome.choices, default=ErasureOutcome.PENDING
    )
    decision_reason = models.TextField(_("reason for the decision"), blank=True)
    decided_by = models.ForeignKey(
        Person, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["-received_at", "-id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.author_label}"


class SearchText(models.Model):
    """The searchable text of one item, kept in sync on ingest; PostgreSQL indexes it in Swedish."""

    item = models.OneToOneField(Item, on_delete=models.CASCADE, related_name="search_text")
    text = models.TextField(blank=True)

    def __str__(self) -> str:
        return f"search {self.item_id}"
