"""The annual report page: every figure for the chosen year, last year's beside it, against hand counts."""

import html5lib
import pytest

from tests.feedback_app.auth.staff_helpers import sign_in_quickly
from tests.feedback_app.report.known_years import build_known_years

_parser = html5lib.HTMLParser(strict=False, namespaceHTMLElements=False)


def rows(html: str, table_id: str) -> list[list[str]]:
    table = _parser.parse(html).find(f".//table[@id='table-{table_id}']")
    assert table is not None, f"no table {table_id}"
    return [[" ".join("".join(cell.itertext()).split()) for cell in row] for row in table.iter("tr")]


def row(html: str, table_id: str, *first: str) -> list[str]:
    found = [r for r in rows(html, table_id) if r[: len(first)] == list(first)]
    assert found, f"no row {first} in {table_id}: {rows(html, table_id)}"
    return found[0]


@pytest.fixture
def report_page(app, client, make_account):
    with app.app_context():
        build_known_years()
    sign_in_quickly(app, client, make_account("iro_manager"))
    response = client.get("/staff/report?year=2025-26")
    assert response.status_code == 200
    return response.get_data(as_text=True)


def test_taking_part_gives_each_figure_with_last_years_beside_it(report_page):
    assert row(report_page, "taking-part", "Children aged 12 to 18", "Conversations started") == [
        "Children aged 12 to 18", "Conversations started", "15", "5", "up from 5",
    ]  # fmt: skip
    assert row(report_page, "taking-part", "Children aged 12 to 18", "Conversations sent")[2:4] == ["10", "5"]
    assert row(report_page, "taking-part", "Children aged 12 to 18", "Completion rate (sent of started)")[2:4] == [
        "67%", "100%",
    ]  # fmt: skip
    assert row(report_page, "taking-part", "Children aged 12 to 18", "Median minutes to finish")[2:4] == ["4.0", "4.0"]
    assert row(report_page, "taking-part", "Parents", "Conversations sent")[2:4] == ["6", "fewer than 5"]
    assert row(report_page, "taking-part", "Everyone", "Conversations started")[2:4] == ["21", "5"]


def test_a_closed_question_gives_people_and_shares_for_both_years_and_the_change_in_words(report_page):
    great = row(report_page, "child-1", "Great")
    assert great[1:5] == ["5", "50%", "fewer than 5", "-"]
    assert row(report_page, "child-1", "Good")[1:5] == ["5", "50%", "5", "100%"]
    assert row(report_page, "child-1", "People who answered")[1:4] == ["10", "", "5"]


def test_a_smaller_share_is_not_called_a_fall_when_the_interval_takes_in_no_change(report_page):
    # 5/10 against 5/5: Newcombe's interval is -0.76 to +0.01.
    assert row(report_page, "child-1", "Good")[5] == "about the same as last year (100% in 2024-25)"
    # 10 of 15 sent against 5 of 5: -0.58 to 0.04 takes in no change.
    assert row(report_page, "taking-part", "Children aged 12 to 18", "Completion rate (sent of started)")[4] == (
        "about the same as last year (100% in 2024-25)"
    )


def test_the_summary_opens_with_who_sent_their_views(report_page):
    assert "16 people sent their views in 2025-26 (in 2024-25: 5): 10 children and young people and 6 parents." in report_page


def test_the_year_picker_offers_the_years_and_marks_the_chosen_one(report_page):
    assert '<option value="2025-26" selected>2025-26</option>' in report_page
    assert '<option value="2024-25">2024-25</option>' in report_page


def test_a_year_that_is_not_one_is_refused_with_a_reason(app, client, make_account):
    sign_in_quickly(app, client, make_account("iro_manager"))
    response = client.get("/staff/report?year=2025-27")
    assert response.status_code == 400 and "is followed by 26" in response.get_data(as_text=True)


@pytest.mark.parametrize("role", ["admin", "iro", "cicc", "safeguarding_lead"])
def test_other_roles_are_refused(app, client, make_account, role):
    sign_in_quickly(app, client, make_account(role))
    assert client.get("/staff/report").status_code in (403, 404)


def test_answers_the_analysis_was_unsure_of_are_counted_apart(app, client, make_account):
    from feedback_app.extensions import db
    from feedback_app.models import Answer
    from tests.feedback_app.responses.builders import PRAISE

    with app.app_context():
        build_known_years()
        for answer in db.session.query(Answer).filter(Answer.analyser_version.is_not(None)):
            if answer.value == PRAISE:
                answer.analysis = {**answer.analysis, "unsure": True}
        db.session.commit()
    sign_in_quickly(app, client, make_account("iro_manager"))
    html = client.get("/staff/report?year=2025-26").get_data(as_text=True)
    assert row(html, "sentiment-child", "Written answers")[1] == "10"
    assert row(html, "sentiment-child", "Of these, the analysis was unsure (a person should read them)")[1:3] == ["5", "50%"]


def test_the_report_is_counted_once_for_the_page_and_its_downloads_while_nothing_changes(app, client, make_account, monkeypatch):
    from feedback_app.report import service

    counted = []
    real = service.count_report
    monkeypatch.setattr(service, "count_report", lambda user, year: counted.append(year) or real(user, year))
    with app.app_context():
        build_known_years()
    sign_in_quickly(app, client, make_account("iro_manager"))
    client.get("/staff/report?year=2025-26")
    client.get("/staff/report/2025-26/report.xlsx")
    client.get("/staff/report/2025-26/charts/chart-sent-by-who.png")
    assert len(counted) == 1


def test_a_conversation_sent_after_the_report_was_counted_shows_at_once(app, client, make_account):
    from tests.feedback_app.report.known_years import THIS_YEAR, _dated
    from tests.feedback_app.responses.builders import PARENTS, converse

    with app.app_context():
        build_known_years()
    sign_in_quickly(app, client, make_account("iro_manager"))
    before = client.get("/staff/report?year=2025-26").get_data(as_text=True)
    assert row(before, "taking-part", "Parents", "Conversations sent")[2] == "6"
    with app.app_context():
        _dated(converse(PARENTS, {"notes_in_time": "yes"}), THIS_YEAR)
    after = client.get("/staff/report?year=2025-26").get_data(as_text=True)
    assert row(after, "taking-part", "Parents", "Conversations sent")[2] == "7"
