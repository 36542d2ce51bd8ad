"""A nationality or a faith before the noun it qualifies is no person's name; nor a holiday,
a place's point or the Earth.

``Danish``, ``Baptist`` and ``Georgian`` are in the name lists (people bear them). Before a noun
of food, language or faith (``some Danish dishes``, ``Adventist and Baptist denominations``) the
word is an adjective (:mod:`hybridllm.classifiers.name_adjectives`); with a person's cue it
stays a name (``Tell Christian that``, ``Ask Danish about it``).
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
        "I am interested in trying some Japanese  dishes. Any ideas for a dinner party?",
        "What are the main differences between the Adventist and Baptist denominations?",
        "I like to host guests. I am interested in trying some Danish dishes tonight.",
    ],
)
def test_group_adjective_is_no_name(text: str) -> None:
    assert _persons(text) == []


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Tell Christian that the meeting moved to Friday.", "Christian"),
        ("Christian said he would come to the Danish embassy.", "Christian"),
        ("Ask Danish about it before noon.", "Danish"),
    ],
)
def test_given_name_with_a_cue_stays(text: str, name: str) -> None:
    assert name in _persons(text)


@pytest.mark.parametrize(
    "text",
    [
        "Write a poem that ends with Merry Christmas to everyone.",
        "What is the status of Hinkley Point C in the UK?",
    ],
)
def test_holidays_places_and_planets_are_no_names(text: str) -> None:
    assert _persons(text) == []


def test_earth_is_no_item_of_a_list_of_names() -> None:
    assert "Earth" not in _persons("Compare Earth and Mars for a kid.")


def test_a_surname_that_is_a_holiday_elsewhere_stays() -> None:
    assert "Jane Easter" in _persons("Call Jane Easter tomorrow about the lease.")
