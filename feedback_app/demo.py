"""Demo data, so that a new installation has something to look at.

Only for a demo database: it makes up conversations, invitations for the
demo IRO, quote candidates and one safeguarding alert (from made-up words),
so that every staff page has something on it.
"""

from __future__ import annotations

import random
from datetime import timedelta

import click
from flask.cli import with_appcontext
from sqlalchemy import func, select

from . import question_types
from .access import COMMAND_LINE
from .conversation import service
from .conversation.engine import open_question
from .extensions import db
from .models import Conversation, StaffUser
from .questionnaire import registry

DEMO_TEXTS = (
    "My foster carers are really kind and I like my new school.",
    "I want to see my brother more, we only get an hour a month.",
    "My IRO listens to me but my social worker keeps changing.",
    "I don't like the meetings, there are too many people.",
    "Things are ok. I started football on Saturdays.",
    "Nobody told me when my review was.",
    "I got the review notes really late, after the next meeting was booked.",
    "The IRO explained everything and asked what I thought first.",
)
# Made up for the demo, so the safeguarding queue has an alert to show.
DEMO_WORRY = "Someone at my old school keeps picking on me and I feel scared to go in."
DEMO_IRO = "iro@example.org"
FIRST_NAMES = ("Sam", "Alex", "Jordan", "Riley")


def seed(conversations: int = 12, rng: random.Random | None = None) -> int:
    """Add finished conversations with made-up answers (and invitations for the
    demo IRO, when that account exists). Returns how many conversations were added."""
    rng = rng or random.Random(7)
    added = 0
    available = registry.available()
    for loaded in available.values():
        for _ in range(max(1, conversations // len(available))):
            answer_all(service.start(loaded.questionnaire.id), rng)
            added += 1
    added += _invited(rng)
    _worry()
    from .report import seed_two_years

    # Two reporting years spread over the months (their quotes approved), for the annual report.
    added += seed_two_years(answer_all, list(available), rng)
    _quote_candidates()
    return added


def answer_all(conversation: Conversation, rng: random.Random, consent: bool = True, send: bool = True) -> None:
    """Answer every question (a few skipped), agreeing to be quoted and shared, then send
    (or, without `send`, stop part-way as some people do)."""
    q = service.questionnaire_of(conversation)
    stop_at = None if send else rng.randint(1, 4)
    while (question := open_question(q, service.progress_of(conversation))) is not None:
        if stop_at is not None and len(service.progress_of(conversation).answers) >= stop_at:
            return
        if question.records in ("consent_to_quote", "share_with_iro") and consent:
            service.record_answer(conversation, question.id, "yes")
        elif rng.random() < 0.1:
            service.record_answer(conversation, question.id, None, skip=True)
        else:
            picks = rng.sample([o.value for o in question.options], k=min(2, len(question.options)))
            answer = question_types.of(question).example(picks, rng.choice(DEMO_TEXTS))
            service.record_answer(conversation, question.id, answer)
    service.submit(conversation)


def _invited(rng: random.Random) -> int:
    """Invitations from the demo IRO: two answered and sent back, one not yet opened."""
    from .invitations import service as invitations

    iro = db.session.scalar(select(StaffUser).where(StaffUser.email == DEMO_IRO))
    if iro is None:
        return 0
    review = invitations.today() + timedelta(days=10)
    made = 0
    for first_name in FIRST_NAMES[:3]:
        invitation = invitations.create(
            questionnaire_id="young-person-before-review",
            audience="child",
            review_date=review,
            iro=iro,
            created_by=iro,
            first_name=first_name,
        )
        if first_name != FIRST_NAMES[2]:
            answer_all(invitations.open_link(invitation.token), rng)
            made += 1
    return made


def _worry() -> None:
    conversation = service.start("young-person-before-review")
    state = service.state_of(conversation)
    while state.question is not None and question_types.of(state.question.question).answer != "text":
        state = service.record_answer(conversation, state.question.question.id, None, skip=True)
    if state.question is not None:
        service.record_answer(conversation, state.question.question.id, DEMO_WORRY)


def _quote_candidates() -> None:
    from .quotes import service as quotes

    quotes.find_candidates(COMMAND_LINE)


@click.command("seed-demo")
@with_appcontext
def seed_demo_command() -> None:
    """Add demo conversations, once (does nothing if there are already some)."""
    existing = db.session.scalar(select(func.count()).select_from(Conversation))
    if existing:
        click.echo(f"The database already has {existing} conversations; no demo data added.")
        return
    added = seed()
    db.session.commit()
    click.echo(f"Added {added} demo conversations.")
