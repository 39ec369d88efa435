"""Every staff page, given the worst query strings, answers a clear 400 or a clamped page, never a 500 (issue 9.15).

Walks the same URL map and records as the access test, as one role each page lets in.
"""

from __future__ import annotations

import pytest

from tests.feedback_app.access.test_every_page_as_every_role import EXPECTED, MAY_BE_ABSENT, staff_routes, url
from tests.feedback_app.auth.staff_helpers import sign_in_quickly

BAD_QUERIES = [
    "page=99999999999999999999&start=0001-01-01&end=9999-12-31",
    "page=-1&start=2026-02-30&end=not-a-date&year=0",
    "year=99999-100000&questionnaire=%00&theme=%ff&status=nope&action=%00&audience=zz&next=/staff/%0a",
    "page=%F0%9F%98%80&lang=%00&sentiment=%0d%0a&age_band=" + "9" * 500,
]


@pytest.mark.parametrize("query", BAD_QUERIES)
def test_no_staff_page_answers_a_bad_query_string_with_a_500(app, records, query):
    wrong = []
    clients = {}
    for method, endpoint in staff_routes(app):
        if method != "GET":
            continue
        role = sorted(EXPECTED[method, endpoint])[0]
        if role not in clients:
            clients[role] = app.test_client()
            sign_in_quickly(app, clients[role], records.accounts[role])
        address = url(app, endpoint, records)
        response = clients[role].get(f"{address}?{query}")
        absent = response.status_code == 404 and (method, endpoint) in MAY_BE_ABSENT
        if response.status_code not in (200, 400) and not absent:
            wrong.append(f"GET {address}?{query} as {role}: {response.status_code}")
    assert not wrong, "\n".join(wrong)
