"""How long the built-in classifier takes by text size: the bound for classifying inline.

Short texts are classified on the calling thread (no hand-off to the bounded worker pool); this
measures the default ("fast") classifier on texts built from the labelled sets under
``bench/data`` (pii, benign, phi: concatenated in a seeded order up to each size), so the bound
in :data:`hybridllm.client.base.INLINE_CLASSIFY_CHARS` is chosen from numbers.

Usage::

    .venv/bin/python bench/bench_inline_classify.py [--samples 40] [--sizes 256,512,...]
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import time
from pathlib import Path

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


def main() -> None:
    """Print a markdown table: size, p50, p95, max classification time."""
    ap = argparse.ArgumentParser()
    ap.add_argument("--samples", type=int, default=40)
    ap.add_argument("--sizes", default="128,256,512,1024,2048,4096,8192")
    args = ap.parse_args()
    classifier = get_classifier(ClassifierConfig())
    for waiter in (*classifier.recognizers, classifier):
        wait = getattr(waiter, "wait_ready", None)
        if callable(wait):
            wait(60)
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
