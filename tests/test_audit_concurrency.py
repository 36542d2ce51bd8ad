"""Many writers at once, and writers killed mid-write: the log stays complete and verifiable."""

from __future__ import annotations

import multiprocessing
import os
import random
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

from tests.test_audit import make_record

from hybridllm.audit import AuditKey, AuditStore, HmacSigner
from hybridllm.audit.sinks import JsonlSink, TeeSink, verify_jsonl

KEY = AuditKey(bytes(range(32)))
PROCESSES, THREADS, PER_THREAD = 4, 8, 250


def _writer_process(path: str, jsonl: str, worker: int) -> None:
    signer = HmacSigner(KEY)
    with (
        AuditStore(path, signer=signer, checkpoint_every=500) as store,
        JsonlSink(jsonl, signer=signer) as copy,
    ):
        tee = TeeSink(store, copy)

        def run(thread: int) -> None:
            for i in range(PER_THREAD):
                record = make_record(i).model_copy(update={"caller": f"w{worker}.t{thread}"})
                tee.append(record)

        threads = [threading.Thread(target=run, args=(t,)) for t in range(THREADS)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()


def test_8_threads_x_4_processes_x_250_appends(tmp_path: Path) -> None:
    path = tmp_path / "audit.db"
    jsonl = tmp_path / "audit.jsonl"
    AuditStore(path, signer=HmacSigner(KEY)).close()  # create + migrate once, up front
    ctx = multiprocessing.get_context("spawn")
    procs = [
        ctx.Process(target=_writer_process, args=(str(path), str(jsonl), w))
        for w in range(PROCESSES)
    ]
    for p in procs:
        p.start()
    for p in procs:
        p.join(timeout=240)
        assert p.exitcode == 0
    total = PROCESSES * THREADS * PER_THREAD
    with AuditStore(path, readonly=True) as store:
        assert store.count() == total
        result = store.verify(HmacSigner(KEY))
        callers = {r.caller for r in store.iter_records()}
    assert result.ok, result.problem
    assert result.checked == total
    assert result.checkpoints >= total // 500
    assert len(callers) == PROCESSES * THREADS
    copy = verify_jsonl(jsonl, HmacSigner(KEY))
    assert copy.ok, copy.problem
    assert copy.checked == total


_CHILD = """
import sys
from hybridllm.audit import AuditKey, AuditStore, HmacSigner
from hybridllm.audit.sinks import JsonlSink
from tests.test_audit import make_record
signer = HmacSigner(AuditKey(bytes(range(32))))
store = AuditStore(sys.argv[1], signer=signer, checkpoint_every=50)
copy = JsonlSink(sys.argv[2], signer=signer)
i = 0
while True:
    r = make_record(i)
    store.append(r)
    copy.append(r)
    i += 1
    if i == 20:
        print("writing", flush=True)
"""


def test_writer_killed_with_sigkill_mid_write(tmp_path: Path) -> None:
    path = tmp_path / "audit.db"
    jsonl = tmp_path / "audit.jsonl"
    rng = random.Random(7)
    root = Path(__file__).resolve().parents[1]
    # the child imports this tree's tests and package (not an installed copy of hybridllm)
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(root), str(root / "src")])}
    counts = []
    for kills in range(1, 5):
        child = subprocess.Popen(
            [sys.executable, "-c", _CHILD, str(path), str(jsonl)],
            stdout=subprocess.PIPE,
            env=env,
        )
        assert child.stdout is not None
        assert child.stdout.readline().strip() == b"writing"
        time.sleep(rng.uniform(0.05, 0.4))
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=30)
        child.stdout.close()
        assert child.returncode == -signal.SIGKILL
        # Readable and verifiable as it is, read-only, before anyone recovers the WAL.
        with AuditStore(path, readonly=True) as ro:
            result = ro.verify(HmacSigner(KEY))
            assert result.ok, result.problem
            counts.append(result.checked)
            assert ro.count() == result.checked
        copy = verify_jsonl(jsonl, HmacSigner(KEY))
        assert copy.ok, copy.problem
        # The JSONL copy is written after the SQLite commit: each kill may lose one copy.
        assert result.checked - kills <= copy.checked <= result.checked
    assert counts == sorted(counts)
    assert counts[-1] > counts[0]
    # A new writer carries on the same chains after the crashes.
    with (
        AuditStore(path, signer=HmacSigner(KEY)) as store,
        JsonlSink(jsonl, signer=HmacSigner(KEY)) as copy_sink,
    ):
        record = make_record(99)
        store.append(record)
        copy_sink.append(record)
        assert store.verify().ok
    assert verify_jsonl(jsonl, HmacSigner(KEY)).ok
