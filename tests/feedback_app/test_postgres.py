"""The service on PostgreSQL: migrations and a whole conversation, in a database of its own.

Runs whenever PostgreSQL is reachable (TEST_POSTGRES_URL, default the local server);
skips with the reason otherwise, unless REQUIRE_POSTGRES=1 (as in CI) makes that a failure.
"""

from __future__ import annotations

import os
import secrets

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import create_engine, text
from sqlalchemy.exc import OperationalError

from feedback_app import create_app
from feedback_app.config import normalise_url
from feedback_app.conversation import service
from feedback_app.database import upgrade_schema
from feedback_app.extensions import db
from feedback_app.models import Base

SERVER_URL = os.environ.get("TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/test")


@pytest.fixture
def postgres_url():
    try:
        admin = create_engine(normalise_url(SERVER_URL), isolation_level="AUTOCOMMIT")
        with admin.connect() as connection:
            name = f"feedback_test_{secrets.token_hex(4)}"
            connection.execute(text(f'CREATE DATABASE "{name}"'))
    except (OperationalError, ImportError) as error:
        if os.environ.get("REQUIRE_POSTGRES") == "1":
            pytest.fail(f"PostgreSQL is required here but not reachable at {SERVER_URL}: {error}")
        pytest.skip(f"PostgreSQL is not reachable at {SERVER_URL} (set TEST_POSTGRES_URL)")
    url = SERVER_URL.rsplit("/", 1)[0] + f"/{name}"
    yield url
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


@pytest.mark.postgres
def test_migrations_and_a_whole_conversation_work_on_postgresql(postgres_url):
    app = create_app({"TESTING": True, "DATABASE_URL": postgres_url})
    with app.app_context():
        upgrade_schema()
        upgrade_schema()  # safe to run again
        assert db.engine.dialect.name == "postgresql"
        with db.engine.connect() as connection:
            context = MigrationContext.configure(connection, opts={"compare_type": False})
            assert compare_metadata(context, Base.metadata) == []
        conversation = service.start("young-person-before-review")
        first = service.state_of(conversation).question
        service.record_answer(conversation, first.question.id, first.options[0][0])
        # Changing an answer takes the ON CONFLICT path of the upsert.
        service.record_answer(conversation, first.question.id, first.options[1][0])
        state = service.state_of(conversation)
        while state.question is not None:
            state = service.record_answer(conversation, state.question.question.id, None, skip=True)
        assert state.status == "review"
        assert service.submit(conversation).status == "submitted"
        stored = db.session.execute(text("SELECT value FROM answers WHERE question_id = :q"), {"q": first.question.id})
        assert stored.scalar_one() == first.options[1][0]
        db.engine.dispose()
