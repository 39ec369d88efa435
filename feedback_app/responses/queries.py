"""Figures about conversations, counted by the database rather than in Python loops.

Each function takes the person asking and counts only what `access.scope`
lets them see: `Figures` for counts, `Conversation` for lists.

Answers and analyses are stored as JSON; the conditions on them (a stored
choice, a theme in a list) are in `feedback_app/stored_json.py`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from sqlalchemy import ColumnElement, Select, case, exists, func, select

from ..access import Figures, scope
from ..access.policy import Principal
from ..charts import percent
from ..extensions import db
from ..models import Answer, Conversation, QuestionnaireVersion, utcnow
from ..periods import Period, buckets
from ..questionnaire import registry
from ..questionnaire.loader import staff_text
from ..questionnaire.titles import latest_questionnaire, staff_title
from ..safeguarding import answer_is_flagged
from ..stored_json import has_sentiment, has_theme
from ..vocabulary import AUDIENCES, audience_name

# An unfinished conversation younger than this may still be going on.
STILL_GOING = timedelta(days=1)


# --- questionnaires as answered --------------------------------------------------


def questionnaire_titles() -> dict[str, str]:
    """Every questionnaire with a file or with stored answers, id to title, by title.

    Several questionnaires share a title ("Before my review" for each age
    band), so the title says who it is for and when: "Before my review
    (children 8-11, before the review)", from questionnaire/titles.py.
    """
    ids = set(registry.available()) | set(db.session.scalars(select(QuestionnaireVersion.questionnaire_id).distinct()))
    titles = {}
    for questionnaire_id in ids:
        q = latest_questionnaire(questionnaire_id)
        titles[questionnaire_id] = staff_title(q) if q else questionnaire_id
    return dict(sorted(titles.items(), key=lambda item: (item[1].lower(), item[0])))


def of_age_band(age_band: str) -> ColumnElement[bool]:
    """A condition on Conversation: it answered a questionnaire for `age_band`."""
    versions = select(QuestionnaireVersion.id).where(
        QuestionnaireVersion.definition["age_band"].as_string() == age_band
    )
    return Conversation.questionnaire_version_id.in_(versions)


# --- counts ------------------------------------------------------------------------


@dataclass(frozen=True)
class Count:
    key: str
    label: str
    started: int
    sent: int

    @property
    def completion(self) -> str:
        return percent(self.sent, self.started)


def _counts(user: Principal, group, period: Period, labels: dict[str, str] | None = None) -> list[Count]:
    rows = db.session.execute(
        select(group, func.count(), func.count(Conversation.submitted_at))
        .where(scope(user, Figures), period.holds(Conversation.created_at), group.is_not(None))
        .group_by(group)
        .order_by(func.count().desc(), group)
    )
    return [Count(key, (labels or {}).get(key, key), started, sent) for key, started, sent in rows]


def totals(user: Principal, period: Period) -> Count:
    started, sent = db.session.execute(
        select(func.count(), func.count(Conversation.submitted_at)).where(
            scope(user, Figures), period.holds(Conversation.created_at)
        )
    ).one()
    return Count("all", "Everyone", started, sent)


def counts_by_questionnaire(user: Principal, period: Period) -> list[Count]:
    return _counts(user, Conversation.questionnaire_id, period, questionnaire_titles())


def counts_by_audience(user: Principal, period: Period) -> list[Count]:
    return _counts(user, Conversation.audience, period, {code: audience_name(code) for code in AUDIENCES})


def counts_over_time(user: Principal, period: Period, today: date) -> list[Count]:
    """Started and sent per month (or reporting year) of the period, empty ones included."""
    spans = buckets(period, today)
    if not spans:
        return []
    bucket = case(
        *[
            ((Conversation.created_at >= span.starts_at) & (Conversation.created_at < span.ends_before), span.label)
            for span in spans
        ],
        else_=None,
    )
    found = {c.key: c for c in _counts(user, bucket, period)}
    return [found.get(span.label, Count(span.label, span.label, 0, 0)) for span in spans]


# --- where people stop -------------------------------------------------------------


@dataclass(frozen=True)
class QuestionStep:
    question_id: str
    text: str
    reached: int  # conversations with an answer to it, skipped or not
    skipped: int
    stopped: int  # unfinished conversations whose last answer it was


@dataclass(frozen=True)
class DropOff:
    questionnaire_id: str
    title: str
    started: int
    unfinished: int  # not sent, and started more than a day ago
    stopped_before_first: int
    steps: list[QuestionStep] = field(default_factory=list)


def drop_off(user: Principal, questionnaire_id: str, period: Period, now: datetime | None = None) -> DropOff:
    """Question by question, how many reached it, skipped it, and stopped there.

    Only conversations started more than a day before `now` count as stopped:
    a younger one may still be going on.
    """
    now = now or utcnow()
    base = [scope(user, Figures), Conversation.questionnaire_id == questionnaire_id, period.holds(Conversation.created_at)]
    stale = [*base, Conversation.submitted_at.is_(None), Conversation.created_at < now - STILL_GOING]
    reached = {
        question_id: (count, skipped or 0)
        for question_id, count, skipped in db.session.execute(
            select(Answer.question_id, func.count(), func.sum(case((Answer.skipped, 1), else_=0)))
            .join(Conversation)
            .where(*base)
            .group_by(Answer.question_id)
        )
    }
    ranked = (
        select(
            Answer.question_id.label("question_id"),
            func.row_number()
            .over(partition_by=Answer.conversation_id, order_by=(Answer.answered_at.desc(), Answer.id.desc()))
            .label("position"),
        )
        .join(Conversation)
        .where(*stale)
        .subquery()
    )
    stopped = dict(
        db.session.execute(
            select(ranked.c.question_id, func.count()).where(ranked.c.position == 1).group_by(ranked.c.question_id)
        ).all()
    )
    started = db.session.scalar(select(func.count()).select_from(Conversation).where(*base)) or 0
    unfinished = db.session.scalar(select(func.count()).select_from(Conversation).where(*stale)) or 0

    q = latest_questionnaire(questionnaire_id)
    texts = {question.id: staff_text(question.text, q) for question in q.questions} if q else {}
    order = list(texts) + sorted((set(reached) | set(stopped)) - set(texts))
    steps = [
        QuestionStep(
            question_id,
            texts.get(question_id, question_id),
            reached.get(question_id, (0, 0))[0],
            reached.get(question_id, (0, 0))[1],
            stopped.get(question_id, 0),
        )
        for question_id in order
    ]
    title = staff_title(q) if q else questionnaire_id
    return DropOff(questionnaire_id, title, started, unfinished, unfinished - sum(stopped.values()), steps)


def stopped_at(user: Principal, period: Period, now: datetime | None = None) -> dict[tuple[str, str], int]:
    """(questionnaire id, question id): how many unfinished conversations stopped there,
    across every questionnaire of the period in one grouped query.

    The same rule as `drop_off` (only conversations started more than a day before
    `now` count), for the annual report, which needs only where people stop: asking
    `drop_off` per questionnaire read each questionnaire's every answer as well.
    """
    now = now or utcnow()
    ranked = (
        select(
            Conversation.questionnaire_id.label("questionnaire_id"),
            Answer.question_id.label("question_id"),
            func.row_number()
            .over(partition_by=Answer.conversation_id, order_by=(Answer.answered_at.desc(), Answer.id.desc()))
            .label("position"),
        )
        .join(Conversation)
        .where(
            scope(user, Figures),
            period.holds(Conversation.created_at),
            Conversation.submitted_at.is_(None),
            Conversation.created_at < now - STILL_GOING,
        )
        .subquery()
    )
    rows = db.session.execute(
        select(ranked.c.questionnaire_id, ranked.c.question_id, func.count())
        .where(ranked.c.position == 1)
        .group_by(ranked.c.questionnaire_id, ranked.c.question_id)
    )
    return {(questionnaire_id, question_id): count for questionnaire_id, question_id, count in rows}


# --- the responses list ------------------------------------------------------------


@dataclass(frozen=True)
class ResponseFilters:
    questionnaire: str | None = None
    audience: str | None = None
    age_band: str | None = None
    period: Period = Period()
    theme: str | None = None
    sentiment: str | None = None
    status: str | None = None  # "sent" or "not_sent"


def conversations(user: Principal, filters: ResponseFilters) -> Select:
    """The conversations `user` may see matching `filters`, newest first. A theme
    and a sentiment together mean one answer with both ("negative about the IRO")."""
    query = select(Conversation).order_by(Conversation.created_at.desc(), Conversation.id.desc())
    query = query.where(scope(user, Conversation), filters.period.holds(Conversation.created_at))
    if filters.questionnaire:
        query = query.where(Conversation.questionnaire_id == filters.questionnaire)
    if filters.audience:
        query = query.where(Conversation.audience == filters.audience)
    if filters.age_band:
        query = query.where(of_age_band(filters.age_band))
    if filters.status == "sent":
        query = query.where(Conversation.submitted_at.is_not(None))
    elif filters.status == "not_sent":
        query = query.where(Conversation.submitted_at.is_(None))
    answer_conditions = []
    if filters.theme:
        answer_conditions.append(has_theme(filters.theme))
    if filters.sentiment:
        answer_conditions.append(has_sentiment(filters.sentiment))
    if answer_conditions:
        query = query.where(exists().where(Answer.conversation_id == Conversation.id, *answer_conditions))
    return query


@dataclass(frozen=True)
class AnswerSummary:
    answered: int = 0
    skipped: int = 0
    flagged: int = 0


def answer_summaries(user: Principal, conversation_ids: Iterable[int]) -> dict[int, AnswerSummary]:
    """For each conversation `user` may read: answers given, skipped, and flagged as a concern."""
    ids = list(conversation_ids)
    if not ids:
        return {}
    rows = db.session.execute(
        select(
            Answer.conversation_id,
            func.sum(case((Answer.skipped, 0), else_=1)),
            func.sum(case((Answer.skipped, 1), else_=0)),
            func.sum(case((answer_is_flagged(), 1), else_=0)),
        )
        .where(Answer.conversation_id.in_(ids), scope(user, Answer))
        .group_by(Answer.conversation_id)
    )
    return {conversation_id: AnswerSummary(*(n or 0 for n in counts)) for conversation_id, *counts in rows}


def recent_conversations(user: Principal, period: Period | None = None, limit: int = 10) -> list[Conversation]:
    """The newest conversations started in `period` (any time when None), as every other dashboard panel counts."""
    filters = ResponseFilters(period=period) if period is not None else ResponseFilters()
    return list(db.session.scalars(conversations(user, filters).limit(limit)))


__all__ = [
    "AnswerSummary", "Count", "DropOff", "QuestionStep", "ResponseFilters", "answer_summaries",
    "conversations", "counts_by_audience", "counts_by_questionnaire", "counts_over_time", "drop_off",
    "latest_questionnaire", "of_age_band",
    "questionnaire_titles", "recent_conversations", "totals",
]  # fmt: skip
