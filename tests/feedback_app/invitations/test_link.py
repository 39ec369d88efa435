"""The person's link, /i/<token>: valid, expired, guessed, stopped; greeting; two devices."""

from datetime import datetime

import pytest
from sqlalchemy import select

from feedback_app.extensions import db
from feedback_app.models import Answer, Invitation, utcnow
from tests.conftest import csrf_token, make_app

from .helpers import PARENT, begin_through_link, conversation_of, invitation_row


def answers_of(app, conversation_id: int) -> list[Answer]:
    with app.app_context():
        return list(db.session.scalars(select(Answer).where(Answer.conversation_id == conversation_id)))


def test_a_valid_link_shows_the_first_screen_and_stores_no_conversation(app, client, invite, make_account):
    invitation_id, token = invite(make_account("iro"))
    for _ in range(2):  # a link preview, then the child
        response = client.get(f"/i/{token}")
        assert response.status_code == 200 and response.headers["Cache-Control"] == "no-store"
    assert f'action="/i/{token}?lang=en"' in response.get_data(as_text=True)
    assert conversation_of(app, invitation_id) is None


def test_the_first_answer_begins_the_conversation_for_the_invitation(app, client, invite, make_account):
    invitation_id, token = invite(make_account("iro"))
    chat = begin_through_link(client, token)
    conversation = conversation_of(app, invitation_id)
    assert chat == f"/c/{conversation.token}"
    assert [(a.question_id, a.value) for a in answers_of(app, conversation.id)] == [("home", "good")]


def test_the_first_screen_greets_the_person_by_first_name(app, client, invite, make_account):
    _, token = invite(make_account("iro"), first_name="Sam")
    html = client.get(f"/i/{token}").get_data(as_text=True)
    assert "Hi Sam! Your review is coming up soon." in html


def test_without_a_first_name_the_greeting_stays_friendly(app, client, invite, make_account):
    _, token = invite(make_account("iro"))
    html = client.get(f"/i/{token}").get_data(as_text=True)
    assert "Hi {name}" not in html and "Hi Sam" not in html and "Your review is coming up soon." in html


def test_opening_the_link_again_on_the_same_device_carries_on(app, invite, make_account):
    _, token = invite(make_account("iro"))
    phone = app.test_client()
    chat = begin_through_link(phone, token)
    again = phone.get(f"/i/{token}")
    assert again.status_code == 303 and again.headers["Location"] == f"{chat}#latest"


def test_opening_the_link_stores_nothing_at_all(app, client, invite, make_account):
    # A messaging app's link preview, or a prefetch, is a GET: it must not mark the invitation opened.
    invitation_id, token = invite(make_account("iro"))
    before = invitation_row(app, invitation_id)
    client.get(f"/i/{token}")
    after = invitation_row(app, invitation_id)
    columns = Invitation.__table__.columns.keys()
    assert {c: getattr(after, c) for c in columns} == {c: getattr(before, c) for c in columns}
    assert after.first_opened_at is None


def test_the_first_screen_says_it_was_seen_once_and_the_first_time_is_kept(
    app, client, invite, make_account, clock
):
    invitation_id, token = invite(make_account("iro"))
    page = client.get(f"/i/{token}").get_data(as_text=True)
    assert f'data-opened="/i/{token}/opened"' in page
    assert client.post(f"/i/{token}/opened", data={"csrf_token": csrf_token(page)}).status_code == 204
    clock.advance(hours=2)
    assert client.post(f"/i/{token}/opened", data={"csrf_token": csrf_token(page)}).status_code == 204
    assert invitation_row(app, invitation_id).first_opened_at == datetime(2026, 5, 4, 9, 0, tzinfo=clock.current.tzinfo)


def test_saying_the_first_screen_was_seen_needs_the_pages_csrf_token(app, invite, make_account):
    invitation_id, token = invite(make_account("iro"))
    assert app.test_client().post(f"/i/{token}/opened").status_code == 400
    assert invitation_row(app, invitation_id).first_opened_at is None


def test_without_javascript_the_first_answer_marks_the_invitation_opened(app, client, invite, make_account, clock):
    invitation_id, token = invite(make_account("iro"))
    begin_through_link(client, token)
    assert invitation_row(app, invitation_id).first_opened_at == datetime(2026, 5, 4, 9, 0, tzinfo=clock.current.tzinfo)


def test_the_first_answer_keeps_an_earlier_opening(app, client, invite, make_account, clock):
    invitation_id, token = invite(make_account("iro"))
    page = client.get(f"/i/{token}").get_data(as_text=True)
    client.post(f"/i/{token}/opened", data={"csrf_token": csrf_token(page)})
    clock.advance(hours=3)
    begin_through_link(client, token)
    assert invitation_row(app, invitation_id).first_opened_at == datetime(2026, 5, 4, 9, 0, tzinfo=clock.current.tzinfo)


def test_a_guessed_link_is_the_same_404_as_any_unknown_page(app, client):
    guessed = client.get("/i/" + "A" * 43)
    unknown = client.get("/no-such-page")
    assert guessed.status_code == unknown.status_code == 404
    assert guessed.get_data() == unknown.get_data()


def test_an_expired_link_says_so_kindly_with_410_and_who_to_ask(app, client, invite, make_account, clock):
    iro = make_account("iro")
    _, token = invite(iro)
    clock.advance(days=30)
    response = client.get(f"/i/{token}")
    assert response.status_code == 410
    html = response.get_data(as_text=True)
    assert "This link doesn't work any more" in html and "Test iro, your Independent Reviewing Officer" in html


def test_a_link_works_to_the_end_of_its_last_day_in_england(app, client, invite, make_account, clock):
    # The review is on 12 May, so the link works until the end of 19 May (BST: 23:00 UTC).
    _, token = invite(make_account("iro"))
    clock.current = clock.current.replace(day=19, hour=22, minute=59)
    assert client.get(f"/i/{token}").status_code == 200
    clock.current = clock.current.replace(hour=23, minute=0)
    assert client.get(f"/i/{token}").status_code == 410


def test_an_expired_link_does_not_start_a_conversation(app, client, invite, make_account, clock):
    invitation_id, token = invite(make_account("iro"))
    clock.advance(days=30)
    client.get(f"/i/{token}")
    assert conversation_of(app, invitation_id) is None
    assert invitation_row(app, invitation_id).first_opened_at is None


def test_a_stopped_link_is_410(app, client, invite, make_account):
    invitation_id, token = invite(make_account("iro"))
    with app.app_context():
        db.session.get(Invitation, invitation_id).revoked_at = utcnow()
        db.session.commit()
    assert client.get(f"/i/{token}").status_code == 410


def test_the_link_can_open_in_another_language_of_the_questionnaire(app, client, invite, make_account):
    invitation_id, token = invite(make_account("iro"), questionnaire=PARENT, audience="parent")
    page = client.get(f"/i/{token}?lang=xx").get_data(as_text=True)  # not one of its languages: its first language
    client.post(f"/i/{token}?lang=xx", data={"csrf_token": csrf_token(page), "question_id": "involved", "value": "yes"})
    assert conversation_of(app, invitation_id).language == "en"


@pytest.fixture
def limited_app(_schema):
    app = make_app(_schema, RATELIMIT_ENABLED=True, RATELIMIT_INVITATION="3 per minute")
    yield app


def test_opening_links_is_rate_limited(limited_app):
    client = limited_app.test_client()
    codes = [client.get("/i/" + "B" * 43).status_code for _ in range(4)]
    assert codes == [404, 404, 404, 429]
