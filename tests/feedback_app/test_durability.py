"""Kill the server in the middle of a load: every answer it acknowledged is still stored."""

from __future__ import annotations

import os
import secrets
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
import requests
from sqlalchemy import select

from feedback_app import question_types
from feedback_app.extensions import db
from feedback_app.models import Answer, Conversation

ROOT = Path(__file__).resolve().parents[2]
QID = "young-person-before-review"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def value_for(question: dict):
    return question_types.of(question["type"]).example([o["value"] for o in question["options"][:1]], "It is ok here.")


@pytest.mark.slow
def test_every_acknowledged_answer_survives_the_server_being_killed(app, database_url):
    port = free_port()
    env = dict(
        os.environ,
        DATABASE_URL=database_url,
        SECRET_KEY=secrets.token_hex(32),
        FLASK_RATELIMIT_ENABLED="false",
    )
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "-w", "2", "-b", f"127.0.0.1:{port}", "feedback_app:create_app()"],
        cwd=ROOT,
        env=env,
        start_new_session=True,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}/api/v1"
    acknowledged: list[tuple[str, str]] = []
    refused: list[tuple[int, str]] = []  # answers the server turned down while it was up
    lock = threading.Lock()
    stop = threading.Event()

    def client() -> None:
        session = requests.Session()
        while not stop.is_set():
            try:
                started = session.post(f"{base}/conversations", json={"questionnaire": QID}, timeout=5)
                if started.status_code != 201:
                    if not stop.is_set():
                        refused.append((started.status_code, started.text[:200]))
                    return
                state = started.json()
                while state["question"] and not stop.is_set():
                    q = state["question"]
                    response = session.post(
                        f"{base}/conversations/{state['token']}/answers",
                        json={"question_id": q["id"], "value": value_for(q)},
                        timeout=5,
                    )
                    if response.status_code != 200:
                        if not stop.is_set():
                            refused.append((response.status_code, response.text[:200]))
                        return
                    with lock:
                        acknowledged.append((state["token"], q["id"]))
                    state = response.json()
            except (requests.RequestException, ValueError):
                return  # the server has gone: that is the point

    try:
        deadline = time.time() + 30
        while time.time() < deadline:
            try:
                if requests.get(f"http://127.0.0.1:{port}/healthz", timeout=1).ok:
                    break
            except requests.RequestException:
                time.sleep(0.2)
        threads = [threading.Thread(target=client) for _ in range(3)]
        for thread in threads:
            thread.start()
        while len(acknowledged) < 60 and time.time() < deadline:
            time.sleep(0.05)
        stop.set()
        os.killpg(server.pid, signal.SIGKILL)  # no chance to flush anything
        for thread in threads:
            thread.join(timeout=10)
    finally:
        if server.poll() is None:
            os.killpg(server.pid, signal.SIGKILL)
        server.wait(timeout=10)

    assert len(acknowledged) >= 60, f"the load did not get going: {refused[:3]}"
    assert not refused, f"the server refused answers while it was up: {refused[:3]}"
    with app.app_context():
        db.engine.dispose()  # read what is on disk, not anything cached
        stored = set(
            db.session.execute(
                select(Conversation.token, Answer.question_id).join(Answer, Answer.conversation_id == Conversation.id)
            ).all()
        )
    missing = [pair for pair in acknowledged if pair not in stored]
    assert not missing, f"{len(missing)} acknowledged answers were lost"
