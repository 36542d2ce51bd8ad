"""A shop named after someone is a shop (:mod:`hybridllm.classifiers.name_shop`).

``Gayle's Bakery`` or ``Eli's Pizza`` names a business; a full name before the possessive, or
a lower-case noun after it, still names a person.
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
        "Desirable location...walk to Capitola Village, Gayle's Bakery, restaurants, shopping.",
        "Draft a blog post about Ripley's Aquarium. Make sure it has 7 placeholders.",
        "While we still have a long way to go, Topher’s Farm has found its place.",
        'For example, A2 says "Eli\'s Pizza" and B2 says "DoorDash".',
    ],
)
def test_a_business_named_after_someone_is_no_person(text: str) -> None:
    assert _persons(text) == []


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("I helped at Maria Lopez's Salon yesterday.", "Maria Lopez"),
        ("We visited Sarah's farm yesterday.", "Sarah"),
    ],
)
def test_an_owner_in_full_or_a_plain_noun_stays_a_person(text: str, name: str) -> None:
    assert any(name in p for p in _persons(text))
