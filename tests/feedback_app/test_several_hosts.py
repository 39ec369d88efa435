"""Two app hosts, one service: two gunicorn masters on different ports (two hosts behind
a load balancer) share one PostgreSQL and one Redis, and nothing that lives in one
process's memory breaks: rate limits, sign-in holds, staff sessions, the cached
questionnaire versions, and one e-mail per safeguarding alert.

Runs with the PostgreSQL tests (DATABASE_URL=postgresql://..., as CI's second pass
does) and needs Redis (TEST_REDIS_URL, default redis://127.0.0.1:6379/4).
"""

from __future__ import annotations

import os
import re
import secrets
import time
from concurrent.futures import ThreadPoolExecutor
from functools import partial

import pytest
import requests
from aiosmtpd.controller import Controller
from sqlalchemy import func, select

from feedback_app.auth.accounts import create_user
from feedback_app.extensions import db
from feedback_app.models import QuestionnaireVersion, SafeguardingAlert
from tests.servers import QID, Server, free_port, server_env

REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/4")
PASSWORD = "a long staff password 2026"
DISCLOSURES = ["My stepdad hits me when he is drunk", "Someone at my placement hurts me and I am scared"]
STARTS_PER_MINUTE = 12


class Inbox:
    def __init__(self) -> None:
        self.messages: list[bytes] = []

    async def handle_DATA(self, server, session, envelope) -> str:
        self.messages.append(envelope.content)
        return "250 Message accepted"


@pytest.fixture
def redis_url() -> str:
    import redis

    try:
        redis.Redis.from_url(REDIS_URL, socket_timeout=2).ping()
    except redis.RedisError as error:
        if os.environ.get("REQUIRE_REDIS") == "1":
            pytest.fail(f"Redis is required here but not reachable at {REDIS_URL}: {error}")
        pytest.skip(f"Redis is not reachable at {REDIS_URL} (set TEST_REDIS_URL)")
    return REDIS_URL


@pytest.fixture
def inbox():
    found = Inbox()
    controller = Controller(found, hostname="127.0.0.1", port=free_port())
    controller.start()
    found.port = controller.port
    yield found
    controller.stop()


@pytest.fixture
def two_hosts(app, database_url, redis_url, inbox, tmp_path):
    if not database_url.startswith("postgres"):
        pytest.skip("runs with the PostgreSQL tests (DATABASE_URL=postgresql://...): hosts share a database server")
    env = server_env(
        database_url,
        SECRET_KEY=secrets.token_hex(32),  # the same on both, as it must be
        REDIS_URL=redis_url,
        FLASK_RATELIMIT_ENABLED="true",
        FLASK_RATELIMIT_KEY_PREFIX=f"test-{secrets.token_hex(4)}",  # this test's own counts
        FLASK_RATELIMIT_START=f"{STARTS_PER_MINUTE} per minute",
        FLASK_SESSION_COOKIE_SECURE="false",  # plain HTTP here
        FLASK_SAFEGUARDING_EMAIL_TO="safeguarding@council.example",
        FLASK_SMTP_HOST="127.0.0.1",
        FLASK_SMTP_PORT=str(inbox.port),
        FLASK_SMTP_STARTTLS="false",
    )
    hosts = []
    try:
        for name in ("a", "b"):
            hosts.append(Server(env, tmp_path / f"host-{name}.log", wait=False))
        for host in hosts:
            host.wait_until_up()
        yield hosts, env
    finally:
        for host in hosts:
            host.stop()


def at_once(calls: list) -> list:
    """Call each at the same moment, each in a thread of its own; their results in order."""
    with ThreadPoolExecutor(len(calls)) as pool:
        return [future.result() for future in [pool.submit(call) for call in calls]]


def start(host: Server) -> requests.Response:
    return requests.post(f"{host.url}/api/v1/conversations", json={"questionnaire": QID}, timeout=10)


def answer_through(hosts: list[Server], token: str, text: str) -> None:
    """Answer a conversation through the hosts in turn, skipping to the first free-text
    question and writing `text` there (to the next two hosts at once)."""
    state = requests.get(f"{hosts[0].url}/api/v1/conversations/{token}", timeout=10).json()
    for turn in range(40):
        question = state["question"]
        assert question, "no free-text question"
        path = f"/api/v1/conversations/{token}/answers"
        if question["type"] == "free_text":
            body = {"question_id": question["id"], "value": text}
            # The same words sent to both hosts at once, as a double click behind a load balancer might.
            responses = at_once([partial(requests.post, host.url + path, json=body, timeout=20) for host in hosts])
            assert [r.status_code for r in responses] == [200, 200], [r.text[:200] for r in responses]
            return
        response = requests.post(hosts[turn % 2].url + path, json={"question_id": question["id"], "skip": True}, timeout=10)
        assert response.status_code == 200, response.text[:300]
        state = response.json()
    raise AssertionError("no free-text question")


def sign_in(session: requests.Session, host: Server, email: str, password: str, form_from: Server) -> requests.Response:
    """The sign-in form fetched from one host and sent to another."""
    page = session.get(f"{form_from.url}/staff/login", timeout=10).text
    token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
    return session.post(f"{host.url}/staff/login", data={"csrf_token": token, "email": email, "password": password},
                        allow_redirects=False, timeout=30)  # fmt: skip


def signed_in(session: requests.Session, host: Server) -> bool:
    # The sign-in page sends someone already signed in on to the staff pages.
    return session.get(f"{host.url}/staff/login", allow_redirects=False, timeout=10).status_code == 302


@pytest.mark.slow
@pytest.mark.postgres
def test_two_hosts_share_one_database_and_one_redis(app, two_hosts, inbox):
    (a, b), env = two_hosts
    hosts = [a, b]

    # Cached questionnaire versions: each host meets the (new) version at the same moment.
    first = at_once([partial(start, host) for host in hosts])
    assert [r.status_code for r in first] == [201, 201], [r.text[:300] for r in first]
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(QuestionnaireVersion)) == 1

    # A conversation begun on one host is carried on by the other, and each alert is e-mailed once.
    for response, text in zip(first, DISCLOSURES, strict=True):
        answer_through(hosts, response.json()["token"], text)
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(SafeguardingAlert)) == 2
    deadline = time.time() + 10
    while len(inbox.messages) < 2 and time.time() < deadline:
        time.sleep(0.1)
    time.sleep(0.5)  # a third, if there were one, would be on its way
    assert len(inbox.messages) == 2
    # (Two sweeps at once, from two hosts' cron, are tests/feedback_app/safeguarding/test_raised_once.py.)

    # Staff sessions: signed in through one host, signed in on both; signed out on the other, on neither.
    with app.app_context():
        create_user("manager@council.example", "iro_manager", PASSWORD, "Test manager")
        create_user("iro@council.example", "iro", PASSWORD, "Test IRO")
        db.session.commit()
    staff = requests.Session()
    assert sign_in(staff, a, "manager@council.example", PASSWORD, form_from=b).status_code == 303
    assert signed_in(staff, a) and signed_in(staff, b)
    page = staff.get(f"{b.url}/staff/", timeout=10).text
    logout_token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
    assert staff.post(f"{b.url}/staff/logout", data={"csrf_token": logout_token}, allow_redirects=False).status_code == 303
    assert not signed_in(staff, a)

    # Sign-in holds: ten wrong passwords spread over both hosts hold the account back on both.
    guesser = requests.Session()
    for n in range(10):
        assert sign_in(guesser, hosts[n % 2], "iro@council.example", f"wrong {n}", form_from=hosts[n % 2]).status_code == 200
    for host in hosts:
        assert sign_in(requests.Session(), host, "iro@council.example", PASSWORD, form_from=host).status_code == 200

    # Rate limits: one count for the address, whichever host (and worker) is asked.
    started = 2  # the two conversations above
    statuses = []
    for n in range(2 * STARTS_PER_MINUTE):
        status = start(hosts[n % 2]).status_code
        statuses.append(status)
        if status == 429:
            break
        started += 1
    assert statuses[-1] == 429 and started == STARTS_PER_MINUTE, statuses
    assert start(a).status_code == 429 and start(b).status_code == 429
