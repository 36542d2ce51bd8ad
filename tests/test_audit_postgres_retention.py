"""Retention purges and signed checkpoints in the PostgreSQL audit log, per instance chain.

Runs against the throwaway loopback cluster of :mod:`tests.test_audit_postgres`; tampering is done
with plain SQL, the way someone with database access but without the audit key would do it.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from tests.test_audit import make_record
from tests.test_audit_postgres import _sql, postgres_dsn  # noqa: F401 - the session's cluster
from typer.testing import CliRunner

from hybridllm.audit import AuditKey, HmacSigner, canonical_json
from hybridllm.audit.keys import ENV_AUDIT_KEY, ENV_AUDIT_KEY_FILE
from hybridllm.audit.postgres import PostgresSink
from hybridllm.audit.verify import checkpoint_message
from hybridllm.cli.audit import audit_app
from hybridllm.errors import AuditError
from hybridllm.models import AuditRecord

KEY_HEX = "44" * 32
KEY = AuditKey(bytes.fromhex(KEY_HEX))
TABLES = "hybridllm_audit, hybridllm_audit_heads, hybridllm_audit_checkpoints"

runner = CliRunner()


@pytest.fixture
def pg(postgres_dsn: str) -> Iterator[str]:  # noqa: F811 - the imported session fixture
    """The session's PostgreSQL with no audit tables, and none left behind for later tests."""
    _sql(postgres_dsn, f"DROP TABLE IF EXISTS {TABLES}")
    yield postgres_dsn
    _sql(postgres_dsn, f"DROP TABLE IF EXISTS {TABLES}")


@pytest.fixture(autouse=True)
def keyed_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv(ENV_AUDIT_KEY, KEY_HEX)
    monkeypatch.setenv(ENV_AUDIT_KEY_FILE, str(tmp_path / "no-such.key"))
    monkeypatch.setenv("COLUMNS", "200")
    monkeypatch.delenv("HYBRIDLLM_AUDIT_POSTGRES_DSN", raising=False)
    monkeypatch.delenv("HYBRIDLLM_CONFIG", raising=False)
    monkeypatch.chdir(tmp_path)


def aged(n: int, days_ago: float) -> AuditRecord:
    ts = (datetime.now(UTC) - timedelta(days=days_ago)).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    return make_record(n).model_copy(update={"ts": ts})


def sink(dsn: str, instance: str, **kwargs: object) -> PostgresSink:
    return PostgresSink(dsn, instance=instance, signer=HmacSigner(KEY), **kwargs)  # type: ignore[arg-type]


def invoke(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(audit_app, list(args))
    return result.exit_code, result.stdout, result.stderr


def execute(dsn: str, sql: str, *params: object) -> None:
    import psycopg

    with psycopg.connect(dsn, autocommit=True) as conn:
        conn.execute(sql, params)  # type: ignore[arg-type]


def stored_ids(dsn: str, instance: str) -> list[str]:
    import psycopg

    with psycopg.connect(dsn, autocommit=True) as conn:
        rows = conn.execute(
            "SELECT id FROM hybridllm_audit WHERE instance = %s ORDER BY seq", (instance,)
        ).fetchall()
    return [str(r[0]) for r in rows]


def fill_two_instances(dsn: str) -> dict[str, tuple[list[AuditRecord], list[AuditRecord]]]:
    """web-1: 6 records 40..35 days old, then 3 of 5 days; web-2: 4 old, 2 new, interleaved."""
    with sink(dsn, "web-1") as a, sink(dsn, "web-2") as b:
        old_a, old_b = [], []
        for i in range(6):
            old_a.append(a.append(aged(i, 40 - i)))
            if i < 4:
                old_b.append(b.append(aged(100 + i, 39 - i)))
        new_a = [a.append(aged(10 + i, 5)) for i in range(3)]
        new_b = [b.append(aged(110 + i, 4)) for i in range(2)]
    return {"web-1": (old_a, new_a), "web-2": (old_b, new_b)}


def test_purge_removes_old_records_per_instance_and_the_rest_verifies(pg: str) -> None:
    chains = fill_two_instances(pg)
    code, out, err = invoke("purge", "--older-than-days", "30", "--postgres", pg)
    assert code == 0, err
    assert "web-1: removed 6 record(s); cut after seq 6" in out
    assert "web-2: removed 4 record(s); cut after seq 4" in out
    for name, (old, new) in chains.items():
        assert stored_ids(pg, name) == [r.id for r in new]
        assert not set(stored_ids(pg, name)) & {r.id for r in old}

    with sink(pg, "web-1") as a:
        results = a.verify_all()
        assert {
            k: (v.ok, v.checked, v.purged_through, v.checkpoints) for k, v in results.items()
        } == {
            "web-1": (True, 3, 6, 1),
            "web-2": (True, 2, 4, 1),
        }
        # A second purge finds nothing older; the chain goes on from the kept head.
        assert a.purge(timedelta(days=30)).removed == 0
        after = a.append(aged(20, 0))
        assert after.prev_hash == chains["web-1"][1][-1].hash
        assert a.verify().ok
        # The first kept record links to the last removed one: the cut's hash.
        assert chains["web-1"][1][0].prev_hash == chains["web-1"][0][-1].hash
        assert not a.verify(signer=HmacSigner(AuditKey.generate())).ok

    code, out, err = invoke("verify", "--postgres", pg)
    assert code == 0, err
    assert "web-1: 4 records verified (chain and signatures, 1 signed checkpoint(s), " in out
    assert "retention cut after seq 6" in out
    assert "web-2: 2 records verified" in out


def test_purge_of_everything_then_append_links_to_the_cut(pg: str) -> None:
    with sink(pg, "solo") as s:
        old = [s.append(aged(i, 100)) for i in range(3)]
        result = s.purge(timedelta(days=1))
        assert (result.removed, result.cut_seq) == (3, 3)
        assert stored_ids(pg, "solo") == []
        assert s.verify().ok
        assert s.checkpoint() == 0  # nothing left to pin
        fresh = s.append(make_record(9))
        assert fresh.prev_hash == old[-1].hash
        check = s.verify()
    assert (check.ok, check.checked, check.purged_through) == (True, 1, 3), check.problem


def test_deleting_a_record_the_cut_does_not_cover_is_named(pg: str) -> None:
    chains = fill_two_instances(pg)
    with sink(pg, "web-1") as a:
        a.purge(timedelta(days=30), "web-1")
        a.purge(timedelta(days=30), "web-2")
        kept_a, kept_b = chains["web-1"][1], chains["web-2"][1]
        # The first record after the cut: the cut does not cover it, so its loss shows.
        _sql(pg, "DELETE FROM hybridllm_audit WHERE instance = 'web-1' AND seq = 7")
        result = a.verify("web-1")
        assert (result.ok, result.first_bad_id) == (False, kept_a[1].id)
        assert "sequence gap: seq 8 follows 6" in (result.problem or "")
        assert a.verify("web-2").ok  # the other chain is untouched
        _sql(pg, "DELETE FROM hybridllm_audit WHERE instance = 'web-2' AND seq = 6")
        result = a.verify("web-2")
        assert (result.ok, result.first_bad_id) == (False, kept_b[0].id)
        assert "truncated" in (result.problem or "")
    code, _, err = invoke("verify", "--postgres", pg)
    assert code == 1
    assert f"FAILED (web-1) at record {kept_a[1].id}: sequence gap" in err


def test_a_tampered_or_forged_cut_is_refused(pg: str) -> None:
    chains = fill_two_instances(pg)
    with sink(pg, "web-1") as a:
        assert a.purge(timedelta(days=30)).cut_seq == 6
        assert a.verify().ok
        # Move the cut forward to hide the first kept record: the signature no longer matches.
        _sql(
            pg,
            "UPDATE hybridllm_audit_checkpoints SET seq = 7, "
            "body = replace(body, '\"seq\":6', '\"seq\":7') WHERE instance = 'web-1'",
        )
        _sql(pg, "DELETE FROM hybridllm_audit WHERE instance = 'web-1' AND seq = 7")
        result = a.verify()
        assert not result.ok
        assert "checkpoint #1 signature invalid" in (result.problem or "")

        # Without the key, a cut made up to cover a deletion in web-2 has no valid signature.
        old_b = chains["web-2"][0]
        _sql(pg, "DELETE FROM hybridllm_audit WHERE instance = 'web-2' AND seq <= 2")
        assert a.verify("web-2").first_bad_id == old_b[2].id  # the gap shows without a cut
        body = canonical_json(
            {
                "n": 1,
                "kind": "cut",
                "seq": 2,
                "record_id": old_b[1].id,
                "hash": old_b[1].hash,
                "ts": "2026-01-01T00:00:00.000000Z",
                "prev_sig": "",
                "instance": "web-2",
            }
        )
        execute(
            pg,
            "INSERT INTO hybridllm_audit_checkpoints (instance, n, kind, seq, body, sig) "
            "VALUES ('web-2', 1, 'cut', 2, %s, %s)",
            body,
            HmacSigner(AuditKey.generate()).sign(checkpoint_message(body)),
        )
        forged = a.verify("web-2")
        assert (forged.ok, forged.first_bad_id) == (False, old_b[1].id)
        assert "checkpoint #1 signature invalid" in (forged.problem or "")


def test_cut_copied_from_another_instance_is_refused(pg: str) -> None:
    chains = fill_two_instances(pg)
    with sink(pg, "web-1") as a:
        a.purge(timedelta(days=30), "web-1")
        _sql(pg, "DELETE FROM hybridllm_audit WHERE instance = 'web-2' AND seq <= 4")
        _sql(
            pg,
            "INSERT INTO hybridllm_audit_checkpoints (instance, n, kind, seq, body, sig) "
            "SELECT 'web-2', n, kind, seq, body, sig FROM hybridllm_audit_checkpoints "
            "WHERE instance = 'web-1'",
        )
        result = a.verify("web-2")
    assert not result.ok
    assert "belongs to another instance's chain" in (result.problem or "")
    assert result.first_bad_id == chains["web-1"][0][-1].id


def test_checkpoint_then_cutting_off_the_newest_record_is_truncation(pg: str) -> None:
    for name in ("pinned", "unpinned"):
        with sink(pg, name) as s:
            for i in range(5):
                s.append(make_record(i))
    code, out, err = invoke("checkpoint", "--postgres", pg, "--instance", "pinned")
    assert code == 0, err
    assert out.strip() == "pinned: signed checkpoint at seq 5"
    # Delete the newest record and rewind the head row to match, in both chains.
    for name in ("pinned", "unpinned"):
        execute(pg, "DELETE FROM hybridllm_audit WHERE instance = %s AND seq = 5", name)
        execute(
            pg,
            "UPDATE hybridllm_audit_heads SET seq = 4, hash = (SELECT hash FROM hybridllm_audit "
            "WHERE instance = %s AND seq = 4) WHERE instance = %s",
            name,
            name,
        )
    with sink(pg, "pinned") as s:
        pinned, unpinned = s.verify("pinned"), s.verify("unpinned")
    assert not pinned.ok
    assert "log truncated: signed checkpoint #1 covers seq 5 but the log ends at seq 4" in (
        pinned.problem or ""
    )
    # Without a checkpoint the same cut-off cannot be seen: what the checkpoint is for.
    assert (unpinned.ok, unpinned.checked, unpinned.unsigned_tail) == (True, 4, 4)
    code, _, err = invoke("verify", "--postgres", pg)
    assert code == 1
    assert "FAILED (pinned)" in err
    # A checkpoint is refused where the head row and the newest record disagree.
    _sql(pg, "UPDATE hybridllm_audit_heads SET seq = 7 WHERE instance = 'unpinned'")
    code, _, err = invoke("checkpoint", "--postgres", pg, "--instance", "unpinned")
    assert code == 1
    assert "the newest record is seq 4 but the chain head is seq 7" in err


def test_periodic_and_close_checkpoints(pg: str) -> None:
    with sink(pg, "web-1", checkpoint_every=3) as s:
        stored = [s.append(make_record(i)) for i in range(7)]
    with sink(pg, "web-1") as s:
        result = s.verify()
        assert (result.ok, result.checkpoints, result.unsigned_tail) == (True, 3, 0)
        # Rewriting a pinned record with a recomputed chain is caught by the checkpoint.
        _sql(pg, "UPDATE hybridllm_audit_checkpoints SET sig = 'x' WHERE n = 2")
        bad = s.verify()
    assert not bad.ok
    assert bad.first_bad_id == stored[5].id
    assert "checkpoint #2 signature invalid" in (bad.problem or "")


def test_a_purge_that_fails_midway_changes_nothing(pg: str) -> None:
    chains = fill_two_instances(pg)
    # The DELETE fails after the cut checkpoint was inserted in the same transaction.
    _sql(
        pg,
        "CREATE FUNCTION refuse_delete() RETURNS trigger LANGUAGE plpgsql AS "
        "$$ BEGIN RAISE EXCEPTION 'deletion refused'; END $$",
    )
    _sql(
        pg,
        "CREATE TRIGGER refuse BEFORE DELETE ON hybridllm_audit "
        "FOR EACH ROW EXECUTE FUNCTION refuse_delete()",
    )
    try:
        with sink(pg, "web-1") as a:
            with pytest.raises(AuditError, match="deletion refused"):
                a.purge(timedelta(days=30))
            before = [r.id for r in [*chains["web-1"][0], *chains["web-1"][1]]]
            assert stored_ids(pg, "web-1") == before
            result = a.verify()
            assert (result.ok, result.checkpoints, result.purged_through) == (True, 0, 0)
        code, _, err = invoke("purge", "--older-than-days", "30", "--postgres", pg)
        assert code == 1
        assert "FAILED (web-1): cannot purge audit records of web-1" in err
    finally:
        _sql(pg, "DROP TRIGGER refuse ON hybridllm_audit")
        _sql(pg, "DROP FUNCTION refuse_delete()")
    code, _, err = invoke("purge", "--older-than-days", "30", "--postgres", pg)
    assert code == 0, err
    assert stored_ids(pg, "web-1") == [r.id for r in chains["web-1"][1]]


def test_purge_and_checkpoint_need_the_key(pg: str, monkeypatch: pytest.MonkeyPatch) -> None:
    fill_two_instances(pg)
    with PostgresSink(pg, instance="web-1") as unsigned:
        with pytest.raises(AuditError, match="must be signed"):
            unsigned.purge(timedelta(days=30))
        with pytest.raises(AuditError, match="must be signed"):
            unsigned.checkpoint()
        with sink(pg, "web-1") as keyed, pytest.raises(AuditError, match="aware"):
            keyed.purge(datetime(2020, 1, 1))
    code, _, err = invoke("purge", "--older-than-days", "1", "--postgres", pg, "--db", "x.db")
    assert (code, "not both" in err) == (2, True)
    code, _, err = invoke("checkpoint", "--postgres", pg, "--instance", "nope")
    assert (code, "No chain for instance 'nope'" in err) == (2, True)
    monkeypatch.delenv(ENV_AUDIT_KEY)
    code, _, err = invoke("purge", "--older-than-days", "30", "--postgres", pg)
    assert (code, "No audit key found" in err) == (1, True)
    assert len(stored_ids(pg, "web-1")) == 9
