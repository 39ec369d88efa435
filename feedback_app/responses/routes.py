"""The dashboard, the responses list, one conversation, and closed questions' figures."""

from __future__ import annotations

from dataclasses import dataclass

from flask import render_template, request

from .. import audit, question_types
from ..access import get_or_refuse, may_use, requires, visible_ids
from ..access.policy import SEE_FIGURES, SEE_RESPONSES
from ..auth import current_user
from ..charts import Bar, bar_chart
from ..extensions import db
from ..models import Conversation, utcnow
from ..periods import Period, reporting_year
from ..query_args import page_number, status_of
from ..questionnaire import registry
from ..questionnaire.loader import staff_text
from ..questionnaire.titles import staff_title
from ..safeguarding import is_flagged
from ..vocabulary import age_band_name
from . import bp
from .figures import closed_question_figures
from .forms import QuestionnaireForm, ResponseFilterForm, choices
from .queries import (
    ResponseFilters,
    answer_summaries,
    conversations,
    counts_by_audience,
    counts_by_questionnaire,
    counts_over_time,
    drop_off,
    questionnaire_titles,
    recent_conversations,
    totals,
)

PER_PAGE = 25

# The reporting pages, linked from each other. A page appears only to those its view lets in.
REPORT_PAGES = [
    ("report.page", "Annual report"),
    ("responses.dashboard", "Dashboard"),
    ("responses.responses", "Responses"),
    ("responses.figures", "Closed questions"),
    ("quotes.bank", "Quote bank"),
    ("cicc.view", "Children in Care Council view"),
    ("cicc.you_said_we_did", "You said, we did"),
]


@bp.app_template_global("report_pages")
def report_pages() -> list[tuple[str, str]]:
    user = current_user()
    if user is None:
        return []
    return [(endpoint, label) for endpoint, label in REPORT_PAGES if may_use(user, endpoint)]


@bp.get("/dashboard")
@requires(SEE_RESPONSES)
def dashboard() -> tuple[str, int]:
    user = _user()
    titles = questionnaire_titles()
    form = QuestionnaireForm(formdata=request.args)
    form.questionnaire.choices = choices(titles, "The busiest questionnaire")
    form.validate()
    today = utcnow().date()
    period = _period(form, reporting_year(today))
    by_questionnaire = counts_by_questionnaire(user, period)
    questionnaire_id = form.value("questionnaire") or (by_questionnaire[0].key if by_questionnaire else None)
    stops = drop_off(user, questionnaire_id, period) if questionnaire_id else None
    over_time = counts_over_time(user, period, today)
    recent = recent_conversations(user, period)
    return render_template(
        "responses/dashboard.html",
        form=form,
        period=period,
        total=totals(user, period),
        by_questionnaire=by_questionnaire,
        by_audience=counts_by_audience(user, period),
        over_time=over_time,
        over_time_chart=bar_chart(
            "chart-over-time",
            f"Conversations started and sent, {period.describe()}",
            [Bar(c.label, c.started, f"{c.started} started, {c.sent} sent", part=c.sent) for c in over_time],
            summary="Each bar is the conversations started; its darker part, those of them sent.",
            value_heading="Started and sent",
            label_heading="When",
        ),
        stops=stops,
        stops_chart=_stops_chart(stops) if stops else None,
        recent=recent,
        summaries=answer_summaries(user, (c.id for c in recent)),
        viewable=visible_ids(user, Conversation, (c.id for c in recent)),
        titles=titles,
    ), status_of(form)


@bp.get("/responses")
@requires(SEE_RESPONSES)
def responses() -> tuple[str, int]:
    user = _user()
    titles = questionnaire_titles()
    form = ResponseFilterForm(formdata=request.args)
    form.questionnaire.choices = choices(titles, "Any questionnaire")
    form.validate()
    filters = ResponseFilters(
        questionnaire=form.value("questionnaire"),
        audience=form.value("audience"),
        age_band=form.value("age_band"),
        period=form.period(),
        theme=form.value("theme"),
        sentiment=form.value("sentiment"),
        status=form.value("status"),
    )
    page = db.paginate(
        conversations(user, filters), page=page_number(), per_page=PER_PAGE, error_out=False
    )
    link_args = {key: value for key, value in request.args.items() if key != "page" and value}
    return render_template(
        "responses/list.html",
        form=form,
        page=page,
        link_args=link_args,
        filtered=bool(link_args),
        summaries=answer_summaries(user, (c.id for c in page.items)),
        viewable=visible_ids(user, Conversation, (c.id for c in page.items)),
        titles=titles,
        age_band_of=_age_band_of,
    ), status_of(form)


@dataclass(frozen=True)
class AnswerRow:
    question_id: str
    question: str
    answer: str | None  # None: skipped
    is_text: bool
    analysis: dict | None
    flagged: bool


@bp.get("/responses/<int:conversation_id>")
@requires(SEE_RESPONSES)
def conversation(conversation_id: int) -> str:
    """One person's answers, if `access.scope` lets the reader see them; every view is audited."""
    found = get_or_refuse(_user(), Conversation, conversation_id, hidden=403)
    audit.record("conversation_viewed", "conversation", found.id)
    db.session.commit()
    q = registry.questionnaire_of(found.questionnaire_version_id)
    by_question = {answer.question_id: answer for answer in found.answers}
    rows = []
    for question in q.questions:
        answer = by_question.pop(question.id, None)
        if answer is not None:
            rows.append(_answer_row(question.id, staff_text(question.text, q), answer, question, q))
    rows += [_answer_row(qid, qid, answer, None, q) for qid, answer in by_question.items()]
    return render_template(
        "responses/conversation.html",
        conversation=found,
        title=staff_title(q),
        age_band=age_band_name(q.age_band) or None,
        rows=rows,
    )


@bp.get("/responses/figures")
@requires(SEE_FIGURES)
def figures() -> tuple[str, int]:
    user = _user()
    titles = questionnaire_titles()
    form = QuestionnaireForm(formdata=request.args)
    form.questionnaire.choices = choices(titles)
    form.validate()
    period = _period(form, reporting_year(utcnow().date()))
    busiest = counts_by_questionnaire(user, period)
    questionnaire_id = form.value("questionnaire") or (busiest[0].key if busiest else next(iter(titles), None))
    form.questionnaire.data = questionnaire_id or ""
    questions = closed_question_figures(user, questionnaire_id, period) if questionnaire_id else []
    charts = [
        bar_chart(
            f"chart-{question.question_id}",
            question.text,
            [Bar(o.label, o.count, f"{o.count} ({o.share})") for o in question.options],
            summary=f"{question.answered} answered, {question.skipped} skipped.",
            out_of=question.answered,
        )
        for question in questions
    ]
    return render_template(
        "responses/figures.html",
        form=form,
        period=period,
        title=titles.get(questionnaire_id or "", ""),
        questions=list(zip(questions, charts, strict=True)),
    ), status_of(form)


def _period(form: QuestionnaireForm, default: Period) -> Period:
    """The chosen period, or `default` shown in the form when none was chosen."""
    period = form.period(default)
    if period is default:
        form.start.data, form.end.data = default.start, default.end
    return period


def _stops_chart(stops):
    return bar_chart(
        "chart-stops",
        f"Where people stopped: {stops.title}",
        [Bar(step.text, step.stopped, str(step.stopped)) for step in stops.steps if step.reached or step.stopped],
        summary=(
            f"Of {stops.unfinished} conversations not sent and started more than a day ago, "
            f"{stops.stopped_before_first} stopped before answering anything. "
            "Number who stopped after each question:"
        ),
        value_heading="Stopped here",
    )


def _answer_row(question_id, text, answer, question, q) -> AnswerRow:
    # An answer to a question no longer in its version is shown as it was stored.
    kind = question_types.of(question) if question is not None else None
    if answer.skipped or answer.value is None:
        shown = None
    elif kind is None:
        shown = ", ".join(answer.value) if isinstance(answer.value, list) else str(answer.value)
    else:
        value = tuple(answer.value) if isinstance(answer.value, list) else answer.value
        shown = kind.shown(question, value, lambda words: staff_text(words, q))
    is_text = kind is None or kind.answer == "text"
    return AnswerRow(question_id, text, shown, is_text and shown is not None, answer.analysis, is_flagged(answer))


def _user():
    user = current_user()
    assert user is not None  # requires let us in
    return user


def _age_band_of(conversation: Conversation) -> str:
    return age_band_name(registry.questionnaire_of(conversation.questionnaire_version_id).age_band)
