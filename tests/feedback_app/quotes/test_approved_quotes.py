"""approved_quotes: the only way quotes leave the bank."""

from feedback_app.access import COMMAND_LINE
from feedback_app.extensions import db
from feedback_app.models import StaffUser
from feedback_app.quotes import service
from tests.feedback_app.quotes.helpers import consenting, find
from tests.feedback_app.responses.builders import CHILDREN, COMPLAINT, HOME, PARENTS, PRAISE, converse


def reviewer() -> StaffUser:
    user = StaffUser(email="reviewer@council.example", password_hash="x", role="iro_manager", display_name="R")
    db.session.add(user)
    db.session.flush()
    return user


def approve(quote, by):
    service.approve(quote, quote.redacted_text, by, redaction_reviewed=True, consent_checked=True)
    db.session.commit()


def test_only_approved_quotes_are_returned(app):
    with app.app_context():
        for text in (PRAISE, HOME, COMPLAINT):
            consenting(text)
        approved, rejected, _candidate = sorted(find(), key=lambda q: q.original_text)
        by = reviewer()
        approve(approved, by)
        service.reject(rejected, by)
        db.session.commit()
        assert [q.id for q in service.approved_quotes(COMMAND_LINE)] == [approved.id]


def test_quotes_can_be_chosen_by_theme_and_audience(app):
    with app.app_context():
        consenting(HOME)
        converse(PARENTS, {"say": PRAISE, "quote": "yes"})
        by = reviewer()
        for quote in find():
            approve(quote, by)
        assert [q.theme for q in service.approved_quotes(COMMAND_LINE, theme="placement")] == ["placement"]
        assert [q.audience for q in service.approved_quotes(COMMAND_LINE, audience="parent")] == ["parent"]
        assert service.approved_quotes(COMMAND_LINE, theme="education") == []


def test_a_quote_whose_answer_is_later_flagged_is_no_longer_returned(app):
    with app.app_context():
        converse(CHILDREN, {"say": PRAISE, "quote": "yes"})
        (quote,) = find()
        approve(quote, reviewer())
        quote.answer.analysis = {**quote.answer.analysis, "concern": "unsafe"}  # found on re-analysis
        db.session.commit()
        assert service.approved_quotes(COMMAND_LINE) == []
