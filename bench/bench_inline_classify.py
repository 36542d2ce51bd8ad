"""How long the built-in classifier takes by text size: the bound for classifying inline.

Short texts are classified on the calling thread (no hand-off to the bounded worker pool); this
measures the default ("fast") classifier on texts built from the labelled sets under
``bench/data`` (pii, benign, phi: concatenated in a seeded order up to each size), so the bound
in :data:`hybridllm.client.base.INLINE_CLASSIFY_CHARS` is chosen from numbers.

Usage::

    .venv/bin/python bench/bench_inline_classify.py [--samples 40] [--sizes 256,512,...]
    .venv/bin/python bench/bench_inline_classify.py --prompts 2000

``--prompts N`` instead times the two prompts of ``bench/bench_overhead.py`` (plain, PII +
secret), N classifications each, alternating, and prints p50 and min in microseconds (the min
is the figure to compare between trees on a busy machine: it is the run nothing interrupted).
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import time
from pathlib import Path
from typing import Any

from hybridllm.classifiers import get_classifier
from hybridllm.classifiers.config import ClassifierConfig

DATA = Path(__file__).parent / "data"


def _texts() -> list[str]:
    out: list[str] = []
    for name in ("pii.jsonl", "benign.jsonl", "phi.jsonl"):
        with (DATA / name).open(encoding="utf-8") as fh:
            out.extend(json.loads(line)["text"] for line in fh if line.strip())
    return out


def _sample(pool: list[str], size: int, rng: random.Random) -> str:
    parts: list[str] = []
    n = 0
    while n < size:
        t = rng.choice(pool)
        parts.append(t)
        n += len(t) + 1
    return " ".join(parts)[:size]


def _prompts(classifier: Any, n: int) -> None:
    from bench_overhead import PROMPTS  # the same two prompts as the overhead bench

    for _ in range(200):  # warm-up
        for prompt in PROMPTS.values():
            classifier.classify_messages([prompt])
    times: dict[str, list[float]] = {label: [] for label in PROMPTS}
    for _ in range(n):
        for label, prompt in PROMPTS.items():
            t = time.perf_counter()
            classifier.classify_messages([prompt])
            times[label].append((time.perf_counter() - t) * 1e6)
    print("| prompt | chars | p50 us | min us |")
    print("|---|---:|---:|---:|")
    for label, values in times.items():
        chars = len(PROMPTS[label])
        print(f"| {label} | {chars} | {statistics.median(values):.0f} | {min(values):.0f} |")


def main() -> None:
    """Print a markdown table: size, p50, p95, max classification time."""
    ap = argparse.ArgumentParser()
    ap.add_argument("--samples", type=int, default=40)
    ap.add_argument("--sizes", default="128,256,512,1024,2048,4096,8192")
    ap.add_argument("--prompts", type=int, default=0)
    args = ap.parse_args()
    classifier = get_classifier(ClassifierConfig())
    for waiter in (*classifier.recognizers, classifier):
        wait = getattr(waiter, "wait_ready", None)
        if callable(wait):
            wait(60)
    if args.prompts:
        _prompts(classifier, args.prompts)
        return
    pool = _texts()
    rng = random.Random(16)
    for _ in range(20):  # warm-up
        classifier.classify_messages([_sample(pool, 512, rng)])
    print("| chars | p50 ms | p95 ms | max ms |")
    print("|---:|---:|---:|---:|")
    for size in (int(s) for s in args.sizes.split(",")):
        times = []
        for _ in range(args.samples):
            text = _sample(pool, size, rng)
            t = time.perf_counter()
            classifier.classify_messages([text])
            times.append((time.perf_counter() - t) * 1000)
        q = statistics.quantiles(times, n=20, method="inclusive")
        print(f"| {size} | {statistics.median(times):.2f} | {q[18]:.2f} | {max(times):.2f} |")


if __name__ == "__main__":
    main()
