"""The PostgreSQL audit copy going away and coming back, with a real server stopped and started.

The test runs its own throwaway cluster (the session one in ``test_audit_postgres`` is shared
and must stay up), stops it with ``pg_ctl stop`` mid-run and starts it again on the same port.
Calls go to a wire-level loopback OpenAI server, so what reached the "provider" is known.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from tests.helpers import AWS_KEY, EMAIL, make_client
from tests.test_audit_postgres import HINT, _free_port, _pg_bin

import hybridllm
from hybridllm.audit import AuditStore
from hybridllm.audit.postgres import PostgresSink
from hybridllm.testing import SplittingServer

PROMPT = f"Write to {EMAIL} about the key {AWS_KEY}."


class Cluster:
    """One PostgreSQL cluster on 127.0.0.1 that a test can stop and start again."""

    def __init__(self) -> None:
        self.root = Path(tempfile.mkdtemp(prefix="hybridllm-pg-outage-"))
        self.prefix: list[str] = []
        if os.geteuid() == 0:
            shutil.chown(self.root, user="postgres", group="postgres")
            self.prefix = ["runuser", "-u", "postgres", "--"]
        self.data, self.port = self.root / "data", _free_port()
        self.dsn = f"host=127.0.0.1 port={self.port} user=postgres dbname=postgres"
        self._run("initdb", "-D", str(self.data), "-U", "postgres", "--auth=trust", "--no-sync")

    def _run(self, tool: str, *args: str) -> None:
        subprocess.run([*self.prefix, _pg_bin(tool), *args], check=True, capture_output=True)

    def start(self) -> None:
        opts = f"-c listen_addresses=127.0.0.1 -p {self.port} -k {self.root}"
        log = str(self.root / "server.log")
        self._run("pg_ctl", "-D", str(self.data), "-o", opts, "-l", log, "-w", "-t", "60", "start")

    def stop(self) -> None:
        self._run("pg_ctl", "-D", str(self.data), "-m", "fast", "-w", "stop")

    def count(self) -> int:
        import psycopg

        with psycopg.connect(self.dsn, autocommit=True) as conn:
            row = conn.execute("SELECT COUNT(*) FROM hybridllm_audit").fetchone()
        return int(row[0]) if row else 0


@pytest.fixture
def cluster() -> Iterator[Cluster]:
    try:
        import psycopg  # noqa: F401
    except ImportError:
        pytest.fail(f"psycopg is not installed; {HINT}", pytrace=False)
    c = Cluster()
    c.start()
    try:
        yield c
    finally:
        subprocess.run(
            [*c.prefix, _pg_bin("pg_ctl"), "-D", str(c.data), "-m", "immediate", "stop"],
            check=False,
            capture_output=True,
        )
        shutil.rmtree(c.root, ignore_errors=True)


def _client(server: SplittingServer, db: Path, dsn: str, **extra: Any) -> Any:
    return make_client(
        local_url=server.base_url,
        cloud_url=server.base_url,
        audit_path=db,
        audit_postgres_dsn=dsn,
        audit_instance="outage-test",
        **extra,
    )


def _until(check: Callable[[], bool], timeout: float = 40.0) -> None:
    end = time.monotonic() + timeout
    while not check():
        assert time.monotonic() < end, "condition not reached in time"
        time.sleep(0.2)


def test_required_copy_down_fails_typed_before_sending_then_reconnects(
    cluster: Cluster, server: SplittingServer, tmp_path: Path
) -> None:
    db = tmp_path / "audit.db"
    with _client(server, db, cluster.dsn) as client:
        client.complete(PROMPT, max_tokens=8)
        assert cluster.count() == 2  # intent + outcome
        cluster.stop()
        for _ in range(3):  # typed every time (was: AuditError once, then AssertionError)
            with pytest.raises(hybridllm.AuditError):
                client.complete(PROMPT, max_tokens=8)
        assert len(server.requests) == 1  # nothing was sent while the copy was down
        with AuditStore(db, readonly=True) as store:
            failed = [r for r in store.iter_records() if r.error == "AuditCopyError"]
            assert failed  # the SQLite log says why: intent + error outcome, never sent
            assert all(r.intents for r in failed)
            assert store.verify().open_intents == ()
        cluster.start()

        def call_goes_through() -> bool:
            try:
                client.complete(PROMPT, max_tokens=8)
            except hybridllm.AuditError:
                return False
            return True

        _until(call_goes_through)  # reconnected, after the backoff
        assert len(server.requests) == 2
        sqlite_count = client.audit.count()
    assert cluster.count() == sqlite_count  # what the copy missed was queued and written
    with PostgresSink(cluster.dsn, instance="outage-test", create=False) as copy:
        assert copy.verify().ok  # the copy's own chain is whole


def test_optional_copy_down_lets_calls_go_on_and_catches_up(
    cluster: Cluster, server: SplittingServer, tmp_path: Path
) -> None:
    db = tmp_path / "audit.db"
    with _client(server, db, cluster.dsn, audit_copies_required=False) as client:
        client.complete(PROMPT, max_tokens=8)
        cluster.stop()
        for _ in range(3):
            assert client.complete(PROMPT, max_tokens=8).route == "cloud"
        assert len(server.requests) == 4
        cluster.start()

        def caught_up() -> bool:
            client.complete(PROMPT, max_tokens=8)  # each call retries once its backoff passed
            return cluster.count() == client.audit.count()

        _until(caught_up)  # every record the copy missed is there, in order
        assert client.audit.verify().ok
