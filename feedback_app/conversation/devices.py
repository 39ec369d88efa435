"""Binding an invited child's conversation to the one device it is on.

An invitation's link is shown to the member of staff who made it, so the link
alone must not be a key to what the child writes. The first answer given
through the link binds the conversation to that phone or tablet: a random
device secret goes into an HttpOnly, Secure (outside local development),
SameSite=Lax cookie, and only its SHA-256 hash is stored
(`Conversation.device_hash`). Every page and API call of that conversation
then asks for the cookie. Another device proves itself with the short code
the child is shown in the chat (`invitations.codes.device_code`), which moves
the conversation to it, or starts again after a warning.

A conversation with no device (begun before binding existed, or by the demo
data at the command line) is not bound. docs/child-links.md has the whole design.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets

from flask import current_app, request
from werkzeug.wrappers import Response

from ..models import Conversation

COOKIE_DAYS = 60  # at least as long as any invitation link works


def new_secret() -> str:
    return secrets.token_urlsafe(32)


def hash_of(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def cookie_name(conversation: Conversation) -> str:
    # One cookie per conversation, so a phone with two invitations keeps both.
    return f"device{conversation.id}"


def holds(conversation: Conversation) -> bool:
    """Whether this request comes from the device the conversation is bound to
    (always True for a conversation bound to none)."""
    if conversation.device_hash is None:
        return True
    secret = request.cookies.get(cookie_name(conversation), "")
    return bool(secret) and hmac.compare_digest(hash_of(secret), conversation.device_hash)


def give(response: Response, conversation: Conversation, secret: str) -> Response:
    """Put the device secret in the response's cookie."""
    response.set_cookie(
        cookie_name(conversation),
        secret,
        max_age=COOKIE_DAYS * 24 * 3600,
        path="/",
        secure=current_app.config["SESSION_COOKIE_SECURE"],
        httponly=True,
        samesite="Lax",
    )
    return response


def refused(conversation: Conversation, staff_signed_in: bool) -> bool:
    """Whether this request must not have the conversation: it is an invited
    (or device-bound) child's, and the request carries a staff session or
    comes from another device."""
    bound = conversation.invitation_id is not None or conversation.device_hash is not None
    return bound and (staff_signed_in or not holds(conversation))
