"""The annual report as a Word document (python-docx), ready to paste into the council's report.

It meets the checks a program can make for the accessibility regulations:
real heading styles in order (Title, then Heading 1 per section, Heading 2
below), every table's first row marked as a header row (w:tblHeader), every
chart a PNG with alt text stating its figures, and the document's title and
language (en-GB) set.
"""

from __future__ import annotations

import io

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm

from . import chart_images
from .layout import Bullets, Paragraph, QuoteText, Report, Subheading, Table

LANGUAGE = "en-GB"


def document(report: Report) -> bytes:
    doc = Document()
    doc.core_properties.title = report.title
    doc.core_properties.language = LANGUAGE
    doc.core_properties.subject = f"Reporting year {report.year_name}"
    _set_language(doc)
    doc.add_heading(report.title, level=0)
    doc.add_paragraph(f"Figures for the reporting year {report.year_name}, with {report.previous_name} beside them.")
    for section in report.sections:
        doc.add_heading(section.heading, level=1)
        for block in section.blocks:
            if isinstance(block, Paragraph):
                doc.add_paragraph(block.text)
            elif isinstance(block, Subheading):
                doc.add_heading(block.text, level=2)
            elif isinstance(block, Bullets):
                for item in block.items:
                    doc.add_paragraph(item, style="List Bullet")
            elif isinstance(block, QuoteText):
                doc.add_paragraph(f"\u201c{block.text}\u201d - {block.who}", style="Quote")
            elif isinstance(block, Table):
                _table(doc, block)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def _table(doc, table: Table) -> None:
    caption = doc.add_paragraph(table.title, style="Caption")
    caption.paragraph_format.keep_with_next = True
    grid = doc.add_table(rows=1, cols=len(table.columns))
    grid.style = "Table Grid"
    header = grid.rows[0]
    _mark_header(header)
    for cell, column in zip(header.cells, table.columns, strict=True):
        cell.text = ""
        cell.paragraphs[0].add_run(column).bold = True
    for values in table.rows:
        cells = grid.add_row().cells
        for cell, value in zip(cells, values, strict=True):
            cell.text = value.shown
            if value.is_number or value.shown == "fewer than 5":
                cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
    _widths(grid, len(table.columns))
    if table.chart is not None:
        doc.add_picture(io.BytesIO(chart_images.png(table.chart)), width=Cm(16))
        _alt_text(doc.inline_shapes[-1], table.chart.title, table.chart.alt_text)


def _widths(grid, columns: int) -> None:
    """Text columns wide enough for their words, figures narrower, on a 16 cm page."""
    first = 4.5 if columns > 2 else 8.0
    rest = (16 - first) / max(columns - 1, 1)
    grid.autofit = False
    for row in grid.rows:
        for i, cell in enumerate(row.cells):
            cell.width = Cm(first if i == 0 else rest)


def _mark_header(row) -> None:
    """Mark a row as the table's header row, repeated on each page and read as headers."""
    properties = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    properties.append(header)


def _alt_text(shape, title: str, description: str) -> None:
    properties = shape._inline.docPr
    properties.set("title", title)
    properties.set("descr", description)


def _set_language(doc) -> None:
    """en-GB for the whole document: the default run language in the styles."""
    defaults = doc.styles.element.find(qn("w:docDefaults"))
    run_properties = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    language = run_properties.find(qn("w:lang"))
    if language is None:
        language = OxmlElement("w:lang")
        run_properties.append(language)
    language.set(qn("w:val"), LANGUAGE)
    language.set(qn("w:eastAsia"), LANGUAGE)
    language.set(qn("w:bidi"), "ar-SA")


__all__ = ["LANGUAGE", "document"]
