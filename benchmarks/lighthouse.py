"""Lighthouse on a child's conversation page, as a phone on slow mobile data sees it.

    .venv/bin/python benchmarks/lighthouse.py [--questionnaire ID] [--answers N] [--keep-report FILE]

Starts the app on a free localhost port with a new SQLite database, begins a
conversation, answers a few questions (so the page has bubbles from both
sides), then runs Lighthouse (mobile form factor, simulated throttling) on
that page with the system's Chromium, and prints:

    performance, accessibility, best-practices   (scores, 0 to 1)
    total byte weight                           (every byte the page loaded)
    requests to other hosts                     (must be none)

Targets: performance >= 0.95, accessibility 1.0, best practices >= 0.95,
page weight <= 50 KB, no request to another host. Exits 1 if one is missed.

Lighthouse is a Node program and is not a project dependency. Install it
once, outside the repository (node_modules is never committed):

    npm install --prefix /tmp/lh lighthouse@12

The script looks for it in $LIGHTHOUSE_PREFIX (default /tmp/lh) and, if it is
missing, runs that npm command itself. Chromium comes from $CHROME_PATH
(default /usr/bin/chromium): Lighthouse never downloads a browser here.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import secrets
import subprocess
import sys
import tempfile
import threading
import urllib.request
from http.cookiejar import CookieJar
from pathlib import Path
from urllib.parse import urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from werkzeug.serving import make_server  # noqa: E402

from feedback_app import create_app, question_types  # noqa: E402
from feedback_app.extensions import db  # noqa: E402
from feedback_app.models import Base  # noqa: E402

TARGETS = {"performance": 0.95, "accessibility": 1.0, "best-practices": 0.95}
MAX_BYTES = 50 * 1024
CHROME_FLAGS = (
    "--headless=new --no-sandbox --disable-gpu --disable-background-networking "
    "--disable-component-update --disable-sync --no-first-run"
)


def lighthouse_binary(prefix: Path) -> Path:
    binary = prefix / "node_modules" / ".bin" / "lighthouse"
    if not binary.exists():
        print(f"Installing Lighthouse into {prefix} (npm install --prefix {prefix} lighthouse@12)", file=sys.stderr)
        subprocess.run(
            ["npm", "install", "--prefix", str(prefix), "--no-audit", "--no-fund", "lighthouse@12"],
            check=True,
            stdout=sys.stderr,
        )
    return binary


def serve(database: Path) -> tuple[str, object]:
    app = create_app(
        {
            "DATABASE_URL": f"sqlite:///{database}",
            "SECRET_KEY": secrets.token_hex(32),
            "LOCAL_DEV": True,
            "RATELIMIT_ENABLED": False,
        }
    )
    with app.app_context():
        # A throwaway database, built from the models as the tests build theirs.
        Base.metadata.create_all(db.engine)
    logging.getLogger("werkzeug").setLevel(logging.ERROR)  # no line per request
    server = make_server("127.0.0.1", 0, app, threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_port}", server


def conversation_page(base: str, questionnaire: str, answers: int) -> str:
    """Start a conversation and answer `answers` questions through the JSON API."""
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(CookieJar()))
    body = json.dumps({"questionnaire": questionnaire}).encode()
    begin = urllib.request.Request(
        f"{base}/api/v1/conversations", data=body, headers={"Content-Type": "application/json"}, method="POST"
    )
    with opener.open(begin) as response:
        token = json.load(response)["token"]
    page = f"{base}/c/{token}"
    api = f"{base}/api/v1/conversations/{token}"
    for _ in range(answers):
        with opener.open(api) as response:
            question = json.load(response)["question"]
        if question is None:
            break
        first = [option["value"] for option in question["options"][:1]]
        value = question_types.of(question["type"]).example(first, "I like where I live. My carer is kind.")
        body = json.dumps({"question_id": question["id"], "value": value}).encode()
        request = urllib.request.Request(
            f"{api}/answers", data=body, headers={"Content-Type": "application/json"}, method="POST"
        )
        opener.open(request).close()
    return page


def run_lighthouse(binary: Path, url: str, report: Path, chrome: str) -> dict:
    env = dict(os.environ, CHROME_PATH=chrome)
    subprocess.run(
        [
            str(binary),
            url,
            "--form-factor=mobile",
            "--only-categories=performance,accessibility,best-practices",
            "--output=json",
            f"--output-path={report}",
            f"--chrome-flags={CHROME_FLAGS}",
            "--quiet",
        ],
        check=True,
        env=env,
    )
    return json.loads(report.read_text("utf-8"))


def figures(result: dict, own_host: str) -> dict:
    audits = result["audits"]
    requests = audits["network-requests"]["details"]["items"]
    others = sorted(
        {r["url"] for r in requests if urlsplit(r["url"]).scheme in ("http", "https") and urlsplit(r["url"]).netloc != own_host}
    )
    return {
        **{name: result["categories"][name]["score"] for name in TARGETS},
        "total_byte_weight": int(audits["total-byte-weight"]["numericValue"]),
        "requests": len(requests),
        "requests_to_other_hosts": len(others),
        "other_hosts": others,
        "failed_audits": sorted(
            f"{name}: {audit['title']}"
            for name, audit in audits.items()
            if audit.get("score") is not None and audit["score"] < 0.9 and audit.get("scoreDisplayMode") == "binary"
        ),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--questionnaire", default="young-person-before-review")
    parser.add_argument("--answers", type=int, default=3, help="questions to answer before measuring")
    parser.add_argument("--keep-report", type=Path, help="also write Lighthouse's JSON report here")
    args = parser.parse_args()

    binary = lighthouse_binary(Path(os.environ.get("LIGHTHOUSE_PREFIX", "/tmp/lh")))
    chrome = os.environ.get("CHROME_PATH", "/usr/bin/chromium")
    with tempfile.TemporaryDirectory() as folder:
        base, server = serve(Path(folder) / "lighthouse.db")
        try:
            page = conversation_page(base, args.questionnaire, args.answers)
            result = run_lighthouse(binary, page, Path(folder) / "report.json", chrome)
        finally:
            server.shutdown()
        if args.keep_report:
            args.keep_report.write_text(json.dumps(result, indent=1), "utf-8")
    found = figures(result, urlsplit(base).netloc)

    print(f"page: /c/... of {args.questionnaire}, after {args.answers} answers (mobile, simulated slow 4G)")
    missed = []
    for name, target in TARGETS.items():
        score = found[name]
        ok = score is not None and score >= target
        missed += [] if ok else [name]
        print(f"{name:>24}: {score}  (target >= {target}){'' if ok else '  MISSED'}")
    weight_ok = found["total_byte_weight"] <= MAX_BYTES
    missed += [] if weight_ok else ["total byte weight"]
    print(
        f"{'total byte weight':>24}: {found['total_byte_weight']} bytes = {found['total_byte_weight'] / 1024:.1f} KB "
        f"in {found['requests']} requests  (target <= {MAX_BYTES // 1024} KB){'' if weight_ok else '  MISSED'}"
    )
    hosts_ok = found["requests_to_other_hosts"] == 0
    missed += [] if hosts_ok else ["requests to other hosts"]
    print(f"{'requests to other hosts':>24}: {found['requests_to_other_hosts']}  (target 0){'' if hosts_ok else '  MISSED'}")
    for url in found["other_hosts"]:
        print(f"{'':>26}{url}")
    for failed in found["failed_audits"]:
        print(f"{'failed audit':>24}: {failed}")
    print("all targets met" if not missed else f"targets missed: {', '.join(missed)}")
    return 0 if not missed else 1


if __name__ == "__main__":
    sys.exit(main())
