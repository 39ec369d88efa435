"""The local demo has no mail server: its e-mails go to a folder, the staff
pages say where, and seeding logs no error."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from feedback_app import create_app
from feedback_app.auth.demo import ensure_demo_staff
from feedback_app.extensions import db
from feedback_app.models import SafeguardingAlert
from tests.feedback_app.auth.staff_helpers import sign_in_quickly


@pytest.fixture
def mailbox(tmp_path: Path) -> Path:
    return tmp_path / "mail"


@pytest.fixture
def app_settings(mailbox: Path) -> dict[str, object]:
    return {"MAIL_FOLDER": str(mailbox), "SAFEGUARDING_EMAIL_TO": "safeguarding@example.org"}


def test_the_local_demo_writes_its_e_mails_to_instance_mail(monkeypatch, tmp_path):
    monkeypatch.delenv("FLASK_SMTP_HOST", raising=False)
    monkeypatch.delenv("FLASK_MAIL_FOLDER", raising=False)
    app = create_app({"LOCAL_DEV": True, "DATABASE_URL": f"sqlite:///{tmp_path / 'demo.db'}"})
    assert app.config["MAIL_FOLDER"] == str(Path(app.instance_path) / "mail")
    assert app.config["SAFEGUARDING_EMAIL_TO"]


def test_the_local_demo_sends_for_real_when_a_mail_server_is_named(monkeypatch, tmp_path):
    monkeypatch.setenv("FLASK_SMTP_HOST", "smtp.council.example")
    monkeypatch.delenv("FLASK_MAIL_FOLDER", raising=False)
    app = create_app({"LOCAL_DEV": True, "DATABASE_URL": f"sqlite:///{tmp_path / 'demo.db'}"})
    assert app.config["MAIL_FOLDER"] == ""


def test_seeding_writes_the_alert_e_mail_to_the_mailbox_and_logs_no_error(app, runner, mailbox, caplog):
    with app.app_context():
        ensure_demo_staff()
        db.session.commit()
    with caplog.at_level(logging.INFO):
        result = runner.invoke(args=["seed-demo"])
    assert result.exit_code == 0, result.output
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]
    with app.app_context():
        (alert,) = db.session.scalars(db.select(SafeguardingAlert)).all()
        assert alert.email_status == "sent"
    written = (mailbox / f"safeguarding-alert-{alert.id}.eml").read_text()
    assert f"Subject: Safeguarding alert {alert.id}" in written and "\nTo: safeguarding@" in written


def test_the_queue_and_the_alert_say_the_e_mail_went_to_the_demo_mailbox(app, client, runner, make_account, mailbox):
    with app.app_context():
        ensure_demo_staff()
        db.session.commit()
    runner.invoke(args=["seed-demo"])
    with app.app_context():
        alert_id = db.session.scalar(db.select(SafeguardingAlert.id))
    sign_in_quickly(app, client, make_account("safeguarding_lead"))
    queue = client.get("/staff/safeguarding").get_data(as_text=True)
    assert "Sent to the demo mailbox" in queue and "Not sent" not in queue
    page = client.get(f"/staff/safeguarding/{alert_id}").get_data(as_text=True)
    assert f"Sent to the demo mailbox: {mailbox / f'safeguarding-alert-{alert_id}.eml'}" in page
