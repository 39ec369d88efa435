"""What staff see of each invitation: made, sent, opened, started, sent back, expired, stopped."""

import re

import pytest

from feedback_app.extensions import db
from feedback_app.invitations import service
from feedback_app.models import AuditEvent, Invitation
from tests.conftest import csrf_token
from tests.feedback_app.auth.staff_helpers import sign_in_quickly

from .helpers import invitation_row


def state_in_list(client, invitation_id: int) -> str:
    html = client.get("/staff/invitations").get_data(as_text=True)
    row = re.search(rf'/staff/invitations/{invitation_id}".*?</tr>', html, re.S)
    assert row, "the invitation is not listed"
    return re.search(r'class="invitation-state invitation-state-(\w+)"', row.group(0)).group(1)


def press(client, invitation_id: int, action: str):
    page = client.get(f"/staff/invitations/{invitation_id}").get_data(as_text=True)
    return client.post(f"/staff/invitations/{invitation_id}/{action}", data={"csrf_token": csrf_token(page)})


@pytest.fixture
def iro_client(app, client, make_account):
    iro = make_account("iro")
    sign_in_quickly(app, client, iro)
    client.account = iro
    return client


def test_a_new_invitation_is_made_then_sent_when_staff_say_so(app, iro_client, invite):
    invitation_id, _ = invite(iro_client.account)
    assert state_in_list(iro_client, invitation_id) == "created"
    assert press(iro_client, invitation_id, "sent").status_code == 303
    assert state_in_list(iro_client, invitation_id) == "sent"


def test_opening_the_link_makes_it_opened_once_its_first_screen_is_shown(app, iro_client, invite):
    invitation_id, token = invite(iro_client.account)
    child = app.test_client()
    page = child.get(f"/i/{token}").get_data(as_text=True)
    assert state_in_list(iro_client, invitation_id) == "created"  # a link preview is a GET too
    child.post(f"/i/{token}/opened", data={"csrf_token": csrf_token(page)})
    assert state_in_list(iro_client, invitation_id) == "opened"


def test_a_first_answer_makes_it_started(app, iro_client, invite, answer_through):
    invitation_id, token = invite(iro_client.account)
    answer_through(token, {"home": "good"}, send=False)
    assert state_in_list(iro_client, invitation_id) == "started"


def test_sending_the_answers_makes_it_sent_back(app, iro_client, invite, answer_through):
    invitation_id, token = invite(iro_client.account)
    answer_through(token, {"home": "good"})
    assert state_in_list(iro_client, invitation_id) == "sent_back"


def test_an_unfinished_invitation_past_its_last_day_is_expired(app, iro_client, invite, answer_through, clock):
    invitation_id, token = invite(iro_client.account)
    answer_through(token, {"home": "good"}, send=False)
    clock.advance(days=20)
    sign_in_quickly(app, iro_client, iro_client.account)  # the old session has run out
    assert state_in_list(iro_client, invitation_id) == "expired"


def test_sent_back_stays_sent_back_after_the_link_expires(app, iro_client, invite, answer_through, clock):
    invitation_id, token = invite(iro_client.account)
    answer_through(token, {"home": "good"})
    clock.advance(days=20)
    sign_in_quickly(app, iro_client, iro_client.account)
    assert state_in_list(iro_client, invitation_id) == "sent_back"


def test_stopping_a_link_makes_it_stopped_and_is_audited(app, iro_client, invite):
    invitation_id, token = invite(iro_client.account)
    assert press(iro_client, invitation_id, "stop").status_code == 303
    assert state_in_list(iro_client, invitation_id) == "stopped"
    assert app.test_client().get(f"/i/{token}").status_code == 410
    with app.app_context():
        event = db.session.scalar(db.select(AuditEvent).where(AuditEvent.action == "invitation_stopped"))
    assert (event.target_id, event.actor_id) == (str(invitation_id), iro_client.account.id)


def test_marking_sent_needs_the_csrf_token(app, iro_client, invite):
    invitation_id, _ = invite(iro_client.account)
    assert iro_client.post(f"/staff/invitations/{invitation_id}/sent").status_code == 400
    assert invitation_row(app, invitation_id).sent_at is None


def test_the_link_is_no_longer_shown_once_opened(app, iro_client, invite):
    invitation_id, token = invite(iro_client.account)
    child = app.test_client()
    child.post(f"/i/{token}/opened", data={"csrf_token": csrf_token(child.get(f"/i/{token}").get_data(as_text=True))})
    html = iro_client.get(f"/staff/invitations/{invitation_id}").get_data(as_text=True)
    assert token not in html and "no longer shown here" in html
    assert iro_client.get(f"/staff/invitations/{invitation_id}/qr.svg").status_code == 404
    assert iro_client.get(f"/staff/invitations/{invitation_id}/print").status_code == 404


def test_an_iro_lists_only_their_own_invitations(app, client, invite, make_account):
    mine, theirs = make_account("iro"), make_account("iro")
    my_invitation, _ = invite(mine)
    their_invitation, _ = invite(theirs)
    sign_in_quickly(app, client, mine)
    html = client.get("/staff/invitations").get_data(as_text=True)
    assert f'/staff/invitations/{my_invitation}"' in html and f'/staff/invitations/{their_invitation}"' not in html
    assert client.get(f"/staff/invitations/{their_invitation}").status_code == 403


def test_the_iro_manager_lists_every_invitation(app, client, invite, make_account):
    ids = [invite(make_account("iro"))[0] for _ in range(2)]
    sign_in_quickly(app, client, make_account("iro_manager"))
    html = client.get("/staff/invitations").get_data(as_text=True)
    assert all(f'/staff/invitations/{i}"' in html for i in ids)


def test_states_of_one_query_matches_each_state(app, invite, make_account, answer_through):
    iro = make_account("iro")
    opened, started = invite(iro), invite(iro)
    answer_through(started[1], {"home": "bad"}, send=False)
    with app.app_context():
        service.open_link(opened[1])
        found = db.session.scalars(db.select(Invitation).order_by(Invitation.id)).all()
        assert list(service.states_of(found).values()) == ["opened", "started"]
