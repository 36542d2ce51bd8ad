"""Time to an answer when the primary target hangs or is down, with DEFAULT settings.

The primary is an OpenAI-compatible target behind a loopback wire server
(:class:`hybridllm.testing.RecordingProxy`) that accepts every request and never answers
(``hang_next``), or a closed port (connection refused). The fallback is a real llama-server
(SmolLM2). Every target setting is the default (connect 2 s, first token 3 s, a whole reply
``3 s + max_tokens / 20`` s, 2 retries, breaker after 3 failed calls); only the scenario
"breaker off" raises ``cooldown_after`` so that every call pays the hang.

Usage::

    .venv/bin/python bench/bench_fallback.py [--calls N] [--max-tokens N]
"""

from __future__ import annotations

import argparse
import socket
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import hybridllm
from hybridllm.local import LlamaServer
from hybridllm.testing import RecordingProxy

PROMPT = "What is 2 + 2? Answer in one word."


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
    return port


def _client(primary_url: str, local_url: str, tmp: str, **primary: Any) -> hybridllm.Client:
    return hybridllm.Client(
        targets={
            "local": {"adapter": "llamacpp", "model": "smollm2", "base_url": local_url},
            "cloud": {"adapter": "openai", "model": "smollm2", "base_url": primary_url, **primary},
        },
        fallback={"local": [], "cloud": ["local"]},
        audit_path=Path(tmp) / f"audit-{time.monotonic_ns()}.db",
    )


def _run(client: hybridllm.Client, calls: int, *, stream: bool, max_tokens: int) -> list[float]:
    client.warm_up(wait_for_ner=False)  # SDK clients, audit log (as an app does at start-up)
    client.complete("warm up", max_tokens=1, target="local")
    times: list[float] = []
    for _ in range(calls):
        t = time.perf_counter()
        if stream:
            s = client.complete(PROMPT, max_tokens=max_tokens, stream=True)
            "".join(s)
            r = s.completion
        else:
            r = client.complete(PROMPT, max_tokens=max_tokens)
        times.append(time.perf_counter() - t)
        assert r is not None
        assert r.target == "local", r.hops
    client.close()
    return times


def _row(name: str, times: list[float]) -> str:
    q = statistics.quantiles(times, n=20, method="inclusive") if len(times) > 1 else times * 19
    under = sum(t <= 5.0 for t in times) / len(times)
    return (
        f"| {name} | {len(times)} | {statistics.median(times):.2f} | {q[18]:.2f} | "
        f"{max(times):.2f} | {under:.0%} |"
    )


def main() -> None:
    """Print a markdown table: seconds to an answer per scenario (p50, p95, max)."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--calls", type=int, default=20)
    parser.add_argument("--max-tokens", type=int, default=16)
    args = parser.parse_args()
    n, mt = args.calls, args.max_tokens
    rows: list[str] = []
    with (
        LlamaServer() as server,
        RecordingProxy(server.base_url) as hanging,
        tempfile.TemporaryDirectory() as tmp,
    ):
        hanging.hang_next(10 * n)
        hang_url = hanging.base_url + "/v1"
        dead_url = f"http://127.0.0.1:{_closed_port()}/v1"
        hybridllm.classify("warm up")
        scenarios: list[tuple[str, Callable[[], list[float]]]] = [
            (
                f"hangs, breaker off, whole reply (max_tokens={mt})",
                lambda: _run(
                    _client(hang_url, server.base_url, tmp, cooldown_after=10_000),
                    n,
                    stream=False,
                    max_tokens=mt,
                ),
            ),
            (
                f"hangs, breaker off, stream (max_tokens={mt})",
                lambda: _run(
                    _client(hang_url, server.base_url, tmp, cooldown_after=10_000),
                    n,
                    stream=True,
                    max_tokens=mt,
                ),
            ),
            (
                f"hangs, default breaker, whole reply (max_tokens={mt})",
                lambda: _run(
                    _client(hang_url, server.base_url, tmp), n, stream=False, max_tokens=mt
                ),
            ),
            (
                f"refused, breaker off, whole reply (max_tokens={mt})",
                lambda: _run(
                    _client(dead_url, server.base_url, tmp, cooldown_after=10_000),
                    n,
                    stream=False,
                    max_tokens=mt,
                ),
            ),
        ]
        for name, run in scenarios:
            rows.append(_row(name, run()))
        hung = len(hanging.requests)
    print(f"calls per scenario={n}; the hanging server received {hung} requests\n")
    print("| primary | calls | p50 s | p95 s | max s | answered within 5 s |")
    print("|---|---:|---:|---:|---:|---:|")
    print("\n".join(rows))


if __name__ == "__main__":
    main()
