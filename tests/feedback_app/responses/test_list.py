"""The responses list: each filter narrows it, filters combine, pages keep the filters."""

from datetime import timedelta

import pytest

from feedback_app.models import utcnow
from tests.feedback_app.auth.staff_helpers import sign_in_quickly
from tests.feedback_app.responses.builders import CHILDREN, COMPLAINT, HOME, PARENTS, PRAISE, YOUNG_PEOPLE, converse
from tests.feedback_app.responses.pages import attribute_values


@pytest.fixture
def manager(app, client, make_account):
    sign_in_quickly(app, client, make_account("iro_manager"))


@pytest.fixture
def people(app):
    """Four conversations that differ in every way a filter can tell apart."""
    now = utcnow()
    with app.app_context():
        return {
            # positive; themes listened_to, iro, review_meetings
            "young person": converse(YOUNG_PEOPLE, {"going_well": PRAISE}, started=now - timedelta(days=10)),
            # negative; themes listened_to, review_meetings
            "child": converse(CHILDREN, {"say": COMPLAINT}, started=now - timedelta(days=5)),
            # positive; theme placement
            "parent": converse(PARENTS, {"say": HOME}, started=now - timedelta(days=40)),
            "young person not sent": converse(
                YOUNG_PEOPLE, {"home": "ok"}, send=False, started=now - timedelta(days=1)
            ),
        }


def listed(client, query: str = "") -> set[int]:
    html = client.get(f"/staff/responses?{query}").get_data(as_text=True)
    return {int(value) for value in attribute_values(html, "data-conversation")}


def days_ago(days: int) -> str:
    return str((utcnow() - timedelta(days=days)).date())


def test_without_filters_every_conversation_is_listed(client, manager, people):
    assert listed(client) == set(people.values())


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        (f"questionnaire={CHILDREN}", {"child"}),
        ("audience=parent", {"parent"}),
        ("age_band=12-18", {"young person", "young person not sent"}),
        ("age_band=8-11", {"child"}),
        ("theme=iro", {"young person"}),
        ("theme=placement", {"parent"}),
        ("theme=listened_to", {"young person", "child"}),
        ("sentiment=negative", {"child"}),
        ("theme=listened_to&sentiment=positive", {"young person"}),
        ("status=not_sent", {"young person not sent"}),
        ("status=sent&audience=child", {"young person", "child"}),
    ],
)
def test_a_filter_narrows_the_list(client, manager, people, query, expected):
    assert listed(client, query) == {people[name] for name in expected}


def test_a_date_range_narrows_the_list_to_conversations_started_in_it(client, manager, people):
    assert listed(client, f"start={days_ago(7)}") == {people["child"], people["young person not sent"]}
    assert listed(client, f"end={days_ago(20)}") == {people["parent"]}
    assert listed(client, f"start={days_ago(12)}&end={days_ago(8)}") == {people["young person"]}


def test_a_value_that_is_not_a_choice_is_explained_and_left_out(client, manager, people):
    response = client.get("/staff/responses?theme=not-a-theme")
    assert "Not a valid choice" in response.get_data(as_text=True)
    assert listed(client, "theme=not-a-theme") == set(people.values())


def test_the_list_is_paged_and_the_next_page_keeps_the_filters(app, client, manager):
    with app.app_context():
        for _ in range(26):
            converse(PARENTS, {})
    assert len(listed(client, "audience=parent")) == 25
    html = client.get("/staff/responses?audience=parent").get_data(as_text=True)
    assert "/staff/responses?page=2&amp;audience=parent" in html
    assert len(listed(client, "audience=parent&page=2")) == 1
