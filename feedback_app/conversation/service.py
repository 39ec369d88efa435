"""Conversations in the database: start one, find it by its link, store answers.

The HTML pages and the JSON API both call these functions, which call the
engine for every decision, so the two front doors can never disagree.

Each action a person takes (start, answer, finish now, carry on, send,
change language) is a unit of work that commits here, once, before anything
reacts to it: both front doors save alike, and an answer is safe before the
features listening for it run (docs/developing.md, "Saving").
"""

from __future__ import annotations

import re
import secrets
from dataclasses import replace
from functools import cache

from flask import current_app, has_request_context, request
from sqlalchemy import bindparam, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm.attributes import set_committed_value

from analysis import ANALYSER_VERSION

from .. import clock, question_types
from ..answer_analysis import analyse_text
from ..areas import could_be_token
from ..database import reading
from ..extensions import db
from ..models import Answer, AnswerReceipt, Conversation, Invitation, utcnow
from ..questionnaire import registry
from ..questionnaire.schema import Questionnaire
from ..safeguarding import answer_is_flagged, notices_for
from . import engine, signals
from .engine import AnswerError, ConversationState, Progress

# 32 random bytes: 256 bits, far past guessing, and short enough to type from a letter.
TOKEN_BYTES = 32


class UnknownQuestionnaire(LookupError):
    pass


def new_token() -> str:
    return secrets.token_urlsafe(TOKEN_BYTES)


def start(questionnaire_id: str, language: str | None = None, invitation: Invitation | None = None) -> Conversation:
    """Begin a conversation and commit it (for the API's POST, demo data and tests;
    the chat pages store nothing until the first answer: see `begin`). Raises
    UnknownQuestionnaire, and IntegrityError if `invitation` already has a conversation."""
    conversation = new(questionnaire_id, language, invitation)
    db.session.commit()
    return conversation


def first_screen(
    questionnaire_id: str, language: str | None = None, first_name: str | None = None
) -> ConversationState:
    """What a conversation's first screen shows, with nothing stored: a link
    preview, a prefetch or a refresh must not count as a conversation started.
    Raises UnknownQuestionnaire."""
    q = _current(questionnaire_id)
    return engine.conversation_state(q, Progress(first_name=first_name), _language_of(q, language))


def begin(
    questionnaire_id: str,
    language: str | None = None,
    *,
    question_id: str | None = None,
    value: object = None,
    skip: bool = False,
    finish: bool = False,
    invitation: Invitation | None = None,
    key: str | None = None,
    device_hash: str | None = None,
) -> Conversation:
    """Store a conversation from the first thing done on its first screen (an
    answer, a skip, or "finish now"), and commit once.

    The answer is checked before anything is written, so a refused one stores
    no empty conversation. `key`, the answer's client-made id, makes a resend
    harmless: the same key gives back the conversation it began. `device_hash`
    binds an invited conversation to the device it began on. Raises
    UnknownQuestionnaire, engine.AnswerError, and IntegrityError if
    `invitation` already has a conversation.
    """
    key = _checked_key(key)
    if key is not None and (earlier := _receipt_of(key)) is not None:
        found = db.session.get(Conversation, earlier)
        if found is not None:
            return found
    q = _current(questionnaire_id)
    first_name = invitation.first_name if invitation is not None else None
    if not finish:
        question, stored = engine.accept_answer(q, Progress(first_name=first_name), question_id or "", value, skip=skip)
    conversation = new(questionnaire_id, language, invitation)
    conversation.device_hash = device_hash  # the device it is bound to (conversation/devices.py)
    if finish:
        conversation.finished_early_at = utcnow()
        _commit()
        return conversation
    values = _store(conversation, question, stored, key)
    if not _commit(key):
        return db.session.get(Conversation, _receipt_of(key))  # the same first answer, just now in another request
    _announce(conversation, question, stored, values)
    return conversation


def new(questionnaire_id: str, language: str | None = None, invitation: Invitation | None = None) -> Conversation:
    """A conversation added (and flushed) inside someone else's unit of work, such
    as opening an invitation's link; the caller commits. Raises UnknownQuestionnaire,
    and IntegrityError if `invitation` already has a conversation."""
    loaded = registry.current(questionnaire_id)
    if loaded is None:
        raise UnknownQuestionnaire(questionnaire_id)
    q = loaded.questionnaire
    conversation = Conversation(
        token=new_token(),
        questionnaire_version_id=registry.version_id(loaded),
        questionnaire_id=q.id,
        audience=q.audience,
        language=_language_of(q, language),
        invitation=invitation,
    )
    if invitation is not None and invitation.first_opened_at is None:
        # Without JavaScript nothing said the first screen was seen: the first answer does.
        invitation.first_opened_at = clock.now()
    db.session.add(conversation)
    db.session.flush()
    return conversation


def _current(questionnaire_id: str) -> Questionnaire:
    loaded = registry.current(questionnaire_id)
    if loaded is None:
        raise UnknownQuestionnaire(questionnaire_id)
    return loaded.questionnaire


def _language_of(q: Questionnaire, asked: str | None) -> str:
    """The language a conversation opens in: the one asked for (?lang=), else
    the best the browser accepts (a phone set to Arabic sends Accept-Language: ar)
    among those the questionnaire offers, else its first. The person can still switch."""
    if asked in q.languages:
        return asked
    accepted = request.accept_languages.best_match(q.languages) if has_request_context() else None
    return accepted or q.default_language


def find(token: str) -> Conversation | None:
    if not could_be_token(token):
        return None
    with reading():
        return db.session.scalar(_by_token(), {"token": token})


def find_to_answer(token: str) -> Conversation | None:
    """`find`, for a request that will store an answer: the conversation and its
    answers are read in one statement, so the answer that follows needs no
    second read (`progress_of` takes the rows once).

    On PostgreSQL it is read with its row lock (`_hold_unsent`) in the write
    transaction itself, so the whole answer is one transaction on one
    connection: the select ... FOR UPDATE, the upsert, the commit. The lock
    holds back only this conversation. On SQLite a write transaction takes
    the one write lock at BEGIN, so there the read stays a transaction of its
    own, as in `find`."""
    if not could_be_token(token):
        return None
    session = db.session()
    if session.get_bind().dialect.name == "sqlite":
        with reading():
            rows = db.session.execute(_with_answers(), {"token": token}).all()
    else:
        rows = db.session.execute(_with_answers(locked=True), {"token": token}).all()
    if not rows:
        return None
    conversation = rows[0][0]
    answers = [tuple(row[1:]) for row in rows if row[1] is not None]
    transaction = None if session.get_bind().dialect.name == "sqlite" else session.get_transaction()
    session.info[READ_ANSWERS] = (conversation.id, transaction, answers)
    if transaction is not None:
        session.info[HELD] = (conversation.id, transaction)
    return conversation


# Session.info keys: (conversation id, transaction) of a row already locked in
# this transaction; (conversation id, transaction or None, answer rows) of the
# answers read with it, for `progress_of` to take once.
HELD = "feedback_held_conversation"
READ_ANSWERS = "feedback_read_answers"


def closed_invitation(conversation: Conversation) -> Invitation | None:
    """The invitation behind `conversation` if staff stopped it or it has expired, else None.

    Stopped means stopped everywhere: such a conversation is neither shown nor
    changed nor sent, by the chat pages or the API, just as its /i/ link answers 410.
    """
    if conversation.invitation_id is None:
        return None  # an open link: nothing to read, and this runs on every request
    with reading():
        invitation = conversation.invitation
        if invitation is None or invitation.link_works(clock.now()):
            return None
        _ = invitation.iro  # the closed page names the IRO to ask
        return invitation


def questionnaire_by_id(questionnaire_id: str) -> Questionnaire:
    """The current version of a questionnaire. Raises UnknownQuestionnaire."""
    return _current(questionnaire_id)


def questionnaire_of(conversation: Conversation) -> Questionnaire:
    return registry.questionnaire_of(conversation.questionnaire_version_id)


def progress_of(conversation: Conversation) -> Progress:
    """What the engine needs to know about a conversation, read in one short transaction
    (or none, when `find_to_answer` read its answers with it)."""
    rows = _answers_read_with(conversation)
    if rows is not None and conversation.invitation_id is None:
        return _progress(conversation, rows)  # nothing left to read: no transaction at all
    with reading():
        if rows is None:
            rows = db.session.execute(_progress_query(), {"conversation_id": conversation.id}).all()
        return _progress(conversation, rows)


def _progress(conversation: Conversation, rows) -> Progress:
    return Progress(
        answers={question_id: _engine_value(value, skipped) for question_id, value, skipped, _ in rows},
        notices=notices_for(conversation, [question_id for question_id, _, _, flagged in rows if flagged]),
        finished_early=conversation.finished_early_at is not None,
        submitted=conversation.submitted_at is not None,
        paused=conversation.paused_at is not None,
        first_name=conversation.invitation.first_name if conversation.invitation_id is not None else None,
    )


def _answers_read_with(conversation: Conversation) -> list | None:
    """The answer rows `find_to_answer` read with this conversation, once: on
    PostgreSQL only inside the transaction that holds its lock, on SQLite
    before this request writes (so they are what a read of its own would
    find). None when there are none to take: read them afresh."""
    session = db.session()
    read = session.info.pop(READ_ANSWERS, None)
    if read is None or read[0] != conversation.id:
        return None
    if read[1] is not None and read[1] is not session.get_transaction():
        return None
    return read[2]


def state_of_new(conversation: Conversation) -> ConversationState:
    """The state of a conversation this request has just begun: nothing is answered
    yet, so nothing needs reading (this is half of what starting one costs)."""
    first_name = conversation.invitation.first_name if conversation.invitation_id is not None else None
    progress = Progress(answers={}, notices={}, finished_early=False, submitted=False, first_name=first_name)
    return state_of(conversation, progress=progress)


def state_of(
    conversation: Conversation,
    change: str | None = None,
    language: str | None = None,
    progress: Progress | None = None,
) -> ConversationState:
    return engine.conversation_state(
        questionnaire_of(conversation),
        progress or progress_of(conversation),
        language or conversation.language,
        change=change,
    )


def set_language(conversation: Conversation, language: str) -> None:
    """Switch the conversation's language, if its questionnaire has that language."""
    if conversation.submitted_at is not None:
        return
    if language in questionnaire_of(conversation).languages and language != conversation.language:
        try:
            _hold_unsent(conversation)
        except engine.SubmittedError:
            return
        conversation.language = language
        db.session.commit()


def record_answer(
    conversation: Conversation, question_id: str, value: object, *, skip: bool = False, key: str | None = None
) -> ConversationState:
    """Check an answer, store it and commit before returning the new state.

    `key` is the answer's client-made id (idempotency key): an answer whose key
    was seen before is not stored again, and the state is returned as it is,
    so that resending after a lost connection is harmless, even after the
    person changed that answer or sent the conversation. Raises
    engine.AnswerError (or a subclass) without writing anything.
    """
    key = _checked_key(key)
    if key is not None and (earlier := _receipt_of(key)) is not None:
        if earlier != conversation.id:
            raise AnswerError("That answer belongs to another conversation. Reload the page to carry on.")
        state = state_of(conversation)
        if db.session().in_transaction():
            _commit()  # nothing written: just let go of the row found with its lock
        return state
    q = questionnaire_of(conversation)
    # On SQLite, read in a transaction of its own, so that the write lock
    # (taken at BEGIN) is held only for the write itself; on PostgreSQL, when
    # the conversation was found with its row lock (`find_to_answer`), inside
    # that transaction. Two answers to one conversation at the same instant
    # are still safe: the upsert keeps one row per question.
    progress = progress_of(conversation)
    question, stored = engine.accept_answer(q, progress, question_id, value, skip=skip)
    values = _store(conversation, question, stored, key)
    if not _commit(key):
        return state_of(conversation)  # the same answer, stored just now by another request
    _announce(conversation, question, stored, values)
    progress = replace(engine.with_answer(progress, question.id, stored), paused=conversation.paused_at is not None)
    if (values["analysis"] or {}).get("concern"):
        progress = progress_of(conversation)  # with the safeguarding message after this answer
    return state_of(conversation, progress=progress)


def _store(conversation: Conversation, question, stored: engine.AnswerValue, key: str | None = None) -> dict:
    """Add (not commit) the accepted answer, and its receipt when it has a key; returns the values written."""
    text = question_types.of(question).analysed_text(stored)
    values = {
        "value": list(stored) if isinstance(stored, tuple) else stored,
        "skipped": stored is None,
        "answered_at": utcnow(),
        # Analysed now, once, so that reports aggregate instead of re-reading.
        "analysis": analyse_text(text) if text else None,
        "analyser_version": ANALYSER_VERSION if text else None,
    }
    # The write begins by holding the conversation, so that a Send that
    # landed since the read above is seen and this answer refused.
    _hold_unsent(conversation)
    # One statement whether the answer is new or changed: this is the hot
    # path of the service, so it skips the ORM's unit of work.
    db.session.execute(
        _answer_upsert(db.session.get_bind().dialect.name),
        {"conversation_id": conversation.id, "question_id": question.id, **values},
    )
    if key is not None:
        db.session.add(AnswerReceipt(key=key, conversation_id=conversation.id))
    # A worrying answer pauses the chat ("Do you want to carry on?") before the
    # next question; any other answer means the person carried on.
    worrying = bool((values["analysis"] or {}).get("concern"))
    if worrying or conversation.paused_at is not None:
        conversation.paused_at = utcnow() if worrying else None
    return values


# A client-made id: random, URL-safe, long enough never to repeat by chance.
ANSWER_KEY = re.compile(r"[A-Za-z0-9_-]{16,64}")


def _checked_key(key: object) -> str | None:
    """`key` if it is a well-made answer id, None if absent. Raises AnswerError."""
    if key is None or key == "":
        return None
    if not isinstance(key, str) or not ANSWER_KEY.fullmatch(key):
        raise AnswerError("The answer's id should be 16 to 64 letters, digits, '-' or '_'.")
    return key


def _receipt_of(key: str) -> int | None:
    """The id of the conversation an answer with this key was stored in, or None."""
    with reading():
        return db.session.scalar(select(AnswerReceipt.conversation_id).where(AnswerReceipt.key == key))


def _announce(conversation: Conversation, question, stored: engine.AnswerValue, values: dict) -> None:
    """Tell the features listening for answers, once the answer is committed."""
    signals.answer_stored.send(
        current_app._get_current_object(),
        conversation=conversation,
        question=question,
        value=stored,
        analysis=values["analysis"],
    )


def finish_early(conversation: Conversation) -> ConversationState:
    """Stop asking questions and go to the "here is what you told us" review."""
    if conversation.submitted_at is not None:
        raise engine.SubmittedError("This conversation has already been sent.")
    if conversation.finished_early_at is None:
        _hold_unsent(conversation)
        conversation.finished_early_at = utcnow()
        conversation.paused_at = None
        _commit()
    return state_of(conversation)


def resume(conversation: Conversation) -> ConversationState:
    """Undo "finish now", or answer "yes" to the pause after a worrying
    answer: carry on with the questions not yet answered."""
    if conversation.submitted_at is not None:
        raise engine.SubmittedError("This conversation has already been sent.")
    if conversation.finished_early_at is not None or conversation.paused_at is not None:
        _hold_unsent(conversation)
        conversation.finished_early_at = None
        conversation.paused_at = None
        _commit()
    return state_of(conversation)


# `submit(..., sharing=NOT_CONFIRMED)`: called from the code (demo data, tests), not a front door.
NOT_CONFIRMED = object()


def sharing_choice(conversation: Conversation) -> str | None:
    """What an invited person chose about sharing their answers with their IRO
    by name ("yes", "no", or "" when skipped or not reached), which the review
    shows beside Send; None when the conversation asks no such question."""
    if conversation.invitation_id is None:
        return None
    ids = [q.id for q in questionnaire_of(conversation).questions if q.records == "share_with_iro"]
    if not ids:
        return None
    with reading():
        values = db.session.scalars(
            select(Answer.value).where(Answer.conversation_id == conversation.id, Answer.question_id.in_(ids))
        ).all()
    return "yes" if "yes" in values else ("no" if "no" in values else "")


def submit(conversation: Conversation, sharing: object = NOT_CONFIRMED) -> ConversationState:
    """Send the conversation. After this nothing can change it.

    `sharing` is the sharing choice the person saw on the review as they
    pressed Send (the front doors pass it): if it is no longer what is stored,
    nothing is sent, so a choice changed anywhere else is never sent unseen.
    Raises AnswerError if a question is still open (the person must answer,
    skip, or choose "finish now" first) or the sharing choice changed,
    SubmittedError if already sent.
    """
    if conversation.submitted_at is not None:
        raise engine.SubmittedError("This conversation has already been sent.")
    if sharing is not NOT_CONFIRMED and (sharing or "") != (sharing_choice(conversation) or ""):
        raise AnswerError(
            "Your choice about sharing your answers with your IRO has changed. Check it below, then press Send again."
        )
    # Held from here to the commit: the answers read next are the ones sent,
    # and an answer arriving meanwhile waits, then finds the conversation sent.
    _hold_unsent(conversation)
    progress = progress_of(conversation)
    if state_of(conversation, progress=progress).status != "review":
        raise AnswerError("There is still a question open. Answer it, skip it, or choose Finish now.")
    conversation.submitted_at = utcnow()
    _commit()
    # The answers are unchanged: only the state of being sent is new.
    return state_of(conversation, progress=replace(progress, submitted=True))


def _hold_unsent(conversation: Conversation) -> None:
    """Begin the write by locking the conversation's row, then check it is not sent.

    Whatever changes a conversation calls this first, in the transaction that
    makes the change, so the check and the write are one step: on PostgreSQL
    the row stays locked (SELECT ... FOR UPDATE) until the commit; on SQLite
    the transaction began with BEGIN IMMEDIATE, which holds the write lock.
    A Send and an answer at the same moment therefore happen one after the
    other, never interleaved. The times read under the lock replace what the
    object held. Raises SubmittedError (after rolling back) if it was sent.
    """
    if db.session().info.get(HELD) == (conversation.id, db.session().get_transaction()):
        # Read with its lock in this same transaction (`find_to_answer`): what it holds is current.
        submitted_at, finished_early_at = conversation.submitted_at, conversation.finished_early_at
    else:
        submitted_at, finished_early_at = db.session.execute(_hold_query(), {"id": conversation.id}).one()
    set_committed_value(conversation, "submitted_at", submitted_at)
    set_committed_value(conversation, "finished_early_at", finished_early_at)
    if submitted_at is not None:
        db.session.rollback()
        raise engine.SubmittedError("This conversation has already been sent, so it can't be changed.")


@cache
def _hold_query():
    return (
        select(Conversation.submitted_at, Conversation.finished_early_at)
        .where(Conversation.id == bindparam("id"))
        .with_for_update()
    )


@cache
def _with_answers(locked: bool = False):
    """The conversation with its token, and the columns of `_progress_query` of
    each of its answers (none: one row of NULLs), in one statement; `locked`,
    with the conversation's row lock. Built once each: a statement built afresh
    has its cache key worked out again on every answer."""
    statement = (
        select(Conversation, Answer.question_id, Answer.value, Answer.skipped, answer_is_flagged())
        .outerjoin(Answer, Answer.conversation_id == Conversation.id)
        .where(Conversation.token == bindparam("token"))
        .order_by(Answer.answered_at, Answer.id)
    )
    return statement.with_for_update(of=Conversation) if locked else statement


@cache
def _by_token():
    return select(Conversation).where(Conversation.token == bindparam("token"))


@cache
def _progress_query():
    """The columns the engine needs, without building ORM objects.

    This runs on every answer, so the statement is built once. The fourth
    column says whether a safeguarding message follows the answer.
    """
    return (
        select(Answer.question_id, Answer.value, Answer.skipped, answer_is_flagged())
        .where(Answer.conversation_id == bindparam("conversation_id"))
        .order_by(Answer.answered_at, Answer.id)
    )


@cache
def _answer_upsert(dialect: str):
    """INSERT an answer, or UPDATE it if that question was answered before.

    Built once per dialect and reused: constructing the statement afresh on
    every answer cost more than running it.
    """
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    statement = insert(Answer.__table__)
    changing = ("value", "skipped", "answered_at", "analysis", "analyser_version")
    return statement.on_conflict_do_update(
        index_elements=["conversation_id", "question_id"],
        set_={column: statement.excluded[column] for column in changing},
    )


def _engine_value(value: object, skipped: bool) -> engine.AnswerValue:
    if skipped or value is None:
        return None
    if isinstance(value, list):
        return tuple(value)
    return str(value)


def _commit(key: str | None = None) -> bool:
    """Commit, turning a lost race (two tabs answering at once) into a clear error.

    With an answer's `key`: False, keeping nothing, if another request stored
    that same answer at the same moment (a resend racing the original)."""
    try:
        db.session.commit()
    except IntegrityError:
        db.session.rollback()
        if key is not None and _receipt_of(key) is not None:
            return False
        raise AnswerError("That answer was sent twice at once. Reload the page to carry on.") from None
    return True
