"""The annual report's figures for one reporting year, counted by the database.

Every figure here is a raw count or a time; nothing is hidden yet. The small-
numbers rule is applied where the figures are laid out (`report.sections`), so
that the page, the Word document and the spreadsheet all hide the same cells.

Each query aggregates in SQL (the benchmark holds 1.5 million answers); only
the aggregates, and a bounded sample of free text for emerging phrases, are
ever loaded. Only sent conversations count as what people told us: a person
chose to send what they said.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import datetime
from statistics import median

from sqlalchemy import ColumnElement, case, func, literal_column, select

from analysis.emerging import emerging_phrases
from analysis.result import Analysis

from .. import question_types
from ..access import Figures, InvitationFigures, scope
from ..access.policy import Principal
from ..extensions import db
from ..models import Answer, Conversation, Invitation, SafeguardingAlert, YouSaidWeDid
from ..periods import Period
from ..question_types.base import option_words
from ..questionnaire.loader import staff_text
from ..questionnaire.titles import staff_title
from ..quotes import approved_quotes
from ..responses import latest_questionnaire, stopped_at
from ..safeguarding import not_flagged, one_working_day_after
from ..vocabulary import AGE_BANDS, AUDIENCES, SENTIMENTS, THEMES
from . import counted_months
from .answer_rows import ClosedRow, WrittenRow, closed_asked
from .year import ReportingYear

# Who took part, in the order the report lists them: children by age band, then parents and carers.
WHO = tuple(f"child:{band}" for band in AGE_BANDS) + tuple(a for a in AUDIENCES if a != "child")
# Emerging phrases are read from at most this many of the year's free-text answers
# (the newest), so that the report's memory does not grow with the year's answers.
EMERGING_SAMPLE = 500
EMERGING_SHOWN = 15
STOPS_SHOWN = 5


def who_of(audience: str, age_band: str | None) -> str:
    """The report's key for a group of people: "child:8-11", "parent", "carer"."""
    return f"child:{age_band}" if audience == "child" else audience


@dataclass(frozen=True)
class WhoTookPart:
    invitations: int = 0
    opened: int = 0
    sent_back: int = 0  # invitations whose conversation was sent
    started: int = 0  # conversations, invited or through an open link
    sent: int = 0
    median_minutes: float | None = None  # from starting to sending


@dataclass(frozen=True)
class Stop:
    questionnaire: str
    question: str
    stopped: int


@dataclass(frozen=True)
class ClosedQuestion:
    """One closed question, brought together across the questionnaires that ask it
    with the same id and the same options."""

    audience: str
    question_id: str
    text: str
    several: bool
    answered: int
    options: tuple[tuple[str, str, int], ...]  # (value, label, people who chose it)
    records: str | None = None  # what the answer records (consent_to_quote, share_with_iro), if anything

    @property
    def key(self) -> tuple[str, str, tuple[str, ...]]:
        return (self.audience, self.question_id, tuple(value for value, _, _ in self.options))


@dataclass(frozen=True)
class ThemeCount:
    answers: int
    sentiments: dict[str, int]


@dataclass(frozen=True)
class Quote:
    theme: str
    text: str
    audience: str
    age_band: str | None


@dataclass(frozen=True)
class Safeguarding:
    raised: int = 0
    acknowledged: int = 0
    in_one_working_day: int = 0
    median_hours: float | None = None


@dataclass(frozen=True)
class YearFigures:
    year: ReportingYear
    taking_part: dict[str, WhoTookPart]
    by_route: dict[str, tuple[int, int]]  # "invited" / "open_link": (started, sent)
    stops: list[Stop]
    closed: list[ClosedQuestion]
    analysed: dict[str, int]  # audience: free-text answers analysed
    themes: dict[str, dict[str, ThemeCount]]  # audience: theme: counts
    sentiment: dict[str, dict[str, int]]  # audience: sentiment: answers
    unsure: dict[str, int]  # audience: answers whose sentiment the analysis was unsure of, or could not read
    safeguarding: Safeguarding
    quotes: list[Quote] = field(default_factory=list)
    emerging: list[tuple[str, int]] = field(default_factory=list)
    you_said_we_did: list[tuple[str, str]] = field(default_factory=list)

    @property
    def started(self) -> int:
        return sum(w.started for w in self.taking_part.values())

    @property
    def sent(self) -> int:
        return sum(w.sent for w in self.taking_part.values())


def year_figures(user: Principal, year: ReportingYear, *, details: bool = True) -> YearFigures:
    """Every figure of the report for `year` that `user` may count.

    `details` adds what is shown for the chosen year only (where people stop,
    quotes, emerging phrases, "You said, we did"); the previous year is counted
    without them.
    """
    counted = counted_figures(user, year, stops=details)
    return with_details(user, counted) if details else counted


def counted_figures(user: Principal, year: ReportingYear, *, stops: bool = True) -> YearFigures:
    """The year's aggregates only: counts, medians and the questionnaires' own words,
    nothing a person wrote (what `report.counted_years` may keep for a closed year)."""
    period = year.period
    groups = _questionnaire_groups(user, period)
    closed, written_rows = counted_months.answer_counts(user, period)
    written = _written(written_rows)
    return YearFigures(
        year=year,
        taking_part=_taking_part(user, period, groups),
        by_route=_by_route(user, period),
        stops=_stops(user, period) if stops else [],
        closed=_closed_questions(groups, closed),
        analysed=written.analysed,
        themes=written.themes,
        sentiment=written.sentiment,
        unsure=written.unsure,
        safeguarding=_safeguarding(user, period),
    )


def with_details(user: Principal, counted: YearFigures) -> YearFigures:
    """`counted` with what is read afresh each time: approved quotes, emerging phrases, "You said, we did"."""
    period = counted.year.period
    return replace(
        counted,
        quotes=_quotes(user, period),
        emerging=_emerging(user, period),
        you_said_we_did=_you_said_we_did(user, period),
    )


def first_day_with_conversations(user: Principal):
    """The day the first conversation `user` may count was started, or None."""
    first = db.session.scalar(select(func.min(Conversation.created_at)).where(scope(user, Figures)))
    return first.date() if first else None


# --- who took part -----------------------------------------------------------------


def _questionnaire_groups(user: Principal, period: Period) -> dict[str, tuple[str, str | None]]:
    """Each questionnaire with conversations or invitations in the period: (audience, age band)."""
    ids = set(
        db.session.scalars(
            select(Conversation.questionnaire_id).where(scope(user, Figures), period.holds(Conversation.created_at)).distinct()
        )
    ) | set(
        db.session.scalars(
            select(Invitation.questionnaire_id)
            .where(scope(user, InvitationFigures), period.holds(Invitation.created_at))
            .distinct()
        )
    )
    groups = {}
    for questionnaire_id in sorted(ids):
        q = latest_questionnaire(questionnaire_id)
        groups[questionnaire_id] = (q.audience, q.age_band) if q else ("child", None)
    return groups


def _taking_part(user: Principal, period: Period, groups: dict[str, tuple[str, str | None]]) -> dict[str, WhoTookPart]:
    found: dict[str, Counter[str]] = {who: Counter() for who in WHO}
    invitations = db.session.execute(
        select(
            Invitation.questionnaire_id,
            func.count(Invitation.id),
            func.count(Invitation.first_opened_at),
            func.count(Conversation.submitted_at),
        )
        .outerjoin(Conversation, Conversation.invitation_id == Invitation.id)
        .where(scope(user, InvitationFigures), period.holds(Invitation.created_at))
        .group_by(Invitation.questionnaire_id)
    )
    for questionnaire_id, made, opened, sent_back in invitations:
        counts = found.setdefault(who_of(*groups[questionnaire_id]), Counter())
        counts.update(invitations=made, opened=opened, sent_back=sent_back)
    conversations = db.session.execute(
        select(Conversation.questionnaire_id, func.count(Conversation.id), func.count(Conversation.submitted_at))
        .where(scope(user, Figures), period.holds(Conversation.created_at))
        .group_by(Conversation.questionnaire_id)
    )
    by_who: dict[str, list[str]] = {}
    for questionnaire_id, started, sent in conversations:
        who = who_of(*groups[questionnaire_id])
        found.setdefault(who, Counter()).update(started=started, sent=sent)
        by_who.setdefault(who, []).append(questionnaire_id)
    return {
        who: WhoTookPart(
            counts["invitations"], counts["opened"], counts["sent_back"], counts["started"], counts["sent"],
            _median_minutes(user, period, by_who.get(who, []), counts["sent"]),
        )  # fmt: skip
        for who, counts in found.items()
    }


def _seconds_to_send() -> ColumnElement[float]:
    """Seconds from starting a conversation to sending it, on SQLite and PostgreSQL."""
    if db.engine.dialect.name == "postgresql":
        return func.extract("epoch", Conversation.submitted_at - Conversation.created_at)
    return (func.julianday(Conversation.submitted_at) - func.julianday(Conversation.created_at)) * 86400.0


def _median_minutes(user: Principal, period: Period, questionnaire_ids: list[str], sent: int) -> float | None:
    """The median time to send, read as the one or two middle rows: never every row."""
    if not sent or not questionnaire_ids:
        return None
    seconds = _seconds_to_send().label("seconds")
    middle = db.session.scalars(
        select(seconds)
        .where(
            scope(user, Figures),
            period.holds(Conversation.created_at),
            Conversation.submitted_at.is_not(None),
            Conversation.questionnaire_id.in_(questionnaire_ids),
        )
        .order_by(literal_column("seconds"))
        .offset((sent - 1) // 2)
        .limit(2 if sent % 2 == 0 else 1)
    ).all()
    return round(sum(float(s) for s in middle) / len(middle) / 60, 1) if middle else None


def _by_route(user: Principal, period: Period) -> dict[str, tuple[int, int]]:
    route = case((Conversation.invitation_id.is_(None), "open_link"), else_="invited")
    rows = db.session.execute(
        select(route, func.count(Conversation.id), func.count(Conversation.submitted_at))
        .where(scope(user, Figures), period.holds(Conversation.created_at))
        .group_by(route)
    )
    return {"invited": (0, 0), "open_link": (0, 0)} | {key: (started, sent) for key, started, sent in rows}


def _stops(user: Principal, period: Period) -> list[Stop]:
    """The questions where most people stopped, across every questionnaire answered in the year
    (one grouped query for the year, not one per questionnaire)."""
    found = stopped_at(user, period, now=_end_of(period))
    named: dict[str, tuple[str, dict[str, str]]] = {}
    stops = []
    for (questionnaire_id, question_id), stopped in found.items():
        if questionnaire_id not in named:
            q = latest_questionnaire(questionnaire_id)
            texts = {question.id: staff_text(question.text, q) for question in q.questions} if q else {}
            named[questionnaire_id] = (staff_title(q) if q else questionnaire_id, texts)
        title, texts = named[questionnaire_id]
        if stopped:
            stops.append(Stop(title, texts.get(question_id, question_id), stopped))
    return sorted(stops, key=lambda s: (-s.stopped, s.questionnaire, s.question))[:STOPS_SHOWN]


def _end_of(period: Period) -> datetime | None:
    from ..models import utcnow

    now = utcnow()
    return min(now, period.ends_before) if period.ends_before else now


# --- what people told us -------------------------------------------------------------


def _closed_questions(groups: dict[str, tuple[str, str | None]], rows: list[ClosedRow]) -> list[ClosedQuestion]:
    """Closed questions' figures, one per (audience, question id, options), in the order first asked.

    `rows` hold every closed answer's stored value with its count (a multiple
    choice's list of values is one value there; `report.answer_rows`, through the
    months kept in `report.counted_months`); they are split per option
    here, so the answers are read once whatever the number of questions.
    """
    asked = closed_asked(groups)
    chosen: Counter[tuple[str, str, str]] = Counter()
    answered: Counter[tuple[str, str]] = Counter()
    for questionnaire_id, question_id, value, count in rows:
        decoded = json.loads(value) if value else None
        values = decoded if isinstance(decoded, list) else [decoded if isinstance(decoded, str) else value]
        answered[questionnaire_id, question_id] += count
        for one in set(values):
            chosen[questionnaire_id, question_id, str(one)] += count

    merged: dict[tuple, ClosedQuestion] = {}
    for questionnaire_id, (q, closed) in asked.items():
        audience = groups[questionnaire_id][0]
        for question in closed:
            several = question_types.of(question).answer == "choices"
            options = tuple(
                (o.value, words_only(option_words(o, o.value, lambda text, q=q: staff_text(text, q))),
                 chosen[questionnaire_id, question.id, o.value])
                for o in question.options
            )  # fmt: skip
            found = ClosedQuestion(
                audience, question.id, staff_text(question.text, q), several, answered[questionnaire_id, question.id],
                options, question.records,
            )  # fmt: skip
            if found.key in merged:
                before = merged[found.key]
                found = ClosedQuestion(
                    audience, question.id, before.text, several, before.answered + found.answered,
                    tuple((v, label, n + m) for (v, label, n), (_, _, m) in zip(before.options, options, strict=True)),
                    before.records,
                )  # fmt: skip
            merged[found.key] = found
    return list(merged.values())


def words_only(label: str) -> str:
    """An option's label without its emoji: a report is read in words (and printed)."""
    return "".join(ch for ch in label if ord(ch) < 0x2190 and ch not in "\ufe0f\u200d").strip()


@dataclass(frozen=True)
class Written:
    """What the analysis found in the year's written answers, per audience."""

    analysed: dict[str, int]
    themes: dict[str, dict[str, ThemeCount]]
    sentiment: dict[str, dict[str, int]]
    unsure: dict[str, int]


def _written(rows: list[WrittenRow]) -> Written:
    """One grouped pass over the written answers (`report.answer_rows`, through the months kept in
    `report.counted_months`): per audience, sentiment, set of themes and doubt, how many answers.
    The few combinations are split into figures here."""
    analysed: Counter[str] = Counter()
    unsure: Counter[str] = Counter()
    feelings: dict[str, Counter[str]] = {audience: Counter() for audience in AUDIENCES}
    split: dict[str, dict[str, Counter[str]]] = {audience: {} for audience in AUDIENCES}
    for audience, feeling, theme_list, doubt, count in rows:
        analysed[audience] += count
        unsure[audience] += count if doubt else 0
        feelings.setdefault(audience, Counter())[feeling] += count
        try:
            found = json.loads(theme_list) if theme_list else []
        except ValueError:
            found = []
        for theme in set(found if isinstance(found, list) else []):
            split.setdefault(audience, {}).setdefault(theme, Counter())[feeling] += count
    return Written(
        analysed=dict.fromkeys(AUDIENCES, 0) | dict(analysed),
        themes={
            audience: {
                theme: ThemeCount(sum(c.values()), {s: c.get(s, 0) for s in SENTIMENTS})
                for theme, c in by_theme.items()
                if theme in THEMES
            }
            for audience, by_theme in split.items()
        },
        sentiment={audience: {s: c.get(s, 0) for s in SENTIMENTS} for audience, c in feelings.items()},
        unsure=dict.fromkeys(AUDIENCES, 0) | dict(unsure),
    )


def _quotes(user: Principal, period: Period) -> list[Quote]:
    bands: dict[str, str | None] = {}
    quotes = []
    for quote in approved_quotes(user, period=period):
        if quote.questionnaire_id not in bands:
            q = latest_questionnaire(quote.questionnaire_id)
            bands[quote.questionnaire_id] = q.age_band if q else None
        quotes.append(Quote(quote.theme, quote.text, quote.audience, bands[quote.questionnaire_id]))
    return sorted(quotes, key=lambda q: (THEMES_ORDER.get(q.theme, len(THEMES)), q.audience))


THEMES_ORDER = {theme: i for i, theme in enumerate(THEMES)}


def _emerging(user: Principal, period: Period) -> list[tuple[str, int]]:
    # The year is tested on an expression, not the bare column, so that the database walks
    # the answers newest first and stops at the sample, rather than taking the conversations'
    # date index and sorting all the year's answers (0.9 s at 100,000 conversations on SQLite).
    started = func.coalesce(Conversation.created_at, Conversation.created_at)
    rows = db.session.execute(
        select(Answer.value, Answer.analysis)
        .join(Conversation, Conversation.id == Answer.conversation_id)
        .where(
            scope(user, Figures), Conversation.submitted_at.is_not(None), period.holds(started),
            Answer.analyser_version.is_not(None), Answer.skipped.is_(False), not_flagged(), scope(user, Answer),
        )  # fmt: skip
        .order_by(Answer.id.desc())
        .limit(EMERGING_SAMPLE)
    )
    analyses: Iterable[Analysis] = (
        Analysis.from_dict(value, analysis) for value, analysis in rows if isinstance(value, str) and analysis
    )
    theme_words = [word for theme in THEMES for word in theme.split("_")]
    found = emerging_phrases(analyses, min_count=2, limit=EMERGING_SHOWN, theme_words=theme_words)
    return [(phrase.phrase, phrase.count) for phrase in found]


def _you_said_we_did(user: Principal, period: Period) -> list[tuple[str, str]]:
    rows = db.session.execute(
        select(YouSaidWeDid.you_said, YouSaidWeDid.we_did)
        .where(scope(user, YouSaidWeDid), period.holds(YouSaidWeDid.created_at))
        .order_by(YouSaidWeDid.created_at, YouSaidWeDid.id)
    )
    return [(said, did) for said, did in rows]


# --- safeguarding: figures only ------------------------------------------------------


def _safeguarding(user: Principal, period: Period) -> Safeguarding:
    """Alerts raised in the year; of those acknowledged, how many within one working day,
    and the median time. Reads only the two timestamps of each alert, never its words."""
    rows = db.session.execute(
        select(SafeguardingAlert.created_at, SafeguardingAlert.acknowledged_at).where(
            scope(user, SafeguardingAlert), period.holds(SafeguardingAlert.created_at)
        )
    ).all()
    acknowledged = [(raised, done) for raised, done in rows if done is not None]
    in_time = sum(1 for raised, done in acknowledged if done <= one_working_day_after(raised))
    hours = [(done - raised).total_seconds() / 3600 for raised, done in acknowledged]
    return Safeguarding(len(rows), len(acknowledged), in_time, round(median(hours), 1) if hours else None)


__all__ = [
    "WHO", "ClosedQuestion", "Quote", "Safeguarding", "Stop", "ThemeCount", "WhoTookPart", "YearFigures",
    "counted_figures", "first_day_with_conversations", "who_of", "with_details", "year_figures",
]  # fmt: skip
