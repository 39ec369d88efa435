"""The dashboard: counts by questionnaire, audience and period; completion; where people stop."""

from datetime import timedelta

import pytest

from feedback_app.models import utcnow
from tests.feedback_app.auth.staff_helpers import sign_in_quickly
from tests.feedback_app.responses.builders import (
    CHILDREN,
    PARENTS,
    YOUNG_PEOPLE,
    converse,
    young_people_stopping,
)
from tests.feedback_app.responses.pages import attribute_values, table_rows


@pytest.fixture
def manager(app, client, make_account):
    sign_in_quickly(app, client, make_account("iro_manager"))


def last_month() -> str:
    today = utcnow().date()
    return f"start={today - timedelta(days=30)}&end={today}"


def test_counts_and_completion_rate_by_questionnaire(app, client, manager):
    with app.app_context():
        converse(YOUNG_PEOPLE, {"home": "good"})
        converse(YOUNG_PEOPLE, {"home": "ok"})
        converse(YOUNG_PEOPLE, {"home": "ok"}, send=False)
        converse(PARENTS, {"notes_in_time": "yes"})
    html = client.get(f"/staff/dashboard?{last_month()}").get_data(as_text=True)
    assert table_rows(html, "by-questionnaire") == [
        ["Young people's test questionnaire (young people 12-18, before the review)", "3", "2", "67%"],
        ["Parents' test questionnaire (parents, after the review)", "1", "1", "100%"],
    ]


def test_counts_and_completion_rate_by_audience(app, client, manager):
    with app.app_context():
        converse(YOUNG_PEOPLE, {"home": "good"})
        converse(CHILDREN, {"home": "good"}, send=False)
        converse(PARENTS, {"notes_in_time": "yes"})
    html = client.get(f"/staff/dashboard?{last_month()}").get_data(as_text=True)
    assert table_rows(html, "by-audience") == [
        ["Children and young people", "2", "1", "50%"],
        ["Parents", "1", "1", "100%"],
    ]


def test_the_totals_give_the_overall_completion_rate(app, client, manager):
    with app.app_context():
        for send in (True, True, True, False):
            converse(YOUNG_PEOPLE, {"home": "good"}, send=send)
    html = client.get(f"/staff/dashboard?{last_month()}").get_data(as_text=True)
    assert "4</span> started" in html and "3</span> sent" in html and "75%</span> completion rate" in html


def test_conversations_outside_the_period_are_not_counted(app, client, manager):
    with app.app_context():
        converse(YOUNG_PEOPLE, {"home": "good"})
        converse(YOUNG_PEOPLE, {"home": "good"}, started=utcnow() - timedelta(days=400))
    this_year = client.get("/staff/dashboard").get_data(as_text=True)
    assert table_rows(this_year, "by-questionnaire") == [["Young people's test questionnaire (young people 12-18, before the review)", "1", "1", "100%"]]
    long_ago = (utcnow() - timedelta(days=400)).date()
    that_day = client.get(f"/staff/dashboard?start={long_ago}&end={long_ago}").get_data(as_text=True)
    assert table_rows(that_day, "by-questionnaire") == [["Young people's test questionnaire (young people 12-18, before the review)", "1", "1", "100%"]]


def test_where_people_stop_counts_the_last_answer_of_unfinished_conversations(app, client, manager):
    two_days_ago = utcnow() - timedelta(days=2)
    with app.app_context():
        young_people_stopping(started=two_days_ago)
    html = client.get(f"/staff/dashboard?questionnaire={YOUNG_PEOPLE}&{last_month()}").get_data(as_text=True)
    rows = {row[0]: row[1:] for row in table_rows(html, "drop-off")}
    # reached, skipped, stopped after it
    assert rows["How are things where you live?"] == ["5", "0", "1"]
    assert rows["What is going well?"] == ["3", "1", "2"]
    assert rows["Is anything worrying you?"] == ["1", "1", "0"]
    assert "4 were not sent and were started more than a day ago; 1 of them stopped before answering anything" in html


def test_where_people_stop_is_drawn_as_a_chart_with_its_figures_in_words(app, client, manager):
    with app.app_context():
        converse(YOUNG_PEOPLE, {"home": "good"}, send=False, started=utcnow() - timedelta(days=2))
    html = client.get(f"/staff/dashboard?questionnaire={YOUNG_PEOPLE}&{last_month()}").get_data(as_text=True)
    assert '<svg class="report-chart-svg" role="img" aria-labelledby="chart-stops-title chart-stops-desc"' in html
    assert "How are things where you live?: 1" in html  # in the chart's <desc>


def test_questions_are_listed_in_the_order_they_are_asked(app, client, manager):
    with app.app_context():
        converse(YOUNG_PEOPLE, {"home": "good"})
    html = client.get(f"/staff/dashboard?questionnaire={YOUNG_PEOPLE}&{last_month()}").get_data(as_text=True)
    assert attribute_values(html, "data-question") == ["home", "going_well", "worries", "talk_about", "quote"]


def test_recent_conversations_are_newest_first_and_at_most_ten(app, client, manager):
    with app.app_context():
        ids = [converse(PARENTS, {}, started=utcnow() - timedelta(hours=12 - n)) for n in range(12)]
    html = client.get("/staff/dashboard").get_data(as_text=True)
    linked = [
        int(href.rsplit("/", 1)[1])
        for href in attribute_values(html, "href")
        if href.startswith("/staff/responses/") and href.rsplit("/", 1)[1].isdigit()
    ]
    assert linked == list(reversed(ids))[:10]


def test_an_end_date_before_the_start_date_is_explained(app, client, manager):
    html = client.get("/staff/dashboard?start=2025-05-01&end=2025-04-01").get_data(as_text=True)
    assert "The end date must be the same as or after the start date." in html


def test_recent_conversations_follow_the_chosen_period(app, client, manager):
    with app.app_context():
        converse(YOUNG_PEOPLE, {"home": "good"})
        converse(PARENTS, {"notes_in_time": "yes"}, started=utcnow() - timedelta(days=400))
    long_ago = (utcnow() - timedelta(days=400)).date()
    that_day = client.get(f"/staff/dashboard?start={long_ago}&end={long_ago}").get_data(as_text=True)
    assert [row[1] for row in table_rows(that_day, "recent")] == ["Parents' test questionnaire (parents, after the review)"]
    this_month = client.get(f"/staff/dashboard?{last_month()}").get_data(as_text=True)
    assert [row[1] for row in table_rows(this_month, "recent")] == [
        "Young people's test questionnaire (young people 12-18, before the review)"
    ]
    assert "Started (UK time)" in this_month and "UTC" not in this_month


def test_over_time_shows_started_and_sent(app, client, manager):
    with app.app_context():
        converse(YOUNG_PEOPLE, {"home": "good"})
        converse(YOUNG_PEOPLE, {"home": "good"}, send=False)
    html = client.get(f"/staff/dashboard?{last_month()}").get_data(as_text=True)
    assert "Conversations started and sent" in html and "2 started, 1 sent" in html
