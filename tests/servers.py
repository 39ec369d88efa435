"""Real servers for the slow tests: gunicorn on a free port, and a load of conversations.

`Server` runs `feedback_app:create_app()` under gunicorn as a deployment
would, with its log kept so that a failing test can print why the server
answered 5xx. `Load` walks conversations from client threads through the
JSON API and keeps what the server acknowledged, what it refused, and every
5xx with its body.
"""

from __future__ import annotations

import os
import secrets
import signal
import socket
import subprocess
import sys
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import requests

from feedback_app import question_types

ROOT = Path(__file__).resolve().parents[1]
QID = "young-person-before-review"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def server_env(database_url: str, **settings: str) -> dict[str, str]:
    """The environment of a server on `database_url`, rate limits off unless `settings` turn them on."""
    env = dict(
        os.environ,
        DATABASE_URL=database_url,
        SECRET_KEY=secrets.token_hex(32),
        FLASK_RATELIMIT_ENABLED="false",
        FLASK_PUBLIC_BASE_URL="http://127.0.0.1",
    )
    env.update(settings)
    return env


class Server:
    """gunicorn serving the app on 127.0.0.1:`port` (a free one unless given)."""

    def __init__(
        self,
        env: dict[str, str],
        log: Path,
        *,
        workers: int = 2,
        port: int | None = None,
        wait: bool = True,
        app: str = "feedback_app:create_app()",
        health: str = "/healthz",
    ) -> None:
        self.port = port or free_port()
        self.health = health
        self.log = log
        self.url = f"http://127.0.0.1:{self.port}"
        with open(log, "ab") as out:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py", "-w", str(workers), "-b", f"127.0.0.1:{self.port}",
                 "--graceful-timeout", "2", app],  # fmt: skip
                cwd=ROOT,
                env=env,
                start_new_session=True,
                stdout=out,
                stderr=subprocess.STDOUT,
            )
        if wait:  # else the caller calls wait_until_up, say after starting another
            self.wait_until_up()

    def wait_until_up(self, seconds: float = 60) -> None:
        deadline = time.time() + seconds
        while time.time() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"the server stopped:\n{self.log_text()[-3000:]}")
            try:
                if requests.get(f"{self.url}{self.health}", timeout=1).status_code < 500:
                    return
            except requests.RequestException:
                pass
            time.sleep(0.2)
        raise RuntimeError(f"the server did not start:\n{self.log_text()[-3000:]}")

    def worker_pids(self) -> list[int]:
        """gunicorn's workers: the processes whose parent is the master."""
        pids = []
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                fields = stat.read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == self.process.pid:
                pids.append(int(stat.parent.name))
        return pids

    def kill_workers(self) -> int:
        """kill -9 every worker (the master starts new ones); returns how many were killed."""
        pids = self.worker_pids()
        for pid in pids:
            os.kill(pid, signal.SIGKILL)
        return len(pids)

    def kill(self) -> None:
        """kill -9 the master and its workers: no chance to flush anything."""
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=10)

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.kill()

    def log_text(self) -> str:
        return self.log.read_text(errors="replace") if self.log.exists() else ""

    def tracebacks(self, limit: int = 3) -> str:
        """The last few tracebacks in the server's log: why it answered 5xx."""
        text = self.log_text()
        parts = text.split("Traceback (most recent call last)")[1:]
        return "\n---\n".join(part[-2500:] for part in parts[-limit:]) or text[-2000:]


def value_for(question: dict):
    return question_types.of(question["type"]).example([o["value"] for o in question["options"][:1]], "It is ok here.")


@dataclass
class Load:
    """Client threads walking conversations through the API, each answer after the last.

    A connection error (the server killed) ends that conversation and the
    client starts another. A 503 (the database away) is counted and the same
    answer tried again shortly. Any other status but the expected one is kept
    with its body in `failures`; 5xx among them in `server_errors`.
    """

    urls: list[str]
    clients: int = 8
    send: bool = True
    acknowledged: list[tuple[str, str]] = field(default_factory=list)
    conversations_sent: int = 0
    latencies: list[float] = field(default_factory=list)
    failures: list[tuple[int, str]] = field(default_factory=list)
    unavailable: int = 0
    connection_errors: int = 0
    statuses: Counter = field(default_factory=Counter)

    def __post_init__(self) -> None:
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._threads: list[threading.Thread] = []

    @property
    def server_errors(self) -> list[tuple[int, str]]:
        return [(status, body) for status, body in self.failures if status >= 500]

    def start(self) -> Load:
        for n in range(self.clients):
            thread = threading.Thread(target=self._client, args=(self.urls[n % len(self.urls)],), daemon=True)
            thread.start()
            self._threads.append(thread)
        return self

    def stop(self) -> None:
        self._stop.set()
        for thread in self._threads:
            thread.join(timeout=30)

    def wait_for(self, answers: int, seconds: float = 60) -> bool:
        """Wait until `answers` more answers than now have been acknowledged."""
        target = len(self.acknowledged) + answers
        deadline = time.time() + seconds
        while len(self.acknowledged) < target and time.time() < deadline:
            time.sleep(0.05)
        return len(self.acknowledged) >= target

    def _post(self, session: requests.Session, url: str, body: dict, expected: int) -> dict | None:
        """POST until it is not a 503; the body on `expected`, None on any other outcome."""
        while not self._stop.is_set():
            started = time.perf_counter()
            try:
                response = session.post(url, json=body, timeout=10)
            except requests.RequestException:
                with self._lock:
                    self.connection_errors += 1
                time.sleep(0.1)
                return None
            with self._lock:
                self.statuses[response.status_code] += 1
                self.latencies.append(time.perf_counter() - started)
            if response.status_code == expected:
                return response.json()
            if response.status_code == 503 and response.headers.get("Content-Type", "").startswith("application/json"):
                with self._lock:
                    self.unavailable += 1
                time.sleep(0.2)
                continue
            with self._lock:
                self.failures.append((response.status_code, response.text[:300]))
            return None
        return None

    def _client(self, base: str) -> None:
        session = requests.Session()
        api = f"{base}/api/v1/conversations"
        while not self._stop.is_set():
            state = self._post(session, api, {"questionnaire": QID}, 201)
            while state is not None and state["question"] is not None:
                q = state["question"]
                answered = self._post(session, f"{api}/{state['token']}/answers",
                                      {"question_id": q["id"], "value": value_for(q)}, 200)  # fmt: skip
                if answered is not None:
                    with self._lock:
                        self.acknowledged.append((state["token"], q["id"]))
                state = answered
            if state is not None and self.send and self._post(session, f"{api}/{state['token']}/submit", {}, 200):
                with self._lock:
                    self.conversations_sent += 1
