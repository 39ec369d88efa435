"""The answer form. Flask-WTF gives it CSRF protection; the engine checks the answer."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import HiddenField, StringField, TextAreaField
from wtforms.validators import Length

# What a person can do from the answer form; each is one submit button's value.
ACTIONS = ("answer", "skip", "finish", "resume", "submit")


class AnswerForm(FlaskForm):
    """One form for every step, so a page with an open question has exactly one.

    The fields are read by name (`value` may repeat for multiple choice), so
    they are declared only for CSRF and length checks, and rendered by hand in
    the template as buttons, checkboxes or a text box.
    """

    question_id = HiddenField()
    text = TextAreaField(validators=[Length(max=5000)])
    action = StringField()
