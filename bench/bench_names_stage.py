"""The name stage alone: CPU ms per call on the six prompt families of ``bench_classify``.

``bench_classify`` reports each stage's share from one pass over 10 prompts, which on a shared
2-core machine moves by 10-30% between runs. This script times only the classifier's
``NameRecognizer.find`` (thread CPU time), inside the prefilter's scan scope as ``classify()``
runs it (until round 40 it ran outside, where every rule's regex scans the whole text: ~6x the
time), on the same 10 prompts per family and size, after a warm-up pass, and keeps the best of
``--passes`` passes; run it once per source tree in the same session to compare.

Usage::

    PYTHONPATH=src .venv/bin/python bench/bench_names_stage.py [--src OLD/src] [--passes 3]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FAMILIES = ("mixed", "name-dense", "name-dense-intl", "records", "code-log", "clinical")
SIZES = (200, 1024, 10240)


def main() -> None:
    """Print one markdown row per family: CPU ms per call at 200 B / 1 KB / 10 KB."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--src", type=Path, default=ROOT / "src", help="sources to measure")
    parser.add_argument("--passes", type=int, default=3, help="timed passes (best is kept)")
    args = parser.parse_args()
    sys.path.insert(0, str(args.src.resolve()))
    sys.path.insert(0, str(ROOT / "bench"))
    import bench_classify  # the prompt families

    from hybridllm.classifiers import get_classifier
    from hybridllm.classifiers import prefilter as pf

    # The classifier's own name recognizer, run inside its prefilter's scan scope as
    # classify() runs it: outside the scope every rule's regex scans the whole text (~6x the
    # time). The scan itself is not counted (bench_stages.py times it as "prefilter").
    classifier = get_classifier()
    rec = next(r for r in classifier.recognizers if r.name == "names")
    rec.wait_ready()
    index = getattr(classifier, "_prefilter", None)

    def timed(prompt: str) -> float:
        scope = pf.scanning(index, prompt) if index is not None else None
        if scope is None:
            t0 = time.thread_time()
            rec.find(prompt)
            return time.thread_time() - t0
        with scope:
            scope.hits(prompt)
            t0 = time.thread_time()
            rec.find(prompt)
            return time.thread_time() - t0

    print(f"| family | 200 B | 1 KB | 10 KB |  ({args.src})")
    print("|---|---:|---:|---:|")
    for family in FAMILIES:
        cells = []
        for size in SIZES:
            prompts = [bench_classify.build_family(family, size, v) for v in range(10)]
            for p in prompts:
                timed(p)
            best = float("inf")
            for _ in range(args.passes):
                total = sum(timed(p) for p in prompts)
                best = min(best, total * 1000 / len(prompts))
            cells.append(f"{best:.2f}")
        print(f"| {family} | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()
