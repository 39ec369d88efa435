"""Short codes a child can type: the invitation's, and the one that proves a device.

A 43-character token mixing l, I, 1, O and 0 cannot be typed from a letter, so
each invitation also has a short code, typed at /code: eight characters of
Crockford's base32 (no I, L, O or U; read back, I and L are taken as 1, O as
0), shown as XXXX-XXXX, 40 bits. The long token stays the secret that the
link and QR code carry.

A code is not stored: it is worked out from the token with the app's secret
key (HMAC), so the print page can show it again while the link is shown.
What is stored, to find the invitation by its code, is a keyed hash of the
code (`code_hash`): a copy of the database alone does not give the codes
away, even though 40 bits could be tried by brute force against a plain hash.
Forty bits are enough against guessing online because /code is rate limited
and a code works only while its invitation does. Changing SECRET_KEY changes
every code (links keep working); that is the trade-off for storing none.
"""

from __future__ import annotations

import hashlib
import hmac

from flask import current_app

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # Crockford's base32
LENGTH = 8
# Read back as the letters they are easily taken for.
SAME_AS = str.maketrans({"I": "1", "L": "1", "O": "0"})


def _keyed(purpose: str, text: str) -> bytes:
    key = current_app.config["SECRET_KEY"]
    return hmac.new(
        key.encode() if isinstance(key, str) else key, f"{purpose}:{text}".encode(), hashlib.sha256
    ).digest()


def _code(purpose: str, token: str) -> str:
    number = int.from_bytes(_keyed(purpose, token)[:5], "big")  # 40 bits: 8 characters of 5 bits
    return "".join(ALPHABET[(number >> (5 * i)) & 31] for i in reversed(range(LENGTH)))


def invitation_code(token: str) -> str:
    """The invitation's short code, without its hyphen."""
    return _code("invitation-code", token)


def device_code(conversation_token: str) -> str:
    """The code a child is shown to carry their conversation to another device."""
    return _code("device-code", conversation_token)


def shown(code: str) -> str:
    """XXXX-XXXX, as printed and shown."""
    return f"{code[:4]}-{code[4:]}"


def normalised(typed: str) -> str | None:
    """What was typed as a code (any case, spaces and hyphens, I/L/O for 1/0), or None if it cannot be one."""
    if not isinstance(typed, str) or len(typed) > 40:
        return None
    code = "".join(typed.split()).replace("-", "").upper().translate(SAME_AS)
    if len(code) != LENGTH or any(ch not in ALPHABET for ch in code):
        return None
    return code


def code_hash(code: str) -> str:
    """The keyed hash stored to find an invitation by its code."""
    return _keyed("invitation-code-hash", code).hex()


def same(typed: str, expected: str) -> bool:
    code = normalised(typed)
    return code is not None and hmac.compare_digest(code, expected)
