"""Quote bank forms. Flask-WTF adds and checks the CSRF token on each."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import BooleanField, TextAreaField
from wtforms.validators import InputRequired, Length

from .service import MAX_LENGTH


class FindForm(FlaskForm):
    """The "find new candidates" button."""


class ReviewForm(FlaskForm):
    redacted_text = TextAreaField(
        "The quote, as it will be shown",
        validators=[InputRequired("Enter the words of the quote."), Length(max=MAX_LENGTH)],
    )
    redaction_reviewed = BooleanField(
        "I have read the quote and taken out anything that could identify the person or anyone else"
    )
    consent_checked = BooleanField("I have checked that the person agreed to be quoted")


class RejectForm(FlaskForm):
    """Reject a candidate, or withdraw an approved quote."""
