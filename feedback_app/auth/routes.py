"""Sign-in and sign-out, at /staff/login and /staff/logout."""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import current_app, redirect, render_template, request, url_for
from werkzeug.wrappers import Response

from .. import audit
from ..access import public_staff_page
from ..extensions import db, limiter
from . import bp, known_places, sessions
from .forms import SignInForm
from .signin import REFUSED, authenticate

ENDED_MESSAGES = {
    "signed_out": "You have signed out.",
    "idle": "You were signed out because you had not done anything for 30 minutes. Please sign in again.",
    "too_long": "You were signed out because you had been signed in for 12 hours. Please sign in again.",
    "account_changed": "You were signed out because your account was changed. Please sign in again.",
}


@bp.route("/login", methods=["GET", "POST"])
@public_staff_page
@limiter.limit(lambda: current_app.config.get("RATELIMIT_SIGN_IN", "30 per minute"), methods=["POST"])
def login() -> Response | str:
    if request.method == "GET" and sessions.current_user() is not None:
        return redirect(url_for("staff.dashboard"))
    form = SignInForm()
    refused = False
    if form.validate_on_submit():
        user = authenticate(form.email.data or "", form.password.data or "", request.remote_addr or "unknown", request)
        if user is not None:
            sessions.start(user)
            audit.record("sign_in", "staff_user", user.id, actor=user)
        # Signed in or refused, what `authenticate` counted is saved with its audit entry.
        db.session.commit()
        if user is not None:
            response = redirect(_safe_next(request.args.get("next")), code=303)
            known_places.remember(response, request, user)
            return response
        refused = True
    ended = sessions.pop_end_reason()
    return render_template(
        "auth/login.html",
        form=form,
        refused_message=REFUSED if refused else None,
        ended_message=ENDED_MESSAGES.get(ended or "") if request.method == "GET" else None,
    )


@bp.post("/logout")
@public_staff_page
def logout() -> Response:
    user = sessions.current_user()
    if user is not None:
        audit.record("sign_out", "staff_user", user.id, actor=user)
    sessions.end("signed_out")
    db.session.commit()
    return redirect(url_for("auth.login"), code=303)


def _safe_next(target: str | None) -> str:
    """Where to go after signing in: a staff page on this site, never elsewhere."""
    fallback = url_for("staff.dashboard")
    # A control character or space (next=/staff/%0a) can't go into a Location header.
    if not target or "\\" in target or any(ord(c) <= 32 or ord(c) == 127 for c in target):
        return fallback
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not parts.path.startswith("/staff/") or target.startswith("//"):
        return fallback
    return target
