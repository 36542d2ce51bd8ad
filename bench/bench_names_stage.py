"""The name stage alone: CPU ms per call on the four prompt families of ``bench_classify``.

``bench_classify`` reports each stage's share from one pass over 10 prompts, which on a shared
2-core machine moves by 10-30% between runs. This script times only
``NameRecognizer.find`` (thread CPU time), on the same 10 prompts per family and size, after a
warm-up pass, and keeps the best of ``--passes`` passes; run it once per source tree in the same
session to compare.

Usage::

    PYTHONPATH=src .venv/bin/python bench/bench_names_stage.py [--src OLD/src] [--passes 3]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FAMILIES = ("mixed", "name-dense", "code-log", "clinical")
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

    from hybridllm.classifiers.names import NameRecognizer

    rec = NameRecognizer()
    rec.wait_ready()
    print(f"| family | 200 B | 1 KB | 10 KB |  ({args.src})")
    print("|---|---:|---:|---:|")
    for family in FAMILIES:
        cells = []
        for size in SIZES:
            prompts = [bench_classify.build_family(family, size, v) for v in range(10)]
            for p in prompts:
                rec.find(p)
            best = float("inf")
            for _ in range(args.passes):
                t0 = time.thread_time()
                for p in prompts:
                    rec.find(p)
                best = min(best, (time.thread_time() - t0) * 1000 / len(prompts))
            cells.append(f"{best:.2f}")
        print(f"| {family} | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()
