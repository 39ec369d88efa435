"""No conversation or invitation token reaches a log line."""

import logging

TOKEN = "qlXwQSxT6YEryje0HnTUmwuiGAmz1ODNOUXtEPu_ULA"


def test_request_log_lines_have_tokens_replaced(app, caplog):
    caplog.set_level(logging.INFO, logger="werkzeug")
    logging.getLogger("werkzeug").info('127.0.0.1 - - "%s" 200 -', f"GET /c/{TOKEN} HTTP/1.1")
    assert TOKEN not in caplog.text and "/c/[token]" in caplog.text


def test_api_and_invitation_paths_are_redacted_in_the_app_log(app, caplog):
    caplog.set_level(logging.INFO)
    app.logger.error("failed on %s and %s", f"/api/v1/conversations/{TOKEN}/answers", f"/i/{TOKEN}")
    assert TOKEN not in caplog.text
    assert "/api/v1/conversations/[token]/answers" in caplog.text and "/i/[token]" in caplog.text


def test_ordinary_lines_are_left_alone(app, caplog):
    caplog.set_level(logging.INFO)
    app.logger.warning("GET /staff/responses?page=2")
    assert "GET /staff/responses?page=2" in caplog.text
