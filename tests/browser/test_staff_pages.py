"""Staff pages as a person sees them, at 360 px and 1280 px (issue 11, items 13-23):
the invitation form's list follows the audience, staff home says what is waiting,
and axe finds nothing on either."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from feedback_app.auth.accounts import create_user
from feedback_app.extensions import db
from tests.browser.test_accessibility import assert_accessible

pytestmark = pytest.mark.browser

PASSWORD = "a long and unusual staff passphrase"
WIDTHS = [360, 1280]


@pytest.fixture
def staff(live_app):
    with live_app.app_context():
        for role in ("iro", "iro_manager"):
            create_user(f"{role}@council.example", role, PASSWORD, f"Pat the {role}")
        db.session.commit()
    return lambda role: f"{role}@council.example"


def signed_in(pages, email: str, width: int, javascript: bool = True):
    page = pages.open(width=width, height=800, javascript=javascript)
    page.goto("/staff/login")
    page.fill("#email", email)
    page.fill("#password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_load_state()
    assert page.url.endswith("/staff/"), page.locator("main").inner_text()
    return page


def shown_questionnaires(page) -> list[str]:
    return page.eval_on_selector_all("#questionnaire option", "os => os.filter(o => !o.hidden).map(o => o.dataset.audience)")


@pytest.mark.parametrize("width", WIDTHS)
def test_with_javascript_the_questionnaire_list_follows_the_audience(pages, staff, width):
    page = signed_in(pages, staff("iro"), width)
    page.goto("/staff/invitations/new")
    assert set(shown_questionnaires(page)) == {"child"}
    page.select_option("#audience", "parent")
    assert set(shown_questionnaires(page)) == {"parent"}
    assert page.eval_on_selector("#questionnaire", "s => s.selectedOptions[0].dataset.audience") == "parent"
    assert "-review" not in page.locator("#questionnaire").inner_text()
    assert_accessible(page, f"on the invitation form ({width}px)")
    page.fill("#review_date", (date.today() + timedelta(days=10)).isoformat())
    page.click("form.staff-form button[type=submit]")
    page.wait_for_load_state()
    assert "Invitation made" in page.locator("main").inner_text()
    assert "(parents, " in page.locator("main").inner_text()


@pytest.mark.parametrize("width", WIDTHS)
def test_without_javascript_the_forms_defaults_make_an_invitation(pages, staff, width):
    page = signed_in(pages, staff("iro"), width, javascript=False)
    page.goto("/staff/invitations/new")
    assert page.locator("#questionnaire optgroup").count() == 3
    page.fill("#review_date", (date.today() + timedelta(days=10)).isoformat())
    page.click("form.staff-form button[type=submit]")
    page.wait_for_load_state()
    assert "Invitation made" in page.locator("main").inner_text(), page.locator("main").inner_text()


@pytest.mark.parametrize("width", WIDTHS)
def test_staff_home_says_what_is_waiting_and_passes_axe(pages, staff, width):
    page = signed_in(pages, staff("iro_manager"), width)
    waiting = page.locator(".staff-card-waiting")
    assert "No requests to follow up" in waiting.all_inner_texts()
    assert waiting.first.is_visible()
    assert_accessible(page, f"on staff home ({width}px)")


def test_every_staff_page_prints_without_navigation_sign_out_or_filters_and_a_readable_header(pages, staff):
    page = signed_in(pages, staff("iro_manager"), 1280)
    links = page.eval_on_selector_all(".staff-card a", "as => as.map(a => a.getAttribute('href'))")
    assert len(links) >= 5
    page.emulate_media(media="print")
    for link in ["/staff/", *links]:
        page.goto(link)
        assert not page.locator(".staff-bar").is_visible(), link
        shown = page.eval_on_selector_all(
            "main nav, main form, main button, .staff-pagination",
            "els => els.filter(e => e.getClientRects().length > 0).map(e => e.outerHTML.slice(0, 80))",
        )
        assert shown == [], f"{link} prints {shown}"
        colours = page.eval_on_selector(
            ".site-name", "e => [getComputedStyle(e).color, getComputedStyle(e.closest('header')).backgroundColor]"
        )
        assert colours == ["rgb(0, 0, 0)", "rgba(0, 0, 0, 0)"], f"{link}: header {colours}"
