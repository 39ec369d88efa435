"""Every questionnaire the API lists can be finished and sent through the API."""

import pytest

from tests.feedback_app.api.test_conversations import complete


def listed(client):
    return [q["id"] for q in client.get("/api/v1/questionnaires").json["questionnaires"]]


def test_the_api_lists_every_questionnaire_file(client, app):
    assert sorted(listed(client)) == sorted(app.extensions["questionnaires"])


@pytest.mark.parametrize("answer_with", ["first option", "skips"])
def test_every_questionnaire_can_be_finished_through_the_api(client, answer_with):
    for questionnaire in listed(client):
        token = client.post("/api/v1/conversations", json={"questionnaire": questionnaire}).json["token"]
        if answer_with == "skips":
            state = client.get(f"/api/v1/conversations/{token}").json
            while state["question"]:
                state = client.post(
                    f"/api/v1/conversations/{token}/answers", json={"question_id": state["question"]["id"], "skip": True}
                ).json
        else:
            state = complete(client, token)
        assert state["status"] == "review", questionnaire
        sent = client.post(f"/api/v1/conversations/{token}/submit", json={})
        assert sent.json["status"] == "submitted", questionnaire
