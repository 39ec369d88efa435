"""An answer through the API makes a fixed, small number of database round trips
(issue 12): these counts are pinned so that they do not creep back."""

import pytest
from sqlalchemy import event

from feedback_app import question_types
from feedback_app.extensions import db

QID = "young-person-before-review"

# (statements, connections checked out) for one answer, by database. The
# conversation and its answers are found in one select. On SQLite that select is
# a read transaction of its own (BEGIN DEFERRED counts as a statement), so the
# write lock is held only for the write: BEGIN IMMEDIATE, the lock-and-check
# select, the upsert. On PostgreSQL the select takes the conversation's row lock
# (FOR UPDATE OF conversations) in the write transaction: the select, the upsert,
# on one connection (one pre-ping).
ROUND_TRIPS = {"sqlite": (5, 2), "postgresql": (2, 1)}


@pytest.fixture
def counted(app):
    """The SQL statements and connection check-outs of each request, as they happen."""
    seen = {"statements": [], "checkouts": 0}
    with app.app_context():
        engine = db.engine

    def statement(_conn, _cursor, sql, *_args):
        seen["statements"].append(sql)

    def checkout(*_args):
        seen["checkouts"] += 1

    event.listen(engine, "before_cursor_execute", statement)
    event.listen(engine.pool, "checkout", checkout)
    yield seen, engine.dialect.name
    event.remove(engine, "before_cursor_execute", statement)
    event.remove(engine.pool, "checkout", checkout)


@pytest.mark.parametrize("value", ["It is ok here, I like my room.", None])
def test_an_answer_makes_a_fixed_number_of_round_trips(client, counted, value):
    seen, dialect = counted
    state = client.post("/api/v1/conversations", json={"questionnaire": QID}).json
    for _ in range(3):  # later answers read the earlier ones: the count must not grow
        question = state["question"]
        body = {"question_id": question["id"], "skip": True} if value is None else None
        if body is None:
            options = [o["value"] for o in question["options"][:1]]
            body = {"question_id": question["id"], "value": question_types.of(question["type"]).example(options, value)}
        seen["statements"].clear()
        seen["checkouts"] = 0
        response = client.post(f"/api/v1/conversations/{state['token']}/answers", json=body)
        assert response.status_code == 200, response.json
        assert (len(seen["statements"]), seen["checkouts"]) == ROUND_TRIPS[dialect], seen["statements"]
        state = response.json


def test_on_postgresql_the_conversation_is_found_with_its_row_lock(client, counted):
    seen, dialect = counted
    if dialect != "postgresql":
        pytest.skip("SQLite holds the whole database's write lock instead (BEGIN IMMEDIATE)")
    state = client.post("/api/v1/conversations", json={"questionnaire": QID}).json
    seen["statements"].clear()
    question = state["question"]
    client.post(f"/api/v1/conversations/{state['token']}/answers", json={"question_id": question["id"], "skip": True})
    first = seen["statements"][0]
    assert "FROM conversations" in first and "FOR UPDATE OF conversations" in first


def test_on_postgresql_the_chat_pages_answer_is_one_transaction_too(client, counted):
    from tests.feedback_app.chat.test_pages import answer_key, csrf_token, open_question_id, start

    seen, dialect = counted
    if dialect != "postgresql":
        pytest.skip("SQLite keeps its reads apart from the write lock")
    url = start(client)
    html = client.get(url).get_data(as_text=True)
    form = {"csrf_token": csrf_token(html), "question_id": open_question_id(html), "answer_key": answer_key(html)}
    seen["statements"].clear()
    seen["checkouts"] = 0
    assert client.post(url, data={**form, "value": "great"}).status_code == 303
    assert seen["checkouts"] == 1, seen["statements"]
    assert "FOR UPDATE" in seen["statements"][0]
