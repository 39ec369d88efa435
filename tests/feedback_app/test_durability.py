"""Under load, on SQLite and on PostgreSQL (whichever the tests run on): every answer
the service acknowledged is stored, even when its workers are killed, and it never
answers 5xx while it is up.

LOAD_SECONDS (default 15) sets how long the long load runs; run it for minutes
by hand to look for a rare failure:
    LOAD_SECONDS=300 .venv/bin/python -m pytest tests/feedback_app/test_durability.py -k long
"""

from __future__ import annotations

import os
import time

import pytest
from sqlalchemy import select

from feedback_app.extensions import db
from feedback_app.models import Answer, Conversation
from tests.servers import Load, Server, server_env

LOAD_SECONDS = float(os.environ.get("LOAD_SECONDS", "15"))


def stored_answers(app) -> set[tuple[str, str]]:
    with app.app_context():
        db.engine.dispose()  # read what is on disk, not anything cached
        return set(
            db.session.execute(
                select(Conversation.token, Answer.question_id).join(Answer, Answer.conversation_id == Conversation.id)
            ).all()
        )


def assert_no_server_errors(load: Load, server: Server) -> None:
    assert not load.server_errors, (
        f"{len(load.server_errors)} answers got 5xx while the server was up: {load.server_errors[:3]}\n"
        f"the server's log says:\n{server.tracebacks()}"
    )


@pytest.mark.slow
def test_every_acknowledged_answer_survives_the_workers_being_killed(app, database_url, tmp_path):
    server = Server(server_env(database_url), tmp_path / "server.log")
    load = Load([server.url], clients=8).start()
    try:
        assert load.wait_for(60), f"the load did not get going: {load.failures[:3]}\n{server.tracebacks()}"
        for _ in range(2):
            assert server.kill_workers() == 2  # kill -9; the master starts two more
            assert load.wait_for(40), "the new workers did not take over"
        server.kill()  # and then everything at once, mid-answer
    finally:
        load.stop()
        server.kill()

    assert load.connection_errors > 0, "no request was cut off, so nothing was tested"
    assert not load.failures, f"the server refused answers while it was up: {load.failures[:3]}\n{server.tracebacks()}"
    stored = stored_answers(app)
    missing = [pair for pair in load.acknowledged if pair not in stored]
    assert not missing, f"{len(missing)} of {len(load.acknowledged)} acknowledged answers were lost"


@pytest.mark.slow
def test_a_long_load_from_eight_clients_gets_no_server_error(app, database_url, tmp_path):
    server = Server(server_env(database_url), tmp_path / "server.log")
    load = Load([server.url], clients=8).start()
    try:
        time.sleep(LOAD_SECONDS)
    finally:
        load.stop()
        server.stop()

    print(f"\n{LOAD_SECONDS:g} s, 8 clients: {len(load.acknowledged)} answers acknowledged, "
          f"{load.conversations_sent} conversations sent, statuses {dict(load.statuses)}")  # fmt: skip
    assert load.conversations_sent > 0, f"no conversation was finished: {load.failures[:3]}"
    assert_no_server_errors(load, server)
    assert not load.failures, f"answers were refused: {load.failures[:3]}"
    assert load.unavailable == 0, f"{load.unavailable} answers were told to try again"
    stored = stored_answers(app)
    missing = [pair for pair in load.acknowledged if pair not in stored]
    assert not missing, f"{len(missing)} acknowledged answers were not stored"
