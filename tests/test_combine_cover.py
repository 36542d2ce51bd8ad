"""The interval lookup that decides which normalized-view findings are new (combine._Cover)."""

from __future__ import annotations

import random

from hybridllm.classifiers.combine import CATEGORY_RANK, _Cover
from hybridllm.models import Finding


def _finding(start: int, end: int, category: str) -> Finding:
    return Finding(
        entity_type="X", category=category, start=start, end=end, score=0.5, recognizer="t"
    )


def test_cover_agrees_with_a_scan_of_every_finding() -> None:
    rng = random.Random(12)
    cats = list(CATEGORY_RANK)
    for _ in range(200):
        found = []
        for _ in range(rng.randint(0, 12)):
            a = rng.randint(0, 80)
            found.append(_finding(a, a + rng.randint(1, 25), rng.choice(cats)))
        cover = _Cover(found)
        for _ in range(20):
            a = rng.randint(0, 90)
            f = _finding(a, a + rng.randint(1, 20), rng.choice(cats))
            scan = any(
                g.start <= f.start
                and f.end <= g.end
                and CATEGORY_RANK[g.category] >= CATEGORY_RANK[f.category]
                for g in found
            )
            assert cover.contains(f) == scan


def test_a_lower_ranked_finding_does_not_hide_a_secret_inside_it() -> None:
    cover = _Cover([_finding(0, 50, "PII")])
    assert cover.contains(_finding(10, 20, "PII"))
    assert not cover.contains(_finding(10, 20, "SECRET"))
    assert not cover.contains(_finding(40, 60, "PII"))
