"""The parts of the site, by path, and the rules that follow from where a request goes.

Every rule that depends on the path reads this one list: which links carry a
secret token (kept out of every log line), which pages must never be cached
(a shared tablet must not show a child's answers from its cache), which
answer errors in JSON, and which are staff pages (a view there that names no
roles is refused). `init_app` refuses to start if a route with a `<token>` in
its path lies outside an area that says it carries one, so a new link with a
secret cannot miss these rules.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import unquote

from flask import Flask


@dataclass(frozen=True)
class Area:
    prefix: str  # ends with "/": the area is this path without it, and everything below
    name: str
    token: bool = False  # the path segment after the prefix is a secret
    never_cached: bool = False  # Cache-Control: no-store
    json: bool = False  # errors answer as {"error": "..."}
    staff: bool = False  # signed-in staff only: deny by default

    def holds(self, path: str) -> bool:
        return path.startswith(self.prefix) or path == self.prefix.rstrip("/")


# The first area whose prefix matches a path is the one it is in.
AREAS: tuple[Area, ...] = (
    Area("/c/", "a conversation's link", token=True, never_cached=True),
    Area("/i/", "an invitation's link", token=True, never_cached=True),
    Area("/start/", "starting an anonymous conversation", never_cached=True),
    Area("/code/", "typing an invitation's short code", never_cached=True),
    Area("/api/v1/conversations/", "a conversation through the API", token=True, never_cached=True, json=True),
    Area("/api/", "the JSON API", json=True),
    Area("/staff/", "the staff pages", never_cached=True, staff=True),
)

# A link's token in a path (tokens are URL-safe base64, 43 characters today).
TOKEN_IN_PATH = re.compile(
    "(" + "|".join(re.escape(area.prefix) for area in AREAS if area.token) + r")[A-Za-z0-9_-]{16,}"
)


# What a link's token can be. Anything else in a token's place is no token and is never
# looked up (PostgreSQL refuses text holding NUL, so it would be a 500, not a 404).
TOKEN_SHAPE = re.compile(r"[A-Za-z0-9_-]{16,100}")


def could_be_token(value: object) -> bool:
    return isinstance(value, str) and TOKEN_SHAPE.fullmatch(value) is not None


def area_of(path: str) -> Area | None:
    return next((area for area in AREAS if area.holds(path)), None)


def never_cached(path: str) -> bool:
    area = area_of(path)
    return area is not None and area.never_cached


def answers_in_json(path: str) -> bool:
    area = area_of(path)
    return area is not None and area.json


def is_staff_page(path: str) -> bool:
    area = area_of(path)
    return area is not None and area.staff


def redact_tokens(text: str) -> str:
    """`text` with every link token replaced by "[token]".

    A path may come percent-encoded (`/c/%49...`, even `/%63/...`): the server
    decodes it and opens the conversation all the same, so a line that holds
    a token only once decoded is logged decoded and redacted.
    """
    decoded = text
    for _ in range(3):  # encoded twice or three times over: decoded as often
        once_more = unquote(decoded) if "%" in decoded else decoded
        if once_more == decoded:
            break
        decoded = once_more
        if TOKEN_IN_PATH.search(decoded):
            return TOKEN_IN_PATH.sub(r"\1[token]", decoded)
    return TOKEN_IN_PATH.sub(r"\1[token]", text)


def init_app(app: Flask) -> None:
    """Refuse to start if a route with a token lies outside an area that says it has one."""
    for rule in app.url_map.iter_rules():
        if "token" not in rule.arguments:
            continue
        static_start = rule.rule.split("<", 1)[0]
        area = area_of(static_start)
        if area is None or not area.token:
            raise RuntimeError(
                f"The route {rule.rule} carries a token, but {static_start!r} is not an area with tokens "
                "in feedback_app/areas.py: add it there, so the token is kept out of logs and caches."
            )
