"""Demo data for the annual report: two reporting years of conversations spread over the months,
approved quotes, "You said, we did" entries and participation codes, so that `python3 dev.py serve`
shows a full report with last year beside this one. Only for a demo database."""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import select

from .. import clock
from ..extensions import db
from ..models import BankedQuote, ReviewCount, StaffUser, YouSaidWeDid
from .year import ReportingYear

DEMO_MANAGER = "manager@example.org"
DEMO_IRO = "iro@example.org"
CHILD_QUESTIONNAIRE = "young-person-before-review"
FIRST_NAMES = ("Sam", "Alex", "Jordan", "Riley", "Casey", "Morgan")
PER_MONTH = 4  # conversations a month across the questionnaires
UNSENT_SHARE = 0.15
YOU_SAID_WE_DID = (
    ("Reviews had too many people in the room.", "Children now choose who comes to the first part of their review."),
    ("Review notes arrived late.", "IROs now send a short letter within 5 working days of the review."),
    ("We don't know who our IRO is.", "Every IRO now sends a photo and a short hello before the first review."),
    ("Meetings are at school and everyone knows.", "Reviews are no longer held at school unless the child asks."),
)
# A made-up spread of how children took part, per hundred reviews (PN0 to PN7).
CODE_SHARES = {"PN0": 6, "PN1": 52, "PN2": 8, "PN3": 4, "PN4": 5, "PN5": 9, "PN6": 11, "PN7": 5}


def months(today: date) -> list[date]:
    """The first day of each month from two reporting years back to this month, so that the
    default year of the report (the last complete one) has its previous year beside it."""
    start = ReportingYear.of(today).previous.previous.period.start
    found, day = [], start
    while day <= today:
        found.append(day)
        day = date(day.year + (day.month == 12), day.month % 12 + 1, 1)
    return found


def seed_two_years(answer_all, questionnaire_ids: list[str], rng: random.Random) -> int:
    """Conversations in every month of two reporting years; returns how many were added.

    `answer_all(conversation, rng, send=...)` answers one conversation, as the main demo does.
    Two a month come through invitations from the demo IRO for a review that month, with the
    participation code the IRO recorded.
    """
    from ..conversation import service
    from ..invitations import service as invitations

    today = clock.now().date()
    iro = db.session.scalar(select(StaffUser).where(StaffUser.email == DEMO_IRO))
    added = 0
    for month in months(today):
        for i in range(PER_MONTH + rng.randint(-2, 3)):
            started = datetime(month.year, month.month, rng.randint(1, 28), rng.randint(8, 20), tzinfo=UTC)
            started = min(started, clock.now())
            invitation = None
            if iro is not None and i < 2:
                invitation = invitations.create(
                    questionnaire_id=CHILD_QUESTIONNAIRE, audience="child", review_date=today, iro=iro,
                    created_by=iro, first_name=rng.choice(FIRST_NAMES),
                )  # fmt: skip
                conversation = invitations.open_link(invitation.token)
            else:
                conversation = service.start(rng.choice(questionnaire_ids))
            send = invitation is not None or rng.random() > UNSENT_SHARE
            answer_all(conversation, rng, send=send)
            conversation.created_at = started
            if conversation.submitted_at is not None:
                conversation.submitted_at = started + timedelta(minutes=rng.randint(3, 15))
            if invitation is not None:
                # Made today so that the link opens; dated back to the month it stands for.
                invitation.review_date = started.date()
                invitation.created_at = invitation.first_opened_at = started - timedelta(days=7)
                invitation.expires_at = started + timedelta(days=14)
                invitation.participation_code = rng.choice(["PN1", "PN1", "PN2", "PN5", "PN6", "PN6"])
            added += 1
    db.session.flush()
    _approve_quotes()
    _you_said_we_did(today)
    _review_counts(today, rng)
    return added


def _approve_quotes() -> None:
    """Approve the candidates whose person agreed, as the IRO manager would after reading each."""
    from ..access import COMMAND_LINE
    from ..quotes import service as quotes

    quotes.find_candidates(COMMAND_LINE)
    manager = db.session.scalar(select(StaffUser).where(StaffUser.email == DEMO_MANAGER))
    if manager is None:
        return
    for quote in db.session.scalars(select(BankedQuote).where(BankedQuote.status == "candidate")):
        try:
            quotes.approve(quote, quote.suggested_text, manager, redaction_reviewed=True, consent_checked=True)
        except quotes.QuoteError:
            continue


def _you_said_we_did(today: date) -> None:
    this = ReportingYear.of(today)
    for i, (said, did) in enumerate(YOU_SAID_WE_DID):
        year = (this.previous, this.previous.previous, this.previous, this)[i % 4]
        db.session.add(
            YouSaidWeDid(you_said=said, we_did=did, created_at=datetime.combine(year.period.start, datetime.min.time(), UTC) + timedelta(days=30 * (i + 1)))
        )


def _review_counts(today: date, rng: random.Random) -> None:
    """Review counts as an imported SSDA903 extract would leave them."""
    for month in months(today):
        for code, share in CODE_SHARES.items():
            for band in ("under-4",) if code == "PN0" else ("4-7", "8-11", "12-18"):
                reviews = max(0, round(share * rng.uniform(0.2, 0.5)))
                if reviews:
                    db.session.add(ReviewCount(month=month, code=code, age_band=band, reviews=reviews))


__all__ = ["months", "seed_two_years"]
