"""Tamper evidence that survives a rollback: a witness outside the store, heads, exit codes.

Every attack here leaves a log that is internally valid (hash chain, signatures and checkpoint
chain all consistent): the newest checkpoint deleted, the tail after it cut off, the whole log
replaced by an empty one. Only something kept outside the store can show it, which is what the
witness file, ``--expect-head`` and ``--min-records`` are.
"""

from __future__ import annotations

import json
import sqlite3
import time
from pathlib import Path

import pytest
from tests.test_audit import db_exec, make_record
from typer.testing import CliRunner

from hybridllm.audit import AuditKey, AuditStore, HmacSigner
from hybridllm.audit.keys import ENV_AUDIT_KEY
from hybridllm.audit.witness import Anchors, read_witness
from hybridllm.cli.audit import audit_app

KEY_HEX = "33" * 32
SIGNER = HmacSigner(AuditKey(bytes.fromhex(KEY_HEX)))


@pytest.fixture(autouse=True)
def _key(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(ENV_AUDIT_KEY, KEY_HEX)


def _fill(db: Path, witness: Path, n: int, every: int = 10) -> AuditStore:
    store = AuditStore(db, signer=SIGNER, checkpoint_every=every, witness=witness)
    for i in range(n):
        store.append(make_record(i))
    return store


def _verify(*args: str) -> tuple[int, str]:
    out = CliRunner().invoke(audit_app, ["verify", *args])
    return out.exit_code, out.output


def test_witness_gets_every_checkpoint_and_a_clean_log_verifies(tmp_path: Path) -> None:
    db, witness = tmp_path / "a.db", tmp_path / "elsewhere" / "witness.jsonl"
    with _fill(db, witness, 25) as store:
        head = store.tail(1)[0]
    entries = read_witness(witness)
    assert [(e.n, e.seq) for e in entries] == [(1, 10), (2, 20), (3, 25)]  # periodic + close
    assert entries[-1].hash == head.hash
    code, out = _verify("--db", str(db), "--witness", str(witness))
    assert code == 0, out
    assert "3 witnessed checkpoint(s) match" in out
    assert f"head: seq 25 hash {head.hash}" in out


def test_deleting_the_newest_checkpoint_fails_only_against_the_witness(tmp_path: Path) -> None:
    db, witness = tmp_path / "a.db", tmp_path / "w" / "witness.jsonl"
    _fill(db, witness, 25).close()
    # Cut the log back to checkpoint #2: its records, then the checkpoint that pinned them.
    db_exec(db, "DELETE FROM audit_records WHERE seq > 20")
    db_exec(db, "DELETE FROM audit_checkpoints WHERE n = 3")
    db_exec(db, "UPDATE sqlite_sequence SET seq = 20 WHERE name = 'audit_records'")
    db_exec(db, "UPDATE sqlite_sequence SET seq = 2 WHERE name = 'audit_checkpoints'")
    code, out = _verify("--db", str(db))
    assert code == 0  # internally consistent: the store alone cannot show it
    code, out = _verify("--db", str(db), "--witness", str(witness))
    assert code == 1
    assert "rolled back" in out
    assert "#3" in out


def test_wiped_or_replaced_log_fails_against_witness_and_min_records(tmp_path: Path) -> None:
    db, witness = tmp_path / "a.db", tmp_path / "w" / "witness.jsonl"
    _fill(db, witness, 12).close()
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    AuditStore(db, signer=SIGNER).close()  # a fresh, empty, perfectly valid log
    assert _verify("--db", str(db))[0] == 0  # "OK: 0 records" is all the store can say
    code, out = _verify("--db", str(db), "--witness", str(witness))
    assert code == 1
    assert "rolled back" in out
    code, out = _verify("--db", str(db), "--min-records", "12")
    assert code == 1
    assert "expected at least 12" in out


def test_truncated_tail_fails_against_expect_head_and_min_records(tmp_path: Path) -> None:
    db, witness = tmp_path / "a.db", tmp_path / "w" / "witness.jsonl"
    store = _fill(db, witness, 15)  # checkpoint #1 at 10; 5 records after it, not yet pinned
    result = store.verify()
    head, count = result.head_hash, result.head_seq
    store._conn.close()
    store._conn = None
    assert (count, len(read_witness(witness))) == (15, 1)
    db_exec(db, "DELETE FROM audit_records WHERE seq > 11")
    db_exec(db, "UPDATE sqlite_sequence SET seq = 11 WHERE name = 'audit_records'")
    assert _verify("--db", str(db), "--witness", str(witness))[0] == 0  # the witness lags...
    code, out = _verify("--db", str(db), "--expect-head", head)  # ...a kept head does not
    assert code == 1
    assert "expected head" in out
    code, out = _verify("--db", str(db), "--min-records", str(count))
    assert code == 1
    with AuditStore(db, readonly=True) as ro:  # and a head still in the log passes
        kept = ro.tail(2)[0].hash
        assert ro.verify(SIGNER, Anchors(expect_head=kept, min_records=11)).ok


def test_checkpoint_on_time_bounds_the_unpinned_tail(tmp_path: Path) -> None:
    db, witness = tmp_path / "a.db", tmp_path / "w" / "witness.jsonl"
    store = AuditStore(
        db, signer=SIGNER, checkpoint_every=1000, checkpoint_interval=0.2, witness=witness
    )
    store.append(make_record(1))
    assert not witness.exists()  # nothing pinned yet
    time.sleep(0.3)
    store.append(make_record(2))  # the interval passed: this append is pinned and witnessed
    (entry,) = read_witness(witness)
    assert entry.seq == 2
    store.append(make_record(3))  # right after: not yet
    assert len(read_witness(witness)) == 1
    store.close()


def test_changed_or_forged_witness_entry_fails(tmp_path: Path) -> None:
    db, witness = tmp_path / "a.db", tmp_path / "w" / "witness.jsonl"
    _fill(db, witness, 10).close()
    line = json.loads(witness.read_text().splitlines()[0])
    body = json.loads(line["body"])
    body["seq"] = 9
    forged = json.dumps({"body": json.dumps(body, separators=(",", ":")), "sig": line["sig"]})
    witness.write_text(forged + "\n")
    code, out = _verify("--db", str(db), "--witness", str(witness))
    assert code == 1
    assert "not validly signed" in out


def test_missing_witness_file_is_a_failure_not_a_pass(tmp_path: Path) -> None:
    db = tmp_path / "a.db"
    _fill(db, tmp_path / "w.jsonl", 3).close()
    code, out = _verify("--db", str(db), "--witness", str(tmp_path / "gone.jsonl"))
    assert code == 1
    assert "witness file not found" in out


def test_exit_codes_tampered_vs_not_an_audit_db(tmp_path: Path) -> None:
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"this is not a database, just bytes" * 100)
    code, out = _verify("--db", str(junk))
    assert code == 2
    assert "not a hybridllm audit database" in out
    other = tmp_path / "other.db"
    conn = sqlite3.connect(other)
    conn.execute("CREATE TABLE t (x)")
    conn.close()
    assert _verify("--db", str(other))[0] == 2  # SQLite, but not ours
    assert _verify("--db", str(tmp_path / "missing.db"))[0] == 2
    db = tmp_path / "a.db"
    _fill(db, tmp_path / "w.jsonl", 3).close()
    db_exec(db, "UPDATE audit_records SET body = replace(body, 'policy', 'polixy') WHERE seq = 2")
    code, out = _verify("--db", str(db))
    assert code == 1  # tampered
    assert "FAILED" in out


def test_group_commit_batches_concurrent_appends_and_keeps_one_chain(tmp_path: Path) -> None:
    import threading

    store = AuditStore(tmp_path / "a.db", signer=SIGNER, checkpoint_every=50, sync="full")
    start = threading.Barrier(8)

    def writer() -> None:
        start.wait()
        for i in range(40):
            store.append(make_record(i))

    threads = [threading.Thread(target=writer) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert store.count() == 320
    assert store.commits < 320  # appends that queued behind a commit shared the next one
    result = store.verify()
    assert result.ok, result.problem
    assert result.checkpoints >= 1
    store.close()
