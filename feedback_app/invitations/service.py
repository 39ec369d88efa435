"""Invitations: make one, open its link, say what state it is in, and who may see it.

Shared by the staff pages, the public link and the command line. Functions
raise InvitationError with a message fit to show the member of staff. They
leave committing to the view or command that calls them, which adds its audit
event to the same transaction; only `open_link`, the whole of what the
person's link does, commits itself.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterable
from dataclasses import replace
from datetime import date, datetime, time, timedelta

from sqlalchemy import Select, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import selectinload

from .. import clock
from ..access import allowed, current_policy, scope
from ..access.policy import CHAIR_REVIEWS
from ..areas import could_be_token
from ..auth import find_user
from ..conversation import engine
from ..conversation import service as conversations
from ..conversation.engine import SummaryLine
from ..database import reading
from ..extensions import db
from ..links import full_link
from ..models import Answer, Conversation, Invitation, StaffUser
from ..models.conversation import LEFT_BEHIND
from ..questionnaire import registry
from ..questionnaire.schema import Questionnaire
from ..questionnaire.titles import staff_title
from ..vocabulary import AUDIENCES, UK_TIME
from . import codes

# 32 random bytes (256 bits): far past guessing, as for conversation links.
TOKEN_BYTES = 32
# A link works until the end of this many days after the review, unless staff choose...
DAYS_AFTER_REVIEW = 7
# ...and never longer than this from the day it is made: a link is a key to
# what a child says, so it should not stay usable for months.
MAX_DAYS = 60
# An after-review questionnaire is sent after the meeting, but not long after.
MAX_DAYS_SINCE_REVIEW = 90
MAX_DAYS_TO_REVIEW = 366

STATES = {
    "created": "Made, not sent yet",
    "sent": "Sent",
    "opened": "Opened",
    "started": "Started",
    "sent_back": "Sent back",
    "expired": "Expired",
    "stopped": "Stopped",
}


class InvitationError(ValueError):
    """The invitation can't be made as asked; the message says what to change.

    `field` names the form field at fault, when there is one.
    """

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


class UnknownLink(LookupError):
    """No invitation has this token. Say nothing more than for any unknown page."""


class LinkClosed(Exception):
    """The invitation exists but its link no longer works (expired or stopped)."""

    def __init__(self, invitation: Invitation) -> None:
        super().__init__("this invitation's link no longer works")
        self.invitation = invitation


# -- making one ------------------------------------------------------------


def today() -> date:
    return clock.now().astimezone(UK_TIME).date()


def default_expiry(review_date: date, made_on: date | None = None) -> date:
    """A week after the review, at least a week from now, at most MAX_DAYS from now."""
    made_on = made_on or today()
    wanted = max(review_date + timedelta(days=DAYS_AFTER_REVIEW), made_on + timedelta(days=DAYS_AFTER_REVIEW))
    return min(wanted, made_on + timedelta(days=MAX_DAYS))


def end_of(day: date) -> datetime:
    """The first moment after `day` ends in England, as an aware datetime."""
    return datetime.combine(day + timedelta(days=1), time(0), tzinfo=UK_TIME)


def last_day(invitation: Invitation) -> date:
    """The last day the link works (the day `expires_at` ends)."""
    return (invitation.expires_at.astimezone(UK_TIME) - timedelta(microseconds=1)).date()


def questionnaires_for(audience: str | None = None) -> list[Questionnaire]:
    """The questionnaires on offer, for one audience or all, sorted by title."""
    found = [loaded.questionnaire for loaded in registry.available().values()]
    if audience is not None:
        found = [q for q in found if q.audience == audience]
    # In the audiences' own order (children first, as the form's audience is), then by name.
    order = list(AUDIENCES)
    return sorted(found, key=lambda q: (order.index(q.audience), staff_title(q)))


def check_questionnaire(questionnaire_id: str, audience: str) -> Questionnaire:
    """The questionnaire, or InvitationError if it doesn't exist or is for someone else."""
    if audience not in AUDIENCES:
        raise InvitationError(f"Choose who the invitation is for: {', '.join(AUDIENCES)}.", "audience")
    fitting = "; ".join(staff_title(q) for q in questionnaires_for(audience)) or "none"
    loaded = registry.current(questionnaire_id)
    if loaded is None:
        raise InvitationError(
            f"There is no questionnaire called {questionnaire_id[:64]!r}. Choose one for {AUDIENCES[audience].one}: {fitting}.",
            "questionnaire",
        )
    q = loaded.questionnaire
    if q.audience != audience:
        raise InvitationError(
            f"\u201c{staff_title(q)}\u201d is for {AUDIENCES[q.audience].one}, not {AUDIENCES[audience].one}. "
            f"Choose one for {AUDIENCES[audience].one}: {fitting}.",
            "questionnaire",
        )
    return q


def check_review_date(review_date: date, made_on: date | None = None) -> None:
    made_on = made_on or today()
    if review_date < made_on - timedelta(days=MAX_DAYS_SINCE_REVIEW):
        raise InvitationError(
            f"The review date is more than {MAX_DAYS_SINCE_REVIEW} days ago. Check the date.", "review_date"
        )
    if review_date > made_on + timedelta(days=MAX_DAYS_TO_REVIEW):
        raise InvitationError("The review date is more than a year away. Check the date.", "review_date")


def check_expiry(expires_on: date, made_on: date | None = None) -> None:
    made_on = made_on or today()
    if expires_on < made_on:
        raise InvitationError("The link would already have stopped working. Choose today or a later day.", "expires_on")
    if expires_on > made_on + timedelta(days=MAX_DAYS):
        raise InvitationError(f"A link can work for at most {MAX_DAYS} days. Choose an earlier day.", "expires_on")


def clean_first_name(name: str | None) -> str | None:
    """The first name as it will greet the person, or None. Raises InvitationError."""
    name = " ".join((name or "").split())
    if not name:
        return None
    if len(name) > 40:
        raise InvitationError("Give only the person's first name (40 letters at most).", "first_name")
    if not all(ch.isalpha() or ch in " -'’." for ch in name):
        raise InvitationError("A first name has only letters, spaces, hyphens and apostrophes.", "first_name")
    return name


def chairs_reviews(user: StaffUser) -> bool:
    """Whether `user` can be named as an invitation's IRO (an active IRO or IRO manager)."""
    return current_policy().may(user, CHAIR_REVIEWS)


def iros(for_user: StaffUser | None = None) -> list[StaffUser]:
    """Everyone who can be named as an invitation's IRO, or only those `for_user` may name."""
    query = select(StaffUser).where(
        StaffUser.role.in_(current_policy().holding(CHAIR_REVIEWS)), StaffUser.active.is_(True)
    )
    if for_user is not None:
        query = query.where(scope(for_user, StaffUser))
    return list(db.session.scalars(query.order_by(StaffUser.display_name, StaffUser.email)))


def find_iro(email: str) -> StaffUser:
    """The active IRO (or IRO manager) with this e-mail. Raises InvitationError."""
    user = find_user(email)
    if user is None or not chairs_reviews(user):
        raise InvitationError(f"There is no active IRO with the e-mail address {email!r}.", "iro")
    return user


def create(
    *,
    questionnaire_id: str,
    audience: str,
    review_date: date,
    iro: StaffUser | None,
    created_by: StaffUser | None,
    first_name: str | None = None,
    expires_on: date | None = None,
) -> Invitation:
    """Check everything and add the invitation (flushed; the caller commits). Raises InvitationError."""
    made_on = today()
    check_questionnaire(questionnaire_id, audience)
    check_review_date(review_date, made_on)
    expires_on = expires_on or default_expiry(review_date, made_on)
    check_expiry(expires_on, made_on)
    if iro is not None and not chairs_reviews(iro):
        raise InvitationError("The IRO named must be an active IRO or IRO manager account.", "iro")
    token = secrets.token_urlsafe(TOKEN_BYTES)
    invitation = Invitation(
        token=token,
        code_hash=codes.code_hash(codes.invitation_code(token)),
        questionnaire_id=questionnaire_id,
        audience=audience,
        review_date=review_date,
        iro=iro,
        created_by=created_by,
        first_name=clean_first_name(first_name),
        created_at=clock.now(),
        expires_at=end_of(expires_on),
    )
    db.session.add(invitation)
    db.session.flush()
    return invitation


def short_code(invitation: Invitation) -> str | None:
    """The code to type at /code, as XXXX-XXXX (None for an invitation made before codes)."""
    if invitation.code_hash is None:
        return None
    return codes.shown(codes.invitation_code(invitation.token))


def code_address() -> str:
    """Where the short code is typed, as printed."""
    return full_link("/code")


def find_by_code(typed: str) -> Invitation | None:
    """The invitation whose link still works and whose code this is, or None.

    A code works only as long as its invitation does: it expires, and is
    stopped, with it."""
    code = codes.normalised(typed)
    if code is None:
        return None
    with reading():
        found = db.session.scalars(select(Invitation).where(Invitation.code_hash == codes.code_hash(code))).all()
        now = clock.now()
        return next((i for i in found if i.link_works(now) and codes.same(code, codes.invitation_code(i.token))), None)


def link(invitation: Invitation) -> str:
    """The full link to give the person (and to draw as a QR code), from PUBLIC_BASE_URL, never the request."""
    return full_link(f"/i/{invitation.token}")


# -- opening the link --------------------------------------------------------


def find_by_token(token: str) -> Invitation | None:
    if not could_be_token(token):
        return None
    with reading():
        return db.session.scalar(select(Invitation).where(Invitation.token == token))


def usable(token: str) -> Invitation:
    """The invitation behind a link that works. Stores nothing: a messaging
    app's link preview or a browser's prefetch opens the link too, so a GET
    never marks it opened (`mark_opened` does, from the page once shown, and
    the first answer does). Raises UnknownLink or LinkClosed."""
    invitation = find_by_token(token)
    if invitation is None:
        raise UnknownLink(token)
    if not invitation.link_works(clock.now()):
        raise LinkClosed(invitation)
    return invitation


def mark_opened(invitation: Invitation) -> None:
    """Record when the person first saw the link's first screen (the staff page
    says "Opened", the report counts it), and commit. Only the first time counts."""
    if invitation.first_opened_at is None:
        invitation.first_opened_at = clock.now()
        db.session.commit()


def move_to_device(conversation: Conversation, typed_code: str, device_hash: str) -> bool:
    """Bind the conversation to another device if `typed_code` is the one the
    child was shown in it (the device it was on loses it), and commit.
    False, changing nothing, if the code is wrong."""
    if not codes.same(typed_code, codes.device_code(conversation.token)):
        return False
    conversation.device_hash = device_hash
    db.session.commit()
    return True


def start_again(invitation: Invitation) -> None:
    """Let the link begin a new conversation on this device, after the child
    was warned. The unsent one is kept (a safeguarding alert may point at it)
    but leaves the invitation, so nobody reaches it through the link any more;
    it is never sent to anyone. Commits. Raises LinkClosed if it was sent."""
    conversation = invitation.conversation
    if conversation is None:
        return
    if conversation.submitted_at is not None:
        raise LinkClosed(invitation)
    conversation.invitation_id = None
    conversation.device_hash = LEFT_BEHIND
    db.session.commit()


def open_link(token: str, language: str | None = None) -> Conversation:
    """The conversation behind an invitation link, started if there is none yet,
    bound to no device: for demo data and tests, which do at the command line
    what the link's pages do. Records when it was first opened, and commits.
    Raises UnknownLink or LinkClosed.
    """
    invitation = usable(token)
    if invitation.conversation is not None:
        db.session.commit()
        return invitation.conversation
    try:
        conversation = conversations.new(invitation.questionnaire_id, language, invitation=invitation)
        db.session.commit()
        return conversation
    except conversations.UnknownQuestionnaire:
        # The questionnaire file was taken away after the invitation was made.
        db.session.rollback()
        raise LinkClosed(invitation) from None
    except IntegrityError:
        # Opened on two devices at the same moment: the other one started it.
        db.session.rollback()
        with reading():
            conversation = db.session.scalar(select(Conversation).where(Conversation.invitation_id == invitation.id))
        if conversation is None:
            raise
        return conversation


# -- state and who sees what -------------------------------------------------


def state_of(invitation: Invitation, answered: bool, now: datetime | None = None) -> str:
    """One of STATES. `answered`: whether the conversation has at least one answer."""
    conversation = invitation.conversation
    if conversation is not None and conversation.submitted_at is not None:
        return "sent_back"
    if invitation.revoked_at is not None:
        return "stopped"
    if (now or clock.now()) >= invitation.expires_at:
        return "expired"
    if answered:
        return "started"
    if invitation.first_opened_at is not None:
        return "opened"
    if invitation.sent_at is not None:
        return "sent"
    return "created"


def states_of(invitations: Iterable[Invitation]) -> dict[int, str]:
    """The state of each invitation by id, with one query for all of them."""
    invitations = list(invitations)
    conversation_ids = [i.conversation.id for i in invitations if i.conversation is not None]
    answered: set[int] = set()
    if conversation_ids:
        query = select(Answer.conversation_id).where(Answer.conversation_id.in_(conversation_ids)).distinct()
        answered = set(db.session.scalars(query))
    now = clock.now()
    return {i.id: state_of(i, i.conversation is not None and i.conversation.id in answered, now) for i in invitations}


def visible_to(user: StaffUser) -> Select[tuple[Invitation]]:
    """The invitations `user` may see (`access.scope`): an IRO's own, or all for the IRO manager."""
    return (
        select(Invitation)
        .where(scope(user, Invitation))
        .options(selectinload(Invitation.conversation), selectinload(Invitation.iro))
        .order_by(Invitation.review_date.desc(), Invitation.id.desc())
    )


def shared_with_iro(conversation: Conversation) -> bool:
    """Whether the person said their IRO may see their answers with their name.

    Only a "yes" to a `records: share_with_iro` question counts: no such
    question, a skip, or a "no" all mean no.
    """
    q = conversations.questionnaire_of(conversation)
    ids = [question.id for question in q.questions if question.records == "share_with_iro"]
    if not ids:
        return False
    values = db.session.scalars(
        select(Answer.value).where(Answer.conversation_id == conversation.id, Answer.question_id.in_(ids))
    )
    return any(value == "yes" for value in values)


def sent_and_shared_with_iro(conversation: Conversation) -> bool:
    """Whether the person sent the conversation back and shared it with their IRO by name.

    `access.scope` asks the same in SQL (`shared_with_their_iro`) before
    letting an IRO read the conversation of someone they invited.
    """
    return conversation.submitted_at is not None and shared_with_iro(conversation)


def may_read(user: StaffUser, invitation: Invitation) -> bool:
    """Whether `user` may read the answers sent back through this invitation:
    only once sent, and as `access.scope` allows (for an IRO: their own
    invitation, shared with them by name)."""
    conversation = invitation.conversation
    if conversation is None or conversation.submitted_at is None:
        return False
    return allowed(user, conversation)


def answers_as_read(conversation: Conversation) -> tuple[SummaryLine, ...]:
    """Each question the person reached and what they answered, as the engine
    words them (in English where the questionnaire has it)."""
    q = conversations.questionnaire_of(conversation)
    # Drawn as the "before you send" summary the person saw themselves.
    progress = replace(conversations.progress_of(conversation), finished_early=True, submitted=False)
    return engine.conversation_state(q, progress, "en").summary
