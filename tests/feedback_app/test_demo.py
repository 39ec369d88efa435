"""The demo data gives every staff page something to show."""

from sqlalchemy import func, select

from feedback_app.auth.demo import ensure_demo_staff
from feedback_app.extensions import db
from feedback_app.models import (
    BankedQuote,
    Conversation,
    Invitation,
    ReviewCount,
    SafeguardingAlert,
    YouSaidWeDid,
    utcnow,
)
from feedback_app.report.year import ReportingYear


def count(model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


def test_seed_demo_adds_conversations_invitations_quotes_and_an_alert(app, runner):
    with app.app_context():
        ensure_demo_staff()
        db.session.commit()
    result = runner.invoke(args=["seed-demo"])
    assert result.exit_code == 0, result.output
    with app.app_context():
        assert count(Conversation) >= 10
        assert count(Invitation) >= 3
        assert count(SafeguardingAlert) == 1
        assert count(BankedQuote) >= 1


def test_seed_demo_fills_the_last_complete_reporting_year_and_the_one_before_for_the_annual_report(app, runner):
    with app.app_context():
        ensure_demo_staff()
        db.session.commit()
    runner.invoke(args=["seed-demo"])
    with app.app_context():
        last = ReportingYear.of(utcnow().date()).previous
        for year in (last, last.previous):
            sent = select(func.count()).select_from(Conversation).where(
                year.period.holds(Conversation.created_at), Conversation.submitted_at.is_not(None)
            )
            assert db.session.scalar(sent) >= 20, year
            months = {c.created_at.month for c in db.session.scalars(select(Conversation).where(year.period.holds(Conversation.created_at)))}
            assert len(months) == 12
        assert db.session.scalar(select(func.count()).select_from(BankedQuote).where(BankedQuote.status == "approved")) >= 5
        assert count(YouSaidWeDid) >= 3 and count(ReviewCount) > 0
        coded = select(func.count()).select_from(Invitation).where(Invitation.participation_code.is_not(None))
        assert db.session.scalar(coded) >= 20


def test_seed_demo_does_nothing_the_second_time(app, runner):
    runner.invoke(args=["seed-demo"])
    assert "no demo data added" in runner.invoke(args=["seed-demo"]).output
