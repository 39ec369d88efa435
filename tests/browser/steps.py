"""Steps a person takes through a conversation, for the browser tests.

The answer area carries `data-status` and `data-question` (drawn by the
server, then kept up to date by chat.js), so a test can tell which step the
page is on, whether or not JavaScript is running.
"""

from __future__ import annotations

QUESTIONNAIRE = "young-person-before-review"
FREE_TEXT = "Football with my friends, and my dog."

# What Chromium logs when a test provokes a 4xx answer or cuts the network
# (for `pages.expected_errors`).
HTTP_4XX = "Failed to load resource: the server responded with a status of 4"
NETWORK_DOWN = "Failed to load resource: net::"


def step(page) -> str:
    """Where the page is: 'open:<question id>', 'review:' or 'submitted:'."""
    area = page.locator("#answer-area")
    return f"{area.get_attribute('data-status')}:{area.get_attribute('data-question')}"


def start(page, language: str | None = None) -> None:
    page.goto(f"/start/{QUESTIONNAIRE}" + (f"?lang={language}" if language else ""))


def act(page, javascript: bool, do) -> None:
    """Do something that moves the conversation on, and wait until it has:
    a new page without JavaScript, a new step drawn by chat.js with it."""
    if javascript:
        before = step(page)
        do()
        page.wait_for_function(
            """before => {
                const area = document.getElementById("answer-area");
                return !area.dataset.busy && area.dataset.status + ":" + area.dataset.question !== before;
            }""",
            arg=before,
        )
    else:
        with page.expect_navigation():
            do()


def question_type(page) -> str:
    if page.locator("#answer-form textarea").count():
        return "free_text"
    if page.locator("#answer-form input[type=checkbox]").count():
        return "multi_choice"
    return "choice"


def answer(page, javascript: bool = True, choice: int = 0, text: str = FREE_TEXT) -> None:
    """Answer the open question with its first option (or `choice`), or with `text`."""
    kind = question_type(page)
    if kind == "free_text":
        page.fill("#answer-text", text)
        act(page, javascript, lambda: page.click("#answer-form button[value=answer]"))
    elif kind == "multi_choice":
        page.locator("#answer-form .check label").nth(choice).click()
        act(page, javascript, lambda: page.click("#answer-form button[value=answer]"))
    else:
        act(page, javascript, lambda: page.locator("#answer-form .choice").nth(choice).click())


def answer_all(page, javascript: bool = True, limit: int = 60) -> list[str]:
    """Answer every question until the review; returns the question ids asked."""
    asked = []
    while step(page).startswith("open:"):
        asked.append(step(page).split(":", 1)[1])
        assert len(asked) <= limit, f"the conversation did not reach the review: {asked}"
        answer(page, javascript)
    assert step(page) == "review:", step(page)
    return asked


def press(page, javascript: bool, action: str) -> None:
    """Press one of the form's action buttons: skip, finish, resume, submit."""
    act(page, javascript, lambda: page.click(f"#answer-form button[name=action][value={action}]"))


def follow(page, javascript: bool, selector: str) -> None:
    """Follow a "go back", "change" or "keep my answer" link."""
    act(page, javascript, lambda: page.click(selector))
