from datetime import date

import pytest

from feedback_app.report.year import ReportingYear, default_year


def test_a_year_runs_from_1_april_to_31_march_and_is_named_as_councils_write_it():
    year = ReportingYear.of(date(2027, 3, 31))
    assert year.name == "2026-27" and (year.period.start, year.period.end) == (date(2026, 4, 1), date(2027, 3, 31))
    assert ReportingYear.of(date(2027, 4, 1)).name == "2027-28"


def test_a_year_is_read_from_its_name_or_its_first_year():
    assert ReportingYear.named("2026-27") == ReportingYear.named("2026") == ReportingYear(2026)


@pytest.mark.parametrize("name", ["2026-28", "26-27", "", "next year", "1066"])
def test_a_wrong_name_is_refused_with_a_reason(name):
    with pytest.raises(ValueError):
        ReportingYear.named(name)


def test_the_default_is_the_last_complete_year_once_one_with_answers_has_closed():
    assert default_year(date(2026, 12, 1), first_data=date(2025, 6, 1)) == ReportingYear(2025)


def test_the_default_is_the_current_year_when_nothing_has_closed_yet():
    assert default_year(date(2026, 12, 1), first_data=date(2026, 5, 1)) == ReportingYear(2026)
    assert default_year(date(2026, 12, 1), first_data=None) == ReportingYear(2026)
