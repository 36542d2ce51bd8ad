"""Audit at fleet scale, against the session's real PostgreSQL on 127.0.0.1.

Group commit in the PostgreSQL sink and its resilient wrapper (many threads' records in one
transaction, every chain still verifies), the append-only witness table of signed heads (per
instance, for the SQLite store and the PostgreSQL chain), and ``audit verify --postgres`` /
``--witness-dsn`` reporting every instance in one summary with distinct exit codes.
"""

from __future__ import annotations

import socket
import sqlite3
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from tests.test_audit import make_record
from tests.test_audit_postgres import _sql, postgres_dsn  # noqa: F401 - the session's cluster
from tests.test_audit_postgres_retention import (  # the same key, env and tables
    KEY,
    TABLES,
    keyed_env,  # noqa: F401 - autouse fixture
)
from typer.testing import CliRunner

from hybridllm.audit import AuditStore, HmacSigner
from hybridllm.audit.postgres import PostgresSink
from hybridllm.audit.sinks import ResilientSink
from hybridllm.audit.witness_pg import LOG_POSTGRES, LOG_SQLITE, PgWitness, read_pg_witness
from hybridllm.cli.audit import audit_app

runner = CliRunner()


@pytest.fixture
def pg(postgres_dsn: str) -> Iterator[str]:  # noqa: F811 - the imported session fixture
    """The session's PostgreSQL with no audit tables and no witness table."""
    _sql(postgres_dsn, f"DROP TABLE IF EXISTS {TABLES}, hybridllm_audit_witness")
    yield postgres_dsn
    _sql(postgres_dsn, f"DROP TABLE IF EXISTS {TABLES}, hybridllm_audit_witness")


def _dead_dsn() -> str:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    return f"host=127.0.0.1 port={port} user=postgres dbname=postgres connect_timeout=2"


def _hammer(append: object, threads: int, each: int) -> None:
    def run() -> None:
        for i in range(each):
            append(make_record(i))  # type: ignore[operator]

    workers = [threading.Thread(target=run) for _ in range(threads)]
    for t in workers:
        t.start()
    for t in workers:
        t.join()


def test_postgres_group_commit_shares_transactions_and_the_chain_verifies(pg: str) -> None:
    with PostgresSink(pg, instance="api", signer=HmacSigner(KEY), checkpoint_every=50) as sink:
        _hammer(sink.append, threads=8, each=40)
        result = sink.verify()
        commits = sink.commits
        checkpoints = sink.checkpoint_rows("api")
    assert (result.ok, result.checked) == (True, 320), result.problem
    assert commits < 320  # several threads' records shared a commit
    # A checkpoint falls on every 50th seq even when a batch straddles it.
    assert [int(c[1].split('"seq":')[1].split(",")[0]) for c in checkpoints[:6]] == [
        50,
        100,
        150,
        200,
        250,
        300,
    ]


def test_append_many_is_all_or_nothing(pg: str) -> None:
    from hybridllm.audit.sinks import DuplicateAuditRecordError

    with PostgresSink(pg, instance="api", signer=HmacSigner(KEY)) as sink:
        first = sink.append(make_record(1))
        batch = [make_record(2), first.model_copy(), make_record(3)]
        with pytest.raises(DuplicateAuditRecordError):
            sink.append_many(batch)
        assert sink.count() == 1
        # The same records through append(): the duplicate alone fails, the others are kept.
        _hammer(sink.append, threads=1, each=2)
        assert sink.verify().ok


def test_resilient_copy_writes_in_batches_and_catches_up_after_an_outage(pg: str) -> None:
    opened: list[PostgresSink] = []
    target = {"dsn": _dead_dsn()}

    def open_sink() -> PostgresSink:
        sink = PostgresSink(target["dsn"], instance="web", signer=HmacSigner(KEY))
        opened.append(sink)
        return sink

    copy = ResilientSink(open_sink, "PostgreSQL audit copy", backoff=(0.01, 0.02))
    failed = 0

    def append(record: object) -> None:
        nonlocal failed
        try:
            copy.append(record)  # type: ignore[arg-type]
        except Exception:
            failed += 1

    _hammer(append, threads=4, each=5)  # down: everything queues
    assert failed == 20
    assert copy.pending == 20
    target["dsn"] = pg
    copy.flush()
    _hammer(copy.append, threads=6, each=30)
    assert copy.pending == 0
    sink = opened[-1]
    assert sink.count() == 200
    assert sink.commits < 200 - 19  # the backlog went in one batch, and threads shared commits
    assert sink.verify().ok
    copy.close()


def test_pg_witness_is_append_only(pg: str) -> None:
    import psycopg

    witness = PgWitness(pg, "web-1", LOG_SQLITE)
    with AuditStore(
        Path("a.db"), signer=HmacSigner(KEY), checkpoint_every=5, witness=witness
    ) as store:
        for i in range(12):
            store.append(make_record(i))
    heads = read_pg_witness(pg, "web-1", LOG_SQLITE)
    assert [h.seq for h in heads] == [5, 10, 12]  # two periodic, one on close
    for statement in (
        "UPDATE hybridllm_audit_witness SET hash = 'x'",
        "DELETE FROM hybridllm_audit_witness",
        "TRUNCATE hybridllm_audit_witness",
    ):
        with pytest.raises(psycopg.Error, match="append-only"):
            _sql(pg, statement)
    assert len(read_pg_witness(pg, "web-1", LOG_SQLITE)) == 3


def test_pg_witness_outage_never_fails_and_catches_up(pg: str, tmp_path: Path) -> None:
    witness = PgWitness(_dead_dsn(), "web-2", LOG_SQLITE)
    with AuditStore(
        tmp_path / "b.db", signer=HmacSigner(KEY), checkpoint_every=3, witness=witness
    ) as store:
        for i in range(7):
            store.append(make_record(i))  # checkpoints at 3 and 6: the witness is down
        assert witness.pending == 2
        assert witness.failures == 2
        witness.dsn = pg
        store.append(make_record(8))
        store.append(make_record(9))  # checkpoint at 9: sends the pending ones with it
        assert witness.pending == 0
    assert [h.seq for h in read_pg_witness(pg, "web-2", LOG_SQLITE)] == [3, 6, 9]


def test_cli_witness_dsn_catches_a_rolled_back_sqlite_store(pg: str, tmp_path: Path) -> None:
    db = tmp_path / "c.db"
    with AuditStore(
        db, signer=HmacSigner(KEY), checkpoint_every=4, witness=PgWitness(pg, "web-3")
    ) as store:
        for i in range(10):
            store.append(make_record(i))
    args = ["verify", "--db", str(db), "--witness-dsn", pg, "--instance", "web-3"]
    ok = runner.invoke(audit_app, args)
    assert ok.exit_code == 0, ok.output
    assert "3 witnessed checkpoint(s) match" in ok.stdout
    # Roll the store back: drop the newest checkpoint and the records after the one before.
    with sqlite3.connect(db) as conn:
        conn.execute(
            "DELETE FROM audit_checkpoints WHERE n = (SELECT MAX(n) FROM audit_checkpoints)"
        )
        conn.execute("DELETE FROM audit_records WHERE seq > 8")
        conn.execute("UPDATE sqlite_sequence SET seq = 8 WHERE name = 'audit_records'")
    plain = runner.invoke(audit_app, ["verify", "--db", str(db)])
    assert plain.exit_code == 0, plain.output  # the store alone looks whole
    bad = runner.invoke(audit_app, args)
    assert bad.exit_code == 1
    assert "rolled back" in bad.output
    unreachable = runner.invoke(audit_app, [*args[:3], "--witness-dsn", _dead_dsn()])
    assert unreachable.exit_code == 2


def test_verify_postgres_reports_every_instance_with_its_witness(pg: str) -> None:
    signer = HmacSigner(KEY)
    for name, n in (("web-1", 7), ("web-2", 5), ("web-3", 3)):
        witness = PgWitness(pg, name, LOG_POSTGRES)
        with PostgresSink(
            pg, instance=name, signer=signer, checkpoint_every=2, witness=witness
        ) as sink:
            sink.append_many([make_record(i) for i in range(n)])
    ok = runner.invoke(audit_app, ["verify", "--postgres", pg])
    assert ok.exit_code == 0, ok.output
    rows = [line.split() for line in ok.stdout.splitlines() if line.startswith("web-")]
    assert [(r[0], r[1], r[2], r[-2], r[-1]) for r in rows] == [
        ("web-1", "7", "7", "4", "ok"),  # checkpoints at 2, 4, 6 and on close at 7
        ("web-2", "5", "5", "3", "ok"),
        ("web-3", "3", "3", "2", "ok"),
    ]
    assert "3 instance(s), 15 record(s): 3 ok, 0 tampered" in ok.stdout
    # Roll web-2 back in the log (its newest checkpoint and the tail): the witness still has it.
    _sql(pg, "DELETE FROM hybridllm_audit_checkpoints WHERE instance = 'web-2' AND n = 3")
    _sql(pg, "DELETE FROM hybridllm_audit WHERE instance = 'web-2' AND seq = 5")
    _sql(pg, "UPDATE hybridllm_audit_heads SET seq = 4 WHERE instance = 'web-2'")
    bad = runner.invoke(audit_app, ["verify", "--postgres", pg])
    assert bad.exit_code == 1
    assert "FAILED (web-2)" in bad.output
    assert "rolled back" in bad.output
    assert "2 ok, 1 tampered" in bad.stdout


def test_client_witnesses_both_logs_in_postgres(pg: str, tmp_path: Path) -> None:
    """A Client with ``audit_witness_dsn`` hands every checkpoint of its SQLite store and of its
    PostgreSQL copy to the witness table; both verify against it."""
    import hybridllm

    client = hybridllm.Client(
        targets={"local": {"adapter": "llamacpp", "model": "m", "base_url": "http://127.0.0.1:9"}},
        default_target="local",
        local_target="local",
        fallback={"local": []},
        policy={"SECRET": "block"},
        audit_path=tmp_path / "audit.db",
        audit_key_path=str(tmp_path / "audit.key"),
        audit_postgres_dsn=pg,
        audit_witness_dsn=pg,
        audit_instance="client-7",
        audit_checkpoint_every=2,
    )
    with client:
        for _ in range(3):
            assert client.complete("rotate AKIAZ3MSJ7QXP4LKH2TD today").route == "blocked"
    assert [h.seq for h in read_pg_witness(pg, "client-7", LOG_SQLITE)] == [2, 3]
    assert [h.seq for h in read_pg_witness(pg, "client-7", LOG_POSTGRES)] == [2, 3]
    key = ["--key-file", str(tmp_path / "audit.key")]
    local = runner.invoke(
        audit_app,
        [
            "verify",
            "--db",
            str(tmp_path / "audit.db"),
            *key,
            "--witness-dsn",
            pg,
            "--instance",
            "client-7",
        ],
    )
    assert local.exit_code == 0, local.output
    assert "2 witnessed checkpoint(s) match" in local.stdout
    shared = runner.invoke(audit_app, ["verify", "--postgres", pg, *key])
    assert shared.exit_code == 0, shared.output
    assert "2 witnessed checkpoint(s) match" in shared.stdout


def test_verify_postgres_against_a_witness_in_another_database(pg: str) -> None:
    witness_db = pg.replace("dbname=postgres", "dbname=hybridllm_witness")
    _sql(pg, "DROP DATABASE IF EXISTS hybridllm_witness")
    _sql(pg, "CREATE DATABASE hybridllm_witness")
    try:
        signer = HmacSigner(KEY)
        for name, n in (("api-1", 4), ("api-2", 6)):
            witness = PgWitness(witness_db, name, LOG_POSTGRES)
            with PostgresSink(
                pg, instance=name, signer=signer, checkpoint_every=2, witness=witness
            ) as sink:
                sink.append_many([make_record(i) for i in range(n)])
        args = ["verify", "--postgres", pg, "--witness-dsn", witness_db]
        ok = runner.invoke(audit_app, args)
        assert ok.exit_code == 0, ok.output
        assert "api-1: 4 records verified" in ok.stdout
        assert "2 witnessed checkpoint(s) match" in ok.stdout  # api-1: at 2 and 4
        assert "3 witnessed checkpoint(s) match" in ok.stdout  # api-2: at 2, 4 and 6
        # The log's own database has no witness table: only the other one knows the heads.
        _sql(pg, "DELETE FROM hybridllm_audit_checkpoints WHERE instance = 'api-2' AND n = 3")
        _sql(pg, "DELETE FROM hybridllm_audit WHERE instance = 'api-2' AND seq > 4")
        _sql(pg, "UPDATE hybridllm_audit_heads SET seq = 4 WHERE instance = 'api-2'")
        assert runner.invoke(audit_app, ["verify", "--postgres", pg]).exit_code == 0
        bad = runner.invoke(audit_app, args)
        assert bad.exit_code == 1
        assert "FAILED (api-2)" in bad.output
        assert "rolled back" in bad.output
        dead = runner.invoke(audit_app, [*args[:3], "--witness-dsn", _dead_dsn()])
        assert dead.exit_code == 2
    finally:
        _sql(pg, "DROP DATABASE IF EXISTS hybridllm_witness WITH (FORCE)")
