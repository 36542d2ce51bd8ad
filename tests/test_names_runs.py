"""A one-word name that is one word of a place's name or of a run of everyday words in title
case is no person (``name_public._run_kind``): ``Visit the Grand Palace``, ``Retirement
Planning and Side Hustles``. A private name in a list of names stays, and so does an everyday
word among them. Every text is written for this file (no line of a benchmark set); all run
through the real classifier."""

from __future__ import annotations

import pytest

from hybridllm.classifiers import get_classifier


def persons(text: str) -> list[str]:
    c = get_classifier().classify(text)
    return [text[f.start : f.end] for f in c.findings if f.entity_type == "PERSON"]


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("Day 3: Kyoto. See the Imperial Palace, Kinkaku, and Nijo after lunch.", "Palace"),
        (
            "May content covers Budgeting, Credit Repair, Building Cash reserves and Side "
            "Hustles. The weekly plan has 3 reels.",
            "Side",
        ),
        ("Then fly to Bangkok. Visit the Grand Palace, Wat Pho, and the river markets.", "Palace"),
        ("Day 2: a boat to Ha Long Bay, then the Tonkin Peninsula, and Cat Ba.", "Peninsula"),
    ],
)
def test_word_of_a_place_or_title_is_no_person(text: str, word: str) -> None:
    assert not any(word in p for p in persons(text)), persons(text)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Cleaning rota: Mon Booth, Tue Okafor, Wed Lindqvist", "Booth"),
        ("Please send the Grand Palace tickets to Marisol Quenby today.", "Marisol Quenby"),
    ],
)
def test_names_beside_them_stay(text: str, name: str) -> None:
    assert any(name in p for p in persons(text)), persons(text)
