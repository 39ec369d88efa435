"""The chat pages with JavaScript off: every step is a form post, then a redirect."""

import re

from sqlalchemy import func, select

from feedback_app.extensions import db
from feedback_app.models import Answer, Conversation
from tests.conftest import csrf_token

QID = "young-person-before-review"


def start(client, language: str | None = None) -> str:
    """A new conversation's page, begun through the API (the chat's own /start/
    page stores nothing until the first answer: see the first-screen tests)."""
    response = client.post("/api/v1/conversations", json={"questionnaire": QID, "language": language})
    assert response.status_code == 201
    return f"/c/{response.get_json()['token']}"


def conversations_stored(app) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(Conversation))


def open_question_id(html: str) -> str | None:
    match = re.search(r'name="question_id" value="([^"]+)"', html)
    return match.group(1) if match else None


def post(client, url, **fields):
    page = client.get(url).get_data(as_text=True)
    data = {"csrf_token": csrf_token(page), **fields}
    return client.post(url, data=data)


def test_start_shows_the_first_question_and_stores_nothing(client, app):
    for _ in range(3):  # a refresh, a link preview, a prefetch
        page = client.get(f"/start/{QID}")
        assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert 'role="log"' in html and html.count("<form") == 1
    assert f'action="/start/{QID}?lang=en"' in html and "data-api=" not in html
    assert open_question_id(html) is not None
    assert conversations_stored(app) == 0


def test_the_first_answer_begins_the_conversation_with_that_answer(client, app):
    html = client.get(f"/start/{QID}").get_data(as_text=True)
    question_id = open_question_id(html)
    response = client.post(
        f"/start/{QID}?lang=en", data={"csrf_token": csrf_token(html), "question_id": question_id, "value": "good"}
    )
    assert response.status_code == 303 and response.headers["Location"].startswith("/c/")
    with app.app_context():
        (conversation,) = db.session.scalars(select(Conversation))
        assert [(a.question_id, a.value) for a in conversation.answers] == [(question_id, "good")]
    assert open_question_id(client.get(response.headers["Location"]).get_data(as_text=True)) != question_id


def test_finish_now_from_the_first_screen_begins_a_conversation_at_the_review(client, app):
    html = client.get(f"/start/{QID}").get_data(as_text=True)
    response = client.post(
        f"/start/{QID}", data={"csrf_token": csrf_token(html), "question_id": open_question_id(html), "action": "finish"}
    )
    assert response.status_code == 303
    assert 'data-status="review"' in client.get(response.headers["Location"]).get_data(as_text=True)
    assert conversations_stored(app) == 1


def test_a_refused_first_answer_stores_no_empty_conversation(client, app):
    html = client.get(f"/start/{QID}").get_data(as_text=True)
    response = client.post(
        f"/start/{QID}", data={"csrf_token": csrf_token(html), "question_id": open_question_id(html), "value": "nonsense"}
    )
    assert response.status_code == 422
    assert f'action="/start/{QID}?lang=en"' in response.get_data(as_text=True)
    assert conversations_stored(app) == 0


def test_the_same_start_link_on_the_same_phone_offers_to_carry_on(client, app):
    html = client.get(f"/start/{QID}").get_data(as_text=True)
    begun = client.post(
        f"/start/{QID}", data={"csrf_token": csrf_token(html), "question_id": open_question_id(html), "value": "good"}
    ).headers["Location"]
    again = client.get(f"/start/{QID}")
    assert again.status_code == 200
    page = again.get_data(as_text=True)
    assert "Carry on where you left off" in page and f'href="{begun}"' in page
    assert "<form" not in page  # offering to carry on stores nothing either
    cookie = client.get_cookie("conversation", path=f"/start/{QID}")
    assert cookie.http_only and cookie.same_site == "Lax"
    # "Start again" shows a first screen; another phone (no cookie) gets one at once.
    assert open_question_id(client.get(f"/start/{QID}?again=1").get_data(as_text=True)) is not None
    assert open_question_id(app.test_client().get(f"/start/{QID}").get_data(as_text=True)) is not None
    assert conversations_stored(app) == 1


def test_once_sent_the_start_link_begins_afresh(client, app):
    html = client.get(f"/start/{QID}").get_data(as_text=True)
    begun = client.post(
        f"/start/{QID}", data={"csrf_token": csrf_token(html), "question_id": open_question_id(html), "action": "finish"}
    ).headers["Location"]
    post(client, begun.split("#")[0], action="submit")
    assert open_question_id(client.get(f"/start/{QID}").get_data(as_text=True)) is not None


def test_start_with_an_unknown_questionnaire_is_404(client):
    assert client.get("/start/no-such-thing").status_code == 404


def test_start_in_another_language_sets_lang_and_dir(client):
    html = client.get(f"/start/{QID}?lang=ar").get_data(as_text=True)
    assert '<html lang="ar" dir="rtl">' in html
    assert f'action="/start/{QID}?lang=ar"' in html and f'href="/start/{QID}?lang=en"' in html


def test_a_quick_reply_answer_is_posted_stored_and_redirected(client, app):
    url = start(client)
    question_id = open_question_id(client.get(url).get_data(as_text=True))
    response = post(client, url, question_id=question_id, value="good")
    assert response.status_code == 303 and response.headers["Location"].startswith(url)
    html = client.get(url).get_data(as_text=True)
    assert open_question_id(html) != question_id
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Answer)) == 1


def test_the_page_answers_with_security_headers(client):
    response = client.get(start(client))
    csp = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "frame-ancestors 'none'" in csp and "unsafe-inline" not in csp
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "no-referrer"
    assert response.headers["Cache-Control"] == "no-store"


def test_a_post_without_the_csrf_token_is_refused_and_stores_nothing(client, app):
    url = start(client)
    question_id = open_question_id(client.get(url).get_data(as_text=True))
    response = client.post(url, data={"question_id": question_id, "value": "good"})
    assert response.status_code in (400, 422)
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Answer)) == 0


def test_a_bad_answer_shows_the_error_and_keeps_what_was_typed(client):
    url = start(client)
    html = client.get(url).get_data(as_text=True)
    while 'name="text"' not in html:
        post(client, url, question_id=open_question_id(html), action="skip")
        html = client.get(url).get_data(as_text=True)
    typed = "I like my carers " * 400  # past the question's limit and the form's old 5000
    response = post(client, url, question_id=open_question_id(html), text=typed)
    assert response.status_code == 422
    body = response.get_data(as_text=True)
    assert 'role="alert"' in body and "a bit long" in body
    assert "I like my carers" in body


def finish_without_javascript(client, url):
    html = client.get(url).get_data(as_text=True)
    steps = 0
    while (question_id := open_question_id(html)) is not None:
        if 'name="text"' in html:
            fields = {"text": "It is fine here."}
        elif 'type="checkbox"' in html:
            fields = {"value": re.findall(r'type="checkbox" name="value" value="([^"]+)"', html)[:1]}
        else:
            fields = {"value": re.findall(r'name="value" value="([^"]+)"', html)[0]}
        assert post(client, url, question_id=question_id, **fields).status_code == 303
        html = client.get(url).get_data(as_text=True)
        steps += 1
        assert steps < 60
    return html


def test_a_whole_questionnaire_can_be_finished_and_sent_without_javascript(client):
    url = start(client)
    review = finish_without_javascript(client, url)
    assert "What you told us" in review and "It is fine here." in review
    assert post(client, url, action="submit").status_code == 303
    done = client.get(url).get_data(as_text=True)
    assert "<form" not in done
    assert "Thank you" in done


def test_after_sending_the_link_shows_nothing_that_was_said(client):
    url = start(client)
    finish_without_javascript(client, url)
    post(client, url, action="submit")
    html = client.get(url).get_data(as_text=True)
    assert "It is fine here." not in html


def test_skip_moves_to_the_next_question(client):
    url = start(client)
    first = open_question_id(client.get(url).get_data(as_text=True))
    post(client, url, question_id=first, action="skip")
    html = client.get(url).get_data(as_text=True)
    assert open_question_id(html) != first
    assert "(skipped)" in html


def test_go_back_reopens_the_previous_answer_for_changing(client):
    url = start(client)
    first = open_question_id(client.get(url).get_data(as_text=True))
    post(client, url, question_id=first, value="good")
    html = client.get(url).get_data(as_text=True)
    back = re.search(r'href="([^"]*change=' + first + ')', html)
    assert back, "there is no go-back link"
    reopened = client.get(back.group(1).replace("&amp;", "&")).get_data(as_text=True)
    assert open_question_id(reopened) == first
    assert 'aria-pressed="true"' in reopened  # the earlier answer is shown as chosen


def test_finish_now_goes_to_review_and_carry_on_returns(client):
    url = start(client)
    post(client, url, action="finish")
    html = client.get(url).get_data(as_text=True)
    assert "What you told us" in html and 'value="resume"' in html
    post(client, url, action="resume")
    assert open_question_id(client.get(url).get_data(as_text=True)) is not None


def test_opening_the_link_later_carries_on_where_the_person_stopped(client, app):
    url = start(client)
    first = open_question_id(client.get(url).get_data(as_text=True))
    post(client, url, question_id=first, value="good")
    other_device = app.test_client()  # no cookies: another phone
    html = other_device.get(url).get_data(as_text=True)
    assert open_question_id(html) not in (None, first)


def test_an_unknown_conversation_link_is_a_kind_404_page(client):
    response = client.get("/c/not-a-real-token")
    assert response.status_code == 404
    assert "find that page" in response.get_data(as_text=True)


def test_the_language_switch_keeps_the_place(client, app):
    url = start(client)
    first = open_question_id(client.get(url).get_data(as_text=True))
    post(client, url, question_id=first, value="good")
    response = client.get(f"{url}/language/en")
    assert response.status_code == 303
    assert open_question_id(client.get(url).get_data(as_text=True)) not in (None, first)


def _language_of_first_page(client, path, **headers):
    response = client.get(path, headers=headers, follow_redirects=True)
    assert response.status_code == 200
    return re.search(r'<html lang="([^"]+)" dir="([^"]+)"', response.get_data(as_text=True)).groups()


def test_a_phone_set_to_arabic_opens_in_arabic_when_the_questionnaire_offers_it(client):
    assert _language_of_first_page(client, f"/start/{QID}", **{"Accept-Language": "ar-EG,ar;q=0.9,en;q=0.5"}) == ("ar", "rtl")


def test_a_phone_set_to_a_language_not_offered_opens_in_the_questionnaires_first(client):
    assert _language_of_first_page(client, f"/start/{QID}", **{"Accept-Language": "fr-FR,fr"}) == ("en", "ltr")
    only_english = "/start/child-8-11-before-review"
    assert _language_of_first_page(client, only_english, **{"Accept-Language": "ar"}) == ("en", "ltr")


def test_the_link_asking_for_a_language_wins_over_the_phone(client):
    assert _language_of_first_page(client, f"/start/{QID}?lang=en", **{"Accept-Language": "ar"}) == ("en", "ltr")


def answer_key(html: str) -> str:
    match = re.search(r'name="answer_key" value="([^"]+)"', html)
    assert match, "the answer form has no one-time id"
    return match.group(1)


def test_the_browser_posting_an_answer_form_again_stores_it_once(client, app):
    url = start(client)
    html = client.get(url).get_data(as_text=True)
    form = {"csrf_token": csrf_token(html), "question_id": open_question_id(html), "answer_key": answer_key(html)}
    assert client.post(url, data={**form, "value": "great"}).status_code == 303
    # Changed since, through a newer form...
    changed = client.get(f"{url}?change={form['question_id']}").get_data(as_text=True)
    client.post(url, data={**form, "answer_key": answer_key(changed), "value": "bad"})
    # ...then the first form's post arrives again (Back, and "resubmit").
    assert client.post(url, data={**form, "value": "great"}).status_code == 303
    with app.app_context():
        assert [a.value for a in db.session.scalars(select(Answer))] == ["bad"]


def test_each_answer_form_drawn_has_a_new_one_time_id(client):
    url = start(client)
    assert answer_key(client.get(url).get_data(as_text=True)) != answer_key(client.get(url).get_data(as_text=True))


def test_the_first_screen_posted_again_begins_one_conversation(client, app):
    html = client.get(f"/start/{QID}").get_data(as_text=True)
    form = {"csrf_token": csrf_token(html), "question_id": open_question_id(html), "answer_key": answer_key(html)}
    first = client.post(f"/start/{QID}", data={**form, "value": "good"})
    again = client.post(f"/start/{QID}", data={**form, "value": "good"})
    assert first.headers["Location"] == again.headers["Location"]
    assert conversations_stored(app) == 1


def test_the_end_page_says_what_happens_next_and_keeps_the_help_line(client):
    url = start(client)
    finish_without_javascript(client, url)
    post(client, url, action="submit")
    html = client.get(url).get_data(as_text=True)
    assert "What happens next:" in html and "You can close this page now." in html
    assert 'id="help-line"' in html and 'href="tel:08001111"' in html and 'href="tel:999"' in html


def test_coming_back_halfway_opens_at_the_open_question_with_a_welcome_back(client):
    url = start(client)
    moved_on = post(client, url, question_id=open_question_id(client.get(url).get_data(as_text=True)), value="good")
    assert "Welcome back" not in client.get(moved_on.headers["Location"]).get_data(as_text=True)
    back = client.get(url).get_data(as_text=True)  # a new visit, not straight after the step
    assert "Welcome back" in back
    # The page lands (#latest) on the answer area, where the welcome and the question are.
    assert back.index('id="latest"') > back.index('id="answer-area"')
    assert back.index('id="welcome-back"') < back.index('id="answer-form"')


def test_straight_after_an_answer_there_is_no_welcome_back(client):
    url = start(client)
    html = client.get(url).get_data(as_text=True)  # nothing answered yet: nothing to welcome back to
    assert "Welcome back" not in html
    response = post(client, url, question_id=open_question_id(html), value="good")
    assert "Welcome back" not in client.get(response.headers["Location"]).get_data(as_text=True)
