"""Raising, e-mailing and acknowledging safeguarding alerts.

`on_answer_stored` runs in the child's own request, right after their answer
is committed. If the analysis found a concern it stores an alert (committed
before anything else is tried, so nothing later can lose it), then e-mails
the safeguarding address and records how that went on the alert. Nothing in
here may fail the child's request: the answer is already saved, and a 500
page is the last thing a child who has just disclosed harm should see.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from flask import Flask, current_app
from sqlalchemy import and_, select
from sqlalchemy.exc import IntegrityError

from .. import audit
from ..clock import now  # the one clock; tests move it with fake_clock
from ..database import reading
from ..extensions import db
from ..links import full_link
from ..models import Answer, Conversation, FurtherWords, SafeguardingAlert, StaffUser
from ..models.safeguarding import EMAIL_FAILED, EMAIL_SENT
from . import notify
from .working_days import one_working_day_after

#: The category of an alert raised for words the analysis could not read.
NEEDS_READING = "needs_reading"


def on_answer_stored(
    sender: Flask,
    *,
    conversation: Conversation,
    question: Any,
    value: object,
    analysis: Mapping[str, Any] | None = None,
    **_: Any,
) -> None:
    """Receiver for conversation.signals.answer_stored: raise an alert for a concern.

    Words the analysis could not read (a language it does not know) raise one
    too, as NEEDS_READING: they may be a disclosure, and only a person can tell.
    """
    analysis = dict(analysis or {})
    if not analysis.get("concern") and analysis.get("needs_reading"):
        analysis["concern"] = NEEDS_READING
    concern = analysis.get("concern")
    if not concern or not isinstance(value, str):
        return
    try:
        alert = raise_alert(conversation, question.id, value, analysis)
    except Exception:
        # Only ids in the log, never the words. The answer itself is stored
        # with its analysis, so `flask safeguarding sweep` will raise it.
        db.session.rollback()
        current_app.logger.critical(
            "could not store a safeguarding alert for conversation %s question %s", conversation.id, question.id,
            exc_info=True,
        )
        return
    if alert is not None:
        email_alert(alert)


def raise_alert(
    conversation: Conversation, question_id: str, text: str, analysis: Mapping[str, Any]
) -> SafeguardingAlert | None:
    """Store and commit this flagged answer on the conversation's alert.

    Returns the alert if it is new (the caller e-mails it). If the conversation
    already has an alert, the words are added to it as further words, shown in
    the queue as new words to read, and None is returned: one conversation
    raises one alert and one e-mail. None too if these words are already there.

    A unit of work of its own: committed before anything else (the e-mail)
    is tried, so nothing later can lose it. The look for an alert already
    there and the insert are one transaction holding the conversation's row
    (FOR UPDATE; SQLite's write lock), so two workers or hosts raising for the
    same conversation at once (a double click reaching two hosts, two sweeps
    from cron) store one alert and send one e-mail; the unique constraint on
    the conversation is the last word if anything gets past that.
    """
    db.session.execute(select(Conversation.id).where(Conversation.id == conversation.id).with_for_update())
    answer_id = db.session.scalar(
        select(Answer.id).where(Answer.conversation_id == conversation.id, Answer.question_id == question_id)
    )
    existing = _alert_of(conversation)
    if existing is None:
        alert = _new_alert(conversation, answer_id, question_id, text, analysis)
        db.session.add(alert)
        try:
            db.session.commit()
        except IntegrityError:  # raised a moment ago by another worker
            db.session.rollback()
            existing = _alert_of(conversation)
            if existing is None:
                raise
        else:
            current_app.logger.warning("safeguarding alert %s raised (%s)", alert.id, alert.category)
            return alert
    # The same words sent again (a double click, or "change" without changing) are one disclosure.
    if any(words.answer_id == answer_id and words.text == text for words in (existing, *existing.further_words)):
        db.session.rollback()
        return None
    further = FurtherWords(
        created_at=now(), answer_id=answer_id, question_id=question_id, category=str(analysis["concern"]),
        evidence=concern_phrases(analysis), text=text,
    )  # fmt: skip
    existing.further_words.append(further)
    db.session.commit()
    current_app.logger.warning("safeguarding alert %s: further words (%s)", existing.id, further.category)
    return None


def _alert_of(conversation: Conversation) -> SafeguardingAlert | None:
    return db.session.scalar(select(SafeguardingAlert).where(SafeguardingAlert.conversation_id == conversation.id))


def _new_alert(
    conversation: Conversation, answer_id: int | None, question_id: str, text: str, analysis: Mapping[str, Any]
) -> SafeguardingAlert:
    invitation = conversation.invitation
    return SafeguardingAlert(
        created_at=now(),
        conversation_id=conversation.id,
        answer_id=answer_id,
        questionnaire_id=conversation.questionnaire_id,
        question_id=question_id,
        category=str(analysis["concern"]),
        evidence=concern_phrases(analysis),
        text=text,
        invited=conversation.invitation_id is not None,
        iro_id=invitation.iro_id if invitation is not None else None,
    )


def concern_phrases(analysis: Mapping[str, Any]) -> list[str]:
    """The phrases behind the concern finding, in order, each once."""
    phrases: list[str] = []
    for item in analysis.get("evidence") or ():
        if str(item.get("finding", "")).startswith("concern:") and item.get("phrase") not in phrases:
            phrases.append(str(item.get("phrase")))
    return phrases


def email_alert(alert: SafeguardingAlert, *, audit_action: str | None = None) -> bool:
    """Try to e-mail the alert; record the outcome on it and commit. Returns whether it was sent.

    A unit of work of its own, committed in two steps: no database transaction
    is held while the mail server is talked to, so a slow server never keeps
    other answers waiting for the SQLite write lock. With `audit_action`, an
    audit event saying whether it was sent is committed with the outcome.
    """
    alert.email_attempts = (alert.email_attempts or 0) + 1
    try:
        message = notify.compose(alert, link_to(alert))
        db.session.commit()  # end the read (alert.iro) before the slow part
        notify.send(message, alert.id)
    except notify.EmailNotSent as error:
        alert.email_status, alert.email_error = EMAIL_FAILED, str(error)[:500]
    except Exception as error:  # a bug must show on the alert too, not end the request
        current_app.logger.exception("safeguarding alert %s: e-mail failed unexpectedly", alert.id)
        alert.email_status, alert.email_error = EMAIL_FAILED, f"Unexpected error: {type(error).__name__}"
    else:
        alert.email_status, alert.email_error, alert.email_sent_at = EMAIL_SENT, None, now()
    if audit_action is not None:
        audit.record(audit_action, "safeguarding_alert", alert.id, sent=alert.email_status == EMAIL_SENT)
    try:
        db.session.commit()
    except Exception:
        db.session.rollback()
        current_app.logger.exception("safeguarding alert %s: could not record the e-mail outcome", alert.id)
    if alert.email_status == EMAIL_FAILED:
        current_app.logger.error("safeguarding alert %s: e-mail not sent: %s", alert.id, alert.email_error)
    return alert.email_status == EMAIL_SENT


def link_to(alert: SafeguardingAlert) -> str:
    """The alert's page as a full link, from PUBLIC_BASE_URL, never the request (the e-mail's "sign in here")."""
    return full_link(f"/staff/safeguarding/{alert.id}")


def waiting_since(alert: SafeguardingAlert) -> datetime:
    """When what is waiting to be read arrived: the alert, or else its oldest unread further words."""
    unread = alert.unread_words
    return unread[0].created_at if alert.acknowledged and unread else alert.created_at


def due_at(alert: SafeguardingAlert) -> datetime:
    return one_working_day_after(waiting_since(alert))


def is_overdue(alert: SafeguardingAlert, at: datetime | None = None) -> bool:
    """Waiting to be read (the alert, or new words on it), and one working day has passed."""
    return alert.needs_attention and (at or now()) >= due_at(alert)


def was_late(alert: SafeguardingAlert) -> bool:
    acknowledged = alert.acknowledged_at
    return acknowledged is not None and acknowledged > one_working_day_after(alert.created_at)


def acknowledge(alert: SafeguardingAlert, user: StaffUser, note: str) -> None:
    """Record who acknowledged what was waiting on the alert (its words, then any
    further words), when, and what they did. The caller commits."""
    at, note = now(), note.strip()
    if not alert.acknowledged:
        alert.acknowledged_at, alert.acknowledged_by_id, alert.action_note = at, user.id, note
    for words in alert.unread_words:
        words.acknowledged_at, words.acknowledged_by_id, words.action_note = at, user.id, note


@dataclass(frozen=True)
class Sweep:
    """What `raise_missing_alerts` did: alerts raised, and answers it could not raise one for."""

    raised: int
    failed: int


def raise_missing_alerts() -> Sweep:
    """Raise an alert for every flagged answer that has none.

    Catches an alert that could not be stored when the answer was, and
    concerns found when `flask analyse` re-reads answers with a newer analyser.
    Each answer is its own unit of work: one that fails is logged (by id,
    never its words), rolled back and counted, and the sweep carries on.
    """
    with reading():
        answer_ids = db.session.scalars(
            select(Answer.id)
            .where(
                and_(
                    Answer.analysis["concern"].as_string().is_not(None),
                    ~select(SafeguardingAlert.id).where(SafeguardingAlert.answer_id == Answer.id).exists(),
                    ~select(FurtherWords.id).where(FurtherWords.answer_id == Answer.id).exists(),
                )
            )
            .order_by(Answer.id)
        ).all()
    raised = failed = 0
    for answer_id in answer_ids:
        try:
            alert = _raise_for_answer(answer_id)
        except Exception:
            db.session.rollback()
            current_app.logger.error("safeguarding sweep: could not raise an alert for answer %s", answer_id, exc_info=True)
            failed += 1
            continue
        if alert is not None:
            raised += 1
            email_alert(alert)
    return Sweep(raised, failed)


def _raise_for_answer(answer_id: int) -> SafeguardingAlert | None:
    with reading():
        answer = db.session.get(Answer, answer_id)
        conversation = answer.conversation if answer is not None else None
    if answer is None or conversation is None or not isinstance(answer.value, str):
        return None
    return raise_alert(conversation, answer.question_id, answer.value, answer.analysis or {})
