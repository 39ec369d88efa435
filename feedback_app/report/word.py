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
    width = text_width(doc)
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
                _table(doc, block, width)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def _table(doc, table: Table, width: float) -> None:
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
    _widths(grid, column_widths(table, width))
    if table.chart is not None:
        doc.add_picture(io.BytesIO(chart_images.png(table.chart)), width=Cm(width))
        _alt_text(doc.inline_shapes[-1], table.chart.title, table.chart.alt_text)


# A column's width across the page's text, from its words: at least its longest word, so that a label
# wraps only at spaces ("Conversations started" never as "Conversation / s started"), and what
# is left shared by how much text each column holds. Widths in cm for 10 to 11 pt text, bold
# headers included, with the cell's own margins.
CHARACTER = 0.22
CELL_MARGINS = 0.45
LONGEST_LINE = 40  # characters: text longer than this wraps anyway, so it claims no more room


def column_widths(table: Table, page_width: float) -> list[float]:
    """Each column's width in cm, adding up to `page_width` (cm).

    A column is never narrower than its longest word (unless the columns' longest
    words alone overflow the page, when all are narrowed alike).
    """
    texts = [[column, *(row[i].shown for row in table.rows)] for i, column in enumerate(table.columns)]
    least = [max(len(word) for text in column for word in [*text.split(), ""]) * CHARACTER + CELL_MARGINS
             for column in texts]  # fmt: skip
    wanted = [max(low, min(max(len(text) for text in column), LONGEST_LINE) * CHARACTER + CELL_MARGINS)
              for low, column in zip(least, texts, strict=True)]  # fmt: skip
    if sum(least) >= page_width:
        return [low * page_width / sum(least) for low in least]
    spare, more = page_width - sum(least), [want - low for low, want in zip(least, wanted, strict=True)]
    if not sum(more):
        return [low + spare / len(least) for low in least]
    return [low + spare * extra / sum(more) for low, extra in zip(least, more, strict=True)]


def text_width(doc) -> float:
    """The width (cm) between the page's margins, which tables and charts fill."""
    section = doc.sections[0]
    return (section.page_width - section.left_margin - section.right_margin) / Cm(1)


def _widths(grid, widths: list[float]) -> None:
    """Fix the table's layout to `widths`: on the grid (which LibreOffice follows) and on every
    cell (which Word follows), with autofit off so that neither program resizes it."""
    grid.autofit = False
    for column, width in zip(grid.columns, widths, strict=True):
        column.width = Cm(width)
    for row in grid.rows:
        for cell, width in zip(row.cells, widths, strict=True):
            cell.width = Cm(width)


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


__all__ = ["LANGUAGE", "column_widths", "document", "text_width"]
