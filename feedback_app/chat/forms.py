"""The answer form. Flask-WTF gives it CSRF protection; the engine checks the answer."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import HiddenField, StringField, TextAreaField

# What a person can do from the answer form; each is one submit button's value.
ACTIONS = ("answer", "skip", "finish", "resume", "submit")


class AnswerForm(FlaskForm):
    """One form for every step, so a page with an open question has exactly one.

    The fields are read by name (`value` may repeat for multiple choice), so
    they are declared only for the CSRF check, and rendered by hand in the
    template as buttons, checkboxes or a text box.
    """

    question_id = HiddenField()
    # No length check here: the engine holds each question to its own limit
    # and says so in words; a check here could only fail as "page expired".
    text = TextAreaField()
    action = StringField()
