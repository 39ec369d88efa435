"""One conversation: answers question by question, the analysis beside free text, and an audit entry."""

import shutil
from datetime import UTC, datetime

import pytest
from sqlalchemy import select

from feedback_app.extensions import db
from feedback_app.models import AuditEvent, Conversation
from tests.conftest import make_app
from tests.feedback_app.auth.staff_helpers import sign_in_quickly
from tests.feedback_app.responses.builders import DISCLOSURE, PRAISE, QUESTIONNAIRES, YOUNG_PEOPLE, converse
from tests.feedback_app.responses.pages import text_of, tree


@pytest.fixture
def manager(app, client, make_account):
    account = make_account("iro_manager")
    sign_in_quickly(app, client, account)
    return account


def page_of(client, conversation_id: int) -> str:
    response = client.get(f"/staff/responses/{conversation_id}")
    assert response.status_code == 200
    return response.get_data(as_text=True)


def test_choices_are_shown_with_their_words_and_skips_as_skipped(app, client, manager):
    with app.app_context():
        conversation_id = converse(YOUNG_PEOPLE, {"home": "great", "talk_about": ["home", "school"]})
    html = page_of(client, conversation_id)
    assert "How are things where you live?" in html and "😀 Great" in html
    assert "Where I live, School" in html
    assert html.count("Skipped") == 3  # going_well, worries, quote


def test_a_free_text_answer_has_its_analysis_beside_it(app, client, manager):
    with app.app_context():
        conversation_id = converse(YOUNG_PEOPLE, {"going_well": PRAISE})
    answer = tree(page_of(client, conversation_id)).find(".//li[@id='answer-going_well']")
    analysis = text_of(answer.find(".//aside"))
    assert PRAISE in text_of(answer)
    assert "Sentiment Positive" in analysis
    assert "Themes Being listened to, The IRO, Review meetings" in analysis
    assert "Worry None found" in analysis
    assert "“really listens” sounds positive" in analysis or "“listens to me” sounds positive" in analysis


def test_the_analysers_codes_and_scores_never_reach_staff_only_words_with_the_why_behind_a_toggle(app, client, manager):
    with app.app_context():
        conversation_id = converse(YOUNG_PEOPLE, {"going_well": PRAISE, "worries": DISCLOSURE})
    page = tree(page_of(client, conversation_id))
    for question_id in ("going_well", "worries"):
        aside = page.find(f".//li[@id='answer-{question_id}']/aside")
        shown = text_of(aside)
        assert "polarity" not in shown and "theme:" not in shown and "concern:" not in shown and "sentiment:" not in shown
        assert "_" not in shown  # no code such as family_contact or self_harm
        why = aside.find(".//details")
        assert why is not None and text_of(why.find("summary")) == "Why the analysis says this"
        assert why.findall(".//li")


def test_an_answer_flagged_as_a_concern_is_marked(app, client, manager):
    with app.app_context():
        conversation_id = converse(YOUNG_PEOPLE, {"worries": DISCLOSURE})
    analysis = text_of(tree(page_of(client, conversation_id)).find(".//li[@id='answer-worries']/aside"))
    assert "Flagged as a safeguarding concern" in analysis and "Worry Abuse or violence" in analysis
    assert "Concern abuse" not in analysis and "may be a worry: abuse or violence" in analysis


def test_viewing_a_conversation_is_audited(app, client, manager):
    with app.app_context():
        conversation_id = converse(YOUNG_PEOPLE, {"home": "good"})
    page_of(client, conversation_id)
    with app.app_context():
        events = db.session.scalars(select(AuditEvent).where(AuditEvent.action == "conversation_viewed")).all()
        assert [(e.target_type, e.target_id, e.actor_id) for e in events] == [
            ("conversation", str(conversation_id), manager.id)
        ]
        assert "good" not in str(events[0].detail)


def test_a_refused_view_is_not_shown_and_not_audited_as_viewed(app, client, make_account):
    with app.app_context():
        conversation_id = converse(YOUNG_PEOPLE, {"home": "good"})
    sign_in_quickly(app, client, make_account("admin"))
    assert client.get(f"/staff/responses/{conversation_id}").status_code == 403
    with app.app_context():
        assert not db.session.scalars(select(AuditEvent).where(AuditEvent.action == "conversation_viewed")).all()


def test_questions_are_worded_as_in_the_version_that_was_answered(app, client, manager, _schema, tmp_path):
    folder = tmp_path / "questionnaires"
    shutil.copytree(QUESTIONNAIRES, folder)
    before = make_app(_schema, QUESTIONNAIRES_DIR=str(folder))
    with before.app_context():
        old = converse(YOUNG_PEOPLE, {"home": "good"})
    path = folder / "young-people.yaml"
    path.write_text(
        path.read_text()
        .replace("version: 1", "version: 2")
        .replace("How are things where you live?", "How is your home?")
    )
    after = make_app(_schema, QUESTIONNAIRES_DIR=str(folder))
    with after.app_context():
        new = converse(YOUNG_PEOPLE, {"home": "good"})
    assert "How are things where you live?" in page_of(client, old)
    assert "How is your home?" in page_of(client, new)


def test_the_times_on_the_page_are_uk_time(app, client, manager):
    with app.app_context():
        conversation_id = converse(YOUNG_PEOPLE, {"home": "great"})
        found = db.session.get(Conversation, conversation_id)
        found.created_at = datetime(2026, 7, 1, 8, 30, tzinfo=UTC)  # 9:30 in London
        db.session.commit()
    html = page_of(client, conversation_id)
    assert "01 Jul 2026 09:30" in html and "UTC" not in html


def test_an_answer_the_analysis_could_not_read_says_a_person_must_read_it(app, client, manager):
    with app.app_context():
        conversation_id = converse(YOUNG_PEOPLE, {"going_well": "Nie czuję się bezpiecznie w domu, boję się ojczyma"})
    answer = tree(page_of(client, conversation_id)).find(".//li[@id='answer-going_well']")
    assert "needs a person to read" in text_of(answer.find(".//aside"))


def test_an_answer_the_analysis_was_unsure_of_says_so(app, client, manager):
    with app.app_context():
        conversation_id = converse(YOUNG_PEOPLE, {"going_well": PRAISE})
        conversation = db.session.get(Conversation, conversation_id)
        for answer in conversation.answers:
            if answer.question_id == "going_well":
                answer.analysis = {**answer.analysis, "unsure": True}
        db.session.commit()
    answer = tree(page_of(client, conversation_id)).find(".//li[@id='answer-going_well']")
    assert "unsure" in text_of(answer.find(".//aside"))
