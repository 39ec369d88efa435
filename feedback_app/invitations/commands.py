"""`flask --app feedback_app create-invitation`: make an invitation and print its link."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import click
from flask.cli import with_appcontext

from .. import audit
from ..extensions import db
from ..text_input import TEXT
from ..vocabulary import AUDIENCES
from . import service
from .service import InvitationError


def _review_date(_ctx: click.Context, _param: click.Parameter, value: str) -> date:
    try:
        return datetime.strptime(value, "%Y-%m-%d").date()
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date written as YYYY-MM-DD, like 2026-05-12.") from None


@click.command("create-invitation")
@with_appcontext
@click.option("--questionnaire", "questionnaire_id", required=True, help="The questionnaire's id, as in its file.")
@click.option("--audience", required=True, type=click.Choice(list(AUDIENCES)), help="Who it is for.")
@click.option("--review-date", required=True, callback=_review_date, help="The review's date, YYYY-MM-DD.")
@click.option("--first-name", type=TEXT, help="Only to greet the person. Leave out if unsure.")
@click.option("--iro", "iro_email", type=TEXT, help="The e-mail of the IRO chairing the review (who may read what is shared).")
@click.option(
    "--expires-in-days",
    type=click.IntRange(1, service.MAX_DAYS),
    help=f"Days the link works (default: until {service.DAYS_AFTER_REVIEW} days after the review; "
    f"at most {service.MAX_DAYS}).",
)
def create_invitation_command(
    questionnaire_id: str,
    audience: str,
    review_date: date,
    first_name: str | None,
    iro_email: str | None,
    expires_in_days: int | None,
) -> None:
    """Make an invitation and print its link (the base is PUBLIC_BASE_URL)."""
    try:
        invitation = service.create(
            questionnaire_id=questionnaire_id,
            audience=audience,
            review_date=review_date,
            iro=service.find_iro(iro_email) if iro_email else None,
            created_by=None,
            first_name=first_name,
            expires_on=service.today() + timedelta(days=expires_in_days) if expires_in_days else None,
        )
    except InvitationError as problem:
        db.session.rollback()
        message = str(problem)
        if problem.field == "questionnaire" and audience in AUDIENCES:
            # At the command line a questionnaire is typed by its id, so say the ids too.
            ids = ", ".join(q.id for q in service.questionnaires_for(audience)) or "none"
            message += f" Their ids (for --questionnaire): {ids}."
        raise click.ClickException(message) from None
    audit.record(
        "invitation_created", "invitation", invitation.id, actor=None, via="command line",
        questionnaire=invitation.questionnaire_id, audience=invitation.audience, iro_id=invitation.iro_id,
    )  # fmt: skip
    db.session.commit()
    click.echo(service.link(invitation))
    note = f"Works until the end of {service.last_day(invitation):%d %B %Y}."
    if invitation.iro is None:
        note += " No IRO named: only the IRO manager will see it."
    click.echo(note, err=True)
