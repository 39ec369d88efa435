"""The "Make an invitation" form with the real questionnaires: its defaults
agree, the list is grouped by who it is for, and a mismatch is refused in words."""

from __future__ import annotations

import html5lib
import pytest

from feedback_app.extensions import db
from feedback_app.models import Invitation
from tests.conftest import csrf_token
from tests.feedback_app.auth.staff_helpers import sign_in_quickly

NS = {"h": "http://www.w3.org/1999/xhtml"}


@pytest.fixture
def app_settings() -> dict[str, object]:
    return {"PUBLIC_BASE_URL": "https://feedback.example"}  # the questionnaires in questionnaires/


def form(client):
    html = client.get("/staff/invitations/new").get_data(as_text=True)
    return html, html5lib.parse(html)


def chosen(select) -> str:
    """What a browser submits for a <select>: the selected option, else the first."""
    options = select.findall(".//h:option", NS)
    picked = [o for o in options if "selected" in o.attrib] or options
    return picked[0].get("value")


def test_the_forms_own_defaults_make_an_invitation(app, client, make_account):
    sign_in_quickly(app, client, make_account("iro"))
    html, page = form(client)
    audience = chosen(page.find(".//h:select[@id='audience']", NS))
    questionnaire = chosen(page.find(".//h:select[@id='questionnaire']", NS))
    response = client.post("/staff/invitations/new", data={
        "csrf_token": csrf_token(html), "audience": audience, "questionnaire": questionnaire, "review_date": "2026-05-12",
    })  # fmt: skip
    assert response.status_code == 303, response.get_data(as_text=True)
    with app.app_context():
        assert db.session.scalars(db.select(Invitation.audience)).all() == [audience]


def test_the_questionnaires_are_grouped_by_audience_and_named_in_words(app, client, make_account):
    sign_in_quickly(app, client, make_account("iro"))
    _, page = form(client)
    select = page.find(".//h:select[@id='questionnaire']", NS)
    groups = {g.get("label"): [o.get("data-audience") for o in g.findall("h:option", NS)] for g in select.findall("h:optgroup", NS)}
    assert list(groups) == ["For children and young people", "For parents", "For carers"]
    assert [set(audiences) for audiences in groups.values()] == [{"child"}, {"parent"}, {"carer"}]
    labels = [o.text for o in select.findall(".//h:option", NS)]
    assert "Before my review (young people 12-18, before the review)" in labels
    assert not [label for label in labels if "-review" in label or "young-person" in label]


def test_a_mismatch_is_refused_naming_questionnaires_in_words_not_ids(app, client, make_account):
    sign_in_quickly(app, client, make_account("iro"))
    html, _ = form(client)
    response = client.post("/staff/invitations/new", data={
        "csrf_token": csrf_token(html), "audience": "child", "questionnaire": "carer-before-review", "review_date": "2026-05-12",
    })  # fmt: skip
    text = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "“Before the review (carers, before the review)” is for a carer, not a child or young person" in text
    assert "Before my review (young people 12-18, before the review)" in text
    errors = text[text.index("is for a carer"):]
    assert "carer-before-review" not in errors.split("</")[0]


def test_the_invitations_list_and_page_name_the_questionnaire_in_words(app, client, make_account):
    sign_in_quickly(app, client, make_account("iro"))
    html, _ = form(client)
    location = client.post("/staff/invitations/new", data={
        "csrf_token": csrf_token(html), "audience": "child", "questionnaire": "young-person-before-review",
        "review_date": "2026-05-12",
    }).headers["Location"]  # fmt: skip
    for page in (client.get("/staff/invitations"), client.get(location)):
        text = page.get_data(as_text=True)
        assert "Before my review (young people 12-18, before the review)" in text
        assert "young-person-before-review" not in text
