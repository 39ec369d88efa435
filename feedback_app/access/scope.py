"""Which rows a person may see: one filter per kind of record.

`scope(user, Model)` is a SQL condition on `Model`, true for the rows `user`
may see. Every page, export and report that shows records adds it to its
query, so that who sees what is decided here and nowhere else:

    select(Invitation).where(scope(user, Invitation))

Each filter asks the policy two things about the user's role: whether it
holds the capability for that kind of record (else nothing is in scope), and
its reach (whose records), applied to the record's IRO. `Figures` stands for
"the conversations counted in figures", for dashboards and reports.

For one record already loaded, `allowed(user, record)` asks the same filter.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from typing import Any

from flask import abort
from sqlalchemy import ColumnElement, Text, and_, cast, exists, false, or_, select, true
from sqlalchemy.sql.elements import True_

from ..extensions import db
from ..models import (
    AccessRequest,
    Answer,
    AuditEvent,
    BankedQuote,
    Conversation,
    Invitation,
    QuestionnaireVersion,
    ReviewCount,
    SafeguardingAlert,
    StaffTask,
    StaffUser,
    YouSaidWeDid,
)
from . import policy as p
from .views import current_policy


class Figures:
    """Not a table: the conversations whose answers are counted in figures shown to the user."""


class InvitationFigures:
    """Not a table: the invitations counted in figures (made, opened, sent back)."""


Filter = Callable[[p.Principal, p.Role], ColumnElement[bool]]


def scope(user: p.Principal | None, model: type, policy: p.Policy | None = None) -> ColumnElement[bool]:
    """A condition on `model`: the rows `user` may see. Nothing, for nobody or a deactivated account.

    Raises LookupError for a kind of record the policy has no filter for, so
    a new table cannot be shown before someone decides who sees it.
    """
    try:
        rule = FILTERS[model]
    except KeyError:
        raise LookupError(f"no access filter for {model.__name__}: add one to feedback_app/access/scope.py") from None
    role = (policy or current_policy()).role_of(user)
    if role is None:
        return false()
    assert user is not None
    return rule(user, role)


def allowed(user: p.Principal | None, record: Any, policy: p.Policy | None = None) -> bool:
    """Whether `user` may see one stored `record`, by the same filter as its lists."""
    model = type(record)
    query = select(exists().where(model.id == record.id, scope(user, model, policy)))
    return bool(db.session.scalar(query))


def visible_ids(user: p.Principal | None, model: type, ids: Iterable[int]) -> set[int]:
    """Which of `ids` (of `model`) `user` may see, in one query."""
    wanted = list(ids)
    if not wanted:
        return set()
    return set(db.session.scalars(select(model.id).where(model.id.in_(wanted), scope(user, model))))


def get_or_refuse(user: p.Principal, model: type, record_id: int, hidden: int = 404) -> Any:
    """The record, or 404 if there is none. One the user may not see is refused
    with `hidden` (404 where saying it exists would tell too much), and audited."""
    found = db.session.get(model, record_id)
    if found is None:
        abort(404)
    if not allowed(user, found):
        from .views import refuse

        refuse(user, f"see {model.__tablename__} {record_id}", hidden)
    return found


# --- the filters ---------------------------------------------------------------------


def _has(role: p.Role, *capabilities: str) -> bool:
    return bool(role.capabilities.intersection(capabilities))


def _invited_by_reach(user: p.Principal, role: p.Role) -> ColumnElement[bool]:
    """A condition on Conversation: it came through an invitation whose IRO is within reach."""
    return Conversation.invitation_id.in_(select(Invitation.id).where(role.reach.over(user, Invitation.iro_id)))


def shared_with_their_iro() -> ColumnElement[bool]:
    """A condition on Conversation: the person sent it and said "yes" to sharing it with their IRO by name.

    Only a "yes" to a `records: share_with_iro` question counts: no such
    question, a skip, or a "no" all mean no.
    """
    from ..questionnaire import registry  # late: the registry needs an app

    asked = []
    for version_id in db.session.scalars(select(QuestionnaireVersion.id)):
        ids = [q.id for q in registry.questionnaire_of(version_id).questions if q.records == "share_with_iro"]
        if ids:
            asked.append(and_(Conversation.questionnaire_version_id == version_id, Answer.question_id.in_(ids)))
    if not asked:
        return false()
    said_yes = exists().where(
        Answer.conversation_id == Conversation.id,
        or_(*asked),
        Answer.skipped.is_(False),
        cast(Answer.value, Text) == json.dumps("yes"),
    )
    return and_(Conversation.submitted_at.is_not(None), said_yes)


def conversations(user: p.Principal, role: p.Role) -> ColumnElement[bool]:
    """One person's answers: every conversation for a role that sees everyone's;
    only those with a flagged answer for a role that reads flagged answers
    alone; and for a role that sees some IROs' records, only conversations
    sent through those IROs' invitations and shared with the IRO by name."""
    from ..safeguarding import answer_is_flagged  # late: safeguarding builds on access

    if _has(role, p.READ_ANSWERS):
        readable: ColumnElement[bool] = true()
    elif _has(role, p.READ_FLAGGED_ANSWERS):
        readable = exists().where(Answer.conversation_id == Conversation.id, answer_is_flagged())
    else:
        return false()
    if role.reach.everyone:
        return readable
    return and_(readable, _invited_by_reach(user, role), shared_with_their_iro())


def answers(user: p.Principal, role: p.Role) -> ColumnElement[bool]:
    if _has(role, p.READ_ANSWERS) and role.reach.everyone:
        return true()
    return Answer.conversation_id.in_(select(Conversation.id).where(conversations(user, role)))


# Every conversation that counts: what a role that sees everyone's figures
# counts (one object, so `counts_every_row` can tell it from a narrower scope).
EVERY_COUNTED_CONVERSATION: ColumnElement[bool] = Conversation.counted()


def counts_every_row(user: p.Principal | None, model: type) -> bool:
    """Whether `scope(user, model)` is all there is to count, whoever asks (a
    figure counted for one such user holds for any other)."""
    condition = scope(user, model)
    return isinstance(condition, True_) or condition is EVERY_COUNTED_CONVERSATION


def figures(user: p.Principal, role: p.Role) -> ColumnElement[bool]:
    """Counted figures (on Conversation): everyone's for a role that sees everyone's;
    otherwise only conversations the role could read one by one, so that a
    figure never tells what the person could not read."""
    if not _has(role, p.SEE_FIGURES, p.SEE_CICC_VIEW):
        return false()
    if role.reach.everyone:
        return EVERY_COUNTED_CONVERSATION
    return and_(EVERY_COUNTED_CONVERSATION, conversations(user, role))


def invitation_figures(user: p.Principal, role: p.Role) -> ColumnElement[bool]:
    """Invitations counted in the annual report: those within the role's reach,
    for a role that reads the report (counts only, never who was invited)."""
    return role.reach.over(user, Invitation.iro_id) if _has(role, p.READ_REPORT) else false()


def invitations(user: p.Principal, role: p.Role) -> ColumnElement[bool]:
    return role.reach.over(user, Invitation.iro_id) if _has(role, p.INVITE) else false()


def alerts(user: p.Principal, role: p.Role) -> ColumnElement[bool]:
    return role.reach.over(user, SafeguardingAlert.iro_id) if _has(role, p.SEE_ALERTS) else false()


def tasks(user: p.Principal, role: p.Role) -> ColumnElement[bool]:
    return role.reach.over(user, StaffTask.iro_id) if _has(role, p.SEE_TASKS) else false()


def quotes(user: p.Principal, role: p.Role) -> ColumnElement[bool]:
    """Reviewers see the quotes of answers they may read; those who see figures
    or the CiCC view see approved quotes only (the redacted, consented words)."""
    if _has(role, p.REVIEW_QUOTES):
        if role.reach.everyone:
            return true()
        return BankedQuote.answer_id.in_(select(Answer.id).where(answers(user, role)))
    if _has(role, p.SEE_FIGURES, p.SEE_CICC_VIEW):
        return BankedQuote.status == "approved"
    return false()


def audit_events(user: p.Principal, role: p.Role) -> ColumnElement[bool]:
    return role.reach.over(user, AuditEvent.actor_id) if _has(role, p.READ_AUDIT_LOG) else false()


def staff_accounts(user: p.Principal, role: p.Role) -> ColumnElement[bool]:
    """Account managers see every account; those who invite or approve see the
    accounts within their reach (to name an IRO); anyone else, their own."""
    if _has(role, p.MANAGE_ACCOUNTS):
        return true()
    if _has(role, p.INVITE, p.APPROVE_ACCESS):
        return role.reach.over(user, StaffUser.id)
    return StaffUser.id == user.id


def access_requests(user: p.Principal, role: p.Role) -> ColumnElement[bool]:
    return true() if _has(role, p.MANAGE_ACCOUNTS, p.APPROVE_ACCESS) else false()


def review_counts(user: p.Principal, role: p.Role) -> ColumnElement[bool]:
    """Reviews counted from the SSDA903 extract: counts of the whole service, for those who read the report."""
    return true() if _has(role, p.READ_REPORT) else false()


def you_said_we_did(user: p.Principal, role: p.Role) -> ColumnElement[bool]:
    return true() if _has(role, p.SEE_CICC_VIEW, p.EDIT_YOU_SAID_WE_DID) else false()


FILTERS: dict[type, Filter] = {
    Conversation: conversations,
    Answer: answers,
    Figures: figures,
    Invitation: invitations,
    InvitationFigures: invitation_figures,
    SafeguardingAlert: alerts,
    StaffTask: tasks,
    BankedQuote: quotes,
    AuditEvent: audit_events,
    StaffUser: staff_accounts,
    YouSaidWeDid: you_said_we_did,
    ReviewCount: review_counts,
    AccessRequest: access_requests,
}
