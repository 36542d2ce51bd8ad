"""Invariant 9 with the intent's fsync overlapped (issue 16: per-call overhead).

The intent record is committed before the SDK builds the request and fsync'd on a background
thread meanwhile (``AuditStore.append_early``); the adapter's HTTP client waits for that fsync
right before the request leaves. These tests make the fsync of the WAL slow (or fail) at the
OS boundary (``os.fdatasync``) and watch the real wire: the official ``openai`` SDK against a
loopback server, real SQLite, the real classifier.
"""

from __future__ import annotations

import errno
import os
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from tests.helpers import AWS_KEY, EMAIL, make_client

import hybridllm
from hybridllm.audit import AuditStore
from hybridllm.audit._sync import DONE
from hybridllm.models import AuditRecord
from hybridllm.testing import SplittingServer

SENSITIVE = f"Write to {EMAIL} about the key {AWS_KEY}."
SLOW_SYNC_S = 0.3


def _client(server: SplittingServer, path: Path) -> Any:
    client = make_client(local_url=server.base_url, cloud_url=server.base_url, audit_path=path)
    client.warm_up(wait_for_ner=False)
    client.audit.sync_overlap = True  # overlap whatever the sync costs on this disk
    return client


def _is_wal(fd: int) -> bool:
    try:
        return os.readlink(f"/proc/self/fd/{fd}").endswith("-wal")
    except OSError:
        return False


def _watch_fsync(
    monkeypatch: pytest.MonkeyPatch, server: SplittingServer, *, fail: bool = False
) -> list[tuple[str, int]]:
    """Make every fdatasync of a WAL slow (or fail); note the thread that ran it and how many
    requests the server had received when it returned."""
    real: Callable[[int], None] = os.fdatasync
    seen: list[tuple[str, int]] = []

    def fdatasync(fd: int) -> None:
        if not _is_wal(fd):
            real(fd)
            return
        time.sleep(SLOW_SYNC_S)
        if fail:
            seen.append((threading.current_thread().name, len(server.requests)))
            raise OSError(errno.EIO, "Input/output error")
        real(fd)
        seen.append((threading.current_thread().name, len(server.requests)))

    monkeypatch.setattr(os, "fdatasync", fdatasync)
    return seen


def _records(path: Path) -> list[AuditRecord]:
    with AuditStore(path, readonly=True) as store:
        return list(store.iter_records())


def test_request_leaves_only_after_the_overlapped_fsync(
    server: SplittingServer, tmp_audit_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with _client(server, tmp_audit_path) as client:
        seen = _watch_fsync(monkeypatch, server)
        for n in range(3):
            result = client.complete(SENSITIVE, max_tokens=8)
            # the WAL's fsync ran on the sync thread and returned before request n+1 arrived
            assert seen[-1] == ("hybridllm-audit-sync", n)
            assert len(server.requests) == n + 1
        client.flush_audit()
    records = _records(tmp_audit_path)
    assert [r.status for r in records] == ["intent", "ok"] * 3
    assert records[-1].id == result.audit_id
    assert EMAIL not in server.bodies_text()


def test_adapter_without_the_hook_waits_before_calling(
    server: SplittingServer, tmp_audit_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with _client(server, tmp_audit_path) as client:
        client._adapter("cloud").gates_send = False  # as an adapter whose client has no hook
        seen = _watch_fsync(monkeypatch, server)
        client.complete(SENSITIVE, max_tokens=8)
        assert seen == [("hybridllm-audit-sync", 0)]
        assert len(server.requests) == 1


def test_failed_fsync_sends_nothing_and_raises_audit_error(
    server: SplittingServer, tmp_audit_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with _client(server, tmp_audit_path) as client:
        seen = _watch_fsync(monkeypatch, server, fail=True)
        t = time.monotonic()
        with pytest.raises(hybridllm.AuditError):
            client.complete(SENSITIVE, max_tokens=8)
        assert time.monotonic() - t < 5  # no retries with backoff, no failover
        assert seen == [("hybridllm-audit-sync", 0)]
        assert server.requests == []  # neither the cloud target nor the local fallback
        monkeypatch.undo()
        # The store no longer trusts its WAL syncs: the next intent is committed FULL
        # (SQLite's own fsync), and calls go on.
        client.complete(SENSITIVE, max_tokens=8)
        assert len(server.requests) == 1
        client.flush_audit()
    statuses = [r.status for r in _records(tmp_audit_path)]
    # the first intent was committed but never made durable: an intent without an outcome,
    # as after a crash (it shows as open), never a call without a record
    assert statuses == ["intent", "intent", "ok"]


def test_append_early_is_visible_at_once_and_durable_after_wait(tmp_path: Path) -> None:
    from hybridllm.audit.keys import AuditKey, HmacSigner
    from hybridllm.audit.record import new_record_id, utc_now_iso

    def intent() -> AuditRecord:
        return AuditRecord(
            id=new_record_id(), ts=utc_now_iso(), status="intent", route="cloud", reason="r"
        )

    with AuditStore(tmp_path / "a.db", signer=HmacSigner(AuditKey.generate()), sync="intent") as s:
        s.sync_overlap = True
        stored, durable = s.append_early(intent())
        assert durable is not DONE
        durable.wait()
        assert durable.done
        with AuditStore(tmp_path / "a.db", readonly=True) as reader:
            assert reader.get(stored.id) == stored
        s.sync_overlap = False
        _, durable = s.append_early(intent())
        assert durable is DONE  # committed FULL: nothing to wait for
        assert s.verify().ok


def test_the_cheaper_way_is_chosen_and_the_other_probed_less_and_less(tmp_path: Path) -> None:
    from hybridllm.audit._sync import PROBE_EVERY, WalSync

    sync = WalSync(tmp_path / "a.db")
    assert not sync.wanted()  # nothing measured: a FULL commit first
    sync.observe_full(0.5)
    assert sync.wanted()  # then one overlapped, to measure that too
    sync.overlap_ms = 2.0  # the hand-off is slow here (a busy machine): FULL wins
    picks = [sync.wanted() for _ in range(PROBE_EVERY * 7)]
    probes = [i for i, overlapped in enumerate(picks) if overlapped]
    # probes of the losing way come after 16, then 32, then 64 intents ...
    assert probes == [PROBE_EVERY - 1, 3 * PROBE_EVERY - 1, 7 * PROBE_EVERY - 1]
    sync.overlap_ms = 0.1  # a slow disk, an idle core: overlapping wins
    assert sum(sync.wanted() for _ in range(PROBE_EVERY)) == PROBE_EVERY - 1
