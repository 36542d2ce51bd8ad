"""Audit stage: canonical JSON, hash chain, SQLite store, tamper detection, concurrency, CLI.

Everything runs against real SQLite files under ``tmp_path``; nothing is mocked.
"""

from __future__ import annotations

import itertools
import json
import multiprocessing
import sqlite3
import threading
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from hybridllm.audit import (
    AuditStore,
    VerifyResult,
    canonical_json,
    compute_hash,
    new_record_id,
    utc_now_iso,
)
from hybridllm.cli.audit import audit_app
from hybridllm.errors import AuditError, AuditVerificationError
from hybridllm.models import AuditRecord, Hop


@pytest.fixture(autouse=True)
def _no_ambient_audit_key(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """The CLI looks for an audit key in the environment and in ~/.config: keep tests hermetic."""
    monkeypatch.delenv("HYBRIDLLM_AUDIT_KEY", raising=False)
    monkeypatch.setenv("HYBRIDLLM_AUDIT_KEY_FILE", str(tmp_path / "no-audit.key"))


def make_record(n: int, *, reason: str | None = None) -> AuditRecord:
    return AuditRecord(
        id=new_record_id(),
        ts=utc_now_iso(),
        status="ok",
        route="local" if n % 2 else "cloud",
        reason=reason if reason is not None else f"policy-rule-{n:05d}",
        categories=("PII",) if n % 3 else (),
        entities={"PERSON": n % 4},
        max_score=0.85,
        hops=(Hop(target="llama", outcome="ok", attempts=1, latency_ms=12.5),),
        target="llama",
        model="smollm2",
        locality="local",
        input_tokens=n,
        output_tokens=2 * n,
        latency_ms={"classify": 1.25, "total": 30.0},
    )


def fill(path: Path, n: int) -> list[AuditRecord]:
    with AuditStore(path) as store:
        return [store.append(make_record(i)) for i in range(n)]


def db_exec(path: Path, sql: str, params: tuple[object, ...] = ()) -> None:
    conn = sqlite3.connect(path)
    try:
        with conn:
            conn.execute(sql, params)
    finally:
        conn.close()


# -- record.py ---------------------------------------------------------------------------------


def test_canonical_json_is_sorted_compact_and_unicode() -> None:
    text = canonical_json({"b": 1, "a": {"z": 0.1, "y": "é"}, "c": [1.0, 2]})
    assert text == '{"a":{"y":"é","z":0.1},"b":1,"c":[1.0,2]}'


def test_canonical_json_rejects_nan() -> None:
    with pytest.raises(ValueError, match="JSON"):
        canonical_json({"x": float("nan")})


def test_compute_hash_covers_prev_hash_and_ignores_own_hash() -> None:
    record = make_record(1)
    h = compute_hash("", record)
    assert len(h) == 64
    assert compute_hash("", record.model_copy(update={"hash": "x" * 64})) == h
    assert compute_hash("a" * 64, record) != h
    assert compute_hash("", record.model_copy(update={"reason": "other"})) != h


def test_record_ids_are_unique_and_time_sortable() -> None:
    ids = [new_record_id() for _ in range(2000)]
    assert len(set(ids)) == len(ids)
    assert all(len(i) == 32 and int(i, 16) >= 0 for i in ids)
    assert [i[:12] for i in ids] == sorted(i[:12] for i in ids)


def test_utc_now_iso_format() -> None:
    ts = utc_now_iso()
    assert ts.endswith("Z")
    assert len(ts) == len("2026-01-01T00:00:00.000000Z")


# -- store: append / read / verify ---------------------------------------------------------------


def test_append_links_chain_and_verifies(tmp_path: Path) -> None:
    path = tmp_path / "nested" / "dir" / "audit.db"
    stored = fill(path, 5)
    assert stored[0].prev_hash == ""
    for before, after in itertools.pairwise(stored):
        assert after.prev_hash == before.hash
    with AuditStore(path) as store:
        assert store.count() == 5
        assert list(store.iter_records()) == stored
        assert store.get(stored[2].id) == stored[2]
        assert store.get("nope") is None
        assert store.tail(2) == stored[3:]
        result = store.verify()
    assert result == VerifyResult(ok=True, checked=5, head_hash=stored[-1].hash, head_seq=5)
    result.raise_for_failure()


def test_store_is_wal_durable_and_versioned(tmp_path: Path) -> None:
    path = tmp_path / "audit.db"
    fill(path, 1)
    conn = sqlite3.connect(path)
    try:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert conn.execute("PRAGMA user_version").fetchone()[0] == 2
        body, h = conn.execute("SELECT body, hash FROM audit_records").fetchone()
    finally:
        conn.close()
    assert json.loads(body)["hash"] == h


def test_empty_store_verifies(tmp_path: Path) -> None:
    with AuditStore(tmp_path / "a.db") as store:
        assert store.verify() == VerifyResult(ok=True, checked=0)


def test_duplicate_id_is_refused(tmp_path: Path) -> None:
    with AuditStore(tmp_path / "a.db") as store:
        first = store.append(make_record(1))
        with pytest.raises(AuditError, match="already exists"):
            store.append(make_record(2).model_copy(update={"id": first.id}))
        assert store.count() == 1
        assert store.verify().ok


def test_closed_and_readonly_stores_refuse_writes(tmp_path: Path) -> None:
    path = tmp_path / "a.db"
    fill(path, 1)
    store = AuditStore(path)
    store.close()
    store.close()
    with pytest.raises(AuditError, match="closed"):
        store.count()
    with AuditStore(path, readonly=True) as ro:
        assert ro.verify().ok
        with pytest.raises(AuditError, match="read-only"):
            ro.append(make_record(2))
    with pytest.raises(AuditError, match="not found"):
        AuditStore(tmp_path / "missing.db", readonly=True)


def test_newer_schema_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "a.db"
    fill(path, 1)
    db_exec(path, "PRAGMA user_version = 99")
    with pytest.raises(AuditError, match="newer"):
        AuditStore(path)


# -- tamper detection ----------------------------------------------------------------------------


def test_sql_update_of_one_body_character_is_detected(tmp_path: Path) -> None:
    path = tmp_path / "audit.db"
    stored = fill(path, 10)
    victim = stored[6]
    db_exec(
        path,
        "UPDATE audit_records SET body = replace(body, 'policy-rule-00006', 'policy-rule-00007') "
        "WHERE id = ?",
        (victim.id,),
    )
    with AuditStore(path) as store:
        result = store.verify()
        with pytest.raises(AuditVerificationError) as info:
            result.raise_for_failure()
    assert not result.ok
    assert result.first_bad_id == victim.id
    assert result.checked == 6
    assert "hash mismatch" in (result.problem or "")
    assert info.value.record_id == victim.id


@pytest.mark.parametrize(
    ("old", "new", "problem"),
    [
        ('"reason":', '"reason" :', "canonical"),  # same data, different bytes
        ('"status":"ok"', '"status":"no"', "not a valid audit record"),
        ("{", "[", "not valid JSON"),
    ],
)
def test_other_body_edits_are_detected(tmp_path: Path, old: str, new: str, problem: str) -> None:
    path = tmp_path / "audit.db"
    stored = fill(path, 4)
    db_exec(
        path,
        "UPDATE audit_records SET body = replace(body, ?, ?) WHERE id = ?",
        (old, new, stored[2].id),
    )
    with AuditStore(path) as store:
        result = store.verify()
    assert (result.ok, result.first_bad_id) == (False, stored[2].id)
    assert problem in (result.problem or "")


def test_column_edit_is_detected(tmp_path: Path) -> None:
    path = tmp_path / "audit.db"
    stored = fill(path, 3)
    db_exec(path, "UPDATE audit_records SET route = 'cloud' WHERE id = ?", (stored[1].id,))
    with AuditStore(path) as store:
        result = store.verify()
    assert (result.ok, result.first_bad_id) == (False, stored[1].id)
    assert "column route" in (result.problem or "")


def test_raw_file_byte_flip_is_detected(tmp_path: Path) -> None:
    path = tmp_path / "audit.db"
    stored = fill(path, 10)  # close() checkpoints the WAL, so every body is in the main file
    wal = tmp_path / "audit.db-wal"
    assert not wal.exists() or wal.stat().st_size == 0
    raw = path.read_bytes()
    needle = b"policy-rule-00004"
    assert raw.count(needle) == 1
    offset = raw.index(needle) + len(needle) - 1
    patched = raw[:offset] + b"9" + raw[offset + 1 :]  # '4' -> '9': one byte, JSON still valid
    path.write_bytes(patched)
    with AuditStore(path) as store:
        result = store.verify()
    assert (result.ok, result.first_bad_id) == (False, stored[4].id)
    assert "hash mismatch" in (result.problem or "")


def test_raw_file_byte_flip_to_invalid_utf8_names_record(tmp_path: Path) -> None:
    path = tmp_path / "audit.db"
    stored = fill(path, 3)
    raw = path.read_bytes()
    offset = raw.index(b"policy-rule-00001")
    path.write_bytes(raw[:offset] + b"\xff" + raw[offset + 1 :])
    with AuditStore(path, readonly=True) as store:
        result = store.verify()
    assert (result.ok, result.first_bad_id) == (False, stored[1].id)
    assert "UTF-8" in (result.problem or "")


def test_deleted_middle_row_is_detected(tmp_path: Path) -> None:
    path = tmp_path / "audit.db"
    stored = fill(path, 6)
    db_exec(path, "DELETE FROM audit_records WHERE id = ?", (stored[3].id,))
    with AuditStore(path) as store:
        result = store.verify()
    assert (result.ok, result.first_bad_id, result.checked) == (False, stored[4].id, 3)
    assert "gap" in (result.problem or "")


def test_deleted_first_and_last_rows_are_detected(tmp_path: Path) -> None:
    path = tmp_path / "audit.db"
    stored = fill(path, 4)
    db_exec(path, "DELETE FROM audit_records WHERE id = ?", (stored[-1].id,))
    with AuditStore(path) as store:
        result = store.verify()
    assert (result.ok, result.first_bad_id) == (False, stored[-2].id)
    assert "truncated" in (result.problem or "")

    db_exec(path, "DELETE FROM audit_records WHERE id = ?", (stored[0].id,))
    with AuditStore(path) as store:
        result = store.verify()
    assert (result.ok, result.first_bad_id) == (False, stored[1].id)


def test_rewritten_prev_hash_link_is_detected(tmp_path: Path) -> None:
    """A forged record with a self-consistent hash still fails to link to its predecessor."""
    path = tmp_path / "audit.db"
    stored = fill(path, 3)
    forged = stored[1].model_copy(update={"reason": "forged", "prev_hash": "0" * 64})
    forged = forged.model_copy(update={"hash": compute_hash(forged.prev_hash, forged)})
    db_exec(
        path,
        "UPDATE audit_records SET body = ?, prev_hash = ?, hash = ? WHERE id = ?",
        (
            canonical_json(forged.model_dump(mode="json")),
            forged.prev_hash,
            forged.hash,
            forged.id,
        ),
    )
    with AuditStore(path) as store:
        result = store.verify()
    assert (result.ok, result.first_bad_id) == (False, stored[1].id)
    assert "prev_hash" in (result.problem or "")


# -- concurrency -------------------------------------------------------------------------------


def test_many_threads_share_one_store(tmp_path: Path) -> None:
    path = tmp_path / "audit.db"
    errors: list[BaseException] = []
    with AuditStore(path) as store:
        start = threading.Barrier(8)

        def worker(t: int) -> None:
            try:
                start.wait()
                for i in range(50):
                    store.append(make_record(t * 1000 + i))
            except BaseException as exc:  # collected, then asserted in the main thread
                errors.append(exc)

        threads = [threading.Thread(target=worker, args=(t,)) for t in range(8)]
        for th in threads:
            th.start()
        for th in threads:
            th.join()
        assert errors == []
        assert store.count() == 400
        result = store.verify()
    assert (result.ok, result.checked) == (True, 400)


def test_verify_is_consistent_while_another_connection_appends(tmp_path: Path) -> None:
    path = tmp_path / "audit.db"
    fill(path, 5)
    stop = threading.Event()

    def writer() -> None:
        with AuditStore(path) as other:  # its own connection, as another process would have
            i = 0
            while not stop.is_set():
                other.append(make_record(i))
                i += 1

    thread = threading.Thread(target=writer)
    thread.start()
    try:
        with AuditStore(path) as store:
            results = [store.verify() for _ in range(30)]
    finally:
        stop.set()
        thread.join()
    assert all(r.ok for r in results), [r.problem for r in results if not r.ok]
    assert results[-1].checked >= 5


def _process_worker(path: str, worker: int, n: int) -> None:
    with AuditStore(path) as store:
        for i in range(n):
            store.append(make_record(worker * 1000 + i, reason=f"proc-{worker}-{i}"))


def test_many_processes_append_to_one_file(tmp_path: Path) -> None:
    path = tmp_path / "audit.db"
    # No store is opened first: the processes race to create and migrate the file too.
    ctx = multiprocessing.get_context("spawn")
    procs = [ctx.Process(target=_process_worker, args=(str(path), w, 50)) for w in range(3)]
    for p in procs:
        p.start()
    for p in procs:
        p.join(timeout=120)
    assert [p.exitcode for p in procs] == [0, 0, 0]
    with AuditStore(path) as store:
        result = store.verify()
        reasons = {r.reason for r in store.iter_records()}
    assert (result.ok, result.checked) == (True, 150)
    assert reasons == {f"proc-{w}-{i}" for w in range(3) for i in range(50)}


# -- CLI -----------------------------------------------------------------------------------------


def make_cli() -> typer.Typer:
    app = typer.Typer()
    app.add_typer(audit_app, name="audit")
    return app


def test_cli_verify_ok_then_failed_after_tampering(tmp_path: Path) -> None:
    path = tmp_path / "audit.db"
    stored = fill(path, 3)
    runner = CliRunner()
    app = make_cli()

    ok = runner.invoke(app, ["audit", "verify", "--db", str(path)])
    assert ok.exit_code == 0, ok.output
    assert "OK: 3 records verified" in ok.stdout

    db_exec(
        path,
        "UPDATE audit_records SET body = replace(body, 'policy-rule-00001', 'policy-rule-0000X') "
        "WHERE id = ?",
        (stored[1].id,),
    )
    bad = runner.invoke(app, ["audit", "verify", "--db", str(path)])
    assert bad.exit_code == 1
    assert f"FAILED at record {stored[1].id}" in bad.stderr
    assert bad.stdout == ""


def test_cli_verify_missing_file_and_env_default(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    runner = CliRunner()
    app = make_cli()
    missing = runner.invoke(app, ["audit", "verify", "--db", str(tmp_path / "nope.db")])
    assert missing.exit_code == 2
    assert "not found" in missing.stderr
    assert not (tmp_path / "nope.db").exists()

    path = tmp_path / "env.db"
    fill(path, 2)
    monkeypatch.setenv("HYBRIDLLM_AUDIT_PATH", str(path))
    assert "OK: 2 records" in runner.invoke(app, ["audit", "verify"]).stdout

    monkeypatch.delenv("HYBRIDLLM_AUDIT_PATH")
    monkeypatch.chdir(tmp_path)
    assert runner.invoke(app, ["audit", "verify"]).exit_code == 2
    fill(tmp_path / "hybridllm-audit.db", 1)
    assert "OK: 1 records" in runner.invoke(app, ["audit", "verify"]).stdout


def test_cli_show_table_and_json(tmp_path: Path) -> None:
    path = tmp_path / "audit.db"
    stored = fill(path, 5)
    runner = CliRunner()
    app = make_cli()

    as_json = runner.invoke(app, ["audit", "show", "--db", str(path), "--limit", "2", "--json"])
    assert as_json.exit_code == 0, as_json.output
    lines = as_json.stdout.splitlines()
    assert [AuditRecord.model_validate_json(line) for line in lines] == stored[3:]

    wide = {"COLUMNS": "300"}  # rich folds cells at the default 80 columns
    table = runner.invoke(app, ["audit", "show", "--db", str(path), "-n", "3"], env=wide)
    assert table.exit_code == 0, table.output
    assert "policy-rule-00004" in table.stdout
    assert stored[4].id in table.stdout
    assert "policy-rule-00001" not in table.stdout

    narrow = runner.invoke(
        app, ["audit", "show", "--db", str(path), "-n", "1"], env={"COLUMNS": "80"}
    )
    assert narrow.exit_code == 0, narrow.output
    assert stored[4].id in narrow.stdout
    assert "policy-rule-00004" in narrow.stdout
    assert "policy-rule-00003" not in narrow.stdout


class _LockedAtFirst:
    """A sqlite3 connection whose first ``n`` statements answer "database is locked" at once,
    as SQLite does to a journal-mode change racing other processes' first open of a new file
    (no busy handler runs there: 4 of 900 opens failed so, six processes racing)."""

    def __init__(self, conn: sqlite3.Connection, n: int, message: str) -> None:
        self.conn, self.left, self.message, self.calls = conn, n, message, 0

    def execute(self, sql: str) -> sqlite3.Cursor:
        self.calls += 1
        if self.left:
            self.left -= 1
            raise sqlite3.OperationalError(self.message)
        return self.conn.execute(sql)


def test_wal_mode_is_retried_while_the_file_is_locked(tmp_path: Path) -> None:
    from hybridllm.audit._sqlite import _wal

    conn = sqlite3.connect(tmp_path / "audit.db", isolation_level=None)
    flaky = _LockedAtFirst(conn, 3, "database is locked")
    assert _wal(flaky, 5.0) == "wal"  # type: ignore[arg-type]
    assert flaky.calls == 4
    # any other error is no lock: raised at once
    broken = _LockedAtFirst(conn, 1, "disk I/O error")
    with pytest.raises(sqlite3.OperationalError, match="disk I/O"):
        _wal(broken, 5.0)  # type: ignore[arg-type]
    assert broken.calls == 1
    # a lock that outlasts the busy timeout is raised, not waited on for ever
    stuck = _LockedAtFirst(conn, 10**6, "database is locked")
    with pytest.raises(sqlite3.OperationalError, match="locked"):
        _wal(stuck, 0.2)  # type: ignore[arg-type]
    conn.close()
