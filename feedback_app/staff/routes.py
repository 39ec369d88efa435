"""The staff landing page: who you are, and the pages your role may use."""

from __future__ import annotations

from dataclasses import dataclass

from flask import render_template

from ..auth import ROLES, current_user, requires_role
from ..auth.roles import role_may_use
from . import bp


@dataclass(frozen=True)
class StaffPage:
    endpoint: str
    title: str
    summary: str


# The pages linked from the landing page. A page is shown to a role only if its
# view allows that role, so this list never needs its own access rules.
STAFF_PAGES: list[StaffPage] = [
    StaffPage("safeguarding.queue", "Safeguarding alerts", "Worrying answers to act on and acknowledge, overdue ones first."),
    StaffPage("invitations.invitations", "Invitations", "Send a link or QR code before a review, and see who has answered."),
    StaffPage("invitations.my_reviews", "My reviews", "What the people you invited chose to share with you."),
    StaffPage("invitations.task_list", "Requests", "Children asking to talk to their IRO or to have an advocate."),
    StaffPage("staff.users", "Staff accounts", "Add people, change their role, reset passwords, deactivate accounts."),
    StaffPage("staff.audit_log", "Audit log", "Who signed in, viewed, exported or changed what, and when."),
    StaffPage("responses.dashboard", "Dashboard", "How many took part, completion rates, where people stop."),
    StaffPage("responses.responses", "Responses", "Every conversation, filtered by questionnaire, age, dates, theme, sentiment."),
    StaffPage("responses.figures", "Closed questions", "The answers to each closed question, as figures and charts."),
    StaffPage("quotes.bank", "Quote bank", "Review suggested quotes: approve, edit the redaction, or reject."),
    StaffPage("cicc.view", "Children in Care Council view", "What children and young people told us, for the CiCC."),
    StaffPage("cicc.you_said_we_did", "You said, we did", "What changed because of what children said."),
]


@bp.get("/")
@requires_role(*ROLES)
def dashboard() -> str:
    user = current_user()
    assert user is not None  # requires_role let us in
    pages = [page for page in STAFF_PAGES if role_may_use(user.role, page.endpoint)]
    return render_template("staff/dashboard.html", user=user, role_name=ROLES[user.role], pages=pages)
