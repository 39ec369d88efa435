"""What IROs see: their reviews, what each person chose to share, and the tasks
people asked for. Every view of one person's answers is audited."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from sqlalchemy import func, or_, select
from werkzeug.wrappers import Response

from .. import audit
from ..access import get_or_refuse, may, requires, scope, visible_ids
from ..access.policy import INVITE, READ_ANSWERS, SEE_TASKS
from ..auth import signed_in_user
from ..extensions import db
from ..models import Conversation, Invitation, StaffTask
from ..query_args import page_number
from ..questionnaire.titles import staff_title
from ..safeguarding import alert_states
from . import bp, service, tasks
from .forms import NoteAnonymousForm, TaskDoneForm

# `?who=` on the requests page, and how each choice is named.
TASK_FILTERS = {"all": "All", "contactable": "Can be contacted", "anonymous": "Anonymous"}
TASKS_PER_PAGE = 20
# Anonymous requests are listed this many at most: nothing can be done about one but note it.
ANONYMOUS_SHOWN = 10


@bp.get("/staff/my-reviews")
@requires(INVITE)
def my_reviews() -> str:
    user = signed_in_user()
    found = list(db.session.scalars(service.visible_to(user)))
    sent = {i.conversation.id: i.id for i in found if i.conversation is not None and i.conversation.submitted_at}
    readable = {sent[conversation_id] for conversation_id in visible_ids(user, Conversation, sent)}
    return render_template(
        "invitations/my_reviews.html",
        invitations=found,
        states=service.states_of(found),
        state_names=service.STATES,
        readable=readable,
        may_read_any=may(user, READ_ANSWERS),
        alert_of=_alerts_of(user, found),
    )


def _alerts_of(user, invitations: list[Invitation]) -> dict:
    """Each invitation's safeguarding alert that `user` may see, whether or not the
    person shared their answers: the IRO must know one exists (issue 9.3)."""
    conversations = {i.conversation.id: i.id for i in invitations if i.conversation is not None}
    return {conversations[cid]: state for cid, state in alert_states(user, conversations).items()}


@bp.get("/staff/my-reviews/<int:invitation_id>")
@requires(READ_ANSWERS)
def review(invitation_id: int) -> str | tuple[str, int]:
    """One person's answers, if they chose to share them with their IRO by name.

    403 for another IRO's invitation, and for answers sent back without that
    choice (the page then says only that the person responded).
    """
    user = signed_in_user()
    invitation = get_or_refuse(user, Invitation, invitation_id, hidden=403)
    conversation = invitation.conversation
    state = service.states_of([invitation])[invitation.id]
    context = {"invitation": invitation, "state": state, "state_names": service.STATES}
    if state != "sent_back" or conversation is None:
        return render_template("invitations/review.html", answers=None, shared=None, **context)
    if not service.may_read(user, invitation):
        return render_template("invitations/review.html", answers=None, shared=False, **context), 403
    audit.record("conversation_viewed", "conversation", conversation.id, invitation_id=invitation.id)
    db.session.commit()
    q = service.conversations.questionnaire_of(conversation)
    return render_template(
        "invitations/review.html",
        answers=service.answers_as_read(conversation),
        shared=service.shared_with_iro(conversation),
        questionnaire_title=staff_title(q),
        requests=db.session.scalars(
            select(StaffTask).where(StaffTask.conversation_id == conversation.id, scope(user, StaffTask))
        ).all(),
        **context,
    )


@bp.get("/staff/tasks")
@requires(SEE_TASKS)
def task_list() -> str:
    return _tasks_page()


@bp.post("/staff/tasks/<int:task_id>/done")
@requires(SEE_TASKS)
def task_done(task_id: int) -> Response | tuple[str, int]:
    user = signed_in_user()
    task = get_or_refuse(user, StaffTask, task_id, hidden=403)
    form = _form(task, posted=True)
    if not form.validate_on_submit():
        return _tasks_page(failed=form, failed_id=task.id), 400
    try:
        tasks.mark_done(task, user, form.note.data or "")
    except tasks.TaskError as problem:
        db.session.rollback()
        flash(str(problem))
        return redirect(url_for("invitations.task_list"), code=303)
    # The note may name people: the log says which task, not what was written.
    audit.record("task_done", "staff_task", task.id, kind=task.kind)
    db.session.commit()
    flash("Task marked done.")
    return redirect(url_for("invitations.task_list"), code=303)


@bp.post("/staff/tasks/anonymous/noted")
@requires(SEE_TASKS)
def anonymous_tasks_noted() -> Response:
    """One "noted" for all the anonymous requests the person was shown: nobody can be contacted about them."""
    form = NoteAnonymousForm()
    if not form.validate_on_submit():
        abort(400, description="Reload the page and try again.")
    noted = tasks.note_anonymous(signed_in_user(), form.up_to.data)
    if noted:
        audit.record("anonymous_tasks_noted", "staff_task", None, count=noted)
    db.session.commit()
    flash(
        f"{noted:,} anonymous request{'' if noted == 1 else 's'} noted."
        if noted
        else "There were no anonymous requests to note."
    )
    return redirect(url_for("invitations.task_list", who="anonymous"), code=303)


def _form(task: StaffTask, posted: bool = False) -> TaskDoneForm:
    """The "mark done" form of one task. Every open task has one on the page,
    so each note box gets its own id (the field names stay plain)."""
    form = TaskDoneForm() if posted else TaskDoneForm(formdata=None)
    form.note.id = form.note.label.field_id = f"task-{task.id}-note"
    return form


def _tasks_page(failed: TaskDoneForm | None = None, failed_id: int | None = None) -> str:
    """Open requests from people who can be contacted, each with its note box; anonymous ones
    as one short list with one "noted" for all; `?who=` shows one kind only."""
    user = signed_in_user()
    who = request.args.get("who", "all")
    who = who if who in TASK_FILTERS else "all"
    counts = {
        "contactable": tasks.open_count(user, tasks.CONTACTABLE),
        "anonymous": tasks.open_count(user, tasks.ANONYMOUS),
    }
    contactable = db.paginate(
        tasks.open_of(user).where(tasks.CONTACTABLE), page=page_number(), per_page=TASKS_PER_PAGE, error_out=False
    ) if who != "anonymous" else None  # fmt: skip
    anonymous = (
        db.session.scalars(tasks.open_of(user).where(tasks.ANONYMOUS).limit(ANONYMOUS_SHOWN)).all()
        if who != "contactable"
        else []
    )
    newest_anonymous = db.session.scalar(
        tasks.open_of(user).where(tasks.ANONYMOUS).order_by(None).with_only_columns(func.max(StaffTask.id))
    )
    open_tasks = list(contactable.items) if contactable is not None else []
    forms = {t.id: failed if t.id == failed_id and failed is not None else _form(t) for t in open_tasks}
    closed = db.session.scalars(
        tasks.visible_to(user).where(or_(StaffTask.done_at.is_not(None), StaffTask.withdrawn_at.is_not(None)))
        .order_by(None).order_by(func.coalesce(StaffTask.done_at, StaffTask.withdrawn_at).desc(), StaffTask.id.desc()).limit(50)
    ).all()  # fmt: skip
    return render_template(
        "invitations/tasks.html", who=who, filters=TASK_FILTERS, counts=counts, contactable=contactable,
        open_tasks=open_tasks, anonymous=anonymous, noted_form=NoteAnonymousForm(formdata=None, up_to=newest_anonymous),
        closed_tasks=closed, forms=forms,
    )  # fmt: skip
