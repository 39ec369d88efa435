"""Browser fixtures: one Chromium for the whole run, the app on a localhost port.

A plugin (tests/conftest.py), so any folder's browser tests may use them; a
module that serves the app its own way overrides `live_app` alone.

Every browser test is skipped, with the reason, when Chromium is missing,
unless `REQUIRE_BROWSER=1` (as CI sets it), which turns the skip into a
failure. `CHROMIUM_PATH` names another Chromium binary. Nothing is downloaded:
Playwright drives the system's Chromium.
"""

from __future__ import annotations

import os
import shutil
import threading
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from werkzeug.serving import make_server

from tests.conftest import empty_database, make_app

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
PHONE = {"viewport": {"width": 360, "height": 740}, "is_mobile": True, "has_touch": True, "device_scale_factor": 2}


def _no_browser(reason: str) -> None:
    if os.environ.get("REQUIRE_BROWSER") == "1":
        pytest.fail(f"REQUIRE_BROWSER=1, but the browser tests cannot run: {reason}", pytrace=False)
    pytest.skip(f"browser tests skipped: {reason} (set REQUIRE_BROWSER=1 to make this a failure)")


@pytest.fixture(scope="session")
def browser():
    """One headless Chromium for the whole run."""
    path = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
    if not (os.path.isfile(path) or shutil.which(path)):
        _no_browser(f"no Chromium at {path} (install it, or point CHROMIUM_PATH at one)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _no_browser("Playwright is not installed (pip install -e '.[test]')")
    playwright = sync_playwright().start()
    chromium = playwright.chromium.launch(executable_path=path, args=CHROMIUM_ARGS)
    yield chromium
    chromium.close()
    playwright.stop()


@pytest.fixture(scope="session")
def live_app(_schema: str):
    return make_app(_schema)


@contextmanager
def serve(app) -> Iterator[str]:
    """Serve `app` with werkzeug in a thread on a free localhost port; gives its address."""
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, name="browser-test-server", daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def base_url(live_app) -> Iterator[str]:
    """The app, served on a localhost port for one test module (so that a
    module serving its own `live_app` gets its own server)."""
    with serve(live_app) as url:
        yield url


@pytest.fixture
def _clean_database(live_app) -> Iterator[None]:
    """Empty the tables after each browser test, as the `app` fixture does."""
    yield
    empty_database(live_app)


class Pages:
    """Opens pages in fresh browser contexts and watches what they do.

    Every request is recorded (so a test can check that nothing went to
    another host), and so are console errors and uncaught exceptions, which
    is how a Content-Security-Policy violation shows itself.
    """

    def __init__(self, browser, base_url: str) -> None:
        self.browser = browser
        self.base_url = base_url
        self.contexts: list = []
        self.requests: list = []
        self.problems: list[str] = []
        self.blocked_script = False
        self.expected_errors: list[str] = []  # console messages a test provokes

    def open(self, *, javascript: bool = True, width: int | None = None, height: int = 740, chat_js: bool = True,
             init_script: str | None = None, **options):
        settings = dict(PHONE)
        if width is not None:
            settings.update(viewport={"width": width, "height": height}, is_mobile=width < 800, has_touch=width < 800)
        settings.update(options)
        context = self.browser.new_context(base_url=self.base_url, java_script_enabled=javascript, **settings)
        context.set_default_timeout(10_000)
        if init_script:
            context.add_init_script(init_script)
        if not chat_js:
            # The page as it is without our script, for checks that need
            # script of their own (axe) to run.
            context.route("**/static/js/chat.js", lambda route: route.abort())
            self.blocked_script = True
        self.contexts.append(context)
        page = context.new_page()
        page.on("request", lambda request: self.requests.append(request))
        page.on("console", lambda message: message.type == "error" and self.problems.append(message.text))
        page.on("pageerror", lambda error: self.problems.append(str(error)))
        return page

    def close(self) -> None:
        for context in self.contexts:
            context.close()


@pytest.fixture
def pages(browser, base_url: str, _clean_database) -> Iterator[Pages]:
    opened = Pages(browser, base_url)
    yield opened
    opened.close()
    problems = opened.problems
    if opened.blocked_script:
        # A blocked chat.js is the test's own doing, not a fault in the page.
        problems = [p for p in problems if not p.startswith("Failed to load resource")]
    problems = [p for p in problems if not any(p.startswith(e) for e in opened.expected_errors)]
    assert not problems, f"the browser reported errors: {problems}"


@pytest.fixture
def phone(pages: Pages):
    """A phone-sized page with JavaScript on."""
    return pages.open()


@pytest.fixture
def phone_without_js(pages: Pages):
    """A phone-sized page with JavaScript off."""
    return pages.open(javascript=False)

