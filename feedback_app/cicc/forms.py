"""The "You said, we did" form. Flask-WTF adds and checks the CSRF token."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import TextAreaField
from wtforms.validators import InputRequired, Length, ValidationError

from analysis.redaction import redact

MAX_LENGTH = 500


def identifies_no_one(form, field) -> None:
    """Entries are shown to young people: refuse a name, a school or contact details."""
    found = redact(field.data or "").replacements
    if found:
        details = ", ".join(sorted({f"{r.kind} ({r.original})" for r in found}))
        raise ValidationError(f"This may identify someone: {details}. Write it without that.")


class YouSaidWeDidForm(FlaskForm):
    you_said = TextAreaField(
        "You said",
        validators=[
            InputRequired("Write what children and young people said."),
            Length(max=MAX_LENGTH),
            identifies_no_one,
        ],
    )
    we_did = TextAreaField(
        "We did",
        validators=[InputRequired("Write what the service did about it."), Length(max=MAX_LENGTH), identifies_no_one],
    )


class RemoveForm(FlaskForm):
    """The "remove" button on one entry."""
