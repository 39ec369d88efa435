"""A closed reporting year is counted once: its figures are kept in the database.

Counting a year of a big council's answers takes seconds (the benchmark's
100,000 conversations: several seconds per year), and a closed year's figures
do not change unless its data does. So the first time a closed year is
counted for someone, its aggregates (`figures.counted_figures`: counts,
medians, the questionnaires' own words; nothing a person wrote) are stored
in `counted_years` with a fingerprint of the data they came from, and read
back from then on while the fingerprint matches.

The fingerprint is one quick query over the year's own rows, through the
indexes on their dates: the year's conversations (how many, the newest, how
many sent and the last sent, and the sums of their ids and of the sent ones'
ids: a sent conversation's answers cannot change and a purge deletes whole
conversations, so their answers need not be read), the year's invitations
(made, opened, sent back), the year's alerts (raised, acknowledged, the last
acknowledged), the newest alert and "further words" anywhere (either can flag an old answer), the newest
questionnaire version (the words of questions and options) and the
analyser's version (a re-analysis). Any of those changing counts the year
again. The year still open is always counted afresh.

A closed year is stored once for everyone whose figures are everyone's (the
IRO manager, who alone reads the report, and the command line): the first of
them to count it, or `flask annual-report`, counts it for all the others. A
principal whose reach is narrower gets figures of its own, stored apart.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import replace
from datetime import date

from sqlalchemy import case, func, select
from sqlalchemy.exc import IntegrityError

from analysis import ANALYSER_VERSION

from ..access import Figures, InvitationFigures, scope
from ..access.policy import Principal
from ..access.scope import counts_every_row
from ..extensions import db
from ..models import (
    Conversation,
    CountedYear,
    FurtherWords,
    Invitation,
    QuestionnaireVersion,
    SafeguardingAlert,
)
from .figures import (
    ClosedQuestion,
    Safeguarding,
    Stop,
    ThemeCount,
    WhoTookPart,
    YearFigures,
    counted_figures,
    with_details,
)  # fmt: skip
from .year import ReportingYear

# Raise when what is stored changes shape, so that older rows are counted again.
STORED_AS = 1
# `counted_for` of a year counted over everyone's rows, shared by all who see them.
EVERYONE = "everyone"


def year_figures(user: Principal, year: ReportingYear, today: date, *, details: bool = True) -> YearFigures:
    """As `figures.year_figures`, but a closed year's aggregates are counted once and then read back.

    The caller commits (a newly counted year is added and flushed).
    """
    if not year.is_over(today):
        counted = counted_figures(user, year, stops=details)
    else:
        counted = _kept_or_counted(user, year)
        if not details:
            counted = replace(counted, stops=[])
    return with_details(user, counted) if details else counted


def _kept_or_counted(user: Principal, year: ReportingYear) -> YearFigures:
    who = counted_for(user)
    marks = fingerprint(user, year)
    row = _stored(year, who)
    if row is not None and row.fingerprint == marks:
        return from_stored(year, row.figures)
    counted = counted_figures(user, year, stops=True)
    try:
        # A savepoint: another worker may store the same year at the same moment.
        with db.session.begin_nested():
            if row is None:
                row = CountedYear(first=year.first, counted_for=who)
                db.session.add(row)
            row.fingerprint, row.figures = marks, to_stored(counted)
    except IntegrityError:
        pass  # it did: the figures are the same, and counted again if its data was older
    return counted


def counted_for(user: Principal) -> str:
    """Whose figures a stored year holds: EVERYONE when every scope the figures are
    counted through lets `user` count every row (then they do not depend on who
    asks), otherwise the account's own."""
    if all(counts_every_row(user, model) for model in (Figures, InvitationFigures, SafeguardingAlert)):
        return EVERYONE
    return f"{getattr(user, 'role', None)}:{getattr(user, 'id', None)}"


def _stored(year: ReportingYear, who: str) -> CountedYear | None:
    return db.session.scalar(select(CountedYear).where(CountedYear.first == year.first, CountedYear.counted_for == who))


def fingerprint(user: Principal, year: ReportingYear) -> str:
    """A hash of what the year's figures are counted from (see the module's docstring)."""
    period = year.period
    in_year = (scope(user, Figures), period.holds(Conversation.created_at))
    # A sent conversation's answers cannot change and a purge deletes whole conversations, so the
    # sums of the conversations' ids and of the sent ones' ids stand in for reading their answers
    # (which took 0.3 s a year at 100,000 conversations).
    sent_id = case((Conversation.submitted_at.is_not(None), Conversation.id), else_=0)
    conversations = select(
        func.count(Conversation.id), func.max(Conversation.id), func.sum(Conversation.id),
        func.count(Conversation.submitted_at), func.max(Conversation.submitted_at), func.sum(sent_id),
    ).where(*in_year)  # fmt: skip
    invitations = (
        select(func.count(Invitation.id), func.count(Invitation.first_opened_at), func.count(Conversation.submitted_at))
        .outerjoin(Conversation, Conversation.invitation_id == Invitation.id)
        .where(scope(user, InvitationFigures), period.holds(Invitation.created_at))
    )
    alerts = select(
        func.count(SafeguardingAlert.id), func.count(SafeguardingAlert.acknowledged_at),
        func.max(SafeguardingAlert.acknowledged_at),
    ).where(scope(user, SafeguardingAlert), period.holds(SafeguardingAlert.created_at))  # fmt: skip
    anywhere = select(
        select(func.max(SafeguardingAlert.id)).scalar_subquery(),
        select(func.max(FurtherWords.id)).scalar_subquery(),
        select(func.max(QuestionnaireVersion.id)).scalar_subquery(),
    )
    found = [STORED_AS, ANALYSER_VERSION]
    for query in (conversations, invitations, alerts, anywhere):
        found += [str(value) for value in db.session.execute(query).one()]
    return hashlib.sha256(json.dumps(found).encode()).hexdigest()


def to_stored(figures: YearFigures) -> dict:
    """The aggregates as JSON (quotes, emerging phrases and "You said, we did" are never kept)."""
    return {
        "taking_part": {who: vars(w) for who, w in figures.taking_part.items()},
        "by_route": {route: list(pair) for route, pair in figures.by_route.items()},
        "stops": [vars(stop) for stop in figures.stops],
        "closed": [{**vars(c), "options": [list(o) for o in c.options]} for c in figures.closed],
        "analysed": figures.analysed,
        "themes": {a: {t: vars(c) for t, c in by_theme.items()} for a, by_theme in figures.themes.items()},
        "sentiment": figures.sentiment,
        "unsure": figures.unsure,
        "safeguarding": vars(figures.safeguarding),
    }


def from_stored(year: ReportingYear, stored: dict) -> YearFigures:
    return YearFigures(
        year=year,
        taking_part={who: WhoTookPart(**w) for who, w in stored["taking_part"].items()},
        by_route={route: (pair[0], pair[1]) for route, pair in stored["by_route"].items()},
        stops=[Stop(**stop) for stop in stored["stops"]],
        closed=[
            ClosedQuestion(**{**c, "options": tuple((v, label, n) for v, label, n in c["options"])})
            for c in stored["closed"]
        ],
        analysed=stored["analysed"],
        themes={a: {t: ThemeCount(**c) for t, c in by_theme.items()} for a, by_theme in stored["themes"].items()},
        sentiment=stored["sentiment"],
        unsure=stored["unsure"],
        safeguarding=Safeguarding(**stored["safeguarding"]),
    )


__all__ = ["EVERYONE", "STORED_AS", "counted_for", "fingerprint", "from_stored", "to_stored", "year_figures"]
