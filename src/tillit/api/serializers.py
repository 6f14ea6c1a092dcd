"""What the API shows of each thing, and what it accepts. Read-only unless named ``...In``.

Texts from platforms and the public pass through as JSON strings (the JSON encoder escapes
them); nothing here renders HTML.
"""

from django.utils import timezone
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from tillit.moderation.services.decisions import NOTE_MAX, REASON_MAX, REPLY_MAX


class MandateOut(serializers.Serializer):
    """Who speaks for the channel today: the administrators and substitutes (R5, R6)."""

    role = serializers.CharField()
    person = serializers.CharField(source="person.name")
    function = serializers.CharField(source="person.function")
    valid_from = serializers.DateField()
    valid_until = serializers.DateField(allow_null=True)


class ChannelOut(serializers.Serializer):
    """A channel in the register and where it stands."""

    id = serializers.UUIDField(source="public_id")
    name = serializers.CharField()
    platform = serializers.CharField(source="platform.slug")
    platform_name = serializers.CharField(source="platform.name")
    url = serializers.CharField()
    department = serializers.CharField(source="department.name", allow_null=True)
    status = serializers.CharField()
    status_changed_at = serializers.DateTimeField()
    purpose = serializers.CharField()
    staffing_problem = serializers.CharField(allow_blank=True)
    dormant_since = serializers.DateTimeField(allow_null=True)
    connection_state = serializers.SerializerMethodField()
    mandates = serializers.SerializerMethodField()

    def get_connection_state(self, channel) -> str | None:
        connection = getattr(channel, "connection", None)
        return connection.state if connection is not None else None

    @extend_schema_field(MandateOut(many=True))
    def get_mandates(self, channel) -> list[dict]:
        today = timezone.localdate()
        valid = [
            m
            for m in channel.mandates.all()
            if m.revoked_at is None
            and m.person.is_active
            and m.valid_from <= today
            and (m.valid_until is None or m.valid_until >= today)
        ]
        return MandateOut(valid, many=True).data

    class Meta:
        ref_name = "Channel"


class ProposalOut(serializers.Serializer):
    """What the checks proposed for an item: flags, rules and the deadline (R15, R16)."""

    flagged = serializers.BooleanField()
    score = serializers.FloatField()
    rules = serializers.ListField(child=serializers.CharField())
    tier = serializers.CharField(allow_blank=True)
    priority = serializers.IntegerField()
    deadline = serializers.DateTimeField(allow_null=True)
    language = serializers.CharField(allow_blank=True)
    model_score = serializers.FloatField(allow_null=True)
    raised_by_model = serializers.BooleanField()
    assessed_at = serializers.DateTimeField()


class DecisionOut(serializers.Serializer):
    """A decision on an item and the state of the platform action it queued."""

    id = serializers.IntegerField()
    item = serializers.IntegerField(source="item_id")
    kind = serializers.CharField()
    rule = serializers.CharField(source="rule.code", allow_null=True, default=None)
    note = serializers.CharField(allow_blank=True)
    decided_at = serializers.DateTimeField()
    decided_by = serializers.CharField(source="decided_by.name", allow_null=True, default=None)
    automatic = serializers.BooleanField()
    needs_review = serializers.BooleanField()
    action_state = serializers.CharField(source="action.state", allow_null=True, default=None)


class ItemOut(serializers.Serializer):
    """An item in the inbox: a comment, a message or a post, with its proposal."""

    id = serializers.IntegerField()
    channel = serializers.UUIDField(source="channel.public_id")
    kind = serializers.CharField()
    is_public = serializers.BooleanField()
    text = serializers.CharField(allow_blank=True)
    author_name = serializers.CharField(allow_blank=True)
    received_at = serializers.DateTimeField()
    status = serializers.CharField()
    is_hidden = serializers.BooleanField()
    is_deleted = serializers.BooleanField()
    permalink = serializers.CharField(allow_blank=True)
    parent = serializers.IntegerField(source="parent_id", allow_null=True)
    decision_seq = serializers.IntegerField()
    proposal = serializers.SerializerMethodField()
    decisions = DecisionOut(many=True, read_only=True)

    @extend_schema_field(ProposalOut(allow_null=True))
    def get_proposal(self, item) -> dict | None:
        assessment = getattr(item, "assessment", None)
        return ProposalOut(assessment).data if assessment is not None else None


class DecisionIn(serializers.Serializer):
    """A decision, with the same limits as the decision form in the inbox."""

    kind = serializers.CharField(max_length=20)
    rule = serializers.CharField(max_length=10, required=False, allow_blank=True, default="")
    note = serializers.CharField(max_length=NOTE_MAX, required=False, allow_blank=True, default="")
    reply_text = serializers.CharField(
        max_length=REPLY_MAX, required=False, allow_blank=True, default=""
    )
    block_reason = serializers.CharField(
        max_length=REASON_MAX, required=False, allow_blank=True, default=""
    )
    review_on = serializers.DateField(required=False, allow_null=True, default=None)
    seen_seq = serializers.IntegerField(
        required=False, allow_null=True, default=None, min_value=0, max_value=2**31 - 1
    )
    supersede = serializers.BooleanField(required=False, default=False)
    supersede_reason = serializers.CharField(
        max_length=REASON_MAX, required=False, allow_blank=True, default=""
    )


class RegistrationOut(serializers.Serializer):
    """A registration as the records system receives it; sender and subject withheld if secret."""

    id = serializers.IntegerField()
    case = serializers.DictField()
    direction = serializers.CharField()
    received_at = serializers.DateTimeField()
    channel = serializers.DictField(allow_null=True)
    sender = serializers.CharField()
    subject = serializers.CharField()
    text = serializers.CharField(allow_blank=True)
    secret = serializers.BooleanField()
    secrecy_ground = serializers.CharField(allow_blank=True)
    attachments = serializers.ListField(child=serializers.DictField())
    handover_state = serializers.CharField()


class ReferenceIn(serializers.Serializer):
    """The registration number the records system gave the case."""

    reference = serializers.CharField(max_length=100)


class CaptureOut(serializers.Serializer):
    """A capture of a channel's public page for the archive (R20, R21)."""

    id = serializers.UUIDField(source="public_id")
    channel = serializers.UUIDField(source="channel.public_id")
    reason = serializers.CharField()
    state = serializers.CharField()
    requested_at = serializers.DateTimeField()
    started_at = serializers.DateTimeField(allow_null=True)
    finished_at = serializers.DateTimeField(allow_null=True)
    url = serializers.CharField()
    final_url = serializers.CharField(allow_blank=True)
    title = serializers.CharField(allow_blank=True)
    manifest_sha256 = serializers.CharField(allow_blank=True)
    verified_at = serializers.DateTimeField(allow_null=True)
    verified_ok = serializers.BooleanField(allow_null=True)


class ChannelFiguresOut(serializers.Serializer):
    """One channel's moderation in the period."""

    channel = serializers.UUIDField(source="channel.public_id")
    name = serializers.CharField(source="channel.name")
    platform = serializers.CharField(source="channel.platform.slug")
    received = serializers.IntegerField()
    flagged = serializers.IntegerField()
    decisions = serializers.DictField(child=serializers.IntegerField())
    automatic = serializers.IntegerField()
    median_hours_to_decision = serializers.FloatField(allow_null=True)
    open_past_deadline = serializers.IntegerField()


class ModerationReportOut(serializers.Serializer):
    """The moderation report for a period: one row per channel the key's person moderates."""

    start = serializers.DateField()
    end = serializers.DateField()
    channels = ChannelFiguresOut(many=True)
