"""Requests made inside a conversation become tasks for staff.

A "yes" to a `records: talk_to_iro` or `records: advocate_request` question
makes a task for the invitation's IRO (or, for an open link or an invitation
with no IRO named, for the IRO manager's queue). The conversation service
knows nothing of this: it sends `answer_stored` and this module listens.
"""

from __future__ import annotations

from typing import Any

from flask import current_app
from sqlalchemy import Select, func, select
from sqlalchemy.exc import SQLAlchemyError

from .. import clock
from ..access import scope
from ..conversation.signals import answer_stored
from ..extensions import db
from ..models import Conversation, StaffTask, StaffUser
from ..models.task import TASK_KINDS
from ..questionnaire.schema import Question


class TaskError(ValueError):
    """The task can't be changed as asked; the message says why."""


@answer_stored.connect
def _on_answer_stored(sender: Any, *, conversation: Conversation, question: Question, value: object, **_: Any) -> None:
    if question.records not in TASK_KINDS:
        return
    try:
        note_request(conversation, question.records, question.id, asked=value == "yes")
        db.session.commit()
    except SQLAlchemyError:
        # The answer is already stored; the person must not see an error for
        # our bookkeeping. Say loudly which conversation needs a look (never
        # what was said).
        db.session.rollback()
        current_app.logger.exception(
            "could not store the %s task for conversation %s", question.records, conversation.id
        )


def note_request(conversation: Conversation, kind: str, question_id: str, *, asked: bool) -> StaffTask | None:
    """Open, reopen or withdraw the conversation's task of this kind; the caller commits.

    `asked` is whether the person's answer is now "yes". A person who changes
    their answer to something else before staff act withdraws the task; one
    already done stays done. Returns the task, if there is one.
    """
    task = db.session.scalar(
        select(StaffTask).where(StaffTask.conversation_id == conversation.id, StaffTask.kind == kind)
    )
    now = clock.now()
    if asked and task is None:
        invitation = conversation.invitation if conversation.invitation_id is not None else None
        task = StaffTask(
            kind=kind,
            conversation_id=conversation.id,
            question_id=question_id,
            invitation_id=invitation.id if invitation is not None else None,
            iro_id=invitation.iro_id if invitation is not None else None,
            created_at=now,
        )
        db.session.add(task)
    elif asked and task.withdrawn_at is not None:
        task.withdrawn_at = None
    elif not asked and task is not None and task.is_open:
        task.withdrawn_at = now
    return task


def visible_to(user: StaffUser) -> Select[tuple[StaffTask]]:
    """The tasks `user` may see (`access.scope`): an IRO's own, or every task for the IRO manager."""
    return select(StaffTask).where(scope(user, StaffTask)).order_by(StaffTask.created_at, StaffTask.id)


# Who asked: through an invitation, so staff know who to contact, or anonymously on an open link.
CONTACTABLE = StaffTask.invitation_id.is_not(None)
ANONYMOUS = StaffTask.invitation_id.is_(None)
# What "noted" records for an anonymous request: nobody can be contacted about it.
ANONYMOUS_NOTE = "Noted. Asked anonymously on an open link, so nobody can be contacted about it."


def open_of(user: StaffUser) -> Select[tuple[StaffTask]]:
    """The tasks `user` may see that are still open (not done, not withdrawn), oldest first."""
    return visible_to(user).where(StaffTask.done_at.is_(None), StaffTask.withdrawn_at.is_(None))


def open_count(user: StaffUser, *where) -> int:
    """How many of the tasks `user` may see are still open (and meet `where`)."""
    found = open_of(user).where(*where).order_by(None)
    return db.session.scalar(select(func.count()).select_from(found.subquery())) or 0


def note_anonymous(user: StaffUser, up_to: int) -> int:
    """Close every open anonymous task `user` may see, up to task id `up_to` (those on the page
    they read, not any that arrived since), with ANONYMOUS_NOTE. Returns how many (not committed)."""
    found = db.session.scalars(open_of(user).where(ANONYMOUS, StaffTask.id <= up_to)).all()
    for task in found:
        mark_done(task, user, ANONYMOUS_NOTE)
    return len(found)


def mark_done(task: StaffTask, by: StaffUser, note: str) -> None:
    """Close the task with a note of what was done (not committed). Raises TaskError."""
    note = note.strip()
    if not note:
        raise TaskError("Write a short note of what was done.")
    if task.done_at is not None:
        raise TaskError("This task was already marked done.")
    task.done_at = clock.now()
    task.done_by = by
    task.note = note
