"""conversation/service.py: once a conversation is sent, nothing changes it, even at the same moment."""

from __future__ import annotations

import threading

import pytest
from sqlalchemy import select

from feedback_app.conversation import engine, service
from feedback_app.extensions import db
from feedback_app.models import Answer

QID = "young-person-before-review"


def conversation_in_review() -> tuple[str, str, str]:
    """A conversation with every question skipped but the first; returns its token,
    the first question's id and another of its options (a change of mind)."""
    conversation = service.start(QID)
    first = service.state_of(conversation).question
    state = service.record_answer(conversation, first.question.id, first.options[0][0])
    while state.question is not None:
        state = service.record_answer(conversation, state.question.question.id, None, skip=True)
    assert state.status == "review"
    return conversation.token, first.question.id, first.options[1][0]


def test_an_answer_checked_before_send_but_written_after_it_is_refused(app, monkeypatch):
    """The answer is checked, then Send lands, then the answer would be written:
    the write must see the Send and refuse, so the sent answers stay as sent."""
    with app.app_context():
        token, question_id, changed = conversation_in_review()
        db.session.remove()

    checked, sent = threading.Event(), threading.Event()
    accept_answer = engine.accept_answer

    def accept_then_wait_for_send(*args, **kwargs):
        accepted = accept_answer(*args, **kwargs)
        checked.set()
        assert sent.wait(timeout=20), "the Send did not happen"
        return accepted

    monkeypatch.setattr(engine, "accept_answer", accept_then_wait_for_send)
    outcome: dict[str, object] = {}

    def answer() -> None:
        with app.app_context():
            try:
                service.record_answer(service.find(token), question_id, changed)
                outcome["answer"] = "stored"
            except engine.SubmittedError:
                outcome["answer"] = "refused"
            except Exception as error:  # noqa: BLE001 - reported by the assertion below
                outcome["answer"] = repr(error)
            finally:
                db.session.remove()

    def send() -> None:
        assert checked.wait(timeout=20), "the answer was never checked"
        with app.app_context():
            try:
                outcome["send"] = service.submit(service.find(token)).status
            finally:
                sent.set()
                db.session.remove()

    threads = [threading.Thread(target=answer), threading.Thread(target=send)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert outcome == {"send": "submitted", "answer": "refused"}
    with app.app_context():
        conversation = service.find(token)
        stored = db.session.scalar(
            select(Answer.value).where(Answer.conversation_id == conversation.id, Answer.question_id == question_id)
        )
        assert stored != changed
        latest = db.session.scalar(select(db.func.max(Answer.answered_at)).where(Answer.conversation_id == conversation.id))
        assert latest <= conversation.submitted_at


@pytest.mark.parametrize("finished_early", [False, True])
def test_finish_now_and_carry_on_from_a_tab_opened_before_send_change_nothing(app, finished_early):
    """A second tab still holds the conversation as it was before Send."""
    with app.app_context():
        token, _, _ = conversation_in_review()
        if finished_early:
            service.finish_early(service.find(token))
        stale = service.find(token)
        db.session.expunge(stale)
        service.submit(service.find(token))
        db.session.expunge_all()
        db.session.add(stale)  # as the other tab's request would load it, just before the Send
        action = service.resume if finished_early else service.finish_early
        with pytest.raises(engine.SubmittedError):
            action(stale)
        db.session.expunge_all()
        assert (service.find(token).finished_early_at is not None) == finished_early


def test_the_state_of_a_conversation_just_begun_is_the_state_read_back(app):
    """state_of_new skips the read a new conversation does not need; it must say the same."""
    with app.app_context():
        conversation = service.start(QID, "cy")
        assert service.state_of_new(conversation) == service.state_of(conversation)
