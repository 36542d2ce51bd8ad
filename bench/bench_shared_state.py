"""Shared state on Redis: what the vault (and the breakers) cost per operation, 1 to N workers.

Starts Debian's ``redis-server`` on 127.0.0.1 (a free port, no persistence) and runs each
scenario for ``--seconds`` in 1, 2, ... ``--workers`` processes at once (spawn). Every process
does one operation at a time and times it; the table gives the aggregate operations per
second and the per-operation p50/p95 over all processes.

Scenarios:

- ``mint, own conversations``: each worker mints 10 new values per conversation, then moves
  to a new conversation (a redaction batch per mint: lock, load, encrypt, fenced write).
- ``mint, one hot conversation``: every worker mints into the same conversation (lock
  contention: the worst case; the conversation is renewed every 10 values here too).
- ``lookup on another worker``: a worker that never saw the conversation opens it and
  restores a placeholder minted elsewhere (the second turn landing on another worker).
- ``breaker failure reported``: a worker reports a failed call (one Lua script in Redis).
- ``breaker check``: one shared-breaker admission check (``Breakers.refusal``) for a target
  that is up (a Redis ``PTTL`` at most every 0.25 s per target per process, else cached).

After the runs every key and value in Redis is scanned for the raw values (none may appear).

Usage::

    .venv/bin/python bench/bench_shared_state.py [--seconds 3] [--workers 4]
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import os
import statistics
import time
from collections.abc import Callable
from typing import Any

SCENARIOS = ("mint_own", "mint_hot", "lookup_cold", "breaker", "breaker_fail")
LABELS = {
    "mint_own": "mint, own conversations",
    "mint_hot": "mint, one hot conversation",
    "lookup_cold": "lookup on another worker",
    "breaker": "breaker check",
    "breaker_fail": "breaker failure reported",
}
PER_CONVERSATION = 10


def _value(worker: int, i: int) -> str:
    return f"person.{worker}.{i}@example.com"


def _op(scenario: str, url: str, worker: int) -> Callable[[int], None]:
    """One timed operation of ``scenario`` (its setup done here, untimed)."""
    from hybridllm.redaction import RedactionConfig, open_vault

    config = RedactionConfig(store="redis", redis_url=url)
    if scenario == "mint_own":

        def mint_own(i: int) -> None:
            conv = f"own-{worker}-{i // PER_CONVERSATION}"
            open_vault(config, conv).mint("EMAIL_ADDRESS", _value(worker, i), category="PII")

        return mint_own
    if scenario == "mint_hot":
        vaults: dict[int, Any] = {}

        def mint_hot(i: int) -> None:
            gen = i // PER_CONVERSATION
            vault = vaults.get(gen) or vaults.setdefault(gen, open_vault(config, f"hot-{gen}"))
            vault.mint("EMAIL_ADDRESS", _value(worker, i), category="PII")

        return mint_hot
    if scenario == "lookup_cold":
        seed = open_vault(config, f"seed-{worker}")
        tokens = [seed.mint("EMAIL_ADDRESS", _value(worker, i), category="PII") for i in range(5)]

        def lookup_cold(i: int) -> None:
            assert open_vault(config, f"seed-{worker}").lookup(tokens[i % 5]) is not None

        return lookup_cold
    from hybridllm.client.resilience import Breakers
    from hybridllm.client.shared_breakers import RedisBreakerBackend
    from hybridllm.config import TargetConfig
    from hybridllm.errors import TransientProviderError

    target = TargetConfig(adapter="openai", model="m", cooldown_after=10**9)
    breakers = Breakers(shared=RedisBreakerBackend.from_url(url))
    error = TransientProviderError("cloud: HTTP 503", target="cloud")

    def breaker(i: int) -> None:
        breakers.refusal("cloud", target)

    def breaker_fail(i: int) -> None:
        breakers.settle("cloud", target, error)

    return breaker if scenario == "breaker" else breaker_fail


def _worker(job: tuple[str, str, int, float], start: Any, out: Any) -> None:
    scenario, url, worker, seconds = job
    op = _op(scenario, url, worker)
    op(-1 if scenario != "lookup_cold" else 0)  # connect and warm up, untimed
    start.wait(60)
    times: list[float] = []
    end = time.perf_counter() + seconds
    i = 0
    while time.perf_counter() < end:
        t = time.perf_counter()
        op(i)
        times.append((time.perf_counter() - t) * 1000)
        i += 1
    out.put(times)


def run(scenario: str, url: str, workers: int, seconds: float) -> tuple[float, float, float]:
    """Ops/s over all workers, p50 and p95 in ms."""
    ctx = mp.get_context("spawn")
    start, out = ctx.Event(), ctx.Queue()
    procs = [
        ctx.Process(target=_worker, args=((scenario, url, w, seconds), start, out))
        for w in range(workers)
    ]
    for p in procs:
        p.start()
    time.sleep(1.5)  # imports and connections, outside the timed window
    start.set()
    times: list[float] = []
    for _ in procs:
        times += out.get(timeout=seconds + 120)
    for p in procs:
        p.join(timeout=30)
    q = statistics.quantiles(times, n=20)
    return len(times) / seconds, statistics.median(times), q[18]


def _raw_in_redis(url: str, workers: int) -> int:
    import redis

    r = redis.Redis.from_url(url)
    blob = b""
    for name in r.scan_iter(count=1000):
        blob += name
        if r.type(name) == b"hash":
            blob += b"".join(k + v for k, v in r.hgetall(name).items())
        elif r.type(name) == b"string":
            blob += r.get(name) or b""
    r.close()
    raw = [_value(w, i).encode() for w in range(workers) for i in range(50)]
    return sum(1 for v in raw if v in blob) + blob.count(b"@example.com")


def main() -> None:
    """Print a markdown table: scenario x workers -> ops/s, p50, p95."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=3.0)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--scenarios", default=",".join(SCENARIOS))
    args = parser.parse_args()
    from hybridllm.redaction import generate_key
    from hybridllm.testing import RedisServer

    os.environ["HYBRIDLLM_VAULT_KEY"] = generate_key()
    counts = sorted({1, *range(2, args.workers + 1, 2), args.workers})
    print(f"{args.seconds:g} s per run; {os.cpu_count()} CPUs; redis-server on loopback\n")
    print("| operation | workers | ops/s (all workers) | p50 ms | p95 ms |")
    print("|---|---:|---:|---:|---:|")
    with RedisServer() as server:
        for scenario in args.scenarios.split(","):
            for n in counts:
                rate, p50, p95 = run(scenario, server.url, n, args.seconds)
                print(f"| {LABELS[scenario]} | {n} | {rate:,.0f} | {p50:.2f} | {p95:.2f} |")
        found = _raw_in_redis(server.url, args.workers)
        print(f"\nraw values found in Redis (every key and value scanned): {found}")


if __name__ == "__main__":
    main()
