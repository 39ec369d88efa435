"""Fixtures every test starts from: `app`, `client` and `runner` (as in flaskr).

The database is SQLite in a temporary folder, or whatever `DATABASE_URL`
names (CI runs the whole suite a second time against PostgreSQL). The schema
is built once per run from the models and emptied between tests;
tests/feedback_app/test_database.py checks that the migrations build the same.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from flask import Flask
from flask.testing import FlaskClient, FlaskCliRunner
from sqlalchemy import text

from feedback_app import create_app
from feedback_app.extensions import db
from feedback_app.models import Base
from feedback_app.questionnaire import registry
from tests.page_checks import check_page

os.environ.setdefault("NLTK_DATA", "/nonexistent-nltk-data")  # prove nothing needs corpora

# Fixtures any folder may ask for, each defined once: staff accounts, the fake
# clock and fast password hashing; invitations to answer; the browser.
pytest_plugins = ["tests.feedback_app.auth.staff_helpers", "tests.feedback_app.invitations.helpers", "tests.browser.fixtures"]


@pytest.fixture(scope="session")
def database_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    url = os.environ.get("DATABASE_URL")
    if url:
        return url
    return f"sqlite:///{tmp_path_factory.mktemp('db') / 'test.db'}"


@pytest.fixture(scope="session")
def _schema(database_url: str) -> str:
    """Build the schema once per run, from nothing."""
    app = create_app({"TESTING": True, "DATABASE_URL": database_url})
    with app.app_context():
        with db.engine.begin() as connection:
            Base.metadata.drop_all(connection)
            connection.execute(text("DROP TABLE IF EXISTS alembic_version"))
            Base.metadata.create_all(connection)
        db.engine.dispose()
    return database_url


def make_app(database_url: str, **overrides) -> Flask:
    config = {"TESTING": True, "DATABASE_URL": database_url, "RATELIMIT_ENABLED": False}
    config.update(overrides)
    app = create_app(config)
    app.test_client_class = CheckingClient
    return app


def empty_database(app: Flask) -> None:
    """Delete every row, children first, so the next test starts clean.

    Row ids start again afterwards, so the app's cache of parsed questionnaire
    versions (by id) and of their ids is forgotten too.
    """
    registry.forget_stored_versions(app)
    with app.app_context():
        db.session.remove()
        with db.engine.begin() as connection:
            for table in reversed(Base.metadata.sorted_tables):
                connection.execute(table.delete())
        db.engine.dispose()


@contextmanager
def fresh_app(database_url: str, **overrides) -> Iterator[Flask]:
    """An app on the test database, emptied when the test is done."""
    app = make_app(database_url, **overrides)
    try:
        yield app
    finally:
        empty_database(app)


@pytest.fixture
def app_settings() -> dict[str, object]:
    """Settings the `app` fixture adds. A folder whose tests need the app set
    up its own way (say, with its own questionnaires) overrides this in its conftest."""
    return {}


@pytest.fixture
def app(_schema: str, app_settings: dict[str, object]) -> Iterator[Flask]:
    with fresh_app(_schema, **app_settings) as app:
        yield app


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


@pytest.fixture
def runner(app: Flask) -> FlaskCliRunner:
    return app.test_cli_runner()


class CheckingClient(FlaskClient):
    """A test client that checks every HTML page it fetches (as GOV.UK Notify does):
    it parses, has a title, its forms have an action, and it runs no inline script."""

    def open(self, *args, **kwargs):
        response = super().open(*args, **kwargs)
        if response.mimetype == "text/html" and response.status_code not in (204, 304):  # 204, 304: no body
            check_page(response.get_data(as_text=True))
        return response


def csrf_token(html: str) -> str:
    match = re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert match, "the page has no CSRF token"
    return match.group(1)
