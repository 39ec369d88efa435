"""Keep conversation and invitation tokens, and people's words, out of the logs.

A token in a link is the key to what a child said, so request logs (the
development server's, gunicorn's access log) and our own log lines must not
carry one. Answer text never goes into a log line in the first place: our
messages name records by id. But an exception's message can carry words we
never wrote there: SQLAlchemy's carries the statement's parameters (hidden by
`hide_parameters`, config.py) and PostgreSQL's DETAIL and CONTEXT quote the
failing row or JSON. So every logged exception is written with its type, its
traceback's frames and (for a database error) its SQL and SQLSTATE, but never
its message (`WithholdWords`).
"""

from __future__ import annotations

import logging
import traceback

from flask import Flask

from .areas import redact_tokens

LOGGERS = ("werkzeug", "gunicorn.access", "gunicorn.error")


class RedactTokens(logging.Filter):
    """Replace link tokens in a log record's message with "[token]"."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        redacted = redact_tokens(message)
        if redacted != message:
            record.msg, record.args = redacted, ()
        return True


WITHHELD = "[message withheld: it may hold a person's words]"


class WithholdWords(logging.Filter):
    """Write a record's exception without its message, and any exception in its
    arguments as its type alone."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.exc_info and record.exc_info[1] is not None:
            record.exc_text = withheld_traceback(record.exc_info[1])
            record.exc_info = None
        if isinstance(record.args, tuple) and any(isinstance(arg, BaseException) for arg in record.args):
            record.args = tuple(_kind(arg) if isinstance(arg, BaseException) else arg for arg in record.args)
        return True


def withheld_traceback(error: BaseException) -> str:
    """The traceback of `error` and the exceptions chained to it, every message withheld."""
    chain: list[BaseException] = []
    while error is not None and error not in chain:
        chain.append(error)
        error = error.__cause__ or (None if error.__suppress_context__ else error.__context__)
    parts = []
    for earlier in reversed(chain):
        frames = "".join(traceback.format_tb(earlier.__traceback__))
        parts.append(f"Traceback (most recent call last):\n{frames}{_kind(earlier)}: {WITHHELD}{_database_facts(earlier)}")
    return "\n\nThe above led to:\n\n".join(parts)


def _kind(error: BaseException) -> str:
    kind = type(error)
    return kind.__qualname__ if kind.__module__ == "builtins" else f"{kind.__module__}.{kind.__qualname__}"


def _database_facts(error: BaseException) -> str:
    """For a database error: the SQL (placeholders only, never values), its SQLSTATE and driver error."""
    facts = []
    statement = getattr(error, "statement", None)
    if isinstance(statement, str):
        facts.append(f"[SQL: {statement}]")
    original = getattr(error, "orig", None)
    if isinstance(original, BaseException):
        facts.append(f"[driver error: {_kind(original)}]")
        sqlstate = getattr(original, "sqlstate", None)
        if isinstance(sqlstate, str):
            facts.append(f"[SQLSTATE {sqlstate}]")
    return ("\n" + " ".join(facts)) if facts else ""


def init_app(app: Flask) -> None:
    # Words are withheld first, so that the token filter never formats an exception's message.
    withhold, redact = WithholdWords(), RedactTokens()
    for logger in (app.logger, *(logging.getLogger(name) for name in LOGGERS)):
        if not any(isinstance(f, WithholdWords) for f in logger.filters):
            logger.filters.insert(0, withhold)
        if not any(isinstance(f, RedactTokens) for f in logger.filters):
            logger.addFilter(redact)
