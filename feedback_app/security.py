"""Security headers on every response.

The pages load nothing from anywhere else and run no inline script or style,
so the Content-Security-Policy can be strict. Conversation links carry their
secret in the URL, so no Referer is ever sent, and the areas that show a
person's answers or a staff page are never cached (see areas.py).
"""

from __future__ import annotations

from flask import Flask, Response, request

from . import areas
from .extensions import talisman

CONTENT_SECURITY_POLICY = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self'",
    "img-src": "'self' data:",
    "connect-src": "'self'",
    "font-src": "'self'",
    "object-src": "'none'",
    "base-uri": "'none'",
    "form-action": "'self'",
    "frame-ancestors": "'none'",
}


def init_app(app: Flask) -> None:
    talisman.init_app(
        app,
        force_https=app.config["FORCE_HTTPS"],
        content_security_policy=CONTENT_SECURITY_POLICY,
        referrer_policy="no-referrer",
        frame_options="DENY",
        session_cookie_secure=app.config["SESSION_COOKIE_SECURE"],
        session_cookie_http_only=True,
        permissions_policy={"geolocation": "()", "camera": "()", "microphone": "()"},
    )
    app.after_request(_no_store)


def _no_store(response: Response) -> Response:
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    if areas.never_cached(request.path):
        response.headers["Cache-Control"] = "no-store"
    return response
