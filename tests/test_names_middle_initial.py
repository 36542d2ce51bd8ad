"""A middle initial inside a name written in lower case (name_lower_tails):
``laila f. momo``, ``knut t. strand``; first missed on names of two generators nobody here
wrote (names_gen5 and names_gen6 dev, lower case), where the word after the initial leaked."""

from __future__ import annotations

import pytest

from hybridllm.classifiers import get_classifier


def _people(text: str) -> list[str]:
    found = get_classifier().classify(text).findings
    return [text[f.start : f.end] for f in found if f.entity_type == "PERSON"]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("draft an offer letter to laila f. momo for the warehouse role", "laila f. momo"),
        ("can you summarise what knut t. strand said in the retro?", "knut t. strand"),
        ("please write a eulogy for choo w. say, who taught for 40 years", "choo w. say"),
        ("rank these: bente j. jensen (8 yrs), erik simonsen (3 yrs)", "bente j. jensen"),
        ("attendees: tharwat i. yahya and koky tota", "tharwat i. yahya"),
    ],
)
def test_the_whole_name_around_a_middle_initial_is_masked(text: str, name: str) -> None:
    people = _people(text)
    start = text.index(name)
    masked = [False] * len(text)
    for p in people:
        a = text.index(p)
        masked[a : a + len(p)] = [True] * len(p)
    assert all(masked[start : start + len(name)]), (text, people)


@pytest.mark.parametrize(
    "text",
    [
        "take vitamin d. then rest for a week",
        "if that fails we go with plan b. next week we try again",
        "pick option a. the other one is slower",
        "see section c. the table lists the limits",
        "i don't k. know what you mean",
    ],
)
def test_a_letter_and_a_dot_between_everyday_words_is_no_name(text: str) -> None:
    assert _people(text) == []


def test_an_initial_run_does_not_swallow_an_email_address() -> None:
    text = "write to laila f. momo at laila.momo@example.com today"
    found = get_classifier().classify(text).findings
    kinds = {text[f.start : f.end]: f.entity_type for f in found}
    assert kinds.get("laila.momo@example.com") == "EMAIL_ADDRESS"
    assert kinds.get("laila f. momo") == "PERSON"
