"""Phone numbers beside a person's details (hybridllm.classifiers.phones_beside): local numbers of
countries without a trunk prefix, written with no phone word, next to a found name, e-mail or
street address."""

from __future__ import annotations

import pytest

from hybridllm.classifiers import get_classifier
from hybridllm.classifiers.phones_beside import BESIDE_PHONE, phones_beside
from hybridllm.models import new_finding


def phones(text: str) -> set[str]:
    c = get_classifier().classify(text)
    return {text[f.start : f.end] for f in c.findings if f.entity_type == "PHONE_NUMBER"}


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("contacts.yml\n- Sandt, Fohl: 621 692 643\n- Seil, Azevedo: 621 790 582", "621 692 643"),
        ("Lost keys, found by Marje Tamm, 5990 7198 if you need them", "5990 7198"),
        ("Kadri Saar <kadri.saar@example.ee> 5312 4478", "5312 4478"),
        ("Emergency contact: Laila Ben Amor - 98 927 134", "98 927 134"),
        ("Maria Lopez (7746-3543) will bring the chairs", "7746-3543"),
    ],
)
def test_digit_groups_beside_a_person_are_a_phone(text: str, number: str) -> None:
    assert number in phones(text)


@pytest.mark.parametrize(
    "text",
    [
        # no person, e-mail or address: a bare digit group stays
        "The batch numbers were 621 692 643 and 621 790 582.",
        # beside a name, but an amount, a date, years, an id, a version, a decimal, a time
        "Maria Lopez paid $12 500 000 for it",
        "Maria Lopez paid 12 500 000 EUR for it",
        "Maria Lopez was born 1984-03-12 in Quito",
        "Maria Lopez sang with them 1999 2007 and again later",
        "Invoice #2024-118 billed to Miguelito Coro",
        "Invoice 2024-118 billed to Miguelito Coro",
        "Maria Lopez cited arXiv 2209.04747 in the talk",
        "Maria Lopez left at 10:20 15 30 45",
    ],
)
def test_other_numbers_stay(text: str) -> None:
    assert not (phones(text) - {"+352 621 790 582"})


def test_far_from_the_anchor_stays() -> None:
    text = "Maria Lopez wrote this. " + "Nothing to see here at all. " * 6 + "Ref 621 692 643"
    assert "621 692 643" not in phones(text)


def test_a_value_another_finding_covers_is_left_to_it() -> None:
    text = "Ana Diaz 621 692 643"
    name = new_finding(
        entity_type="PERSON", category="PII", start=0, end=8, score=0.8, recognizer="t"
    )
    phone = new_finding(
        entity_type="PHONE_NUMBER", category="PII", start=9, end=20, score=0.6, recognizer="t"
    )
    assert phones_beside(text, [name, phone]) == []
    added = phones_beside(text, [name])
    assert [(f.start, f.end, f.recognizer) for f in added] == [(9, 20, BESIDE_PHONE)]


def test_a_value_after_a_glued_run_is_still_read() -> None:
    text = "Ana Diaz x99 621 692 643"
    name = new_finding(
        entity_type="PERSON", category="PII", start=0, end=8, score=0.8, recognizer="t"
    )
    assert [text[f.start : f.end] for f in phones_beside(text, [name])] == ["621 692 643"]
    # glued to a word, a '+', a '#', a dot or a slash: no value
    for glued in ("x621 692 643", "+621 692 643", "#621 692 643", "v1.621 692 643"):
        assert phones_beside(f"Ana Diaz {glued}", [name]) == [], glued


@pytest.mark.parametrize(
    "text",
    [
        "Witness: Jernej Ilić, 4045143167. Summarise for the adjuster.",
        "Call the tenant (Maria Lopez: 7185550143) before noon",
    ],
)
def test_ten_digits_in_one_run_right_after_a_person_are_a_phone(text: str) -> None:
    number = next(w.strip(".,:()") for w in text.split() if w.strip(".,:()").isdigit())
    assert number in phones(text)


@pytest.mark.parametrize(
    "text",
    [
        "Order 4045143167 was placed for Jernej Ilić",  # not right after the name
        "Jernej Ilić, 1045143167",  # no North American area code
        "Jernej Ilić, 40451431670",  # eleven digits
        "Jernej Ilić, 4045143167.5",  # a decimal
    ],
)
def test_other_runs_of_digits_stay(text: str) -> None:
    assert not phones(text)
