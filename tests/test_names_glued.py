"""Words run together without their spaces are no names (``name_words._glued``), and a run of
everyday words before a colon at a line start is a heading, not a transcript's speaker
(``name_public.drop_public``). Names of the same shapes stay found. Every text is written for
this file (no line of a benchmark set); all run through the real classifier.
"""

from __future__ import annotations

import pytest

from hybridllm.classifiers import get_classifier
from hybridllm.classifiers.name_words import ordinary_word


def persons(text: str) -> list[str]:
    c = get_classifier().classify(text)
    return [text[f.start : f.end] for f in c.findings if f.entity_type == "PERSON"]


@pytest.mark.parametrize(
    "word",
    [
        "ithink",  # "i" + a word
        "iwanttoknow",  # "i" + words with a short function word
        "bluebookbluebook",  # three everyday words or more
        "whichofthefollowingisnottrue",  # four or more with short function words
    ],
)
def test_glued_words_are_ordinary(word: str) -> None:
    assert ordinary_word(word)


@pytest.mark.parametrize(
    "word",
    # names made of short words, two words, a word and a letter: how names are made
    ["roseby", "goodwin", "saibara", "martuska", "sheoldred", "panina"],
)
def test_names_of_word_pieces_are_not_glued(word: str) -> None:
    assert not ordinary_word(word)


@pytest.mark.parametrize(
    "text",
    [
        "Quiz:\n3. Whichofthefollowingisnottrue about neurons?\na) They fire",
        "I read the paper last week and Ithink the method is weak.",
        "Structure:\n\nMain Pain: slow meetings\n\nOffer: a demo",
        "Outline:\n\nBig Win: faster onboarding\n\nNext Step: book a call",
    ],
)
def test_no_person(text: str) -> None:
    assert persons(text) == []


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Minutes of the call.\n\nMarisol Quenby: we agreed on the budget", "Marisol Quenby"),
        ("Please ask Dr. Kelvara Ostrand about the results", "Kelvara Ostrand"),
    ],
)
def test_names_beside_them_stay(text: str, name: str) -> None:
    assert any(name in p for p in persons(text)), persons(text)
