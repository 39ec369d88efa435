"""The Children in Care Council view, and the "You said, we did" entries staff keep for it."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for
from sqlalchemy import select
from werkzeug.wrappers import Response

from .. import audit
from ..access import get_or_refuse, may, requires, scope
from ..access.policy import EDIT_YOU_SAID_WE_DID, SEE_CICC_VIEW
from ..auth import current_user
from ..charts import Bar, bar_chart
from ..extensions import db
from ..models import YouSaidWeDid, utcnow
from ..quotes import approved_quotes
from ..vocabulary import AGE_BANDS, SENTIMENTS, THEMES
from . import bp
from .forms import RemoveForm, YouSaidWeDidForm
from .summary import RELEASE_STEP, SMALLEST_GROUP, summary

QUOTES_SHOWN = 12


@bp.get("")
@requires(SEE_CICC_VIEW)
def view() -> str:
    """Aggregates, approved quotes and "You said, we did": never an answer's own words."""
    user = current_user()
    found = summary(user)
    themes_chart = bar_chart(
        "chart-themes",
        "What children and young people talked about most",
        [
            Bar(f"{THEMES[c.key].emoji} {THEMES[c.key].young}", c.figure.count or 0, f"{c.figure.shown} people")
            for c in found.themes
        ],
        label_heading="Topic",
        value_heading="How many people",
    )
    return render_template(
        "cicc/view.html",
        found=found,
        themes_chart=themes_chart if found.themes else None,
        quotes=approved_quotes(user, audience="child", limit=QUOTES_SHOWN),
        entries=_entries(),
        smallest=SMALLEST_GROUP,
        step=RELEASE_STEP,
        age_bands=AGE_BANDS,
        feelings=SENTIMENTS,
        themes=THEMES,
        can_edit=may(user, EDIT_YOU_SAID_WE_DID),
    )


@bp.route("/you-said-we-did", methods=["GET", "POST"])
@requires(EDIT_YOU_SAID_WE_DID)
def you_said_we_did() -> Response | tuple[str, int] | str:
    form = YouSaidWeDidForm()
    if form.validate_on_submit():
        entry = YouSaidWeDid(
            you_said=form.you_said.data.strip(), we_did=form.we_did.data.strip(), created_by_id=current_user().id
        )
        db.session.add(entry)
        db.session.flush()
        audit.record("you_said_we_did_added", "you_said_we_did", entry.id)
        db.session.commit()
        flash("Added. It now shows on the Children in Care Council view.")
        return redirect(url_for("cicc.you_said_we_did"), code=303)
    status = 400 if form.is_submitted() else 200
    return render_template("cicc/you_said_we_did.html", form=form, entries=_entries(), remove_form=RemoveForm()), status


@bp.route("/you-said-we-did/<int:entry_id>", methods=["GET", "POST"])
@requires(EDIT_YOU_SAID_WE_DID)
def edit_entry(entry_id: int) -> Response | tuple[str, int] | str:
    entry = _entry(entry_id)
    form = YouSaidWeDidForm(obj=entry)
    if form.validate_on_submit():
        entry.you_said, entry.we_did = form.you_said.data.strip(), form.we_did.data.strip()
        entry.updated_at = utcnow()
        audit.record("you_said_we_did_changed", "you_said_we_did", entry.id)
        db.session.commit()
        flash("Changes saved.")
        return redirect(url_for("cicc.you_said_we_did"), code=303)
    status = 400 if form.is_submitted() else 200
    return render_template("cicc/edit_entry.html", form=form, entry=entry), status


@bp.post("/you-said-we-did/<int:entry_id>/remove")
@requires(EDIT_YOU_SAID_WE_DID)
def remove_entry(entry_id: int) -> Response:
    entry = _entry(entry_id)
    if not RemoveForm().validate_on_submit():
        abort(400)
    db.session.delete(entry)
    audit.record("you_said_we_did_removed", "you_said_we_did", entry_id)
    db.session.commit()
    flash("Removed.")
    return redirect(url_for("cicc.you_said_we_did"), code=303)


def _entries() -> list[YouSaidWeDid]:
    newest_first = select(YouSaidWeDid).where(scope(current_user(), YouSaidWeDid)).order_by(YouSaidWeDid.created_at.desc(), YouSaidWeDid.id.desc())
    return list(db.session.scalars(newest_first))


def _entry(entry_id: int) -> YouSaidWeDid:
    return get_or_refuse(current_user(), YouSaidWeDid, entry_id)
