"""Embedding throughput: batched vs one call per text; coalesced vs plain concurrent ``aembed``.

Both parts run against one real llama-server (SmolLM2, ``--embeddings --pooling mean``) started
here, through the full hybridllm path (classify, policy, audit write per call).

1. ``--texts`` (1000) short texts: one ``embed()`` call (split into ``batch_size`` requests)
   versus one ``embed()`` call per text. Reports throughput and the ratio.
2. ``--burst`` (200) concurrent single-text ``aembed()`` calls, with coalescing (the space's
   ``coalesce_ms`` window) and without (``coalesce_ms = 0``): p50/p95 latency and throughput.

``--parallel`` sets llama-server's ``-np`` (slots): with 1 slot a multi-input request is
processed text by text, so batching only saves per-request overhead.

Usage::

    .venv/bin/python bench/bench_embeddings.py [--texts 1000] [--burst 200] [--parallel 8]
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

import hybridllm
from hybridllm.local import LlamaServer


class _Server(LlamaServer):
    """llama-server with ``-np`` slots and a batch big enough for many short texts at once."""

    def __init__(self, parallel: int) -> None:
        super().__init__(embeddings=True, ctx=512 * max(1, parallel))
        self.parallel = parallel

    def command(self) -> list[str]:
        args = super().command()
        args[args.index("-np") + 1] = str(self.parallel)
        return [*args, "-b", "2048", "-ub", "2048"]


def _texts(n: int) -> list[str]:
    topics = ["billing", "login", "export", "invoices", "search", "upload", "alerts", "reports"]
    return [f"How do I change the {topics[i % 8]} settings, case {i}?" for i in range(n)]


def _p(values: list[float], q: int) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[q - 1]


def _settings(url: str, audit: Path, **space: Any) -> dict[str, Any]:
    return {
        "targets": {"local": {"adapter": "llamacpp", "model": "smollm2", "base_url": url}},
        "default_target": "local",
        "audit_path": audit,
        "spaces": {"s": {"target": "local", **space}},
    }


def _batched_vs_single(url: str, tmp: Path, n: int, batch_size: int) -> dict[str, float]:
    texts = _texts(n)
    with hybridllm.Client(**_settings(url, tmp / "a.db", batch_size=batch_size)) as client:
        client.embed(texts[:8])  # warm-up: classifier, HTTP connection, server
        t = time.perf_counter()
        e = client.embed(texts)
        batched = time.perf_counter() - t
        assert len(e) == n
        t = time.perf_counter()
        for text in texts:
            client.embed([text])
        single = time.perf_counter() - t
    return {"batched_s": batched, "single_s": single, "ratio": single / batched}


async def _burst(url: str, audit: Path, n: int, coalesce_ms: float) -> dict[str, float]:
    client = hybridllm.AsyncClient(**_settings(url, audit, coalesce_ms=coalesce_ms))
    texts = _texts(n)
    try:
        await client.embed(texts[:4])  # warm-up
        latencies: list[float] = []

        async def one(text: str) -> None:
            t = time.perf_counter()
            await client.embed([text])
            latencies.append((time.perf_counter() - t) * 1000)

        t = time.perf_counter()
        await asyncio.gather(*(one(x) for x in texts))
        wall = time.perf_counter() - t
    finally:
        await client.aclose()
    return {
        "p50_ms": _p(latencies, 50),
        "p95_ms": _p(latencies, 95),
        "throughput": n / wall,
        "wall_s": wall,
    }


def main() -> None:
    """Run both parts and print markdown tables."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--texts", type=int, default=1000)
    parser.add_argument("--burst", type=int, default=200)
    parser.add_argument("--batch-size", type=int, default=64)
    parser.add_argument("--parallel", type=int, default=8)
    parser.add_argument("--coalesce-ms", type=float, default=5.0)
    args = parser.parse_args()
    hybridllm.classify("warm up the classifier")
    with _Server(args.parallel) as server, tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        r = _batched_vs_single(server.base_url, tmp, args.texts, args.batch_size)
        print(f"llama-server -np {args.parallel}, {args.texts} texts, batch_size {args.batch_size}")
        print("\n| mode | seconds | texts/s |\n|---|---:|---:|")
        print(f"| batched | {r['batched_s']:.2f} | {args.texts / r['batched_s']:.1f} |")
        print(f"| one call per text | {r['single_s']:.2f} | {args.texts / r['single_s']:.1f} |")
        print(f"\nthroughput ratio batched/single: **{r['ratio']:.2f}x** (target >= 5x)\n")
        print(f"{args.burst} concurrent single-text aembed calls")
        print("\n| mode | p50 ms | p95 ms | calls/s |\n|---|---:|---:|---:|")
        for label, ms in (("coalesced", args.coalesce_ms), ("not coalesced", 0.0)):
            b = asyncio.run(_burst(server.base_url, tmp / f"{label}.db", args.burst, ms))
            print(f"| {label} | {b['p50_ms']:.0f} | {b['p95_ms']:.0f} | {b['throughput']:.1f} |")


if __name__ == "__main__":
    main()
