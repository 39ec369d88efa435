"""errors.py: a database that cannot be reached is a 503 to try again, never a 500."""

from __future__ import annotations

import socket

import pytest

from tests.conftest import make_app


@pytest.fixture
def without_database():
    """An app whose PostgreSQL is not there: nothing listens on its port."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]  # free once closed, and nothing listens on it
    return make_app(f"postgresql://postgres@127.0.0.1:{port}/gone")


def test_the_api_answers_503_in_json_when_the_database_is_down(without_database):
    response = without_database.test_client().post(
        "/api/v1/conversations", json={"questionnaire": "young-person-before-review"}
    )
    assert response.status_code == 503
    assert "try again" in response.get_json()["error"]
    assert response.headers["Retry-After"].isdigit()


def test_a_chat_page_answers_503_with_a_kind_page_when_the_database_is_down(without_database):
    response = without_database.test_client().get("/c/" + "x" * 43)
    assert response.status_code == 503
    assert "try again in a minute" in response.get_data(as_text=True)


def test_a_missing_table_on_sqlite_is_still_a_500(tmp_path):
    app = make_app(f"sqlite:///{tmp_path / 'empty.db'}")  # no schema in it
    response = app.test_client().post("/api/v1/conversations", json={"questionnaire": "young-person-before-review"})
    assert response.status_code == 500


def test_an_http_error_raised_in_a_view_is_answered_as_itself_not_as_an_unexpected_error(app, caplog):
    # Why errors.py's catch-all needs no HTTPException branch: Flask gives it to the HTTP handler.
    from werkzeug.exceptions import Conflict

    @app.get("/api/v1/raises-conflict")
    def raises_conflict():
        raise Conflict("That was changed by someone else.")

    response = app.test_client().get("/api/v1/raises-conflict")
    assert (response.status_code, response.get_json()) == (409, {"error": "That was changed by someone else."})
    assert not [r for r in caplog.records if "unexpected error" in r.getMessage()]
