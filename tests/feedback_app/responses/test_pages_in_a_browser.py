"""The reporting pages in Chromium: WCAG 2.2 AA by axe-core, nothing wider than a 320px
phone, and no error in the browser (a Content-Security-Policy breach shows as one).

The browser fixtures come from tests/browser/fixtures.py; `live_app` is
replaced here to serve the test questionnaires.
"""

from __future__ import annotations

import pytest
from sqlalchemy import select

from feedback_app.access import COMMAND_LINE
from feedback_app.auth.accounts import create_user
from feedback_app.extensions import db
from feedback_app.models import BankedQuote, YouSaidWeDid
from feedback_app.quotes import service
from tests.browser.test_accessibility import assert_accessible
from tests.conftest import make_app
from tests.feedback_app.auth.staff_helpers import PASSWORD
from tests.feedback_app.responses.builders import (
    COMPLAINT,
    DISCLOSURE,
    HOME,
    PRAISE,
    SETTINGS,
    YOUNG_PEOPLE,
    converse,
)

pytestmark = pytest.mark.browser

MANAGER = "manager@council.example"
CICC = "cicc@council.example"


@pytest.fixture(scope="module")
def live_app(_schema: str):
    return make_app(_schema, **SETTINGS)


@pytest.fixture
def shown(live_app, pages) -> dict[str, int]:
    """Accounts, conversations, quotes (one approved) and a "You said, we did" entry."""
    with live_app.app_context():
        manager = create_user(MANAGER, "iro_manager", PASSWORD, "Manager")
        create_user(CICC, "cicc", PASSWORD, "CiCC member")
        for text in (PRAISE, HOME, COMPLAINT, PRAISE, HOME):
            answers = {
                "home": "good",
                "going_well": text,
                "worries": DISCLOSURE,
                "talk_about": ["home"],
                "quote": "yes",
            }
            conversation_id = converse(YOUNG_PEOPLE, answers)
        converse(YOUNG_PEOPLE, {"home": "ok"}, send=False)
        service.find_candidates(COMMAND_LINE)
        banked = db.session.scalars(select(BankedQuote).order_by(BankedQuote.id)).all()
        service.approve(banked[0], banked[0].redacted_text, manager, redaction_reviewed=True, consent_checked=True)
        entry = YouSaidWeDid(you_said="Reviews had too many people.", we_did="You choose who comes.")
        db.session.add(entry)
        db.session.commit()
        return {"conversation": conversation_id, "quote": banked[-1].id, "entry": entry.id}


def signed_in(pages, email: str, width: int):
    page = pages.open(width=width, height=900, is_mobile=width < 800, has_touch=width < 800)
    page.goto("/staff/login")
    page.fill("#email", email)
    page.fill("#password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url("**/staff/")
    return page


def check(page, path: str, width: int, status: int = 200) -> None:
    response = page.goto(path)
    assert response.status == status, path
    assert_accessible(page, f"on {path} at {width}px")
    overflow = page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"{path} is {overflow}px wider than the {width}px screen"


@pytest.mark.parametrize("width", [320, 1280])
def test_the_reporting_pages_pass_axe_and_fit_the_screen(pages, shown, width):
    page = signed_in(pages, MANAGER, width)
    for path in (
        "/staff/dashboard",
        f"/staff/dashboard?questionnaire={YOUNG_PEOPLE}",
        "/staff/responses",
        f"/staff/responses/{shown['conversation']}",
        "/staff/responses/figures",
        "/staff/quotes",
        f"/staff/quotes/{shown['quote']}",
        "/staff/cicc/you-said-we-did",
        f"/staff/cicc/you-said-we-did/{shown['entry']}",
        "/staff/report",
    ):
        check(page, path, width)
    # A filter that names no theme is refused with the form's error, and that page passes too.
    pages.expected_errors.append("Failed to load resource: the server responded with a status of 400")
    check(page, "/staff/responses?theme=not-a-theme", width, status=400)


@pytest.mark.parametrize("width", [320, 1280])
def test_the_council_view_passes_axe_and_fits_the_screen(pages, shown, width):
    check(signed_in(pages, CICC, width), "/staff/cicc", width)


def test_a_refused_approval_with_its_errors_passes_axe(pages, shown):
    page = signed_in(pages, MANAGER, 1280)
    page.goto(f"/staff/quotes/{shown['quote']}")
    page.click("button[value=approve]")
    page.locator(".staff-error-summary").wait_for()
    pages.expected_errors.append("Failed to load resource: the server responded with a status of 400")
    assert_accessible(page, "with the approval refused")
