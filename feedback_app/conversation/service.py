"""Conversations in the database: start one, find it by its link, store answers.

The HTML pages and the JSON API both call these functions, which call the
engine for every decision, so the two front doors can never disagree.
"""

from __future__ import annotations

import secrets

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from ..extensions import db
from ..models import Answer, Conversation, utcnow
from ..questionnaire import registry
from ..questionnaire.schema import Questionnaire
from . import engine
from .engine import AnswerError, ConversationState, Progress

# 32 random bytes: 256 bits, far past guessing, and short enough to type from a letter.
TOKEN_BYTES = 32


class UnknownQuestionnaire(LookupError):
    pass


def new_token() -> str:
    return secrets.token_urlsafe(TOKEN_BYTES)


def start(questionnaire_id: str, language: str | None = None) -> Conversation:
    """Begin a conversation and commit it. Raises UnknownQuestionnaire."""
    loaded = registry.current(questionnaire_id)
    if loaded is None:
        raise UnknownQuestionnaire(questionnaire_id)
    q = loaded.questionnaire
    conversation = Conversation(
        token=new_token(),
        questionnaire_version=registry.version_row(loaded),
        questionnaire_id=q.id,
        audience=q.audience,
        language=language if language in q.languages else q.default_language,
    )
    db.session.add(conversation)
    db.session.commit()
    return conversation


def find(token: str) -> Conversation | None:
    if not isinstance(token, str) or len(token) > 100:
        return None
    return db.session.scalar(select(Conversation).where(Conversation.token == token))


def questionnaire_of(conversation: Conversation) -> Questionnaire:
    return registry.questionnaire_of(conversation.questionnaire_version)


def progress_of(conversation: Conversation) -> Progress:
    return Progress(
        answers={a.question_id: _engine_value(a) for a in conversation.answers},
        finished_early=conversation.finished_early_at is not None,
        submitted=conversation.submitted_at is not None,
    )


def state_of(conversation: Conversation, change: str | None = None, language: str | None = None) -> ConversationState:
    return engine.conversation_state(
        questionnaire_of(conversation),
        progress_of(conversation),
        language or conversation.language,
        change=change,
    )


def set_language(conversation: Conversation, language: str) -> None:
    """Switch the conversation's language, if its questionnaire has that language."""
    if conversation.submitted_at is not None:
        return
    if language in questionnaire_of(conversation).languages and language != conversation.language:
        conversation.language = language
        db.session.commit()


def record_answer(
    conversation: Conversation, question_id: str, value: object, *, skip: bool = False
) -> ConversationState:
    """Check an answer, store it and commit before returning the new state.

    Raises engine.AnswerError (or a subclass) without writing anything.
    """
    q = questionnaire_of(conversation)
    progress = progress_of(conversation)
    question, stored = engine.accept_answer(q, progress, question_id, value, skip=skip)
    answer = next((a for a in conversation.answers if a.question_id == question.id), None)
    if answer is None:
        answer = Answer(conversation=conversation, question_id=question.id)
        db.session.add(answer)
    answer.value = list(stored) if isinstance(stored, tuple) else stored
    answer.skipped = stored is None
    answer.answered_at = utcnow()
    answer.analysis = None
    answer.analyser_version = None
    # A person who changes an earlier answer after "finish now" is still reviewing.
    conversation.last_active_at = utcnow()
    _commit()
    return state_of(conversation)


def finish_early(conversation: Conversation) -> ConversationState:
    """Stop asking questions and go to the "here is what you told us" review."""
    if conversation.submitted_at is not None:
        raise engine.SubmittedError("This conversation has already been sent.")
    if conversation.finished_early_at is None:
        conversation.finished_early_at = utcnow()
        _commit()
    return state_of(conversation)


def resume(conversation: Conversation) -> ConversationState:
    """Undo "finish now": carry on with the questions not yet answered."""
    if conversation.submitted_at is not None:
        raise engine.SubmittedError("This conversation has already been sent.")
    if conversation.finished_early_at is not None:
        conversation.finished_early_at = None
        _commit()
    return state_of(conversation)


def submit(conversation: Conversation) -> ConversationState:
    """Send the conversation. After this nothing can change it.

    Raises AnswerError if a question is still open (the person must answer,
    skip, or choose "finish now" first), SubmittedError if already sent.
    """
    if conversation.submitted_at is not None:
        raise engine.SubmittedError("This conversation has already been sent.")
    if state_of(conversation).status != "review":
        raise AnswerError("There is still a question open. Answer it, skip it, or choose Finish now.")
    conversation.submitted_at = utcnow()
    _commit()
    return state_of(conversation)


def _engine_value(answer: Answer) -> engine.AnswerValue:
    if answer.skipped or answer.value is None:
        return None
    if isinstance(answer.value, list):
        return tuple(answer.value)
    return str(answer.value)


def _commit() -> None:
    """Commit, turning a lost race (two tabs answering at once) into a clear error."""
    try:
        db.session.commit()
    except IntegrityError:
        db.session.rollback()
        raise AnswerError("That answer was sent twice at once. Reload the page to carry on.") from None


