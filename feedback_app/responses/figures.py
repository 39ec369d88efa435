"""Closed questions' answers as figures per option, for one questionnaire.

Only sent conversations count: a person chose to send what they said. Only
conversations within the reader's `access.scope(user, Figures)` count.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from sqlalchemy import case, func, select

from .. import question_types
from ..access import Figures, scope
from ..access.policy import Principal
from ..charts import percent
from ..extensions import db
from ..models import Answer, Conversation
from ..periods import Period
from ..question_types.base import option_words
from ..questionnaire.loader import staff_text
from ..stored_json import json_list_holds, json_text
from .queries import latest_questionnaire


@dataclass(frozen=True)
class OptionCount:
    value: str
    label: str
    count: int
    share: str  # of the people who answered the question


@dataclass(frozen=True)
class QuestionFigures:
    question_id: str
    text: str
    several: bool  # a person could pick more than one option
    answered: int
    skipped: int
    options: list[OptionCount]


def closed_question_figures(user: Principal, questionnaire_id: str, period: Period) -> list[QuestionFigures]:
    """Each closed question of the questionnaire in order, with a count per option.

    For a multiple-choice question a person can pick several options, so the
    shares add up to more than 100%.
    """
    q = latest_questionnaire(questionnaire_id)
    if q is None:
        return []
    closed = [question for question in q.questions if question_types.of(question).counted]
    base = [
        scope(user, Figures),
        Conversation.questionnaire_id == questionnaire_id,
        Conversation.submitted_at.is_not(None),
        period.holds(Conversation.created_at),
    ]
    given = {
        question_id: (answered or 0, skipped or 0)
        for question_id, answered, skipped in db.session.execute(
            select(
                Answer.question_id,
                func.sum(case((Answer.skipped, 0), else_=1)),
                func.sum(case((Answer.skipped, 1), else_=0)),
            )
            .join(Conversation)
            .where(*base)
            .group_by(Answer.question_id)
        )
    }
    single = [question.id for question in closed if question_types.of(question).answer == "choice"]
    chosen: dict[tuple[str, str], int] = {}
    stored_value = json_text(Answer.value)
    for question_id, value, count in db.session.execute(
        select(Answer.question_id, stored_value, func.count())
        .join(Conversation)
        .where(*base, Answer.skipped.is_(False), Answer.question_id.in_(single))
        .group_by(Answer.question_id, stored_value)
    ):
        decoded = json.loads(value)
        chosen[question_id, decoded if isinstance(decoded, str) else value] = count
    for question in closed:
        if question_types.of(question).answer == "choices" and question.options:
            counts = db.session.execute(
                select(
                    *[
                        func.sum(case((json_list_holds(Answer.value, option.value), 1), else_=0))
                        for option in question.options
                    ]
                )
                .join(Conversation)
                .where(*base, Answer.skipped.is_(False), Answer.question_id == question.id)
            ).one()
            for option, count in zip(question.options, counts, strict=True):
                chosen[question.id, option.value] = count or 0

    figures = []
    for question in closed:
        answered, skipped = given.get(question.id, (0, 0))
        values = [option.value for option in question.options]
        # A value an older version offered, kept so that no answer goes uncounted.
        values += sorted(v for (qid, v) in chosen if qid == question.id and v not in values)
        options = [
            OptionCount(
                value,
                option_words(question.option(value), value, lambda text: staff_text(text, q)),
                chosen.get((question.id, value), 0),
                percent(chosen.get((question.id, value), 0), answered),
            )
            for value in values
        ]
        several = question_types.of(question).answer == "choices"
        figures.append(QuestionFigures(question.id, staff_text(question.text, q), several, answered, skipped, options))
    return figures


__all__ = ["OptionCount", "QuestionFigures", "closed_question_figures"]
