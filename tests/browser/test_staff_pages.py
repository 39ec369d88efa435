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


def _said_and_requests(live_app, anonymous_requests: int = 40) -> int:
    """Sent conversations with written answers, quotable, and many anonymous requests; returns one conversation's id."""
    from feedback_app.conversation import service as conversations
    from feedback_app.models import StaffTask
    from tests.feedback_app.responses.builders import converse

    with live_app.app_context():
        first = converse("young-person-before-review", {
            "going_well": "My IRO really listens to me and explains what is happening at my review.",
            "worries": "I miss my mum and I want to go home.", "quote": "yes",
        })  # fmt: skip
        converse("young-person-before-review", {  # the same words again, as another child might write them
            "going_well": "my IRO REALLY listens to me, and explains what is happening at my review!!", "quote": "yes",
        })  # fmt: skip
        for _ in range(anonymous_requests):
            conversation = conversations.new("young-person-before-review")
            db.session.add(StaffTask(kind="talk_to_iro", conversation_id=conversation.id, question_id="talk_to_iro"))
        db.session.commit()
    return first


@pytest.mark.parametrize("width", WIDTHS)
def test_many_anonymous_requests_make_a_short_page_with_one_noted_for_all(pages, staff, live_app, width):
    _said_and_requests(live_app)
    page = signed_in(pages, staff("iro_manager"), width)
    page.goto("/staff/tasks")
    assert "40 open: 0 from people you can contact, 40 anonymous." in page.locator("#task-counts").inner_text()
    height = page.evaluate("document.documentElement.scrollHeight")
    assert height < 3000, f"the requests page is {height}px tall at {width}px"
    assert page.locator("textarea").count() == 0
    assert_accessible(page, f"on the requests page ({width}px)")
    page.click("text=Note all 40 anonymous requests")
    page.wait_for_load_state()
    assert "40 anonymous requests noted." in page.locator("main").inner_text()
    assert "0 open" in page.locator("#task-counts").inner_text()


@pytest.mark.parametrize("width", WIDTHS)
def test_a_conversation_reads_in_words_with_the_why_behind_a_toggle(pages, staff, live_app, width):
    conversation_id = _said_and_requests(live_app, anonymous_requests=0)
    page = signed_in(pages, staff("iro_manager"), width)
    page.goto(f"/staff/responses/{conversation_id}")
    analysis = page.locator("#answer-worries aside")
    shown = analysis.inner_text()
    assert "polarity" not in shown and "theme:" not in shown and "family_contact" not in shown
    why = analysis.locator("details")
    assert not why.locator("li").first.is_visible()
    why.locator("summary").click()
    assert why.locator("li").first.is_visible()
    assert "is about family contact" in why.inner_text()
    assert_accessible(page, f"on a conversation ({width}px)")


@pytest.mark.parametrize("width", WIDTHS)
def test_the_dashboard_and_quote_bank_pass_axe_and_the_bank_says_who_wrote_each_quote_once(pages, staff, live_app, width):
    _said_and_requests(live_app, anonymous_requests=0)
    page = signed_in(pages, staff("iro_manager"), width)
    page.goto("/staff/dashboard")
    assert page.locator("#recent tbody tr").count() >= 1
    assert "started, " in page.locator("#chart-over-time-desc").text_content()
    assert_accessible(page, f"on the dashboard ({width}px)")
    page.goto("/staff/quotes")
    page.click("text=Find new candidates")
    page.wait_for_load_state()
    words = page.locator(".quote-words").all_inner_texts()
    assert sum("really listens to me" in w for w in words) == 1, words
    assert "A young person, aged 12 to 18" in page.locator(".quote-author").all_inner_texts()
    assert_accessible(page, f"on the quote bank ({width}px)")


@pytest.mark.parametrize("width", WIDTHS)
def test_the_demo_mailbox_is_named_on_the_queue_and_the_alert_in_words(pages, live_app, monkeypatch, tmp_path, width):
    from tests.feedback_app.responses.builders import converse

    monkeypatch.setitem(live_app.config, "MAIL_FOLDER", str(tmp_path / "mail"))
    monkeypatch.setitem(live_app.config, "SAFEGUARDING_EMAIL_TO", "safeguarding@example.org")
    with live_app.app_context():
        create_user("lead@council.example", "safeguarding_lead", PASSWORD, "Lee the lead")
        converse("young-person-before-review", {"going_well": "My carer hits me and I am scared to go home."})
        db.session.commit()
    page = signed_in(pages, "lead@council.example", width)
    page.goto("/staff/safeguarding")
    queue = page.locator("main").inner_text()
    assert "Sent to the demo mailbox" in queue and "Not sent" not in queue
    assert "Before my review (young people 12-18, before the review)" in queue and "young-person-before-review" not in queue
    assert_accessible(page, f"on the safeguarding queue ({width}px)")
    page.locator("main a[href^='/staff/safeguarding/']").first.click()
    page.wait_for_load_state()
    assert "Sent to the demo mailbox: " in page.locator("#email-status").inner_text()
    assert list((tmp_path / "mail").glob("safeguarding-alert-*.eml"))
    assert_accessible(page, f"on an alert ({width}px)")
