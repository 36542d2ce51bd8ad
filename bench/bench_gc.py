"""What Python's garbage collector costs a warmed classifier, with and without ``gc.freeze()``.

After the classifier is built and warmed up, the process holds ~100k objects the cyclic
collector tracks (mostly spaCy, thinc, pydantic and the modules they import). A full (gen-2)
collection walks all of them; it runs when enough objects have survived the younger
collections, i.e. now and then while a service classifies new prompts. ``gc.freeze()`` moves
every object tracked so far to a permanent generation the collector skips.

Each mode runs in a fresh interpreter: build the classifier, ``wait_ready()``, classify a few
prompts, then (``freeze``) ``gc.freeze()``, then classify ``--calls`` distinct prompts (every
family, 200 B, 1 KB and 10 KB, fresh variants, so the name and Safe Harbor caches grow as in a
service) and record every collection the collector makes (generation, CPU ms) and each call's
CPU ms. Prints per mode the tracked objects, one timed ``gc.collect()`` before the calls,
the collections during the calls, and the calls' p50 / p99 / max.

``--src DIR`` measures another source tree (e.g. a checkout before a change).

Usage::

    PYTHONPATH=src .venv/bin/python bench/bench_gc.py [--calls 2000] [--src OLD/src]
"""

from __future__ import annotations

import argparse
import gc
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

MODES = ("plain", "freeze")


def worker(mode: str, calls: int) -> dict[str, Any]:
    """Time ``calls`` classifications in this interpreter (``mode`` ``"freeze"``: after
    ``gc.freeze()``)."""
    from bench_classify import FAMILIES, build_family

    from hybridllm.classifiers import get_classifier

    classifier: Any = get_classifier()
    classifier.recognizers[-1].wait_ready()
    classifier.wait_ready()
    for family in FAMILIES:
        classifier.classify(build_family(family, 200, 1000))
    t0 = time.thread_time()
    gc.collect()
    full_ms = (time.thread_time() - t0) * 1000
    tracked = len(gc.get_objects())
    if mode == "freeze":
        gc.freeze()
    t0 = time.thread_time()
    gc.collect()
    after_ms = (time.thread_time() - t0) * 1000
    pauses: list[tuple[int, float]] = []
    started = [0.0]

    def on_gc(phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            started[0] = time.thread_time()
        else:
            pauses.append((info["generation"], (time.thread_time() - started[0]) * 1000))

    texts = [
        build_family(family, size, variant)
        for variant in range(calls)
        for family in FAMILIES
        for size in (200, 1024, 10240)
    ][:calls]
    gc.callbacks.append(on_gc)
    cpu: list[float] = []
    for text in texts:
        t0 = time.thread_time()
        classifier.classify(text)
        cpu.append((time.thread_time() - t0) * 1000)
    gc.callbacks.remove(on_gc)
    ordered = sorted(cpu)
    full = [ms for gen, ms in pauses if gen == 2]
    return {
        "mode": mode,
        "tracked": tracked,
        "frozen": gc.get_freeze_count(),
        "collect_ms": round(full_ms, 1),
        "collect_after_ms": round(after_ms, 2),
        "collections": len(pauses),
        "collections_ms": round(sum(ms for _, ms in pauses), 1),
        "full": len(full),
        "full_max_ms": round(max(full, default=0.0), 2),
        "full_ms": round(sum(full), 1),
        "p50": round(statistics.median(cpu), 3),
        "p99": round(ordered[int(0.99 * (len(ordered) - 1))], 3),
        "max": round(ordered[-1], 2),
        "total_ms": round(sum(cpu), 1),
    }


def main() -> None:
    """Run each mode in a fresh interpreter and print one markdown row per mode."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--calls", type=int, default=2000)
    parser.add_argument("--rounds", type=int, default=1, help="fresh runs per mode, A B B A")
    parser.add_argument("--src", default=None, help="source tree to measure (default: installed)")
    parser.add_argument("--worker", choices=MODES, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        if args.src:
            sys.path.insert(0, str(Path(args.src).resolve()))
        print(json.dumps(worker(args.worker, args.calls)))
        return
    print(
        "| mode | tracked objects | gc.collect() ms | after freeze | collections in the calls "
        "(ms) | full ones | full max ms | full total ms | call CPU p50 | p99 | max | "
        "calls total ms |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for r in range(args.rounds):
        for mode in MODES if r % 2 == 0 else MODES[::-1]:
            out = subprocess.run(
                [
                    sys.executable,
                    __file__,
                    "--worker",
                    mode,
                    "--calls",
                    str(args.calls),
                    *(["--src", args.src] if args.src else []),
                ],
                capture_output=True,
                text=True,
                check=True,
                timeout=3600,
            )
            d = json.loads(out.stdout.strip().splitlines()[-1])
            print(
                f"| {d['mode']} | {d['tracked']} | {d['collect_ms']} | {d['collect_after_ms']} | "
                f"{d['collections']} ({d['collections_ms']}) | {d['full']} | {d['full_max_ms']} | "
                f"{d['full_ms']} | {d['p50']} | {d['p99']} | {d['max']} | {d['total_ms']} |"
            )


if __name__ == "__main__":
    main()
