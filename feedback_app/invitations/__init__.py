"""Invitations: a link and a QR code for one person before (or after) their review,
what the IRO sees of it, and the requests people make inside a conversation.

Staff pages live under /staff/ (each names its roles); the person's link is
/i/<token>, which starts or carries on their conversation, or a short code
typed at /code.
"""

from flask import Blueprint

bp = Blueprint("invitations", __name__)

# Routes attach themselves to bp; tasks connects to the conversation service's signal.
from . import child_routes, codes, reviews, routes, service, tasks  # noqa: E402,F401

__all__ = ["bp", "codes", "service"]  # service: for commands and demo data, which do what staff do; codes: the chat shows the device code
