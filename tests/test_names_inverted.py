"""A name written surname first, ``Surname, Given``: one person, found whole and without NER.

Texts are written for this file; everything runs through the real classifier and spaCy.
"""

from __future__ import annotations

from typing import Any

import pytest

from hybridllm import redact
from hybridllm.classifiers import get_classifier
from hybridllm.classifiers.name_ner import NerWindows
from hybridllm.classifiers.names import NameRecognizer


def _persons(text: str) -> list[str]:
    found = get_classifier().classify(text).findings
    return [text[f.start : f.end] for f in found if f.entity_type == "PERSON"]


@pytest.mark.parametrize(
    "text",
    [
        'In my sheet A2 is "Rivoir, Hugo Walter" and B2 should be the first name.',
        "Roster:\n- Dekker, Hugo\n- Okonkwo, Chiamaka\n- Szabó, Magdolna",
        "Reviewers (Kowalczyk, Anna; Haugland, Sigrid) signed off.",
        "Paid by Fazekas, Zsuzsanna. Refund pending.",
    ],
)
def test_surname_comma_given_is_one_name(text: str) -> None:
    found = _persons(text)
    inverted = [f for f in found if ", " in f]
    assert inverted, found
    redacted = redact(text).text
    for value in inverted:
        surname, given = value.split(", ", 1)
        assert surname not in redacted
        assert given.split()[0] not in redacted


def test_the_whole_inverted_name_is_one_span() -> None:
    text = 'Cell A2 holds "Rivoir, Hugo Walter"; split it into two cells.'
    assert _persons(text) == ["Rivoir, Hugo Walter"]


@pytest.mark.parametrize(
    "text",
    [
        "Meanwhile, John finished the slides.",  # an everyday word before the comma
        "We compared Ruby, Julia, Rust and Go for the task.",  # a list of three
        "We moved to Paris, Anna and I, in 2019.",  # a place before the comma
        "On Monday, Maria Santos starts.",  # a weekday
    ],
)
def test_no_inverted_name_where_the_first_word_is_no_surname(text: str) -> None:
    assert not any(", " in value for value in _persons(text))


def test_a_roster_of_inverted_names_needs_no_ner() -> None:
    rows = ["Dekker, Hugo", "Okonkwo, Chiamaka", "Szabó, Magdolna", "Wieloch, Mina"]
    text = "\n".join(f"- {row}" for row in rows * 20)
    seen: list[str] = []

    class Spy(NerWindows):
        def run(self, text: str, words: Any, candidates: list[int]) -> list[tuple[int, Any]]:
            seen.extend(words[i].group() for i in candidates)
            return []

    rec = get_classifier().recognizers[-1]
    assert isinstance(rec, NameRecognizer)
    rec.wait_ready()
    real, rec._windows = rec._windows, Spy("unused", enabled=False)
    try:
        found = {text[f.start : f.end] for f in rec.find(text)}
    finally:
        rec._windows = real
    assert found == set(rows)
    assert seen == []
