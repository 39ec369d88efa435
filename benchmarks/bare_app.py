"""The yardstick for the benchmarks: bare Flask endpoints that each do one insert or one select.

They write the same rows into the same tables (`conversations`, `answers`) and
read the same row, through the same tuned engine, with none of the service's
work (finding the conversation, the engine, validation, templates, headers).
`gunicorn "benchmarks.bare_app:create_bare_app()"`.
"""

from __future__ import annotations

import os
import secrets

from flask import Flask, abort, jsonify, request
from sqlalchemy import create_engine, insert, select

from feedback_app.config import normalise_url
from feedback_app.database import tune_sqlite
from feedback_app.models import Answer, Conversation, utcnow


def create_bare_app() -> Flask:
    app = Flask(__name__)
    engine = create_engine(normalise_url(os.environ["DATABASE_URL"]), pool_pre_ping=True)
    if engine.dialect.name == "sqlite":
        tune_sqlite(engine)
    answers, conversations = Answer.__table__, Conversation.__table__

    @app.post("/bare/conversations")
    def bare_start():
        data = request.get_json()
        token = secrets.token_urlsafe(32)
        with engine.begin() as connection:
            connection.execute(
                insert(conversations).values(
                    token=token,
                    questionnaire_version_id=data["version_id"],
                    questionnaire_id=data["questionnaire"],
                    audience="child",
                    language="en",
                    created_at=utcnow(),
                )
            )
        return jsonify(token=token), 201

    @app.post("/bare/answers")
    def bare_answer():
        data = request.get_json()
        with engine.begin() as connection:
            connection.execute(
                insert(answers).values(
                    conversation_id=data["conversation_id"],
                    question_id=data["question_id"],
                    value=data["value"],
                    skipped=False,
                    answered_at=utcnow(),
                )
            )
        return jsonify(ok=True)

    @app.get("/bare/c/<token>")
    def bare_page(token: str):
        with engine.connect() as connection:
            row = connection.execute(
                select(conversations.c.id, conversations.c.questionnaire_id).where(conversations.c.token == token)
            ).first()
        if row is None:
            abort(404)
        return f"<!doctype html><title>Conversation</title><p>{row.questionnaire_id}</p>"

    return app
