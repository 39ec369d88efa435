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
    sweep = raise_missing_alerts()
    click.echo(f"{sweep.raised} safeguarding alert{'s' if sweep.raised != 1 else ''} raised.")
    if sweep.failed:
        # Each is in the error log by answer id; the next sweep tries them again.
        click.echo(
            f"{sweep.failed} flagged answer{'s' if sweep.failed != 1 else ''} could not be raised as an alert: "
            "see the error log, fix the cause and run the sweep again.",
            err=True,
        )
        raise click.exceptions.Exit(1)
