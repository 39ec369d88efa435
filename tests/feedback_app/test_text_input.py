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
        ("not\ufffe text\U0010ffff", f"not{REPLACEMENT} text{REPLACEMENT}"),  # noncharacters: HTML refuses them
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


def test_the_reviews_import_stores_no_text_so_odd_characters_are_counted_or_clearly_refused(app, runner, tmp_path):
    # The import door keeps only counts and a keyed hash of each review, so nothing to clean:
    # a NUL or control character in a cell is counted, bytes that are not UTF-8 are refused by name.
    good = tmp_path / "odd.csv"
    good.write_text("CHILD,DOB,REVIEW,REVIEW_CODE\nC\x00\x1b1,01/01/2012,15/06/2025,PN1\n", encoding="utf-8")
    result = runner.invoke(args=["import-reviews", str(good)])
    assert result.exit_code == 0 and "1 counted" in result.output, result.output
    bad = tmp_path / "surrogate.csv"
    bad.write_bytes(b"CHILD,DOB,REVIEW,REVIEW_CODE\nC\xed\xb0\x80,01/01/2012,15/06/2025,PN1\n")
    result = runner.invoke(args=["import-reviews", str(bad)])
    assert result.exit_code != 0 and "is not a UTF-8 CSV file" in result.output and "Traceback" not in result.output
