"""Agreement of the tiered-routing estimator with the hand-labelled prompts, and its latency.

Each prompt in ``bench/data/routing_prompts.jsonl`` was written and labelled ``simple`` (a small
local model answers it acceptably) or ``strong`` (it needs a frontier model: multi-step
reasoning, proofs, system design, long or tricky code, analysis under many constraints, long
structured output) before the weights were tuned. Every 4th prompt (after a seeded shuffle) is in
the ``heldout`` split; weights were tuned on ``tune`` only.

Usage::

    .venv/bin/python bench/bench_routing.py [--split tune|heldout|all] [--misses N] [--markdown]

Prints accuracy, the confusion matrix (rows: label, columns: predicted tier), precision/recall
of ``strong``, and p50/p95 latency of :func:`hybridllm.routing.estimate_complexity`.
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from pathlib import Path
from typing import Any

from hybridllm.models import Message
from hybridllm.routing import RoutingConfig, estimate_complexity

DATA = Path(__file__).resolve().parent / "data" / "routing_prompts.jsonl"
LABELS = ("simple", "strong")
REPEAT = 50


def load(split: str) -> list[dict[str, Any]]:
    rows = [json.loads(line) for line in DATA.read_text(encoding="utf-8").splitlines() if line]
    return [r for r in rows if split in ("all", r["split"])]


def evaluate(rows: list[dict[str, Any]], config: RoutingConfig) -> dict[str, Any]:
    confusion = {(a, b): 0 for a in LABELS for b in LABELS}
    misses: list[tuple[str, str, float, str]] = []
    latencies: list[float] = []
    for r in rows:
        messages = [Message(**m) for m in r["messages"]]
        max_tokens = r.get("max_tokens")
        choice = estimate_complexity(messages, requested_max_tokens=max_tokens, config=config)
        for _ in range(REPEAT):
            t0 = time.perf_counter()
            estimate_complexity(messages, requested_max_tokens=max_tokens, config=config)
            latencies.append((time.perf_counter() - t0) * 1000)
        confusion[(r["label"], choice.tier)] += 1
        if choice.tier != r["label"]:
            text = r["messages"][-1]["content"].replace("\n", " ")[:90]
            misses.append((r["id"], r["label"], choice.score, text))
    latencies.sort()
    n = len(rows)
    correct = sum(confusion[(x, x)] for x in LABELS)
    tp = confusion[("strong", "strong")]
    return {
        "n": n,
        "accuracy": correct / n if n else 0.0,
        "confusion": confusion,
        "precision_strong": tp / max(1, tp + confusion[("simple", "strong")]),
        "recall_strong": tp / max(1, tp + confusion[("strong", "simple")]),
        "p50_ms": statistics.median(latencies),
        "p95_ms": latencies[int(0.95 * (len(latencies) - 1))],
        "p99_ms": latencies[int(0.99 * (len(latencies) - 1))],
        "max_ms": latencies[-1],
        "misses": misses,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=["tune", "heldout", "all"], default="all")
    parser.add_argument("--misses", type=int, default=0, help="print up to N misclassified")
    parser.add_argument("--markdown", action="store_true", help="print a markdown table row")
    args = parser.parse_args()
    config = RoutingConfig(enabled=True)
    splits = ["tune", "heldout", "all"] if args.split == "all" else [args.split]
    for split in splits:
        res = evaluate(load(split), config)
        c = res["confusion"]
        if args.markdown:
            print(
                f"| {split} | {res['n']} | {res['accuracy']:.1%} | {c[('simple', 'simple')]} "
                f"| {c[('simple', 'strong')]} | {c[('strong', 'simple')]} "
                f"| {c[('strong', 'strong')]} | {res['precision_strong']:.1%} "
                f"| {res['recall_strong']:.1%} | {res['p50_ms']:.3f} | {res['p95_ms']:.3f} "
                f"| {res['p99_ms']:.3f} |"
            )
            continue
        print(f"== split {split}: {res['n']} prompts, accuracy {res['accuracy']:.1%}")
        print(f"   {'label / predicted':>18} {'simple':>7} {'strong':>7}")
        for label in LABELS:
            print(f"   {label:>18} {c[(label, 'simple')]:>7} {c[(label, 'strong')]:>7}")
        print(
            f"   strong precision {res['precision_strong']:.1%}, recall {res['recall_strong']:.1%}"
        )
        print(
            f"   latency per estimate: p50 {res['p50_ms']:.3f} ms, p95 {res['p95_ms']:.3f} ms, "
            f"p99 {res['p99_ms']:.3f} ms, max {res['max_ms']:.3f} ms ({REPEAT} runs per prompt)"
        )
        for rid, label, score, text in res["misses"][: args.misses]:
            print(f"   miss {rid} label={label} score={score:.2f} {text}")


if __name__ == "__main__":
    main()
