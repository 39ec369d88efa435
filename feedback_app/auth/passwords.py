"""Staff passwords: Argon2id hashes, and the rules a new password must meet.

The rules follow NCSC and NIST advice: long enough, not one that guessers try
first, no demands for symbols or regular changes.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

MIN_LENGTH = 12
MAX_LENGTH = 256  # Argon2 takes any length; this only stops absurd requests.
COMMON_PASSWORDS_FILE = Path(__file__).parent / "data" / "common_passwords.txt"

# argon2-cffi's defaults are RFC 9106's recommended Argon2id settings. When a
# later version raises them, a hash made with older ones is redone at the next
# successful sign-in (see `needs_rehash`).
hasher = PasswordHasher()

_LEET = str.maketrans({"@": "a", "4": "a", "0": "o", "3": "e", "$": "s", "5": "s", "1": "i", "!": "i", "7": "t"})
_TRAILING_SYMBOLS = re.compile(r"[^0-9a-z@$]+$")


class WeakPassword(ValueError):
    """A password that breaks a rule. The message says which, in words for the person choosing it."""


def hash_password(password: str) -> str:
    return hasher.hash(password)


def verify_password(password_hash: str, password: str) -> bool:
    """True if `password` matches. A malformed stored hash counts as no match."""
    try:
        return hasher.verify(password_hash, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def needs_rehash(password_hash: str) -> bool:
    try:
        return hasher.check_needs_rehash(password_hash)
    except InvalidHashError:
        return True


@cache
def dummy_hash() -> str:
    """A hash to verify against when no account has the e-mail, so the answer takes as long."""
    return hasher.hash("not a real password, only here to spend the same time")


def normalise(password: str) -> str:
    """The form a password is compared in: "P@ssw0rd 2024!" and "password2024" are one guess."""
    lowered = _TRAILING_SYMBOLS.sub("", password.lower())
    return re.sub(r"\s+", "", lowered).translate(_LEET)


@cache
def common_passwords() -> frozenset[str]:
    """The shipped list, normalised. Raises FileNotFoundError on a broken install, rather than
    letting every common password through."""
    lines = COMMON_PASSWORDS_FILE.read_text(encoding="utf-8").splitlines()
    return frozenset(normalise(line) for line in lines if line.strip())


def check_password(password: str, email: str | None = None) -> None:
    """Raise WeakPassword, with the reason, if `password` may not be used."""
    if len(password) < MIN_LENGTH:
        raise WeakPassword(f"Use at least {MIN_LENGTH} characters. A few ordinary words together are easy to remember.")
    if len(password) > MAX_LENGTH:
        raise WeakPassword(f"Use at most {MAX_LENGTH} characters.")
    if len(set(password.lower())) < 5:
        raise WeakPassword("That password repeats the same few characters. Choose one that is harder to guess.")
    flat = normalise(password)
    if flat in common_passwords():
        raise WeakPassword("That is one of the passwords people use most, so it is easy to guess. Choose another.")
    local_part = (email or "").split("@")[0].lower()
    if len(local_part) >= 4 and local_part in password.lower():
        raise WeakPassword("Don't use your e-mail address in your password.")


def password_problem(password: str, email: str | None = None) -> str | None:
    """The reason `password` may not be used, or None if it is fine."""
    try:
        check_password(password, email)
    except WeakPassword as problem:
        return str(problem)
    return None
