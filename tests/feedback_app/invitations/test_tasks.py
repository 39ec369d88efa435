"""Requests made inside a conversation reach staff as tasks, closed with a note."""

import pytest
from sqlalchemy.exc import OperationalError

from feedback_app.extensions import db
from feedback_app.invitations import tasks
from feedback_app.models import Answer, AuditEvent, StaffTask
from tests.conftest import csrf_token
from tests.feedback_app.auth.staff_helpers import sign_in_quickly

from .helpers import PARENT, begin_through_link


def all_tasks(app) -> list[StaffTask]:
    with app.app_context():
        return db.session.scalars(db.select(StaffTask).order_by(StaffTask.id)).all()


def chat_answer(client, url, question_id, value):
    page = client.get(url).get_data(as_text=True)
    response = client.post(url, data={"csrf_token": csrf_token(page), "question_id": question_id, "value": value})
    assert response.status_code == 303, response.get_data(as_text=True)


def close(client, task_id, note):
    page = client.get("/staff/tasks").get_data(as_text=True)
    return client.post(f"/staff/tasks/{task_id}/done", data={"csrf_token": csrf_token(page), "note": note})


def test_a_child_asking_in_the_chat_to_talk_to_their_iro_makes_a_task_for_that_iro(app, invite, make_account):
    iro = make_account("iro")
    invitation_id, token = invite(iro)
    child = app.test_client()
    url = begin_through_link(child, token)  # the first answer, home: good
    child.post(url, data={"csrf_token": csrf_token(child.get(url).get_data(as_text=True)),
                          "question_id": "worries", "action": "skip"})  # fmt: skip
    assert all_tasks(app) == []
    chat_answer(child, url, "talk_to_iro", "yes")
    (task,) = all_tasks(app)
    assert (task.kind, task.iro_id, task.invitation_id, task.question_id) == (
        "talk_to_iro",
        iro.id,
        invitation_id,
        "talk_to_iro",
    )
    assert task.is_open


def test_asking_for_an_advocate_makes_a_task_too(app, invite, make_account, answer_through):
    iro = make_account("iro")
    _, token = invite(iro)
    answer_through(token, {"home": "good", "worries": None, "talk_to_iro": "no", "advocate": "yes"}, send=False)
    assert [(t.kind, t.iro_id) for t in all_tasks(app)] == [("advocate_request", iro.id)]


@pytest.mark.parametrize("value", ["no", "not_sure", None])
def test_no_other_answer_makes_a_task(app, invite, make_account, answer_through, value):
    _, token = invite(make_account("iro"))
    answer_through(token, {"home": "good", "worries": None, "talk_to_iro": value}, send=False)
    assert all_tasks(app) == []


def test_changing_the_answer_to_no_withdraws_the_task_and_yes_again_reopens_it(
    app, invite, make_account, answer_through
):
    _, token = invite(make_account("iro"))
    answer_through(token, {"home": "good", "worries": None, "talk_to_iro": "yes"}, send=False)
    answer_through(token, {"talk_to_iro": "no"}, send=False)
    (task,) = all_tasks(app)
    assert not task.is_open and task.withdrawn_at is not None
    answer_through(token, {"talk_to_iro": "yes"}, send=False)
    (task,) = all_tasks(app)
    assert task.is_open


def test_a_request_from_an_open_link_goes_to_the_iro_manager_queue(app, client, make_account):
    url = "/c/" + client.post("/api/v1/conversations", json={"questionnaire": PARENT}).get_json()["token"]
    chat_answer(client, url, "involved", "yes")
    chat_answer(client, url, "talk_to_iro", "yes")
    (task,) = all_tasks(app)
    assert (task.iro_id, task.invitation_id) == (None, None)
    manager = app.test_client()
    sign_in_quickly(app, manager, make_account("iro_manager"))
    html = manager.get("/staff/tasks").get_data(as_text=True)
    assert 'id="anonymous-tasks"' in html and "asked on an open link, with no name" in html


def test_an_iro_sees_their_own_tasks_and_not_others(app, client, invite, make_account, answer_through):
    mine, theirs = make_account("iro"), make_account("iro")
    _, my_token = invite(mine, first_name="Sam")
    _, their_token = invite(theirs, first_name="Alex")
    for token in (my_token, their_token):
        answer_through(token, {"home": "good", "worries": None, "talk_to_iro": "yes"}, send=False)
    sign_in_quickly(app, client, mine)
    html = client.get("/staff/tasks").get_data(as_text=True)
    assert "Sam (child)" in html and "Alex" not in html


def test_staff_mark_a_task_done_with_a_note_and_it_is_audited(app, client, invite, make_account, answer_through):
    iro = make_account("iro")
    _, token = invite(iro)
    answer_through(token, {"home": "good", "worries": None, "talk_to_iro": "yes"}, send=False)
    (task,) = all_tasks(app)
    sign_in_quickly(app, client, iro)
    assert close(client, task.id, "Rang Sam's carer; visit booked for 8 May.").status_code == 303
    (task,) = all_tasks(app)
    assert (task.done_by_id, task.note) == (iro.id, "Rang Sam's carer; visit booked for 8 May.")
    html = client.get("/staff/tasks").get_data(as_text=True)
    assert "Nothing to follow up." in html and "visit booked for 8 May" in html
    with app.app_context():
        event = db.session.scalar(db.select(AuditEvent).where(AuditEvent.action == "task_done"))
    assert (event.target_type, event.target_id, event.actor_id) == ("staff_task", str(task.id), iro.id)
    assert "Rang" not in str(event.detail)


def test_a_task_is_not_closed_without_a_note(app, client, invite, make_account, answer_through):
    iro = make_account("iro")
    _, token = invite(iro)
    answer_through(token, {"home": "good", "worries": None, "talk_to_iro": "yes"}, send=False)
    (task,) = all_tasks(app)
    sign_in_quickly(app, client, iro)
    response = close(client, task.id, "   ")
    assert response.status_code == 400 and "Write a short note of what was done." in response.get_data(as_text=True)
    assert all_tasks(app)[0].done_at is None


def test_closing_a_task_needs_the_csrf_token(app, client, invite, make_account, answer_through):
    iro = make_account("iro")
    _, token = invite(iro)
    answer_through(token, {"home": "good", "worries": None, "talk_to_iro": "yes"}, send=False)
    (task,) = all_tasks(app)
    sign_in_quickly(app, client, iro)
    assert client.post(f"/staff/tasks/{task.id}/done", data={"note": "done"}).status_code == 400
    assert all_tasks(app)[0].done_at is None


def test_another_iro_cannot_close_the_task(app, client, invite, make_account, answer_through):
    _, token = invite(make_account("iro"))
    answer_through(token, {"home": "good", "worries": None, "talk_to_iro": "yes"}, send=False)
    (task,) = all_tasks(app)
    sign_in_quickly(app, client, make_account("iro"))
    assert close(client, task.id, "Not mine").status_code == 403
    assert all_tasks(app)[0].done_at is None


def test_a_failure_to_store_the_task_does_not_fail_the_answer(app, invite, make_account, answer_through, monkeypatch):
    def broken(*args, **kwargs):
        raise OperationalError("INSERT", {}, Exception("disk full"))

    monkeypatch.setattr(tasks, "note_request", broken)
    _, token = invite(make_account("iro"))
    conversation_id = answer_through(token, {"home": "good", "worries": None, "talk_to_iro": "yes"}, send=False)
    with app.app_context():
        stored = db.session.scalar(
            db.select(Answer.value).where(
                Answer.conversation_id == conversation_id, Answer.question_id == "talk_to_iro"
            )
        )
    assert stored == "yes"


# --- many anonymous requests (issue 11.15) ---------------------------------------------


def anonymous_request(app) -> None:
    child = app.test_client()
    url = "/c/" + child.post("/api/v1/conversations", json={"questionnaire": PARENT}).get_json()["token"]
    chat_answer(child, url, "involved", "yes")
    chat_answer(child, url, "talk_to_iro", "yes")


@pytest.fixture
def three_anonymous_and_one_invited(app, invite, make_account, answer_through):
    iro = make_account("iro")
    _, token = invite(iro, first_name="Sam")
    answer_through(token, {"home": "good", "worries": None, "talk_to_iro": "yes"}, send=False)
    for _ in range(3):
        anonymous_request(app)


def test_the_page_counts_requests_and_lists_anonymous_ones_without_a_note_box_each(
    app, client, make_account, three_anonymous_and_one_invited
):
    sign_in_quickly(app, client, make_account("iro_manager"))
    html = client.get("/staff/tasks").get_data(as_text=True)
    assert "4 open: 1 from people you can contact, 3 anonymous." in html
    assert html.count("<textarea") == 1  # the invited child's request only
    assert html.count("<tr><th scope=\"row\">") >= 3 and "Note all 3 anonymous requests" in html


def test_the_filter_shows_those_who_can_be_contacted_or_the_anonymous_ones(
    app, client, make_account, three_anonymous_and_one_invited
):
    sign_in_quickly(app, client, make_account("iro_manager"))
    contactable = client.get("/staff/tasks?who=contactable").get_data(as_text=True)
    assert "Sam (child)" in contactable and 'id="anonymous-tasks"' not in contactable
    assert 'aria-current="page">Can be contacted (1)' in contactable
    anonymous = client.get("/staff/tasks?who=anonymous").get_data(as_text=True)
    assert "Sam (child)" not in anonymous and "<textarea" not in anonymous and 'id="anonymous-tasks"' in anonymous


def test_one_noted_closes_every_anonymous_request_shown_and_nothing_else(
    app, client, make_account, three_anonymous_and_one_invited
):
    sign_in_quickly(app, client, make_account("iro_manager"))
    page = client.get("/staff/tasks?who=anonymous").get_data(as_text=True)
    up_to = max(t.id for t in all_tasks(app))
    anonymous_request(app)  # arrives after the page was read: not swept up unseen
    response = client.post("/staff/tasks/anonymous/noted", data={"csrf_token": csrf_token(page), "up_to": up_to})
    assert response.status_code == 303
    still_open = [t for t in all_tasks(app) if t.is_open]
    assert len(still_open) == 2 and {t.invitation_id is None for t in still_open} == {True, False}
    assert {t.note for t in all_tasks(app) if not t.is_open} == {tasks.ANONYMOUS_NOTE}
    with app.app_context():
        (event,) = db.session.scalars(db.select(AuditEvent).where(AuditEvent.action == "anonymous_tasks_noted")).all()
    assert event.detail["count"] == 3
    assert "3 anonymous requests noted." in client.get("/staff/tasks").get_data(as_text=True)
