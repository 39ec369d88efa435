"""Reviewing a quote: approve (redaction reviewed, consent checked), edit then approve, or reject."""

import pytest

from feedback_app.access import COMMAND_LINE
from feedback_app.extensions import db
from feedback_app.quotes.service import approved_quotes
from tests.conftest import csrf_token
from tests.feedback_app.auth.staff_helpers import sign_in_quickly
from tests.feedback_app.quotes.helpers import PHONE, audit_actions, bank, consenting, find
from tests.feedback_app.responses.builders import CHILDREN, COMPLAINT, HOME, PARENTS, PRAISE, converse


@pytest.fixture
def manager(app, client, make_account):
    account = make_account("iro_manager")
    sign_in_quickly(app, client, account)
    return account


@pytest.fixture
def quote_id(app):
    with app.app_context():
        consenting(PHONE)
        (quote,) = find()
        return quote.id


def post_review(client, quote_id, action, text=None, reviewed=True, consent=True):
    page = client.get(f"/staff/quotes/{quote_id}").get_data(as_text=True)
    data = {"csrf_token": csrf_token(page), "action": action}
    if text is not None:
        data["redacted_text"] = text
    else:
        data["redacted_text"] = (
            page.split('id="redacted_text"', 1)[1].split(">", 1)[1].split("</textarea>", 1)[0].strip()
        )
    if reviewed:
        data["redaction_reviewed"] = "y"
    if consent:
        data["consent_checked"] = "y"
    return client.post(f"/staff/quotes/{quote_id}", data=data)


def current(app, quote_id):
    with app.app_context():
        return next(q for q in bank() if q.id == quote_id)


def test_approving_with_both_confirmations_approves_and_records_who(app, client, manager, quote_id):
    response = post_review(client, quote_id, "approve")
    assert response.status_code == 303
    quote = current(app, quote_id)
    assert quote.status == "approved" and quote.reviewed_by_id == manager.id and quote.reviewed_at
    assert quote.redaction_reviewed and quote.consent_checked


@pytest.mark.parametrize(("reviewed", "consent"), [(False, True), (True, False), (False, False)])
def test_approving_without_both_confirmations_is_refused(app, client, manager, quote_id, reviewed, consent):
    response = post_review(client, quote_id, "approve", reviewed=reviewed, consent=consent)
    assert response.status_code == 400 and "There is a problem" in response.get_data(as_text=True)
    assert current(app, quote_id).status == "candidate"


def test_approving_is_audited(app, client, manager, quote_id):
    post_review(client, quote_id, "approve")
    with app.app_context():
        assert ("quote_approved", str(quote_id)) in audit_actions()


def test_opening_a_quote_to_review_is_audited(app, client, manager, quote_id):
    client.get(f"/staff/quotes/{quote_id}")
    with app.app_context():
        assert audit_actions() == [("quote_viewed", str(quote_id))]


def test_the_reviewer_sees_the_original_beside_the_redacted_suggestion(app, client, manager, quote_id):
    html = client.get(f"/staff/quotes/{quote_id}").get_data(as_text=True)
    assert "07700 900123" in html and "[phone number]" in html
    assert 'Yes, to "Can we use some of your words in a report, without your name?"' in html


def test_the_list_shows_the_redacted_wording_only(app, client, manager, quote_id):
    html = client.get("/staff/quotes").get_data(as_text=True)
    assert f'data-quote="{quote_id}"' in html and "[phone number]" in html and "07700" not in html


def test_saving_an_edited_redaction_keeps_it_a_candidate_and_is_audited(app, client, manager, quote_id):
    edited = "My social worker never calls me back and it makes me sad."
    assert post_review(client, quote_id, "save", text=edited, reviewed=False, consent=False).status_code == 303
    quote = current(app, quote_id)
    assert (quote.redacted_text, quote.status, quote.edited) == (edited, "candidate", True)
    with app.app_context():
        assert ("quote_redaction_edited", str(quote_id)) in audit_actions()


def test_an_edited_quote_is_approved_with_its_edited_wording(app, client, manager, quote_id):
    edited = "My social worker never calls me back and it makes me sad."
    post_review(client, quote_id, "save", text=edited, reviewed=False, consent=False)
    post_review(client, quote_id, "approve")
    with app.app_context():
        assert [q.text for q in approved_quotes(COMMAND_LINE)] == [edited]


def test_an_edit_that_puts_identifying_details_back_is_refused(app, client, manager, quote_id):
    response = post_review(client, quote_id, "approve", text=PHONE)
    assert response.status_code == 400 and "This may still identify someone: phone" in response.get_data(as_text=True)
    assert current(app, quote_id).status == "candidate"


def test_editing_an_approved_quote_sends_it_back_for_approval(app, client, manager, quote_id):
    post_review(client, quote_id, "approve")
    post_review(client, quote_id, "save", text="My social worker never calls me back.", reviewed=False, consent=False)
    assert current(app, quote_id).status == "candidate"
    with app.app_context():
        assert approved_quotes(COMMAND_LINE) == []


def test_rejecting_a_candidate_rejects_it_and_is_audited(app, client, manager, quote_id):
    page = client.get(f"/staff/quotes/{quote_id}").get_data(as_text=True)
    response = client.post(f"/staff/quotes/{quote_id}/reject", data={"csrf_token": csrf_token(page)})
    assert response.status_code == 303 and current(app, quote_id).status == "rejected"
    with app.app_context():
        assert ("quote_rejected", str(quote_id)) in audit_actions()


def test_an_approved_quote_can_be_withdrawn(app, client, manager, quote_id):
    post_review(client, quote_id, "approve")
    page = client.get(f"/staff/quotes/{quote_id}").get_data(as_text=True)
    client.post(f"/staff/quotes/{quote_id}/reject", data={"csrf_token": csrf_token(page)})
    with app.app_context():
        assert approved_quotes(COMMAND_LINE) == []


def test_a_decision_without_a_csrf_token_is_refused(app, client, manager, quote_id):
    response = client.post(
        f"/staff/quotes/{quote_id}",
        data={"action": "approve", "redacted_text": "words", "redaction_reviewed": "y", "consent_checked": "y"},
    )
    assert response.status_code == 400 and current(app, quote_id).status == "candidate"


def test_finding_candidates_from_the_page_adds_them_and_is_audited(app, client, manager):
    with app.app_context():
        consenting(PRAISE)
    page = client.get("/staff/quotes").get_data(as_text=True)
    response = client.post("/staff/quotes/find", data={"csrf_token": csrf_token(page)}, follow_redirects=True)
    assert "1 new candidate to review." in response.get_data(as_text=True)
    with app.app_context():
        assert len(bank()) == 1 and audit_actions()[-1] == ("quote_candidates_found", None)


def test_a_quote_is_approved_only_if_the_person_still_agrees(app, client, manager, quote_id):
    with app.app_context():
        quote = bank()[0]
        consent = next(a for a in quote.answer.conversation.answers if a.question_id == "quote")
        consent.value = "no"  # as if the record were corrected after the person asked
        db.session.commit()
    response = post_review(client, quote_id, "approve")
    assert response.status_code == 400 and "did not agree to be quoted" in response.get_data(as_text=True)


def test_a_quote_whose_answer_is_flagged_later_offers_no_approval(app, client, manager, quote_id):
    with app.app_context():
        answer = bank()[0].answer
        answer.analysis = {**answer.analysis, "concern": "unsafe"}  # found on re-analysis
        db.session.commit()
    html = client.get(f"/staff/quotes/{quote_id}").get_data(as_text=True)
    assert "flagged as a safeguarding concern, so it can never be quoted" in html
    assert 'value="approve"' not in html
    assert post_review(client, quote_id, "approve", text="Words.").status_code == 400
    assert current(app, quote_id).status == "candidate"


def test_the_bank_and_the_review_page_say_who_wrote_each_quote(app, client, make_account):
    with app.app_context():
        consenting(PRAISE)
        converse(CHILDREN, {"say": HOME, "quote": "yes"})
        converse(PARENTS, {"say": COMPLAINT, "quote": "yes"})
        quotes = {q.suggested_text: q.id for q in find()}
    sign_in_quickly(app, client, make_account("iro_manager"))
    html = client.get("/staff/quotes").get_data(as_text=True)
    for text, author in ((PRAISE, "A young person, aged 12 to 18"), (HOME, "A child, aged 8 to 11"), (COMPLAINT, "A parent")):
        item = html[html.index(f'data-quote="{quotes[text]}"'):]
        assert f'<span class="quote-author">{author}</span>' in item[: item.index("</li>")]
    review = client.get(f"/staff/quotes/{quotes[COMPLAINT]}").get_data(as_text=True)
    assert "<dt>Who</dt><dd>A parent</dd>" in review
