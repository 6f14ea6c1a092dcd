"""The records API for the records system: registrations as JSON, and the number coming back."""

from django.core.exceptions import ValidationError
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.exceptions import ValidationError as ApiValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from . import selectors as sel
from .choices import HandoverState
from .export import handover_payload
from .services.handover import handover_reference_by_api


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


class RegistrationsApi(APIView):
    """Registrations ready for hand-over (or in any state), for registrars."""

    @extend_schema(responses=RegistrationOut(many=True), operation_id="records_registrations")
    def get(self, request):
        """List registrations; `?state=ready` (default) or another hand-over state."""
        state = request.query_params.get("state", HandoverState.READY)
        regs = sel.registrations_for_handover(request.actor, state=state)[:500]
        return Response([handover_payload(r) for r in regs])


class RegistrationApi(APIView):
    """One registration: read it (counts as handed over by API) or give it its number."""

    @extend_schema(responses=RegistrationOut, operation_id="records_registration")
    def get(self, request, registration_id: int):
        """The registration as JSON."""
        reg = sel.registration_get_for(request.actor, registration_id)
        return Response(handover_payload(reg))

    @extend_schema(
        request=ReferenceIn,
        responses=RegistrationOut,
        operation_id="records_registration_reference",
    )
    def patch(self, request, registration_id: int):
        """Store the registration number (diarienummer) the records system gave the case."""
        reg = sel.registration_get_for(request.actor, registration_id)
        data = ReferenceIn(data=request.data)
        data.is_valid(raise_exception=True)
        if reg.case is None:
            raise ApiValidationError({"reference": "not a registered document"})
        try:
            handover_reference_by_api(
                actor=request.actor, registration=reg, reference=data.validated_data["reference"]
            )
        except ValidationError as exc:
            raise ApiValidationError(
                exc.message_dict if hasattr(exc, "error_dict") else exc.messages
            ) from exc
        reg.refresh_from_db()
        return Response(handover_payload(reg))
