"""Audit keys, signatures, checkpoints, retention and tampering by someone without the key.

Real SQLite files under ``tmp_path``; the attacker edits them with plain ``sqlite3``.
"""

from __future__ import annotations

import os
import sqlite3
import stat
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from tests.test_audit import db_exec, make_record

from hybridllm.audit import (
    AuditKey,
    AuditStore,
    Ed25519Signer,
    Ed25519Verifier,
    HmacSigner,
    canonical_json,
    compute_hash,
    find_audit_key,
    load_audit_key,
    policy_version,
    prompt_hmac,
    record_body,
)
from hybridllm.audit._sqlite import MIGRATIONS
from hybridllm.audit.keys import ENV_AUDIT_KEY, ENV_AUDIT_KEY_FILE
from hybridllm.audit.record import V2_FIELDS, V3_FIELDS, V4_FIELDS
from hybridllm.errors import AuditError
from hybridllm.models import AuditRecord

KEY = AuditKey(bytes(range(32)), source="test")


def signed_fill(
    path: Path, n: int, *, every: int = 1000, signer: object = None
) -> list[AuditRecord]:
    s = signer if signer is not None else HmacSigner(KEY)
    with AuditStore(path, signer=s, checkpoint_every=every) as store:  # type: ignore[arg-type]
        return [store.append(make_record(i)) for i in range(n)]


def rows(path: Path) -> list[tuple[int, str, str, str]]:
    conn = sqlite3.connect(path)
    try:
        return conn.execute("SELECT seq, id, body, sig FROM audit_records ORDER BY seq").fetchall()
    finally:
        conn.close()


def rewrite_from(path: Path, index: int, **changes: object) -> None:
    """What an attacker without the key can do: edit one record and recompute the whole chain."""
    conn = sqlite3.connect(path)
    try:
        with conn:
            all_rows = conn.execute("SELECT seq, body FROM audit_records ORDER BY seq").fetchall()
            prev = AuditRecord.model_validate_json(all_rows[index - 1][1]).hash if index else ""
            for i, (seq, body) in enumerate(all_rows[index:]):
                record = AuditRecord.model_validate_json(body)
                if i == 0:
                    record = record.model_copy(update=changes)
                record = record.model_copy(update={"prev_hash": prev})
                record = record.model_copy(update={"hash": compute_hash(prev, record)})
                conn.execute(
                    "UPDATE audit_records SET body = ?, prev_hash = ?, hash = ?, status = ?, "
                    "route = ? WHERE seq = ?",
                    (record_body(record), prev, record.hash, record.status, record.route, seq),
                )
                prev = record.hash
    finally:
        conn.close()


# -- keys ------------------------------------------------------------------------------------------


def test_key_file_is_created_private_and_reused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(ENV_AUDIT_KEY, raising=False)
    monkeypatch.setenv(ENV_AUDIT_KEY_FILE, str(tmp_path / "keys" / "audit.key"))
    assert find_audit_key() is None
    key = load_audit_key()
    path = tmp_path / "keys" / "audit.key"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert load_audit_key() == key
    assert find_audit_key() == key
    assert key.secret.hex() not in repr(key)
    assert len(key.key_id) == 16
    assert key.prompt_key != key.chain_key
    path.chmod(0o644)
    with pytest.raises(AuditError, match="chmod 600"):
        load_audit_key()


def test_key_from_env_and_explicit_file_wins(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(ENV_AUDIT_KEY, "ab" * 32)
    assert load_audit_key().secret == bytes.fromhex("ab" * 32)
    explicit = load_audit_key(tmp_path / "k")
    assert explicit.secret != bytes.fromhex("ab" * 32)
    monkeypatch.setenv(ENV_AUDIT_KEY, "too-short")
    with pytest.raises(AuditError, match="32\\+ bytes") as info:
        load_audit_key()
    assert "too-short" not in str(info.value)


def test_prompt_hmac_and_policy_version() -> None:
    a = prompt_hmac(KEY.prompt_key, ["Patient Jane Roe", "hi"])
    assert a == prompt_hmac(KEY.prompt_key, ["Patient Jane Roe", "hi"])
    assert a.startswith("hmac-sha256:")
    assert "Jane" not in a
    assert a != prompt_hmac(KEY.prompt_key, ["Patient Jane Ro", "ehi"])
    assert a != prompt_hmac(AuditKey.generate().prompt_key, ["Patient Jane Roe", "hi"])
    with pytest.raises(ValueError, match="16 bytes"):
        prompt_hmac(b"short", ["x"])
    v = policy_version({"PHI": "local", "PII": "redact"})
    assert v == policy_version({"PII": "redact", "PHI": "local"})
    assert v != policy_version({"PHI": "redact", "PII": "redact"})


def test_signers_round_trip_and_refuse_wrong_keys() -> None:
    hm = HmacSigner(KEY)
    sig = hm.sign(b"data")
    assert hm.check(b"data", sig) is None
    assert hm.check(b"datb", sig) == "signature does not match"
    assert "verifying with key" in (HmacSigner(AuditKey.generate()).check(b"data", sig) or "")
    assert hm.check(b"data", "") == "record is not signed"
    ed = Ed25519Signer.generate()
    esig = ed.sign(b"data")
    pub = Ed25519Verifier(ed._public)
    assert pub.check(b"data", esig) is None
    assert pub.check(b"other", esig) == "signature does not match"
    assert "verifying with hmac" in (hm.check(b"data", esig) or "")
    with pytest.raises(AuditError, match="only verify"):
        pub.sign(b"x")


def test_ed25519_keys_load_from_pem(tmp_path: Path) -> None:
    ed = Ed25519Signer.generate()
    (tmp_path / "priv.pem").write_bytes(ed.private_pem())
    (tmp_path / "pub.pem").write_bytes(ed.public_pem())
    again = Ed25519Signer.from_pem_private(tmp_path / "priv.pem")
    pub = Ed25519Verifier.from_pem(tmp_path / "pub.pem")
    assert again.key_id == pub.key_id == ed.key_id
    assert pub.check(b"m", again.sign(b"m")) is None
    with pytest.raises(AuditError, match="cannot load"):
        Ed25519Verifier.from_pem(tmp_path / "missing.pem")


# -- signed store ----------------------------------------------------------------------------------


def test_signed_store_verifies_with_checkpoints(tmp_path: Path) -> None:
    path = tmp_path / "a.db"
    stored = signed_fill(path, 25, every=10)
    with AuditStore(path, readonly=True) as store:
        chain_only = store.verify()
        keyed = store.verify(HmacSigner(KEY))
    assert chain_only.ok
    assert not chain_only.signatures_checked
    assert keyed.ok
    assert keyed.signatures_checked
    assert keyed.checked == 25
    assert keyed.checkpoints == 3  # at seq 10 and 20, and on close at 25
    assert keyed.unsigned_tail == 0
    assert keyed.head_hash == stored[-1].hash
    other = AuditStore(path, readonly=True)
    with other:
        wrong = other.verify(HmacSigner(AuditKey.generate()))
    assert not wrong.ok
    assert "verifying with key" in (wrong.problem or "")


def test_ed25519_signed_store_verifies_with_public_key_only(tmp_path: Path) -> None:
    ed = Ed25519Signer.generate()
    path = tmp_path / "a.db"
    stored = signed_fill(path, 5, signer=ed, every=2)
    with AuditStore(path, readonly=True) as store:
        assert store.verify(Ed25519Verifier(ed._public)).ok
    rewrite_from(path, 3, reason="nothing to see")
    with AuditStore(path, readonly=True) as store:
        result = store.verify(Ed25519Verifier(ed._public))
    assert (result.ok, result.first_bad_id) == (False, stored[3].id)


def test_rewrite_with_recomputed_chain_is_caught_only_with_the_key(tmp_path: Path) -> None:
    path = tmp_path / "a.db"
    stored = signed_fill(path, 12, every=5)
    rewrite_from(path, 7, route="local", reason="forged", locality="local")
    with AuditStore(path, readonly=True) as store:
        # Without the key, only the (unauthenticated) checkpoint at seq 10 disagrees...
        unkeyed = store.verify()
        result = store.verify(HmacSigner(KEY))
    assert (unkeyed.ok, unkeyed.first_bad_id) == (False, stored[9].id)
    # ...and with the key, the first rewritten record itself is named.
    assert not result.ok
    assert result.first_bad_id == stored[7].id
    assert "signature invalid" in (result.problem or "")
    assert result.checked == 7
    # An attacker who also drops the checkpoints fools the bare hash chain: that is what the
    # key is for.
    db_exec(path, "DELETE FROM audit_checkpoints")
    with AuditStore(path, readonly=True) as store:
        assert store.verify().ok
        assert not store.verify(HmacSigner(KEY)).ok


def test_rewrite_that_strips_signatures_is_caught(tmp_path: Path) -> None:
    path = tmp_path / "a.db"
    stored = signed_fill(path, 6, every=100)
    rewrite_from(path, 2, reason="forged")
    db_exec(path, "UPDATE audit_records SET sig = '' WHERE seq >= 3")
    with AuditStore(path, readonly=True) as store:
        result = store.verify(HmacSigner(KEY))
    assert (result.ok, result.first_bad_id) == (False, stored[2].id)
    assert "not signed" in (result.problem or "")


def test_reordered_pair_is_detected_and_named(tmp_path: Path) -> None:
    path = tmp_path / "a.db"
    stored = signed_fill(path, 6)
    # swap rows at seq 3 and 4 (record 2 and 3) through a free seq value
    db_exec(path, "UPDATE audit_records SET seq = 100 WHERE seq = 3")
    db_exec(path, "UPDATE audit_records SET seq = 3 WHERE seq = 4")
    db_exec(path, "UPDATE audit_records SET seq = 4 WHERE seq = 100")
    with AuditStore(path, readonly=True) as store:
        result = store.verify(HmacSigner(KEY))
    assert (result.ok, result.first_bad_id) == (False, stored[3].id)
    assert "prev_hash does not link" in (result.problem or "")


def test_signed_byte_flip_and_deletion_are_named(tmp_path: Path) -> None:
    path = tmp_path / "a.db"
    stored = signed_fill(path, 8)
    db_exec(
        path,
        "UPDATE audit_records SET body = replace(body, 'policy-rule-00005', 'policy-rule-00006') "
        "WHERE seq = 6",
    )
    with AuditStore(path, readonly=True) as store:
        result = store.verify(HmacSigner(KEY))
    assert (result.ok, result.first_bad_id) == (False, stored[5].id)
    path2 = tmp_path / "b.db"
    stored2 = signed_fill(path2, 8)
    db_exec(path2, "DELETE FROM audit_records WHERE seq = 4")
    with AuditStore(path2, readonly=True) as store:
        result = store.verify(HmacSigner(KEY))
    assert (result.ok, result.first_bad_id) == (False, stored2[4].id)
    assert "gap" in (result.problem or "")


def test_truncation_below_a_checkpoint_is_detected_even_with_sequence_reset(
    tmp_path: Path,
) -> None:
    path = tmp_path / "a.db"
    stored = signed_fill(path, 10, every=5)  # checkpoints at 5 and at close (10)
    db_exec(path, "DELETE FROM audit_records WHERE seq > 7")
    db_exec(path, "UPDATE sqlite_sequence SET seq = 7 WHERE name = 'audit_records'")
    with AuditStore(path, readonly=True) as store:
        result = store.verify(HmacSigner(KEY))
    assert (result.ok, result.first_bad_id) == (False, stored[6].id)
    assert "checkpoint #2 covers seq 10" in (result.problem or "")


def test_checkpoint_tampering_is_detected(tmp_path: Path) -> None:
    path = tmp_path / "a.db"
    signed_fill(path, 10, every=3)
    db_exec(path, "DELETE FROM audit_checkpoints WHERE n = 2")
    with AuditStore(path, readonly=True) as store:
        result = store.verify(HmacSigner(KEY))
    assert not result.ok
    assert "checkpoint #2 is missing" in (result.problem or "")
    path2 = tmp_path / "b.db"
    signed_fill(path2, 4, every=2)
    db_exec(path2, "UPDATE audit_checkpoints SET body = replace(body, '\"seq\":2', '\"seq\":3')")
    with AuditStore(path2, readonly=True) as store:
        assert not store.verify(HmacSigner(KEY)).ok


def test_manual_checkpoint_needs_a_signer(tmp_path: Path) -> None:
    with AuditStore(tmp_path / "a.db") as store:
        store.append(make_record(1))
        with pytest.raises(AuditError, match="must be signed"):
            store.checkpoint()
    with AuditStore(tmp_path / "b.db", signer=HmacSigner(KEY)) as store:
        assert store.checkpoint() == 0
        store.append(make_record(1))
        assert store.checkpoint() == 1
        assert store.verify().checkpoints == 1


# -- retention -------------------------------------------------------------------------------------


def _aged(n: int, days_ago: float) -> AuditRecord:
    ts = (datetime.now(UTC) - timedelta(days=days_ago)).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    return make_record(n).model_copy(update={"ts": ts})


def test_purge_keeps_the_rest_verifiable_from_a_signed_cut(tmp_path: Path) -> None:
    path = tmp_path / "a.db"
    with AuditStore(path, signer=HmacSigner(KEY), checkpoint_every=4) as store:
        old = [store.append(_aged(i, 40 - i)) for i in range(10)]  # 40..31 days ago
        new = [store.append(_aged(i, 5)) for i in range(10, 13)]
        result = store.purge(timedelta(days=30))
        assert (result.removed, result.cut_seq) == (10, 10)
        assert store.count() == 3
        assert store.purge(timedelta(days=30)).removed == 0
        after = store.append(_aged(13, 0))
        check = store.verify()
    assert check.ok, check.problem
    assert check.purged_through == 10
    assert check.checked == 4
    assert after.prev_hash == new[-1].hash
    assert old[-1].hash == new[0].prev_hash
    with AuditStore(path, readonly=True) as store:
        assert not store.verify(HmacSigner(AuditKey.generate())).ok


def test_purge_everything_then_append_links_to_the_cut(tmp_path: Path) -> None:
    path = tmp_path / "a.db"
    with AuditStore(path, signer=HmacSigner(KEY)) as store:
        old = [store.append(_aged(i, 100)) for i in range(3)]
        assert store.purge(timedelta(days=1)).removed == 3
        assert store.verify().ok
        fresh = store.append(make_record(9))
        assert fresh.prev_hash == old[-1].hash
        assert store.verify().ok


def test_purge_requires_a_signer_and_a_forged_cut_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "a.db"
    with AuditStore(path) as store, pytest.raises(AuditError, match="must be signed"):
        store.purge(timedelta(days=1))
    stored = signed_fill(path, 6)
    # Deleting the head without the key: no valid cut, so the gap shows.
    db_exec(path, "DELETE FROM audit_records WHERE seq <= 2")
    with AuditStore(path, readonly=True) as store:
        result = store.verify(HmacSigner(KEY))
    assert (result.ok, result.first_bad_id) == (False, stored[2].id)
    with (
        AuditStore(path, signer=HmacSigner(KEY)) as store,
        pytest.raises(AuditError, match="aware"),
    ):
        store.purge(datetime(2020, 1, 1))


# -- schema versions -------------------------------------------------------------------------------


def test_version_1_file_is_migrated_and_old_records_still_verify(tmp_path: Path) -> None:
    path = tmp_path / "v1.db"
    conn = sqlite3.connect(path)
    v1 = make_record(1).model_copy(update={"schema_version": 1})
    data = v1.model_dump(mode="json")
    for name in V2_FIELDS | V3_FIELDS | V4_FIELDS:  # a v1 body has none of the later fields
        data.pop(name)
    data["prev_hash"] = ""
    data.pop("hash")
    h = __import__("hashlib").sha256(canonical_json(data).encode()).hexdigest()
    data["hash"] = h
    try:
        for statement in MIGRATIONS[0]:
            conn.execute(statement)
        conn.execute("PRAGMA user_version = 1")
        conn.execute(
            "INSERT INTO audit_records (id, ts, status, route, prev_hash, hash, body) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            (v1.id, v1.ts, v1.status, v1.route, "", h, canonical_json(data)),
        )
        conn.commit()
    finally:
        conn.close()
    with AuditStore(path, readonly=True) as ro:
        assert ro.verify().ok  # read as version 1, not migrated
    with AuditStore(path) as store:
        assert store.get(v1.id) is not None
        assert store.get(v1.id).schema_version == 1  # type: ignore[union-attr]
        new = store.append(make_record(2))
        assert new.schema_version == 4
        assert store.verify().ok
    assert os.path.getsize(path) > 0
