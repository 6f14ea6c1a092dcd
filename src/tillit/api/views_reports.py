"""Reports for follow-up: the moderation report per channel over a period."""

from datetime import date, datetime, time, timedelta

from django.utils import timezone
from django.utils.translation import gettext as _
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from tillit.moderation.selectors import moderation_report

from .base import QueryChecked, documented
from .scopes import Scope
from .serializers import ModerationReportOut

#: Years a report can name: far years overflow the time-zone arithmetic, and no social
#: media existed before 1990.
FIRST_YEAR, LAST_YEAR = 1990, 9000


def _in_range(day: date) -> date:
    if not FIRST_YEAR <= day.year <= LAST_YEAR:
        raise serializers.ValidationError(
            _("Choose a day between %(first)d and %(last)d.")
            % {"first": FIRST_YEAR, "last": LAST_YEAR}
        )
    return day


class ReportQuery(serializers.Serializer):
    """The period: from ``start`` up to and including ``end``."""

    start = serializers.DateField(
        required=False, validators=[_in_range], help_text="First day; default 30 days before end."
    )
    end = serializers.DateField(
        required=False, validators=[_in_range], help_text="Last day, included; default today."
    )

    def validate(self, attrs):
        end = attrs.get("end") or timezone.localdate()
        start = attrs.get("start") or end - timedelta(days=30)
        if start > end:
            raise serializers.ValidationError({"start": _("The first day is after the last.")})
        return {"start": start, "end": end}


def _start_of(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


class ModerationReportApi(QueryChecked, APIView):
    """What came in and what was decided, per channel, from ``start`` up to ``end``."""

    scopes = {"GET": Scope.REPORTS_READ}
    query_serializer = ReportQuery

    @documented(
        ModerationReportOut,
        codes=(400, 401, 403, 429),
        operation_id="reports_moderation",
        parameters=[ReportQuery],
    )
    def get(self, request):
        """The moderation report for the period (R10, R11, R23)."""
        start, end = self.query["start"], self.query["end"]
        rows = moderation_report(
            request.actor, start=_start_of(start), end=_start_of(end + timedelta(days=1))
        )
        return Response(ModerationReportOut({"start": start, "end": end, "channels": rows}).data)
