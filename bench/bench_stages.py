"""CPU time of each classification stage alone, the minimum of several passes per note.

``bench_classify.py`` times each stage once per prompt: on a shared machine a load spike
lands in whichever stage ran then. Here every stage runs ``--passes`` times on each of 10
prompts of a family and size (inside the prefilter's scan scope, the scan itself timed apart),
and the minimum per prompt is averaged: a stable figure to compare two trees run one after
the other. Also timed, apart from "all but names": the steps of ``classify()`` that are no
recognizer (Unicode spaces, decoded spans, the payload rules and the merge of overlaps), as
"steps". The name stage gets the Safe Harbor pass's settled spans on a clinical note, as in
``classify()`` (where the tree has them).

Usage::

    PYTHONPATH=src .venv/bin/python bench/bench_stages.py [--family clinical] [--size 10240] \
        [--passes 7]
"""

from __future__ import annotations

import argparse
import contextlib
import json
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))


def stages(family: str, size: int, passes: int) -> dict[str, float]:
    """CPU ms per call of each stage (minimum of ``passes``, mean over 10 prompts)."""
    from bench_classify import build_family

    from hybridllm.classifiers import combine, get_classifier
    from hybridllm.classifiers import normalize as norm
    from hybridllm.classifiers import prefilter as pf

    classifier: Any = get_classifier()
    classifier.recognizers[-1].wait_ready()
    classifier.wait_ready()
    spaced = getattr(norm, "spaced", lambda t: t)
    raw = [build_family(family, size, v) for v in range(10)]
    pool = [spaced(text) for text in raw]
    settle = getattr(combine, "settled_spans", None)
    clinical_recs = tuple(classifier.clinical_recognizers)
    total: dict[str, float] = {}

    def best(name: str, text: str, fn: Any, *args: Any, **kwargs: Any) -> Any:
        low, out = float("inf"), None
        for _ in range(passes):
            scope = pf.scanning(classifier._prefilter, text)
            with scope:
                t0 = time.thread_time()
                scope.hits(text)  # the scan (timed as "prefilter"), then the stage
                if fn is not None:
                    t0 = time.thread_time()
                    out = fn(*args, **kwargs)
                low = min(low, time.thread_time() - t0)
        total[name] = total.get(name, 0.0) + low * 1000 / len(pool)
        return out

    for source, text in zip(raw, pool, strict=True):
        best("prefilter", text, None)
        best("normalize", text, norm.normalize, text)
        clinical = bool(best("clinical", text, classifier.clinical, [text]))
        settled: list[tuple[int, int]] = []
        every: list[Any] = []
        for rec in (*(clinical_recs if clinical else ()), *classifier.recognizers):
            kwargs: dict[str, Any] = {}
            if settled and getattr(rec, "accepts_settled", False):
                kwargs["settled"] = settled
            found = best(rec.name, text, rec.find, text, **kwargs)
            every += found
            if rec in clinical_recs and settle is not None:
                with contextlib.suppress(TypeError):
                    settled += settle(text, found)
        # classify()'s own steps around the recognizers (STEPS)
        best("step: spaces", source, spaced, source)
        if hasattr(classifier, "_decoded"):
            best("step: decoded spans", text, classifier._decoded, text, 0, time.perf_counter())
        best("step: payload rules + merge", text, _merge, combine, every, clinical)
    return {k: round(v, 3) for k, v in total.items()}


STEPS = "step: "
"""Prefix of the steps of ``classify()`` that are no recognizer (not in "all but names")."""


def _merge(combine: Any, found: list[Any], clinical: bool) -> Any:
    return combine.merge_overlaps(combine.apply_payload_rules(found, clinical=clinical))


def main() -> None:
    """Print the stage table of the ``hybridllm`` on ``sys.path`` as one JSON object."""
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--family", default="clinical")
    ap.add_argument("--size", type=int, default=10240)
    ap.add_argument("--passes", type=int, default=7)
    args = ap.parse_args()
    result = stages(args.family, args.size, args.passes)
    others = sum(v for k, v in result.items() if k != "names" and not k.startswith(STEPS))
    steps = sum(v for k, v in result.items() if k.startswith(STEPS))
    print(json.dumps({**result, "all but names": round(others, 3), "steps": round(steps, 3)}))


if __name__ == "__main__":
    main()
