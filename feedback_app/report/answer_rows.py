"""The two grouped passes over a period's sent answers that most of the report's figures come from.

Each returns rows of (what was found..., how many answers), counted by the
database: the closed questions' stored values, and the written answers'
analyses. Rows for two periods that do not overlap add up to the rows of both
together, which is what lets `report.counted_months` keep them per month.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import ColumnElement, and_, case, func, or_, select

from .. import question_types
from ..access import Figures, scope
from ..access.policy import Principal
from ..extensions import db
from ..models import Answer, Conversation, QuestionnaireVersion
from ..periods import Period
from ..questionnaire.schema import Question, Questionnaire
from ..responses import latest_questionnaire
from ..safeguarding import not_flagged
from ..stored_json import json_text

# questionnaire id: the ids of its closed questions (from its latest version)
Asked = dict[str, tuple[str, ...]]
# (questionnaire id, question id, stored value as JSON text, answers)
ClosedRow = tuple[str, str, str | None, int]
# (audience, sentiment, themes as JSON text, 1 if unsure or needing reading else 0, answers)
WrittenRow = tuple[str, str | None, str | None, int, int]


def closed_asked(questionnaire_ids: Iterable[str]) -> dict[str, tuple[Questionnaire, list[Question]]]:
    """Each questionnaire's closed questions with options, from its latest version."""
    asked = {}
    for questionnaire_id in questionnaire_ids:
        q = latest_questionnaire(questionnaire_id)
        if q is not None:
            closed = [question for question in q.questions if question_types.of(question).counted and question.options]
            if closed:
                asked[questionnaire_id] = (q, closed)
    return asked


def asked_everywhere() -> Asked:
    """The closed questions of every questionnaire ever answered (so that a month's rows do not
    depend on which year they are counted for)."""
    ids = sorted(set(db.session.scalars(select(QuestionnaireVersion.questionnaire_id).distinct())))
    return {q: tuple(c.id for c in closed) for q, (_, closed) in closed_asked(ids).items()}


def sent_in(user: Principal, period: Period) -> tuple[ColumnElement[bool], ...]:
    return (scope(user, Figures), Conversation.submitted_at.is_not(None), period.holds(Conversation.created_at))


def closed_rows(user: Principal, period: Period, asked: Asked) -> list[ClosedRow]:
    """Every closed answer's stored value with its count (a multiple choice's list is one value here)."""
    if not asked:
        return []
    stored_value = json_text(Answer.value)
    rows = db.session.execute(
        select(Conversation.questionnaire_id, Answer.question_id, stored_value, func.count())
        .join(Conversation, Conversation.id == Answer.conversation_id)
        .where(
            *sent_in(user, period),
            Answer.skipped.is_(False),
            or_(
                *[
                    and_(Conversation.questionnaire_id == questionnaire_id, Answer.question_id.in_(question_ids))
                    for questionnaire_id, question_ids in asked.items()
                ]
            ),
        )
        .group_by(Conversation.questionnaire_id, Answer.question_id, stored_value)
    )
    return [(q, question, value, count) for q, question, value, count in rows]


def analysed_answers(user: Principal, period: Period) -> tuple[ColumnElement[bool], ...]:
    return (*sent_in(user, period), Answer.analyser_version.is_not(None), Answer.skipped.is_(False), not_flagged())


def written_rows(user: Principal, period: Period) -> list[WrittenRow]:
    """Per audience, sentiment, set of themes and doubt: how many written answers (flagged ones never)."""
    sentiment = Answer.analysis["sentiment"].as_string()
    themes = json_text(Answer.analysis["themes"])
    doubtful = case(
        (or_(Answer.analysis["unsure"].as_boolean().is_(True), Answer.analysis["needs_reading"].as_boolean().is_(True)), 1),
        else_=0,
    )
    rows = db.session.execute(
        select(Conversation.audience, sentiment, themes, doubtful, func.count(Answer.id))
        .join(Conversation, Conversation.id == Answer.conversation_id)
        .where(*analysed_answers(user, period))
        .group_by(Conversation.audience, sentiment, themes, doubtful)
    )
    return [(audience, feeling, theme_list, int(doubt), count) for audience, feeling, theme_list, doubt, count in rows]


__all__ = ["Asked", "asked_everywhere", "closed_asked", "ClosedRow", "WrittenRow", "analysed_answers", "closed_rows", "sent_in", "written_rows"]
