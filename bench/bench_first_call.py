"""First call on a prompt not seen before vs its repeats, after the classifier's warm-up.

``bench_classify.py`` warms up on 5 of its 20 pool prompts, so whatever a call builds on first
need (a regex compiled for the text, a list read, a database compiled) lands in its p95; a
service pays it on real traffic. Here a fresh interpreter per tree builds the classifier, waits
for ``wait_ready()`` (NER loaded, prefilter compiled, warm-up run), classifies one unrelated
text, then each pool prompt of ``bench_classify`` once (the first call, CPU time of the
thread) and ``--repeats`` more times (the minimum is the repeat cost). Trees alternate A B B A
with ``--baseline``.

Usage::

    PYTHONPATH=src .venv/bin/python bench/bench_first_call.py [--families clinical,name-dense] \
        [--sizes 200,1024] [--baseline /tmp/base/src] [--rounds 2]
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

SRC = Path(__file__).resolve().parents[1] / "src"
BENCH = Path(__file__).resolve().parent


def worker(families: list[str], sizes: list[int], repeats: int) -> None:
    """Print one JSON object: family/size -> list of (first ms, min repeat ms) per prompt."""
    sys.path.insert(0, str(BENCH))
    from bench_classify import POOL, build_family

    from hybridllm.classifiers import get_classifier

    classifier: Any = get_classifier()
    classifier.recognizers[-1].wait_ready()
    classifier.wait_ready()
    classifier.classify("Warm-up: how do I sort a list in Python?")
    out: dict[str, list[tuple[float, float]]] = {}
    for family in families:
        for size in sizes:
            rows = []
            for v in range(POOL):
                text = build_family(family, size, v)
                times = []
                for _ in range(1 + repeats):
                    c0 = time.thread_time()
                    classifier.classify(text)
                    times.append((time.thread_time() - c0) * 1000)
                rows.append((times[0], min(times[1:])))
            out[f"{family} {size}"] = rows
    print(json.dumps(out))


def run(src: Path, args: argparse.Namespace) -> dict[str, list[list[float]]]:
    """One fresh interpreter with the sources in ``src``."""
    done = subprocess.run(
        [
            sys.executable,
            __file__,
            "--worker",
            "--families",
            args.families,
            "--sizes",
            args.sizes,
            "--repeats",
            str(args.repeats),
        ],
        capture_output=True,
        text=True,
        check=True,
        env={"PYTHONPATH": str(src.resolve())},
    )
    result: dict[str, list[list[float]]] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def _p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def main() -> None:
    """Print, per tree and cell: first-call p50 / p95 / max, repeat p50, and the mean extra."""
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--families", default="clinical,name-dense,mixed")
    ap.add_argument("--sizes", default="200,1024")
    ap.add_argument("--repeats", type=int, default=5)
    ap.add_argument("--baseline", type=Path, default=None)
    ap.add_argument("--rounds", type=int, default=2)
    ap.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.worker:
        worker(args.families.split(","), [int(s) for s in args.sizes.split(",")], args.repeats)
        return
    trees = [("this", SRC)] + ([("baseline", args.baseline)] if args.baseline else [])
    pooled: dict[str, dict[str, list[list[float]]]] = {name: {} for name, _ in trees}
    for r in range(args.rounds):
        order = trees if r % 2 == 0 else trees[::-1]
        for name, src in order:
            for cell, rows in run(src, args).items():
                pooled[name].setdefault(cell, []).extend(rows)
    print("| tree | cell | first p50 | first p95 | first max | repeat p50 | first - repeat, mean |")
    print("|---|---|---:|---:|---:|---:|---:|")
    for name, _ in trees:
        for cell, rows in pooled[name].items():
            first = [f for f, _ in rows]
            again = [a for _, a in rows]
            extra = statistics.mean(f - a for f, a in rows)
            print(
                f"| {name} | {cell} | {statistics.median(first):.2f} | {_p95(first):.2f} "
                f"| {max(first):.2f} | {statistics.median(again):.2f} | {extra:+.2f} |"
            )


if __name__ == "__main__":
    main()
