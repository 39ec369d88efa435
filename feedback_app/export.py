"""Getting the answers out as CSV, safe to open in a spreadsheet."""

from __future__ import annotations

import csv
import re
import sys
from collections.abc import Iterator
from typing import IO, Any

import click
from flask.cli import with_appcontext
from sqlalchemy import select

from .access import COMMAND_LINE, scope
from .access.policy import Principal
from .extensions import db
from .models import Answer, Conversation, QuestionnaireVersion

COLUMNS = (
    "conversation",
    "questionnaire",
    "questionnaire_version",
    "audience",
    "invitation",
    "question_id",
    "answer",
    "answered_at",
)

# A cell starting with one of these is run as a formula by Excel and friends
# (CSV injection); a leading apostrophe makes it plain text.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n")
# A spreadsheet set to split on ";" or tabs (as many European ones are) makes
# a new cell after each, so a formula there is caught the same way.
SEPARATED_FORMULA = re.compile(r"([;\t,]\s*)(?=[=+\-@])")


def neutralise(cell: str) -> str:
    """`cell` safe to open in a spreadsheet: a formula at its start, or after a ; tab or comma, is made text with "'"."""
    cell = SEPARATED_FORMULA.sub(r"\1'", cell)
    return "'" + cell if cell.lstrip(" ").startswith(FORMULA_STARTS) else cell


def answer_rows(user: Principal = COMMAND_LINE, batch_size: int = 1000) -> Iterator[tuple[str, ...]]:
    """Every stored answer `user` may read (the command line: all), oldest first,
    streamed in batches to keep memory flat."""
    query = (
        select(Answer, Conversation, QuestionnaireVersion.version)
        .join(Conversation, Answer.conversation_id == Conversation.id)
        .join(QuestionnaireVersion, Conversation.questionnaire_version_id == QuestionnaireVersion.id)
        .where(scope(user, Answer))
        .order_by(Answer.conversation_id, Answer.answered_at, Answer.id)
        .execution_options(yield_per=batch_size)
    )
    for answer, conversation, version in db.session.execute(query):
        yield (
            # The id, never the token: the token is the key to the conversation.
            str(conversation.id),
            conversation.questionnaire_id,
            str(version),
            conversation.audience,
            _invitation_of(conversation),
            answer.question_id,
            _answer_text(answer.value, answer.skipped),
            answer.answered_at.isoformat(),
        )


def write_csv(out: IO[str]) -> int:
    """Write every answer to `out` as CSV; return how many rows were written."""
    # Every cell quoted: a spreadsheet splitting on ";" or tabs keeps a quoted cell whole.
    writer = csv.writer(out, quoting=csv.QUOTE_ALL)
    writer.writerow(COLUMNS)
    count = 0
    for row in answer_rows():
        writer.writerow([neutralise(cell) for cell in row])
        count += 1
    return count


def _answer_text(value: Any, skipped: bool) -> str:
    if skipped or value is None:
        return ""
    if isinstance(value, list):
        return "; ".join(str(v) for v in value)
    return str(value)


def _invitation_of(conversation: Conversation) -> str:
    return "" if conversation.invitation_id is None else str(conversation.invitation_id)


@click.command("export-responses")
@click.option("--format", "fmt", type=click.Choice(["csv"]), default="csv", show_default=True)
@with_appcontext
def export_responses_command(fmt: str) -> None:
    """Write every stored answer to standard output."""
    count = write_csv(sys.stdout)
    click.echo(f"{count} answers exported.", err=True)
