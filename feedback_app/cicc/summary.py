"""What children and young people said, for the Children in Care Council: counts only.

Nothing here ever holds an answer's words. Every count is of people (sent
conversations), and a count below `SMALLEST_GROUP` is never shown as a
number. Answers flagged as a safeguarding concern are left out entirely.
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
from ..responses.flags import not_flagged
from ..responses.queries import has_sentiment, has_theme
from ..vocabulary import AGE_BANDS, CHILD

SMALLEST_GROUP = 5

Key = TypeVar("Key")


@dataclass(frozen=True)
class Figure:
    """A count of people as the CiCC may see it: the number, or None if the group is too small."""

    count: int | None

    @property
    def suppressed(self) -> bool:
        return self.count is None

    @property
    def shown(self) -> str:
        return f"fewer than {SMALLEST_GROUP}" if self.count is None else str(self.count)


def figure(count: int) -> Figure:
    return Figure(count if count >= SMALLEST_GROUP else None)


def suppress(counts: dict[Key, int]) -> dict[Key, Figure]:
    """Figures for parts of a whole whose total is shown.

    Parts below SMALLEST_GROUP are hidden. If the hidden parts add up to
    between 1 and SMALLEST_GROUP - 1, the total minus the parts shown would
    give them away, so the smallest shown parts are hidden too until it can't.
    """
    hidden = {key for key, count in counts.items() if count < SMALLEST_GROUP}
    shown = sorted((key for key in counts if key not in hidden), key=lambda key: counts[key])
    while shown and 0 < sum(counts[key] for key in hidden) < SMALLEST_GROUP:
        hidden.add(shown.pop(0))
    return {key: Figure(None if key in hidden else count) for key, count in counts.items()}


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
    sent = (scope(user, Figures), Conversation.audience == CHILD, Conversation.submitted_at.is_not(None))
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
    band_figures = suppress(by_band) if took_part >= SMALLEST_GROUP else {key: Figure(None) for key in by_band}

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


__all__ = ["CiccSummary", "Counted", "Figure", "SMALLEST_GROUP", "figure", "summary", "suppress"]
