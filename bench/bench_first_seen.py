"""First-seen vs repeated ``classify()`` CPU, two source trees side by side in fresh interpreters.

A held-out prompt is new to the process: every per-word memo of the name stage (a word's kind,
its name likeness, the other languages' lists) misses on its unlisted words. ``bench_tail.py``
separates first-seen from repeated calls for one tree; this script runs the same measurement
for two trees (``--baseline`` and the current ``src``) in fresh interpreters that alternate
(A B, then B A, ...), so a load spike on the shared machine lands on both. Each interpreter warms
up on 10 prompts of another seed, classifies ``N`` new prompts once (first-seen), then each
again (seen); the thread CPU of each call is pooled per tree over ``--rounds`` and the medians
are printed with their ratio (new / baseline).

Usage::

    .venv/bin/python bench/bench_first_seen.py --baseline OLD/src [--src src] \
        [--families records,name-dense] [--sizes 1024,10240] [--rounds 2]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parent
_WORKER = r"""
import json, sys, time
sys.path.insert(0, sys.argv[5])
from bench_classify import build_family
from hybridllm.classifiers import get_classifier
clf = get_classifier()
clf.recognizers[-1].wait_ready()
clf.wait_ready()
family, size, seed, n = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
for v in range(500, 510):
    clf.classify(build_family(family, size, v))
texts = [build_family(family, size, seed + v) for v in range(n)]
first, again = [], []
for t in texts:
    c0 = time.thread_time(); clf.classify(t); first.append(time.thread_time() - c0)
for t in texts:
    c0 = time.thread_time(); clf.classify(t); again.append(time.thread_time() - c0)
print(json.dumps([first, again]))
"""


def _run(src: Path, family: str, size: int, seed: int, n: int) -> tuple[list[float], list[float]]:
    env = {**os.environ, "PYTHONPATH": str(src), "PYTHONHASHSEED": "0"}
    args = [sys.executable, "-c", _WORKER, family, str(size), str(seed), str(n), str(BENCH)]
    out = subprocess.run(args, env=env, capture_output=True, text=True, check=True, timeout=900)
    first, again = json.loads(out.stdout.strip().splitlines()[-1])
    return first, again


def main() -> None:
    """Print one line per family and size: first-seen and seen CPU p50, baseline -> new."""
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--baseline", type=Path, required=True, help="the previous sources")
    ap.add_argument("--src", type=Path, default=BENCH.parent / "src", help="the new sources")
    ap.add_argument("--families", default="records,name-dense,name-dense-intl")
    ap.add_argument("--sizes", default="1024,10240")
    ap.add_argument("--rounds", type=int, default=2)
    args = ap.parse_args()
    trees = [args.baseline.resolve(), args.src.resolve()]
    for family in args.families.split(","):
        for size in (int(s) for s in args.sizes.split(",")):
            n = 40 if size <= 1024 else 12  # fewer of the long prompts
            pooled: dict[Path, tuple[list[float], list[float]]] = {t: ([], []) for t in trees}
            for r in range(args.rounds):
                for tree in trees if r % 2 == 0 else trees[::-1]:
                    first, again = _run(tree, family, size, 1000 + 100 * r, n)
                    pooled[tree][0].extend(first)
                    pooled[tree][1].extend(again)
            (fa, aa), (fb, ab) = (
                (statistics.median(pooled[t][0]) * 1000, statistics.median(pooled[t][1]) * 1000)
                for t in trees
            )
            print(
                f"{family} {size}: first-seen {fa:.2f} -> {fb:.2f} ms ({fb / fa:.3f}); "
                f"seen {aa:.2f} -> {ab:.2f} ms ({ab / aa:.3f})",
                flush=True,
            )


if __name__ == "__main__":
    main()
