"""Bad query strings on staff pages: a clear 400 or a clamped value, never a 500 (issue 9.15)."""

from datetime import date

import pytest
from werkzeug.datastructures import MultiDict

from feedback_app.query_args import EARLIEST_DAY, LATEST_DAY, MAX_PAGE, check_day, page_number
from tests.feedback_app.auth.staff_helpers import sign_in, sign_in_quickly


@pytest.mark.parametrize(
    ("raw", "page"),
    [("", 1), ("2", 2), ("0", 1), ("-1", 1), ("abc", 1), ("²", 1), ("1e9", 1), ("100001", MAX_PAGE),
     ("99999999999999999999", MAX_PAGE), ("9" * 5000, MAX_PAGE)],
)  # fmt: skip
def test_a_page_number_is_clamped_to_the_pages_there_can_be(raw, page):
    assert page_number(MultiDict({"page": raw})) == page


def test_days_outside_the_years_the_service_holds_are_refused_in_words():
    check_day(EARLIEST_DAY)
    check_day(LATEST_DAY)
    for day in (date(1, 1, 1), date(9999, 12, 31)):
        with pytest.raises(ValueError, match="Choose a date between 2000 and 2099"):
            check_day(day)


@pytest.fixture
def signed_in(app, make_account):
    def client_for(role):
        client = app.test_client()
        sign_in_quickly(app, client, make_account(role))
        return client

    return client_for


@pytest.mark.parametrize(
    "url",
    ["/staff/responses?end=9999-12-31", "/staff/dashboard?end=9999-12-31", "/staff/dashboard?start=0001-01-01",
     "/staff/responses/figures?end=9999-12-31", "/staff/responses/figures?start=0001-01-01"],
)  # fmt: skip
def test_a_date_no_calendar_sum_can_hold_is_a_400_that_says_which_dates_work(signed_in, url):
    response = signed_in("iro_manager").get(url)
    assert response.status_code == 400
    assert "Choose a date between 2000 and 2099." in response.get_data(as_text=True)


def test_a_good_period_is_still_200(signed_in):
    assert signed_in("iro_manager").get("/staff/responses?start=2026-04-01&end=2027-03-31").status_code == 200


@pytest.mark.parametrize(
    ("role", "url"),
    [("iro_manager", "/staff/responses"), ("iro_manager", "/staff/quotes"), ("admin", "/staff/audit"),
     ("safeguarding_lead", "/staff/safeguarding")],
)  # fmt: skip
def test_a_huge_page_number_is_an_empty_page_not_a_500(signed_in, role, url):
    assert signed_in(role).get(f"{url}?page=99999999999999999999").status_code == 200


@pytest.mark.parametrize("target", ["/staff/%0a", "/staff/%0d%0aSet-Cookie:%20x=1", "/staff/%09", "/staff/%7f"])
def test_signing_in_with_a_control_character_in_next_goes_to_the_dashboard(client, make_account, target):
    account = make_account("admin")
    response = sign_in(client, account.email, next=target)
    assert response.status_code == 303
    assert response.headers["Location"] == "/staff/"


@pytest.mark.parametrize(("raw", "found"), [("export_made", "export_made"), ("\x00", ""), ("a b", ""), ("x" * 65, ""), ("É", "")])
def test_a_code_filter_is_a_plain_short_code_or_no_filter(raw, found):
    from feedback_app.query_args import code

    assert code("action", MultiDict({"action": raw})) == found
