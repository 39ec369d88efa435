"""One working day: the same UK time on the next weekday that is not a bank holiday."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from feedback_app.safeguarding.working_days import is_working_day, next_working_day, one_working_day_after


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2026, 6, 3), date(2026, 6, 4)),  # Wednesday to Thursday
        (date(2026, 6, 5), date(2026, 6, 8)),  # Friday to Monday
        (date(2026, 6, 6), date(2026, 6, 8)),  # Saturday to Monday
        (date(2026, 4, 2), date(2026, 4, 7)),  # Thursday before Easter to the Tuesday after
        (date(2026, 12, 24), date(2026, 12, 29)),  # Boxing Day falls on Saturday: Monday 28th is off
        (date(2027, 12, 24), date(2027, 12, 29)),  # Christmas on Saturday: 27th and 28th are off
    ],
)
def test_the_next_working_day_skips_weekends_and_bank_holidays(day, expected):
    assert next_working_day(day) == expected


def test_a_bank_holiday_is_not_a_working_day():
    assert not is_working_day(date(2026, 5, 25))  # spring bank holiday
    assert is_working_day(date(2026, 5, 26))


def test_the_deadline_keeps_the_uk_time_of_day_across_the_clocks_changing():
    # Friday 27 March 2026, 4pm GMT; the clocks go forward on Sunday 29th.
    due = one_working_day_after(datetime(2026, 3, 27, 16, 0, tzinfo=UTC))
    assert due == datetime(2026, 3, 30, 15, 0, tzinfo=UTC)  # Monday 4pm BST


def test_a_naive_time_is_refused():
    with pytest.raises(ValueError):
        one_working_day_after(datetime(2026, 3, 27, 16, 0))
