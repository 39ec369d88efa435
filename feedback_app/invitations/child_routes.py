"""The child's side of an invitation: the short code typed at /code.

The code stands for the link: typing it right goes to /i/<token>, as the QR
code would. Wrong codes are rate limited per address (RATELIMIT_CODE); a right
one is not counted, so a class at one school address is not locked out.
"""

from __future__ import annotations

from flask import current_app, redirect, render_template, url_for
from werkzeug.wrappers import Response

from ..extensions import limiter
from . import bp, service
from .forms import CodeForm


@bp.route("/code", methods=["GET", "POST"])
@limiter.limit(
    lambda: current_app.config["RATELIMIT_CODE"],
    methods=["POST"],
    deduct_when=lambda response: response.status_code != 303,
)
def code() -> Response | str | tuple[str, int]:
    form = CodeForm()
    if form.validate_on_submit():
        found = service.find_by_code(form.code.data or "")
        if found is not None:
            return redirect(url_for("invitations.open_link", token=found.token), code=303)
        form.code.errors.append(
            "That code doesn't work. Check it against your letter: it has 8 letters and numbers, like AB12-CD34. "
            "A code stops working when its link does."
        )
    status = 422 if form.errors else 200
    return render_template("invitations/code.html", form=form), status
