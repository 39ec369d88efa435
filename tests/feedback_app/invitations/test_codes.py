"""The short code typed at /code instead of the long link (issue 11, item 12)."""

from __future__ import annotations

import re

import pytest

from feedback_app.extensions import db
from feedback_app.invitations import codes, service
from feedback_app.models import Invitation
from tests.conftest import csrf_token, fresh_app
from tests.feedback_app.auth.staff_helpers import sign_in_quickly
from tests.feedback_app.invitations.helpers import QUESTIONNAIRES

UNAMBIGUOUS = re.compile(r"[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}")


def code_of(app, invitation_id: int) -> str:
    with app.app_context():
        return service.short_code(db.session.get(Invitation, invitation_id))


def type_code(client, typed: str):
    page = client.get("/code").get_data(as_text=True)
    return client.post("/code", data={"csrf_token": csrf_token(page), "code": typed})


def test_a_code_is_eight_characters_with_no_letter_a_child_could_misread(app, invite, make_account):
    invitation_id, _ = invite(make_account("iro"))
    code = code_of(app, invitation_id)
    assert UNAMBIGUOUS.fullmatch(code)
    assert not set(code) & set("ILOU")


def test_typing_the_code_opens_the_invitations_link(app, client, invite, make_account):
    invitation_id, token = invite(make_account("iro"))
    response = type_code(client, code_of(app, invitation_id))
    assert response.status_code == 303 and response.headers["Location"] == f"/i/{token}"


def test_a_code_is_read_back_kindly_small_letters_spaces_and_look_alikes(app, client, invite, make_account):
    invitation_id, token = invite(make_account("iro"))
    code = code_of(app, invitation_id)
    typed = " " + code.lower().replace("-", " ").replace("1", "l").replace("0", "o") + " "
    assert type_code(client, typed).headers["Location"] == f"/i/{token}"


def test_a_wrong_code_says_so_in_words(client, invite, make_account):
    invite(make_account("iro"))
    response = type_code(client, "ZZZZ-ZZZZ")
    assert response.status_code == 422
    assert "That code doesn&#39;t work" in response.get_data(as_text=True)


def test_the_code_is_stored_only_as_a_keyed_hash(app, invite, make_account):
    invitation_id, _ = invite(make_account("iro"))
    code = code_of(app, invitation_id).replace("-", "")
    with app.app_context():
        row = db.session.get(Invitation, invitation_id)
        assert row.code_hash == codes.code_hash(code) and code not in row.code_hash
        import hashlib

        assert row.code_hash != hashlib.sha256(code.encode()).hexdigest()


def test_a_code_stops_working_when_its_invitation_expires_or_is_stopped(app, client, clock, invite, make_account):
    expiring, _ = invite(make_account("iro"))
    stopped, _ = invite(make_account("iro"))
    expiring_code, stopped_code = code_of(app, expiring), code_of(app, stopped)
    with app.app_context():
        db.session.get(Invitation, stopped).revoked_at = clock.now()
        db.session.commit()
    assert type_code(client, stopped_code).status_code == 422
    clock.advance(days=61)
    assert type_code(client, expiring_code).status_code == 422


def test_the_print_page_offers_the_code_at_the_short_address(app, client, invite, make_account):
    iro = make_account("iro")
    invitation_id, token = invite(iro)
    sign_in_quickly(app, client, iro)
    html = client.get(f"/staff/invitations/{invitation_id}/print").get_data(as_text=True)
    assert "https://feedback.example/code" in html and code_of(app, invitation_id) in html
    assert "Or type this link" not in html


def test_wrong_codes_are_rate_limited_per_address(_schema):
    with fresh_app(
        _schema, QUESTIONNAIRES_DIR=str(QUESTIONNAIRES), RATELIMIT_ENABLED=True, RATELIMIT_CODE="3 per hour"
    ) as app:
        client = app.test_client()
        statuses = [type_code(client, "ZZZZ-ZZZZ").status_code for _ in range(4)]
    assert statuses == [422, 422, 422, 429]


@pytest.mark.parametrize("typed", ["", "ABC", "ABCD-EFGH-IJKL", "ÅBCD-EFGH", "x" * 100])
def test_anything_that_cannot_be_a_code_is_refused_without_a_lookup(typed):
    assert codes.normalised(typed) is None
