"""Demo data, so that a new installation has something to look at."""

from __future__ import annotations

import random

import click
from flask.cli import with_appcontext
from sqlalchemy import func, select

from .conversation import service
from .conversation.engine import open_question
from .extensions import db
from .models import Conversation
from .questionnaire import registry

DEMO_TEXTS = (
    "My foster carers are really kind and I like my new school.",
    "I want to see my brother more, we only get an hour a month.",
    "My IRO listens to me but my social worker keeps changing.",
    "I don't like the meetings, there are too many people.",
    "Things are ok. I started football on Saturdays.",
    "Nobody told me when my review was.",
)


def seed(conversations: int = 12, rng: random.Random | None = None) -> int:
    """Add `conversations` finished conversations with made-up answers.

    Returns how many were added. Only ever run on a demo database.
    """
    rng = rng or random.Random(7)
    added = 0
    for loaded in registry.available().values():
        q = loaded.questionnaire
        for _ in range(max(1, conversations // len(registry.available()))):
            conversation = service.start(q.id)
            while (question := open_question(q, service.progress_of(conversation))) is not None:
                if rng.random() < 0.1:
                    service.record_answer(conversation, question.id, None, skip=True)
                elif question.type == "free_text":
                    service.record_answer(conversation, question.id, rng.choice(DEMO_TEXTS))
                elif question.type == "multi_choice":
                    picks = rng.sample([o.value for o in question.options], k=2)
                    service.record_answer(conversation, question.id, picks)
                else:
                    service.record_answer(conversation, question.id, rng.choice(question.options).value)
            service.submit(conversation)
            added += 1
    return added


@click.command("seed-demo")
@with_appcontext
def seed_demo_command() -> None:
    """Add demo conversations, once (does nothing if there are already some)."""
    existing = db.session.scalar(select(func.count()).select_from(Conversation))
    if existing:
        click.echo(f"The database already has {existing} conversations; no demo data added.")
        return
    click.echo(f"Added {seed()} demo conversations.")
