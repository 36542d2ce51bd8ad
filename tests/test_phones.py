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


@pytest.mark.parametrize(
    ("text", "value"),
    [
        # a slash between area code and number (Hungary), with or without brackets
        ("My number is 30/166 1318, call after six.", "30/166 1318"),
        ("Phone: (26)/018-1590", "(26)/018-1590"),
        # a one-digit group after the first (Turkey) and twelve digits unbroken (Colombia)
        ("Call me at 579 7 543 tomorrow.", "579 7 543"),
        ("Call me at 018001948219 tomorrow.", "018001948219"),
        # an international number with an extension, masked whole
        ("text +90(955)597-9711x4710 if you're late", "+90(955)597-9711x4710"),
        # a trunk digit apart before the number (Georgia, Russia), a slash and a space (Belgium)
        ("Reach Dana on 0 348 142 806 after 5pm.", "0 348 142 806"),
        ("Call me at 8 (142) 806-6665 tomorrow.", "8 (142) 806-6665"),
        ("Phone: 08/ 142 80 66", "08/ 142 80 66"),
        # ten digits after a name and a comma in a record
        ("Witness: Ilse Brandvold, 4045143167. Claim closed.", "4045143167"),
    ],
)
def test_phone_formats_of_other_countries_and_records(text: str, value: str) -> None:
    assert value in phones(text)


@pytest.mark.parametrize(
    "text",
    [
        "I'll be there on 12/05/2024 at 10.",
        "We agreed on 3/4 of the budget.",
        "Unix time, 1699999999, is what the log shows.",
        "values: alpha, 2125550187.5 in the sheet",
    ],
)
def test_dates_fractions_and_timestamps_are_no_phone(text: str) -> None:
    assert phones(text) == set()


def test_a_table_row_under_a_phone_header_holds_phones() -> None:
    # a table line is no prose, so a bare national number in it needed a phone word beside it;
    # the header of its column is that word ("| Name | Role | Phone |")
    table = (
        "| Name | Role | Phone |\n|---|---|---|\n"
        "| Julien Gerard | Treasurer | 01 42 68 53 00 |\n| Ana Ruiz | Secretary | 07700 900461 |"
    )
    assert phones(table) == {"01 42 68 53 00", "07700 900461"}
    assert phones("Name\tPhone\nJulien Gerard\t020 7946 0958") == {"020 7946 0958"}
    # a row of a table whose header names no phone stays as it was
    assert phones("| Item | Amount |\n|---|---|\n| rent | 01 42 68 53 00 |") == set()
    # a lone row: no header, but the person beside it (hybridllm.classifiers.phones_beside)
    assert phones("| Julien Gerard | Treasurer | 01 42 68 53 00 |") == {"01 42 68 53 00"}
