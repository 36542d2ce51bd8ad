"""National phone numbers without a phone word (issue 14): a trunk "0", grouped digits, prose.

Numbers here are written for this file in the documented national formats (UK, Germany,
France, Netherlands, Australia); the real classifier runs every case."""

from __future__ import annotations

import pytest

from hybridllm.classifiers import get_classifier
from hybridllm.classifiers.phones import national_phone_in_prose


def phones(text: str) -> set[str]:
    c = get_classifier().classify(text)
    return {text[f.start : f.end] for f in c.findings if f.entity_type == "PHONE_NUMBER"}


@pytest.mark.parametrize(
    "value",
    [
        "020 7946 0958",  # London
        "07700 900461",  # UK mobile
        "(07700) 900461",
        "030 12345678",  # Berlin
        "06-12345678",  # Dutch mobile
        "01 42 68 53 00",  # Paris
        "02 9374 4000",  # Sydney
        "07911123456",  # unbroken UK mobile
    ],
)
def test_national_number_in_a_sentence_is_a_phone(value: str) -> None:
    text = f"Sorry for the mess, Ines left {value} for you after lunch."
    assert value in phones(text), phones(text)


@pytest.mark.parametrize(
    "text",
    [
        "The invoice from 01-02-2023 totals 0.25 of the budget.",
        "order = load(0123456789, 0987 654 321)",
        "| 0301 | 2345 6789 | total |",
        "Use the sequence 0123456789 as the alphabet.",
        "The build id is 000012345678 and the commit is 0a1b2c3.",
        "Version 0.12.3456.789 was released; see page 0800-1 of the manual.",
    ],
)
def test_digit_groups_that_are_no_phone_stay_clean(text: str) -> None:
    assert phones(text) == set()


def test_validation_rejects_impossible_numbers() -> None:
    assert national_phone_in_prose("020 7946 0958")
    assert not national_phone_in_prose("0000 1111 22")
    assert not national_phone_in_prose("01-02-2023")
