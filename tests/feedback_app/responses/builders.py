"""Test data for the reporting tests, made the way people make it: conversations
started, answered and sent through the conversation service.

The tests use their own small questionnaires (in `questionnaires/`), so that
what they count does not move when the real questionnaires are edited.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from feedback_app.conversation import service
from feedback_app.conversation.engine import open_question
from feedback_app.extensions import db
from feedback_app.models import Answer, Conversation

QUESTIONNAIRES = Path(__file__).parent / "questionnaires"
YOUNG_PEOPLE = "test-young-people"  # child, 12-18: home, going_well, worries, talk_about, quote
CHILDREN = "test-children"  # child, 8-11: home, say, quote
PARENTS = "test-parents"  # parent: notes_in_time, say, quote

PRAISE = "My IRO really listens to me and always explains what is happening at my review."
COMPLAINT = "I hate my review meetings because there are far too many people there and nobody listens to me."
HOME = "My foster carers are kind and I like living with them a lot, it feels like home."
DISCLOSURE = "My carer hits me and I am scared to go home."


# The reporting tests' conftests (responses, quotes, cicc, report) run the app with these.
SETTINGS = {"QUESTIONNAIRES_DIR": str(QUESTIONNAIRES)}


def converse(
    questionnaire_id: str,
    answers: dict[str, object],
    *,
    send: bool = True,
    started: datetime | None = None,
) -> int:
    """Start a conversation and answer each question in turn from `answers`.

    With `send`, a question not in `answers` is skipped and the conversation is
    sent at the end; without, the person stops at the first question not in
    `answers`. Returns the conversation's id. Needs an app context.
    """
    conversation = service.start(questionnaire_id)
    q = service.questionnaire_of(conversation)
    while (question := open_question(q, service.progress_of(conversation))) is not None:
        if question.id in answers:
            service.record_answer(conversation, question.id, answers[question.id])
        elif send:
            service.record_answer(conversation, question.id, None, skip=True)
        else:
            break
    if send:
        service.submit(conversation)
    if started is not None:
        conversation.created_at = started
        db.session.commit()
    return conversation.id


def young_people_stopping(started: datetime) -> None:
    """Six young people's conversations for counting where people stop: one stopped
    before anything, one after `home`, two after `going_well` (all begun at
    `started`), one sent, and one begun an hour ago (it may still be going on)."""
    converse(YOUNG_PEOPLE, {}, send=False, started=started)
    converse(YOUNG_PEOPLE, {"home": "good"}, send=False, started=started)
    for _ in range(2):
        converse(YOUNG_PEOPLE, {"home": "good", "going_well": PRAISE}, send=False, started=started)
    converse(YOUNG_PEOPLE, {"home": "good"})
    converse(YOUNG_PEOPLE, {"home": "good"}, send=False)


def answer_to(conversation_id: int, question_id: str) -> Answer:
    answer = db.session.query(Answer).filter_by(conversation_id=conversation_id, question_id=question_id).one()
    return answer


def conversation(conversation_id: int) -> Conversation:
    return db.session.get(Conversation, conversation_id)
