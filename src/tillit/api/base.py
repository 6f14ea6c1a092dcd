"""What every API view shares: how errors are documented, and how a write is audited."""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.exceptions import ValidationError

from tillit.audit.services import audit_record

ErrorOut = inline_serializer("Error", fields={"detail": serializers.CharField()})

#: What each error answer means, for the schema and the docs page.
ERROR_WORDS = {
    400: _("The call is wrong; the fields say what."),
    401: _("No API key, or one that is not valid."),
    403: _("The key lacks the scope the call needs."),
    404: _("Not there, or outside what the person behind the key may see."),
    409: _("It changed since it was read; read it again and try once more."),
    429: _("Too many calls; wait and try again."),
}


def documented(ok, *, codes=(400, 401, 403, 404, 429), status: int = 200, **kwargs):
    """``extend_schema`` with the error answers each call can give, in the schema."""
    responses = {status: ok}
    for code in codes:
        shape = OpenApiTypes.OBJECT if code == 400 else ErrorOut
        responses[code] = OpenApiResponse(shape, description=ERROR_WORDS[code])
    return extend_schema(responses=responses, **kwargs)


def refused(exc: DjangoValidationError, field: str = "detail") -> ValidationError:
    """A service's refusal as the API's 400: its fields where it named them, else ``field``."""
    if hasattr(exc, "error_dict"):
        return ValidationError(exc.message_dict)
    return ValidationError({field: exc.messages})


def written(request, *, action: str, obj, change, detail: dict | None = None):
    """Run ``change`` and record in the same transaction that it came through the API.

    The service audits what changed; this entry adds which key did it, so the trail tells
    a records system's call from a person at the page.
    """
    token = request.auth
    with transaction.atomic():
        result = change()
        audit_record(
            actor=request.actor,
            action=action,
            obj=obj,
            detail={
                "key": getattr(token, "prefix", "session"),
                "method": request.method,
                "path": request.path[:200],
                **(detail or {}),
            },
        )
    return result


class PageQuery(serializers.Serializer):
    """The paging parameters every list takes (the pagination class reads them)."""

    cursor = serializers.CharField(required=False, max_length=1000)
    page_size = serializers.IntegerField(required=False, min_value=1, max_value=200)


class QueryChecked:
    """Query parameters checked against ``query_serializer`` before the view reads them.

    A wrong type, an unknown choice or a parameter given twice is a 400 that names it,
    never silently ignored: a filter a program thinks it applied must have been applied.
    """

    query_serializer: type[serializers.Serializer] | None = None

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)  # type: ignore[misc]
        self.query = self._checked(request)

    def _checked(self, request) -> dict:
        if self.query_serializer is None:
            return {}
        params = request.query_params
        twice = [name for name in params if len(params.getlist(name)) > 1]
        if twice:
            raise ValidationError({name: [_("Give this parameter once.")] for name in twice})
        data = self.query_serializer(data=params.dict())
        data.is_valid(raise_exception=True)
        return data.validated_data
