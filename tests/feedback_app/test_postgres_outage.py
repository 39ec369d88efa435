"""PostgreSQL restarted in the middle of a load: while it is away the service answers
503 with a clear JSON error (never 500); when it is back the same workers carry on by
themselves; every answer acknowledged before, during and after is stored.

The restart is of a throwaway cluster of the test's own (initdb + pg_ctl, on its own
port and socket folder), never of the server other tests share. It runs with the
PostgreSQL tests (DATABASE_URL=postgresql://..., as CI's second pass does).
"""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import requests
from sqlalchemy import select

from feedback_app import create_app
from feedback_app.database import upgrade_schema
from feedback_app.extensions import db
from feedback_app.models import Answer, Conversation
from tests.servers import QID, Load, Server, free_port, server_env


def _pg_program(name: str) -> str | None:
    found = shutil.which(name) or sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))
    return found if isinstance(found, str) else (found[-1] if found else None)


@dataclass
class Cluster:
    data: Path
    port: int
    as_owner: list[str]

    @property
    def url(self) -> str:
        return f"postgresql://postgres@127.0.0.1:{self.port}/postgres"

    def pg_ctl(self, *args: str) -> None:
        subprocess.run([*self.as_owner, _pg_program("pg_ctl"), "-D", str(self.data), *args],
                       check=True, capture_output=True, timeout=60)  # fmt: skip

    def start(self) -> None:
        options = f"-p {self.port} -k {self.data.parent} -c listen_addresses=127.0.0.1"
        self.pg_ctl("-o", options, "-l", str(self.data.parent / "postgres.log"), "-w", "start")

    def stop(self) -> None:
        self.pg_ctl("-m", "fast", "-w", "stop")  # ends every connection, as a restart does


@pytest.fixture
def cluster() -> Iterator[Cluster]:
    if not (os.environ.get("DATABASE_URL") or "").startswith("postgres"):
        pytest.skip("runs with the PostgreSQL tests (DATABASE_URL=postgresql://...)")
    if _pg_program("initdb") is None:
        if os.environ.get("REQUIRE_POSTGRES") == "1":
            pytest.fail("initdb is needed to start a throwaway PostgreSQL")
        pytest.skip("initdb is not installed")
    folder = Path(tempfile.mkdtemp(prefix="feedback-outage-", dir="/tmp"))
    # PostgreSQL will not run as root: as root, the cluster belongs to the postgres user.
    as_owner = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
    if as_owner:
        shutil.chown(folder, "postgres")
    found = Cluster(folder / "data", free_port(), as_owner)
    subprocess.run([*as_owner, _pg_program("initdb"), "-D", str(found.data), "-U", "postgres", "--auth=trust", "-N"],
                   check=True, capture_output=True, timeout=120)  # fmt: skip
    found.start()
    try:
        yield found
    finally:
        try:
            found.pg_ctl("-m", "immediate", "stop")
        except subprocess.CalledProcessError:
            pass  # already stopped
        shutil.rmtree(folder, ignore_errors=True)


@pytest.mark.slow
@pytest.mark.postgres
def test_a_postgresql_restart_mid_load_is_a_503_then_recovers_by_itself(cluster, tmp_path):
    app = create_app({"TESTING": True, "DATABASE_URL": cluster.url})
    with app.app_context():
        upgrade_schema()
        db.engine.dispose()
    server = Server(server_env(cluster.url), tmp_path / "server.log")
    load = Load([server.url], clients=8).start()
    try:
        assert load.wait_for(40), f"the load did not get going: {load.failures[:3]}\n{server.tracebacks()}"
        cluster.stop()
        time.sleep(1)  # the load goes on against no database
        during = requests.post(f"{server.url}/api/v1/conversations", json={"questionnaire": QID}, timeout=10)
        health = requests.get(f"{server.url}/healthz", timeout=10)
        time.sleep(1)
        cluster.start()
        recovered = load.wait_for(40, seconds=60)
    finally:
        load.stop()
        server.stop()

    assert during.status_code == 503, during.text[:300]
    assert "try again" in during.json()["error"]
    assert health.status_code == 503
    assert load.unavailable > 0, "no answer met the outage, so nothing was tested"
    assert not load.failures, f"answers got other than 503 while the database was away: {load.failures[:3]}\n" + (
        server.tracebacks()
    )
    assert recovered, f"the service did not recover by itself:\n{server.tracebacks()}"
    with app.app_context():
        stored = set(
            db.session.execute(
                select(Conversation.token, Answer.question_id).join(Answer, Answer.conversation_id == Conversation.id)
            ).all()
        )
        db.engine.dispose()
    missing = [pair for pair in load.acknowledged if pair not in stored]
    assert not missing, f"{len(missing)} of {len(load.acknowledged)} acknowledged answers were lost"
