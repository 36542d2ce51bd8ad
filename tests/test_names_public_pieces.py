"""Pieces of words, dates and declarations of code taken for names (``name_words.broken_word``,
``name_words.date_word``, the member / export declarations of ``name_words.code_identifier``)
and an artist in ``in X style`` (``name_public``): each benign shape stays clean,
and a name in a similar shape is still found.

All texts run through the real classifier (spaCy NER included).
"""

from __future__ import annotations

import pytest

from hybridllm.classifiers import get_classifier


def persons(text: str) -> list[str]:
    c = get_classifier().classify(text)
    return [text[f.start : f.end] for f in c.findings if f.entity_type == "PERSON"]


@pytest.mark.parametrize(
    "text",
    [
        # a word broken at a line end, or by a soft hyphen a PDF copy kept
        "We also identify sev-\neral important nuances that have been over-\nlooked before.",
        "a method for solving a time-dependent partial dif\x02ferential equation",
        "a method for solving a time-dependent partial dif\u00adferential equation",
        # members and exported declarations of code
        " [FieldOrder(10)]\n public string Reden;\n [FieldOrder(11)]",
        "    private static final int Maxwell = 3;",
        "export type Helper = Definition & HelperContext, Prev>;",
        # a month before a day or a year is a date
        "Jul 22 629k, Jun 22 = 615.9k, May 22 = 602.55k, Jan 22 = 561k, Dec 21 = 541.62k",
        # ... and so is one after a day, or joined to another month
        "I pitched that on their upcoming event this 30th Jan they can sponsor the riders.",
        "What is this person's achievement against target from Jan - Dec 22?",
        "The offer runs from April to June, then the prices go up again.",
        # a word before different letters labels a series
        "Tower of Hanoi, three rods.\nRod A: [3, 2]\nRod B: []\nRod C: [1]\nMove Rod A's top disk.",
        # an artist whose manner is imitated
        "Use sonic pi and write a track in Martin Garrix style, it should have 3 parts",
        # slips of inflected everyday words, alone or in a run
        "write a email to request approval to attend a certification coruse metioned in this link",
        "Chapter 8: Security Chalolenges in Identity Management",
        "Compute the Yarn Lenght for each row of the pattern",
    ],
)
def test_pieces_of_words_and_declarations(text: str) -> None:
    assert persons(text) == []


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # a name broken across a line does not join into a word
        ("The report was written by Anne-\nMarie Kowalczyk last week.", "Marie Kowalczyk"),
        # a name in a string literal of a declaration is data, not an identifier
        ('public string owner = "Odalys Kowalczyk";', "Odalys Kowalczyk"),
        # prose that starts with "public" is no declaration
        ("public relations lead Tomasz Wrona will call you", "Tomasz Wrona"),
        # a month-like given name with no day or year after it
        ("Jun said the deploy is blocked, ask Jan about it.", "Jun"),
        # "style" after a private full name that is not "in X style"
        ("I like working with Tomasz Wrona style of management", "Tomasz Wrona"),
        # "in X style" with the same person named privately in the text
        ("In Kowalczyk style, Dorota Kowalczyk wrote the memo.", "Dorota Kowalczyk"),
        # a given name in a run of words is no slip; an unlisted name near no inflection stays
        ("Mark Assisant will call you back", "Mark Assisant"),
        ("then quirina told us the release slipped", "quirina"),
    ],
)
def test_names_in_similar_shapes_stay(text: str, name: str) -> None:
    assert any(name in p for p in persons(text)), text


def test_a_date_after_a_name_is_no_name() -> None:
    # "Jun" of a date a few words after a private name is no name of that list
    text = "I am Lo Berggren, tenant at R Pelourinho 56. No heating since 15 Jun 2024. Thanks."
    names = persons(text)
    assert "Lo Berggren" in names
    assert "Jun" not in names
