"""A report's period: whole days in the organisation's time zone, and the one before it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tillit.core.messages import Message

#: The longest period one report covers; longer ones are better read as several.
MAX_DAYS = 3 * 366


def day_start(day: date) -> datetime:
    """The first instant of ``day`` in the organisation's time zone."""
    return timezone.make_aware(datetime.combine(day, time.min), timezone.get_current_timezone())


class PeriodError(ValueError):
    """A period that cannot be reported on, with the reason in the reader's language."""

    def __init__(self, message: Message) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class Period:
    """From ``start`` to ``end``, both days included."""

    start: date
    end: date

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def bounds(self) -> tuple[datetime, datetime]:
        """The first instant of ``start`` and the first instant after ``end``, local time."""
        return day_start(self.start), day_start(self.end + timedelta(days=1))

    def previous(self) -> Period:
        """The period of the same length that ends the day before this one starts."""
        end = self.start - timedelta(days=1)
        return Period(start=end - timedelta(days=self.days - 1), end=end)

    def weeks(self) -> list[date]:
        """The Monday of every week the period touches, for weekly charts."""
        monday = self.start - timedelta(days=self.start.weekday())
        return [monday + timedelta(weeks=n) for n in range((self.end - monday).days // 7 + 1)]

    def __str__(self) -> str:
        return f"{self.start.isoformat()} – {self.end.isoformat()}"


def last_month(today: date | None = None) -> Period:
    """The previous calendar month, the default report."""
    today = today or timezone.localdate()
    end = today.replace(day=1) - timedelta(days=1)
    return Period(start=end.replace(day=1), end=end)


def period_checked(start: date, end: date, today: date | None = None) -> tuple[Period, list]:
    """The period to report on and notes on what was changed; PeriodError when none can be.

    A period that reaches past today is cut at today (the rest has not happened) and says so;
    one that starts after today has nothing to report.
    """
    today = today or timezone.localdate()
    if end < start:
        raise PeriodError(Message(_("The period ends before it starts.")))
    if start > today:
        raise PeriodError(
            Message(_("The period lies in the future: there is nothing to report yet."))
        )
    notes = []
    if end > today:
        end = today
        notes.append(Message(_("The period is cut at today: the rest has not happened yet.")))
    if (end - start).days + 1 > MAX_DAYS:
        raise PeriodError(
            Message(
                _("A report covers at most %(days)d days; choose a shorter period."), days=MAX_DAYS
            )
        )
    return Period(start=start, end=end), notes


def parse_day(value: str) -> date:
    """A date written YYYY-MM-DD; PeriodError otherwise."""
    try:
        return date.fromisoformat(value.strip())
    except (ValueError, AttributeError) as exc:
        raise PeriodError(
            Message(_("Write the date as YYYY-MM-DD (for example 2026-01-31)."))
        ) from exc
