"""Which answers count as flagged: one rule, in Python and in SQL alike."""

from sqlalchemy import select

from feedback_app.conversation import service
from feedback_app.extensions import db
from feedback_app.models import Answer, Conversation
from feedback_app.safeguarding import answer_is_flagged, is_flagged, not_flagged
from tests.feedback_app.responses.builders import DISCLOSURE, HOME, PRAISE, YOUNG_PEOPLE, answer_to, converse


def test_an_answer_with_a_concern_is_flagged_and_an_ordinary_one_is_not(app):
    with app.app_context():
        conversation_id = converse(YOUNG_PEOPLE, {"going_well": PRAISE, "worries": DISCLOSURE})
        assert is_flagged(answer_to(conversation_id, "worries"))
        assert not is_flagged(answer_to(conversation_id, "going_well"))
        assert not is_flagged(answer_to(conversation_id, "home"))  # skipped, never analysed


def test_the_sql_conditions_agree_with_is_flagged(app):
    with app.app_context():
        converse(YOUNG_PEOPLE, {"home": "good", "going_well": PRAISE, "worries": DISCLOSURE})
        flagged_ids = set(db.session.scalars(select(Answer.question_id).where(answer_is_flagged())))
        shown_ids = set(db.session.scalars(select(Answer.question_id).where(not_flagged())))
    assert flagged_ids == {"worries"}
    assert shown_ids == {"home", "going_well", "talk_about", "quote"}


def test_an_answer_stays_flagged_after_its_words_are_changed(app):
    # The alert keeps the first words; the person's later edit must not unflag the answer.
    with app.app_context():
        conversation_id = converse(YOUNG_PEOPLE, {"home": "ok", "going_well": HOME, "worries": DISCLOSURE}, send=False)
        service.record_answer(db.session.get(Conversation, conversation_id), "worries", PRAISE)
        answer = answer_to(conversation_id, "worries")
        assert answer.analysis["concern"] is None
        assert is_flagged(answer)
        assert db.session.scalars(select(Answer.question_id).where(answer_is_flagged())).all() == ["worries"]
