"""Full links to the service: in the alert e-mail, on invitation pages, print pages and QR codes.

Every full link is built from PUBLIC_BASE_URL, never from the request. The
Host header (and X-Forwarded-Host) is whatever the sender typed, so a link
built from it lets anyone choose where "sign in here" in a safeguarding
e-mail, or a child's invitation QR code, sends people (host header
injection). In production the app refuses to start without PUBLIC_BASE_URL
(`config.load`); in tests and local development links fall back to
LOCAL_BASE_URL, still never to the request.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import current_app

# Where the README's local commands serve the app.
LOCAL_BASE_URL = "http://127.0.0.1:5000"


def full_link(path: str) -> str:
    """PUBLIC_BASE_URL (or, outside production, LOCAL_BASE_URL) followed by `path`, which starts with "/"."""
    base = current_app.config.get("PUBLIC_BASE_URL") or LOCAL_BASE_URL
    return f"{str(base).rstrip('/')}{path}"


def check_base_url(base: str) -> None:
    """Raises RuntimeError, saying how to fix it, unless `base` is an http(s) address with a host and nothing after its path."""
    parts = urlsplit(str(base))
    if parts.scheme not in ("https", "http") or not parts.hostname or parts.query or parts.fragment or "@" in parts.netloc:
        raise RuntimeError(
            f"PUBLIC_BASE_URL {base!r} is not a web address the service can put in links. "
            "Set FLASK_PUBLIC_BASE_URL to the address people use, for example https://feedback.council.gov.uk"
        )


__all__ = ["LOCAL_BASE_URL", "check_base_url", "full_link"]
