"""Swedish working days: weekends, public holidays, and the eves the public sector takes off."""

from datetime import date, datetime, timedelta
from functools import lru_cache

import holidays


@lru_cache(maxsize=32)
def _non_working(year: int) -> frozenset[date]:
    days = set(holidays.country_holidays("SE", years=year, include_sundays=False))
    # Not public holidays in law, but days off in Swedish public-sector agreements.
    days.add(date(year, 12, 24))
    days.add(date(year, 12, 31))
    midsummer_eve = next(date(year, 6, d) for d in range(19, 26) if date(year, 6, d).weekday() == 4)
    days.add(midsummer_eve)
    return frozenset(days)


def is_working_day(day: date) -> bool:
    """Monday to Friday and not a holiday or holiday eve."""
    return day.weekday() < 5 and day not in _non_working(day.year)


def add_working_days(moment: datetime, days: int) -> datetime:
    """The same time of day `days` working days later."""
    result = moment
    added = 0
    while added < days:
        result += timedelta(days=1)
        if is_working_day(result.date()):
            added += 1
    return result
