"""Free-text answers are analysed once, when stored, so reports only aggregate.

`flask --app feedback_app analyse` brings stored answers up to the current
analyser after it changes: in batches, with a progress bar, memory flat
however many answers there are.
"""

from __future__ import annotations

from typing import Any

import click
from flask.cli import with_appcontext
from sqlalchemy import delete, func, select, update

import analysis

from .extensions import db
from .models import Answer, CountedMonth, CountedYear


def analyse_text(text: str) -> dict[str, Any]:
    """The analysis of one answer, in the form stored beside it."""
    return analysis.analyse(text).to_dict()


def _needs_analysis(everything: bool):
    # Free text is the only kind of answer stored with an analyser version,
    # so that is how it is told apart from choices here.
    is_text = Answer.analyser_version.is_not(None)
    if everything:
        return is_text
    return is_text & (Answer.analyser_version != analysis.ANALYSER_VERSION)


def reanalyse(batch_size: int = 500, everything: bool = False, on_batch=None) -> int:
    """Analyse stored free-text answers again; return how many were updated.

    Walks the table by id (keyset pagination), so each batch is one small
    query and one commit, and memory does not grow with the table.
    """
    last_id = 0
    updated = 0
    while True:
        rows = db.session.execute(
            select(Answer.id, Answer.value)
            .where(Answer.id > last_id, _needs_analysis(everything))
            .order_by(Answer.id)
            .limit(batch_size)
        ).all()
        if not rows:
            if updated:
                # Closed years' stored report figures, and the months' kept counts, were counted
                # from the old analyses (the version may not have changed: --everything).
                db.session.execute(delete(CountedYear))
                db.session.execute(delete(CountedMonth))
                db.session.commit()
            return updated
        changes = [
            {"id": answer_id, "analysis": analyse_text(value), "analyser_version": analysis.ANALYSER_VERSION}
            for answer_id, value in rows
            if isinstance(value, str)
        ]
        if changes:
            # An ORM bulk UPDATE by primary key: one executemany per batch.
            db.session.execute(update(Answer), changes)
        db.session.commit()
        updated += len(changes)
        last_id = rows[-1][0]
        if on_batch:
            on_batch(len(rows))


def count_to_analyse(everything: bool = False) -> int:
    return db.session.scalar(select(func.count()).select_from(Answer).where(_needs_analysis(everything))) or 0


@click.command("analyse")
@click.option("--all", "everything", is_flag=True, help="Analyse every answer again, not only outdated ones.")
@click.option("--batch-size", default=500, show_default=True, type=click.IntRange(1, 10_000))
@with_appcontext
def analyse_command(everything: bool, batch_size: int) -> None:
    """Analyse stored free-text answers with the current analyser."""
    total = count_to_analyse(everything)
    if not total:
        click.echo(f"Every answer is already analysed with version {analysis.ANALYSER_VERSION}.")
        return
    with click.progressbar(length=total, label=f"Analysing {total} answers", show_pos=True, show_eta=True) as bar:
        updated = reanalyse(batch_size, everything, on_batch=bar.update)
    click.echo(f"{updated} answers analysed with version {analysis.ANALYSER_VERSION}.")
    if updated:
        # The report's months were forgotten: count them again now, rather than in the next report.
        from .report import keep_every_month

        kept = keep_every_month()
        db.session.commit()
        click.echo(kept)
