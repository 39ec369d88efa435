"""What an IRO reads: only their own invited people's answers, only if shared by name, always audited."""

import csv
import io

import pytest

from feedback_app.access import allowed
from feedback_app.extensions import db
from feedback_app.models import AuditEvent, Conversation, StaffUser
from tests.feedback_app.auth.staff_helpers import sign_in_quickly

SHARED = {"home": "bad", "worries": "I miss my little brother", "talk_to_iro": "no", "advocate": None,
          "share_with_iro": "yes"}  # fmt: skip
NOT_SHARED = {**SHARED, "share_with_iro": "no"}


def views(app):
    with app.app_context():
        return db.session.scalars(db.select(AuditEvent).where(AuditEvent.action == "conversation_viewed")).all()


@pytest.fixture
def iro(app, client, make_account):
    account = make_account("iro")
    sign_in_quickly(app, client, account)
    return account


def test_an_iro_reads_what_their_invited_child_shared_by_name(app, client, iro, invite, answer_through):
    invitation_id, token = invite(iro, first_name="Sam")
    answer_through(token, SHARED)
    response = client.get(f"/staff/my-reviews/{invitation_id}")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert "Can your IRO see your answers with your name on them?" in html  # the question's own words
    assert "I miss my little brother" in html and "Not good" in html and "(skipped)" in html


def test_every_reading_is_audited(app, client, iro, invite, answer_through):
    invitation_id, token = invite(iro)
    conversation_id = answer_through(token, SHARED)
    client.get(f"/staff/my-reviews/{invitation_id}")
    client.get(f"/staff/my-reviews/{invitation_id}")
    events = views(app)
    assert len(events) == 2
    assert {(e.target_type, e.target_id, e.actor_id) for e in events} == {
        ("conversation", str(conversation_id), iro.id)
    }


def test_my_reviews_links_to_shared_answers_only(app, client, iro, invite, answer_through):
    shared, shared_token = invite(iro)
    private, private_token = invite(iro)
    answer_through(shared_token, SHARED)
    answer_through(private_token, NOT_SHARED)
    html = client.get("/staff/my-reviews").get_data(as_text=True)
    assert f'/staff/my-reviews/{shared}"' in html and f'/staff/my-reviews/{private}"' not in html
    assert "Sent back, not shared by name" in html


def test_answers_not_shared_by_name_are_refused_saying_only_that_they_responded(
    app, client, iro, invite, answer_through
):
    invitation_id, token = invite(iro)
    answer_through(token, NOT_SHARED)
    response = client.get(f"/staff/my-reviews/{invitation_id}")
    assert response.status_code == 403
    html = response.get_data(as_text=True)
    assert "chose not to share them with their IRO by name" in html
    assert "I miss my little brother" not in html and "Not good" not in html
    assert views(app) == []


def test_a_skipped_sharing_question_means_not_shared(app, client, iro, invite, answer_through):
    invitation_id, token = invite(iro)
    answer_through(token, {**SHARED, "share_with_iro": None})
    assert client.get(f"/staff/my-reviews/{invitation_id}").status_code == 403


def test_another_iros_invitation_is_refused(app, client, iro, invite, answer_through, make_account):
    invitation_id, token = invite(make_account("iro"))
    answer_through(token, SHARED)
    assert client.get(f"/staff/my-reviews/{invitation_id}").status_code == 403
    assert "/staff/my-reviews/" not in client.get("/staff/my-reviews").get_data(as_text=True)
    assert views(app) == []


def test_answers_not_yet_sent_are_not_shown(app, client, iro, invite, answer_through):
    invitation_id, token = invite(iro)
    answer_through(token, SHARED, send=False)
    response = client.get(f"/staff/my-reviews/{invitation_id}")
    assert response.status_code == 200
    assert "Nothing has been sent back yet" in response.get_data(as_text=True)
    assert "I miss my little brother" not in response.get_data(as_text=True)


def test_the_iro_manager_reads_every_sent_conversation_and_is_audited(
    app, client, invite, answer_through, make_account
):
    invitation_id, token = invite(make_account("iro"))
    answer_through(token, NOT_SHARED)
    manager = make_account("iro_manager")
    sign_in_quickly(app, client, manager)
    response = client.get(f"/staff/my-reviews/{invitation_id}")
    assert response.status_code == 200 and "I miss my little brother" in response.get_data(as_text=True)
    assert "did not choose to share" in response.get_data(as_text=True)
    assert [e.actor_id for e in views(app)] == [manager.id]


def test_an_admin_sees_neither_the_states_nor_the_answers(app, client, invite, answer_through, make_account):
    invitation_id, token = invite(make_account("iro"))
    answer_through(token, SHARED)
    sign_in_quickly(app, client, make_account("admin"))
    assert client.get("/staff/my-reviews").status_code == 403
    assert client.get(f"/staff/my-reviews/{invitation_id}").status_code == 403


def test_the_answers_of_an_invited_conversation_are_tied_to_the_invitation_in_the_export(
    app, runner, iro, invite, answer_through
):
    invitation_id, token = invite(iro)
    conversation_id = answer_through(token, {"home": "good"})
    result = runner.invoke(args=["export-responses", "--format", "csv"])
    assert result.exit_code == 0
    rows = list(csv.reader(io.StringIO(result.stdout)))
    header, (row,) = rows[0], rows[1:]
    assert row[header.index("conversation")] == str(conversation_id)
    assert row[header.index("invitation")] == str(invitation_id)
    assert row[header.index("question_id")] == "home"


@pytest.mark.parametrize(
    ("answers", "send", "readable"),
    [(SHARED, True, True), (NOT_SHARED, True, False), (SHARED, False, False)],
    ids=["shared-and-sent", "not-shared", "not-sent-yet"],
)
def test_the_per_record_rule_lets_an_iro_read_only_what_was_sent_and_shared(
    app, iro, invite, answer_through, answers, send, readable
):
    """The rule every staff page asks (`access.scope`), not only this feature's pages."""
    _, token = invite(iro)
    conversation_id = answer_through(token, answers, send=send)
    with app.app_context():
        user, conversation = db.session.get(StaffUser, iro.id), db.session.get(Conversation, conversation_id)
        assert allowed(user, conversation) is readable
