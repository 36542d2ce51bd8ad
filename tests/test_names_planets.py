"""A planet's name where the text speaks of space is the planet, not a person.

``Mars``, ``Venus`` and ``Mercury`` are given names and surnames too; alone and capitalised, NER
read them as people (:mod:`hybridllm.classifiers.name_sky`). With words of space around them
they are the planets; after a title or with no word of space around them they stay names.
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
        "Imagine you are the first botanist in a colony on Mars. Which crops would you grow first?",
        "How long does a radio signal take to travel from Earth to Mars when they are farthest "
        "apart?",
        "Seen from Mars, how big would the Earth look in the night sky compared with our Moon?",
    ],
)
def test_planet_amid_words_of_space_is_no_name(text: str) -> None:
    assert _persons(text) == []


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Please send the rover manual to Mr. Mars before the launch.", "Mars"),
        ("Ask Venus to water the plants while I am away this weekend.", "Venus"),
    ],
)
def test_a_person_named_so_stays(text: str, name: str) -> None:
    assert name in _persons(text)
