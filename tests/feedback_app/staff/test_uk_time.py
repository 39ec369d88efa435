"""Staff read every time in UK time, on every page; the database keeps UTC (issue 11.17).

The fake clock stands at 4 May 2026, 09:00 UTC, which is 10:00 in England (BST).
"""

from __future__ import annotations

import re
from datetime import UTC, date

import pytest
from sqlalchemy import select

from feedback_app.conversation import service as conversations
from feedback_app.extensions import db
from feedback_app.invitations import service as invitations
from feedback_app.models import AuditEvent, Conversation, StaffUser
from tests.feedback_app.auth.staff_helpers import sign_in_quickly

QID = "young-person-before-review"
STAFF_LINK = re.compile(r'href="(/staff/[^"?#]*)"')


@pytest.fixture
def records(app, fake_clock, make_account):
    manager = make_account("iro_manager")
    with app.app_context():
        conversation = conversations.new(QID)
        conversations.record_answer(conversation, "home", None, skip=True)
        person = db.session.get(StaffUser, manager.id)
        invitation = invitations.create(
            questionnaire_id=QID, audience="child", review_date=date(2026, 5, 12), iro=person, created_by=person
        )
        db.session.commit()
        ids = {"conversation": conversation.id, "invitation": invitation.id}
    return manager, ids


def stored_times(app) -> list:
    with app.app_context():
        return [
            *db.session.scalars(select(Conversation.created_at)),
            *db.session.scalars(select(AuditEvent.at)),
        ]


def test_every_staff_page_shows_uk_time_and_never_utc(app, client, make_account, records):
    manager, ids = records
    sign_in_quickly(app, client, manager)
    home = client.get("/staff/").get_data(as_text=True)
    pages = {"/staff/", *STAFF_LINK.findall(home), f"/staff/responses/{ids['conversation']}",
             f"/staff/invitations/{ids['invitation']}"}  # fmt: skip
    assert len(pages) >= 8
    shown_times = 0
    for path in sorted(pages):
        response = client.get(path)
        if response.status_code != 200 or not response.mimetype == "text/html":
            continue
        text = re.sub(r"<[^>]+>", " ", response.get_data(as_text=True))
        assert "UTC" not in text, path
        assert not re.search(r"\b09:00\b", text), f"{path} shows a time in UTC"
        shown_times += len(re.findall(r"\b10:00\b", text))
    assert shown_times >= 2  # the conversation's start, in the list and on its page
    admin = make_account("admin")
    sign_in_quickly(app, client, admin)
    audit = re.sub(r"<[^>]+>", " ", client.get("/staff/audit").get_data(as_text=True))
    assert "UTC" not in audit and "10:00:00" in audit and "09:00:00" not in audit
    # ...while what is stored is UTC.
    assert {(t.replace(tzinfo=UTC) if t.tzinfo is None else t).astimezone(UTC).hour for t in stored_times(app)} == {9}
