"""Finding candidate quotes: only sent answers, by people who agreed, never a concern, never twice."""

import sqlalchemy as sa
from sqlalchemy import select

from feedback_app.access import COMMAND_LINE
from feedback_app.extensions import db
from feedback_app.models import Answer
from feedback_app.quotes import service
from feedback_app.text_input import REPLACEMENT
from tests.feedback_app.quotes.helpers import PHONE, bank, consenting, find, quoted_conversations
from tests.feedback_app.responses.builders import COMPLAINT, DISCLOSURE, HOME, PRAISE, YOUNG_PEOPLE, converse


def test_an_answer_by_someone_who_agreed_to_be_quoted_becomes_a_candidate(app):
    with app.app_context():
        agreed = consenting(PRAISE)
        assert quoted_conversations() == set() and {q.answer.conversation_id for q in find()} == {agreed}


def test_answers_by_people_who_said_no_or_skipped_the_question_are_not_candidates(app):
    with app.app_context():
        agreed = consenting(PRAISE)
        converse(YOUNG_PEOPLE, {"going_well": COMPLAINT, "quote": "no"})
        converse(YOUNG_PEOPLE, {"going_well": HOME})  # consent question skipped
        converse(YOUNG_PEOPLE, {"going_well": HOME, "quote": "not_sure"})
        find()
        assert quoted_conversations() == {agreed}


def test_a_conversation_that_was_not_sent_gives_no_candidates(app):
    with app.app_context():
        converse(
            YOUNG_PEOPLE,
            {"home": "good", "going_well": PRAISE, "worries": HOME, "talk_about": ["home"], "quote": "yes"},
            send=False,
        )
        assert find() == []


def test_an_answer_flagged_as_a_concern_is_never_a_candidate(app):
    with app.app_context():
        consenting(DISCLOSURE, question="worries")
        assert find() == []


def test_the_database_query_itself_leaves_out_flagged_answers(app):
    # pick_quotes refuses concerns too; this pins the service's own filter.
    with app.app_context():
        consenting(PRAISE, worries=DISCLOSURE)
        offered = {answer.question_id for answer in db.session.scalars(service.quotable_answers(COMMAND_LINE))}
    assert offered == {"going_well"}


def test_finding_again_adds_nothing_already_in_the_bank(app):
    with app.app_context():
        consenting(PRAISE)
        consenting(HOME)
        first = [q.id for q in find()]
        assert service.find_candidates(COMMAND_LINE) == 0
        assert [q.id for q in bank()] == first


def test_a_candidate_is_redacted_and_keeps_its_theme_and_sentiment(app):
    with app.app_context():
        consenting(PHONE)
        (quote,) = find()
        assert "07700" not in quote.suggested_text and "[phone number]" in quote.suggested_text
        assert quote.redacted_text == quote.suggested_text and quote.status == "candidate"
        assert (quote.theme, quote.sentiment) == ("social_worker", "negative")
        assert quote.original_text == PHONE


def test_a_candidate_goes_with_its_answer_when_the_answer_is_deleted(app):
    with app.app_context():
        consenting(PRAISE)
        find()
        db.session.execute(Answer.__table__.delete())
        db.session.commit()
        db.session.expire_all()
        assert bank() == []
        assert db.session.scalars(select(Answer)).all() == []


def test_an_old_answer_holding_a_lone_surrogate_still_becomes_a_candidate(app):
    # Stored before the doors cleaned text: written here through a plain JSON column.
    raw = sa.table("answers", sa.column("id"), sa.column("value", sa.JSON))
    with app.app_context():
        agreed = consenting(PRAISE)
        answer_id = db.session.scalar(
            select(Answer.id).where(Answer.conversation_id == agreed, Answer.question_id == "going_well")
        )
        db.session.execute(sa.update(raw).where(raw.c.id == answer_id).values(value=f"{PRAISE} \udc00"))
        db.session.commit()
        [quote] = find()
        assert quote.original_text == f"{PRAISE} {REPLACEMENT}"


def test_the_same_words_from_two_people_are_offered_once(app):
    with app.app_context():
        consenting(PRAISE)
        consenting(PRAISE.upper().replace(" ", "  ").rstrip(".") + "!!")
        assert [service.same_words(q.suggested_text) for q in find()] == [service.same_words(PRAISE)]


def test_words_already_in_the_bank_are_not_offered_again(app):
    with app.app_context():
        consenting(PRAISE)
        find()
        consenting(PRAISE.lower())
        assert service.find_candidates(COMMAND_LINE) == 0
