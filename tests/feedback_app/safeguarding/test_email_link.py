"""The alert e-mail's "sign in here" link comes from PUBLIC_BASE_URL, not the child's request (issue 9.13)."""

import pytest

from tests.feedback_app.safeguarding.conftest import DISCLOSURE, say_in_chat, start_anonymous, stored_alerts


@pytest.mark.parametrize("public_base_url", ["https://feedback.council.example", ""])
def test_a_forged_host_header_does_not_reach_the_alert_emails_link(app, client, smtp_server, public_base_url):
    app.config["PUBLIC_BASE_URL"] = public_base_url  # left out: only possible in tests and local development
    client.environ_base["HTTP_HOST"] = "evil.example"
    client.environ_base["HTTP_X_FORWARDED_HOST"] = "evil.example"
    say_in_chat(client, start_anonymous(client), DISCLOSURE)
    [message] = smtp_server.wait_for(1)
    [alert] = stored_alerts(app)
    body = message.get_content()
    assert f"{public_base_url or 'http://127.0.0.1:5000'}/staff/safeguarding/{alert.id}" in body
    assert "evil.example" not in body
