"""The spelling of an unlisted capitalised word weighs against NER's verdict on it: spelt like a
word of English or code (``Synpress``), no person unless NER says so; spelt like a name
(``Kaarle``), a person unless something else agrees with NER's "organisation" or "place"."""

from __future__ import annotations

import pytest

from hybridllm import redact
from hybridllm.classifiers import get_classifier
from hybridllm.classifiers.name_shape import name_likeness


def _persons(text: str) -> list[str]:
    found = get_classifier().classify(text).findings
    return [text[f.start : f.end] for f in found if f.entity_type == "PERSON"]


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("We migrated our end-to-end tests to Synpress last week.", "Synpress"),
        ("Is Invisalign better than braces for adults?", "Invisalign"),
    ],
)
def test_an_unlisted_word_spelt_like_a_word_is_no_person(text: str, word: str) -> None:
    assert name_likeness(word) < -0.25
    assert _persons(text) == []


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Yesterday Kaarle bought a new car.", "Kaarle"),
        ("The contract was signed by Gairbekov on Monday.", "Gairbekov"),
    ],
)
def test_an_unlisted_word_spelt_like_a_name_is_a_person(text: str, name: str) -> None:
    assert name_likeness(name) >= 1.1
    assert name in _persons(text)
    assert name not in redact(text).text


def test_a_place_after_a_preposition_of_place_stays_a_place() -> None:
    # NER's "place" stands when a preposition of place agrees, however the word is spelt.
    assert _persons("We spent two weeks in Montenegro last summer.") == []


def test_an_ending_of_english_derivations_does_not_make_a_name_a_word() -> None:
    # "-ics" makes "Analytics" a word; "Vujicsics" is spelt like a name all the same.
    text = "Ticket assigned to Lázár Vujicsics. Why would invoices be duplicated?"
    assert "Lázár Vujicsics" in _persons(text)
    assert _persons("Our analytics team tracks Weaponization metrics.") == []
