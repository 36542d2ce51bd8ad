"""Whom a text tells you to reach at an e-mail address or a phone number is a person, whatever
the word; a department, a pronoun or a service desk is not. All texts run through the real
classifier."""

from __future__ import annotations

import pytest
from tests.helpers import persons


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Room to let. Contact Dulcineia at australia1893@gmail.com.", "Dulcineia"),
        ("wanted: old vinyl records. ring aaberg on +46 270 351 526.", "aaberg"),
        ("text janek at 555-201-3344 when you land", "janek"),
        ("call mark on 0412 555 019 after six", "mark"),
        ("Contact Michał Wiśniewski at m.w@example.pl", "Michał Wiśniewski"),
    ],
)
def test_whom_to_reach_is_a_person(text: str, name: str) -> None:
    assert name in persons(text)


@pytest.mark.parametrize(
    "text",
    [
        "Contact Sales at sales@example.com for a quote.",
        "Call us at 555-201-3344 or email support at help@example.com",
        "Contact Customer Service at 1-800-555-0199",
        "Contact Apple Support at 1-800-555-0199",
        "Call the office on 020 7946 0000",
    ],
)
def test_desks_and_pronouns_are_nobody(text: str) -> None:
    assert persons(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "Dear Sir, I write to you about my order.",
        "Dear Sir/Madam,\nPlease find the report attached.",
        "Hello Bot. Please explain the different readings of the poem.",
        "Hi Bot, can you help me?",
    ],
)
def test_a_greeting_to_a_title_or_a_role_names_nobody(text: str) -> None:
    assert persons(text) == []


def test_a_greeting_to_a_given_name_still_names_them() -> None:
    assert persons("Hi Maria, thanks for the invoice.") == ["Maria"]
