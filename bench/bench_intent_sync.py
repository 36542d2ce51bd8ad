"""What the durable intent record costs on a disk: an fsync, or more than one?

A call's intent record is committed and fsync'd before the request leaves (DESIGN.md,
invariant 9). This times, interleaved in one process, per round:

- a raw 16 KB ``pwrite`` + ``fdatasync`` of a file on ``--dir`` (the floor: one sync of about
  the pages one intent commit writes to the WAL);
- ``AuditStore.append`` of an intent record on ``--dir`` and on ``/dev/shm`` (tmpfs, where a
  sync costs nothing: the CPU part), each followed by the call's outcome through ``submit``
  (written by the store's writer thread, ``synchronous=NORMAL``), as in a call.

So ``append (dir) - append (tmpfs)`` is what the disk adds, to compare with one raw sync.

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


def main() -> None:
    """Print a markdown table: p50 and p95 in ms of each operation."""
    ap = argparse.ArgumentParser()
    ap.add_argument("--dir", type=Path, default=Path.cwd())
    ap.add_argument("--rounds", type=int, default=300)
    args = ap.parse_args()
    signer = HmacSigner(AuditKey.generate())
    times: dict[str, list[float]] = {
        f"raw 16 KB pwrite + fdatasync ({args.dir})": [],
        f"append intent ({args.dir})": [],
        "append intent (/dev/shm)": [],
    }
    raw, on_dir, on_shm = times
    with (
        tempfile.TemporaryDirectory(dir=args.dir, prefix="bench-intent-") as d1,
        tempfile.TemporaryDirectory(dir="/dev/shm", prefix="bench-intent-") as d2,
    ):
        stores = {
            on_dir: AuditStore(Path(d1) / "a.db", signer=signer, sync="intent"),
            on_shm: AuditStore(Path(d2) / "a.db", signer=signer, sync="intent"),
        }
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
