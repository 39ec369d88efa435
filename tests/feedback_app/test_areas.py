"""The one list of the site's areas: what each path carries, and the rules that follow."""

import pytest
from flask import Flask

from feedback_app import areas
from feedback_app.areas import AREAS, area_of


def test_a_route_with_a_token_outside_the_token_areas_stops_start_up():
    app = Flask(__name__)
    app.add_url_rule("/r/<token>", "shared_result", lambda token: token)
    with pytest.raises(RuntimeError, match="/r/<token> carries a token"):
        areas.init_app(app)


def test_every_route_of_the_service_with_a_token_is_in_an_area_with_tokens(app):
    with_tokens = [rule.rule for rule in app.url_map.iter_rules() if "token" in rule.arguments]
    assert with_tokens, "the service has links with tokens"
    assert all(area_of(rule.split("<")[0]).token for rule in with_tokens)


@pytest.mark.parametrize(
    ("path", "area"),
    [
        ("/api/v1/conversations", "/api/v1/conversations/"),  # starting one: its token comes back
        ("/api/v1/conversations/abc/answers", "/api/v1/conversations/"),
        ("/api/v1/openapi.json", "/api/"),
        ("/staff", "/staff/"),
        ("/staffroom", None),
        ("/healthz", None),
    ],
)
def test_a_path_is_in_the_first_area_whose_prefix_holds_it(path, area):
    found = area_of(path)
    assert (found.prefix if found else None) == area


def test_links_with_tokens_and_staff_pages_are_never_cached():
    assert all(area.never_cached for area in AREAS if area.token or area.staff)


def test_the_invitation_link_is_redacted_and_never_cached_like_every_token_link(client):
    token = "qlXwQSxT6YEryje0HnTUmwuiGAmz1ODNOUXtEPu_ULA"
    assert areas.redact_tokens(f"GET /i/{token} 404") == "GET /i/[token] 404"
    assert client.get(f"/i/{token}").headers["Cache-Control"] == "no-store"


def test_errors_under_the_api_answer_in_json_whatever_the_client_accepts(client):
    response = client.get("/api/v1/conversations/no-such-token", headers={"Accept": "text/html"})
    assert response.status_code == 404 and response.is_json
