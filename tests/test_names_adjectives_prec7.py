"""A people's, a language's or a faith's name before a noun of food, language, culture or faith
is an adjective (``some Danish dishes``, ``the Thai language``, ``the Adventist and Baptist
denominations``), and a recipe's object is a dish (``a recipe for Koldskål``), though such words
are listed given names or surnames too. A person of that name stays a name.

Texts are written for this file; everything runs through the real classifier and spaCy.
"""

from __future__ import annotations

import pytest

from hybridllm.classifiers import get_classifier
from hybridllm.classifiers.name_adjectives import dish_or_adjective


def _persons(text: str) -> list[str]:
    found = get_classifier().classify(text).findings
    return [text[f.start : f.end] for f in found if f.entity_type == "PERSON"]


@pytest.mark.parametrize(
    "text",
    [
        "My partner wants to try some Danish dishes tonight. Can you give me a recipe for "
        "Koldskål?",
        "Answer only in the Thai language, please.",
        "What separates the Adventist and Baptist denominations in their view of the Sabbath?",
        "We are exploring Georgian dishes this month. Please give me a recipe for Kubdari.",
        "Give me a recipe for Opor Ayam with the spices I need.",
    ],
)
def test_adjectives_and_dishes_are_no_persons(text: str) -> None:
    assert _persons(text) == []


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Danish booked the flights for the whole team yesterday.", "Danish"),
        ("Please ask Thai whether the invoice was paid.", "Thai"),
        ("Ask Maria for the recipe, she cooks it every Sunday.", "Maria"),
    ],
)
def test_people_of_those_names_stay_names(text: str, name: str) -> None:
    start = text.index(name)
    assert not dish_or_adjective(text, start, start + len(name), name.lower())
