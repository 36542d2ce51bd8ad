"""A later mention of a word is a name only while the mention it repeats is one.

The name stage adds the later mentions of a found name's words before the public-figure and
everyday-word rules judge the first mention (:mod:`hybridllm.classifiers.name_orphans`). When
the first mention is dropped (here a puzzle's labelled rods, ``Rod A:``; in real prompts also a
paint's name of everyday words or a book's title), the later mentions go with it; a later
mention of a name that stays found stays.
"""

from __future__ import annotations

import pytest

from hybridllm.classifiers import get_classifier


def _persons(text: str) -> list[str]:
    found = get_classifier().classify(text).findings
    return [text[f.start : f.end] for f in found if f.entity_type == "PERSON"]


@pytest.mark.parametrize(
    "text",
    [
        # the same rods, listed more tersely
        "Move the stack.\nRod A: 3, 2, 1\nRod B: -\nRod C: -\nThen say which Rod ends up empty and "
        "which Rod is full.",
        # a puzzle's rods, labelled, then named again in prose
        "Three rods stand in a row.\nRod A: disks 3, 2, 1\nRod B: empty\nRod C: empty\n"
        "Move every disk from the first Rod to the last Rod, one at a time.",
    ],
)
def test_repeat_of_a_dropped_mention_is_no_name(text: str) -> None:
    assert _persons(text) == []


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Madison S. Leonard joined in May. Madison reports to the CFO now.", "Madison"),
        ("Please forward the invoice to Tomasz Wieczorek. Wieczorek will sign it.", "Wieczorek"),
    ],
)
def test_repeat_of_a_found_name_stays(text: str, name: str) -> None:
    assert _persons(text).count(name) >= 1
