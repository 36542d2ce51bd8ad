"""Full names the prompt introduces as characters of fiction are no private person's
(:mod:`hybridllm.classifiers.name_cast`); a record or a personal cue near one still keeps it.
All texts run through the real classifier."""

from __future__ import annotations

import pytest

from hybridllm.classifiers import get_classifier


def persons(text: str) -> list[str]:
    c = get_classifier().classify(text)
    return [text[f.start : f.end] for f in c.findings if f.entity_type == "PERSON"]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        (
            "Write a screenplay where the main character is Marta Kowalczyk an accomplished "
            "biologist who is retired.",
            "Marta Kowalczyk",
        ),
        ("can you give me a character analysis of Bede Okonjo from the play?", "Bede Okonjo"),
        ("The novel follows the journey of protagonist Tamsin Varis across the sea.", "Tamsin"),
        ("Ilkka Brannigan is a fictional character. Describe his childhood.", "Ilkka Brannigan"),
        ("In the book, Ruby Kowalczyk, the main character, finds a map.", "Ruby Kowalczyk"),
    ],
)
def test_a_full_name_called_a_character_is_no_person(text: str, name: str) -> None:
    assert not any(name in p for p in persons(text)), persons(text)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # a hero is someone real
        ("My hero, Chris Kowalczyk, climbs every day.", "Chris Kowalczyk"),
        # a record near the name
        ("The main character is Anna Kowalczyk, my neighbour, 415-555-0134", "Anna Kowalczyk"),
        # "character" elsewhere in the sentence
        ("Anna Kowalczyk has a strong character and leads the team.", "Anna Kowalczyk"),
    ],
)
def test_a_name_with_a_record_or_without_a_cast_cue_stays(text: str, name: str) -> None:
    assert any(name in p for p in persons(text)), persons(text)
