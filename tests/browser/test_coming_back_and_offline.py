"""Nothing a child does is lost: a GET stores nothing, coming back opens where
they were with a welcome back, a half-typed answer is kept on the phone, and
an answer sent with no signal waits, is sent by itself once the connection
returns, and is stored once (issue 11, items 1, 3 and 4)."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from feedback_app.extensions import db
from feedback_app.models import Answer, AnswerReceipt, Conversation
from tests.browser import steps
from tests.browser.test_accessibility import assert_accessible

pytestmark = pytest.mark.browser

NO_SIGNAL = "No signal. We'll send this when you're back online."
WIDTHS = [360, 1280]


def count(app, model) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(model))


def in_view(page, selector: str) -> bool:
    return page.evaluate(
        """selector => {
            const box = document.querySelector(selector).getBoundingClientRect();
            return box.top >= 0 && box.top < window.innerHeight;
        }""",
        selector,
    )


def moved_from(page, before: str) -> None:
    page.wait_for_function(
        """before => {
            const area = document.getElementById("answer-area");
            return !area.dataset.busy && area.dataset.status + ":" + area.dataset.question !== before;
        }""",
        arg=before,
    )


def to_free_text(page, javascript: bool = True) -> None:
    while steps.question_type(page) != "free_text":
        steps.answer(page, javascript)


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("javascript", [True, False], ids=["js-on", "js-off"])
def test_opening_and_reopening_the_start_link_stores_nothing_then_offers_to_carry_on(pages, live_app, width, javascript):
    # axe is itself a script, so "JavaScript off" is the page without chat.js (as in test_accessibility).
    page = pages.open(width=width, chat_js=javascript)
    for _ in range(2):
        steps.start(page)
    assert steps.step(page).startswith("open:")
    assert count(live_app, Conversation) == 0
    steps.answer(page, javascript)
    steps.answer(page, javascript)
    assert count(live_app, Conversation) == 1

    steps.start(page)  # the same link, tapped again on the same phone
    assert page.locator("#carry-on").is_visible() and count(live_app, Conversation) == 1
    assert_accessible(page, f"offering to carry on ({width}px)")
    with page.expect_navigation():
        page.click("#carry-on")
    # Where they left off, greeted, with the open question on screen.
    assert "Welcome back" in page.inner_text("#welcome-back")
    assert in_view(page, "#welcome-back") and in_view(page, "#answer-form")
    assert page.locator("#log .bubble-person").count() == 2
    assert_accessible(page, f"welcomed back ({width}px)")


@pytest.mark.parametrize("width", WIDTHS)
def test_a_half_typed_answer_is_kept_on_the_phone_and_put_back(pages, width):
    page = pages.open(width=width)
    steps.start(page)
    to_free_text(page)
    page.fill("#answer-text", "I was going to say that")
    page.reload()
    assert page.input_value("#answer-text") == "I was going to say that"
    assert in_view(page, "#answer-form")
    # Once sent, the phone forgets it.
    steps.act(page, True, lambda: page.click("#answer-form button[value=answer]"))
    kept = page.evaluate("Object.keys(localStorage).filter(k => k.startsWith('chat-draft:'))")
    assert kept == []


@pytest.mark.parametrize("width", WIDTHS)
def test_with_no_signal_an_answer_waits_on_the_phone_and_is_sent_once_when_back(pages, live_app, width):
    pages.expected_errors.append(steps.NETWORK_DOWN)
    page = pages.open(width=width)
    steps.start(page)
    steps.answer(page)  # the first answer begins the conversation
    to_free_text(page)
    answered = count(live_app, Answer)
    before = steps.step(page)

    page.context.set_offline(True)
    page.fill("#answer-text", "Sent with no signal")
    page.click("#answer-form button[value=answer]")
    page.locator("#no-signal").wait_for()
    assert page.inner_text("#no-signal") == NO_SIGNAL
    assert in_view(page, "#no-signal")
    assert steps.step(page) == before and page.input_value("#answer-text") == "Sent with no signal"
    assert page.evaluate("JSON.parse(Object.entries(localStorage).find(([k]) => k.startsWith('chat-queue:'))[1]).length") == 1
    assert count(live_app, Answer) == answered
    assert_accessible(page, f"with no signal ({width}px)")

    page.context.set_offline(False)  # the signal returns: it is sent by itself
    moved_from(page, before)
    assert page.locator("#no-signal").count() == 0
    assert count(live_app, Answer) == answered + 1
    assert count(live_app, AnswerReceipt) == count(live_app, Answer)
    assert "Sent with no signal" in page.inner_text("#log")
    assert page.evaluate("Object.keys(localStorage).filter(k => k.startsWith('chat-queue:'))") == []


def test_an_answer_that_arrived_but_whose_reply_was_lost_is_not_stored_twice(pages, live_app):
    pages.expected_errors.append(steps.NETWORK_DOWN)
    page = pages.open()
    steps.start(page)
    steps.answer(page)
    before = steps.step(page)
    stored = count(live_app, AnswerReceipt)

    def reply_lost(route):
        route.fetch()  # the server gets it and stores it...
        route.abort("internetdisconnected")  # ...but the phone never hears back

    page.route("**/answers*", reply_lost)
    page.locator("#answer-form .choice").first.click()
    page.locator("#no-signal").wait_for()
    assert count(live_app, AnswerReceipt) == stored + 1
    page.unroute("**/answers*")
    page.evaluate("window.dispatchEvent(new Event('online'))")
    moved_from(page, before)
    # Resent with the same id: accepted, and not stored a second time.
    assert count(live_app, AnswerReceipt) == stored + 1
    assert page.locator("#log .bubble-person").count() == 2


@pytest.mark.parametrize("width", WIDTHS)
def test_a_first_answer_sent_with_no_signal_survives_a_reload_and_is_sent_once(pages, live_app, width):
    pages.expected_errors.append(steps.NETWORK_DOWN)
    page = pages.open(width=width)
    steps.start(page)
    first_screen = page.evaluate("location.pathname")
    page.context.set_offline(True)
    page.locator("#answer-form .choice").first.click()
    page.locator("#no-signal").wait_for()
    assert page.inner_text("#no-signal") == NO_SIGNAL
    kept = f"localStorage.getItem('chat-first:{first_screen}')"
    assert page.evaluate(kept) is not None
    assert count(live_app, Conversation) == 0

    # The signal comes back but the post still fails (a weak signal): it stays kept, across a reload.
    def no_post(route):
        if route.request.method == "POST":
            route.abort("internetdisconnected")
        else:
            route.continue_()

    page.route(f"**{first_screen}*", no_post)
    page.context.set_offline(False)
    page.reload()
    page.wait_for_function(f"() => {kept} !== null && !document.getElementById('answer-area').hasAttribute('data-busy')")
    assert count(live_app, Conversation) == 0

    page.unroute(f"**{first_screen}*")
    page.evaluate("window.dispatchEvent(new Event('online'))")
    page.wait_for_function("() => location.pathname.startsWith('/c/')")
    assert page.evaluate(kept) is None
    assert count(live_app, Conversation) == 1 and count(live_app, Answer) == 1
    page.evaluate("window.dispatchEvent(new Event('online'))")  # nothing is left to send twice
    page.reload()
    assert count(live_app, Conversation) == 1 and count(live_app, Answer) == 1
