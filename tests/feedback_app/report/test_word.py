"""The Word document's paragraphs and tables, written as WordprocessingML, read back as python-docx reads them."""

from __future__ import annotations

import io

from docx import Document

from feedback_app.report import word
from feedback_app.report.layout import Cell, Paragraph, QuoteText, Report, Section, Table, text


def _read(*blocks) -> Document:
    report = Report("The report", "2025-26", "2024-25", (Section("s", "A section", tuple(blocks)),))
    return Document(io.BytesIO(word.document(report)))


def test_text_with_a_line_break_a_tab_and_markup_characters_reads_back_as_written():
    doc = _read(Paragraph("one <two> & three\nfour\tfive"), QuoteText("It's \"fine\"\nreally", "a carer"))
    texts = [p.text for p in doc.paragraphs]
    assert "one <two> & three\nfour\tfive" in texts
    assert "\u201cIt's \"fine\"\nreally\u201d - a carer" in texts


def test_headings_captions_and_quotes_have_their_styles_in_order():
    doc = _read(Table("t", "A table", ("Who", "2025-26"), ((text("Parents"), Cell(7, "7")),)), QuoteText("Good", "a parent"))
    assert [(p.style.name, p.text) for p in doc.paragraphs] == [
        ("Title", "The report"),
        ("Normal", "Figures for the reporting year 2025-26, with 2024-25 beside them."),
        ("Heading 1", "A section"),
        ("Caption", "A table"),
        ("Quote", "\u201cGood\u201d - a parent"),
    ]
    assert doc.paragraphs[3].paragraph_format.keep_with_next


def test_a_tables_cells_hold_its_figures_with_numbers_to_the_right_and_headers_bold():
    doc = _read(Table("t", "A table", ("Who", "2025-26"), ((text("Parents"), Cell(7, "7")),)))
    table = doc.tables[0]
    assert table.style.name == "Table Grid"
    assert [[c.text for c in row.cells] for row in table.rows] == [["Who", "2025-26"], ["Parents", "7"]]
    assert all(run.bold for cell in table.rows[0].cells for run in cell.paragraphs[0].runs)
    assert table.rows[1].cells[1].paragraphs[0].alignment == 2  # WD_ALIGN_PARAGRAPH.RIGHT
    assert table.rows[1].cells[0].paragraphs[0].alignment is None
