"""The chat with JavaScript: every step through the JSON API, with no page reload."""

from __future__ import annotations

import re

import pytest

from tests.browser import steps

pytestmark = pytest.mark.browser


def test_a_young_person_finishes_on_a_phone_without_any_page_reload(phone):
    documents = []
    phone.on("request", lambda r: r.resource_type == "document" and documents.append(r.url))
    steps.start(phone)
    assert len(documents) == 1  # /start shows the first screen; the first answer begins the conversation
    phone.evaluate("window.stillTheFirstPage = true")
    phone.evaluate("document.querySelector('#log .bubble').stillTheFirstBubble = true")
    bubbles = phone.locator("#log .bubble").count()
    assert re.search(r"answered 0 of about \d+", phone.inner_text("#progress-text"))

    steps.answer(phone)

    # The log grew by the new messages only: the first bubble is the same node.
    assert phone.locator("#log .bubble").count() > bubbles
    assert phone.evaluate("document.querySelector('#log .bubble').stillTheFirstBubble") is True
    assert phone.locator("#log .bubble-person").count() == 1
    assert re.search(r"answered 1 of about \d+", phone.inner_text("#progress-text"))
    # Focus moved to the next question's first control.
    assert phone.evaluate("document.getElementById('answer-form').contains(document.activeElement)")

    steps.answer_all(phone)
    assert phone.evaluate("document.activeElement.id") == "review-title"
    assert phone.is_hidden("#progress")
    steps.press(phone, True, "submit")

    assert steps.step(phone) == "submitted:"
    assert phone.evaluate("window.stillTheFirstPage") is True
    assert len(documents) == 1, f"the page was reloaded: {documents}"
    assert phone.evaluate("location.pathname").startswith("/c/")  # the page took the conversation's address
    assert phone.locator("form").count() == 0
    assert phone.locator("#log .bubble").count() == 1
    assert "Thank you" in phone.inner_text("#log")
    assert phone.evaluate("document.activeElement === document.querySelector('#log .bubble')")
    # The thank-you is read once, from focus, not a second time by the log.
    assert phone.get_attribute("#log", "aria-live") == "off"


def test_one_answer_form_at_every_step(phone):
    steps.start(phone)
    while steps.step(phone).startswith("open:"):
        assert phone.locator("form").count() == 1
        assert phone.locator("[role=log]").count() == 1
        steps.answer(phone)
    assert phone.locator("form").count() == 1


def test_go_back_shows_the_earlier_answer_and_changes_it(phone):
    steps.start(phone)
    first = steps.step(phone)
    steps.answer(phone, choice=0)  # "Great"
    second = steps.step(phone)

    steps.follow(phone, True, "#answer-form a[data-change]")  # Go back
    assert steps.step(phone) == first
    assert phone.get_attribute("#answer-form .choice[aria-pressed=true]", "value") == "great"
    assert "Change your answer" in phone.inner_text("#answer-form legend")

    steps.answer(phone, choice=1)  # "Good"
    assert steps.step(phone) == second
    assert "Good" in phone.locator("#log .bubble-person").first.inner_text()
    assert phone.locator("#log .bubble-person").count() == 1


def test_finish_now_then_change_an_answer_in_the_review_then_send(phone):
    steps.start(phone)
    steps.answer(phone, choice=0)
    steps.answer(phone, choice=0)
    steps.press(phone, True, "finish")
    assert steps.step(phone) == "review:"
    rows = phone.locator(".summary-row")
    assert rows.count() == 2
    assert phone.locator("#answer-form button[value=resume]").count() == 1

    steps.follow(phone, True, ".summary-row >> nth=0 >> a.change-link")
    assert steps.step(phone).startswith("open:")
    assert phone.locator("form").count() == 1
    steps.answer(phone, choice=4)  # "Bad"
    assert steps.step(phone) == "review:"
    assert "Bad" in rows.first.inner_text()

    steps.press(phone, True, "submit")
    assert steps.step(phone) == "submitted:"
    assert phone.locator("form").count() == 0


def test_keep_my_answer_returns_without_changing_anything(phone):
    steps.start(phone)
    steps.answer(phone, choice=0)
    second = steps.step(phone)
    steps.follow(phone, True, "#answer-form a[data-change]:not([data-change=''])")
    steps.follow(phone, True, "#answer-form a[data-change='']")
    assert steps.step(phone) == second
    assert "Great" in phone.locator("#log .bubble-person").first.inner_text()


def test_an_answer_the_api_refuses_shows_why_and_keeps_what_was_typed(pages, phone):
    pages.expected_errors.append(steps.HTTP_4XX)
    steps.start(phone)
    while steps.question_type(phone) != "free_text":
        steps.answer(phone)
    where = steps.step(phone)
    limit = int(phone.get_attribute("#answer-text", "maxlength"))
    too_long = "I like my carer. " * (limit // 17 + 2)
    # The maxlength attribute stops typing; a paste or an old browser may not.
    phone.evaluate("text => { document.getElementById('answer-text').value = text; }", too_long)
    phone.click("#answer-form button[value=answer]")

    alert = phone.locator("#answer-error[role=alert]")
    alert.wait_for()
    assert "bit long" in alert.inner_text()
    assert phone.input_value("#answer-text") == too_long
    assert phone.get_attribute("#answer-text", "aria-invalid") == "true"
    assert "answer-error" in phone.get_attribute("#answer-text", "aria-describedby")
    assert steps.step(phone) == where

    steps.answer(phone, text="Short and sweet.")
    assert phone.locator("#answer-error").count() == 0
    assert steps.step(phone) != where


def test_choosing_nothing_in_a_multiple_choice_question_is_explained(pages, phone):
    pages.expected_errors.append(steps.HTTP_4XX)
    steps.start(phone)
    while steps.question_type(phone) != "multi_choice":
        steps.answer(phone)
    phone.click("#answer-form button[value=answer]")
    phone.locator("#answer-error[role=alert]").wait_for()
    assert "choose" in phone.inner_text("#answer-error").lower()


def test_without_the_api_the_form_is_posted_the_ordinary_way(pages, phone):
    pages.expected_errors.append(steps.NETWORK_DOWN)
    steps.start(phone)
    phone.route("**/api/v1/**", lambda route: route.abort("internetdisconnected"))
    before = steps.step(phone)
    with phone.expect_navigation():
        phone.locator("#answer-form .choice").first.click()
    assert steps.step(phone) != before
    assert phone.locator("#log .bubble-person").count() == 1


def test_read_aloud_speaks_each_bot_message_in_the_page_language(pages):
    spoken = """
        window.spoken = [];
        speechSynthesis.speak = u => window.spoken.push([u.text, u.lang]);
    """
    page = pages.open(init_script=spoken)
    steps.start(page)
    bot = page.locator("#log .bubble-bot")
    assert page.locator("#log .read-aloud").count() == bot.count() > 0
    assert page.locator("#log .bubble-person .read-aloud").count() == 0

    steps.answer(page)
    assert page.locator("#log .read-aloud").count() == bot.count()
    question = bot.last
    question.locator(".read-aloud").click()
    assert page.evaluate("window.spoken") == [[question.locator("p").inner_text(), "en"]]


def test_no_read_aloud_without_speech(pages):
    page = pages.open(init_script="delete Window.prototype.speechSynthesis; delete window.speechSynthesis;")
    steps.start(page)
    assert page.evaluate("'speechSynthesis' in window") is False
    assert page.locator("#log .bubble-bot").count() > 0
    assert page.locator(".read-aloud").count() == 0


def test_a_new_question_is_announced_once_by_the_log_only(phone):
    steps.start(phone)
    steps.answer(phone)
    question = phone.locator("#log .bubble-bot").last.locator("p").inner_text()
    # Nothing else that speaks by itself holds the question's words...
    live = phone.evaluate(
        """() => Array.from(document.querySelectorAll('[aria-live], [role=alert], [role=status]'))
                 .filter(e => e.id !== 'log').map(e => e.textContent)"""
    )
    assert not [text for text in live if question in text]
    # ...and nor does what focus lands on: the control and its group's legend.
    focused = phone.evaluate(
        """() => { const e = document.activeElement, group = e.closest('fieldset');
                   const label = e.labels && e.labels.length ? e.labels[0].textContent : '';
                   return [e.textContent, label, group ? group.querySelector('legend').textContent : ''].join(' '); }"""
    )
    assert question not in focused


def test_answers_sent_without_javascript_are_kept_when_javascript_carries_on(pages):
    without = pages.open(javascript=False)
    steps.start(without)
    while steps.question_type(without) != "free_text":
        steps.answer(without, javascript=False)
    steps.answer(without, javascript=False, text="Two lines:\nthis one too.")
    link = without.url.split("#")[0]

    page = pages.open()
    page.goto(link)
    page.evaluate("document.querySelectorAll('#log .bubble').forEach(b => { b.seenBefore = true; })")
    before = page.locator("#log .bubble").count()
    steps.answer(page)
    kept = page.evaluate("Array.from(document.querySelectorAll('#log .bubble')).filter(b => b.seenBefore).length")
    assert kept == before


def test_skip_moves_on_and_the_log_says_it_was_skipped(phone):
    steps.start(phone)
    first = steps.step(phone)
    steps.press(phone, True, "skip")
    assert steps.step(phone) != first
    assert phone.locator("#log .bubble-person").last.get_attribute("data-kind") == "skipped"


def test_carry_on_after_finish_now_asks_the_questions_left(phone):
    steps.start(phone)
    steps.answer(phone)
    second = steps.step(phone)
    steps.press(phone, True, "finish")
    steps.press(phone, True, "resume")
    assert steps.step(phone) == second
    assert phone.is_visible("#progress")
    assert phone.locator("form").count() == 1


def test_a_conversation_sent_from_another_device_says_so_and_keeps_the_page(pages, phone):
    pages.expected_errors.append(steps.HTTP_4XX)
    steps.start(phone)
    steps.answer(phone)  # the first answer begins the conversation
    api = phone.get_attribute("#answer-form", "data-api")
    for action in ("finish", "submit"):
        assert phone.request.post(f"{api}/{action}", data={}).ok
    where = steps.step(phone)
    phone.locator("#answer-form .choice").first.click()
    phone.locator("#answer-error[role=alert]").wait_for()
    assert "already been sent" in phone.inner_text("#answer-error")
    assert steps.step(phone) == where
