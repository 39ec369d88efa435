"""Forms on the alert page. Flask-WTF adds and checks the CSRF token on each."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import TextAreaField
from wtforms.validators import DataRequired, Length


class AcknowledgeForm(FlaskForm):
    note = TextAreaField(
        "What did you do?",
        validators=[
            # DataRequired, not InputRequired: a note of only spaces says nothing.
            DataRequired("Write what you did, or have arranged, about this alert."),
            Length(max=5000, message="Keep the note under 5,000 characters."),
        ],
        render_kw={"rows": 5},
    )


class RetryEmailForm(FlaskForm):
    """No fields: the button and its CSRF token."""
