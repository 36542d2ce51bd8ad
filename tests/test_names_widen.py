"""Whole names (``name_widen.widen``): a PERSON finding grows over the parts of the name next
to it, so no part of a name is left (a partial mask is a leak), and never over an ordinary
word, a title or past a line or a comma.

All texts run through the real classifier (spaCy NER included).
"""

from __future__ import annotations

import pytest

from hybridllm.classifiers import get_classifier


def persons(text: str) -> list[str]:
    c = get_classifier().classify(text)
    return [text[f.start : f.end] for f in c.findings if f.entity_type == "PERSON"]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # a given name the lists do not know, before a surname NER found
        ("Attendees: Auriville Gilbert, Wacława Sobczak\nActions: budget", "Auriville Gilbert"),
        # particles and a rare given name before a surname
        ("Ticket 88. Reporter: Ancilla van Aken. Why are invoices duplicated?", "Ancilla van Aken"),
        # a hyphenated given name and the surname after it
        ('{"name": "Amy-leigh Paterson", "phone": "(756)908-3504"}', "Amy-leigh Paterson"),
    ],
)
def test_a_name_is_masked_whole(text: str, name: str) -> None:
    found = persons(text)
    assert name in found, found


@pytest.mark.parametrize(
    ("text", "forbidden"),
    [
        ("Hello Gilbert, can you review the budget?", "Hello"),
        ("Mrs. Gilbert Langset approved it.", "Mrs"),
        ("Attendees: Auriville Gilbert, Wacława Sobczak", "Gilbert, Wacława"),
    ],
)
def test_widening_stops_at_words_titles_and_commas(text: str, forbidden: str) -> None:
    found = persons(text)
    assert found, "the name itself is found"
    assert not any(forbidden in f for f in found), found


def test_widening_never_creates_a_finding() -> None:
    # no name found: nothing to widen, even next to rare capitalised words
    assert persons("The Auriville Yulan Ancilla festival opens on Friday.") == []
