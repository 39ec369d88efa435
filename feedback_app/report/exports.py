"""The report's downloads: Word, spreadsheet and the anonymised answers as CSV."""

from __future__ import annotations

from collections.abc import Iterator

from ..access.policy import Principal
from .answers_csv import answers_csv
from .service import annual_report
from .spreadsheet import workbook
from .word import document
from .year import ReportingYear

FORMATS = {
    "docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "annual-report-{year}.docx"),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "annual-report-{year}.xlsx"),
    "csv": ("text/csv; charset=utf-8", "answers-{year}.csv"),
}


def export(user: Principal, year: ReportingYear, fmt: str) -> Iterator[bytes]:
    """The file's bytes, in chunks. Raises KeyError for an unknown format."""
    if fmt not in FORMATS:
        raise KeyError(fmt)
    if fmt == "csv":
        yield "\ufeff".encode()  # so that Excel reads the file as UTF-8
        for chunk in answers_csv(user, year):
            yield chunk.encode()
        return
    report = annual_report(user, year)
    yield document(report) if fmt == "docx" else workbook(report)


__all__ = ["FORMATS", "export"]
