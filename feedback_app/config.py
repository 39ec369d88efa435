"""Configuration: safe defaults here, real values from the environment.

`DATABASE_URL`, `SECRET_KEY` and `REDIS_URL` are read by name; any other Flask
setting can be given as `FLASK_<KEY>` (for example `FLASK_RATELIMIT_ENABLED=false`).
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

from flask import Config, Flask

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def _questionnaires_dir() -> Path:
    """The repository's questionnaires/ folder, or (installed elsewhere) the one in
    the working directory. FLASK_QUESTIONNAIRES_DIR names any other."""
    beside_code = PROJECT_ROOT / "questionnaires"
    return beside_code if beside_code.is_dir() else Path.cwd() / "questionnaires"


class Defaults:
    # Answers are short; a request bigger than this is a mistake or an attack.
    MAX_CONTENT_LENGTH = 64 * 1024
    MAX_FORM_MEMORY_SIZE = 64 * 1024
    QUESTIONNAIRES_DIR = str(_questionnaires_dir())
    # hide_parameters: a database error's message never carries the values it was
    # given (a link's token, a child's words) into a log line.
    SQLALCHEMY_ENGINE_OPTIONS = {"pool_pre_ping": True, "hide_parameters": True}
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    SESSION_COOKIE_SECURE = True
    WTF_CSRF_TIME_LIMIT = None  # a child may take an hour over one question
    RATELIMIT_STORAGE_URI = "memory://"
    RATELIMIT_HEADERS_ENABLED = True
    RATELIMIT_START = "30 per hour"  # new conversations, per address
    RATELIMIT_ANSWER = "120 per minute"
    # Wrong short codes typed at /code, per address (a right one is not counted).
    RATELIMIT_CODE = "20 per hour"
    FORCE_HTTPS = False  # councils usually end TLS at a proxy in front of us
    # How many proxies in front of the app add X-Forwarded-For / -Proto (Werkzeug's
    # ProxyFix). 0 believes none: behind one TLS proxy, set FLASK_TRUSTED_PROXIES=1, or
    # every visitor has the proxy's address and one person's guesses hold back everyone.
    TRUSTED_PROXIES = 0
    # Safeguarding alerts are e-mailed to SAFEGUARDING_EMAIL_TO (comma-separate
    # several). Set each as FLASK_<KEY>, e.g. FLASK_SMTP_HOST=smtp.council.gov.uk.
    # With no address an alert still reaches the staff queue, marked "e-mail failed".
    SAFEGUARDING_EMAIL_TO = ""
    SMTP_HOST = "localhost"
    SMTP_PORT = 25
    SMTP_USERNAME = ""
    SMTP_PASSWORD = ""
    SMTP_STARTTLS = True  # never in the clear unless told: FLASK_SMTP_STARTTLS=false
    SMTP_TIMEOUT = 5  # seconds; the child who wrote the answer waits this long at worst
    MAIL_FROM = "tell-us-what-you-think@localhost"
    # A folder to write e-mails into (one .eml file each) instead of sending them:
    # the local demo's mailbox, which has no mail server. Empty: send by SMTP.
    MAIL_FOLDER = ""
    # The address people reach the service at, e.g. https://feedback.council.gov.uk.
    # Every full link (alert e-mails, invitations, print pages, QR codes) is built
    # from it, never from the request's Host header; production refuses to start without it.
    PUBLIC_BASE_URL = ""
    # How long records are kept before `flask purge` deletes them (feedback_app/retention.py):
    # conversations for the reporting year they began in and this many more; acknowledged
    # alerts and audit events for this many days.
    RETENTION_ANSWER_YEARS = 2
    RETENTION_ALERT_DAYS = 730
    RETENTION_AUDIT_DAYS = 730
    # Local development (the README's serve command): no HTTPS, a throwaway secret.
    LOCAL_DEV = False
    TESTING = False


def load(app: Flask, overrides: dict | None) -> None:
    """Fill app.config from the defaults, the environment, then `overrides`.

    Raises RuntimeError if a production start has no real SECRET_KEY or no PUBLIC_BASE_URL.
    """
    app.config.from_object(Defaults)
    app.config["SQLALCHEMY_DATABASE_URI"] = database_url(app)
    if os.environ.get("SECRET_KEY"):
        app.config["SECRET_KEY"] = os.environ["SECRET_KEY"]
    app.config.from_prefixed_env()
    # Several processes or hosts share one count of each limit only in Redis:
    # given REDIS_URL, the limits live there unless a storage is named outright.
    if os.environ.get("REDIS_URL") and not os.environ.get("FLASK_RATELIMIT_STORAGE_URI"):
        app.config["RATELIMIT_STORAGE_URI"] = os.environ["REDIS_URL"]
    if overrides:
        app.config.update(overrides)
    if "DATABASE_URL" in (overrides or {}):
        app.config["SQLALCHEMY_DATABASE_URI"] = normalise_url(overrides["DATABASE_URL"])
    if app.config["LOCAL_DEV"] and not app.config["MAIL_FOLDER"] and not os.environ.get("FLASK_SMTP_HOST"):
        _demo_mailbox(app)
    if app.config["LOCAL_DEV"] or app.config["TESTING"]:
        app.config["SESSION_COOKIE_SECURE"] = False
        if not app.config.get("SECRET_KEY"):
            app.config["SECRET_KEY"] = secrets.token_hex(32)
    _refuse_weak_secret(app)
    _refuse_missing_base_url(app)


def _demo_mailbox(app: Flask) -> None:
    """The local demo has no mail server: its e-mails go to instance/mail/, to a made-up address.

    Otherwise every demo alert would show "Not sent" and seeding would log an
    error, which reads as "set-up failed". Naming FLASK_SMTP_HOST sends for real.
    """
    app.config["MAIL_FOLDER"] = str(Path(app.instance_path) / "mail")
    if not app.config["SAFEGUARDING_EMAIL_TO"]:
        app.config["SAFEGUARDING_EMAIL_TO"] = "safeguarding@example.org"


def questionnaires_dir() -> Path:
    """The questionnaires folder the service reads, as `load` sets it: FLASK_QUESTIONNAIRES_DIR, else the default."""
    config = Config(str(PROJECT_ROOT))
    config.from_object(Defaults)
    config.from_prefixed_env()
    return Path(config["QUESTIONNAIRES_DIR"])


def database_url(app: Flask) -> str:
    url = os.environ.get("DATABASE_URL")
    if not url:
        Path(app.instance_path).mkdir(parents=True, exist_ok=True)
        return f"sqlite:///{Path(app.instance_path) / 'feedback.db'}"
    return normalise_url(url)


def normalise_url(url: str) -> str:
    """Point plain PostgreSQL URLs at psycopg 3, the driver we install."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


def _refuse_missing_base_url(app: Flask) -> None:
    from .links import check_base_url

    base = app.config.get("PUBLIC_BASE_URL")
    if base:
        check_base_url(base)
    elif not (app.config["LOCAL_DEV"] or app.config["TESTING"] or app.debug):
        raise RuntimeError(
            "PUBLIC_BASE_URL is missing. Links in e-mails, invitations and QR codes are built from it, never from "
            "the address a request claims to be for. Set FLASK_PUBLIC_BASE_URL to the address people use, "
            "for example FLASK_PUBLIC_BASE_URL=https://feedback.council.gov.uk"
        )


def _refuse_weak_secret(app: Flask) -> None:
    secret = app.config.get("SECRET_KEY")
    if not secret or len(str(secret)) < 32 or str(secret) in {"dev", "changeme", "secret"}:
        raise RuntimeError(
            "SECRET_KEY is missing or too short. Set the SECRET_KEY environment variable to a "
            "long random value, for example: python -c 'import secrets; print(secrets.token_hex(32))'"
        )
