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


def test_a_percent_encoded_token_is_redacted_as_the_server_would_decode_it(app, caplog):
    caplog.set_level(logging.INFO, logger="gunicorn.access")
    encoded = "%" + format(ord(TOKEN[0]), "02X") + TOKEN[1:]
    logging.getLogger("gunicorn.access").info('"GET /c/%s HTTP/1.1" 200', encoded)
    logging.getLogger("gunicorn.access").info('"GET /%%63/%s HTTP/1.1" 200', TOKEN)
    logging.getLogger("gunicorn.access").info('"GET /i/%s HTTP/1.1" 200', "%25" + format(ord(TOKEN[0]), "02X") + TOKEN[1:])
    assert TOKEN[1:] not in caplog.text
    assert caplog.text.count("/c/[token]") == 2 and "/i/[token]" in caplog.text


def test_a_database_error_never_carries_the_values_it_was_given(app, caplog):
    from sqlalchemy import text

    from feedback_app.extensions import db

    with app.app_context():
        try:
            db.session.execute(text("SELECT * FROM no_such_table WHERE x = :secret"), {"secret": TOKEN})
        except Exception as error:  # noqa: BLE001 - the message is what is checked
            message = str(error)
        db.session.rollback()
    assert "no_such_table" in message and TOKEN not in message
