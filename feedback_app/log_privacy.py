"""Keep conversation and invitation tokens out of the logs.

A token in a link is the key to what a child said, so request logs (the
development server's, gunicorn's access log) and our own log lines must not
carry one. Answer text never goes into a log line in the first place.
"""

from __future__ import annotations

import logging

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


def init_app(app: Flask) -> None:
    redact = RedactTokens()
    for logger in (app.logger, *(logging.getLogger(name) for name in LOGGERS)):
        if not any(isinstance(f, RedactTokens) for f in logger.filters):
            logger.addFilter(redact)
