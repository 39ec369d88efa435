"""`flask --app feedback_app safeguarding sweep`: raise any alert that is missing.

Run it after `flask analyse` and on a schedule (with the retention purge),
so that a concern found by a newer analyser, or an alert that could not be
stored at the time, still reaches the queue and the safeguarding address.
"""

from __future__ import annotations

import click

from . import bp
from .alerts import raise_missing_alerts


@bp.cli.command("sweep")
def sweep_command() -> None:
    """Raise an alert for every flagged answer that has none."""
    raised = raise_missing_alerts()
    click.echo(f"{raised} safeguarding alert{'s' if raised != 1 else ''} raised.")
