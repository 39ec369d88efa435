"""The IRO manager reads the annual report in a real browser and downloads its three files; an IRO is refused."""

from __future__ import annotations

import io
import random
from datetime import UTC, datetime, timedelta

import pytest
from docx import Document
from openpyxl import load_workbook

from feedback_app.auth.accounts import create_user
from feedback_app.conversation import service
from feedback_app.demo import answer_all
from feedback_app.extensions import db

pytestmark = pytest.mark.browser

PASSWORD = "a long and unusual staff passphrase"
MANAGER = "report-manager@council.example"
IRO = "report-iro@council.example"


@pytest.fixture
def two_years(live_app):
    rng = random.Random(3)
    with live_app.app_context():
        create_user(MANAGER, "iro_manager", PASSWORD, "Morgan the manager")
        create_user(IRO, "iro", PASSWORD, "Pat the IRO")
        for started, n in ((datetime(2025, 6, 1, 10, tzinfo=UTC), 6), (datetime(2024, 6, 1, 10, tzinfo=UTC), 5)):
            for _ in range(n):
                conversation = service.start("young-person-before-review")
                answer_all(conversation, rng)
                conversation.created_at, conversation.submitted_at = started, started + timedelta(minutes=5)
        db.session.commit()


def sign_in(page, email: str) -> None:
    page.goto("/staff/login")
    page.fill("#email", email)
    page.fill("#password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_load_state()


def test_the_iro_manager_picks_a_year_reads_the_report_and_downloads_all_three_files(pages, two_years):
    desk = pages.open(width=1280, height=900)
    sign_in(desk, MANAGER)
    desk.goto("/staff/report")
    desk.select_option("#year", "2025-26")
    desk.click("form.report-filters button[type=submit]")
    desk.wait_for_load_state()
    assert desk.locator("h1").inner_text() == "Annual report 2025-26"
    row = desk.locator("#table-taking-part tr", has_text="Children aged 12 to 18").filter(has_text="Conversations sent")
    assert row.locator("td").all_inner_texts()[1:3] == ["6", "5"]
    assert desk.locator("svg.report-chart-svg").count() >= 1

    files = {}
    for name in ("Word document", "spreadsheet", "anonymised answers"):
        with desk.expect_download(timeout=90_000) as download:
            desk.click(f"#downloads a:has-text('{name}')")
        files[name] = open(download.value.path(), "rb").read()
    doc = Document(io.BytesIO(files["Word document"]))
    assert doc.core_properties.title == "Tell us what you think: annual report 2025-26"
    assert "Taking part" in load_workbook(io.BytesIO(files["spreadsheet"])).sheetnames
    assert files["anonymised answers"].decode("utf-8-sig").startswith("person,questionnaire,who")


def test_an_iro_is_refused_the_report(pages, two_years):
    desk = pages.open(width=1280, height=900)
    sign_in(desk, IRO)
    pages.expected_errors.append("Failed to load resource: the server responded with a status of 403")
    response = desk.goto("/staff/report")
    assert response.status == 403
