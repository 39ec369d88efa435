"""Fixtures for the safeguarding tests: a real SMTP server, a movable clock,
and a child answering through the chat pages or the API."""

from __future__ import annotations

import email
import re
import socket
import time
from datetime import UTC, date, datetime
from email.message import EmailMessage
from email.policy import default as default_policy

import pytest
from aiosmtpd.controller import Controller
from flask import Flask
from sqlalchemy import select

from feedback_app.conversation import service
from feedback_app.extensions import db
from feedback_app.models import SafeguardingAlert
from tests.conftest import csrf_token
from tests.feedback_app.auth.staff_helpers import FakeClock, move_clock

QID = "young-person-before-review"
DISCLOSURE = "My stepdad hits me when he is drunk"
SAFEGUARDING_ADDRESS = "safeguarding@council.example"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Inbox:
    """An aiosmtpd handler that keeps every message it is given."""

    def __init__(self) -> None:
        self.messages: list[EmailMessage] = []

    async def handle_DATA(self, server, session, envelope) -> str:
        self.messages.append(email.message_from_bytes(envelope.content, policy=default_policy))
        return "250 Message accepted"

    def wait_for(self, count: int = 1, seconds: float = 5) -> list[EmailMessage]:
        deadline = time.monotonic() + seconds
        while len(self.messages) < count and time.monotonic() < deadline:
            time.sleep(0.02)
        return self.messages


@pytest.fixture
def smtp_server():
    """A real SMTP server on 127.0.0.1 and a free port, for the length of one test."""
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    inbox.port = controller.port
    yield inbox
    controller.stop()


@pytest.fixture(autouse=True)
def _mail_settings(app: Flask, smtp_server: Inbox) -> None:
    app.config.update(
        SAFEGUARDING_EMAIL_TO=SAFEGUARDING_ADDRESS,
        SMTP_HOST="127.0.0.1",
        SMTP_PORT=smtp_server.port,
        SMTP_STARTTLS=False,
        SMTP_TIMEOUT=3,
        MAIL_FROM="feedback@council.example",
    )


@pytest.fixture
def mail_down(app: Flask) -> None:
    """Point the app at a port where nothing listens: every send fails at once."""
    app.config["SMTP_PORT"] = free_port()


@pytest.fixture
def alert_clock(monkeypatch: pytest.MonkeyPatch) -> FakeClock:
    """The service's clock, stopped on a Friday at 4pm in London, until the test moves it."""
    return move_clock(monkeypatch, FakeClock(datetime(2026, 6, 5, 15, 0, tzinfo=UTC)))


# -- a person answering -------------------------------------------------------


def open_question(html: str) -> tuple[str | None, bool]:
    """The open question's id on a chat page, and whether it asks for free text."""
    match = re.search(r'name="question_id" value="([^"]+)"', html)
    return (match.group(1) if match else None), 'name="text"' in html


def say_in_chat(client, url: str, text: str) -> str:
    """Skip to the first free-text question through the chat form, then send `text` there.

    Returns the chat page shown after the redirect.
    """
    for _ in range(40):
        html = client.get(url).get_data(as_text=True)
        question_id, is_text = open_question(html)
        if question_id is None and 'value="resume"' in html:  # paused after a worrying answer: carry on
            assert client.post(url, data={"csrf_token": csrf_token(html), "action": "resume"}).status_code == 303
            continue
        assert question_id, "the conversation ended before a free-text question"
        fields = {"csrf_token": csrf_token(html), "question_id": question_id}
        if is_text:
            response = client.post(url, data={**fields, "text": text, "action": "answer"})
            assert response.status_code == 303, response.status_code
            return client.get(response.headers["Location"]).get_data(as_text=True)
        assert client.post(url, data={**fields, "action": "skip"}).status_code == 303
    raise AssertionError("no free-text question found")


def say_through_api(client, token: str, text: str) -> dict:
    """Skip to the first free-text question through the JSON API, then send `text`; returns the state."""
    state = client.get(f"/api/v1/conversations/{token}").get_json()
    for _ in range(40):
        question = state["question"]
        assert question, "the conversation ended before a free-text question"
        path = f"/api/v1/conversations/{token}/answers"
        if question["type"] == "free_text":
            response = client.post(path, json={"question_id": question["id"], "value": text})
            assert response.status_code == 200, response.get_json()
            return response.get_json()
        state = client.post(path, json={"question_id": question["id"], "skip": True}).get_json()
    raise AssertionError("no free-text question found")


def start_anonymous(client, language: str | None = None) -> str:
    """Begin an open-link conversation; returns its chat page path."""
    # Through the API: the chat's /start/ page stores nothing until the first answer.
    response = client.post("/api/v1/conversations", json={"questionnaire": QID, "language": language})
    assert response.status_code == 201
    return f"/c/{response.get_json()['token']}"


def start_invited(app: Flask, iro_id: int | None) -> str:
    """Begin a conversation behind an invitation naming this IRO; returns its chat page path."""
    models = pytest.importorskip("feedback_app.models")
    if not hasattr(models, "Invitation"):
        pytest.skip("invitations are not built yet, so there is no invited conversation to test")
    with app.app_context():
        invitation = models.Invitation(
            token=service.new_token(),
            questionnaire_id=QID,
            audience="child",
            review_date=date(2026, 7, 1),
            iro_id=iro_id,
            first_name="Sam",
            expires_at=datetime(2099, 1, 1, tzinfo=UTC),
        )
        db.session.add(invitation)
        db.session.commit()
        conversation = service.start(QID, invitation=invitation)
        return f"/c/{conversation.token}"


def stored_alerts(app: Flask) -> list[SafeguardingAlert]:
    with app.app_context():
        return list(db.session.scalars(select(SafeguardingAlert).order_by(SafeguardingAlert.id)))


def raise_alert_for(app: Flask, iro_id: int | None = None, text: str = DISCLOSURE) -> int:
    """A child, on their own device, discloses through the chat (invited when
    `iro_id` is given); returns the new alert's id."""
    child = app.test_client()
    url = start_invited(app, iro_id) if iro_id is not None else start_anonymous(child)
    say_in_chat(child, url, text)
    return stored_alerts(app)[-1].id
