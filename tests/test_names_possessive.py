"""A possessive ends a name: the capitalised words after ``'s`` name what the person owns.

A run of capitalised words read as one name ran on past a possessive (``Rick Astley's Never
Gonna``), so the name before it was judged with the title of the work after it, and a public
figure's name stayed found (:mod:`hybridllm.classifiers.name_possessive`). The name now ends at
its possessive; an eponymous law stays dropped whole, and a private name before a possessive
stays found.
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
        "Can you explain the plot of Shakespeare's Hamlet in five sentences for a class?",
        "Which chords does Rick Astley's Never Gonna Give You Up use in the chorus?",
        "Rewrite Adam Sandler's Chanukah song so that it lists famous chefs instead.",
    ],
)
def test_public_name_before_a_title_is_dropped(text: str) -> None:
    assert _persons(text) == []


@pytest.mark.parametrize(
    ("text", "name"),
    [
        (
            "Please proofread the menu of Hadley Brannigan's Corner Kitchen before Monday.",
            "Hadley Brannigan",
        ),
        ("Tell my neighbour that Jorge Esposito's Garage Door is open again.", "Jorge Esposito"),
    ],
)
def test_private_name_ends_at_its_possessive(text: str, name: str) -> None:
    persons = _persons(text)
    assert any(p.startswith(name) for p in persons)
    assert not any("Kitchen" in p or "Door" in p for p in persons)


def test_eponymous_law_stays_dropped_whole() -> None:
    assert _persons("State Boyle's Law and Charles's Law, then compare them.") == []
