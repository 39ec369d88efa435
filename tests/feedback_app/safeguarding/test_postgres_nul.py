"""On PostgreSQL, a NUL in a disclosure never stops its alert (issue 9.1), in a database of its own.

Runs whenever PostgreSQL is reachable, even in a SQLite run of the suite (see test_postgres.py).
"""

from __future__ import annotations

import pytest
import sqlalchemy as sa
from alembic.migration import MigrationContext
from alembic.operations import Operations
from sqlalchemy import select
from sqlalchemy.exc import DataError

from feedback_app import create_app
from feedback_app.database import upgrade_schema
from feedback_app.extensions import db
from feedback_app.models import Answer, SafeguardingAlert
from feedback_app.text_input import REPLACEMENT
from tests.feedback_app.safeguarding.test_odd_characters import CLEANING_MIGRATION, RAW_ANSWERS, first_free_text
from tests.feedback_app.test_postgres import postgres_url  # noqa: F401 - the fixture

QID = "young-person-before-review"
WORDS = "My stepdad hits me when he is drunk"


@pytest.mark.postgres
def test_a_nul_is_stored_and_alerted_and_an_old_row_holding_one_is_swept_after_the_upgrade(postgres_url):  # noqa: F811
    app = create_app({"TESTING": True, "DATABASE_URL": postgres_url, "RATELIMIT_ENABLED": False})
    client = app.test_client()
    with app.app_context():
        upgrade_schema()
    token = client.post("/api/v1/conversations", json={"questionnaire": QID}).get_json()["token"]
    body = '{"question_id": "' + first_free_text(client, token) + '", "value": "' + WORDS + '\\u0000"}'
    response = client.post(f"/api/v1/conversations/{token}/answers", data=body, content_type="application/json")
    assert response.status_code == 200, response.get_json()
    with app.app_context():
        assert db.session.scalars(select(SafeguardingAlert.text)).all() == [f"{WORDS}{REPLACEMENT}"]

        # A row from before the doors cleaned text, and its alert lost.
        answer_id, analysis = db.session.execute(select(Answer.id, Answer.analysis).where(Answer.skipped.is_(False))).one()
        analysis["evidence"].append({"finding": "concern:abuse", "phrase": "x\x00"})
        db.session.execute(sa.update(RAW_ANSWERS).where(RAW_ANSWERS.c.id == answer_id).values(analysis=analysis))
        db.session.execute(sa.delete(SafeguardingAlert))
        db.session.commit()
        with pytest.raises(DataError):  # what stopped the sweep and the pages
            db.session.execute(select(Answer.analysis["concern"].as_string())).all()
        db.session.rollback()

        with db.engine.begin() as connection, Operations.context(MigrationContext.configure(connection)):
            __import__(CLEANING_MIGRATION, fromlist=["upgrade"]).upgrade()
    result = app.test_cli_runner().invoke(args=["safeguarding", "sweep"])
    assert "1 safeguarding alert raised." in result.output, result.output
    assert client.get(f"/c/{token}").status_code == 200
    with app.app_context():
        db.engine.dispose()
