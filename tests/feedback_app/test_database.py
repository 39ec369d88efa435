"""The database: durable SQLite settings, migrations that match the models, init-db."""

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import text

from feedback_app import create_app
from feedback_app.database import upgrade_schema
from feedback_app.extensions import db
from feedback_app.models import Base


def test_the_migrations_build_exactly_the_schema_the_models_describe(tmp_path):
    app = create_app({"TESTING": True, "DATABASE_URL": f"sqlite:///{tmp_path}/migrated.db"})
    with app.app_context():
        upgrade_schema()
        with db.engine.connect() as connection:
            context = MigrationContext.configure(connection, opts={"compare_type": False})
            differences = compare_metadata(context, Base.metadata)
    assert differences == [], (
        "The models and the migrations differ. Run: python scripts/new_migration.py 'what changed'"
    )


def test_init_db_can_be_run_again_safely(tmp_path):
    runner = create_app({"TESTING": True, "DATABASE_URL": f"sqlite:///{tmp_path}/fresh.db"}).test_cli_runner()
    assert runner.invoke(args=["init-db"]).exit_code == 0
    result = runner.invoke(args=["init-db"])
    assert result.exit_code == 0 and "ready" in result.output


def test_sqlite_is_durable_with_foreign_keys_and_a_busy_timeout(app):
    with app.app_context():
        if db.engine.dialect.name != "sqlite":
            return  # these settings are SQLite's; PostgreSQL is durable by default
        with db.engine.connect() as connection:
            assert connection.execute(text("PRAGMA journal_mode")).scalar() == "wal"
            assert connection.execute(text("PRAGMA synchronous")).scalar() == 2  # FULL
            assert connection.execute(text("PRAGMA foreign_keys")).scalar() == 1
            assert connection.execute(text("PRAGMA busy_timeout")).scalar() >= 5000


def test_healthz_is_503_when_the_database_is_unreachable(tmp_path):
    app = create_app({"TESTING": True, "DATABASE_URL": f"sqlite:///{tmp_path}/missing/dir/x.db"})
    response = app.test_client().get("/healthz")
    assert response.status_code == 503


def test_a_read_takes_no_write_lock_and_ends_its_transaction(app):
    import sqlite3

    from feedback_app.database import reading

    with app.app_context():
        if db.engine.dialect.name != "sqlite":
            return  # the write lock at BEGIN is SQLite's
        path = db.engine.url.database
        with reading():
            db.session.execute(text("SELECT count(*) FROM conversations")).scalar()
            other = sqlite3.connect(path, timeout=0, isolation_level=None)
            other.execute("BEGIN IMMEDIATE")  # would fail at once if the read held the lock
            other.execute("ROLLBACK")
            other.close()
        assert not db.session().in_transaction()


def test_a_write_transaction_takes_the_write_lock_at_once(app):
    import sqlite3

    import pytest

    with app.app_context():
        if db.engine.dialect.name != "sqlite":
            return
        path = db.engine.url.database
        db.session.execute(text("SELECT 1"))  # begins an ordinary (writing) transaction
        other = sqlite3.connect(path, timeout=0, isolation_level=None)
        with pytest.raises(sqlite3.OperationalError, match="locked"):
            other.execute("BEGIN IMMEDIATE")
        other.close()
        db.session.rollback()


def test_init_db_keeps_the_reports_month_counts_for_the_answers_already_stored(tmp_path):
    from feedback_app.models import CountedMonth
    from tests.feedback_app.responses.builders import SETTINGS, YOUNG_PEOPLE, converse

    app = create_app({"TESTING": True, "DATABASE_URL": f"sqlite:///{tmp_path}/filled.db", **SETTINGS})
    runner = app.test_cli_runner()
    assert runner.invoke(args=["init-db"]).exit_code == 0
    with app.app_context():
        converse(YOUNG_PEOPLE, {"home": "good"})
        assert db.session.query(CountedMonth).count() == 0  # as when the migration has just added the table
    result = runner.invoke(args=["init-db"])
    with app.app_context():
        kept = db.session.query(CountedMonth).count()
    assert result.exit_code == 0 and kept == 1 and "brought up to date for 1 month." in result.output
