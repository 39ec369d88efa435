"""After a worrying answer the chat pauses kindly ("Do you want to carry on?")
before the next question, with help one tap away; either choice is honoured."""

from feedback_app.conversation.wording import interface_text
from tests.conftest import csrf_token
from tests.feedback_app.safeguarding.conftest import DISCLOSURE, open_question, say_in_chat, start_anonymous

PAUSE = interface_text("pause", "en")


def _paused(client):
    url = start_anonymous(client)
    html = say_in_chat(client, url, DISCLOSURE)
    return url, html


def test_after_a_disclosure_the_chat_asks_do_you_want_to_carry_on_before_any_next_question(client):
    _, html = _paused(client)
    after = html.split(DISCLOSURE)[1]
    assert PAUSE.replace("'", "&#39;") in after
    assert 'data-kind="question"' not in after  # the next question is not asked yet
    assert 'value="resume"' in after and 'value="finish"' in after
    assert 'href="tel:08001111"' in after.split(PAUSE)[1] and 'href="tel:999"' in after.split(PAUSE)[1]
    assert after.count("<form") == 1


def test_yes_carry_on_asks_the_next_question(client):
    url, html = _paused(client)
    assert client.post(url, data={"csrf_token": csrf_token(html), "action": "resume"}).status_code == 303
    html = client.get(url).get_data(as_text=True)
    question_id, _ = open_question(html)
    assert question_id and PAUSE not in html
    assert 'data-kind="question"' in html.split(DISCLOSURE)[1]


def test_no_stop_here_goes_to_the_review_to_send(client):
    url, html = _paused(client)
    client.post(url, data={"csrf_token": csrf_token(html), "action": "finish"})
    html = client.get(url).get_data(as_text=True)
    assert 'value="submit"' in html and PAUSE not in html


def test_the_pause_comes_back_if_the_page_is_opened_again(client):
    url, _ = _paused(client)
    assert PAUSE.replace("'", "&#39;") in client.get(url).get_data(as_text=True)


def test_an_answer_that_is_not_worrying_brings_no_pause(client):
    url = start_anonymous(client)
    html = say_in_chat(client, url, "Football with my friends, and my dog.")
    assert PAUSE.replace("'", "&#39;") not in html
