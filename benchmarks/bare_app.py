"""The yardstick for the answer benchmark: a bare Flask endpoint that does one insert.

It writes the same row into the same `answers` table, through the same tuned
engine, with none of the service's work (finding the conversation, the engine,
validation, headers). `gunicorn "benchmarks.bare_app:create_bare_app()"`.
"""

from __future__ import annotations

import os

from flask import Flask, jsonify, request
from sqlalchemy import create_engine, insert

from feedback_app.config import normalise_url
from feedback_app.database import tune_sqlite
from feedback_app.models import Answer, utcnow


def create_bare_app() -> Flask:
    app = Flask(__name__)
    engine = create_engine(normalise_url(os.environ["DATABASE_URL"]), pool_pre_ping=True)
    if engine.dialect.name == "sqlite":
        tune_sqlite(engine)
    table = Answer.__table__

    @app.post("/bare/answers")
    def bare_answer():
        data = request.get_json()
        with engine.begin() as connection:
            connection.execute(
                insert(table).values(
                    conversation_id=data["conversation_id"],
                    question_id=data["question_id"],
                    value=data["value"],
                    skipped=False,
                    answered_at=utcnow(),
                )
            )
        return jsonify(ok=True)

    return app
