"""The chat with JavaScript off: every step is a form post, a redirect, then a page."""

from __future__ import annotations

import re

import pytest

from tests.browser import steps

pytestmark = pytest.mark.browser


def test_a_young_person_finishes_with_javascript_off(phone_without_js):
    page = phone_without_js
    exchanges = []
    page.on("response", lambda r: r.request.resource_type == "document" and exchanges.append((r.request.method, r.status, r.url)))
    steps.start(page)
    asked = steps.answer_all(page, javascript=False)
    steps.press(page, False, "submit")

    assert steps.step(page) == "submitted:"
    assert page.locator("form").count() == 0
    assert "Thank you" in page.inner_text("#log")
    assert page.locator(".read-aloud").count() == 0
    # Post, redirect, get: every post answered 303 and was followed by a GET.
    posts = [i for i, (method, _, _) in enumerate(exchanges) if method == "POST"]
    assert len(posts) == len(asked) + 1
    for i in posts:
        assert exchanges[i][1] == 303, exchanges[i]
        method, status, url = exchanges[i + 1]
        assert (method, status) == ("GET", 200)
        assert re.search(r"/c/[\w-]+$", url)


def test_go_back_and_change_with_javascript_off(phone_without_js):
    page = phone_without_js
    steps.start(page)
    first = steps.step(page)
    steps.answer(page, javascript=False, choice=0)
    second = steps.step(page)

    steps.follow(page, False, "#answer-form a[data-change]")
    assert steps.step(page) == first
    assert "change=" in page.url
    assert page.get_attribute("#answer-form .choice[aria-pressed=true]", "value") == "great"
    steps.answer(page, javascript=False, choice=1)
    assert steps.step(page) == second
    assert "Good" in page.locator("#log .bubble-person").first.inner_text()


def test_finish_now_change_and_send_with_javascript_off(phone_without_js):
    page = phone_without_js
    steps.start(page)
    steps.answer(page, javascript=False, choice=0)
    steps.press(page, False, "finish")
    assert steps.step(page) == "review:"
    steps.follow(page, False, "a.change-link")
    steps.answer(page, javascript=False, choice=4)
    assert steps.step(page) == "review:"
    assert "Bad" in page.inner_text(".summary")
    steps.press(page, False, "submit")
    assert steps.step(page) == "submitted:"
    assert page.locator("form").count() == 0


def test_a_refused_answer_without_javascript_shows_why_and_keeps_the_text(pages, phone_without_js):
    pages.expected_errors.append(steps.HTTP_4XX)
    page = phone_without_js
    steps.start(page)
    while steps.question_type(page) != "free_text":
        steps.answer(page, javascript=False)
    limit = int(page.get_attribute("#answer-text", "maxlength"))
    too_long = "x" * (limit + 10)
    page.evaluate("text => { document.getElementById('answer-text').value = text; }", too_long)
    with page.expect_navigation():
        page.click("#answer-form button[value=answer]")
    assert "bit long" in page.inner_text("#answer-error[role=alert]")
    assert page.input_value("#answer-text") == too_long
    assert page.evaluate("document.activeElement.id") == "answer-text"
