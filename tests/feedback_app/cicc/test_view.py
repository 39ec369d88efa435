"""The Children in Care Council view: counts of people, approved quotes, never anyone's own words."""

import pytest

from feedback_app.extensions import db
from feedback_app.models import StaffUser, YouSaidWeDid
from feedback_app.quotes import service
from tests.feedback_app.auth.staff_helpers import sign_in_quickly
from tests.feedback_app.quotes.helpers import consenting, find
from tests.feedback_app.responses.builders import (
    CHILDREN,
    COMPLAINT,
    DISCLOSURE,
    HOME,
    PARENTS,
    PRAISE,
    YOUNG_PEOPLE,
    converse,
)
from tests.feedback_app.responses.pages import text_of, tree


@pytest.fixture
def cicc_member(app, client, make_account):
    sign_in_quickly(app, client, make_account("cicc"))


@pytest.fixture
def reviewer_id(make_account) -> int:
    return make_account("iro_manager").id


def view(client):
    response = client.get("/staff/cicc")
    assert response.status_code == 200
    return response.get_data(as_text=True)


def card(html: str, card_id: str) -> str:
    element = tree(html).find(f".//*[@id='{card_id}']")
    assert element is not None, f"no #{card_id} on the page"
    return text_of(element)


def young_people(count: int, answers: dict | None = None) -> None:
    for _ in range(count):
        converse(YOUNG_PEOPLE, answers if answers is not None else {"home": "good"})


def test_four_children_taking_part_are_shown_as_fewer_than_five(app, client, cicc_member):
    with app.app_context():
        young_people(4)
    assert card(view(client), "took-part-all").startswith("fewer than 5 children")


def test_five_children_taking_part_are_shown_as_five(app, client, cicc_member):
    with app.app_context():
        young_people(5)
    html = view(client)
    assert card(html, "took-part-all").startswith("5 children")
    assert card(html, "took-part-12-18").startswith("5 ")


def test_an_age_band_that_would_give_away_a_small_one_is_hidden_too(app, client, cicc_member):
    with app.app_context():
        young_people(9)
        converse(CHILDREN, {"home": "good"})  # 1 child aged 8 to 11: 10 - 9 would show it
    html = view(client)
    assert card(html, "took-part-all").startswith("10 children")
    assert card(html, "took-part-8-11").startswith("fewer than 5")
    assert card(html, "took-part-12-18").startswith("not shown")


def test_the_view_moves_only_when_five_more_have_sent_so_one_child_cannot_be_differenced(app, client, cicc_member):
    with app.app_context():
        young_people(5)
    before = view(client)
    with app.app_context():
        converse(CHILDREN, {"home": "good"})  # the sixth: not counted until four more send
    after = view(client)
    assert card(after, "took-part-all") == card(before, "took-part-all")
    assert card(after, "took-part-8-11") == card(before, "took-part-8-11")
    with app.app_context():
        young_people(4)
    assert card(view(client), "took-part-all").startswith("10 children")


def test_only_sent_conversations_by_children_count(app, client, cicc_member):
    with app.app_context():
        young_people(4)
        converse(YOUNG_PEOPLE, {"home": "good"}, send=False)
        for _ in range(5):
            converse(PARENTS, {"notes_in_time": "yes"})
    assert card(view(client), "took-part-all").startswith("fewer than 5")


def test_a_theme_is_shown_only_once_five_people_talked_about_it(app, client, cicc_member):
    with app.app_context():
        young_people(5, {"going_well": PRAISE})  # listened_to, iro, review_meetings
        young_people(4, {"going_well": HOME})  # placement
    html = view(client)
    assert "My IRO: 5 people" in html and "Being listened to: 5 people" in html
    assert "Where I live" not in html


def test_feelings_are_counted_in_people_and_small_ones_hidden(app, client, cicc_member):
    with app.app_context():
        young_people(5, {"going_well": PRAISE})
        young_people(4, {"going_well": COMPLAINT})
    html = view(client)
    assert card(html, "feeling-positive") == "😀 Happy 5 people said something good"
    assert card(html, "feeling-negative") == "🙁 Not happy fewer than 5 people said something was not good"


def test_answers_flagged_as_a_concern_are_left_out_entirely(app, client, cicc_member):
    with app.app_context():
        young_people(5, {"worries": DISCLOSURE})  # negative; placement, family_contact, safety
    html = view(client)
    assert card(html, "feeling-negative").startswith("🙁 Not happy fewer than 5")
    assert "Feeling safe" not in html and "Where I live" not in html and DISCLOSURE not in html


def test_no_one_s_own_words_appear_unless_an_approved_quote(app, client, cicc_member):
    texts = [PRAISE, HOME, COMPLAINT, "Football on Saturdays with my carer is the best part of my week honestly."]
    with app.app_context():
        for text in texts:
            consenting(text)
        for _ in range(5):
            converse(YOUNG_PEOPLE, {"going_well": PRAISE})
        find()  # candidates, none approved
    html = view(client)
    assert not [text for text in texts if text in html]
    assert "No quotes have been chosen yet." in html


def test_only_approved_quotes_reach_the_view(app, client, cicc_member, reviewer_id):
    with app.app_context():
        for text in (PRAISE, HOME, COMPLAINT):
            consenting(text)
        by = db.session.get(StaffUser, reviewer_id)
        approved, rejected, candidate = sorted(find(), key=lambda q: q.original_text)
        service.approve(approved, approved.redacted_text, by, redaction_reviewed=True, consent_checked=True)
        service.reject(rejected, by)
        db.session.commit()
        shown, hidden = approved.redacted_text, (rejected.redacted_text, candidate.redacted_text)
    html = view(client)
    assert f"&#34;{shown}&#34;" in html or f'"{shown}"' in html
    assert not [text for text in hidden if text in html]


def test_quotes_from_parents_are_not_shown_to_the_council(app, client, cicc_member, reviewer_id):
    with app.app_context():
        converse(PARENTS, {"say": PRAISE, "quote": "yes"})
        (quote,) = find()
        by = db.session.get(StaffUser, reviewer_id)
        service.approve(quote, quote.redacted_text, by, redaction_reviewed=True, consent_checked=True)
        db.session.commit()
    assert PRAISE not in view(client)


def test_you_said_we_did_is_shown_newest_first(app, client, cicc_member):
    with app.app_context():
        db.session.add(YouSaidWeDid(you_said="Reviews were at school.", we_did="Reviews are after school now."))
        db.session.commit()
        db.session.add(YouSaidWeDid(you_said="Letters were hard to read.", we_did="We rewrote them."))
        db.session.commit()
    html = view(client)
    assert html.index("Letters were hard to read.") < html.index("Reviews were at school.")
