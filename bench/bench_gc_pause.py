"""How long the garbage collector's full collections take in a process with a loaded classifier.

CPython's cyclic collector runs a full (generation 2) collection every so often on its own;
each one walks every tracked container's entries, and a classifier's word lists are large
containers. This script loads the classifier (``--src DIR`` measures other sources), times
``--collect`` forced full collections (median and min), then classifies ``--calls`` 10 KB
``name-dense-intl`` prompts (``bench_classify``'s family) and reports how many full
collections the process made on its own meanwhile and how long they took, with the CPU time
of the calls. And, at the end, the references the collector walks (tracked objects' referents).

Usage::

    PYTHONPATH=src .venv/bin/python bench/bench_gc_pause.py [--calls 300] [--src OLD/src]
"""

from __future__ import annotations

import argparse
import gc
import json
import statistics
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))


def main() -> None:
    """Load, collect, classify; print one JSON line."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--src", default=None, help="sources to measure (default: installed)")
    parser.add_argument("--collect", type=int, default=7, help="forced full collections")
    parser.add_argument("--calls", type=int, default=300, help="10 KB prompts classified")
    args = parser.parse_args()
    if args.src:
        sys.path.insert(0, args.src)
    import bench_classify  # (after --src is on the path)

    from hybridllm.classifiers import get_classifier

    classifier: Any = get_classifier()
    for recognizer in classifier.recognizers:
        if hasattr(recognizer, "wait_ready"):
            recognizer.wait_ready()
    classifier.wait_ready()  # the prefilter compiled and the lists read (else calls are slower)
    classifier.classify("Call Jane Roe at 555-201-7788; mr kowalski said hi.")
    forced = []
    for _ in range(args.collect):
        start = time.perf_counter()
        gc.collect(2)
        forced.append((time.perf_counter() - start) * 1000)
    pool = [bench_classify.build_family("name-dense-intl", 10240, v) for v in range(30)]
    own: list[float] = []
    began = [0.0]

    def watch(phase: str, info: dict[str, int]) -> None:
        if info["generation"] != 2:
            return
        if phase == "start":
            began[0] = time.perf_counter()
        else:
            own.append((time.perf_counter() - began[0]) * 1000)

    gc.callbacks.append(watch)
    cpu = time.thread_time()
    for i in range(args.calls):
        classifier.classify(pool[i % len(pool)])
    cpu = (time.thread_time() - cpu) * 1000
    gc.callbacks.remove(watch)
    # (last: asking for an object's referents gives it a real __dict__, which slows attribute
    # access afterwards)
    refs = sum(len(gc.get_referents(o)) for o in gc.get_objects())
    print(
        json.dumps(
            {
                "src": args.src or "installed",
                "walked_references": refs,
                "forced_full_ms_median": round(statistics.median(forced), 1),
                "forced_full_ms_min": round(min(forced), 1),
                "calls": args.calls,
                "own_full_collections": len(own),
                "own_full_ms": [round(x, 1) for x in own],
                "cpu_ms_per_call": round(cpu / args.calls, 1),
            }
        )
    )


if __name__ == "__main__":
    main()
