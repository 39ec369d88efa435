"""Reporting years and the months figures are counted in."""

from datetime import date

from feedback_app.periods import Period, buckets, reporting_year


def test_the_reporting_year_runs_from_1_april_to_31_march():
    assert reporting_year(date(2026, 3, 31)) == Period(date(2025, 4, 1), date(2026, 3, 31))
    assert reporting_year(date(2026, 4, 1)) == Period(date(2026, 4, 1), date(2027, 3, 31))


def test_a_period_includes_its_last_day():
    period = Period(date(2025, 4, 1), date(2025, 4, 30))
    assert period.ends_before.isoformat() == "2025-05-01T00:00:00+00:00"


def test_a_year_is_counted_by_month_up_to_today():
    months = buckets(reporting_year(date(2025, 6, 15)), today=date(2025, 6, 15))
    assert [b.label for b in months] == ["Apr 2025", "May 2025", "Jun 2025"]


def test_a_long_period_is_counted_by_reporting_year():
    years = buckets(Period(date(2020, 4, 1), date(2023, 3, 31)), today=date(2025, 1, 1))
    assert [b.label for b in years] == [
        "April 2020 to March 2021",
        "April 2021 to March 2022",
        "April 2022 to March 2023",
    ]
