"""Which answers are flagged as a safeguarding concern, for everyone who must leave them out.

A flagged answer is never quoted, never shown to the Children in Care
Council and never exported for it. Filter with

    select(Answer).where(Answer.id.not_in(flagged_answer_ids()))

or, for one loaded answer, `is_flagged(answer)`.
"""

from __future__ import annotations

from sqlalchemy import ColumnElement, not_, or_, select

from ..extensions import db
from ..models import Answer, FurtherWords, SafeguardingAlert


def answer_is_flagged():
    """A SQL expression, true for an answer row that is or was flagged as a concern.

    Flagged means an alert was raised for it (even if the person later changed
    the words), or its stored analysis has a concern (in case an alert could
    not be stored, or a newer analyser found one later).
    """
    has_alert = select(SafeguardingAlert.id).where(SafeguardingAlert.answer_id == Answer.id).exists()
    has_words = select(FurtherWords.id).where(FurtherWords.answer_id == Answer.id).exists()
    return or_(has_alert, has_words, Answer.analysis["concern"].as_string().is_not(None))


def not_flagged() -> ColumnElement[bool]:
    """A SQL condition on `Answer`: true for an answer that may be counted, quoted or shown."""
    return not_(answer_is_flagged())


def flagged_answer_ids():
    """A SELECT of the ids of flagged answers, for others to leave them out:

        select(Answer).where(Answer.id.not_in(flagged_answer_ids()))

    A flagged answer must never be quoted, shown to the Children in Care
    Council, or exported for it. The ids are never null, so NOT IN is safe.
    """
    return select(Answer.id).where(answer_is_flagged())


def is_flagged(answer: Answer) -> bool:
    """The same rule as `flagged_answer_ids`, for one loaded answer."""
    if (answer.analysis or {}).get("concern"):
        return True
    alert = select(SafeguardingAlert.id).where(SafeguardingAlert.answer_id == answer.id).limit(1)
    words = select(FurtherWords.id).where(FurtherWords.answer_id == answer.id).limit(1)
    return db.session.scalar(alert) is not None or db.session.scalar(words) is not None
