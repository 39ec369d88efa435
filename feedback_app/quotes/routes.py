"""Quote bank pages: the list, finding candidates, and reviewing one quote."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from sqlalchemy import select
from werkzeug.wrappers import Response

from .. import audit
from ..access import get_or_refuse, requires, scope
from ..access.policy import REVIEW_QUOTES
from ..auth import current_user
from ..extensions import db
from ..models import BankedQuote
from ..models.quote import QUOTE_STATUSES
from ..query_args import page_number
from ..questionnaire import registry
from ..questionnaire.loader import staff_text
from ..safeguarding import is_flagged
from ..vocabulary import THEMES
from . import bp, service
from .forms import FindForm, RejectForm, ReviewForm

PER_PAGE = 20
STATUS_NAMES = {"candidate": "To review", "approved": "Approved", "rejected": "Rejected"}


@bp.get("")
@requires(REVIEW_QUOTES)
def bank() -> str:
    status = request.args.get("status", "candidate")
    if status not in QUOTE_STATUSES:
        status = "candidate"
    theme = request.args.get("theme", "")
    user = current_user()
    query = select(BankedQuote).where(scope(user, BankedQuote), BankedQuote.status == status)
    if theme in THEMES:
        query = query.where(BankedQuote.theme == theme)
    else:
        theme = ""
    query = query.order_by(BankedQuote.theme, BankedQuote.score.desc(), BankedQuote.id)
    page = db.paginate(query, page=page_number(), per_page=PER_PAGE, error_out=False)
    return render_template(
        "quotes/bank.html",
        page=page,
        status=status,
        theme=theme,
        counts=service.status_counts(user),
        status_names=STATUS_NAMES,
        themes={code: word.staff for code, word in THEMES.items()},
        find_form=FindForm(),
        author_of=service.author_of,
    )


@bp.post("/find")
@requires(REVIEW_QUOTES)
def find() -> Response:
    if not FindForm().validate_on_submit():
        abort(400)
    try:
        added = service.find_candidates(current_user())
    except service.QuoteError as problem:
        db.session.rollback()
        flash(str(problem))
    else:
        audit.record("quote_candidates_found", "quote_bank", None, added=added)
        db.session.commit()
        flash(f"{added} new candidate{'' if added == 1 else 's'} to review." if added else "No new candidates found.")
    return redirect(url_for("quotes.bank"), code=303)


@bp.get("/<int:quote_id>")
@requires(REVIEW_QUOTES)
def review(quote_id: int) -> str:
    quote = _quote(quote_id)
    audit.record("quote_viewed", "quote", quote.id)
    db.session.commit()
    form = ReviewForm(formdata=None, redacted_text=quote.redacted_text)
    return _review_page(quote, form)


@bp.post("/<int:quote_id>")
@requires(REVIEW_QUOTES)
def decide(quote_id: int) -> Response | tuple[str, int]:
    quote = _quote(quote_id)
    form = ReviewForm()
    action = request.form.get("action")
    if action not in ("approve", "save"):
        abort(400)
    if not form.validate_on_submit():
        return _review_page(quote, form), 400
    if action == "approve" and not (form.redaction_reviewed.data and form.consent_checked.data):
        if not form.redaction_reviewed.data:
            form.redaction_reviewed.errors.append("Confirm that you reviewed the redaction.")
        if not form.consent_checked.data:
            form.consent_checked.errors.append("Confirm that you checked the person agreed to be quoted.")
        return _review_page(quote, form), 400
    user = current_user()
    assert user is not None  # requires let us in
    try:
        if action == "approve":
            edited = " ".join((form.redacted_text.data or "").split()) != quote.suggested_text
            service.approve(
                quote,
                form.redacted_text.data or "",
                user,
                redaction_reviewed=form.redaction_reviewed.data,
                consent_checked=form.consent_checked.data,
            )
        else:
            changed = service.save_redaction(quote, form.redacted_text.data or "", user)
    except service.QuoteError as problem:
        db.session.rollback()
        return _review_page(quote, form, problem=str(problem)), 400
    if action == "approve":
        audit.record("quote_approved", "quote", quote.id, edited=edited)
        flash("Quote approved. It can now be used in reports and the Children in Care Council view.")
    elif changed:
        audit.record("quote_redaction_edited", "quote", quote.id, status=quote.status)
        flash("Wording saved. Approve it when it is ready.")
    else:
        flash("Nothing was changed.")
    db.session.commit()
    return redirect(url_for("quotes.review", quote_id=quote.id), code=303)


@bp.post("/<int:quote_id>/reject")
@requires(REVIEW_QUOTES)
def reject(quote_id: int) -> Response:
    quote = _quote(quote_id)
    if not RejectForm().validate_on_submit():
        abort(400)
    user = current_user()
    assert user is not None
    was = quote.status
    service.reject(quote, user)
    audit.record("quote_rejected", "quote", quote.id, was=was)
    db.session.commit()
    flash("Quote withdrawn: it will not be used." if was == "approved" else "Quote rejected.")
    return redirect(url_for("quotes.bank", status=was), code=303)


def _quote(quote_id: int) -> BankedQuote:
    return get_or_refuse(current_user(), BankedQuote, quote_id)


def _review_page(quote: BankedQuote, form: ReviewForm, problem: str | None = None) -> str:
    conversation = quote.answer.conversation
    q = registry.questionnaire_of(conversation.questionnaire_version_id)
    question = q.question(quote.answer.question_id)
    return render_template(
        "quotes/review.html",
        quote=quote,
        form=form,
        reject_form=RejectForm(formdata=None),
        problem=problem,
        consent=service.consent_of(quote),
        flagged=is_flagged(quote.answer),
        question=staff_text(question.text, q) if question else quote.answer.question_id,
        audience=service.author_of(quote),
        status_names=STATUS_NAMES,
    )
