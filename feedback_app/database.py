"""The database: connection settings, the schema and its migrations.

SQLite is tuned so that an answer, once acknowledged, survives a crash or a
power cut (WAL with synchronous=FULL) and several server processes can write
without tripping over each other (BEGIN IMMEDIATE plus a busy timeout).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import click
from alembic import command
from alembic.config import Config
from flask import Flask, current_app
from flask.cli import with_appcontext
from sqlalchemy import Engine, event, text

from .extensions import db

MIGRATIONS = Path(__file__).parent / "migrations"


def init_app(app: Flask) -> None:
    with app.app_context():
        if db.engine.dialect.name == "sqlite":
            create_privately(db.engine.url.database)
            tune_sqlite(db.engine)


def create_privately(path: str | None) -> None:
    """Create the SQLite file readable and writable by its owner only (0600), if it is not there yet.

    SQLite would create it with the process's umask, usually readable by
    everyone on the machine, and it holds what children said. Its -wal and
    -shm files take the same permissions from it.
    """
    if not path or path == ":memory:" or path.startswith("file:"):
        return
    database = Path(path)
    # A missing folder is left missing: the database is then down, and /healthz says so.
    if not database.exists() and database.parent.is_dir():
        # The umask can only take permissions away from 0600, never add to them.
        os.close(os.open(database, os.O_CREAT | os.O_WRONLY, 0o600))


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
        # tries to write can fail at once with "database is locked". Only a
        # transaction declared read-only (see `begin_read_only`) goes without.
        if connection.get_execution_options().get(READ_ONLY):
            connection.exec_driver_sql("BEGIN DEFERRED")
        else:
            connection.exec_driver_sql("BEGIN IMMEDIATE")


READ_ONLY = "feedback_read_only"


@contextmanager
def reading() -> Iterator[None]:
    """Run the enclosed reads in a short transaction of their own.

    On SQLite it does not take the write lock, so pages being read never make
    a child's answer wait, and it ends at once so that a write after it starts
    afresh. Inside a transaction already under way it simply joins that one.
    """
    if db.session().in_transaction():
        yield
        return
    db.session.connection(execution_options={READ_ONLY: True})
    try:
        yield
    except BaseException:
        db.session.rollback()
        raise
    # Commit, not rollback: with expire_on_commit off, objects stay loaded.
    db.session.commit()


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
    # Back-fill what a migration added for the data already there: the annual report's
    # counts kept per month (only months not yet kept, or whose data changed, are counted).
    from .report import keep_every_month

    kept = keep_every_month()
    db.session.commit()
    click.echo(kept)
    click.echo("The database is ready.")
