"""The questionnaires this service offers, loaded once at start-up.

A conversation answers one exact version of a questionnaire. That version is
kept in the database the first time it is used, so editing a file never
changes what an earlier conversation was asked.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import click
from flask import Flask, current_app
from flask.cli import with_appcontext
from sqlalchemy import bindparam, event, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from ..extensions import db
from ..models import QuestionnaireVersion, utcnow
from .checker import check
from .loader import LoadedQuestionnaire, QuestionnaireError, load_directory
from .schema import Questionnaire

EXTENSION_KEY = "questionnaires"
# Versions are few (one per edit of a file), so this cache stays small.
PARSED_VERSIONS_KEY = "questionnaire_versions"
# Ids of stored versions, by (questionnaire id, version, content hash).
STORED_IDS_KEY = "questionnaire_version_ids"
ADDED_HERE_KEY = "questionnaire_versions_added"  # in a session's info: added, not yet committed


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
    app.extensions[STORED_IDS_KEY] = {}


def available() -> dict[str, LoadedQuestionnaire]:
    return current_app.extensions[EXTENSION_KEY]


def current(questionnaire_id: str) -> LoadedQuestionnaire | None:
    return available().get(questionnaire_id)


def version_id(loaded: LoadedQuestionnaire) -> int:
    """The id of the stored copy of exactly this questionnaire, added if it is new.

    The caller commits: the row goes in with the conversation that uses it.
    Several workers (or hosts) may meet a new version at the same moment, so
    the row is added with INSERT ... ON CONFLICT DO NOTHING: whoever comes
    second waits for the first to commit and then reads the first's row,
    instead of failing on the unique constraint.

    Stored versions are never changed or deleted, so an id once committed is
    remembered by the app and later conversations skip the query. An id this
    session has just added is remembered only when its transaction commits:
    the caller may yet roll it back.
    """
    q = loaded.questionnaire
    key = (q.id, q.version, loaded.content_hash)
    known = current_app.extensions[STORED_IDS_KEY]
    if key in known:
        return known[key]
    added_here = db.session.info.setdefault(ADDED_HERE_KEY, {})
    params = {"id": q.id, "version": q.version, "hash": loaded.content_hash}
    found = db.session.scalar(_version_query(), params)
    if found is None:
        insert = postgresql.insert if db.session.get_bind().dialect.name == "postgresql" else sqlite.insert
        added = db.session.scalar(
            insert(QuestionnaireVersion)
            .values(
                questionnaire_id=q.id,
                version=q.version,
                content_hash=loaded.content_hash,
                definition=loaded.definition,
                first_used_at=utcnow(),
            )
            .on_conflict_do_nothing()
            .returning(QuestionnaireVersion.id)
        )
        if added is not None:
            added_here[key] = added
            return added
        # Another worker committed it between our query and our insert.
        found = db.session.scalar(_version_query(), params)
    if key not in added_here:
        known[key] = found
    return found


@event.listens_for(Session, "after_commit")
def _remember_added_versions(session: Session) -> None:
    if added := session.info.pop(ADDED_HERE_KEY, None):
        current_app.extensions[STORED_IDS_KEY].update(added)


@event.listens_for(Session, "after_rollback")
def _forget_added_versions(session: Session) -> None:
    session.info.pop(ADDED_HERE_KEY, None)


def forget_stored_versions(app: Flask) -> None:
    """Forget every stored version this app has seen (tests empty the database between them)."""
    app.extensions[PARSED_VERSIONS_KEY].clear()
    app.extensions[STORED_IDS_KEY].clear()


@cache
def _version_query():
    return select(QuestionnaireVersion.id).where(
        QuestionnaireVersion.questionnaire_id == bindparam("id"),
        QuestionnaireVersion.version == bindparam("version"),
        QuestionnaireVersion.content_hash == bindparam("hash"),
    )


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
