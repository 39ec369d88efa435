"""When the e-mail cannot be sent, the alert is still stored, the child still
sees the message, and staff see the failure and can try again."""

from __future__ import annotations

from feedback_app.conversation.wording import interface_text
from feedback_app.filters import help_number_links
from feedback_app.models.safeguarding import EMAIL_FAILED, EMAIL_SENT
from tests.conftest import csrf_token
from tests.feedback_app.auth.staff_helpers import sign_in_quickly
from tests.feedback_app.safeguarding.conftest import DISCLOSURE, say_in_chat, start_anonymous, stored_alerts


def test_with_the_mail_server_down_the_alert_is_still_stored_and_the_failure_recorded(app, client, mail_down):
    say_in_chat(client, start_anonymous(client), DISCLOSURE)
    [alert] = stored_alerts(app)
    assert alert.text == DISCLOSURE
    assert alert.email_status == EMAIL_FAILED
    assert "Could not send through 127.0.0.1" in alert.email_error


def test_with_the_mail_server_down_the_child_still_sees_the_message(client, mail_down):
    html = say_in_chat(client, start_anonymous(client), DISCLOSURE)  # and no error page: it asserted 303
    assert help_number_links(interface_text("safeguarding_help_now", "en")) in html


def test_the_failure_is_shown_on_the_queue_and_the_alert(app, client, make_account, mail_down):
    say_in_chat(client, start_anonymous(client), DISCLOSURE)
    [alert] = stored_alerts(app)
    sign_in_quickly(app, client, make_account("safeguarding_lead"))
    assert "<strong>Not sent</strong>" in client.get("/staff/safeguarding").get_data(as_text=True)
    html = client.get(f"/staff/safeguarding/{alert.id}").get_data(as_text=True)
    assert "<strong>Not sent.</strong> Could not send through" in html
    assert "Try the e-mail again" in html


def test_trying_again_once_the_server_is_back_sends_it_and_is_audited(app, client, make_account, smtp_server):
    real_port = app.config["SMTP_PORT"]
    app.config["SMTP_PORT"] = 1  # nothing listens there
    say_in_chat(client, start_anonymous(client), DISCLOSURE)
    app.config["SMTP_PORT"] = real_port
    [alert] = stored_alerts(app)
    sign_in_quickly(app, client, make_account("safeguarding_lead"))
    page = client.get(f"/staff/safeguarding/{alert.id}").get_data(as_text=True)
    response = client.post(f"/staff/safeguarding/{alert.id}/email", data={"csrf_token": csrf_token(page)})
    assert response.status_code == 303
    assert len(smtp_server.wait_for(1)) == 1
    [alert] = stored_alerts(app)
    assert (alert.email_status, alert.email_error, alert.email_attempts) == (EMAIL_SENT, None, 2)
    assert "Try the e-mail again" not in client.get(f"/staff/safeguarding/{alert.id}").get_data(as_text=True)


def test_with_no_safeguarding_address_set_the_alert_says_so(app, client):
    app.config["SAFEGUARDING_EMAIL_TO"] = ""
    say_in_chat(client, start_anonymous(client), DISCLOSURE)
    [alert] = stored_alerts(app)
    assert alert.email_status == EMAIL_FAILED and "SAFEGUARDING_EMAIL_TO" in alert.email_error


def test_several_safeguarding_addresses_each_get_the_email(app, client, smtp_server):
    app.config["SAFEGUARDING_EMAIL_TO"] = "lead@council.example, duty@council.example"
    say_in_chat(client, start_anonymous(client), DISCLOSURE)
    [message] = smtp_server.wait_for(1)
    assert message["To"] == "lead@council.example, duty@council.example"
