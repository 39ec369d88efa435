"""Password hashing (Argon2id) and the rules for a new password."""

import pytest
from argon2 import PasswordHasher, Type

from feedback_app.auth import passwords
from feedback_app.auth.passwords import WeakPassword, check_password, password_problem


def test_the_service_hashes_with_argon2id_at_owasp_strength_or_more(monkeypatch):
    monkeypatch.undo()  # the tests' fast hasher, put in place by a fixture
    assert passwords.hasher.type is Type.ID
    assert passwords.hasher.memory_cost >= 19 * 1024 and passwords.hasher.time_cost >= 2


def test_a_hash_is_argon2id_and_only_the_right_password_verifies():
    stored = passwords.hash_password("a long and unusual passphrase")
    assert stored.startswith("$argon2id$")
    assert passwords.verify_password(stored, "a long and unusual passphrase")
    assert not passwords.verify_password(stored, "a long and unusual passphrasE")


def test_a_damaged_stored_hash_counts_as_no_match():
    assert not passwords.verify_password("not-a-hash", "anything at all here")


def test_a_hash_made_with_weaker_settings_needs_redoing():
    weaker = PasswordHasher(time_cost=1, memory_cost=512, parallelism=1).hash("a long and unusual passphrase")
    assert passwords.needs_rehash(weaker)
    assert not passwords.needs_rehash(passwords.hash_password("a long and unusual passphrase"))


def test_a_password_shorter_than_12_characters_is_refused_with_the_reason():
    with pytest.raises(WeakPassword, match="at least 12 characters"):
        check_password("Tr0ub4dor&3")


@pytest.mark.parametrize(
    "common",
    ["password1234", "Password1234", "P@ssw0rd2024!", "qwertyuiop123", "liverpool2019", "iloveyou1234", "1q2w3e4r5t6y"],
)
def test_a_common_password_is_refused_however_it_is_dressed_up(common):
    assert "most" in (password_problem(common) or "")


def test_a_password_of_a_few_repeated_characters_is_refused():
    assert "repeats" in (password_problem("abababababab") or "")


def test_a_password_containing_the_email_address_is_refused():
    assert "e-mail" in (password_problem("sam.jones likes cake", email="sam.jones@council.example") or "")


def test_a_long_unusual_passphrase_is_accepted():
    assert password_problem("kettle orbit marmalade 42", email="sam@council.example") is None


def test_the_shipped_list_holds_thousands_of_long_common_passwords():
    listed = passwords.common_passwords()
    assert len(listed) > 3000
    assert passwords.normalise("password1234") in listed
