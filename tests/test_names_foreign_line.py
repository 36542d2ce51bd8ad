"""A short line written wholly in another language is that language's words, not a name.

(:mod:`hybridllm.classifiers.name_foreign_line`.) ``Mikä päivä on ...`` is Finnish for *what day
is ...*; with fewer than two words of its language beside it the other-language rule did not
take ``Mikä`` for a word. A name alone on its line, a listed given name, a name in English
prose and a name after a greeting stay names.
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
        "Mikä päivä on 1311861118074000",
        "Lapos a Föld?",
    ],
)
def test_short_foreign_line_is_no_name(text: str) -> None:
    assert _persons(text) == []


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Lauri ja Maija", "Lauri ja Maija"),
        ("Marta dice que no", "Marta"),
        ("Hoy vino Blanca Flores a casa", "Blanca Flores"),
        ("Please call Mikä Lapos tomorrow about the invoice.", "Mikä Lapos"),
        ("Name: Mikä\nLapos a Föld?", "Mikä"),
    ],
)
def test_names_stay(text: str, name: str) -> None:
    assert name in _persons(text)


def test_a_street_line_in_another_language_stays_masked() -> None:
    # The foreign-line rule once dropped "Kossuth" here; the street is an address now.
    text = "Andrea Fekete\n223. Kossuth utca\nBaja"
    covered = {i for f in get_classifier().classify(text).findings for i in range(f.start, f.end)}
    at = text.index("Kossuth")
    assert all(i in covered for i in range(at, at + len("Kossuth")))
    assert "Andrea Fekete" in _persons(text)
