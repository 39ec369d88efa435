"""Free text is analysed when stored; `flask analyse` catches up after the analyser changes."""

from sqlalchemy import select, update

import analysis
from feedback_app.answer_analysis import reanalyse
from feedback_app.conversation import service
from feedback_app.extensions import db
from feedback_app.models import Answer

QID = "young-person-before-review"


def free_text_answer(app, text):
    with app.app_context():
        conversation = service.start(QID)
        state = service.state_of(conversation)
        while state.question.question.type != "free_text":
            state = service.record_answer(conversation, state.question.question.id, None, skip=True)
        question_id = state.question.question.id
        service.record_answer(conversation, question_id, text)
        return db.session.scalar(
            select(Answer.id).where(Answer.conversation_id == conversation.id, Answer.question_id == question_id)
        )


def stored(app, answer_id):
    with app.app_context():
        return db.session.get(Answer, answer_id)


def test_a_free_text_answer_is_analysed_when_stored(app):
    answer = stored(app, free_text_answer(app, "Nobody listens to me at my review"))
    assert answer.analysis["sentiment"] == "negative"
    assert answer.analyser_version == analysis.ANALYSER_VERSION


def test_a_choice_answer_is_not_analysed(app):
    with app.app_context():
        conversation = service.start(QID)
        first = service.state_of(conversation).question
        service.record_answer(conversation, first.question.id, first.options[0][0])
        assert db.session.scalar(select(Answer)).analysis is None


def test_reanalyse_updates_only_answers_from_an_older_analyser(app):
    new = free_text_answer(app, "I like my foster carers")
    old = free_text_answer(app, "My social worker never rings me back")
    with app.app_context():
        db.session.execute(update(Answer).where(Answer.id == old).values(analyser_version="old", analysis=None))
        db.session.commit()
        assert reanalyse(batch_size=1) == 1
    assert stored(app, old).analyser_version == analysis.ANALYSER_VERSION
    assert stored(app, old).analysis["sentiment"] == "negative"
    assert stored(app, new).analyser_version == analysis.ANALYSER_VERSION


def test_reanalyse_leaves_choice_answers_alone(app):
    with app.app_context():
        conversation = service.start(QID)
        first = service.state_of(conversation).question
        service.record_answer(conversation, first.question.id, first.options[0][0])
        assert reanalyse(everything=True) == 0
        assert db.session.scalar(select(Answer)).analysis is None


def test_the_analyse_command_reports_progress_and_the_count(app, runner):
    answer_id = free_text_answer(app, "I miss my mum")
    with app.app_context():
        db.session.execute(update(Answer).where(Answer.id == answer_id).values(analyser_version="old"))
        db.session.commit()
    result = runner.invoke(args=["analyse"])
    assert result.exit_code == 0
    assert "1 answers analysed" in result.output
    assert "Every answer is already analysed" in runner.invoke(args=["analyse"]).output
