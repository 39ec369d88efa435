"""The demo data gives every staff page something to show."""

from sqlalchemy import func, select

from feedback_app.auth.demo import ensure_demo_staff
from feedback_app.extensions import db
from feedback_app.models import BankedQuote, Conversation, Invitation, SafeguardingAlert


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
        assert count(Invitation) == 3
        assert count(SafeguardingAlert) == 1
        assert count(BankedQuote) >= 1


def test_seed_demo_does_nothing_the_second_time(app, runner):
    runner.invoke(args=["seed-demo"])
    assert "no demo data added" in runner.invoke(args=["seed-demo"]).output
