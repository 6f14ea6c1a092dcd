"""Records: registrations for the records system (and its diarienummer back), and captures."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema_view
from rest_framework import generics, serializers
from rest_framework.exceptions import ValidationError as ApiValidationError
from rest_framework.response import Response

from tillit.archive.selectors import capture_get_for, captures_for
from tillit.channels.selectors import channel_get_for
from tillit.records.choices import HandoverState
from tillit.records.export import handover_payload
from tillit.records.selectors import registration_get_for, registrations_for_handover
from tillit.records.services.handover import handover_reference_by_api

from .base import PageQuery, QueryChecked, documented, refused, written
from .scopes import Scope
from .serializers import CaptureOut, ReferenceIn, RegistrationOut


class _Payload(RegistrationOut):
    """A registration through ``handover_payload``, the same JSON the webhook sends."""

    def to_representation(self, instance):
        return handover_payload(instance)


class RegistrationsQuery(PageQuery):
    """Which registrations: by hand-over state."""

    state = serializers.ChoiceField(
        HandoverState.choices,
        required=False,
        default=HandoverState.READY,
        help_text="Hand-over state; default: ready.",
    )


class CapturesQuery(PageQuery):
    """Which captures: one channel's, or all."""

    channel = serializers.UUIDField(required=False, help_text="Only this channel's.")


@extend_schema_view(
    get=documented(
        _Payload(many=True), operation_id="records_registrations", parameters=[RegistrationsQuery]
    )
)
class RegistrationsApi(QueryChecked, generics.ListAPIView):
    """Registrations ready for hand-over (or in another state), for registrars."""

    scopes = {"GET": Scope.RECORDS_READ}
    serializer_class = _Payload
    query_serializer = RegistrationsQuery

    def get_queryset(self):
        return registrations_for_handover(self.request.actor, state=self.query["state"])


class RegistrationApi(generics.GenericAPIView):
    """One registration: read it, or give it the number the records system gave the case."""

    scopes = {"GET": Scope.RECORDS_READ, "PATCH": Scope.RECORDS_WRITE}
    serializer_class = _Payload
    pagination_class = None

    @documented(_Payload, operation_id="records_registration")
    def get(self, request, registration_id: int):
        """The registration as JSON."""
        return Response(handover_payload(registration_get_for(request.actor, registration_id)))

    @documented(_Payload, request=ReferenceIn, operation_id="records_registration_reference")
    def patch(self, request, registration_id: int):
        """Store the registration number (diarienummer) the records system gave the case."""
        reg = registration_get_for(request.actor, registration_id)
        data = ReferenceIn(data=request.data)
        data.is_valid(raise_exception=True)
        if reg.case is None:
            raise ApiValidationError({"reference": _("This registration is not a document.")})
        reference = data.validated_data["reference"]
        try:
            written(
                request,
                action="api.registration_reference",
                obj=reg,
                change=lambda: handover_reference_by_api(
                    actor=request.actor, registration=reg, reference=reference
                ),
            )
        except ValidationError as exc:
            raise refused(exc, "reference") from exc
        reg.refresh_from_db()
        return Response(handover_payload(reg))


@extend_schema_view(
    get=documented(CaptureOut(many=True), operation_id="captures_list", parameters=[CapturesQuery])
)
class CapturesApi(QueryChecked, generics.ListAPIView):
    """Captures of channels the key's person may see (R20, R21), newest first."""

    scopes = {"GET": Scope.RECORDS_READ}
    serializer_class = CaptureOut
    query_serializer = CapturesQuery

    def get_queryset(self):
        qs = captures_for(self.request.actor)
        if "channel" in self.query:
            qs = qs.filter(channel=channel_get_for(self.request.actor, self.query["channel"]))
        return qs


@extend_schema_view(get=documented(CaptureOut, operation_id="captures_get"))
class CaptureApi(generics.RetrieveAPIView):
    """One capture by its id."""

    scopes = {"GET": Scope.RECORDS_READ}
    serializer_class = CaptureOut

    def get_object(self):
        return capture_get_for(self.request.actor, self.kwargs["capture_id"])
