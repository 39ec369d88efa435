"""The sign-in form. Flask-WTF adds the CSRF token."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import EmailField, PasswordField
from wtforms.validators import InputRequired, Length


class SignInForm(FlaskForm):
    email = EmailField(
        "Email address",
        validators=[InputRequired("Enter your email address."), Length(max=254)],
        render_kw={"autocomplete": "username", "spellcheck": "false"},
    )
    password = PasswordField(
        "Password",
        validators=[InputRequired("Enter your password."), Length(max=1024)],
        render_kw={"autocomplete": "current-password"},
    )
