"""A state, a province or a country is no Safe Harbor place (issue 14).

Safe Harbor removes geographic subdivisions smaller than a state; a state or a country may stay.
A clinical-sounding prompt that says someone lives "in Ontario" or moved "from Germany" was
made PHI by that word alone (see ``classifiers/safe_harbor_regions.py``).
"""

from __future__ import annotations

import pytest

from hybridllm.classifiers import classify

_NOTE = "Pt is a 45 yo male, seen today for chest pain. Lives in {} with his wife."


@pytest.mark.parametrize("place", ["Ontario", "Texas", "British Columbia", "Germany"])
def test_a_state_or_a_country_after_a_place_cue_is_no_place(place: str) -> None:
    text = _NOTE.format(place)
    c = classify(text)
    assert c.clinical
    assert not c.findings, [(f.entity_type, text[f.start : f.end]) for f in c.findings]
    assert "PHI" not in c.categories


@pytest.mark.parametrize(
    "place",
    [
        "Lakewood",  # a town
        "New York",  # a state, and a city
        "Georgia",  # a state, and a given name
    ],
)
def test_a_town_or_an_ambiguous_region_stays_a_place(place: str) -> None:
    text = _NOTE.format(place)
    c = classify(text)
    assert (place, "PLACE") in {(text[f.start : f.end], f.entity_type) for f in c.findings}
    assert "PHI" in c.categories


def test_a_town_beside_its_state_is_still_found() -> None:
    text = "Pt seen today for chest pain, BP 150/90. Moved from Lakewood, Colorado last year."
    c = classify(text)
    assert "Lakewood" in {text[f.start : f.end] for f in c.findings}
    assert "PHI" in c.categories
