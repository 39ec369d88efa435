"""Configuration from the environment, and refusing to start without a real secret."""

import pytest

from feedback_app import create_app


def test_production_refuses_to_start_without_a_secret_key(monkeypatch):
    monkeypatch.delenv("SECRET_KEY", raising=False)
    monkeypatch.delenv("FLASK_SECRET_KEY", raising=False)
    with pytest.raises(RuntimeError, match="SECRET_KEY"):
        create_app({"DATABASE_URL": "sqlite://"})


def test_production_refuses_a_short_secret_key(monkeypatch):
    monkeypatch.setenv("SECRET_KEY", "changeme")
    with pytest.raises(RuntimeError, match="too short"):
        create_app({"DATABASE_URL": "sqlite://"})


def test_secret_key_and_database_url_come_from_the_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("SECRET_KEY", "x" * 40)
    monkeypatch.setenv("FLASK_PUBLIC_BASE_URL", "https://feedback.council.example")
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path}/env.db")
    app = create_app()
    assert app.config["SECRET_KEY"] == "x" * 40
    assert app.config["SQLALCHEMY_DATABASE_URI"].endswith("env.db")
    assert app.config["SESSION_COOKIE_SECURE"] is True


def test_any_flask_setting_can_be_given_as_flask_prefixed_variable(monkeypatch):
    monkeypatch.setenv("SECRET_KEY", "x" * 40)
    monkeypatch.setenv("FLASK_RATELIMIT_ENABLED", "false")
    monkeypatch.setenv("FLASK_PUBLIC_BASE_URL", "https://feedback.council.example")
    monkeypatch.setenv("DATABASE_URL", "sqlite://")
    assert create_app().config["RATELIMIT_ENABLED"] is False


def test_plain_postgresql_urls_use_the_psycopg_driver(monkeypatch):
    from feedback_app.config import normalise_url

    assert normalise_url("postgresql://u@h/db") == "postgresql+psycopg://u@h/db"
    assert normalise_url("postgres://u@h/db") == "postgresql+psycopg://u@h/db"
    assert normalise_url("sqlite:///x.db") == "sqlite:///x.db"


def test_the_default_database_is_sqlite_in_the_instance_folder(monkeypatch):
    monkeypatch.delenv("DATABASE_URL", raising=False)
    app = create_app({"TESTING": True})
    assert app.config["SQLALCHEMY_DATABASE_URI"] == f"sqlite:///{app.instance_path}/feedback.db"


def test_rate_limits_are_kept_in_redis_whenever_redis_url_is_set(monkeypatch):
    monkeypatch.setenv("SECRET_KEY", "x" * 40)
    monkeypatch.setenv("FLASK_PUBLIC_BASE_URL", "https://feedback.council.example")
    monkeypatch.setenv("DATABASE_URL", "sqlite://")
    monkeypatch.delenv("FLASK_RATELIMIT_STORAGE_URI", raising=False)
    monkeypatch.setenv("REDIS_URL", "redis://127.0.0.1:6379/4")
    assert create_app().config["RATELIMIT_STORAGE_URI"] == "redis://127.0.0.1:6379/4"
    monkeypatch.setenv("FLASK_RATELIMIT_STORAGE_URI", "redis://limits.internal:6379/0")  # named outright: it wins
    assert create_app().config["RATELIMIT_STORAGE_URI"] == "redis://limits.internal:6379/0"
