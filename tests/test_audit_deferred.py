"""Outcome records written off the call path; short texts classified inline (issue 16, overhead).

With ``audit_sync = "intent"`` (the default) the intent record is fsync'd before anything leaves
(invariant 9) and the outcome record is handed to the audit writer thread. These tests pin what
a caller can still rely on: a reader after ``flush_audit()`` sees every outcome, in call order;
process exit writes what is queued; a failed outcome write is logged, counted and raised as
AuditError by the next call (which then sends nothing). Real classifier, real SQLite, the
official openai SDK against a loopback wire server.
"""

from __future__ import annotations

import logging
import re
import sqlite3
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path
from typing import Any

import pytest
from tests.helpers import AWS_KEY, EMAIL, make_client, stored_records

import hybridllm
from hybridllm.audit import AuditStore
from hybridllm.audit.keys import HmacSigner, load_audit_key
from hybridllm.classifiers.config import ClassifierConfig, CustomRecognizer
from hybridllm.classifiers.name_ner import NerWindows
from hybridllm.classifiers.names import SPACY_MODEL
from hybridllm.classifiers.prefilter import Prefilter
from hybridllm.models import AuditRecord, Classification
from hybridllm.testing import SplittingServer

SENSITIVE = f"Write to {EMAIL} about the key {AWS_KEY}."
PLAIN = "In one sentence, what is a hash chain?"


def _client(server: SplittingServer, path: Path, **extra: Any) -> Any:
    return make_client(
        local_url=server.base_url, cloud_url=server.base_url, audit_path=path, **extra
    )


def _pairs(records: list[AuditRecord]) -> list[tuple[str, str]]:
    """(intent id, outcome id) per call, in the order the outcomes are stored."""
    return [(r.intents[0], r.id) for r in records if r.status != "intent" and r.intents]


def test_a_reader_after_flush_sees_every_outcome_in_call_order(
    server: SplittingServer, tmp_audit_path: Path
) -> None:
    with _client(server, tmp_audit_path) as client:
        assert client.settings.audit_sync == "intent"  # the default defers the outcome
        ids = [client.complete(p, max_tokens=8).audit_id for p in (SENSITIVE, PLAIN) * 5]
        client.flush_audit()
        records = stored_records(tmp_audit_path)
        outcomes = [r for r in records if r.status != "intent"]
        assert [r.id for r in outcomes] == ids  # every call's outcome, in call order
        assert all(r.status == "ok" for r in outcomes)
        intents = {r.id: i for i, r in enumerate(records) if r.status == "intent"}
        position = {r.id: i for i, r in enumerate(records)}
        for intent_id, outcome_id in _pairs(records):
            assert intents[intent_id] < position[outcome_id]  # each intent before its outcome
        with AuditStore(tmp_audit_path, readonly=True) as store:
            result = store.verify(client.audit.signer)
        assert result.ok, result.problem
        assert result.checked == 20


def test_reads_through_the_clients_own_store_need_no_flush(
    server: SplittingServer, tmp_audit_path: Path
) -> None:
    with _client(server, tmp_audit_path) as client:
        r = client.complete(SENSITIVE, max_tokens=8)
        stored = client.audit.get(r.audit_id)  # writes the queue before it reads
        assert stored is not None
        assert stored.status == "ok"
        assert stored.hash  # linked and hashed by the writer
        assert r.route == stored.route == "cloud"


def test_audit_sync_commit_and_full_write_the_outcome_before_returning(
    server: SplittingServer, tmp_audit_path: Path, tmp_path: Path
) -> None:
    for mode in ("commit", "full"):
        path = tmp_path / f"{mode}.db"
        with _client(server, path, audit_sync=mode) as client:
            r = client.complete(SENSITIVE, max_tokens=8)
            # no flush: another connection sees the outcome as soon as the call returned
            outcomes = [x for x in stored_records(path) if x.status != "intent"]
            assert [x.id for x in outcomes] == [r.audit_id]


_EXIT = """
import sys
sys.path.insert(0, {root!r})
from pathlib import Path
from tests.helpers import make_client
client = make_client(local_url={url!r}, cloud_url={url!r}, audit_path=Path({db!r}))
ids = [client.complete({prompt!r}, max_tokens=8).audit_id for _ in range(5)]
print(" ".join(ids))
# no close(), no flush: the interpreter's exit must write the queued outcomes
"""


def test_process_exit_writes_the_queued_outcomes(server: SplittingServer, tmp_path: Path) -> None:
    # The child ends while spaCy is still loading in the background. With the loader a daemon
    # thread, 22 of 60 such exits died with SIGSEGV (or BLIS aborting on a NULL malloc) inside
    # spaCy while the exit handlers ran, before the queued outcomes were written; so: several
    # exits, each must end cleanly with every outcome stored.
    for attempt in range(4):
        db = tmp_path / f"audit-{attempt}.db"
        code = _EXIT.format(
            root=str(Path(__file__).parent.parent),
            url=server.base_url,
            db=str(db),
            prompt=SENSITIVE,
        )
        proc = subprocess.run(
            [sys.executable, "-X", "faulthandler", "-c", textwrap.dedent(code)],
            capture_output=True,
            text=True,
            timeout=180,
            check=False,
        )
        assert proc.returncode == 0, (attempt, proc.returncode, proc.stderr[-4000:])
        ids = proc.stdout.split()
        assert len(ids) == 5
        records = stored_records(db)
        assert [r.id for r in records if r.status != "intent"] == ids
        assert len(records) == 10


def test_background_loaders_are_not_daemon_threads(monkeypatch: pytest.MonkeyPatch) -> None:
    """Exit waits for spaCy and the prefilter to finish loading (see the test above)."""
    # The threads as they start: a loader can finish (the prefilter compiles one pattern in
    # milliseconds) before threading.enumerate() would list it.
    started: list[threading.Thread] = []
    start = threading.Thread.start

    def record(thread: threading.Thread) -> None:
        started.append(thread)
        start(thread)

    monkeypatch.setattr(threading.Thread, "start", record)
    windows = NerWindows(SPACY_MODEL)
    prefilter = Prefilter([re.compile(r"\b\d{3}-\d{2}-\d{4}\b")])
    loaders = [t for t in started if t.name in {"hybridllm-spacy-load", "hybridllm-prefilter"}]
    try:
        assert {t.name for t in loaders} == {"hybridllm-spacy-load", "hybridllm-prefilter"}
        assert not any(t.daemon for t in loaders)
    finally:
        assert windows.wait_ready(120)
        assert prefilter.wait_ready(120)


def test_a_failed_outcome_write_is_raised_by_the_next_call(
    server: SplittingServer, tmp_audit_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    server.delay_next(1, seconds=0.5)
    with _client(server, tmp_audit_path, audit_busy_timeout=0.2) as client:
        client.warm_up(wait_for_ner=False)
        result: dict[str, Any] = {}
        worker = threading.Thread(
            target=lambda: result.update(r=client.complete(SENSITIVE, max_tokens=8))
        )
        worker.start()
        end = time.monotonic() + 30
        while not server.requests:  # the intent is durable and the payload is at the server
            assert time.monotonic() < end
            time.sleep(0.01)
        blocker = sqlite3.connect(tmp_audit_path, isolation_level=None)
        blocker.execute("BEGIN IMMEDIATE")  # another writer holds the lock past the busy timeout
        try:
            with caplog.at_level(logging.ERROR, logger="hybridllm.audit"):
                worker.join(30)
                first = result["r"]  # the call itself returned: its outcome is queued
                while client.audit.deferred_failures == 0:
                    assert time.monotonic() < end, "the outcome write never failed"
                    time.sleep(0.01)
        finally:
            blocker.execute("ROLLBACK")
            blocker.close()
        assert client.audit.deferred_failures == 1
        logged = [r.getMessage() for r in caplog.records if r.name == "hybridllm.audit"]
        assert any(first.audit_id in m and "not written" in m for m in logged), logged
        assert all(EMAIL not in m and AWS_KEY not in m for m in logged)
        sent = len(server.requests)
        with pytest.raises(hybridllm.AuditError, match=first.audit_id):
            client.complete(SENSITIVE, max_tokens=8)
        assert len(server.requests) == sent  # the next call stopped before anything left
        client.complete(SENSITIVE, max_tokens=8)  # raised once: calls work again
        assert len(server.requests) == sent + 1
        client.flush_audit()  # nothing else failed
    records = stored_records(tmp_audit_path)
    # the first call's intent has no outcome (as after a crash); the others are complete
    assert [r.status for r in records] == ["intent", "intent", "ok"]
    assert records[0].id not in {i for r in records for i in r.intents}
    with AuditStore(tmp_audit_path, readonly=True) as store:
        assert store.verify().ok


def test_flush_and_close_raise_a_failed_outcome_write(tmp_path: Path) -> None:
    store = AuditStore(tmp_path / "a.db", signer=HmacSigner(load_audit_key()), sync="intent")
    good = _outcome("a" * 32)
    store.submit(good)
    store.flush()
    assert store.get(good.id) is not None
    store.submit(good.model_copy())  # the same id again: the write fails (unique id)
    with pytest.raises(hybridllm.AuditError, match="a" * 32):
        store.flush()
    assert store.deferred_failures == 1
    store.submit(good.model_copy(update={"id": "b" * 32}))
    store.submit(good.model_copy())
    with pytest.raises(hybridllm.AuditError):
        store.close()  # the queue is written first; the failure still surfaces
    with AuditStore(tmp_path / "a.db", readonly=True) as reader:
        assert [r.id for r in reader.iter_records()] == ["a" * 32, "b" * 32]


def _outcome(record_id: str) -> AuditRecord:
    return AuditRecord(
        id=record_id, ts="2026-12-03T20:00:00.000000Z", status="ok", route="cloud", reason="r"
    )


# -- classification on the calling thread ----------------------------------------------------


class _Custom:
    def classify_messages(self, texts: Any) -> Classification:
        return Classification()


def test_short_texts_of_the_built_in_classifier_are_classified_inline(
    server: SplittingServer, tmp_audit_path: Path
) -> None:
    from hybridllm.client.base import INLINE_CLASSIFY_CHARS

    with _client(server, tmp_audit_path) as client:
        assert client.classifies_inline([PLAIN, SENSITIVE])
        assert not client.classifies_inline(["x" * (INLINE_CLASSIFY_CHARS + 1)])
    custom = _client(server, tmp_audit_path, classifier=_Custom())
    assert not custom.classifies_inline([PLAIN])  # a user's classifier keeps the worker's bound
    own = _client(server, tmp_audit_path)
    rule = CustomRecognizer(entity_type="TICKET_ID", category="PII", pattern=r"T-\d+")
    own.settings = own.settings.model_copy(
        update={"classifier": ClassifierConfig(recognizers=(rule,))}
    )
    assert not own.classifies_inline([PLAIN])  # so do user-supplied recognizers
    custom.close()
    own.close()


def test_an_inline_classification_past_its_deadline_fails_closed(
    server: SplittingServer, tmp_audit_path: Path
) -> None:
    # half of a 0.2 ms deadline: the real classifier cannot finish in time
    with _client(server, tmp_audit_path, deadline=0.0002, on_classifier_error="block") as client:
        client.warm_up(wait_for_ner=False)
        assert client.classifies_inline([PLAIN])
        r = client.complete(PLAIN, max_tokens=8)
        assert r.route == "blocked"
        assert r.decision.fail_closed
        assert r.classification.error == "TimeBoundError"  # as when the worker overran
        assert server.requests == []
        stored = client.audit.get(r.audit_id)
        assert stored is not None
        assert stored.fail_closed


def test_call_records_are_stored_without_a_json_round_trip_and_still_reparse_exactly(
    server: SplittingServer, tmp_audit_path: Path
) -> None:
    """The client appends its records with ``normalised=True`` (no dump-and-validate before
    hashing): every stored body must still parse back to exactly the record that was hashed,
    for whole, streamed and blocked calls, intents and outcomes alike."""
    from hybridllm.audit.record import record_body

    with _client(server, tmp_audit_path, policy={"SECRET": "block"}) as client:
        client.complete(PLAIN, max_tokens=8)
        client.complete(f"Write to {EMAIL} about the weather.", max_tokens=8)
        "".join(client.complete(PLAIN, max_tokens=8, stream=True))
        blocked = client.complete(SENSITIVE, max_tokens=8)
        assert blocked.route == "blocked"
        client.flush_audit()
        assert client.audit.verify().ok
    with sqlite3.connect(tmp_audit_path) as conn:
        bodies = [row[0] for row in conn.execute("SELECT body FROM audit_records ORDER BY seq")]
    statuses = [AuditRecord.model_validate_json(b).status for b in bodies]
    assert statuses.count("intent") == 3
    assert "blocked" in statuses
    for body in bodies:
        assert record_body(AuditRecord.model_validate_json(body)) == body


def test_a_drain_returns_only_after_the_writers_failures_are_reported() -> None:
    # The background writer leads a deferred ticket whose write fails; a drain() waiting on
    # another thread must not return before on_failed ran (it did: the full suite saw flush()
    # raise nothing once, under load).
    from hybridllm.audit._group import GroupCommit
    from hybridllm.audit._sqlite import Ticket
    from hybridllm.errors import AuditError

    started, go = threading.Event(), threading.Event()
    failed: list[str] = []

    def write(batch: list[Ticket]) -> None:
        started.set()
        go.wait(5)
        for one in batch:
            one.error = AuditError("unique id")

    def on_failed(ticket: Ticket) -> None:
        time.sleep(0.3)  # a slow report: logging, counting
        failed.append(ticket.base.id)

    group = GroupCommit(write, on_failed)
    group.submit(Ticket(_outcome("c" * 32), deferred=True))
    assert started.wait(5)  # the background writer leads it
    seen: list[list[str]] = []
    drainer = threading.Thread(target=lambda: (group.drain(), seen.append(list(failed))))
    drainer.start()
    time.sleep(0.05)  # the drainer waits on the leader
    go.set()
    drainer.join(5)
    group.stop()
    assert seen == [["c" * 32]]
