"""Where the 200 B p95 comes from: prompts new to the process vs seen before, one family each.

``bench_classify.py`` times a pool of 20 prompts 40 times, so 15 of its 40 calls are the first
call on a prompt. This script separates the two on a larger pool: it classifies ``N`` fresh
prompts of each family once (first-seen) and then each again (repeated), CPU time of the
calling thread, and prints p50, p95 and their ratio for both passes. When the ratio stays near
2 on both, the tail is not a cold cache but the spread between prompts (those whose names
reach NER cost about twice those decided by the lists).

Usage::

    PYTHONPATH=src .venv/bin/python bench/bench_tail.py [--families clinical,name-dense] \
        [--size 200] [--n 100]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_classify import build_family


def _p95(samples: list[float]) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))]


def main() -> None:
    """Print first-seen and repeated CPU p50 / p95 per family."""
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--families", default="clinical,name-dense,mixed,code-log")
    ap.add_argument("--size", type=int, default=200)
    ap.add_argument("--n", type=int, default=100)
    args = ap.parse_args()
    from hybridllm.classifiers import get_classifier

    clf = get_classifier()
    clf.recognizers[-1].wait_ready()  # type: ignore[attr-defined]
    if hasattr(clf, "wait_ready"):
        clf.wait_ready()
    print("| family | bytes | N | first-seen p50 / p95 ms (ratio) | repeated p50 / p95 (ratio) |")
    print("|---|---:|---:|---|---|")
    for family in args.families.split(","):
        pool = [build_family(family, args.size, v) for v in range(args.n + 5)]
        for text in pool[:5]:  # warm-up
            clf.classify(text)
        passes: list[list[float]] = []
        for _ in range(2):
            cpu: list[float] = []
            for text in pool[5:]:
                c0 = time.thread_time()
                clf.classify(text)
                cpu.append((time.thread_time() - c0) * 1000)
            passes.append(cpu)
        cells = [
            f"{statistics.median(c):.2f} / {_p95(c):.2f} ({_p95(c) / statistics.median(c):.2f})"
            for c in passes
        ]
        print(f"| {family} | {args.size} | {args.n} | {cells[0]} | {cells[1]} |")


if __name__ == "__main__":
    main()
