"""A surname after a person's initials (hybridllm.classifiers.name_initials), first missed on
names_gen5's development split: the whole span, initials included, is one finding. Real
classifier throughout."""

from __future__ import annotations

import pytest

from hybridllm.classifiers import get_classifier


def people(text: str) -> set[str]:
    c = get_classifier().classify(text)
    return {text[f.start : f.end] for f in c.findings if f.entity_type == "PERSON"}


@pytest.mark.parametrize(
    ("text", "names"),
    [
        (
            "Club tennis ladder\n1. V. Montes\n2. K. Weaver\n3. J. Cerdas\n4. J. Sotela\n"
            "If 4 beats 2, what's the new order?",
            {"V. Montes", "K. Weaver", "J. Cerdas", "J. Sotela"},
        ),
        ("Reviewed by H. Neumbo. Format this as a cover page.", {"H. Neumbo"}),
        ("Received by K. Pono on 12/05. What does that mean?", {"K. Pono"}),
        (
            "The log says M. Titley from 22:00 and J. Triganza from 02:00.",
            {"M. Titley", "J. Triganza"},
        ),
        ("Thanks, S. Price.", {"S. Price"}),
    ],
)
def test_initials_and_a_surname_are_one_name(text: str, names: set[str]) -> None:
    assert names <= people(text)


@pytest.mark.parametrize(
    "text",
    [
        "I. Introduction\nA. Brief explanation of the types\nB. Use AWS CDK to deploy it",
        "The U.S. Army and N. Ireland are in the report.",
        "Plan B. Then we go home.",
        "coined the term U X. He was concerned with the experience",
        "control for gantry cranes, J. Mech. Eng. Sci. 228 (2014) 1119-1131.",
        "let x be the vector (1, 1)^T. Show that there are many solutions",
        "THIS IS DATA: Initial T. Final T. Mass",
    ],
)
def test_no_name_where_the_letter_is_no_initial(text: str) -> None:
    assert people(text) == set()


@pytest.mark.parametrize(
    ("text", "names"),
    [
        (
            "club tennis ladder\n1. k. christodoulidou\n2. b. liasides\n3. a. varnava\n"
            "if 4 beats 2, what's the new order?",
            {"k. christodoulidou", "b. liasides", "a. varnava"},
        ),
        (
            "the log says m. titley from 22:00 and j. triganza from 02:00.",
            {"m. titley", "j. triganza"},
        ),
    ],
)
def test_lower_case_initials_and_a_surname_are_one_name(text: str, names: set[str]) -> None:
    assert names <= people(text)


@pytest.mark.parametrize(
    "text",
    [
        "i think i got e. coli from that salad",
        "Cultures grew E. coli and k. pneumoniae",
        "what type of writing is most similar to an autobiography a. poetry b. short story",
        "i. introduction\na. brief history",
    ],
)
def test_lower_case_letters_that_are_no_initials(text: str) -> None:
    assert people(text) == set()
