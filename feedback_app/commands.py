"""Every `flask --app feedback_app ...` command, registered in this one place.

Each command is written beside the feature it belongs to; this list is the
only place that adds commands to the `flask` command line, so it names every
command there is. Add a new command here.
"""

from __future__ import annotations

from flask import Flask

from .answer_analysis import analyse_command
from .auth.commands import create_user_command
from .auth.demo import seed_demo_staff_command
from .database import init_db_command
from .demo import seed_demo_command
from .export import export_responses_command
from .invitations.commands import create_invitation_command
from .questionnaire.registry import check_questionnaires_command
from .report.commands import annual_report_command
from .report.reviews_import import import_reviews_command
from .retention import purge_command
from .safeguarding.commands import safeguarding_commands

COMMANDS = (
    # Running the service
    init_db_command,
    check_questionnaires_command,
    create_user_command,
    create_invitation_command,
    # What people said
    export_responses_command,
    analyse_command,
    annual_report_command,  # the annual report as Word, a spreadsheet or CSV
    import_reviews_command,  # the SSDA903 reviews extract, kept as counts
    safeguarding_commands,  # `flask safeguarding sweep`
    purge_command,  # retention: delete what is past its period (cron)
    # A local demo
    seed_demo_command,
    seed_demo_staff_command,
)


def init_app(app: Flask) -> None:
    for command in COMMANDS:
        app.cli.add_command(command)


__all__ = ["COMMANDS", "init_app"]
