"""One filter per kind of record, and a new role as one row and one reach."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from sqlalchemy import select

from feedback_app.access import POLICY, Figures, Reach, Role, allowed, scope
from feedback_app.access.policy import SEE_FIGURES
from feedback_app.access.views import POLICY_KEY
from feedback_app.extensions import db
from feedback_app.models import Conversation, Invitation, SafeguardingAlert, SignInFailure, StaffTask, StaffUser
from tests.feedback_app.access.conftest import FIRST_NAME, Records
from tests.feedback_app.auth.staff_helpers import Account, sign_in_quickly

SHARED = {"home": "good", "worries": "all fine", "talk_to_iro": "yes", "advocate": "no", "share_with_iro": "yes"}


def ids(model, user) -> set[int]:
    return set(db.session.scalars(select(model.id).where(scope(user, model))))


def test_a_kind_of_record_with_no_filter_cannot_be_shown(app):
    with app.app_context(), pytest.raises(LookupError, match="no access filter"):
        scope(SimpleNamespace(id=1, role="iro_manager", active=True), SignInFailure)


@pytest.mark.parametrize(
    ("answers", "send", "readable"),
    [(SHARED, True, True), ({**SHARED, "share_with_iro": "no"}, True, False), (SHARED, False, False)],
    ids=["shared-and-sent", "not-shared", "not-sent-yet"],
)
def test_an_iro_reads_only_what_their_invited_person_sent_and_shared(
    app, make_account, invite, answer_through, answers, send, readable
):
    iro, other = make_account("iro"), make_account("iro")
    conversation_id = answer_through(invite(iro)[1], answers, send=send)
    with app.app_context():
        conversation = db.session.get(Conversation, conversation_id)
        assert allowed(db.session.get(StaffUser, iro.id), conversation) is readable
        assert not allowed(db.session.get(StaffUser, other.id), conversation)


def test_the_safeguarding_lead_reads_only_conversations_with_a_flagged_answer(
    app, records: Records, answer_through, invite
):
    calm = answer_through(invite(records.accounts["iro"])[1], SHARED)
    with app.app_context():
        lead = db.session.get(StaffUser, records.accounts["safeguarding_lead"].id)
        assert ids(Conversation, lead) == {records.conversation}
        assert calm not in ids(Conversation, lead)


@pytest.mark.parametrize("role", ["admin", "cicc"])
def test_admins_and_cicc_members_read_no_one_s_answers(app, records: Records, role):
    with app.app_context():
        user = db.session.get(StaffUser, records.accounts[role].id)
        assert ids(Conversation, user) == set()
        assert ids(Invitation, user) == ids(SafeguardingAlert, user) == ids(StaffTask, user) == set()


def test_a_cicc_member_counts_everyone_in_figures_but_reads_no_one(app, records: Records):
    with app.app_context():
        cicc = db.session.get(StaffUser, records.accounts["cicc"].id)
        counted = set(db.session.scalars(select(Conversation.id).where(scope(cicc, Figures))))
        assert counted == {records.conversation} and ids(Conversation, cicc) == set()


# --- a new role: a team manager who sees their own IROs' work -----------------------

TEAMS: dict[int, list[int]] = {}  # team manager's id -> their IROs' ids
TEAM = Reach("their team's", lambda user, iro_id: iro_id.in_(TEAMS.get(user.id, [])))
TEAM_MANAGER = Role("team_manager", "Team manager", POLICY.roles["iro"].capabilities | {SEE_FIGURES}, TEAM)


@pytest.fixture
def team(app, records: Records, make_account, invite, answer_through):
    """A team manager whose team is the records' IRO; another IRO's work is outside it."""
    outsider = make_account("iro")
    outside_invitation, token = invite(outsider, first_name="Quillon")
    outside_conversation = answer_through(token, SHARED)
    with app.app_context():
        manager = StaffUser(email="team.manager@council.example", role="team_manager", display_name="Tess",
                            password_hash="!")  # fmt: skip
        db.session.add(manager)
        db.session.commit()
        manager_id = manager.id
    TEAMS[manager_id] = [records.accounts["iro"].id]
    app.extensions[POLICY_KEY] = POLICY.with_role(TEAM_MANAGER)
    yield SimpleNamespace(manager=manager_id, invitation=outside_invitation, conversation=outside_conversation)
    TEAMS.clear()


def test_a_team_manager_sees_every_kind_of_their_teams_record_and_nothing_else(app, records: Records, team):
    with app.app_context():
        manager = db.session.get(StaffUser, team.manager)
        assert ids(Invitation, manager) == {records.invitation, records.answered}
        assert ids(Conversation, manager) == {records.conversation}
        assert ids(SafeguardingAlert, manager) == {records.alert}
        assert ids(StaffTask, manager) == {records.task}
        assert set(db.session.scalars(select(Conversation.id).where(scope(manager, Figures)))) == {records.conversation}


def test_a_team_manager_uses_the_pages_through_the_same_filters(app, client, records: Records, team):
    sign_in_quickly(app, client, Account(team.manager, "team.manager@council.example", "team_manager"))
    listed = client.get("/staff/invitations").get_data(as_text=True)
    assert (
        f'/staff/invitations/{records.invitation}"' in listed and f'/staff/invitations/{team.invitation}"' not in listed
    )
    assert FIRST_NAME in client.get(f"/staff/my-reviews/{records.answered}").get_data(as_text=True)
    assert client.get(f"/staff/my-reviews/{team.invitation}").status_code == 403
    assert client.get(f"/staff/safeguarding/{records.alert}").status_code == 200
    assert client.get("/staff/dashboard").status_code == 403  # the row gives no SEE_RESPONSES
