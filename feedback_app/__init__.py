"""The "Tell us what you think" service.

`create_app` reads like a table of contents: configuration, extensions,
questionnaires, the feature blueprints, error pages, command-line commands.
"""

from __future__ import annotations

from flask import Flask
from jinja2 import StrictUndefined

from .text_input import CleanRequest


def create_app(config: dict | None = None) -> Flask:
    """Build the app. `config` overrides settings (tests pass TESTING etc.)."""
    app = Flask(__name__, instance_relative_config=True)
    from . import areas
    from . import config as configuration

    configuration.load(app, config)
    # Every posted form field is cleaned as it is read (text_input.py).
    app.request_class = CleanRequest
    # A misspelt variable in a template fails loudly instead of showing blank.
    app.jinja_env.undefined = StrictUndefined
    register_extensions(app)
    register_blueprints(app)
    areas.init_app(app)
    register_errorhandlers(app)
    register_commands(app)
    return app


def register_extensions(app: Flask) -> None:
    from . import database, filters, log_privacy, security
    from .extensions import csrf, db, limiter
    from .questionnaire import registry

    log_privacy.init_app(app)
    db.init_app(app)
    database.init_app(app)
    csrf.init_app(app)
    limiter.init_app(app)
    security.init_app(app)
    filters.init_app(app)
    registry.init_app(app)


def register_blueprints(app: Flask) -> None:
    from . import api, auth, chat, cicc, health, invitations, quotes, report, responses, safeguarding, staff

    # For children, parents and carers: the conversation, as pages and as JSON.
    app.register_blueprint(health.bp)
    app.register_blueprint(chat.bp)
    app.register_blueprint(api.bp)
    # For staff, all under /staff/.
    app.register_blueprint(auth.bp)
    app.register_blueprint(staff.bp)
    app.register_blueprint(safeguarding.bp)
    app.register_blueprint(invitations.bp)
    app.register_blueprint(responses.bp)
    app.register_blueprint(quotes.bp)
    app.register_blueprint(cicc.bp)
    app.register_blueprint(report.bp)


def register_errorhandlers(app: Flask) -> None:
    from . import errors

    errors.register(app)


def register_commands(app: Flask) -> None:
    from . import commands

    commands.init_app(app)
