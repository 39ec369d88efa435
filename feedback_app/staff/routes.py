"""The staff landing page: who you are, and the pages your role may use."""

from __future__ import annotations

from dataclasses import dataclass

from flask import render_template

from .. import access
from ..access import may_use, requires
from ..auth import current_user
from . import bp
from .waiting import waiting_for


@dataclass(frozen=True)
class StaffPage:
    endpoint: str
    title: str
    summary: str


# The pages linked from the landing page. A page is shown only to someone its
# view lets in, so this list never needs its own access rules.
STAFF_PAGES: list[StaffPage] = [
    StaffPage(
        "report.page", "Annual report",
        "The year's figures beside last year's, ready for the IRO annual report: on screen, in Word and as a spreadsheet.",
    ),  # fmt: skip
    StaffPage("safeguarding.queue", "Safeguarding alerts", "Worrying answers to act on and acknowledge, overdue ones first."),
    StaffPage("invitations.invitations", "Invitations", "Send a link or QR code before a review, and see who has answered."),
    StaffPage("invitations.my_reviews", "My reviews", "What the people you invited chose to share with you."),
    StaffPage("invitations.task_list", "Requests", "Children asking to talk to their IRO or to have an advocate."),
    StaffPage("staff.users", "Staff accounts", "Add people, change their role, reset passwords, deactivate accounts."),
    StaffPage(
        "staff.access_requests", "Access approvals",
        "Approve or refuse a role that reads answers, or a new password for such an account.",
    ),  # fmt: skip
    StaffPage("staff.audit_log", "Audit log", "Who signed in, viewed, exported or changed what, and when."),
    StaffPage("responses.dashboard", "Dashboard", "How many took part, completion rates, where people stop."),
    StaffPage("responses.responses", "Responses", "Every conversation, filtered by questionnaire, age, dates, theme, sentiment."),
    StaffPage("responses.figures", "Closed questions", "The answers to each closed question, as figures and charts."),
    StaffPage("quotes.bank", "Quote bank", "Review suggested quotes: approve, edit the redaction, or reject."),
    StaffPage("cicc.view", "Children in Care Council view", "What children and young people told us, for the CiCC."),
    StaffPage("cicc.you_said_we_did", "You said, we did", "What changed because of what children said."),
]


@bp.get("/")
@requires(access.policy.USE_STAFF_PAGES)
def dashboard() -> str:
    user = current_user()
    assert user is not None  # requires let us in
    pages = [page for page in STAFF_PAGES if may_use(user, page.endpoint)]
    role_name = access.current_policy().account_roles().get(user.role, user.role)
    waiting = waiting_for(user, [page.endpoint for page in pages])
    return render_template("staff/dashboard.html", user=user, role_name=role_name, pages=pages, waiting=waiting)
