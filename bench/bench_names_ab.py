"""Two source trees' classifiers in one process: the name stage or ``classify()``, interleaved.

Loads the ``hybridllm`` package of each ``--src`` directory in turn under its own module
objects (the first tree's modules are set aside before the next is imported), builds each
tree's classifier and waits for its spaCy model, then times every latency prompt of
``bench_classify.build_family`` (20 per family and size) ``--passes`` times per tree, the trees
alternating A B / B A from call to call, CPU time of the calling thread. Prints per tree the
median and p95 over the prompts of each prompt's minimum (a load spike on one call does not
move the minimum), the mean of the minima, and how many calls found something different in
the two trees (must be 0). One process, so the machine's load moves both trees alike.

``--stage names`` times the name recognizer's ``find`` alone, inside the prefilter's scan
scope and with the Safe Harbor pass's settled spans on a clinical note, as ``classify()`` runs
it; ``--stage classify`` the whole call.

Usage::

    PYTHONPATH=src .venv/bin/python bench/bench_names_ab.py --src /tmp/base/src --src src \
        [--families clinical,name-dense] [--sizes 200,1024,10240] [--passes 8] \
        [--stage names]
"""

from __future__ import annotations

import argparse
import importlib
import statistics
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))


def _load_tree(src: str) -> dict[str, Any]:
    """The tree's classifier and the modules the name-stage timing needs, loaded apart."""
    for name in [m for m in sys.modules if m == "hybridllm" or m.startswith("hybridllm.")]:
        del sys.modules[name]
    sys.path.insert(0, str(Path(src).resolve()))
    try:
        classifiers: Any = importlib.import_module("hybridllm.classifiers")
        side = {
            "combine": importlib.import_module("hybridllm.classifiers.combine"),
            "normalize": importlib.import_module("hybridllm.classifiers.normalize"),
            "prefilter": importlib.import_module("hybridllm.classifiers.prefilter"),
            "classifier": classifiers.get_classifier(),
        }
    finally:
        sys.path.pop(0)
    side["classifier"].recognizers[-1].wait_ready()
    side["classifier"].wait_ready()
    return side


def _names(side: dict[str, Any], text: str) -> tuple[float, list[Any]]:
    c, pf = side["classifier"], side["prefilter"]
    text = side["normalize"].spaced(text)
    settled: list[tuple[int, int]] = []
    if c.clinical([text]):
        for rec in c.clinical_recognizers:
            scope = pf.scanning(c._prefilter, text)
            with scope:
                scope.hits(text)
                found = rec.find(text)
            settled += side["combine"].settled_spans(text, found)
    scope = pf.scanning(c._prefilter, text)
    with scope:
        scope.hits(text)
        t0 = time.thread_time()
        out = c.recognizers[-1].find(text, settled=settled or None)
        took = time.thread_time() - t0
    return took, sorted((f.start, f.end, f.score, f.recognizer) for f in out)


def _classify(side: dict[str, Any], text: str) -> tuple[float, list[Any]]:
    t0 = time.thread_time()
    out = side["classifier"].classify(text)
    took = time.thread_time() - t0
    return took, sorted(
        (f.entity_type, f.start, f.end, f.score, f.recognizer) for f in out.findings
    )


def main() -> None:
    """Print one line per family and size: median / p95 (mean) of the per-prompt minima."""
    from bench_classify import build_family

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--src", action="append", required=True, help="a tree's src/ (twice)")
    parser.add_argument("--families", default="clinical,name-dense")
    parser.add_argument("--sizes", default="200,1024,10240")
    parser.add_argument("--passes", type=int, default=8)
    parser.add_argument("--stage", choices=("names", "classify"), default="names")
    args = parser.parse_args()
    sides = [_load_tree(src) for src in args.src]
    call = _names if args.stage == "names" else _classify
    print(
        f"{args.stage}: ms CPU, median / p95 (mean) of each prompt's minimum; "
        + " | ".join(args.src)
    )
    for family in args.families.split(","):
        for size in (int(s) for s in args.sizes.split(",")):
            texts = [build_family(family, size, v) for v in range(20)]
            best = [[float("inf")] * len(texts) for _ in sides]
            differ = 0
            for p in range(args.passes):
                for i, text in enumerate(texts):
                    order = list(range(len(sides)))
                    if (p + i) % 2:
                        order.reverse()
                    found = []
                    for k in order:
                        took, out = call(sides[k], text)
                        best[k][i] = min(best[k][i], took)
                        found.append(out)
                    differ += any(f != found[0] for f in found)
            cells = []
            for row in best:
                ms = sorted(b * 1000 for b in row)
                p95 = ms[round(0.95 * (len(ms) - 1))]
                cells.append(f"{statistics.median(ms):.2f} / {p95:.2f} ({statistics.mean(ms):.2f})")
            print(f"{family} {size} B: " + " | ".join(cells) + f"  differing calls: {differ}")


if __name__ == "__main__":
    main()
