"""The annual report as a Word document (python-docx), ready to paste into the council's report.

It meets the checks a program can make for the accessibility regulations:
real heading styles in order (Title, then Heading 1 per section, Heading 2
below), every table's first row marked as a header row (w:tblHeader), every
chart a PNG with alt text stating its figures, and the document's title and
language (en-GB) set.
"""

from __future__ import annotations

import io
from xml.sax.saxutils import escape

from docx import Document
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsmap, qn
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
    body = _Body(doc)
    body.paragraph(report.title, "Title")
    body.paragraph(f"Figures for the reporting year {report.year_name}, with {report.previous_name} beside them.")
    for section in report.sections:
        body.paragraph(section.heading, "Heading 1")
        for block in section.blocks:
            if isinstance(block, Paragraph):
                body.paragraph(block.text)
            elif isinstance(block, Subheading):
                body.paragraph(block.text, "Heading 2")
            elif isinstance(block, Bullets):
                for item in block.items:
                    body.paragraph(item, "List Bullet")
            elif isinstance(block, QuoteText):
                body.paragraph(f"\u201c{block.text}\u201d - {block.who}", "Quote")
            elif isinstance(block, Table):
                _table(doc, body, block, width)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


class _Body:
    """Paragraphs and tables written into the document's body as WordprocessingML.

    python-docx builds each cell, run and width through XPath lookups (a big report's
    96 tables took about 4 s that way, most of a Word document's time once its charts
    were drawn); the same elements written as XML take a small part of that. Styles
    are looked up by name once, so a style missing from the template still fails loudly.
    """

    def __init__(self, doc) -> None:
        self._body = doc.element.body
        self._styles = {name: doc.styles[name].style_id for name in STYLES}

    def paragraph(self, text: str, style: str | None = None, *, keep_with_next: bool = False) -> None:
        properties = (f'<w:pStyle w:val="{self._styles[style]}"/>' if style else "") + ("<w:keepNext/>" if keep_with_next else "")
        self._add(f"<w:p {_NS}>{f'<w:pPr>{properties}</w:pPr>' if properties else ''}{_run(text)}</w:p>")

    def table(self, table: Table, widths: list[float]) -> None:
        twips = [Cm(width).twips for width in widths]
        grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in twips)
        rows = [
            "<w:tr><w:trPr><w:tblHeader w:val=\"true\"/></w:trPr>"
            + "".join(_cell(column, w, bold=True) for column, w in zip(table.columns, twips, strict=True))
            + "</w:tr>"
        ]
        for values in table.rows:
            cells = (
                _cell(value.shown, w, right=value.is_number or value.shown == "fewer than 5")
                for value, w in zip(values, twips, strict=True)
            )
            rows.append(f"<w:tr>{''.join(cells)}</w:tr>")
        # Autofit off (a fixed layout) and the widths on the grid (which LibreOffice follows) and
        # on every cell (which Word follows), so that neither program resizes the columns.
        self._add(
            f"<w:tbl {_NS}><w:tblPr><w:tblStyle w:val=\"{self._styles['Table Grid']}\"/>"
            '<w:tblW w:type="auto" w:w="0"/><w:tblLayout w:type="fixed"/>'
            '<w:tblLook w:firstColumn="1" w:firstRow="1" w:lastColumn="0" w:lastRow="0" w:noHBand="0" w:noVBand="1" w:val="04A0"/>'
            f"</w:tblPr><w:tblGrid>{grid}</w:tblGrid>{''.join(rows)}</w:tbl>"
        )

    def _add(self, xml: str) -> None:
        # Before the body's last element, its section properties (as python-docx adds blocks).
        self._body.sectPr.addprevious(parse_xml(xml))


STYLES = ("Title", "Heading 1", "Heading 2", "List Bullet", "Quote", "Caption", "Table Grid")
_NS = f'xmlns:w="{nsmap["w"]}"'


def _run(text: str, *, bold: bool = False) -> str:
    # As python-docx writes text: a line break and a tab are elements of their own.
    words = escape(text).replace("\r\n", "\n").replace("\r", "\n")
    words = words.replace("\n", '</w:t><w:br/><w:t xml:space="preserve">').replace("\t", '</w:t><w:tab/><w:t xml:space="preserve">')
    return f"<w:r>{'<w:rPr><w:b/></w:rPr>' if bold else ''}<w:t xml:space=\"preserve\">{words}</w:t></w:r>"


def _cell(text: str, twips: int, *, bold: bool = False, right: bool = False) -> str:
    aligned = '<w:pPr><w:jc w:val="right"/></w:pPr>' if right else ""
    return f'<w:tc><w:tcPr><w:tcW w:type="dxa" w:w="{twips}"/></w:tcPr><w:p>{aligned}{_run(text, bold=bold)}</w:p></w:tc>'


def _table(doc, body: _Body, table: Table, width: float) -> None:
    body.paragraph(table.title, "Caption", keep_with_next=True)
    body.table(table, column_widths(table, width))
    if table.chart is not None:
        shape = doc.add_picture(io.BytesIO(chart_images.png(table.chart)), width=Cm(width))
        _alt_text(shape, table.chart.title, table.chart.alt_text)


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
