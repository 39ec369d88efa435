"""The e-mail that tells the safeguarding address an alert is waiting.

What it says, and what it leaves out on purpose: e-mail is copied to phones,
forwarded, kept in inboxes for years and may cross servers we don't control,
so it is far less safe than the staff pages, which need a signed-in role and
record every view. The e-mail therefore carries only what someone needs to
know that they must act and where: the kind of concern, when, which
questionnaire, whether the person was invited (so can be followed up) or is
anonymous, the IRO if there is one, and a link to the alert. Never the
child's words, the evidence phrases, a name or the conversation's link.

Sent with `smtplib` and the SMTP_* settings (see config.Defaults). It is sent
while the child's request waits, with a short timeout (SMTP_TIMEOUT): a
flagged answer is rare, the alert is already stored before we try, and the
outcome is then recorded on the alert at once, where staff see it. A failure
raises EmailNotSent; it never loses the alert.
"""

from __future__ import annotations

import smtplib
import ssl
from email.message import EmailMessage
from email.utils import formatdate, make_msgid

from flask import current_app

from ..filters import uk_time
from ..models import SafeguardingAlert
from ..vocabulary import concern_name


class EmailNotSent(Exception):
    """The alert e-mail could not be sent; the message says why, fit to show staff."""


def recipients() -> list[str]:
    """The configured safeguarding addresses (SAFEGUARDING_EMAIL_TO, comma-separated)."""
    configured = current_app.config.get("SAFEGUARDING_EMAIL_TO") or ""
    if isinstance(configured, (list, tuple)):
        return [str(a).strip() for a in configured if str(a).strip()]
    return [a.strip() for a in str(configured).split(",") if a.strip()]


def compose(alert: SafeguardingAlert, link: str, questionnaire_title: str) -> EmailMessage:
    """The alert e-mail. See the module docstring for what it must never contain."""
    config = current_app.config
    when = uk_time(alert.created_at, "email")
    who = (
        "An invited person. They can be followed up."
        if alert.invited
        else "Anonymous (an open link). We do not know who they are."
    )
    lines = [
        "A safeguarding alert has been raised by the feedback service.",
        "",
        f"Concern: {concern_name(alert.category)}",
        f"When: {when}",
        f"Questionnaire: {questionnaire_title}",
        f"Who: {who}",
    ]
    if alert.iro is not None:
        lines.append(f"Their IRO: {alert.iro.display_name}")
    lines += [
        "",
        "Read what was said and record what you did here (you will need to sign in):",
        link,
        "",
        "It must be acknowledged within one working day.",
        "What the person wrote is not in this e-mail, on purpose: it is only on the alert page.",
    ]
    message = EmailMessage()
    message["Subject"] = f"Safeguarding alert {alert.id}: {concern_name(alert.category)}"
    message["From"] = config["MAIL_FROM"]
    message["To"] = ", ".join(recipients())
    message["Date"] = formatdate(localtime=False)
    message["Message-ID"] = make_msgid(domain=str(config["MAIL_FROM"]).rpartition("@")[2] or None)
    message.set_content("\n".join(lines))
    return message


def send(message: EmailMessage) -> None:
    """Hand `message` to the SMTP server. Raises EmailNotSent with a reason staff can act on."""
    config = current_app.config
    if not recipients():
        raise EmailNotSent("No safeguarding e-mail address is set (SAFEGUARDING_EMAIL_TO).")
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


def _describe(error: Exception) -> str:
    text = str(error) or type(error).__name__
    return f"{type(error).__name__}: {text}"[:300]
