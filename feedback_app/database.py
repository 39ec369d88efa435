"""The database: connection settings, the schema and its migrations.

SQLite is tuned so that an answer, once acknowledged, survives a crash or a
power cut (WAL with synchronous=FULL) and several server processes can write
without tripping over each other (BEGIN IMMEDIATE plus a busy timeout).
"""

from __future__ import annotations

from pathlib import Path

import click
from flask.cli import with_appcontext
from alembic import command
from alembic.config import Config
from flask import Flask, current_app
from sqlalchemy import Engine, event, text

from .extensions import db

MIGRATIONS = Path(__file__).parent / "migrations"


def init_app(app: Flask) -> None:
    with app.app_context():
        if db.engine.dialect.name == "sqlite":
            tune_sqlite(db.engine)
    app.cli.add_command(init_db_command)


def tune_sqlite(engine: Engine) -> None:
    """Make a SQLite engine durable and safe for several writers."""

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record) -> None:
        # Let SQLAlchemy's "begin" event below issue BEGIN itself.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=FULL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=10000")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection) -> None:
        # Take the write lock at the start: a deferred transaction that later
        # tries to write can fail at once with "database is locked".
        connection.exec_driver_sql("BEGIN IMMEDIATE")


def alembic_config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


def upgrade_schema() -> None:
    """Create the tables, or bring them up to date. Safe to run again."""
    with db.engine.begin() as connection:
        config = alembic_config()
        config.attributes["connection"] = connection
        command.upgrade(config, "head")


def database_is_up() -> bool:
    try:
        with db.engine.connect() as connection:
            connection.execute(text("SELECT 1"))
        return True
    except Exception:  # noqa: BLE001 - any failure means "not up", reported by /healthz
        current_app.logger.exception("database check failed")
        return False


@click.command("init-db")
@with_appcontext
def init_db_command() -> None:
    """Create the database tables, or upgrade them to the latest schema."""
    upgrade_schema()
    click.echo("The database is ready.")
