"""The annual report as a spreadsheet (openpyxl): one sheet per section and a Notes sheet.

Figures are stored as numbers (shares as fractions formatted as percentages),
a hidden figure as the words "fewer than 5", and every piece of text is
neutralised so that no cell can run as a formula.
"""

from __future__ import annotations

import io

from openpyxl import Workbook
from openpyxl.styles import Font

from ..export import neutralise
from .layout import Bullets, Cell, Paragraph, QuoteText, Report, Subheading, Table

NOT_IN_A_NAME = str.maketrans({c: " " for c in "[]:*?/\\"})


def workbook(report: Report) -> bytes:
    book = Workbook()
    book.remove(book.active)
    book.properties.title = report.title
    book.properties.language = "en-GB"
    for section in report.sections:
        if section.id == "how-made":
            continue
        sheet = book.create_sheet(section.heading.translate(NOT_IN_A_NAME)[:31])
        sheet.append([_text(section.heading)])
        sheet["A1"].font = Font(bold=True, size=14)
        for block in section.blocks:
            if isinstance(block, Paragraph | Subheading):
                sheet.append([_text(block.text)])
                if isinstance(block, Subheading):
                    sheet.cell(sheet.max_row, 1).font = Font(bold=True)
            elif isinstance(block, Bullets):
                for item in block.items:
                    sheet.append([_text(item)])
            elif isinstance(block, QuoteText):
                sheet.append([_text(block.text), _text(block.who)])
            elif isinstance(block, Table):
                sheet.append([])
                sheet.append([_text(block.title)])
                sheet.cell(sheet.max_row, 1).font = Font(bold=True)
                sheet.append([_text(column) for column in block.columns])
                for cell in sheet[sheet.max_row]:
                    cell.font = Font(bold=True)
                for row in block.rows:
                    sheet.append([_value(cell) for cell in row])
                    for written, cell in zip(sheet[sheet.max_row], row, strict=False):
                        if isinstance(cell.value, float) and cell.shown.endswith("%"):
                            written.number_format = "0%"
        sheet.column_dimensions["A"].width = 40
    notes = book.create_sheet("Notes")
    notes.append([_text(report.title)])
    notes["A1"].font = Font(bold=True, size=14)
    for item in report.section("how-made").blocks[0].items:  # type: ignore[union-attr]
        notes.append([_text(item)])
    notes.append([_text('A figure about fewer than 5 people reads "fewer than 5"; shares are stored as fractions.')])
    notes.column_dimensions["A"].width = 120
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _text(words: str) -> str:
    return neutralise(words)


def _value(cell: Cell):
    if cell.is_number:
        return cell.value
    return _text(cell.shown)


__all__ = ["workbook"]
