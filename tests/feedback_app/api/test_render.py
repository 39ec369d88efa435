"""`render=chat`: the API brings the chat page's parts, drawn by the page's own templates."""

import re

import html5lib
import pytest
from sqlalchemy import func, select

from feedback_app.extensions import db
from feedback_app.models import Answer

QID = "young-person-before-review"


@pytest.fixture
def token(client):
    return client.post("/api/v1/conversations", json={"questionnaire": QID}).json["token"]


def plain(nodes) -> str:
    """Parsed markup, serialised the same way whichever page it came from, without the
    page-load anchor (#latest) and welcome back, and with white space folded."""
    markup = "".join(node.toxml() for node in nodes).replace(' id="latest"', "").replace("<span/>", "")
    # The welcome back is for a page load only, as the anchor is.
    markup = re.sub(r'<p class="welcome-back"[^>]*>[^<]*</p>', "", markup)
    # Each form drawn has its own one-time answer id, and a CSRF token signed with the time.
    markup = re.sub(r'<input[^>]*name="(answer_key|csrf_token)"[^>]*/>', r"<input \1/>", markup)
    return re.sub(r"\s+", " ", markup).replace("> <", "><").strip()


def element(html: str, element_id: str):
    page = html5lib.parse(html, treebuilder="dom")
    [found] = [e for e in page.getElementsByTagName("*") if e.getAttribute("id") == element_id]
    return found


def drawn(part: str) -> str:
    return plain(html5lib.parseFragment(part, treebuilder="dom").childNodes)


def test_the_answer_area_and_log_are_the_markup_the_page_itself_draws(client, token):
    first = client.get(f"/api/v1/conversations/{token}").json["question"]
    client.post(f"/api/v1/conversations/{token}/answers", json={"question_id": first["id"], "skip": True})
    page = client.get(f"/c/{token}").get_data(as_text=True)
    parts = client.get(f"/api/v1/conversations/{token}?render=chat").json["html"]
    assert drawn(parts["answer_area"]) == plain(element(page, "answer-area").childNodes)
    assert drawn(parts["log"]) == plain(element(page, "log").childNodes)
    assert drawn(parts["progress"]) == plain([element(page, "progress")])


def test_without_render_the_state_has_no_markup(client, token):
    assert "html" not in client.get(f"/api/v1/conversations/{token}").json


def test_an_unknown_rendering_is_refused_before_anything_is_stored(app, client, token):
    first = client.get(f"/api/v1/conversations/{token}").json["question"]
    response = client.post(
        f"/api/v1/conversations/{token}/answers?render=pdf", json={"question_id": first["id"], "skip": True}
    )
    assert response.status_code == 400 and "render" in response.json["error"]
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Answer)) == 0
