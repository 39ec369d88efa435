"""The questionnaires this service offers, loaded once at start-up.

A conversation answers one exact version of a questionnaire. That version is
kept in the database the first time it is used, so editing a file never
changes what an earlier conversation was asked.
"""

from __future__ import annotations

from pathlib import Path

import click
from flask import Flask, current_app
from flask.cli import with_appcontext
from sqlalchemy import select

from ..extensions import db
from ..models import QuestionnaireVersion
from .checker import check
from .loader import LoadedQuestionnaire, QuestionnaireError, load_directory
from .schema import Questionnaire

EXTENSION_KEY = "questionnaires"
# Versions are few (one per edit of a file), so this cache stays small.
PARSED_VERSIONS_KEY = "questionnaire_versions"


def init_app(app: Flask) -> None:
    """Load and validate every questionnaire file; a bad file stops start-up."""
    directory = Path(app.config["QUESTIONNAIRES_DIR"])
    try:
        app.extensions[EXTENSION_KEY] = load_directory(directory)
    except QuestionnaireError as error:
        raise QuestionnaireError(
            f"The questionnaire files in {directory} have problems:\n{error}"
        ) from None
    app.extensions[PARSED_VERSIONS_KEY] = {}


def available() -> dict[str, LoadedQuestionnaire]:
    return current_app.extensions[EXTENSION_KEY]


def current(questionnaire_id: str) -> LoadedQuestionnaire | None:
    return available().get(questionnaire_id)


def version_row(loaded: LoadedQuestionnaire) -> QuestionnaireVersion:
    """The stored copy of exactly this questionnaire, added if it is new.

    The caller commits: the row goes in with the conversation that uses it.
    """
    q = loaded.questionnaire
    row = db.session.scalar(
        select(QuestionnaireVersion).where(
            QuestionnaireVersion.questionnaire_id == q.id,
            QuestionnaireVersion.version == q.version,
            QuestionnaireVersion.content_hash == loaded.content_hash,
        )
    )
    if row is None:
        row = QuestionnaireVersion(
            questionnaire_id=q.id,
            version=q.version,
            content_hash=loaded.content_hash,
            definition=loaded.definition,
        )
        db.session.add(row)
        db.session.flush()
    return row


def questionnaire_of(version_id: int) -> Questionnaire:
    """The questionnaire exactly as stored version `version_id` said it.

    Stored versions never change, so each is read and parsed once per app
    (the cache belongs to the app, which belongs to its database).
    """
    parsed_versions = current_app.extensions[PARSED_VERSIONS_KEY]
    parsed = parsed_versions.get(version_id)
    if parsed is None:
        row = db.session.get(QuestionnaireVersion, version_id)
        if row is None:
            raise LookupError(f"questionnaire version {version_id} is not stored")
        parsed = parsed_versions[version_id] = Questionnaire.model_validate(row.definition)
    return parsed


@click.command("check-questionnaires")
@with_appcontext
def check_questionnaires_command() -> None:
    """Check every questionnaire file and say what is wrong, if anything."""
    # The same checker as `python -m feedback_app.questionnaire`, on the app's folder,
    # warning also of a version number already used with other wording.
    folder = Path(current_app.config["QUESTIONNAIRES_DIR"])
    if not check(folder, say=click.echo, complain=lambda problem: click.echo(problem, err=True), note=_reused_version):
        raise SystemExit(1)


def _reused_version(loaded: LoadedQuestionnaire) -> str:
    if not _has_tables():
        return ""
    q = loaded.questionnaire
    stored = db.session.scalars(
        select(QuestionnaireVersion).where(
            QuestionnaireVersion.questionnaire_id == q.id,
            QuestionnaireVersion.version == q.version,
            QuestionnaireVersion.content_hash != loaded.content_hash,
        )
    ).first()
    if stored is None:
        return ""
    return f"  (warning: version {q.version} was already used with different wording; add 1 to `version` in the file)"


def _has_tables() -> bool:
    from sqlalchemy import inspect

    # The session's own connection: a second one would wait for its lock.
    return inspect(db.session.connection()).has_table(QuestionnaireVersion.__tablename__)
