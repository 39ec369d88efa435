"""Behind a proxy (issue 9.14): X-Forwarded-For is believed from exactly FLASK_TRUSTED_PROXIES
proxies, so limits and holds are per person, not per proxy; limits are shared through Redis."""

import os
import secrets

import pytest

from feedback_app import create_app
from tests.conftest import fresh_app, make_app

WRONG = "not the password at all"
PROXY = "10.0.0.1"


def through_proxy(client, path, forwarded_for, **kwargs):
    return client.get(path, headers={"X-Forwarded-For": forwarded_for}, environ_base={"REMOTE_ADDR": PROXY}, **kwargs)


def start_conversation(client, forwarded_for=None):
    headers = {"X-Forwarded-For": forwarded_for} if forwarded_for else {}
    return client.post(
        "/api/v1/conversations", json={"questionnaire": "young-person-before-review"}, headers=headers,
        environ_base={"REMOTE_ADDR": PROXY},
    ).status_code  # fmt: skip


@pytest.fixture
def app(_schema):
    with fresh_app(_schema, TRUSTED_PROXIES=1) as app:
        yield app


def test_with_no_trusted_proxy_a_forwarded_for_header_is_ignored(_schema):
    with fresh_app(_schema) as app:

        @app.get("/whoami")
        def whoami():
            from flask import jsonify, request

            return jsonify(request.remote_addr)

        assert through_proxy(app.test_client(), "/whoami", "198.51.100.7").get_json() == PROXY


def test_with_one_trusted_proxy_the_address_is_the_one_it_saw_and_no_further_back(app):
    @app.get("/whoami")
    def whoami():
        from flask import jsonify, request

        return jsonify(f"{request.remote_addr} {request.scheme}")

    client = app.test_client()
    seen = client.get(
        "/whoami",
        headers={"X-Forwarded-For": "6.6.6.6, 198.51.100.7", "X-Forwarded-Proto": "https"},
        environ_base={"REMOTE_ADDR": PROXY},
    )
    assert seen.get_json() == "198.51.100.7 https"


def sign_in_through_proxy(app, email, password, forwarded_for):
    from tests.conftest import csrf_token

    client = app.test_client()
    headers = {"X-Forwarded-For": forwarded_for}
    page = client.get("/staff/login", headers=headers, environ_base={"REMOTE_ADDR": PROXY}).get_data(as_text=True)
    return client.post(
        "/staff/login",
        data={"csrf_token": csrf_token(page), "email": email, "password": password},
        headers=headers,
        environ_base={"REMOTE_ADDR": PROXY},
    )


def test_behind_the_proxy_one_persons_guesses_do_not_hold_back_everyone(app, make_account, fake_clock):
    colleague = make_account("iro")
    for n in range(12):
        sign_in_through_proxy(app, f"guess{n}@council.example", WRONG, "198.51.100.66")
    assert sign_in_through_proxy(app, colleague.email, colleague.password, "203.0.113.5").status_code == 303
    assert sign_in_through_proxy(app, colleague.email, colleague.password, "198.51.100.66").status_code == 200


def test_the_start_limit_applies_per_person_behind_the_proxy(_schema):
    with fresh_app(_schema, TRUSTED_PROXIES=1, RATELIMIT_ENABLED=True, RATELIMIT_START="2 per hour") as app:
        client = app.test_client()
        codes = [start_conversation(client, "198.51.100.1") for _ in range(3)]
        other = start_conversation(client, "198.51.100.2")
    assert codes[-1] == 429 and other != 429


@pytest.mark.parametrize("bad", [-1, "one", True, 1.5])
def test_a_trusted_proxies_setting_that_is_not_a_count_stops_start_up(bad):
    with pytest.raises(RuntimeError, match="TRUSTED_PROXIES"):
        create_app({"TESTING": True, "DATABASE_URL": "sqlite://", "TRUSTED_PROXIES": bad})


def redis_url() -> str:
    import redis

    url = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/7")
    try:
        redis.Redis.from_url(url, socket_connect_timeout=1).ping()
    except redis.RedisError as error:
        if os.environ.get("REQUIRE_REDIS") == "1":
            pytest.fail(f"Redis is required here but not reachable at {url}: {error}")
        pytest.skip(f"Redis is not reachable at {url} (set TEST_REDIS_URL)")
    return url


def test_two_servers_on_one_redis_share_each_limit(_schema):
    url = redis_url()
    settings = dict(
        RATELIMIT_ENABLED=True,
        RATELIMIT_START="2 per hour",
        RATELIMIT_STORAGE_URI=url,
        RATELIMIT_KEY_PREFIX=f"test-{secrets.token_hex(4)}",
    )
    with fresh_app(_schema, **settings) as first:
        second = make_app(_schema, **settings)
        codes = [start_conversation(first.test_client()), start_conversation(second.test_client())]
        codes.append(start_conversation(second.test_client()))
    assert codes == [201, 201, 429]
