"""One rule for text at every door: what a database or page can't hold becomes U+FFFD."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from feedback_app.extensions import db
from feedback_app.models import StaffUser
from feedback_app.text_input import REPLACEMENT, clean, clean_data


@pytest.mark.parametrize(
    "sent, stored",
    [
        ("hits me \udc00 at night", f"hits me {REPLACEMENT} at night"),  # a lone low surrogate
        ("\ud83d alone", f"{REPLACEMENT} alone"),  # half of an emoji's surrogate pair
        ("a\x00b", f"a{REPLACEMENT}b"),  # NUL: PostgreSQL refuses it in text
        ("bell\x07 escape\x1b del\x7f c1\x85", f"bell{REPLACEMENT} escape{REPLACEMENT} del{REPLACEMENT} c1{REPLACEMENT}"),
    ],
)
def test_what_no_database_can_hold_is_replaced_not_refused(sent, stored):
    assert clean(sent) == stored


@pytest.mark.parametrize(
    "text",
    [
        "tab\tand\nnewline",
        "I miss my mum 😢💔🏳️‍🌈",  # 4-byte emoji and a joined sequence
        "a" + "\u0301" * 10_000,  # combining marks
        "\u202eevil\u202c \u2067مرحبا\u2069",  # bidi overrides and isolates, right-to-left text
        "أريد أن أقتل نفسي",
    ],
)
def test_everything_a_person_can_write_is_kept_as_sent(text):
    assert clean(text) == text


def test_a_textareas_line_endings_become_newlines():
    assert clean("one\r\ntwo\rthree") == "one\ntwo\nthree"


def test_clean_data_cleans_every_string_in_parsed_json_keys_too():
    assert clean_data({"v\x00": ["a\udc00", {"b": "c\x01"}], "n": 3, "ok": None}) == {
        f"v{REPLACEMENT}": [f"a{REPLACEMENT}", {"b": f"c{REPLACEMENT}"}],
        "n": 3,
        "ok": None,
    }


def test_a_commands_text_options_are_cleaned_like_every_other_door(app, runner):
    result = runner.invoke(
        args=["create-user", "lead@example.org", "--role", "safeguarding_lead", "--password",
              "a long and unusual passphrase 2026", "--name", "Sam\x00 Jones"]
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    with app.app_context():
        assert db.session.scalars(select(StaffUser.display_name)).one() == f"Sam{REPLACEMENT} Jones"
