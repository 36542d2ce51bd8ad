"""Long runs of word characters and separators are read in linear time (no rule tries every
"+" or "-" of a run to its end). Real classifier; the bound is generous (CPU time of a shared
machine), the failure it guards is seconds per call."""

from __future__ import annotations

import time

import pytest

from hybridllm.classifiers import get_classifier


@pytest.mark.parametrize(
    "unit",
    ["NAD+BY+", "a+", "x-1_"],
)
def test_long_runs_stay_linear(unit: str) -> None:
    classifier = get_classifier()
    classifier.classify("warm up")
    short, long = unit * (1000 // len(unit)), unit * (8000 // len(unit))
    times = []
    for text in (short, long):
        t0 = time.thread_time()
        classifier.classify(text)
        times.append(time.thread_time() - t0)
    # 8x the text: linear work takes ~8x the time; the quadratic rules took 60-250x
    assert times[1] < max(30 * times[0], 0.5)
