"""Overhead of ``Client.complete`` over calling the ``openai`` SDK directly, same local server.

Both sides talk to one real llama-server (SmolLM2) through the official ``openai`` SDK; the
hybridllm side adds classification, policy, (redaction,) restore and a durable audit write.
Calls alternate (direct, hybridllm, direct, ...) so machine noise hits both equally.

Usage::

    .venv/bin/python bench/bench_overhead.py [--iterations N] [--max-tokens T]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

import openai

import hybridllm
from hybridllm.local import LlamaServer

PLAIN = "In one sentence, what is a hash chain?"
SENSITIVE = "Reply to carla.mendes@example.com about key AKIAZ3MSJ7QXP4LKH2TD in one sentence."


def _p(values: list[float], q: float) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[int(q) - 1]


def main() -> None:
    """Run the benchmark and print a markdown table."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--iterations", type=int, default=40)
    parser.add_argument("--max-tokens", type=int, default=8)
    args = parser.parse_args()
    with LlamaServer() as server, tempfile.TemporaryDirectory() as tmp:
        direct = openai.OpenAI(base_url=server.base_url + "/v1", api_key="x", max_retries=0)
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
        hybridllm.classify("warm up the classifier")  # cold start is reported by bench_classify
        rows = []
        for label, prompt in (("plain prompt", PLAIN), ("PII + secret, redacted", SENSITIVE)):
            t_direct: list[float] = []
            t_hybrid: list[float] = []
            for i in range(args.iterations + 3):
                t = time.perf_counter()
                direct.chat.completions.create(
                    model="smollm2",
                    messages=[{"role": "user", "content": prompt}],
                    max_tokens=args.max_tokens,
                    temperature=0,
                )
                d = (time.perf_counter() - t) * 1000
                t = time.perf_counter()
                r = client.complete(prompt, max_tokens=args.max_tokens, temperature=0)
                h = (time.perf_counter() - t) * 1000
                assert r.route == "cloud"
                if i >= 3:  # the first rounds warm connections and the server's prompt cache
                    t_direct.append(d)
                    t_hybrid.append(h)
            diffs = [h - d for h, d in zip(t_hybrid, t_direct, strict=True)]
            rows.append(
                (
                    label,
                    statistics.median(t_direct),
                    statistics.median(t_hybrid),
                    statistics.median(t_hybrid) / statistics.median(t_direct),
                    statistics.median(diffs),
                    _p(diffs, 95),
                )
            )
        client.close()
        direct.close()
    print(f"iterations={args.iterations} max_tokens={args.max_tokens} (one run, interleaved)\n")
    print(
        "| payload | openai SDK p50 ms | Client.complete p50 ms | ratio "
        "| added p50 ms | added p95 ms |"
    )
    print("|---|---:|---:|---:|---:|---:|")
    for label, d, h, ratio, add50, add95 in rows:
        print(f"| {label} | {d:.1f} | {h:.1f} | {ratio:.2f}x | {add50:.1f} | {add95:.1f} |")


if __name__ == "__main__":
    main()
