"""The e-mail that tells the safeguarding address an alert is waiting.

What it says, and what it leaves out on purpose: e-mail is copied to phones,
forwarded, kept in inboxes for years and may cross servers we don't control,
so it is far less safe than the staff pages, which need a signed-in role and
record every view. The e-mail therefore says only that an alert is waiting,
when it was raised, and where to sign in to read it. Never the child's words,
the evidence phrases, the kind of concern, a name (the child's or the IRO's),
the questionnaire or the conversation's link: who the child is and what they
said are on the alert page only (issue 9.2).

Sent with `smtplib` and the SMTP_* settings (see config.Defaults), or, where
MAIL_FOLDER is set (the local demo), written there as a file instead. It is sent
while the child's request waits, with a short timeout (SMTP_TIMEOUT): a
flagged answer is rare, the alert is already stored before we try, and the
outcome is then recorded on the alert at once, where staff see it. A failure
raises EmailNotSent; it never loses the alert.
"""

from __future__ import annotations

import os
import smtplib
import ssl
from email.message import EmailMessage
from email.utils import formatdate, make_msgid
from pathlib import Path

from flask import current_app

from ..filters import uk_time
from ..models import SafeguardingAlert


class EmailNotSent(Exception):
    """The alert e-mail could not be sent; the message says why, fit to show staff."""


def recipients() -> list[str]:
    """The configured safeguarding addresses (SAFEGUARDING_EMAIL_TO, comma-separated)."""
    configured = current_app.config.get("SAFEGUARDING_EMAIL_TO") or ""
    if isinstance(configured, (list, tuple)):
        return [str(a).strip() for a in configured if str(a).strip()]
    return [a.strip() for a in str(configured).split(",") if a.strip()]


def compose(alert: SafeguardingAlert, link: str) -> EmailMessage:
    """The alert e-mail. See the module docstring for what it must never contain."""
    config = current_app.config
    lines = [
        "A safeguarding alert is waiting for you in the feedback service.",
        "",
        f"Raised: {uk_time(alert.created_at, 'email')}",
        "",
        "Sign in to read it and record what you did:",
        link,
        "",
        "It must be acknowledged within one working day.",
        "Nothing about the person or what they wrote is in this e-mail, on purpose: it is only on the alert page.",
    ]
    message = EmailMessage()
    message["Subject"] = f"Safeguarding alert {alert.id}"
    message["From"] = config["MAIL_FROM"]
    message["To"] = ", ".join(recipients())
    message["Date"] = formatdate(localtime=False)
    message["Message-ID"] = make_msgid(domain=str(config["MAIL_FROM"]).rpartition("@")[2] or None)
    message.set_content("\n".join(lines))
    return message


def mailbox_file(alert_id: int) -> Path | None:
    """Where the demo mailbox keeps the alert's e-mail, or None when e-mail is sent by SMTP."""
    folder = current_app.config.get("MAIL_FOLDER")
    return Path(folder) / f"safeguarding-alert-{alert_id}.eml" if folder else None


def shown_path(path: Path) -> str:
    """`path` as a person running the demo finds it: from the project folder when it is inside it."""
    try:
        return str(path.resolve().relative_to(Path(current_app.root_path).parent.resolve()))
    except ValueError:
        return str(path)


def send(message: EmailMessage, alert_id: int) -> None:
    """Hand `message` to the SMTP server, or write it to the demo mailbox.

    Raises EmailNotSent with a reason staff can act on.
    """
    config = current_app.config
    if not recipients():
        raise EmailNotSent("No safeguarding e-mail address is set (SAFEGUARDING_EMAIL_TO).")
    path = mailbox_file(alert_id)
    if path is not None:
        _write(message, path)
        return
    host, port = config["SMTP_HOST"], int(config["SMTP_PORT"])
    try:
        with smtplib.SMTP(host, port, timeout=float(config["SMTP_TIMEOUT"])) as smtp:
            if config["SMTP_STARTTLS"]:
                smtp.starttls(context=ssl.create_default_context())
            if config["SMTP_USERNAME"]:
                smtp.login(str(config["SMTP_USERNAME"]), str(config["SMTP_PASSWORD"]))
            refused = smtp.send_message(message)
    except (OSError, smtplib.SMTPException) as error:
        # The reason, never the password: smtplib's errors carry the server's reply only.
        raise EmailNotSent(f"Could not send through {host}:{port}: {_describe(error)}") from error
    if refused:
        raise EmailNotSent(f"The mail server refused: {', '.join(sorted(refused))}")


def _write(message: EmailMessage, path: Path) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_suffix(".tmp")
        temporary.write_bytes(bytes(message))
        os.replace(temporary, path)  # a whole file or none, even if written twice
    except OSError as error:
        raise EmailNotSent(f"Could not write the e-mail to {shown_path(path)}: {_describe(error)}") from error
    current_app.logger.info("e-mail written to the demo mailbox: %s", shown_path(path))


def _describe(error: Exception) -> str:
    text = str(error) or type(error).__name__
    return f"{type(error).__name__}: {text}"[:300]
