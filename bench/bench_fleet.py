"""A fleet on one machine: N worker processes x M threads of conversations through one Redis.

Each worker process runs a real :class:`hybridllm.Client` (real classifier, placeholder vault
on Redis, shared breakers, its own signed SQLite audit chain) and M threads that each hold
5-turn conversations with names and e-mail addresses in every turn; turns are dealt to the
workers round robin (turn k of a conversation goes to worker k mod N). The "cloud" is an
instant wire-level OpenAI server on loopback (:class:`~hybridllm.testing.splitting.
SplittingServer`, it echoes the redacted message), so the figures are what hybridllm adds.

After the timed window: every worker's audit chain is verified, audit records are counted
against calls (one intent and one outcome record per call: none may be missing), every
reply must equal the turn it echoes (restored, whoever minted its placeholders), and every key
and value in Redis is scanned for the raw names and addresses.

With ``--postgres DSN`` every worker also copies its records to PostgreSQL (its own chain,
``audit_copies_required``: a call fails rather than lose its copy) and its signed heads to the
witness table; afterwards every worker's PostgreSQL chain is verified against the witness.

Usage::

    .venv/bin/python bench/bench_fleet.py [--workers 1,2,4] [--threads 2] [--seconds 10]
        [--postgres DSN] [--kill-redis]
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import os
import statistics
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

FIRST = ["Maria", "Jonas", "Aiko", "Carla", "Peter", "Fatima", "Lukas", "Grace"]
LAST = ["Garcia", "Berg", "Tanaka", "Mendes", "Novak", "Haddad", "Weber", "Okafor"]


def _turn(conv: int, k: int) -> str:
    a, b = FIRST[conv % 8], LAST[(conv // 8) % 8]
    mail = f"{a.lower()}.{b.lower()}{conv}@example.com"
    return f"Turn {k}: please send {a} {b} the invoice at {mail} and confirm."


def _worker(setup: tuple[int, str, str, str, int, str], jobs: Any, out: Any) -> None:
    n, cloud_url, redis_url, root, threads, pg = setup
    import hybridllm

    copies: dict[str, Any] = {}
    if pg:  # every worker's records also go to PostgreSQL, its heads to the witness table
        copies = {
            "audit_postgres_dsn": pg,
            "audit_witness_dsn": pg,
            "audit_instance": f"{Path(root).name}-w{n}",
        }
    client = hybridllm.Client(
        **copies,
        targets={
            "local": {"adapter": "llamacpp", "model": "m", "base_url": "http://127.0.0.1:9"},
            "cloud": {"adapter": "openai", "model": "m", "base_url": cloud_url + "/v1"},
        },
        default_target="cloud",
        fallback={"cloud": [], "local": []},
        audit_path=Path(root) / f"audit{n}.db",
        redaction={"store": "redis", "redis_url": redis_url},
        breakers_redis_url=redis_url,
    )
    client.warm_up(timeout=300)
    client.complete(_turn(10_000 + n, 0), max_tokens=8)  # first call: connections, caches
    before = client.audit.count()
    out.put(("ready", n, None))
    lock = threading.Lock()
    stats: dict[str, Any] = {"lat": [], "added": [], "bad": 0, "errors": 0}

    def run() -> None:
        while (job := jobs.get()) is not None:
            conv, k = job
            text = _turn(conv, k)
            t = time.perf_counter()
            try:
                r = client.conversation(f"c{conv}").complete(text, max_tokens=64)
            except hybridllm.HybridLLMError:
                with lock:
                    stats["errors"] += 1
                out.put(("error", n, (conv, k)))
                continue
            ms = (time.perf_counter() - t) * 1000
            with lock:
                stats["lat"].append(ms)
                # what hybridllm added: the whole call less the provider hop (SDK + HTTP + server)
                stats["added"].append(ms - sum(h.latency_ms for h in r.hops))
                stats["bad"] += r.text != text
            out.put(("done", n, (conv, k)))

    pool = [threading.Thread(target=run) for _ in range(threads)]
    for th in pool:
        th.start()
    for th in pool:
        th.join()
    calls = len(stats["lat"])
    parts: dict[str, list[float]] = {"classify": [], "redact": [], "provider": []}
    vault_down = 0  # error records whose hops say the shared vault was unavailable
    for rec in client.audit.iter_records():
        if rec.status == "ok":
            for part, values in parts.items():
                values.append(float(rec.latency_ms.get(part, 0.0)))
        elif rec.status == "error":
            vault_down += any("VaultUnavailableError" in h.detail for h in rec.hops)
    result = client.audit.verify()
    records = client.audit.count() - before
    client.close()  # flushes the PostgreSQL copy and signs its closing checkpoints
    out.put(
        (
            "result",
            n,
            {
                "lat": stats["lat"],
                "added": stats["added"],
                "bad": stats["bad"],
                "errors": stats["errors"],
                "calls": calls,
                "records": records,
                "chain_ok": result.ok,
                "parts": parts,
                "vault_down": vault_down,
            },
        )
    )


def _deal(
    queues: list[Any], out: Any, threads: int, seconds: float, kill: Callable[[], None] | None
) -> tuple[int, float, int]:
    """Keep every worker thread busy for ``seconds``: calls answered, time taken, conversations.

    Turn k of a conversation goes to worker (conv + k) mod N once turn k - 1 is answered; after
    5 turns (or a failed turn) the slot starts a new conversation.
    """
    workers = len(queues)
    base = time.time_ns() % 1_000_000 * 100
    conv_next = base
    for _ in range(workers * threads):
        queues[conv_next % workers].put((conv_next, 0))
        conv_next += 1
    t0 = time.perf_counter()
    done = 0
    while time.perf_counter() - t0 < seconds:
        if kill is not None and time.perf_counter() - t0 >= seconds / 2:
            kill()
            kill = None
        kind, _, payload = out.get(timeout=120)
        if kind not in {"done", "error"}:
            continue
        done += kind == "done"
        conv, k = payload
        if k < 4 and kind == "done":
            k += 1
        else:
            conv, k = conv_next, 0
            conv_next += 1
        queues[(conv + k) % workers].put((conv, k))
    return done, time.perf_counter() - t0, conv_next - base


def run(  # noqa: PLR0917 - one run's knobs
    workers: int,
    threads: int,
    seconds: float,
    cloud_url: str,
    redis_url: str,
    kill: Callable[[], None] | None = None,
    pg: str = "",
) -> dict[str, Any]:
    """One timed run; the dealer keeps every worker thread busy with the next turn.

    ``kill`` is called half-way (e.g. to kill redis-server): the run goes on without it.
    """
    ctx = mp.get_context("spawn")
    queues = [ctx.Queue() for _ in range(workers)]
    out = ctx.Queue()
    with tempfile.TemporaryDirectory() as root:
        procs = [
            ctx.Process(
                target=_worker,
                args=((n, cloud_url, redis_url, root, threads, pg), queues[n], out),
            )
            for n in range(workers)
        ]
        for p in procs:
            p.start()
        for _ in procs:
            assert out.get(timeout=600)[0] == "ready"
        done, elapsed, convs = _deal(queues, out, threads, seconds, kill)
        for q in queues:
            for _ in range(threads):
                q.put(None)
        results: list[dict[str, Any]] = []
        while len(results) < workers:
            kind, _, payload = out.get(timeout=300)
            if kind == "result":
                results.append(payload)
        for p in procs:
            p.join(timeout=60)
        copies = _pg_check(pg, Path(root).name, sum(r["records"] for r in results)) if pg else ""
    lat = [x for r in results for x in r["lat"]] or [0.0, 0.0]
    q = statistics.quantiles(lat, n=20)
    added = [x for r in results for x in r["added"]] or [0.0, 0.0]
    qa = statistics.quantiles(added, n=20)
    return {
        "added_p50": statistics.median(added),
        "added_p95": qa[18],
        "pg": copies,
        "calls": len(lat),
        "rate": done / elapsed,
        "p50": statistics.median(lat),
        "p95": q[18],
        "bad": sum(r["bad"] for r in results),
        "errors": sum(r["errors"] for r in results),
        # one intent and one outcome record per call that went out; one error record per call
        # that failed before anything was sent
        "missing_records": sum(2 * r["calls"] + r["errors"] - r["records"] for r in results),
        "vault_down": sum(r["vault_down"] for r in results),
        "chains_ok": all(r["chain_ok"] for r in results),
        "convs": convs,
        "parts": {
            part: statistics.median([x for r in results for x in r["parts"][part]] or [0.0])
            for part in ("classify", "redact", "provider")
        },
    }


def _pg_check(dsn: str, run_id: str, sqlite_records: int) -> str:
    """Verify every worker's PostgreSQL chain (with its witnessed heads); count the copies."""
    from hybridllm.audit.keys import HmacSigner, load_audit_key
    from hybridllm.audit.postgres import PostgresSink

    with PostgresSink(dsn, create=False, instance="bench-reader") as sink:
        mine = [i for i in sink.instances() if i.startswith(run_id)]
        results = {i: sink.verify(i, HmacSigner(load_audit_key())) for i in mine}
        copied = sum(r.checked for r in results.values())
        witnessed = sum(r.witnessed for r in results.values())
    ok = all(r.ok for r in results.values())
    # each worker's first (warm-up) call is in both logs but not in sqlite_records
    return (
        f"{len(mine)} PostgreSQL chains {'verify' if ok else 'FAIL'} "
        f"({copied} records, {copied - sqlite_records} from warm-up calls; "
        f"{witnessed} witnessed heads match)"
    )


def main() -> None:
    """Print a markdown table: workers -> calls/s, p50/p95 per call, checks."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--workers", default="1,2,4")
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument(
        "--kill-redis", action="store_true", help="kill redis-server half-way through each run"
    )
    parser.add_argument(
        "--postgres", default="", help="DSN: also copy every record to PostgreSQL + witness"
    )
    args = parser.parse_args()
    from hybridllm.redaction import generate_key
    from hybridllm.testing import RedisServer
    from hybridllm.testing.splitting import SplittingServer

    os.environ["HYBRIDLLM_VAULT_KEY"] = generate_key()
    print(f"{args.seconds:g} s per run, {args.threads} threads per worker, {os.cpu_count()} CPUs\n")
    print(
        "| workers | calls | calls/s | p50 ms | p95 ms | added p50 / p95 ms "
        "| p50 classify / redact / provider ms "
        "| wrong replies | errors | audit records missing | chains verify |"
    )
    print("|---:|---:|---:|---:|---:|---|---|---:|---:|---:|---|")
    with RedisServer() as redis_server, SplittingServer() as cloud:
        notes: list[str] = []
        for n in (int(x) for x in args.workers.split(",")):
            kill = redis_server.kill if args.kill_redis else None
            r = run(
                n, args.threads, args.seconds, cloud.base_url, redis_server.url, kill, args.postgres
            )
            if r["pg"]:
                notes.append(f"{n} workers: {r['pg']}")
            if args.kill_redis:
                notes.append(
                    f"{n} workers, Redis killed at {args.seconds / 2:g} s: {r['calls']} calls "
                    f"answered, {r['errors']} failed closed, {r['vault_down']} of those audited "
                    "with VaultUnavailableError"
                )
                redis_server.start()
            print(
                f"| {n} | {r['calls']} | {r['rate']:.1f} | {r['p50']:.1f} | {r['p95']:.1f} "
                f"| {r['added_p50']:.1f} / {r['added_p95']:.1f} "
                f"| {' / '.join(f'{v:.1f}' for v in r['parts'].values())} "
                f"| {r['bad']} | {r['errors']} | {r['missing_records']} "
                f"| {'yes' if r['chains_ok'] else 'NO'} |"
            )
        for note in notes:
            print(f"\n{note}")
        wire = b"\n".join(req.body for req in cloud.requests).decode()
        leaked_wire = sum(1 for last in LAST if f" {last} " in wire)
        print(f"\nraw surnames seen by the cloud: {leaked_wire}")
        print(f"raw values found in Redis (every key and value scanned): {_scan(redis_server.url)}")


def _scan(url: str) -> int:
    import redis

    r = redis.Redis.from_url(url)
    found = 0
    for name in r.scan_iter(count=1000):
        blob = name
        if r.type(name) == b"hash":
            blob += b"".join(k + v for k, v in r.hgetall(name).items())
        elif r.type(name) == b"string":
            blob += r.get(name) or b""
        found += sum(1 for w in (*FIRST, *LAST) if w.encode() in blob)
        found += blob.count(b"@example.com")
    r.close()
    return found


if __name__ == "__main__":
    main()
