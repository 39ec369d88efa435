"""DfE participation codes: the SSDA903 extract kept as counts, and the codes IROs record on invitations."""

import secrets
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import func, select

from feedback_app.extensions import db
from feedback_app.models import ImportedReview, Invitation, ReviewCount
from tests.conftest import csrf_token
from tests.feedback_app.auth.staff_helpers import sign_in_quickly
from tests.feedback_app.report.test_page import row
from tests.feedback_app.responses.builders import YOUNG_PEOPLE

HEADER = "CHILD,DOB,REVIEW,REVIEW_CODE\n"


def extract(tmp_path, lines: list[str], name: str = "reviews.csv"):
    path = tmp_path / name
    path.write_text(HEADER + "".join(line + "\n" for line in lines), encoding="utf-8")
    return path


# 2025-26: 10 reviews of children aged 4 or over (9 took part: 6 PN1, 3 PN6; 1 PN7) and 2 under 4 (PN0).
# 2024-25: 5 reviews, all PN1.
THIS_YEAR = [f"C{i:03},01/01/2012,15/06/2025,PN1" for i in range(6)] + [
    f"C{i:03},01/01/2016,20/07/2025,PN6" for i in range(6, 9)
] + ["C009,01/01/2010,01/02/2026,PN7", "C010,01/01/2024,10/10/2025,PN0", "C011,01/06/2023,10/10/2025,PN0"]  # fmt: skip
LAST_YEAR = [f"C{i:03},01/01/2012,15/06/2024,PN1" for i in range(5)]


def test_an_extract_is_kept_as_counts_per_month_code_and_age_band_and_never_a_child(app, runner, tmp_path):
    result = runner.invoke(args=["import-reviews", str(extract(tmp_path, THIS_YEAR))])
    assert result.exit_code == 0, result.output
    assert "12 reviews read: 12 counted" in result.output
    with app.app_context():
        counts = {(r.month, r.code, r.age_band): r.reviews for r in db.session.scalars(select(ReviewCount))}
        assert counts[date(2025, 6, 1), "PN1", "12-18"] == 6
        assert counts[date(2025, 7, 1), "PN6", "8-11"] == 3
        assert counts[date(2025, 10, 1), "PN0", "under-4"] == 2
        stored = " ".join(k for k in db.session.scalars(select(ImportedReview.key)))
    assert "C001" not in stored and "2012" not in stored


def test_importing_the_same_file_twice_does_not_count_it_twice(app, runner, tmp_path):
    path = extract(tmp_path, THIS_YEAR)
    runner.invoke(args=["import-reviews", str(path)])
    again = runner.invoke(args=["import-reviews", str(path)])
    assert again.exit_code == 0 and "0 counted, 12 already imported" in again.output
    with app.app_context():
        assert db.session.scalar(select(func.sum(ReviewCount.reviews))) == 12


@pytest.mark.parametrize(
    ("bad", "message"),
    [
        ("C100,31/02/2012,15/06/2025,PN1", "line 3: DOB '31/02/2012' is not a date written dd/mm/yyyy"),
        ("C100,01/01/2012,2025-06-15,PN1", "line 3: REVIEW '2025-06-15' is not a date"),
        ("C100,01/01/2012,15/06/2025,PN9", "line 3: REVIEW_CODE 'PN9' is not one of PN0 to PN7"),
        (",01/01/2012,15/06/2025,PN1", "line 3: CHILD is empty"),
        ("C100,01/01/2026,15/06/2025,PN1", "line 3: the date of birth is after the review"),
    ],
)
def test_a_bad_line_is_named_and_nothing_is_stored(app, runner, tmp_path, bad, message):
    result = runner.invoke(args=["import-reviews", str(extract(tmp_path, [THIS_YEAR[0], bad]))])
    assert result.exit_code != 0 and message in result.output and "Nothing was imported" in result.output
    with app.app_context():
        assert db.session.scalar(select(func.count(ReviewCount.id))) == 0
        assert db.session.scalar(select(func.count(ImportedReview.id))) == 0


def test_a_file_without_the_903_columns_is_refused(runner, tmp_path):
    path = tmp_path / "wrong.csv"
    path.write_text("ID,DATE\n1,01/01/2025\n")
    result = runner.invoke(args=["import-reviews", str(path)])
    assert result.exit_code != 0 and "line 1: the header has no CHILD, DOB, REVIEW, REVIEW_CODE column" in result.output


def test_the_report_gives_the_share_of_reviews_with_the_child_participating_and_each_code(
    app, client, runner, tmp_path, make_account
):
    runner.invoke(args=["import-reviews", str(extract(tmp_path, THIS_YEAR))])
    runner.invoke(args=["import-reviews", str(extract(tmp_path, LAST_YEAR, "last.csv"))])
    sign_in_quickly(app, client, make_account("iro_manager"))
    html = client.get("/staff/report?year=2025-26").get_data(as_text=True)
    # 9 of the 10 reviews of children aged 4 or over; the PN7 one alone makes the rest small.
    assert row(html, "participation-903", "PN1")[2:4] == ["6", "5"]
    assert row(html, "participation-903", "PN0")[2:4] == ["fewer than 5", "fewer than 5"]
    assert row(html, "participation-903", "All")[2:4] == ["12", "5"]
    # 10 - 9 = 1 did not take part: giving 90% would tell it, so the share is not given.
    assert row(html, "participation-903", "PN1-PN6")[2] == "-"


def test_with_enough_reviews_the_share_participating_is_given_with_last_year_beside_it(
    app, client, runner, tmp_path, make_account
):
    more = THIS_YEAR + [f"D{i:03},01/01/2012,15/06/2025,PN7" for i in range(4)]  # 9 of 14 took part
    runner.invoke(args=["import-reviews", str(extract(tmp_path, more))])
    runner.invoke(args=["import-reviews", str(extract(tmp_path, LAST_YEAR, "last.csv"))])
    sign_in_quickly(app, client, make_account("iro_manager"))
    html = client.get("/staff/report?year=2025-26").get_data(as_text=True)
    assert row(html, "participation-903", "PN1-PN6")[2:4] == ["64%", "100%"]
    assert "64% of reviews had children participating (9 of 14 reviews of children aged 4 or over)." in html


def test_the_iro_records_a_code_on_the_invitation_after_the_review_and_the_report_counts_it(app, client, make_account):
    manager = make_account("iro_manager")
    with app.app_context():
        ids = []
        for _ in range(5):
            invitation = Invitation(
                token=secrets.token_urlsafe(32), questionnaire_id=YOUNG_PEOPLE, audience="child",
                review_date=date(2025, 9, 1), iro_id=manager.id, expires_at=datetime(2025, 9, 30, tzinfo=UTC),
            )  # fmt: skip
            db.session.add(invitation)
            db.session.flush()
            ids.append(invitation.id)
        db.session.commit()
    sign_in_quickly(app, client, manager)
    page = client.get(f"/staff/invitations/{ids[0]}").get_data(as_text=True)
    assert "PN5: Child does not attend physically but briefs an advocate" in page
    for invitation_id in ids:
        response = client.post(
            f"/staff/invitations/{invitation_id}/participation", data={"csrf_token": csrf_token(page), "code": "PN6"}
        )
        assert response.status_code == 303
    refused = client.post(f"/staff/invitations/{ids[0]}/participation", data={"csrf_token": csrf_token(page), "code": "PN9"})
    assert refused.status_code == 400
    html = client.get("/staff/report?year=2025-26").get_data(as_text=True)
    assert row(html, "participation-invited", "PN6")[2] == "5"


def test_a_code_cannot_be_recorded_before_the_review(app, client, make_account):
    manager = make_account("iro_manager")
    with app.app_context():
        invitation = Invitation(
            token=secrets.token_urlsafe(32), questionnaire_id=YOUNG_PEOPLE, audience="child",
            review_date=date.today() + timedelta(days=10), iro_id=manager.id,
            expires_at=datetime.now(UTC) + timedelta(days=20),
        )  # fmt: skip
        db.session.add(invitation)
        db.session.commit()
        invitation_id = invitation.id
    sign_in_quickly(app, client, manager)
    page = client.get(f"/staff/invitations/{invitation_id}").get_data(as_text=True)
    assert "How the child took part" not in page
    response = client.post(f"/staff/invitations/{invitation_id}/participation", data={"csrf_token": csrf_token(page), "code": "PN1"})
    assert response.status_code == 400
