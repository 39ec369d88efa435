"""The annual report page for the IRO manager, and its downloads."""

from __future__ import annotations

from flask import abort, render_template, request

from .. import audit
from ..access import requires
from ..access.policy import READ_REPORT
from ..auth import current_user
from ..charts import Bar, BarChart, bar_chart
from ..extensions import db
from ..models import utcnow
from . import bp
from .figures import first_day_with_conversations
from .layout import Chart
from .service import annual_report
from .year import ReportingYear, default_year

# The picker offers years from the first one with conversations (or this many back) to the current one.
YEARS_BACK = 3


@bp.get("")
@requires(READ_REPORT)
def page() -> tuple[str, int] | str:
    user = current_user()
    today = utcnow().date()
    first = first_day_with_conversations(user)
    current = ReportingYear.of(today)
    earliest = min(ReportingYear.of(first) if first else current, ReportingYear(current.first - YEARS_BACK))
    years = [ReportingYear(first_year) for first_year in range(current.first, earliest.first - 1, -1)]
    chosen = request.args.get("year", "").strip()
    error = None
    if chosen:
        try:
            year = ReportingYear.named(chosen)
        except ValueError as problem:
            error, year = str(problem), default_year(today, first)
    else:
        year = default_year(today, first)
    if year not in years:
        years.append(year)
    report = annual_report(user, year)
    audit.record("report_viewed", "report", year.name)
    db.session.commit()
    return render_template(
        "report/page.html",
        report=report,
        year=year,
        years=years,
        error=error,
        charts={c.id: on_screen(c) for c in report.charts},
    ), (400 if error else 200)


def on_screen(chart: Chart) -> BarChart:
    """This year's bars as an SVG for the page, each saying last year's figure beside it."""

    def said(value: float | None) -> str:
        if value is None:
            return "fewer than 5"
        return f"{round(value * 100)}%" if chart.percent else f"{value:g}"

    bars = [
        Bar(label, (this or 0) * (100 if chart.percent else 1), f"{said(this)} ({chart.last_name}: {said(last)})")
        for label, this, last in zip(chart.labels, chart.this_year, chart.last_year, strict=True)
    ]
    return bar_chart(chart.id, chart.title, bars, value_heading=f"{chart.this_name} ({chart.last_name})")


def year_of(name: str) -> ReportingYear:
    try:
        return ReportingYear.named(name)
    except ValueError:
        abort(404)


__all__ = ["on_screen", "page", "year_of"]
