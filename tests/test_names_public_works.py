"""Authors of works the prompt asks about, and eponyms of results, are no private person's name
(:mod:`hybridllm.classifiers.name_public_works`); a private author or a name with a personal cue
still is. All texts run through the real classifier."""

from __future__ import annotations

import random

import pytest

from hybridllm.classifiers import get_classifier
from hybridllm.classifiers import name_public_works as works


def persons(text: str) -> list[str]:
    c = get_classifier().classify(text)
    return [text[f.start : f.end] for f in c.findings if f.entity_type == "PERSON"]


@pytest.mark.parametrize(
    "text",
    [
        # a work by its author, asked about
        'What is "Where I Learned to Read" by Salvatore Scibona about?',
        "Hi, have you read Cradle to Cradle by William McDonough?",
        'Please summarise the story "The Circular Ruins" by Jorge Luis Borges.',
        "explain the poem mock orange by louise gluck",
        "I like the book 'Thursday Murder Club' by Richard Osman. Can you suggest similar books?",
        "Write a book summary on Empty Planet by Darrell Bricker and John Ibbitson.",
        # the works of an author
        "write a sample paragraph for a scifi story inspired by the works of frank herbert",
        # an author's work by the possessive
        "Give me 10 action items based on Adam Grat's book think again",
        'negotiate according to the techniques in Chriss Voss\' "Never split the difference"',
        # eponyms of results
        "It is harder to scale due to Amdahl's Law.",
        "Let's talk about Shannon's sampling theorem as applied to band-limited signals.",
        "Write a Matlab program to use Newton raphson method to find a root.",
    ],
)
def test_authors_and_eponyms_are_not_flagged(text: str) -> None:
    assert persons(text) == []


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # a statement naming a singer: no request about the work
        ('Answer: "Tube Snake Boogie" by Arja Ollila – go figure', "Arja Ollila"),
        # a personal apposition after the author
        ('I love the song "Blue Sky" by Mikkel Selko, my neighbour. Summarize it?', "Mikkel Selko"),
        # a message signed by someone is no work
        ("Please reply to the note sent by Dana Whitfield about the invoice.", "Dana Whitfield"),
        # a private possessive before a method is no eponym
        ("Sara Lopez's cooking method is great; can you summarize it?", "Sara Lopez"),
        # a record near the author
        (
            'Summarize "Q3 Plan" by Dana Whitfield (dana.whitfield@example.com).',
            "Dana Whitfield",
        ),
    ],
)
def test_private_authors_are_still_found(text: str, name: str) -> None:
    assert any(name in p for p in persons(text)), persons(text)


def test_clinical_text_keeps_an_author() -> None:
    text = (
        'Patient read "Night Notes" by Dana Whitfield; summarize. Pt on metformin 500 mg, '
        "BP 150/90, seen for chest pain."
    )
    assert any("Dana Whitfield" in p for p in persons(text)), persons(text)


def test_later_mentions_of_an_author_go_with_the_full_name() -> None:
    text = 'Summarise the story "The Circular Ruins" by Jorge Luis Borges. Why did Borges write it?'
    assert persons(text) == []


def test_a_later_mention_with_a_record_near_it_is_kept() -> None:
    text = (
        'Summarise the story "The Circular Ruins" by Jorge Luis Borges.\n\n' + "x " * 100 + "\n"
        "Ask Borges at borges.j@example.com"
    )
    assert any("Borges" in p for p in persons(text)), persons(text)


@pytest.mark.parametrize(
    "text",
    [
        "Have you ever watched the film Zandorlo? Is it worth it?",
        "Write a fan theory about the animated show Nikko Varga.",
        "Have you ever watched the film Marisol? Is it worth it?",
    ],
)
def test_a_title_right_after_its_kind_is_no_person(text: str) -> None:
    assert persons(text) == []


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Write a song for the band Halina Wierzbicka and I started.", "Halina Wierzbicka"),
        ("I finally saw the movie Dagny Rasmussen recommended.", "Dagny Rasmussen"),
        (
            "Customer Alvar Brannstrom, phone 415-555-0199, asked about the film Alvar Brannstrom?",
            "Alvar Brannstrom",
        ),
    ],
)
def test_a_name_after_a_works_kind_that_acts_or_sits_in_a_record_stays(
    text: str, name: str
) -> None:
    assert name in persons(text)


@pytest.mark.parametrize(
    "text",
    [
        "Summarise Kowalewska, T. (2019). Urban heat islands. Climate Policy, 4(2), 10-21.",
        "Nyambura, W. K., & Castellanos, R. (2020). Soil carbon. Geoderma, 3, 1-9. Key claims?",
        "[12] Tamsin R. Okonjo, Ilkka Varis, Robust control of cranes, Automatica 9 (2016) 4-9.",
        # a book's edition or its publisher and year; a journal's year and volume (Vancouver)
        "Format it so:\n[3] Brannigan P A. Impact Wear of Materials. 2nd ed. Oxford, 1986",
        "[6] Bede Okonjo. Soil and Water. New York: Elsevier, 1999.\nList the references.",
        "[4] Okonjo T, Varis I. Crane control. Automatica. 2016;9:4-9.",
    ],
)
def test_the_authors_of_a_reference_are_no_private_people(text: str) -> None:
    assert persons(text) == []


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Please call Kowalewska, T. tomorrow about the lease.", "Kowalewska"),
        ("[3] Tamsin Okonjo called about the invoice, see the notes.", "Tamsin Okonjo"),
        ("[2] Tamsin Okonjo came on March 3, 2024.", "Tamsin Okonjo"),
        ("[5] Tamsin Okonjo: Paris office, 2024", "Tamsin Okonjo"),
    ],
)
def test_initials_or_a_numbered_line_without_a_reference_keep_the_name(
    text: str, name: str
) -> None:
    assert name in persons(text)


def test_the_by_shortcut_answers_what_the_search_answers() -> None:
    """``_by_before`` runs the "... by NAME" search only where a quote, a work noun or a
    capitalised word before "by" is in its window; on generated leads its answer is the
    search's."""
    rng = random.Random(11)
    words = "the book Book novel film by written authored \" ” ’ ' , Cradle to Decline opened"
    words += " Anna x . short story paintings Story of a B. Ünal and paper"
    tokens = [*words.split(" "), "\n"]
    spaces = [" ", " ", "\t", "", "  ", ", "]
    positives = 0
    for _ in range(20_000):
        lead = "".join(rng.choice(tokens) + rng.choice(spaces) for _ in range(rng.randint(0, 14)))
        text = lead + rng.choice(["by ", "by\t", "by  "]) + "Name"
        start = len(text) - len("Name")
        want = works._BY_BEFORE.search(text, max(0, start - 120), start) is not None
        assert works._by_before(text, start) is want, text
        positives += want
    assert positives > 2_000  # the leads hold the three ways, not only misses
