"""Keeping what people said only as long as it is needed, then purging it.

Each kind of record has its own period (set as FLASK_<KEY>):

- answers (`RETENTION_ANSWER_YEARS`, default 2): a conversation is kept for
  the reporting year it was started in (1 April to 31 March, as the annual
  report counts it) and that many reporting years after. The annual report on
  year Y is written in year Y+1 and sets Y beside Y-1, so with the default a
  conversation from Y-1 is still there when that report is made, and gone at
  the end of Y+1. With it go its answers, the quotes drawn from them, the
  requests (tasks) it raised, and then invitations made before the cut-off
  whose conversation is gone (first names and review dates).
- safeguarding alerts (`RETENTION_ALERT_DAYS`, default 730): an alert keeps
  its own copy of the child's words, so it outlives the answer it came from;
  it is purged that many days after it was acknowledged, with the further
  words gathered into it. An alert nobody has acknowledged is never purged.
- the audit log (`RETENTION_AUDIT_DAYS`, default 730): events older than that.

Past years' report figures are not kept as stored counts: a report is always
made from the answers themselves, so a year whose answers are purged has no
figures any more (`answers_kept_from` says from when they are held).

`flask --app feedback_app purge [--dry-run]` deletes what is past its period
in batches, committing each batch, so it is safe to run from cron and to
interrupt: a second run carries on where the first stopped.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

import click
from flask import current_app
from flask.cli import with_appcontext
from sqlalchemy import ColumnElement, and_, delete, exists, func, select

from . import audit, clock
from .extensions import db
from .models import AuditEvent, Conversation, Invitation, SafeguardingAlert
from .periods import reporting_year

DEFAULT_ANSWER_YEARS = 2
DEFAULT_ALERT_DAYS = 730
DEFAULT_AUDIT_DAYS = 730
BATCH_SIZE = 500


def answers_kept_from(now: datetime | None = None) -> datetime:
    """The start of the earliest reporting year whose answers are still kept: anything
    started before it is past its period. A small, stable function for the annual report."""
    years = _setting("RETENTION_ANSWER_YEARS", DEFAULT_ANSWER_YEARS)
    this_year = reporting_year((now or clock.now()).date())
    first = this_year.start.replace(year=this_year.start.year - years)
    starts_at = reporting_year(first).starts_at
    assert starts_at is not None
    return starts_at


def alerts_kept_from(now: datetime | None = None) -> datetime:
    """Acknowledged alerts acknowledged before this are past their period."""
    return (now or clock.now()) - timedelta(days=_setting("RETENTION_ALERT_DAYS", DEFAULT_ALERT_DAYS))


def audit_kept_from(now: datetime | None = None) -> datetime:
    return (now or clock.now()) - timedelta(days=_setting("RETENTION_AUDIT_DAYS", DEFAULT_AUDIT_DAYS))


@dataclass(frozen=True)
class Kind:
    """One kind of record the purge deletes: its words for people, its table and what is past its period."""

    name: str
    model: type
    past: Callable[[datetime], ColumnElement[bool]]


def _conversation_past(now: datetime) -> ColumnElement[bool]:
    return Conversation.created_at < answers_kept_from(now)


def _invitation_past(now: datetime) -> ColumnElement[bool]:
    cut_off = answers_kept_from(now)
    still_kept = exists().where(Conversation.invitation_id == Invitation.id, Conversation.created_at >= cut_off)
    return and_(Invitation.created_at < cut_off, ~still_kept)


def _alert_past(now: datetime) -> ColumnElement[bool]:
    return and_(SafeguardingAlert.acknowledged_at.is_not(None), SafeguardingAlert.acknowledged_at < alerts_kept_from(now))


def _audit_past(now: datetime) -> ColumnElement[bool]:
    return AuditEvent.at < audit_kept_from(now)


# In this order: conversations first, so that their invitations are free to go next.
KINDS = (
    Kind("conversations (with their answers, quotes and requests)", Conversation, _conversation_past),
    Kind("invitations", Invitation, _invitation_past),
    Kind("acknowledged safeguarding alerts (with their copies of words)", SafeguardingAlert, _alert_past),
    Kind("audit log events", AuditEvent, _audit_past),
)


def count_past(now: datetime) -> dict[str, int]:
    """How many records of each kind are past their period at `now`."""
    return {
        kind.name: db.session.scalar(select(func.count()).select_from(kind.model).where(kind.past(now))) or 0
        for kind in KINDS
    }


def purge_batch(kind: Kind, now: datetime, batch_size: int = BATCH_SIZE) -> int:
    """Delete up to `batch_size` records of `kind` past their period and commit; returns how many.

    The database deletes what hangs off them (ON DELETE CASCADE: a
    conversation's answers, their quotes, its requests; an alert's further
    words) and lets alerts outlive their answers (SET NULL). Each batch is its
    own unit of work, so an interrupted purge keeps what it had done.
    """
    ids = db.session.scalars(select(kind.model.id).where(kind.past(now)).order_by(kind.model.id).limit(batch_size)).all()
    if ids:
        db.session.execute(delete(kind.model).where(kind.model.id.in_(ids)))
    db.session.commit()
    return len(ids)


def _setting(key: str, default: int) -> int:
    value = current_app.config.get(key, default)
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise click.UsageError(f"{key} must be a whole number from 0, not {value!r}.")
    return value


@click.command("purge")
@click.option("--dry-run", is_flag=True, help="Say what is past its period; delete nothing.")
@click.option("--batch-size", type=click.IntRange(1, 10_000), default=BATCH_SIZE, show_default=True)
@with_appcontext
def purge_command(dry_run: bool, batch_size: int) -> None:
    """Delete what is past its retention period: old conversations, invitations, alerts and audit events."""
    now = clock.now()
    counts = count_past(now)
    db.session.commit()  # the counting read ends here, before any batch
    click.echo(f"Answers are kept from {answers_kept_from(now):%d %B %Y} (the start of that reporting year).")
    for name, count in counts.items():
        click.echo(f"{count:>8}  {name}{' would be deleted' if dry_run else ' past their period'}")
    if dry_run:
        return
    deleted: dict[str, int] = {}
    for kind in KINDS:
        total = counts[kind.name]
        deleted[kind.model.__tablename__] = 0
        if not total:
            continue
        with click.progressbar(length=total, label=f"Deleting {kind.name}", file=sys.stderr) as bar:
            while removed := purge_batch(kind, now, batch_size):
                deleted[kind.model.__tablename__] += removed
                bar.update(removed)
    audit.record("purge_run", actor=None, **deleted)
    db.session.commit()
    click.echo(f"Deleted {sum(deleted.values())} records past their period.")
    # A purge changes the months it deleted from, and every day's answers change the month
    # still open: counted again here, at night, the IRO manager's first look at the report
    # finds the months kept instead of waiting while a year's answers are counted.
    from .report import keep_every_month

    kept = keep_every_month()
    db.session.commit()
    click.echo(kept)


__all__ = ["KINDS", "alerts_kept_from", "answers_kept_from", "audit_kept_from", "count_past", "purge_batch", "purge_command"]
