"""A fuzz of every text input, through the API and the forms, with odd Unicode (issue 9).

Lone surrogates, NUL and other control characters, bidi overrides, 10,000
combining marks, 4-byte emoji and right-to-left text, mixed with words that
raise a safeguarding alert. After every request: no 500; an answer is stored
exactly as the doors clean it, or not at all (nothing half stored); and every
flagged answer has its alert.
"""

from __future__ import annotations

import json
import re
from urllib.parse import parse_qsl, quote

import pytest
import werkzeug.urls  # noqa: F401 - registers the werkzeug.url_quote error handler
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from feedback_app.extensions import db
from feedback_app.models import Answer, FurtherWords, SafeguardingAlert
from feedback_app.safeguarding.flags import answer_is_flagged
from feedback_app.text_input import clean
from tests.conftest import csrf_token
from tests.feedback_app.auth.staff_helpers import sign_in_quickly

QID = "young-person-before-review"
ODD_PIECES = [
    "\udc00", "\ud83d", "\udfff\ud800", "\x00", "\x01", "\x1b[31m", "\x7f", "\x85", "\r\n", "\t",
    "\u202e", "\u202d", "\u2066", "\u2069", "\u200f", "\ufeff", "\ufffe",
    "a" + "\u0301" * 10_000, "🏳️‍🌈", "😢💔", "\U0010ffff", "مرحبا", "שלום",
]  # fmt: skip
WORRYING = ["My stepdad hits me when he is drunk", "I want to kill myself", "nobody would notice if I was gone"]
SETTINGS = settings(
    max_examples=25, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.function_scoped_fixture]
)

odd_text = st.lists(
    st.one_of(st.sampled_from(ODD_PIECES), st.sampled_from(WORRYING), st.text(max_size=20)), min_size=1, max_size=6
).map("".join)


def form_body(fields: dict[str, str]) -> bytes:
    """A form post as a browser (or an attacker) could send it: lone surrogates become the bytes they would be."""
    return "&".join(
        f"{quote(key)}={quote(value.encode('utf-8', 'surrogatepass'))}" for key, value in fields.items()
    ).encode("ascii")


def flagged_answers_without_alert() -> list[int]:
    alerted = select(SafeguardingAlert.answer_id).where(SafeguardingAlert.answer_id.is_not(None))
    further = select(FurtherWords.answer_id).where(FurtherWords.answer_id.is_not(None))
    return list(
        db.session.scalars(
            select(Answer.id).where(
                Answer.analysis["concern"].as_string().is_not(None), Answer.id.not_in(alerted), Answer.id.not_in(further)
            )
        )
    )


def stored_value(conversation_token: str, question_id: str):
    from feedback_app.models import Conversation

    return db.session.scalar(
        select(Answer.value).join(Conversation).where(Conversation.token == conversation_token, Answer.question_id == question_id)
    )


def check_the_database(app) -> None:
    with app.app_context():
        assert flagged_answers_without_alert() == []
        # Every flagged answer is flagged by the same rule the pages use, and readable.
        db.session.scalars(select(Answer.id).where(answer_is_flagged())).all()
        db.session.rollback()


@given(value=odd_text)
@example(value=WORRYING[0] + " \udc00\x00 \u202e 😢")  # always one that raises an alert
@example(value=WORRYING[0] + "\u0301" * 10_000)  # too long: refused, clearly
@SETTINGS
def test_the_api_takes_any_odd_text_as_an_answer_stores_it_clean_or_not_at_all(app, client, value):
    token = client.post("/api/v1/conversations", json={"questionnaire": QID}).get_json()["token"]
    state = client.get(f"/api/v1/conversations/{token}").get_json()
    while state["question"]["type"] != "free_text":
        state = client.post(
            f"/api/v1/conversations/{token}/answers", json={"question_id": state["question"]["id"], "skip": True}
        ).get_json()
    question_id = state["question"]["id"]
    body = json.dumps({"question_id": question_id, "value": value})  # lone surrogates as \\udc00 escapes
    response = client.post(f"/api/v1/conversations/{token}/answers", data=body, content_type="application/json")
    assert response.status_code < 500
    with app.app_context():
        stored = stored_value(token, question_id)
    if response.status_code == 200:
        # As JSON reads it (two halves of a pair sent apart are one emoji again), cleaned,
        # and trimmed as the free-text handler keeps it.
        assert stored == clean(json.loads(body)["value"]).strip()
        if value.startswith(WORRYING[0] + " "):
            with app.app_context():
                assert db.session.scalar(select(SafeguardingAlert.text).where(SafeguardingAlert.text == stored))
        assert client.get(f"/c/{token}").status_code == 200
        assert client.get(f"/api/v1/conversations/{token}?render=chat").status_code == 200
    else:
        assert response.status_code in (400, 413, 422) and "error" in response.get_json()
        assert stored is None
    check_the_database(app)


@given(field=st.sampled_from(["questionnaire", "language"]), value=odd_text)
@SETTINGS
def test_the_api_refuses_odd_text_in_its_other_fields_clearly(app, client, field, value):
    body = {"questionnaire": QID, field: value}
    response = client.post("/api/v1/conversations", data=json.dumps(body), content_type="application/json")
    assert response.status_code < 500
    response = client.post("/api/v1/conversations/x/answers", data=json.dumps({"question_id": value, "value": "hi"}),
                           content_type="application/json")  # fmt: skip
    assert response.status_code < 500


@given(value=odd_text, field=st.sampled_from(["text", "value", "question_id", "action", "answer_key"]))
@example(value=f"{WORRYING[1]}\x00\udc00", field="text")  # always one that raises an alert
@SETTINGS
def test_the_chat_form_takes_any_odd_text_stores_it_clean_or_not_at_all(app, field, value):
    child = app.test_client()
    url = "/c/" + child.post("/api/v1/conversations", json={"questionnaire": QID}).get_json()["token"]
    # Skip to the first free-text question.
    for _ in range(40):
        html = child.get(url).get_data(as_text=True)
        question_id = re.search(r'name="question_id" value="([^"]+)"', html).group(1)
        if 'name="text"' in html:
            break
        child.post(url, data={"csrf_token": csrf_token(html), "question_id": question_id, "action": "skip"})
    fields = {"csrf_token": csrf_token(html), "question_id": question_id, "action": "answer", "text": "I like school"}
    fields[field] = value
    response = child.post(url, data=form_body(fields), content_type="application/x-www-form-urlencoded")
    assert response.status_code < 500
    token = url.rsplit("/", 1)[1]
    with app.app_context():
        stored = stored_value(token, question_id)
    if response.status_code == 303 and field == "text":
        # Read as werkzeug reads a form: bytes that are not UTF-8 stay percent-encoded.
        [(_, received)] = parse_qsl(form_body({"text": value}).decode("ascii"), errors="werkzeug.url_quote")
        assert stored == clean(received).strip()
    assert child.get(url).status_code == 200
    check_the_database(app)


STAFF_FORMS = [
    # (role, the page with the form, where it posts, its text fields, other fields it needs)
    (None, "/staff/login", "/staff/login", ["email", "password"], {}),
    ("iro_manager", "/staff/invitations/new", "/staff/invitations/new", ["first_name"], {"audience": "child"}),
    ("iro_manager", "/staff/cicc/you-said-we-did", "/staff/cicc/you-said-we-did", ["you_said", "we_did"], {}),
    ("admin", "/staff/users/new", "/staff/users/new", ["email", "display_name", "password", "confirm"], {"role": "iro"}),
    ("safeguarding_lead", "/staff/safeguarding/{alert}", "/staff/safeguarding/{alert}/acknowledge", ["note"], {}),
]


@pytest.fixture
def an_alert(app) -> int:
    child = app.test_client()
    token = child.post("/api/v1/conversations", json={"questionnaire": QID}).get_json()["token"]
    state = child.get(f"/api/v1/conversations/{token}").get_json()
    while state["question"]["type"] != "free_text":
        state = child.post(
            f"/api/v1/conversations/{token}/answers", json={"question_id": state["question"]["id"], "skip": True}
        ).get_json()
    child.post(f"/api/v1/conversations/{token}/answers", json={"question_id": state["question"]["id"], "value": WORRYING[0]})
    with app.app_context():
        return db.session.scalar(select(SafeguardingAlert.id))


@pytest.mark.parametrize(("role", "page", "action", "text_fields", "others"), STAFF_FORMS, ids=[f[2] for f in STAFF_FORMS])
def test_every_staff_form_takes_odd_text_without_a_500(
    app, make_account, an_alert, role, page, action, text_fields, others
):
    staff = app.test_client()
    if role is not None:
        sign_in_quickly(app, staff, make_account(role))
    page, action = page.format(alert=an_alert), action.format(alert=an_alert)

    @given(values=st.fixed_dictionaries({name: odd_text for name in text_fields}))
    @SETTINGS
    def post_odd_text(values):
        html = staff.get(page).get_data(as_text=True)
        fields = {"csrf_token": csrf_token(html), **others, **values}
        response = staff.post(action, data=form_body(fields), content_type="application/x-www-form-urlencoded")
        assert response.status_code < 500, (action, response.status_code)
        assert staff.get(page).status_code < 500

    post_odd_text()
    check_the_database(app)


@given(value=odd_text)
@example(value="\x00")  # PostgreSQL refuses text with NUL: a token's place must never reach it
@example(value="\x00" * 43)
@SETTINGS
def test_odd_text_in_a_query_string_never_gives_a_500(app, client, value):
    encoded = quote(value.encode("utf-8", "surrogatepass"))
    for path in (f"/start/{QID}?lang={encoded}", f"/c/{encoded}", f"/i/{encoded}", f"/api/v1/conversations/{encoded}"):
        assert client.get(path).status_code < 500, path
