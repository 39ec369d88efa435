"""A running server to attack: gunicorn, configured as for production, on SQLite and on PostgreSQL.

Each database gets one server for the whole module (starting one is the slow
part). The database is made and seeded in-process first (the schema through
the migrations, three staff accounts, invitations), then gunicorn serves it
with `gunicorn.conf.py` and production settings: a real SECRET_KEY,
PUBLIC_BASE_URL, no TESTING. Only the session cookie's Secure flag is off,
since the server is plain http on 127.0.0.1.

The module skips, saying why, where gunicorn cannot run (not installed, not a
POSIX system, no free port). PostgreSQL skips when it is not reachable at
TEST_POSTGRES_URL, unless REQUIRE_POSTGRES=1 makes that a failure. Set
SECURITY_TEST_PORTS (e.g. "52073,52074") to choose the ports.
"""

from __future__ import annotations

import importlib.util
import os
import re
import secrets
import time
from collections.abc import Iterator
from dataclasses import dataclass, field

import pytest
import requests
from sqlalchemy import create_engine, text
from sqlalchemy.exc import OperationalError

from feedback_app import create_app
from feedback_app.auth.accounts import create_user
from feedback_app.config import normalise_url
from feedback_app.database import upgrade_schema
from feedback_app.extensions import db
from feedback_app.invitations import service as invitations
from tests.servers import Server

PUBLIC_BASE_URL = "https://feedback.council.example"
PASSWORD = "a long and unusual staff passphrase"
POSTGRES_SERVER = os.environ.get("TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/test")
QUESTIONNAIRE = "young-person-before-review"
ACCOUNTS = {"iro": "iro@council.example", "iro_manager": "manager@council.example", "admin": "admin@council.example"}


@dataclass
class Target:
    """A running server and what was seeded in it."""

    url: str
    server: Server
    database_url: str
    invitations: dict[str, tuple[int, str]] = field(default_factory=dict)  # name: (id, token)

    def log(self, waiting_for: str = "", seconds: float = 5.0) -> str:
        """The server's log; with `waiting_for`, once that text is in it (a worker writes its
        access-log line after the response is sent, so the last request's line may lag)."""
        deadline = time.monotonic() + seconds
        text = self.server.log_text()
        while waiting_for and waiting_for not in text and time.monotonic() < deadline:
            time.sleep(0.05)
            text = self.server.log_text()
        return text

    def staff(self, role: str) -> requests.Session:
        """A browser signed in as the seeded account with `role`."""
        browser = requests.Session()
        response = sign_in(browser, self.url, ACCOUNTS[role])
        assert response.status_code == 303, response.status_code
        return browser


def csrf_from(html: str) -> str:
    match = re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert match, "the page has no CSRF token"
    return match.group(1)


def sign_in(browser: requests.Session, url: str, email: str, next_page: str | None = None) -> requests.Response:
    login = f"{url}/staff/login" + (f"?next={next_page}" if next_page else "")
    page = browser.get(login, timeout=10)
    data = {"csrf_token": csrf_from(page.text), "email": email, "password": PASSWORD}
    return browser.post(login, data=data, allow_redirects=False, timeout=10)


def _can_run_gunicorn() -> None:
    if os.name != "posix" or importlib.util.find_spec("gunicorn") is None:
        pytest.skip("gunicorn cannot run here (it needs a POSIX system and the gunicorn package)")


def _ports() -> list[int | None]:
    ports = os.environ.get("SECURITY_TEST_PORTS", "")
    return [int(port) for port in ports.split(",") if port.strip()] or [None, None]


def _seed(database_url: str) -> dict[str, tuple[int, str]]:
    app = create_app({"TESTING": True, "DATABASE_URL": database_url})
    made = {}
    with app.app_context():
        upgrade_schema()
        users = {role: create_user(email, role, PASSWORD, f"Security {role}") for role, email in ACCOUNTS.items()}
        db.session.flush()
        review = invitations.today()
        for name in ("host", "log", "stop", "staff"):
            invitation = invitations.create(
                questionnaire_id=QUESTIONNAIRE, audience="child", review_date=review,
                iro=users["iro"], created_by=users["iro"], first_name="Sam",
            )  # fmt: skip
            made[name] = (invitation.id, invitation.token)
        db.session.commit()
        db.engine.dispose()
    return made


def _postgres_database() -> Iterator[str]:
    try:
        admin = create_engine(normalise_url(POSTGRES_SERVER), isolation_level="AUTOCOMMIT")
        name = f"security_test_{secrets.token_hex(4)}"
        with admin.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
    except (OperationalError, ImportError) as error:
        if os.environ.get("REQUIRE_POSTGRES") == "1":
            pytest.fail(f"PostgreSQL is required here but not reachable at {POSTGRES_SERVER}: {error}")
        pytest.skip(f"PostgreSQL is not reachable at {POSTGRES_SERVER} (set TEST_POSTGRES_URL)")
    try:
        yield POSTGRES_SERVER.rsplit("/", 1)[0] + f"/{name}"
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture(scope="module", params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def target(request, tmp_path_factory) -> Iterator[Target]:
    _can_run_gunicorn()
    folder = tmp_path_factory.mktemp(f"security-{request.param}")
    if request.param == "sqlite":
        databases: Iterator[str] = iter([f"sqlite:///{folder / 'feedback.db'}"])
    else:
        databases = _postgres_database()
    database_url = next(databases)
    try:
        seeded = _seed(database_url)
        env = dict(
            os.environ,
            DATABASE_URL=database_url,
            SECRET_KEY=secrets.token_hex(32),
            FLASK_PUBLIC_BASE_URL=PUBLIC_BASE_URL,
            FLASK_SESSION_COOKIE_SECURE="false",
            FLASK_RATELIMIT_ENABLED="false",
        )
        for key in ("FLASK_TESTING", "FLASK_LOCAL_DEV", "FLASK_DEBUG", "FLASK_TRUSTED_PROXIES"):
            env.pop(key, None)
        port = _ports()[0 if request.param == "sqlite" else 1 % len(_ports())]
        try:
            server = Server(env, folder / "gunicorn.log", workers=2, port=port)
        except (OSError, RuntimeError) as error:
            # No port to listen on is this machine's problem; an app that will not start is a failure.
            if isinstance(error, OSError) or "Address already in use" in str(error):
                pytest.skip(f"gunicorn could not start: {str(error)[-300:]}")
            raise
        try:
            yield Target(server.url, server, database_url, seeded)
        finally:
            server.stop()
    finally:
        for _ in databases:  # drops the PostgreSQL database
            pass


__all__ = ["ACCOUNTS", "PUBLIC_BASE_URL", "QUESTIONNAIRE", "Target", "csrf_from", "sign_in"]
