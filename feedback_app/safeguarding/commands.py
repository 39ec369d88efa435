"""`flask --app feedback_app safeguarding sweep`: raise any alert that is missing.

Run it after `flask analyse` and on a schedule (with the retention purge),
so that a concern found by a newer analyser, or an alert that could not be
stored at the time, still reaches the queue and the safeguarding address.
Registered with the other commands in feedback_app/commands.py.
"""

from __future__ import annotations

import click
from flask.cli import AppGroup

from .alerts import raise_missing_alerts

safeguarding_commands = AppGroup("safeguarding", help="Safeguarding alerts.")


@safeguarding_commands.command("sweep")
def sweep_command() -> None:
    """Raise an alert for every flagged answer that has none."""
    raised = raise_missing_alerts()
    click.echo(f"{raised} safeguarding alert{'s' if raised != 1 else ''} raised.")
