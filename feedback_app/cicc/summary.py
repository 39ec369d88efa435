"""What children and young people said, for the Children in Care Council: counts only.

Nothing here ever holds an answer's words. Every count is of people (sent
conversations), by the small-numbers rule (`feedback_app.small_numbers`): a
count below `SMALLEST_GROUP` is never shown as a number, nor worked out from
a total, and the view counts only whole batches of `RELEASE_STEP` sent
conversations, so that comparing it before and after one child sends tells
nothing about that child. Answers flagged as a safeguarding concern are left
out entirely.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Generic, TypeVar

from sqlalchemy import case, func, select

from analysis.result import SENTIMENTS, THEMES

from ..access import Figures, scope
from ..access.policy import Principal
from ..extensions import db
from ..models import Answer, Conversation, QuestionnaireVersion
from ..safeguarding import not_flagged
from ..small_numbers import RELEASE_STEP, SMALLEST_GROUP, Figure, figure, released, suppress
from ..stored_json import has_sentiment, has_theme
from ..vocabulary import AGE_BANDS, CHILD

Key = TypeVar("Key")


@dataclass(frozen=True)
class Counted(Generic[Key]):
    key: Key
    figure: Figure


@dataclass(frozen=True)
class CiccSummary:
    took_part: Figure
    by_age_band: list[Counted[str]]
    themes: list[Counted[str]]  # only themes at least SMALLEST_GROUP people talked about, most first
    feelings: list[Counted[str]]


def summary(user: Principal, top_themes: int = 6) -> CiccSummary:
    """Aggregates over every sent conversation by a child or young person that `user` may count."""
    sent = (*_sent_by_children(user), Conversation.id.in_(_released(user)))
    band = QuestionnaireVersion.definition["age_band"].as_string()
    by_band = dict.fromkeys(AGE_BANDS, 0) | dict(
        db.session.execute(
            select(band, func.count(Conversation.id))
            .join(QuestionnaireVersion, QuestionnaireVersion.id == Conversation.questionnaire_version_id)
            .where(*sent)
            .group_by(band)
        ).all()
    )
    took_part = sum(by_band.values())
    band_figures = suppress(by_band)

    row = db.session.execute(
        select(
            *[func.count(func.distinct(case((has_theme(theme), Answer.conversation_id)))) for theme in THEMES],
            *[func.count(func.distinct(case((has_sentiment(s), Answer.conversation_id)))) for s in SENTIMENTS],
        )
        .join(Conversation, Conversation.id == Answer.conversation_id)
        .where(*sent, Answer.analyser_version.is_not(None), Answer.skipped.is_(False), not_flagged())
    ).one()
    theme_counts = dict(zip(THEMES, row[: len(THEMES)], strict=True))
    feeling_counts = dict(zip(SENTIMENTS, row[len(THEMES) :], strict=True))
    themes = sorted(
        (Counted(theme, figure(count)) for theme, count in theme_counts.items() if count >= SMALLEST_GROUP),
        key=lambda counted: (-(counted.figure.count or 0), THEMES.index(counted.key)),
    )[:top_themes]
    return CiccSummary(
        took_part=figure(took_part),
        # Every children's questionnaire has an age band (the questionnaire schema insists).
        by_age_band=[Counted(key, band_figures[key]) for key in AGE_BANDS],
        themes=themes,
        feelings=[Counted(s, figure(feeling_counts[s])) for s in SENTIMENTS],
    )


def _sent_by_children(user: Principal) -> tuple:
    return (scope(user, Figures), Conversation.audience == CHILD, Conversation.submitted_at.is_not(None))


def _released(user: Principal):
    """The ids of the sent conversations the view counts: the first whole batches of
    RELEASE_STEP in the order they were sent. The sixth to ninth people to send wait
    for the tenth, and then all five count at once."""
    sent = _sent_by_children(user)
    total = db.session.scalar(select(func.count(Conversation.id)).where(*sent)) or 0
    return (
        select(Conversation.id)
        .where(*sent)
        .order_by(Conversation.submitted_at, Conversation.id)
        .limit(released(total))
        .scalar_subquery()
    )


__all__ = [
    "RELEASE_STEP", "SMALLEST_GROUP", "CiccSummary", "Counted", "Figure", "figure", "summary", "suppress",
]  # fmt: skip
