"""Full links come from PUBLIC_BASE_URL, never from the request's Host header (issue 9.13)."""

import pytest

from feedback_app import create_app
from feedback_app.links import LOCAL_BASE_URL, full_link

PRODUCTION = {"DATABASE_URL": "sqlite://", "SECRET_KEY": "x" * 40}


def test_production_refuses_to_start_without_public_base_url(monkeypatch):
    monkeypatch.delenv("FLASK_PUBLIC_BASE_URL", raising=False)
    with pytest.raises(RuntimeError, match="PUBLIC_BASE_URL is missing.*FLASK_PUBLIC_BASE_URL=https://"):
        create_app(PRODUCTION)


@pytest.mark.parametrize(
    "base", ["feedback.council.example", "javascript:alert(1)", "https://", "https://x.example/?a=1", "https://u@evil.example"]
)
def test_production_refuses_a_public_base_url_that_is_no_web_address(base):
    with pytest.raises(RuntimeError, match="not a web address"):
        create_app({**PRODUCTION, "PUBLIC_BASE_URL": base})


def test_production_starts_with_public_base_url_from_the_environment(monkeypatch):
    monkeypatch.setenv("FLASK_PUBLIC_BASE_URL", "https://feedback.council.example/")
    app = create_app(PRODUCTION)
    with app.app_context():
        assert full_link("/i/abc") == "https://feedback.council.example/i/abc"


def test_tests_and_local_development_may_leave_it_out_and_link_to_the_local_address(app):
    app.config["PUBLIC_BASE_URL"] = ""
    with app.test_request_context("/", headers={"Host": "evil.example"}):
        assert full_link("/staff/") == f"{LOCAL_BASE_URL}/staff/"
