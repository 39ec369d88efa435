"""Security headers on every response.

The pages load nothing from anywhere else and run no inline script or style,
so the Content-Security-Policy can be strict. Conversation links carry their
secret in the URL, so no Referer is ever sent, and the areas that show a
person's answers or a staff page are never cached (see areas.py).
"""

from __future__ import annotations

from flask import Flask, Response, request
from werkzeug.middleware.proxy_fix import ProxyFix

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
    trust_proxies(app)
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


def trust_proxies(app: Flask) -> None:
    """Believe X-Forwarded-For and -Proto from exactly TRUSTED_PROXIES proxies, and no more.

    Without it every request behind a proxy comes from the proxy's address
    (one limit and one lockout for everyone); believing more proxies than there
    are lets anyone choose their address by sending the header. Raises
    RuntimeError for a setting that is not a whole number from 0.
    """
    trusted = app.config["TRUSTED_PROXIES"]
    if isinstance(trusted, bool) or not isinstance(trusted, int) or trusted < 0:
        raise RuntimeError(
            f"TRUSTED_PROXIES must be a whole number of proxies (0 or more), not {trusted!r}: "
            "set FLASK_TRUSTED_PROXIES=1 behind one proxy."
        )
    if trusted:
        # Host is not believed: full links come from PUBLIC_BASE_URL (links.py).
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=trusted, x_proto=trusted, x_host=0, x_port=0, x_prefix=0)


def _no_store(response: Response) -> Response:
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    if areas.never_cached(request.path):
        response.headers["Cache-Control"] = "no-store"
    return response
