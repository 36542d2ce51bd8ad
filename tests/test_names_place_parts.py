"""A town's name inside a person's name (hybridllm.classifiers.name_place_parts): a listed
place that is no listed name between a given name and a surname, or before a found name, is a
part of it, and its later mentions are the person's; first missed on names_gen6's and
names_gen5's development splits. Real classifier."""

from __future__ import annotations

import pytest

from hybridllm.classifiers import get_classifier


def people(text: str) -> set[str]:
    c = get_classifier().classify(text)
    return {text[f.start : f.end] for f in c.findings if f.entity_type == "PERSON"}


def covered(text: str, part: str) -> bool:
    """Whether every character of each mention of ``part`` is inside a PERSON finding."""
    spans = [(f.start, f.end) for f in get_classifier().classify(text).findings]
    at = text.find(part)
    while at >= 0:
        if not any(a <= at and at + len(part) <= b for a, b in spans):
            return False
        at = text.find(part, at + 1)
    return True


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Performance review for Samira Sfax Haddad. Strengths: ownership.", "Samira Sfax Haddad"),
        ("Onboarding checklist for Yusuf Maputo Farah. Laptop: ordered.", "Yusuf Maputo Farah"),
        (
            "Intro: Rania Haddad <> Tabriz Mansour.\n\nRania, Tabriz ran the depot.",
            "Tabriz Mansour",
        ),
    ],
)
def test_a_place_inside_a_name_is_part_of_it(text: str, name: str) -> None:
    assert name in people(text)


def test_the_place_words_later_mention_is_the_persons() -> None:
    text = "Intro: Rania Haddad <> Tabriz Mansour.\n\nRania, Tabriz ran the depot."
    assert covered(text, "Tabriz")


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("We moved from Sfax to Mombasa last year with Yusuf Idris.", "Mombasa"),
        ("The flat in Mombasa Yusuf Idris rents is small.", "Mombasa"),
        ("Yusuf Idris booked a hotel near Agadir. Agadir Airport was busy.", "Agadir"),
        ("Samira Haddad flew to Sfax. The Sfax office is closed.", "Sfax"),
    ],
)
def test_a_place_stays_a_place(text: str, place: str) -> None:
    assert not any(place in p for p in people(text))
