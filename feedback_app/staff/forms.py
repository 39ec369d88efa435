"""Forms for managing staff accounts. Flask-WTF adds the CSRF token to each."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import EmailField, HiddenField, PasswordField, SelectField, StringField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import EqualTo, InputRequired, Length, Optional

from ..access import ROLES

ROLE_CHOICES = [SelectChoice(value, label) for value, label in ROLES.items()]


class NewUserForm(FlaskForm):
    email = EmailField(
        "Email address", validators=[InputRequired("Enter an email address."), Length(max=254)],
        render_kw={"autocomplete": "off", "spellcheck": "false"},
    )
    display_name = StringField(
        "Name", validators=[InputRequired("Enter the person's name."), Length(max=120)],
        render_kw={"autocomplete": "off"},
    )
    role = SelectField("Role", choices=ROLE_CHOICES, validators=[InputRequired("Choose a role.")])
    # Required only for a role that reads no answers: for one that does, the
    # IRO manager who approves the role sets the password (auth.approvals).
    password = PasswordField(
        "Password", validators=[Optional(), Length(max=256)],
        render_kw={"autocomplete": "new-password"},
    )
    confirm = PasswordField(
        "Password again", validators=[EqualTo("password", "The two passwords are not the same.")],
        render_kw={"autocomplete": "new-password"},
    )


class RoleForm(FlaskForm):
    role = SelectField("Role", choices=ROLE_CHOICES, validators=[InputRequired("Choose a role.")])
    display_name = StringField(
        "Name", validators=[InputRequired("Enter the person's name."), Length(max=120)],
        render_kw={"autocomplete": "off"},
    )


class ActiveForm(FlaskForm):
    active = HiddenField()


class AskForm(FlaskForm):
    """Asking for a new password for an account that reads answers: no password in it."""


class DecisionForm(FlaskForm):
    """Refusing an access request."""


class PasswordResetForm(FlaskForm):
    new_password = PasswordField(
        "New password", validators=[InputRequired("Enter a new password."), Length(max=256)],
        render_kw={"autocomplete": "new-password"},
    )
    confirm_password = PasswordField(
        "New password again", validators=[EqualTo("new_password", "The two passwords are not the same.")],
        render_kw={"autocomplete": "new-password"},
    )
