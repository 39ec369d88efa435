"""`flask --app feedback_app create-user` (registered in feedback_app/commands.py)."""

from __future__ import annotations

import click
from flask.cli import with_appcontext

from .. import audit
from ..access import ROLES
from ..extensions import db
from ..text_input import TEXT
from .accounts import AccountError, create_user
from .passwords import WeakPassword


@click.command("create-user")
@with_appcontext
@click.argument("email", type=TEXT)
@click.option("--role", required=True, type=click.Choice(list(ROLES)), help="What the person may do.")
# Cleaned like every door (text_input.py), so the sign-in form reads the same password.
@click.option("--password", type=TEXT, help="Leave out to be asked, with the typing hidden.")
@click.option("--name", "display_name", type=TEXT, help="The name shown to other staff (default: the email's first part).")
def create_user_command(email: str, role: str, password: str | None, display_name: str | None) -> None:
    """Create a staff account."""
    if password is None:
        password = click.prompt("Password", hide_input=True, confirmation_prompt=True, type=TEXT)
    try:
        user = create_user(email, role, password, display_name)
    except (AccountError, WeakPassword) as problem:
        db.session.rollback()
        raise click.ClickException(str(problem)) from None
    audit.record("user_created", "staff_user", user.id, actor=None, role=role, via="command line")
    db.session.commit()
    click.echo(f"Created {user.email} ({ROLES[role]}).")
