"""Swedish working days for deadlines (R15)."""

from datetime import date, datetime

from tillit.moderation.calendar import add_working_days, is_working_day


def test_weekends_holidays_and_eves_are_not_working_days():
    assert is_working_day(date(2026, 11, 30))  # a Monday
    assert not is_working_day(date(2026, 11, 28))  # Saturday
    assert not is_working_day(date(2026, 12, 24))  # Christmas Eve
    assert not is_working_day(date(2026, 6, 19))  # Midsummer Eve
    assert not is_working_day(date(2026, 4, 6))  # Easter Monday
    assert not is_working_day(date(2026, 6, 6))  # National Day (a Saturday anyway)


def test_one_working_day_over_christmas():
    start = datetime(2026, 12, 23, 15, 0)
    assert add_working_days(start, 1) == datetime(2026, 12, 28, 15, 0)


def test_friday_goes_to_monday():
    assert add_working_days(datetime(2026, 11, 27, 9, 30), 1) == datetime(2026, 11, 30, 9, 30)
