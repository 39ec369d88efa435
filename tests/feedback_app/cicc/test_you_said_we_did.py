"""Keeping "You said, we did": add, change, remove; audited; nothing that identifies anyone."""

import pytest
from sqlalchemy import select

from feedback_app.extensions import db
from feedback_app.models import AuditEvent, YouSaidWeDid
from tests.conftest import csrf_token
from tests.feedback_app.auth.staff_helpers import sign_in_quickly

LIST = "/staff/cicc/you-said-we-did"


@pytest.fixture
def manager(app, client, make_account):
    account = make_account("iro_manager")
    sign_in_quickly(app, client, account)
    return account


def add(client, you_said: str, we_did: str):
    token = csrf_token(client.get(LIST).get_data(as_text=True))
    return client.post(LIST, data={"csrf_token": token, "you_said": you_said, "we_did": we_did})


def entries(app) -> list[YouSaidWeDid]:
    with app.app_context():
        return list(db.session.scalars(select(YouSaidWeDid)))


def actions(app) -> list[str]:
    with app.app_context():
        return [e.action for e in db.session.scalars(select(AuditEvent).order_by(AuditEvent.id))]


def test_an_entry_is_added_with_who_added_it_and_audited(app, client, manager):
    response = add(client, "Reviews had too many people.", "You now choose who comes.")
    assert response.status_code == 303
    (entry,) = entries(app)
    assert (entry.you_said, entry.we_did, entry.created_by_id) == (
        "Reviews had too many people.",
        "You now choose who comes.",
        manager.id,
    )
    assert actions(app) == ["you_said_we_did_added"]


def test_an_added_entry_shows_on_the_council_view(app, client, manager):
    add(client, "Reviews had too many people.", "You now choose who comes.")
    assert "You now choose who comes." in client.get("/staff/cicc").get_data(as_text=True)


def test_an_entry_can_be_changed_and_the_change_is_audited(app, client, manager):
    add(client, "Reviews had too many people.", "You now choose who comes.")
    (entry,) = entries(app)
    page = client.get(f"{LIST}/{entry.id}").get_data(as_text=True)
    response = client.post(
        f"{LIST}/{entry.id}",
        data={"csrf_token": csrf_token(page), "you_said": "Reviews were crowded.", "we_did": "You choose who comes."},
    )
    assert response.status_code == 303
    (changed,) = entries(app)
    assert (changed.you_said, changed.we_did) == ("Reviews were crowded.", "You choose who comes.")
    assert changed.updated_at is not None and actions(app)[-1] == "you_said_we_did_changed"


def test_an_entry_can_be_removed_and_the_removal_is_audited(app, client, manager):
    add(client, "Reviews had too many people.", "You now choose who comes.")
    (entry,) = entries(app)
    token = csrf_token(client.get(LIST).get_data(as_text=True))
    assert client.post(f"{LIST}/{entry.id}/remove", data={"csrf_token": token}).status_code == 303
    assert entries(app) == [] and actions(app)[-1] == "you_said_we_did_removed"


@pytest.mark.parametrize(("you_said", "we_did"), [("", "Something."), ("Something.", "")])
def test_both_halves_are_needed(app, client, manager, you_said, we_did):
    response = add(client, you_said, we_did)
    assert response.status_code == 400 and "There is a problem" in response.get_data(as_text=True)
    assert entries(app) == []


def test_an_entry_that_names_someone_is_refused(app, client, manager):
    response = add(client, "The Wi-Fi was slow.", "Sarah from the council fixed it.")
    assert response.status_code == 400 and "This may identify someone: name (Sarah)" in response.get_data(as_text=True)
    assert entries(app) == []


def test_an_entry_without_a_csrf_token_is_refused(app, client, manager):
    response = client.post(LIST, data={"you_said": "Reviews had too many people.", "we_did": "You choose."})
    assert response.status_code == 400 and entries(app) == []
