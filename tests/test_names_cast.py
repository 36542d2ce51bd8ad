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


@pytest.mark.parametrize(
    ("text", "name"),
    [
        (
            'How many times does Michael Scott say "that\'s what she said" in the TV show The '
            "Office",
            "Michael Scott",
        ),
        (
            "Say that again but talk like Isaac Hayes's Chef character from the television show "
            "South Park?",
            "Isaac Hayes",
        ),
        ("What did Barney Stinson say to Ted Mosby in the sitcom?", "Barney Stinson"),
    ],
)
def test_a_full_name_placed_in_a_show_or_a_work_is_no_person(text: str, name: str) -> None:
    assert not any(name in p for p in persons(text)), persons(text)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # "book club", "show last night": no work of fiction's noun ends the phrase
        ("I met Tiina Sandt from the book club yesterday.", "Tiina Sandt"),
        ("Kaarle Virtanen was in the show last night at our school.", "Kaarle Virtanen"),
        # the phrase is in the next sentence
        ("Ask Maarit Lindqvist. She saw it in the movie Heat.", "Maarit Lindqvist"),
    ],
)
def test_a_full_name_beside_a_show_that_is_not_its_work_stays(text: str, name: str) -> None:
    assert any(name in p for p in persons(text)), persons(text)
