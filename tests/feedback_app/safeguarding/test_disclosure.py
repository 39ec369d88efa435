"""A child types a disclosure: they are told kindly at once, an alert is stored, and e-mailed."""

from __future__ import annotations

from feedback_app.conversation.wording import interface_text
from feedback_app.filters import help_number_links
from feedback_app.models.safeguarding import EMAIL_SENT
from feedback_app.safeguarding import alerts
from tests.conftest import csrf_token
from tests.feedback_app.safeguarding.conftest import (
    DISCLOSURE,
    SAFEGUARDING_ADDRESS,
    say_in_chat,
    say_through_api,
    start_anonymous,
    start_invited,
    stored_alerts,
)

CHILDLINE = "0800 1111"


def test_a_disclosure_in_the_chat_stores_an_alert_with_the_words_and_evidence(app, client):
    say_in_chat(client, start_anonymous(client), DISCLOSURE)
    [alert] = stored_alerts(app)
    assert alert.category == "abuse"
    assert alert.text == DISCLOSURE
    assert "hits me" in alert.evidence
    assert alert.invited is False and alert.iro_id is None
    assert alert.acknowledged_at is None


def test_an_anonymous_child_is_told_at_once_we_cannot_follow_it_up_and_how_to_get_help(client):
    html = say_in_chat(client, start_anonymous(client), DISCLOSURE)
    assert "We can&#39;t find out who you are, so we can&#39;t follow this up ourselves" in html
    assert CHILDLINE in html.split(DISCLOSURE)[1]  # the help comes after their answer, not only in the intro
    assert "call <a class=\"tel\" href=\"tel:999\">999</a>" in html.split(DISCLOSURE)[1]
    assert "bubble-notice" in html


def test_an_invited_child_is_told_someone_whose_job_is_to_keep_children_safe_will_be_told(app, client, make_account):
    iro = make_account("iro")
    html = say_in_chat(client, start_invited(app, iro.id), DISCLOSURE)
    assert "we will tell the person whose job is to keep children safe, and your IRO" in html
    assert "carer" not in html.split(DISCLOSURE)[1]
    assert "can&#39;t follow this up" not in html
    assert CHILDLINE in html.split(DISCLOSURE)[1]


def test_an_invited_childs_alert_is_assigned_to_their_iro(app, client, make_account):
    iro = make_account("iro")
    say_in_chat(client, start_invited(app, iro.id), DISCLOSURE)
    [alert] = stored_alerts(app)
    assert alert.invited is True and alert.iro_id == iro.id


def test_the_message_is_in_the_conversations_language(client):
    html = say_in_chat(client, start_anonymous(client, language="ar"), "أريد أن أقتل نفسي. I want to kill myself")
    assert interface_text("safeguarding_anonymous", "ar") in html
    assert help_number_links(interface_text("safeguarding_help_now", "ar")) in html


def test_a_disclosure_through_the_api_answers_with_the_message_and_stores_an_alert(app, client):
    token = client.post("/api/v1/conversations", json={"questionnaire": "young-person-before-review"}).get_json()["token"]
    state = say_through_api(client, token, DISCLOSURE)
    notices = [m["text"] for m in state["messages"] if m["kind"] == "notice"]
    assert notices == [interface_text("safeguarding_anonymous", "en"), interface_text("safeguarding_help_now", "en")]
    assert [alert.category for alert in stored_alerts(app)] == ["abuse"]


def test_the_message_stays_in_the_conversation_when_it_is_opened_again(client):
    url = start_anonymous(client)
    say_in_chat(client, url, DISCLOSURE)
    assert help_number_links(interface_text("safeguarding_help_now", "en")) in client.get(url).get_data(as_text=True)


def test_the_alert_email_reaches_the_safeguarding_address_at_once(app, client, smtp_server):
    say_in_chat(client, start_anonymous(client), DISCLOSURE)
    [message] = smtp_server.wait_for(1)
    [alert] = stored_alerts(app)
    assert message["To"] == SAFEGUARDING_ADDRESS
    assert message["Subject"] == f"Safeguarding alert {alert.id}"
    body = message.get_content()
    assert f"/staff/safeguarding/{alert.id}" in body and "waiting" in body
    assert alert.email_status == EMAIL_SENT and alert.email_sent_at is not None


def test_the_email_never_carries_the_childs_words_or_the_evidence(app, client, smtp_server):
    say_in_chat(client, start_anonymous(client), DISCLOSURE)
    [message] = smtp_server.wait_for(1)
    raw = message.as_string()
    assert "stepdad" not in raw and "hits me" not in raw and "drunk" not in raw


def test_feeling_safe_raises_no_alert_no_email_and_no_message(app, client, smtp_server):
    html = say_in_chat(client, start_anonymous(client), "I feel safe here")
    assert stored_alerts(app) == []
    assert "bubble-notice" not in html
    assert smtp_server.messages == []


def test_the_same_words_sent_twice_make_one_alert(app, client):
    url = start_anonymous(client)
    say_in_chat(client, url, DISCLOSURE)
    [alert] = stored_alerts(app)
    page = client.get(f"{url}?change={alert.question_id}").get_data(as_text=True)
    client.post(url, data={"csrf_token": csrf_token(page), "question_id": alert.question_id, "text": DISCLOSURE})
    assert len(stored_alerts(app)) == 1


def test_changing_the_answer_afterwards_keeps_the_first_words_on_the_alert(app, client):
    url = start_anonymous(client)
    say_in_chat(client, url, DISCLOSURE)
    [alert] = stored_alerts(app)
    page = client.get(f"{url}?change={alert.question_id}").get_data(as_text=True)
    client.post(url, data={"csrf_token": csrf_token(page), "question_id": alert.question_id, "text": "nothing really"})
    [kept] = stored_alerts(app)
    assert kept.text == DISCLOSURE
    assert help_number_links(interface_text("safeguarding_help_now", "en")) in client.get(url).get_data(as_text=True)


def test_if_the_alert_cannot_be_stored_the_child_still_sees_the_message_and_no_error(client, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("database went away")

    monkeypatch.setattr(alerts, "raise_alert", broken)
    html = say_in_chat(client, start_anonymous(client), DISCLOSURE)  # asserts the 303, not a 500
    assert help_number_links(interface_text("safeguarding_help_now", "en")) in html
