"""Helpers and fixtures for staff tests: accounts, signing in, and a clock the tests move."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import pytest
from argon2 import PasswordHasher
from flask import Flask
from flask.testing import FlaskClient

from feedback_app import clock
from feedback_app.access import ROLES
from feedback_app.auth import passwords, sessions
from feedback_app.auth.accounts import create_user
from feedback_app.extensions import db
from feedback_app.models import StaffUser
from tests.conftest import csrf_token

PASSWORD = "a long and unusual staff passphrase"
ALL_ROLES = tuple(ROLES)


@dataclass(frozen=True)
class Account:
    id: int
    email: str
    role: str
    password: str = PASSWORD


class FakeClock:
    """The service's clock in a test: it says `start` until the test moves it."""

    def __init__(self, start: datetime = datetime(2026, 5, 4, 9, 0, tzinfo=UTC)) -> None:
        self.current = start

    def now(self) -> datetime:
        return self.current

    def advance(self, **delta: float) -> None:
        self.current += timedelta(**delta)


@pytest.fixture(autouse=True)
def fast_hashing(monkeypatch: pytest.MonkeyPatch) -> None:
    """Argon2id with tiny costs, so that tests which make many accounts stay quick."""
    monkeypatch.setattr(passwords, "hasher", PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1))
    passwords.dummy_hash.cache_clear()


def move_clock(monkeypatch: pytest.MonkeyPatch, fake: FakeClock) -> FakeClock:
    """Make the service read the time from `fake`: the one way tests fake the time."""
    monkeypatch.setattr(clock, "source", fake.now)
    return fake


@pytest.fixture
def fake_clock(monkeypatch: pytest.MonkeyPatch) -> FakeClock:
    """The service's clock, stopped at 4 May 2026, 09:00 UTC, until the test moves it."""
    return move_clock(monkeypatch, FakeClock())


@pytest.fixture
def make_account(app: Flask):
    def make(role: str = "iro", email: str | None = None, password: str = PASSWORD, active: bool = True) -> Account:
        with app.app_context():
            user = create_user(email or f"{role}.{len(made)}@council.example", role, password, f"Test {role}")
            user.active = active
            db.session.commit()
            account = Account(user.id, user.email, role, password)
        made.append(account)
        return account

    made: list[Account] = []
    return make


def sign_in(client: FlaskClient, email: str, password: str = PASSWORD, ip: str = "192.0.2.10", next: str | None = None):
    """Sign in through the real form; returns the response to the POST."""
    url = "/staff/login" + (f"?next={next}" if next else "")
    page = client.get(url, environ_base={"REMOTE_ADDR": ip}).get_data(as_text=True)
    return client.post(
        url,
        data={"csrf_token": csrf_token(page), "email": email, "password": password},
        environ_base={"REMOTE_ADDR": ip},
    )


def sign_in_quickly(app: Flask, client: FlaskClient, account: Account) -> None:
    """Open a session for `account` without the form (for tests about what happens after)."""
    with app.app_context():
        user = db.session.get(StaffUser, account.id)
        key = sessions.open_session(user)
        db.session.commit()
    with client.session_transaction() as cookie_session:
        cookie_session[sessions.SESSION_KEY] = key


def any_csrf_token(client: FlaskClient) -> str:
    """A valid CSRF token for this client's session, signed in or not."""
    response = client.get("/staff/login")
    if response.status_code != 200:  # signed in: the sign-in page sends you on
        response = client.get("/staff/")
    return csrf_token(response.get_data(as_text=True))
