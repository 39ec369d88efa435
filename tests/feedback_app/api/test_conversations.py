"""The JSON API: the happy path, and every kind of refusal as a clear 4xx."""

import json

import pytest
from sqlalchemy import func, select

from feedback_app import question_types
from feedback_app.extensions import db
from feedback_app.models import Answer, Conversation

QID = "young-person-before-review"


@pytest.fixture
def token(client):
    return client.post("/api/v1/conversations", json={"questionnaire": QID}).json["token"]


def answer(client, token, **body):
    return client.post(f"/api/v1/conversations/{token}/answers", json=body)


def first_question(client, token):
    return client.get(f"/api/v1/conversations/{token}").json["question"]


def answer_count(app):
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(Answer))


def test_questionnaires_are_listed_with_audience_age_band_purpose_and_languages(client):
    items = client.get("/api/v1/questionnaires").json["questionnaires"]
    item = next(i for i in items if i["id"] == QID)
    assert {"id", "title", "audience", "age_band", "purpose", "languages"} <= set(item)
    assert item["audience"] == "child" and item["age_band"] == "12-18"


def test_starting_a_conversation_answers_201_with_the_first_question(client):
    response = client.post("/api/v1/conversations", json={"questionnaire": QID})
    assert response.status_code == 201
    state = response.json
    assert state["status"] == "open" and len(state["token"]) >= 43
    assert state["question"]["id"] and state["question"]["options"]
    assert all({"value", "label"} <= set(o) for o in state["question"]["options"])
    assert response.headers["Cache-Control"] == "no-store"


def test_tokens_carry_at_least_128_random_bits(client):
    tokens = {client.post("/api/v1/conversations", json={"questionnaire": QID}).json["token"] for _ in range(5)}
    assert len(tokens) == 5
    # token_urlsafe: 6 bits a character; 22 characters would already be 132 bits.
    assert all(len(t) >= 22 for t in tokens)


def test_an_answer_is_stored_and_the_next_question_returned(client, app, token):
    question = first_question(client, token)
    response = answer(client, token, question_id=question["id"], value=question["options"][0]["value"])
    assert response.status_code == 200
    assert response.json["question"]["id"] != question["id"]
    assert answer_count(app) == 1


def test_skipping_is_stored_as_a_skip(client, app, token):
    question = first_question(client, token)
    assert answer(client, token, question_id=question["id"], skip=True).status_code == 200
    with app.app_context():
        stored = db.session.scalar(select(Answer))
        assert stored.skipped and stored.value is None


def test_the_state_can_be_fetched_again_with_the_token(client, token):
    question = first_question(client, token)
    answer(client, token, question_id=question["id"], value=question["options"][0]["value"])
    state = client.get(f"/api/v1/conversations/{token}").json
    assert any(m["sender"] == "person" for m in state["messages"])


def complete(client, token):
    """Answer every question with its first option (or some text) and return the final state."""
    state = client.get(f"/api/v1/conversations/{token}").json
    while state["question"]:
        q = state["question"]
        value = question_types.of(q["type"]).example([o["value"] for o in q["options"][:1]], "Things are fine.")
        response = answer(client, token, question_id=q["id"], value=value)
        assert response.status_code == 200, response.json
        state = response.json
    return state


def test_a_whole_questionnaire_can_be_finished_and_sent(client, token):
    state = complete(client, token)
    assert state["status"] == "review" and state["summary"]
    sent = client.post(f"/api/v1/conversations/{token}/submit", json={})
    assert sent.status_code == 200
    assert sent.json["status"] == "submitted" and sent.json["question"] is None


def test_after_sending_the_state_shows_nothing_that_was_said(client, token):
    complete(client, token)
    client.post(f"/api/v1/conversations/{token}/submit", json={})
    state = client.get(f"/api/v1/conversations/{token}").json
    assert "Things are fine." not in json.dumps(state)
    assert state["summary"] == [] and len(state["messages"]) == 1


def test_finish_now_then_send(client, token):
    question = first_question(client, token)
    answer(client, token, question_id=question["id"], value=question["options"][0]["value"])
    finished = client.post(f"/api/v1/conversations/{token}/finish", json={})
    assert finished.json["status"] == "review"
    assert client.post(f"/api/v1/conversations/{token}/submit", json={}).json["status"] == "submitted"


def test_resume_after_finish_now_carries_on(client, token):
    client.post(f"/api/v1/conversations/{token}/finish", json={})
    resumed = client.post(f"/api/v1/conversations/{token}/resume", json={})
    assert resumed.json["status"] == "open"


def test_a_previous_answer_can_be_reopened_and_changed(client, app, token):
    question = first_question(client, token)
    answer(client, token, question_id=question["id"], value=question["options"][0]["value"])
    reopened = client.get(f"/api/v1/conversations/{token}?change={question['id']}").json
    assert reopened["question"]["id"] == question["id"] and reopened["question"]["is_change"]
    changed = answer(client, token, question_id=question["id"], value=question["options"][1]["value"])
    assert changed.status_code == 200
    assert answer_count(app) == 1


def test_the_openapi_document_is_valid_and_describes_every_route(client, app):
    from openapi_spec_validator import validate

    spec = client.get("/api/v1/openapi.json").json
    validate(spec)
    documented = {"/api/v1" + path for path in spec["paths"]}
    routes = {
        rule.rule.replace("<token>", "{token}")
        for rule in app.url_map.iter_rules()
        if rule.rule.startswith("/api/v1/") and rule.endpoint != "api.openapi"
    }
    assert routes == documented


# --- refusals -------------------------------------------------------------------------


def assert_error(response, status, words):
    assert response.status_code == status, response.get_data(as_text=True)
    assert response.is_json and words.lower() in response.json["error"].lower()


def test_an_unknown_questionnaire_is_404(client):
    assert_error(client.post("/api/v1/conversations", json={"questionnaire": "nope"}), 404, "no questionnaire")


def test_starting_without_a_questionnaire_is_400(client):
    assert_error(client.post("/api/v1/conversations", json={}), 400, "which questionnaire")


def test_an_unknown_token_is_404(client):
    assert_error(client.get("/api/v1/conversations/not-a-real-token"), 404, "no conversation")
    assert_error(answer(client, "not-a-real-token", question_id="x", value="y"), 404, "no conversation")


def test_an_unknown_route_under_the_api_is_json_404(client):
    assert_error(client.get("/api/v1/nothing-here"), 404, "can't find")


def test_answering_the_wrong_question_is_409_and_writes_nothing(client, app, token):
    assert_error(answer(client, token, question_id="anything_else", value="hi"), 409, "isn't open")
    assert answer_count(app) == 0


def test_a_value_of_the_wrong_type_is_422_and_writes_nothing(client, app, token):
    question = first_question(client, token)
    assert_error(answer(client, token, question_id=question["id"], value={"a": 1}), 422, "choose")
    assert_error(answer(client, token, question_id=question["id"], value="not-an-option"), 422, "not one of")
    assert answer_count(app) == 0


def test_a_question_id_of_the_wrong_type_is_400(client, token):
    assert_error(answer(client, token, question_id=5, value="x"), 400, "which question")


def test_skip_must_be_a_boolean(client, token):
    question = first_question(client, token)
    assert_error(answer(client, token, question_id=question["id"], skip="yes"), 400, "true or false")


def test_an_answer_without_a_value_or_skip_is_400(client, token):
    question = first_question(client, token)
    assert_error(answer(client, token, question_id=question["id"]), 400, "value")


def test_an_unknown_field_is_named(client, token):
    assert_error(answer(client, token, question_id="x", valeu="y"), 400, "unknown field 'valeu'")


def test_too_long_free_text_is_422_and_writes_nothing(client, app, token):
    state = client.get(f"/api/v1/conversations/{token}").json
    while state["question"]["type"] != "free_text":
        q = state["question"]
        state = answer(client, token, question_id=q["id"], skip=True).json
    q = state["question"]
    before = answer_count(app)
    assert_error(answer(client, token, question_id=q["id"], value="x" * (q["max_length"] + 1)), 422, "long")
    assert answer_count(app) == before


def test_a_request_over_the_size_limit_is_413(client, token):
    body = json.dumps({"question_id": "x", "value": "x" * 70_000})
    response = client.post(f"/api/v1/conversations/{token}/answers", data=body, content_type="application/json")
    assert_error(response, 413, "too much")


def test_malformed_json_is_400(client, token):
    response = client.post(f"/api/v1/conversations/{token}/answers", data="{nope", content_type="application/json")
    assert_error(response, 400, "not valid JSON")


def test_deeply_nested_json_is_400(client, token):
    body = "[" * 50_000 + "]" * 50_000
    response = client.post(f"/api/v1/conversations/{token}/answers", data=body[:60_000], content_type="application/json")
    assert response.status_code == 400 and response.is_json


def test_json_that_is_not_an_object_is_400(client, token):
    response = client.post(f"/api/v1/conversations/{token}/answers", data="[1, 2]", content_type="application/json")
    assert_error(response, 400, "JSON object")


def test_bytes_that_are_not_utf8_are_400(client, token):
    response = client.post(
        f"/api/v1/conversations/{token}/answers", data=b'{"value": "\xff\xfe"}', content_type="application/json"
    )
    assert_error(response, 400, "UTF-8")


def test_a_body_that_is_not_json_is_415(client, token):
    response = client.post(f"/api/v1/conversations/{token}/answers", data="question_id=x")
    assert_error(response, 415, "Content-Type: application/json")


def test_answers_after_submission_are_409(client, token):
    complete(client, token)
    client.post(f"/api/v1/conversations/{token}/submit", json={})
    question_id = first_question(client, token)
    assert question_id is None
    assert_error(answer(client, token, question_id="home", value="good"), 409, "already been sent")
    assert_error(client.post(f"/api/v1/conversations/{token}/submit", json={}), 409, "already been sent")


def test_sending_with_a_question_still_open_is_422(client, token):
    assert_error(client.post(f"/api/v1/conversations/{token}/submit", json={}), 422, "still a question open")


def test_a_wrong_method_is_json_405(client, token):
    response = client.delete(f"/api/v1/conversations/{token}")
    assert response.status_code == 405 and response.is_json


def test_starting_conversations_is_rate_limited(_schema, app):  # app: cleans up after
    from tests.conftest import make_app

    app = make_app(_schema, RATELIMIT_ENABLED=True, RATELIMIT_START="2 per minute")
    client = app.test_client()
    codes = [client.post("/api/v1/conversations", json={"questionnaire": QID}).status_code for _ in range(3)]
    assert codes == [201, 201, 429]
    assert client.post("/api/v1/conversations", json={"questionnaire": QID}).is_json


def test_a_conversation_records_the_questionnaire_version_it_answered(client, app, token):
    with app.app_context():
        conversation = db.session.scalar(select(Conversation).where(Conversation.token == token))
        assert conversation.questionnaire_version.version >= 1
        assert conversation.questionnaire_version.definition["id"] == QID
