"""Cost of writing one audit record, alone and as a share of a call's overhead.

Part 1 appends realistic version-2 records (hops, entities, latency split, HMAC'd prompt) to a
fresh store, one thread, and reports p50/p95 per append for: SQLite (WAL, synchronous=FULL,
fsync'd) without and with per-record signatures, and the JSONL sink (flock + fsync).

Part 2 runs real calls through ``Client.complete`` against a real llama-server with the
client's store swapped for a timed, signed one. A call's overhead is its wall time minus the
provider hop's own latency (as the flow records it: SDK, HTTP and model); the audit share is the
append's time over that overhead, per call.

Part 3 (``--threads T``, instead of parts 1 and 2) measures group commit: T threads each append
intent records (the record a call writes, durably, before its payload leaves) for a fixed time
to one SQLite store (``synchronous=FULL`` for intents) and, with ``--postgres DSN``, through the
resilient PostgreSQL copy; once as shipped (threads queued behind a commit share the next one)
and once serialised (an outer lock: one record per transaction, as before group commit).
Records/s, per-append p50/p95 and records per commit.

Usage::

    .venv/bin/python bench/bench_audit.py [--records N] [--iterations N]
    .venv/bin/python bench/bench_audit.py --threads 1,4,16 --seconds 3 [--postgres DSN]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

from hybridllm.audit import (
    AuditKey,
    AuditStore,
    HmacSigner,
    new_record_id,
    prompt_hmac,
    utc_now_iso,
)
from hybridllm.audit.sinks import JsonlSink
from hybridllm.models import AuditRecord, Hop

KEY = AuditKey.generate()


def _p(values: list[float], q: int) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[q - 1]


def _record(i: int) -> AuditRecord:
    return AuditRecord(
        id=new_record_id(),
        ts=utc_now_iso(),
        app="bench",
        caller="bench.summarise",
        status="ok",
        route="cloud",
        reason="PII found: redacted for remote target",
        categories=("PII", "SECRET"),
        entities={"EMAIL_ADDRESS": 1, "AWS_ACCESS_KEY": 1},
        category_counts={"PII": 1, "SECRET": 1},
        entity_scores={"EMAIL_ADDRESS": 1.0, "AWS_ACCESS_KEY": 0.95},
        max_score=1.0,
        actions={"PII": "redact", "SECRET": "redact"},
        hops=(Hop(target="cloud", outcome="ok", attempts=1, latency_ms=61.2),),
        remote_targets=("cloud",),
        target="cloud",
        model="smollm2",
        locality="remote",
        input_tokens=40 + i % 7,
        output_tokens=8,
        redacted_count=2,
        restored_count=2,
        latency_ms={"classify": 7.1, "redact": 0.2, "provider": 61.2, "total": 69.4},
        policy_version="sha256:0123456789abcdef",
        prompt_hmac=prompt_hmac(KEY.prompt_key, [f"prompt {i}"]),
        key_id=KEY.key_id,
    )


def _time_appends(sink: Any, n: int) -> list[float]:
    out = []
    for i in range(n + 20):
        record = _record(i)
        t = time.perf_counter()
        sink.append(record)
        if i >= 20:
            out.append((time.perf_counter() - t) * 1000)
    return out


def part1(n: int) -> None:
    """Append latency per store kind."""
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        with AuditStore(Path(tmp) / "plain.db") as store:
            rows.append(("SQLite, chain only", _time_appends(store, n)))
        with AuditStore(Path(tmp) / "signed.db", signer=HmacSigner(KEY)) as store:
            rows.append(("SQLite, chain + HMAC signature", _time_appends(store, n)))
        with JsonlSink(Path(tmp) / "a.jsonl", signer=HmacSigner(KEY)) as sink:
            rows.append(("JSONL sink, chain + HMAC signature", _time_appends(sink, n)))
    print(f"records={n} (after 20 warm-up appends), one thread\n")
    print("| store | p50 ms | p95 ms | max ms |")
    print("|---|---:|---:|---:|")
    for label, times in rows:
        print(f"| {label} | {_p(times, 50):.2f} | {_p(times, 95):.2f} | {max(times):.2f} |")


class _TimedStore(AuditStore):
    times: list[float]

    def append(self, record: AuditRecord) -> AuditRecord:
        t = time.perf_counter()
        try:
            return super().append(record)
        finally:
            self.times.append((time.perf_counter() - t) * 1000)


def part2(iterations: int, max_tokens: int) -> None:
    """Audit append as a share of Client.complete's own overhead (total minus provider call)."""
    import hybridllm
    from hybridllm.local import LlamaServer

    prompt = "Reply to carla.mendes@example.com about key AKIAZ3MSJ7QXP4LKH2TD in one sentence."
    with LlamaServer() as server, tempfile.TemporaryDirectory() as tmp:
        client = hybridllm.Client(
            targets={
                "local": {"adapter": "llamacpp", "model": "smollm2", "base_url": server.base_url},
                "cloud": {
                    "adapter": "openai",
                    "model": "smollm2",
                    "base_url": server.base_url + "/v1",
                },
            },
            default_target="cloud",
            audit_path=Path(tmp) / "audit.db",
        )
        store = _TimedStore(Path(tmp) / "audit.db", signer=HmacSigner(KEY))
        store.times = []
        client._store = store  # the bench times the client's real appends
        hybridllm.classify("warm up the classifier")
        overhead: list[float] = []
        for i in range(iterations + 3):
            t = time.perf_counter()
            r = client.complete(prompt, max_tokens=max_tokens, temperature=0)
            total = (time.perf_counter() - t) * 1000
            if i >= 3:
                # Everything but the provider hop (SDK + HTTP + model) is hybridllm's overhead.
                overhead.append(total - sum(h.latency_ms for h in r.hops))
        appends = store.times[3:]
        client.close()
    shares = [a / o for a, o in zip(appends, overhead, strict=True)]
    print(f"\niterations={iterations} max_tokens={max_tokens}, PII + secret prompt, redacted\n")
    print("| per call | p50 ms | p95 ms |")
    print("|---|---:|---:|")
    print(f"| overhead (total - provider hop) | {_p(overhead, 50):.2f} | {_p(overhead, 95):.2f} |")
    print(f"| audit append (signed) | {_p(appends, 50):.2f} | {_p(appends, 95):.2f} |")
    print(
        f"\naudit append share of the overhead, per call: p50 {_p(shares, 50):.0%}, "
        f"p95 {_p(shares, 95):.0%}"
    )


def _intent(i: int) -> AuditRecord:
    return _record(i).model_copy(update={"status": "intent", "id": new_record_id()})


def _run_threads(append: Any, threads: int, seconds: float) -> tuple[int, list[float]]:
    """T threads append until the time is up; returns records written and per-append ms."""
    stop = time.monotonic() + seconds
    lat: list[list[float]] = [[] for _ in range(threads)]

    def run(mine: list[float]) -> None:
        i = 0
        while time.monotonic() < stop:
            record = _intent(i)
            t = time.perf_counter()
            append(record)
            mine.append((time.perf_counter() - t) * 1000)
            i += 1

    workers = [threading.Thread(target=run, args=(lat[k],)) for k in range(threads)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    flat = [x for one in lat for x in one]
    return len(flat), flat


def _serialised(append: Any) -> Any:
    lock = threading.Lock()

    def one(record: AuditRecord) -> None:
        with lock:  # one record per transaction: what appends did before group commit
            append(record)

    return one


def part3(threads: list[int], seconds: float, dsn: str | None) -> None:
    """Group commit vs one record per transaction, SQLite and the PostgreSQL copy."""
    print(f"intent records, {seconds:.0f} s per row, fresh log per row\n")
    print("| log | threads | commit | records/s | p50 ms | p95 ms | records per commit |")
    print("|---|---:|---|---:|---:|---:|---:|")
    with tempfile.TemporaryDirectory() as tmp:
        for t in threads:
            for mode in ("one per record", "group"):
                path = Path(tmp) / f"{t}-{mode[0]}.db"
                with AuditStore(path, signer=HmacSigner(KEY), sync="intent") as store:
                    append = store.append if mode == "group" else _serialised(store.append)
                    n, lat = _run_threads(append, t, seconds)
                    per = n / max(store.commits, 1)
                print(
                    f"| SQLite | {t} | {mode} | {n / seconds:,.0f} | {_p(lat, 50):.2f} | "
                    f"{_p(lat, 95):.2f} | {per:.1f} |"
                )
            if dsn is None:
                continue
            for mode in ("one per record", "group"):
                _pg_row(dsn, t, mode, seconds)


def _pg_row(dsn: str, threads: int, mode: str, seconds: float) -> None:
    from hybridllm.audit.postgres import PostgresSink
    from hybridllm.audit.sinks import ResilientSink

    opened: list[PostgresSink] = []
    name = f"bench-{threads}-{mode[0]}-{new_record_id()[:8]}"

    def open_sink() -> PostgresSink:
        opened.append(PostgresSink(dsn, instance=name, signer=HmacSigner(KEY)))
        return opened[-1]

    copy = ResilientSink(open_sink, "bench copy")
    copy.flush()
    append = copy.append if mode == "group" else _serialised(copy.append)
    n, lat = _run_threads(append, threads, seconds)
    per = n / max(opened[-1].commits, 1)
    ok = opened[-1].verify().ok
    copy.close()
    print(
        f"| PostgreSQL copy | {threads} | {mode} | {n / seconds:,.0f} | {_p(lat, 50):.2f} | "
        f"{_p(lat, 95):.2f} | {per:.1f}{'' if ok else ' (chain FAILED)'} |"
    )


def main() -> None:
    """Run parts 1 and 2 (or part 3 with --threads) and print markdown tables."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--records", type=int, default=500)
    parser.add_argument("--iterations", type=int, default=40)
    parser.add_argument("--max-tokens", type=int, default=8)
    parser.add_argument("--threads", help="part 3: comma-separated thread counts, e.g. 1,4,16")
    parser.add_argument("--seconds", type=float, default=3.0)
    parser.add_argument("--postgres", help="part 3: also a PostgreSQL copy at this DSN")
    args = parser.parse_args()
    if args.threads:
        part3([int(x) for x in args.threads.split(",")], args.seconds, args.postgres)
        return
    part1(args.records)
    part2(args.iterations, args.max_tokens)


if __name__ == "__main__":
    main()
