"""Time to an answer when the primary target is down (connection refused), default settings.

The primary is an OpenAI-compatible target on a closed loopback port; the fallback is a real
llama-server. Default retry settings apply (3 attempts with jittered exponential backoff), so
this measures what a caller waits before the next target answers.

Usage::

    .venv/bin/python bench/bench_fallback.py [--calls N]
"""

from __future__ import annotations

import argparse
import socket
import statistics
import tempfile
import time
from pathlib import Path

import hybridllm
from hybridllm.local import LlamaServer


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
    return port


def main() -> None:
    """Run N calls and print p50/p95/max time to answer and the share under 1.5 s."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--calls", type=int, default=30)
    args = parser.parse_args()
    with LlamaServer() as server, tempfile.TemporaryDirectory() as tmp:
        client = hybridllm.Client(
            targets={
                "local": {"adapter": "llamacpp", "model": "smollm2", "base_url": server.base_url},
                "cloud": {
                    "adapter": "openai",
                    "model": "smollm2",
                    "base_url": f"http://127.0.0.1:{_closed_port()}/v1",
                    "cooldown_after": 10_000,  # measure the retry path on every call
                },
            },
            fallback={"local": [], "cloud": ["local"]},
            audit_path=Path(tmp) / "audit.db",
        )
        hybridllm.classify("warm up")
        client.complete("warm up", max_tokens=2)
        times: list[float] = []
        provider: list[float] = []
        for _ in range(args.calls):
            t = time.perf_counter()
            r = client.complete("What is 2 + 2?", max_tokens=4)
            times.append((time.perf_counter() - t) * 1000)
            assert r.target == "local"
            assert r.hops[0].attempts == 3
            provider.append(r.hops[1].latency_ms)
        client.close()
    q = statistics.quantiles(times, n=20, method="inclusive")
    under = sum(t < 1500 for t in times) / len(times)
    print(f"calls={args.calls}; primary refused, 3 attempts, then the local target answers\n")
    print("| measure | p50 ms | p95 ms | max ms |")
    print("|---|---:|---:|---:|")
    print(f"| time to answer | {statistics.median(times):.0f} | {q[18]:.0f} | {max(times):.0f} |")
    print(
        f"| of which the answering call | {statistics.median(provider):.0f} | "
        f"{statistics.quantiles(provider, n=20, method='inclusive')[18]:.0f} | "
        f"{max(provider):.0f} |"
    )
    print(f"\nanswered within 1.5 s: {under:.0%}")


if __name__ == "__main__":
    main()
