"""The annual report page for the IRO manager, and its downloads."""

from __future__ import annotations

from flask import Response, abort, render_template, request, stream_with_context

from .. import audit
from ..access import requires
from ..access.policy import READ_REPORT
from ..auth import current_user
from ..charts import Bar, BarChart, bar_chart
from ..extensions import db
from ..models import utcnow
from . import bp, chart_images
from .exports import FORMATS, export
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
            return "not shown"
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




@bp.get("/<year_name>/<kind>")
@requires(READ_REPORT)
def download(year_name: str, kind: str) -> Response:
    """The Word document (report.docx), the spreadsheet (report.xlsx) or the answers (answers.csv)."""
    fmt = {"report.docx": "docx", "report.xlsx": "xlsx", "answers.csv": "csv"}.get(kind)
    if fmt is None:
        abort(404)
    year = year_of(year_name)
    mimetype, filename = FORMATS[fmt]
    audit.record("report_exported", "report", year.name, format=fmt)
    chunks = export(current_user(), year, fmt)
    # The Word document and the spreadsheet are made before the commit, so that a
    # closed year counted for them is stored with the audit entry (counted_years).
    body = stream_with_context(chunks) if fmt == "csv" else b"".join(chunks)
    db.session.commit()
    return Response(
        body,
        mimetype=mimetype,
        headers={"Content-Disposition": f'attachment; filename="{filename.format(year=year.name)}"'},
    )


@bp.get("/<year_name>/charts/<chart_id>.<ext>")
@requires(READ_REPORT)
def chart_file(year_name: str, chart_id: str, ext: str) -> Response:
    if ext not in ("png", "svg"):
        abort(404)
    year = year_of(year_name)
    chart = annual_report(current_user(), year).chart(chart_id)
    db.session.commit()  # a closed year counted for this chart is kept (counted_years)
    if chart is None:
        abort(404)
    body = chart_images.png(chart) if ext == "png" else chart_images.svg(chart)
    db.session.commit()  # a picture drawn for it is kept for every worker (chart_images)
    return Response(
        body,
        mimetype="image/png" if ext == "png" else "image/svg+xml",
        headers={"Content-Disposition": f'attachment; filename="{year.name}-{chart_id}.{ext}"'},
    )


__all__ = ["chart_file", "download", "on_screen", "page", "year_of"]
