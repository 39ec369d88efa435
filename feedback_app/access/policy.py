"""The access policy as data: named capabilities, and the roles that hold them.

A role is one row of `ROLE_TABLE`: a title, the capabilities it holds (what
it may do), and its reach (whose records it sees). Capabilities decide which
pages a role may open (`requires`); the reach, with the one filter per kind
of record in `access.scope`, decides which rows those pages show. Adding a
role is adding a row here; a role that sees a new set of people adds one
`Reach` (one filter), and every kind of record follows.

Nothing here reads the database or the request: `Policy` is a frozen value,
so a test can copy it with another role added and check what that role sees.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any, Protocol

from sqlalchemy import ColumnElement, false, true


class Principal(Protocol):
    """Who is asking: a signed-in staff account, or the command line."""

    id: Any
    role: str
    active: bool


# --- capabilities: what a role may do ------------------------------------------------

USE_STAFF_PAGES = "use_staff_pages"
MANAGE_ACCOUNTS = "manage_accounts"
APPROVE_ACCESS = "approve_access"
READ_AUDIT_LOG = "read_audit_log"
INVITE = "invite"
CHAIR_REVIEWS = "chair_reviews"
SEE_TASKS = "see_tasks"
READ_ANSWERS = "read_answers"
READ_FLAGGED_ANSWERS = "read_flagged_answers"
SEE_RESPONSES = "see_responses"
SEE_FIGURES = "see_figures"
SEE_ALERTS = "see_alerts"
RETRY_ALERT_EMAIL = "retry_alert_email"
REVIEW_QUOTES = "review_quotes"
SEE_CICC_VIEW = "see_cicc_view"
EDIT_YOU_SAID_WE_DID = "edit_you_said_we_did"
EXPORT = "export"
READ_REPORT = "read_report"

CAPABILITIES: Mapping[str, str] = MappingProxyType(
    {
        USE_STAFF_PAGES: "Sign in and see the staff home page.",
        MANAGE_ACCOUNTS: "Add staff accounts, change roles, reset passwords, deactivate accounts.",
        APPROVE_ACCESS: "Approve, as the second person, a role that reads answers or a new password for one.",
        READ_AUDIT_LOG: "Read who signed in, viewed, exported or changed what.",
        INVITE: "Make invitations for reviews, see their state, stop them.",
        CHAIR_REVIEWS: "Be named as the IRO of an invitation.",
        SEE_TASKS: "See and close the requests people made (to talk to their IRO, to have an advocate).",
        READ_ANSWERS: "Read one person's answers.",
        READ_FLAGGED_ANSWERS: "Read one person's answers when one of them is flagged as a safeguarding concern.",
        SEE_RESPONSES: "Use the dashboard and the responses list, filtered by answers' themes and sentiment.",
        SEE_FIGURES: "See figures counted from answers: closed questions, the annual report.",
        SEE_ALERTS: "See safeguarding alerts, read their words, and acknowledge them.",
        RETRY_ALERT_EMAIL: "Send an alert's e-mail again when it failed.",
        REVIEW_QUOTES: "Review, edit the redaction of, approve and reject quotes, reading the original words.",
        SEE_CICC_VIEW: "See the Children in Care Council view: anonymised figures, approved quotes.",
        EDIT_YOU_SAID_WE_DID: 'Write the "You said, we did" entries.',
        EXPORT: "Export the stored answers (the command line only).",
        READ_REPORT: "Read and download the annual report for a reporting year.",
    }
)

# The capabilities that read what people said, one person at a time or as
# figures. Giving a role that holds any of them needs a second person
# (see feedback_app.auth.approvals), and admins hold none of them.
ANSWER_CAPABILITIES = frozenset(
    {
        READ_ANSWERS, READ_FLAGGED_ANSWERS, SEE_RESPONSES, SEE_FIGURES, SEE_ALERTS, SEE_TASKS, REVIEW_QUOTES, EXPORT,
        READ_REPORT,
    }  # fmt: skip
)


# --- reach: whose records a role sees ------------------------------------------------

# Given who is asking and the column holding the id of the IRO a record
# belongs to, a condition true for the records within reach.
ReachCondition = Callable[[Principal, ColumnElement[Any]], ColumnElement[bool]]


@dataclass(frozen=True)
class Reach:
    """Whose records a role sees, as one condition on "the record's IRO".

    Every kind of record that belongs to a review (invitations, what was
    said through them, alerts, tasks, quotes) names its IRO, so one
    condition serves them all. `everyone` says the condition is always true,
    which also lets a role see records that belong to no IRO (open links).
    """

    name: str
    condition: ReachCondition
    everyone: bool = False

    def over(self, user: Principal, iro_id: ColumnElement[Any]) -> ColumnElement[bool]:
        return true() if self.everyone else self.condition(user, iro_id)


EVERYONE = Reach("everyone's", lambda user, iro_id: true(), everyone=True)
OWN = Reach("their own", lambda user, iro_id: iro_id == user.id)
NOBODY = Reach("nobody's", lambda user, iro_id: false())


@dataclass(frozen=True)
class Role:
    name: str
    title: str
    capabilities: frozenset[str]
    reach: Reach
    # False for the command line: a role no account can be given.
    for_accounts: bool = True

    @property
    def reads_answers(self) -> bool:
        return bool(self.capabilities & ANSWER_CAPABILITIES)


def _role(
    name: str, title: str, capabilities: Iterable[str], reach: Reach, *, for_accounts: bool = True
) -> Role:
    held = frozenset(capabilities)
    unknown = held - set(CAPABILITIES)
    if unknown:
        raise ValueError(f"role {name!r} names unknown capabilities {sorted(unknown)}")
    return Role(name, title, held, reach, for_accounts)


# The table. Read it as "who may do what"; docs/access.md explains each row.
ROLE_TABLE: tuple[Role, ...] = (
    # Admins run the service: accounts and the audit log. They never see what
    # anyone said, by any page, figure or list that could be narrowed to one person.
    _role("admin", "Administrator", {USE_STAFF_PAGES, MANAGE_ACCOUNTS, READ_AUDIT_LOG}, EVERYONE),
    _role(
        "iro_manager",
        "IRO manager",
        {
            USE_STAFF_PAGES, APPROVE_ACCESS, INVITE, CHAIR_REVIEWS, SEE_TASKS, READ_ANSWERS, SEE_RESPONSES,
            SEE_FIGURES, SEE_ALERTS, RETRY_ALERT_EMAIL, REVIEW_QUOTES, SEE_CICC_VIEW, EDIT_YOU_SAID_WE_DID,
            READ_REPORT,
        },
        EVERYONE,
    ),  # fmt: skip
    # An IRO reads only what the people they invited sent and chose to share with them.
    _role(
        "iro",
        "Independent Reviewing Officer (IRO)",
        {USE_STAFF_PAGES, INVITE, CHAIR_REVIEWS, SEE_TASKS, READ_ANSWERS, SEE_ALERTS},
        OWN,
    ),
    _role("cicc", "Children in Care Council member", {USE_STAFF_PAGES, SEE_CICC_VIEW}, EVERYONE),
    _role(
        "safeguarding_lead",
        "Safeguarding lead",
        {USE_STAFF_PAGES, SEE_ALERTS, RETRY_ALERT_EMAIL, READ_FLAGGED_ANSWERS},
        EVERYONE,
    ),
    # Whoever runs a command on the server could read the database itself; the
    # row is here so that the commands' queries go through the same filters.
    _role(
        "command_line",
        "The command line",
        {READ_ANSWERS, SEE_RESPONSES, SEE_FIGURES, SEE_ALERTS, SEE_TASKS, EXPORT, READ_REPORT},
        EVERYONE,
        for_accounts=False,
    ),
)


@dataclass(frozen=True)
class Policy:
    """The roles by name, and the questions asked of them."""

    roles: Mapping[str, Role] = field(default_factory=dict)

    @classmethod
    def of(cls, table: Iterable[Role]) -> Policy:
        return cls(MappingProxyType({role.name: role for role in table}))

    def with_role(self, role: Role) -> Policy:
        """A copy with `role` added (or replaced): what a new row would do."""
        return Policy(MappingProxyType({**self.roles, role.name: role}))

    def role_of(self, user: Principal | None) -> Role | None:
        """The role of an active `user`; None for nobody, a deactivated account or an unknown role."""
        if user is None or not user.active:
            return None
        return self.roles.get(user.role)

    def may(self, user: Principal | None, capability: str) -> bool:
        if capability not in CAPABILITIES:
            raise ValueError(f"unknown capability {capability!r}")
        role = self.role_of(user)
        return role is not None and capability in role.capabilities

    def account_roles(self) -> dict[str, str]:
        """The roles an account can be given, name to title, in table order."""
        return {role.name: role.title for role in self.roles.values() if role.for_accounts}

    def holding(self, capability: str) -> tuple[str, ...]:
        """The names of the roles that hold `capability`."""
        return tuple(name for name, role in self.roles.items() if capability in role.capabilities)

    def reads_answers(self, role_name: str) -> bool:
        role = self.roles.get(role_name)
        return role is not None and role.reads_answers


POLICY = Policy.of(ROLE_TABLE)
# The roles an account can be given, name to title (for forms and commands).
ROLES: Mapping[str, str] = MappingProxyType(POLICY.account_roles())


@dataclass(frozen=True)
class CommandLine:
    """The principal for commands run on the server (exports, the annual report)."""

    id: None = None
    role: str = "command_line"
    active: bool = True


COMMAND_LINE = CommandLine()

__all__ = [
    "ANSWER_CAPABILITIES", "CAPABILITIES", "COMMAND_LINE", "EVERYONE", "NOBODY", "OWN", "POLICY", "ROLES", "ROLE_TABLE",
    "Policy", "Principal", "Reach", "Role",
]  # fmt: skip
