"""What the durable intent record costs on a disk: an fsync, or more than one?

A call's intent record is committed and fsync'd before the request leaves (DESIGN.md,
invariant 9). This times, interleaved in one process, per round:

- a raw 16 KB ``pwrite`` + ``fdatasync`` of a file on ``--dir`` (the floor: one sync of about
  the pages one intent commit writes to the WAL);
- ``AuditStore.append`` of an intent record on ``--dir`` and on ``/dev/shm`` (tmpfs, where a
  sync costs nothing: the CPU part), each followed by the call's outcome through ``submit``
  (written by the store's writer thread, ``synchronous=NORMAL``), as in a call.

So ``append (dir) - append (tmpfs)`` is what the disk adds, to compare with one raw sync.

With ``--work-ms W`` (default 0.9, about what the ``openai`` SDK spends building a request
before it sends), two more rows on ``--dir``: the intent appended, then W ms of Python work,
with the fsync done first (``sync_overlap = False``) or overlapped with the work
(``append_early``, ``sync_overlap = True``, waited for after the work, as the adapter's HTTP
client does before it sends). Their difference is what overlapping saves (or costs) here.

Usage::

    PYTHONPATH=src .venv/bin/python bench/bench_intent_sync.py --dir . [--rounds 300]
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from pathlib import Path

from hybridllm.audit.keys import AuditKey, HmacSigner
from hybridllm.audit.record import new_record_id, utc_now_iso
from hybridllm.audit.store import AuditStore
from hybridllm.models import AuditRecord

_WARMUP = 20


def _record(status: str) -> AuditRecord:
    return AuditRecord(
        id=new_record_id(),
        ts=utc_now_iso(),
        status=status,  # type: ignore[arg-type]
        route="cloud",
        reason="policy: PII redacted for the cloud",
        categories=("PII", "SECRET"),
        entities={"EMAIL_ADDRESS": 1, "AWS_ACCESS_KEY": 1},
        max_score=0.95,
        actions={"EMAIL_ADDRESS": "redact", "AWS_ACCESS_KEY": "redact"},
        target="cloud",
        model="m",
        locality="remote",
        prompt_hmac="ab" * 32,
        policy_version="cd" * 8,
    )


def _work(ms: float) -> None:
    """Python work holding the GIL for ``ms`` (as an SDK building a request does)."""
    end = time.perf_counter() + ms / 1000
    n = 0
    while time.perf_counter() < end:
        n += 1


def main() -> None:
    """Print a markdown table: p50 and p95 in ms of each operation."""
    ap = argparse.ArgumentParser()
    ap.add_argument("--dir", type=Path, default=Path.cwd())
    ap.add_argument("--rounds", type=int, default=300)
    ap.add_argument("--work-ms", type=float, default=0.9)
    args = ap.parse_args()
    signer = HmacSigner(AuditKey.generate())
    times: dict[str, list[float]] = {
        f"raw 16 KB pwrite + fdatasync ({args.dir})": [],
        f"append intent ({args.dir})": [],
        "append intent (/dev/shm)": [],
    }
    raw, on_dir, on_shm = times
    serial = f"append intent, then {args.work_ms} ms of work ({args.dir})"
    overlapped = f"append_early, {args.work_ms} ms of work, wait ({args.dir})"
    times[serial] = []
    times[overlapped] = []
    with (
        tempfile.TemporaryDirectory(dir=args.dir, prefix="bench-intent-") as d1,
        tempfile.TemporaryDirectory(dir="/dev/shm", prefix="bench-intent-") as d2,
    ):
        stores = {
            on_dir: AuditStore(Path(d1) / "a.db", signer=signer, sync="intent"),
            on_shm: AuditStore(Path(d2) / "a.db", signer=signer, sync="intent"),
        }
        ways = {
            serial: AuditStore(Path(d1) / "s.db", signer=signer, sync="intent"),
            overlapped: AuditStore(Path(d1) / "o.db", signer=signer, sync="intent"),
        }
        ways[serial].sync_overlap = False
        ways[overlapped].sync_overlap = True
        stores.update(ways)
        fd = os.open(Path(d1) / "raw.bin", os.O_RDWR | os.O_CREAT, 0o600)
        block = os.urandom(16384)
        try:
            for i in range(args.rounds + _WARMUP):
                t = time.perf_counter()
                os.pwrite(fd, block, (i % 64) * len(block))
                os.fdatasync(fd)
                took = {raw: time.perf_counter() - t}
                for name, store in stores.items():
                    t = time.perf_counter()
                    if name in ways:
                        _, durable = store.append_early(_record("intent"))
                        _work(args.work_ms)
                        durable.wait()
                    else:
                        store.append(_record("intent"))
                    took[name] = time.perf_counter() - t
                    store.submit(_record("ok"))
                    time.sleep(0.002)  # the call's own time: the writer commits the outcome
                if i >= _WARMUP:
                    for name, value in took.items():
                        times[name].append(value * 1000)
        finally:
            os.close(fd)
            for store in stores.values():
                store.close()
    print("| operation | p50 ms | p95 ms |")
    print("|---|---:|---:|")
    for name, values in times.items():
        p95 = statistics.quantiles(values, n=20, method="inclusive")[18]
        print(f"| {name} | {statistics.median(values):.3f} | {p95:.3f} |")


if __name__ == "__main__":
    main()
