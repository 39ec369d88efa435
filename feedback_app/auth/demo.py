"""Demo staff accounts, one for each role, so a demo can be signed into at once.

They share one published password, so they are made only on a local or test
service (`FLASK_LOCAL_DEV=true`, TESTING or DEBUG), never on a live one.
"""

from __future__ import annotations

from dataclasses import dataclass

import click
from flask import current_app
from flask.cli import with_appcontext

from .. import audit
from ..access import ROLES
from ..extensions import db
from .accounts import create_user
from .signin import find_user

DEMO_PASSWORD = "demo-password-2026!"  # noqa: S105 - published on purpose; demo databases only


@dataclass(frozen=True)
class DemoAccount:
    email: str
    role: str
    display_name: str


DEMO_ACCOUNTS = (
    DemoAccount("admin@example.org", "admin", "Demo Admin"),
    DemoAccount("manager@example.org", "iro_manager", "Demo IRO Manager"),
    DemoAccount("iro@example.org", "iro", "Demo IRO"),
    DemoAccount("cicc@example.org", "cicc", "Demo CiCC Member"),
    DemoAccount("safeguarding@example.org", "safeguarding_lead", "Demo Safeguarding Lead"),
)


class DemoRefused(RuntimeError):
    """Demo accounts were asked for on a service that may be live."""


def ensure_demo_staff() -> list[tuple[DemoAccount, bool]]:
    """Create each demo account that is missing; existing accounts are left alone.

    Returns each account with whether it was created now; the caller commits.
    Raises DemoRefused unless the app is in local development, testing or debug mode.
    """
    config = current_app.config
    if not (config.get("LOCAL_DEV") or config.get("TESTING") or config.get("DEBUG")):
        raise DemoRefused(
            "Demo staff accounts have a published password, so they are only made on a local service. "
            "Run with FLASK_LOCAL_DEV=true for a demo; on a live service use create-user instead."
        )
    results = []
    for account in DEMO_ACCOUNTS:
        if find_user(account.email) is not None:
            results.append((account, False))
            continue
        user = create_user(account.email, account.role, DEMO_PASSWORD, account.display_name)
        audit.record("user_created", "staff_user", user.id, actor=None, role=account.role, via="demo seed")
        results.append((account, True))
    return results


@click.command("seed-demo-staff")
@with_appcontext
def seed_demo_staff_command() -> None:
    """Create demo staff accounts, one per role (local development only)."""
    try:
        results = ensure_demo_staff()
    except DemoRefused as problem:
        raise click.ClickException(str(problem)) from None
    db.session.commit()
    click.echo("Demo staff accounts (sign in at /staff/login):")
    for account, created in results:
        note = "created" if created else "already there"
        click.echo(f"  {account.email:<28} {ROLES[account.role]:<38} {note}")
    click.echo(f"Password for each: {DEMO_PASSWORD}")
