"""A link staff are shown is not a key to the child's conversation (issue 9, item 8):
the first answer binds it to that device; another device needs the code the
child was shown, or starts again after a warning; a staff session never gets it."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from feedback_app.access import Figures, scope
from feedback_app.extensions import db
from feedback_app.invitations import codes
from feedback_app.models import Answer, Conversation, StaffUser
from feedback_app.report.figures import counted_figures
from feedback_app.report.year import ReportingYear
from tests.conftest import csrf_token
from tests.feedback_app.auth.staff_helpers import sign_in_quickly

from .helpers import begin_through_link, conversation_of


@pytest.fixture
def begun(app, invite, make_account):
    """An invitation begun on the child's phone: (phone, invitation id, link token, chat path)."""
    invitation_id, token = invite(make_account("iro"), first_name="Sam")
    phone = app.test_client()
    chat = begin_through_link(phone, token)
    return phone, invitation_id, token, chat


def device_code_of(app, invitation_id) -> str:
    with app.app_context():
        return codes.shown(codes.device_code(conversation_of(app, invitation_id).token))


def values(app, invitation_id) -> dict:
    with app.app_context():
        conversation = conversation_of(app, invitation_id)
        return {
            a.question_id: a.value
            for a in db.session.scalars(select(Answer).where(Answer.conversation_id == conversation.id))
        }


def test_the_device_secret_is_an_httponly_samesite_cookie_and_only_its_hash_is_stored(app, begun):
    phone, invitation_id, _, _ = begun
    conversation = conversation_of(app, invitation_id)
    cookie = phone.get_cookie(f"device{conversation.id}")
    assert cookie.http_only and cookie.same_site == "Lax"
    assert conversation.device_hash and cookie.value not in conversation.device_hash


def test_the_child_is_shown_the_code_that_carries_the_conversation_to_another_device(app, begun):
    phone, invitation_id, _, chat = begun
    assert device_code_of(app, invitation_id) in phone.get(chat).get_data(as_text=True)


def test_another_device_with_the_link_reads_nothing_and_changes_nothing(app, begun):
    _, invitation_id, token, chat = begun
    other = app.test_client()  # say, the IRO's own phone, not signed in
    page = other.get(f"/i/{token}")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert "You started this on another phone or tablet" in html and "Good" not in html
    # Even with the conversation's own link, and through the API:
    assert other.get(chat).status_code == 403
    api = chat.replace("/c/", "/api/v1/conversations/")
    assert other.get(api).status_code == 403
    refused = other.post(f"{api}/answers", json={"question_id": "home", "value": "bad"})
    assert refused.status_code == 403 and "another device" in refused.get_json()["error"]
    assert other.post(f"{api}/submit", json={}).status_code == 403
    assert values(app, invitation_id) == {"home": "good"}


def test_a_staff_session_never_gets_the_childs_conversation_even_on_the_childs_device(app, begun, make_account):
    phone, invitation_id, token, chat = begun
    sign_in_quickly(app, phone, make_account("iro"))
    assert phone.get(chat).status_code == 403
    assert phone.get(f"/i/{token}").status_code == 403
    assert "signed in as staff" in phone.get(chat).get_data(as_text=True)
    api = chat.replace("/c/", "/api/v1/conversations/")
    assert phone.post(f"{api}/answers", json={"question_id": "home", "value": "bad"}).status_code == 403
    assert values(app, invitation_id) == {"home": "good"}


def test_the_code_the_child_was_shown_moves_the_conversation_to_the_new_device(app, begun):
    phone, invitation_id, token, chat = begun
    tablet = app.test_client()
    page = tablet.get(f"/i/{token}").get_data(as_text=True)
    wrong = tablet.post(f"/i/{token}/device", data={"csrf_token": csrf_token(page), "code": "ZZZZ-ZZZZ"})
    assert wrong.status_code == 422 and tablet.get(chat).status_code == 403
    right = tablet.post(
        f"/i/{token}/device", data={"csrf_token": csrf_token(page), "code": device_code_of(app, invitation_id).lower()}
    )
    assert right.status_code == 303 and right.headers["Location"] == f"{chat}#latest"
    assert tablet.get(chat).status_code == 200
    assert phone.get(chat).status_code == 403  # it moved: the old device no longer has it


def test_starting_again_on_another_device_leaves_the_old_answers_unreachable(app, begun):
    phone, invitation_id, token, chat = begun
    other = app.test_client()
    page = other.get(f"/i/{token}").get_data(as_text=True)
    assert "what you wrote on the other phone or tablet will not be sent" in page
    response = other.post(f"/i/{token}/again", data={"csrf_token": csrf_token(page)})
    assert response.status_code == 303
    assert conversation_of(app, invitation_id) is None  # the link begins afresh on this device
    assert other.get(f"/i/{token}").status_code == 200
    assert phone.get(chat).status_code == 403 and other.get(chat).status_code == 403
    new_chat = begin_through_link(other, token, value="bad")
    assert new_chat != chat and values(app, invitation_id) == {"home": "bad"}


def test_a_sent_conversation_cannot_be_started_again_from_another_device(app, begun):
    phone, invitation_id, token, chat = begun
    with app.app_context():
        conversation = db.session.get(Conversation, conversation_of(app, invitation_id).id)
        from feedback_app.conversation import service

        service.finish_early(conversation)
        service.submit(conversation)
    other = app.test_client()
    page = other.get(f"/i/{token}").get_data(as_text=True)
    assert "You have already sent your answers" in page and "Start again" not in page
    forced = other.post(f"/i/{token}/again", data={"csrf_token": csrf_token(other.get("/code").get_data(as_text=True))})
    assert forced.status_code == 303 and conversation_of(app, invitation_id) is not None


def test_only_the_person_who_made_an_invitation_is_shown_its_link(app, invite, make_account):
    manager, iro, admin = make_account("iro_manager"), make_account("iro"), make_account("admin")
    with app.app_context():
        from feedback_app.invitations import service
        from feedback_app.models import StaffUser

        invitation = service.create(
            questionnaire_id="test-child-before", audience="child", review_date=service.today(),
            iro=db.session.get(StaffUser, iro.id), created_by=db.session.get(StaffUser, manager.id),
        )  # fmt: skip
        db.session.commit()
        invitation_id, token = invitation.id, invitation.token
    pages = {}
    for account in (manager, iro, admin):
        client = app.test_client()
        sign_in_quickly(app, client, account)
        pages[account.role] = client.get(f"/staff/invitations/{invitation_id}")
        if account is iro:
            assert client.get(f"/staff/invitations/{invitation_id}/print").status_code == 404
            assert client.get(f"/staff/invitations/{invitation_id}/qr.svg").status_code == 404
    assert token in pages["iro_manager"].get_data(as_text=True)
    assert token not in pages["iro"].get_data(as_text=True)
    assert "Only the person who made this invitation is shown its link" in pages["iro"].get_data(as_text=True)
    assert pages["admin"].status_code == 403


def test_the_review_shows_the_sharing_choice_and_send_sends_only_that_choice(app, begun):
    phone, invitation_id, token, chat = begun
    api = chat.replace("/c/", "/api/v1/conversations/")
    for question_id, value in (("worries", None), ("talk_to_iro", "no"), ("advocate", "no"), ("share_with_iro", "no")):
        body = {"question_id": question_id, "skip": True} if value is None else {"question_id": question_id, "value": value}
        assert phone.post(f"{api}/answers", json=body).status_code == 200
    review = phone.get(chat).get_data(as_text=True)
    assert "your IRO will not see your name with your answers" in review
    assert 'name="sharing" value="no"' in review
    # The choice changes after the review was drawn (another tab, say): Send with the old one sends nothing.
    phone.post(f"{api}/answers", json={"question_id": "share_with_iro", "value": "yes"})
    refused = phone.post(chat, data={"csrf_token": csrf_token(review), "action": "submit", "sharing": "no"})
    assert refused.status_code == 422 and "sharing" in refused.get_data(as_text=True)
    assert phone.post(f"{api}/submit", json={}).status_code == 422  # the API asks for it too
    with app.app_context():
        assert conversation_of(app, invitation_id).submitted_at is None
    sent = phone.post(f"{api}/submit", json={"sharing": "yes"})
    assert sent.status_code == 200 and sent.get_json()["status"] == "submitted"


def test_a_conversation_left_behind_by_starting_again_counts_nowhere(app, begun, make_account):
    _, invitation_id, token, _ = begun
    manager_id = make_account("iro_manager").id
    other = app.test_client()
    page = other.get(f"/i/{token}").get_data(as_text=True)
    other.post(f"/i/{token}/again", data={"csrf_token": csrf_token(page)})
    begin_through_link(other, token, value="bad")
    with app.app_context():
        manager = db.session.get(StaffUser, manager_id)
        assert db.session.scalar(select(func.count(Conversation.id))) == 2  # kept: an alert may point at it
        assert db.session.scalar(select(func.count(Conversation.id)).where(scope(manager, Figures))) == 1
        figures = counted_figures(manager, ReportingYear(2026), stops=False)
        assert figures.by_route == {"invited": (1, 0), "open_link": (0, 0)}
        assert figures.started == 1
