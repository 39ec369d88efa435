"""Forms for invitations and tasks. Flask-WTF adds the CSRF token to each."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import DateField, IntegerField, SelectField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, InputRequired, Length, Optional
from wtforms.widgets import HiddenInput

from ..models import StaffUser
from ..questionnaire.titles import staff_title
from ..vocabulary import AUDIENCES, PARTICIPATION
from .service import questionnaires_for


class InvitationForm(FlaskForm):
    audience = SelectField("Who is it for?", validators=[InputRequired("Choose who the invitation is for.")])
    questionnaire = SelectField("Questionnaire", validators=[InputRequired("Choose a questionnaire.")])
    review_date = DateField("Review date", validators=[InputRequired("Enter the date of the review, like 12/05/2026.")])
    iro = SelectField("IRO", coerce=str, validators=[Optional()])
    first_name = StringField(
        "First name (optional)",
        validators=[Optional(), Length(max=40, message="Give only the first name (40 letters at most).")],
        render_kw={"autocomplete": "off", "spellcheck": "false"},
    )
    expires_on = DateField("Link works until (optional)", validators=[Optional()])

    def fill_choices(self, audience: str | None, iros: list[StaffUser] | None) -> None:
        """Offer the questionnaires (only `audience`'s, when known) and, for
        someone who may name another IRO, the IROs to choose from."""
        self.audience.choices = [
            SelectChoice(value, audience.one.capitalize()) for value, audience in AUDIENCES.items()
        ]
        groups: dict[str, list] = {}
        for q in questionnaires_for(audience if audience in AUDIENCES else None):
            groups.setdefault(f"For {AUDIENCES[q.audience].group.lower()}", []).append(
                SelectChoice(q.id, staff_title(q), render_kw={"data-audience": q.audience})
            )
        self.questionnaire.choices = groups
        if iros is None:
            del self.iro
        else:
            self.iro.choices = [SelectChoice("", "Choose an IRO")] + [
                SelectChoice(str(person.id), f"{person.display_name} ({person.email})") for person in iros
            ]


class ConfirmForm(FlaskForm):
    """A button that changes something (mark sent, stop the link): CSRF only."""


class ParticipationForm(FlaskForm):
    """After the review: how the child took part, as a DfE participation code in the DfE's words."""

    code = SelectField(
        "How did the child take part in the review?",
        choices=[SelectChoice("", "Choose a code")]
        + [SelectChoice(code, f"{code}: {word.staff}") for code, word in PARTICIPATION.items()],
        validators=[InputRequired("Choose the code that says how the child took part.")],
    )

    def validate_code(self, field) -> None:
        if field.data not in PARTICIPATION:
            from wtforms.validators import ValidationError

            raise ValidationError("Choose the code that says how the child took part.")


class NoteAnonymousForm(FlaskForm):
    """One "noted" for every anonymous request on the page: `up_to` is the newest one shown."""

    up_to = IntegerField(widget=HiddenInput(), validators=[InputRequired()])


class TaskDoneForm(FlaskForm):
    note = TextAreaField(
        "What was done",
        validators=[
            DataRequired("Write a short note of what was done."),
            Length(max=2000, message="Keep the note under 2,000 characters."),
        ],
    )


class CodeForm(FlaskForm):
    """The short code from an invitation letter, typed at /code."""

    code = StringField("Your code", validators=[InputRequired("Type the code from your letter.")])
