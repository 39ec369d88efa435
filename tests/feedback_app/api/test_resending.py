"""A resent answer is harmless: the answer's client-made id (`key`) is stored
with it, and the same key again stores nothing (issue 11, item 4)."""

import pytest
from sqlalchemy import select

from feedback_app.conversation import signals
from feedback_app.extensions import db
from feedback_app.models import Answer

QID = "young-person-before-review"
KEY = "resend-test-key-0001"


@pytest.fixture
def token(client):
    return client.post("/api/v1/conversations", json={"questionnaire": QID}).json["token"]


@pytest.fixture
def stored(app):
    """Every answer_stored signal while the test runs."""
    seen = []

    def receive(sender, **extra):
        seen.append((extra["question"].id, extra["value"]))

    signals.answer_stored.connect(receive, app)
    yield seen
    signals.answer_stored.disconnect(receive, app)


def answer(client, token, **body):
    return client.post(f"/api/v1/conversations/{token}/answers", json=body)


def values(app):
    with app.app_context():
        return [(a.question_id, a.value) for a in db.session.scalars(select(Answer).order_by(Answer.id))]


def test_the_same_key_twice_stores_the_answer_once(client, app, token, stored):
    question = client.get(f"/api/v1/conversations/{token}").json["question"]["id"]
    first = answer(client, token, question_id=question, value="great", key=KEY)
    again = answer(client, token, question_id=question, value="great", key=KEY)
    assert first.status_code == again.status_code == 200
    assert again.json["question"]["id"] == first.json["question"]["id"]  # the state as it is
    assert values(app) == [(question, "great")]
    assert stored == [(question, "great")]  # nothing listening heard it twice


def test_a_late_resend_never_undoes_a_later_change(client, app, token):
    question = client.get(f"/api/v1/conversations/{token}").json["question"]["id"]
    answer(client, token, question_id=question, value="great", key=KEY)
    answer(client, token, question_id=question, value="bad", key="resend-test-key-0002")
    assert answer(client, token, question_id=question, value="great", key=KEY).status_code == 200
    assert values(app) == [(question, "bad")]


def test_a_resend_after_sending_is_harmless(client, app, token):
    question = client.get(f"/api/v1/conversations/{token}").json["question"]["id"]
    answer(client, token, question_id=question, value="great", key=KEY)
    client.post(f"/api/v1/conversations/{token}/finish", json={})
    assert client.post(f"/api/v1/conversations/{token}/submit", json={}).status_code == 200
    again = answer(client, token, question_id=question, value="great", key=KEY)
    assert again.status_code == 200 and again.json["status"] == "submitted"


def test_a_key_from_another_conversation_is_refused(client, app, token):
    other = client.post("/api/v1/conversations", json={"questionnaire": QID}).json["token"]
    question = client.get(f"/api/v1/conversations/{token}").json["question"]["id"]
    answer(client, token, question_id=question, value="great", key=KEY)
    refused = answer(client, other, question_id=question, value="good", key=KEY)
    assert refused.status_code == 422
    assert values(app) == [(question, "great")]


@pytest.mark.parametrize("key", ["short", "x" * 65, "has spaces in it ok", 12345678901234567])
def test_a_badly_made_key_is_refused_in_words_and_stores_nothing(client, app, token, key):
    question = client.get(f"/api/v1/conversations/{token}").json["question"]["id"]
    refused = answer(client, token, question_id=question, value="great", key=key)
    assert refused.status_code == 422 and "id" in refused.json["error"]
    assert values(app) == []
