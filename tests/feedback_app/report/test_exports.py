"""The Word document, the spreadsheet and the CSV, read back and checked against hand counts."""

import csv
import io

import pytest
from docx import Document
from docx.oxml.ns import qn
from docx.shared import Cm
from openpyxl import load_workbook

from feedback_app.extensions import db
from feedback_app.models import Conversation
from feedback_app.report.layout import Table, text
from feedback_app.report.word import CELL_MARGINS, CHARACTER, column_widths, text_width
from tests.feedback_app.auth.staff_helpers import sign_in_quickly
from tests.feedback_app.report.known_years import THIS_YEAR, build_known_years
from tests.feedback_app.responses.builders import DISCLOSURE, YOUNG_PEOPLE, converse

FORMULA = "=HYPERLINK(\"http://example.com\")"


@pytest.fixture
def manager_client(app, client, make_account):
    with app.app_context():
        build_known_years()
    sign_in_quickly(app, client, make_account("iro_manager"))
    return client


def download(client, kind: str) -> bytes:
    response = client.get(f"/staff/report/2025-26/{kind}")
    assert response.status_code == 200, response.status_code
    assert "attachment" in response.headers["Content-Disposition"]
    return response.get_data()


def word_tables(doc) -> dict[str, list[list[str]]]:
    """Each table under its caption (the paragraph before it)."""
    found, caption = {}, None
    for element in doc.element.body.iterchildren():
        if element.tag == qn("w:p"):
            text = "".join(t.text or "" for t in element.iter(qn("w:t")))
            caption = text or caption
        elif element.tag == qn("w:tbl"):
            rows = [["".join(t.text or "" for t in cell.iter(qn("w:t"))) for cell in row.iter(qn("w:tc"))]
                    for row in element.iter(qn("w:tr"))]  # fmt: skip
            found[caption] = rows
    return found


def test_the_word_document_holds_the_pages_figures(manager_client):
    doc = Document(io.BytesIO(download(manager_client, "report.docx")))
    taking_part = word_tables(doc)["Who took part"]
    assert ["Children aged 12 to 18", "Conversations started", "15", "5", "up from 5"] in taking_part
    assert ["Parents", "Conversations sent", "6", "fewer than 5", ""] in taking_part
    closed = word_tables(doc)["How are things where you live?"]
    assert closed[1][:5] == ["Great", "5", "50%", "fewer than 5", "-"]


def test_the_word_document_passes_the_accessibility_checks_a_program_can_make(manager_client):
    doc = Document(io.BytesIO(download(manager_client, "report.docx")))
    assert doc.core_properties.title == "Tell us what you think: annual report 2025-26"
    assert doc.core_properties.language == "en-GB"
    language = doc.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr")).find(qn("w:lang"))
    assert language.get(qn("w:val")) == "en-GB"
    levels = [int(p.style.name.split()[-1]) if p.style.name.startswith("Heading") else 0
              for p in doc.paragraphs if p.style.name.startswith(("Heading", "Title"))]  # fmt: skip
    assert levels[0] == 0 and all(b - a <= 1 for a, b in zip(levels, levels[1:], strict=False)), levels
    for table in doc.tables:
        assert table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
    pictures = doc.inline_shapes
    assert len(pictures) >= 3
    for picture in pictures:
        described = picture._inline.docPr.get("descr")
        assert described and "in 2025-26" in described and "in 2024-25" in described


def test_every_word_table_is_laid_out_fixed_with_each_column_as_wide_as_its_longest_word(manager_client):
    # LibreOffice lays a table out by its grid, Word by each cell's width: both must hold the
    # same widths, or "Conversations started" wraps mid-word in one of them.
    doc = Document(io.BytesIO(download(manager_client, "report.docx")))
    page = text_width(doc)
    fitting = 0
    for table in doc.tables:
        assert table._tbl.tblPr.find(qn("w:tblLayout")).get(qn("w:type")) == "fixed"
        # gridCol is in twentieths of a point (635 EMU), a cell's width in EMU.
        grid = [int(column.get(qn("w:w"))) * 635 / Cm(1) for column in table._tbl.tblGrid.iterchildren(qn("w:gridCol"))]
        assert abs(sum(grid) - page) < 0.01
        for row in table.rows:
            assert all(abs(cell.width / Cm(1) - width) < 0.01 for cell, width in zip(row.cells, grid, strict=True))
        longest = [max(len(word) for cell in column.cells for word in [*cell.text.split(), ""]) for column in table.columns]
        least = [n * CHARACTER + CELL_MARGINS for n in longest]
        if sum(least) <= page:
            fitting += 1
            assert all(width >= low - 0.01 for width, low in zip(grid, least, strict=True)), (table.rows[0].cells[0].text, grid)
        else:  # too many columns for their words: all narrowed alike
            assert max(w / low for w, low in zip(grid, least, strict=True)) - min(w / low for w, low in zip(grid, least, strict=True)) < 0.01
    assert fitting >= 3


def test_what_is_left_of_the_page_goes_to_the_columns_with_the_most_words():
    rows = ((text("Children aged 8 to 11"), text("Conversations started"), text("9959"), text("10041"),
             text("down from 10041")),)  # fmt: skip
    table = Table("t", "Who took part", ("Who", "Figure", "2025-26", "2024-25", "Change"), rows)
    widths = column_widths(table, 15.24)
    assert abs(sum(widths) - 15.24) < 1e-9
    assert widths[1] >= len("Conversations") * CHARACTER + CELL_MARGINS
    assert widths[1] > widths[2] and widths[0] > widths[3]


def test_columns_whose_longest_words_overflow_the_page_are_narrowed_alike():
    words = text("Conversations " * 3)
    table = Table("t", "Wide", tuple(f"Column{i}" for i in range(8)), ((words,) * 8,))
    widths = column_widths(table, 15.24)
    assert abs(sum(widths) - 15.24) < 1e-9 and max(widths) - min(widths) < 1e-9


def test_a_charts_alt_text_states_its_figures(manager_client):
    doc = Document(io.BytesIO(download(manager_client, "report.docx")))
    described = [p._inline.docPr.get("descr") for p in doc.inline_shapes]
    assert any("Great: 50% in 2025-26, not shown (to protect small numbers) in 2024-25" in d for d in described)


def test_the_spreadsheet_stores_figures_as_numbers_and_hidden_ones_as_words(manager_client):
    book = load_workbook(io.BytesIO(download(manager_client, "report.xlsx")))
    assert "Notes" in book.sheetnames and "Taking part" in book.sheetnames
    rows = [tuple(c.value for c in row) for row in book["Taking part"].iter_rows()]
    assert ("Children aged 12 to 18", "Conversations started", 15, 5, "up from 5") in rows
    assert ("Parents", "Conversations sent", 6, "fewer than 5", None) in rows
    rate = next(r for r in rows if r[:2] == ("Children aged 12 to 18", "Completion rate (sent of started)"))
    assert rate[2] == pytest.approx(0.6667) and rate[3] == 1.0


def test_the_spreadsheet_neutralises_text_that_would_run_as_a_formula(app, manager_client):
    with app.app_context():
        from feedback_app.models import YouSaidWeDid, utcnow

        db.session.add(YouSaidWeDid(you_said=FORMULA, we_did="-1+1", created_at=THIS_YEAR))
        db.session.commit()
        _ = utcnow
    book = load_workbook(io.BytesIO(download(manager_client, "report.xlsx")))
    values = [c.value for row in book["You said, we did"].iter_rows() for c in row if c.value]
    assert "'" + FORMULA in values and "'-1+1" in values
    assert not [c for row in book["You said, we did"].iter_rows() for c in row if c.data_type == "f"]


def test_the_answers_csv_has_sent_conversations_only_in_words_with_no_ids_or_flagged_words(app, manager_client):
    with app.app_context():
        flagged = converse(YOUNG_PEOPLE, {"home": "ok", "worries": DISCLOSURE})
        found = db.session.get(Conversation, flagged)
        found.created_at = THIS_YEAR
        db.session.commit()
        tokens = [c.token for c in db.session.query(Conversation)]
    body = download(manager_client, "answers.csv").decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(body)))
    assert rows[0] == ["person", "questionnaire", "who", "age_band", "month_started", "question", "answer"]
    people = {r[0] for r in rows[1:]}
    assert len(people) == 10 + 6 + 1  # sent this year: 10 young people, 6 parents, the one with the worry
    assert ["How are things where you live?", "Great"] in [r[5:] for r in rows]
    assert DISCLOSURE not in body and "[left out: passed to safeguarding]" in body
    assert not [t for t in tokens if t in body]
    assert "invitation" not in rows[0]


def test_the_command_writes_each_format(app, runner, tmp_path):
    with app.app_context():
        build_known_years()
    for fmt in ("docx", "xlsx", "csv"):
        out = tmp_path / f"report.{fmt}"
        result = runner.invoke(args=["annual-report", "--year", "2025", "--format", fmt, "--output", str(out)])
        assert result.exit_code == 0, result.output
        assert out.stat().st_size > 0
    assert ["Children aged 12 to 18", "Conversations started", "15", "5", "up from 5"] in word_tables(
        Document(str(tmp_path / "report.docx"))
    )["Who took part"]


def test_the_command_refuses_a_year_that_is_not_one(runner, tmp_path):
    result = runner.invoke(args=["annual-report", "--year", "next", "--format", "csv", "--output", str(tmp_path / "x")])
    assert result.exit_code != 0 and "not a reporting year" in result.output


def test_each_chart_downloads_as_png_and_svg(manager_client):
    png = manager_client.get("/staff/report/2025-26/charts/chart-sent-by-who.png")
    svg = manager_client.get("/staff/report/2025-26/charts/chart-sent-by-who.svg")
    assert png.status_code == 200 and png.get_data()[:8] == b"\x89PNG\r\n\x1a\n"
    assert svg.status_code == 200 and b"<svg" in svg.get_data() and b"Children aged 12 to 18: 10 in 2025-26" in svg.get_data()
    assert manager_client.get("/staff/report/2025-26/charts/nothing.png").status_code == 404
