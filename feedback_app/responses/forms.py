"""The filter forms. They are GET forms that change nothing, so they carry no
CSRF token; a bad value is shown as an error and that filter is left out."""

from __future__ import annotations

from collections.abc import Mapping

from flask_wtf import FlaskForm
from wtforms import DateField, SelectField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import Optional, ValidationError

from ..periods import Period
from ..query_args import day_in_range
from ..vocabulary import AGE_BANDS, AUDIENCES, SENTIMENTS, THEMES, Word

STATUSES = {"sent": "Sent", "not_sent": "Not sent"}


def staff_words(words: Mapping[str, Word]) -> dict[str, str]:
    return {code: word.staff for code, word in words.items()}


def choices(pairs: dict[str, str], anything: str | None = None) -> list[SelectChoice]:
    first = [SelectChoice("", anything)] if anything else []
    return first + [SelectChoice(value, label) for value, label in pairs.items()]


class GetForm(FlaskForm):
    class Meta:
        csrf = False


class PeriodMixin:
    start = DateField("Started from", validators=[Optional(), day_in_range], render_kw={"autocomplete": "off"})
    end = DateField("Started up to", validators=[Optional(), day_in_range], render_kw={"autocomplete": "off"})

    def validate_end(self, field) -> None:
        if field.data and self.start.data and field.data < self.start.data:
            raise ValidationError("The end date must be the same as or after the start date.")

    def period(self, default: Period | None = None) -> Period:
        start = self.start.data if not self.start.errors else None
        end = self.end.data if not self.end.errors else None
        if start is None and end is None and default is not None:
            return default
        return Period(start, end)


class QuestionnaireForm(PeriodMixin, GetForm):
    """A period and one questionnaire: the dashboard's "where people stop" and the figures page."""

    questionnaire = SelectField("Questionnaire", validators=[Optional()], default="")

    def value(self, name: str) -> str | None:
        """The field's value if it is a valid choice, else None (no filter)."""
        field = self[name]
        return (field.data or None) if not field.errors else None


class ResponseFilterForm(QuestionnaireForm):
    audience = SelectField(
        "Who", choices=choices({c: a.group for c, a in AUDIENCES.items()}, "Everyone"), validators=[Optional()], default=""
    )
    age_band = SelectField("Age band", choices=choices(staff_words(AGE_BANDS), "Any age"), validators=[Optional()], default="")
    theme = SelectField("Theme", choices=choices(staff_words(THEMES), "Any theme"), validators=[Optional()], default="")
    sentiment = SelectField(
        "Sentiment", choices=choices(staff_words(SENTIMENTS), "Any sentiment"), validators=[Optional()], default=""
    )
    status = SelectField("Sent or not", choices=choices(STATUSES, "Sent or not"), validators=[Optional()], default="")


__all__ = ["QuestionnaireForm", "ResponseFilterForm", "choices"]
