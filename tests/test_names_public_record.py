"""Digits inside a web address are no record near a name
(:mod:`hybridllm.classifiers.name_public_record`): a public name beside a pasted search result's
URL is still dropped, while a real record (an e-mail address, an id, a phone number) near a name
keeps it."""

from __future__ import annotations

import pytest

from hybridllm.classifiers import get_classifier
from hybridllm.classifiers.name_public_record import NEAR, Records, record_near


def persons(text: str) -> list[str]:
    c = get_classifier().classify(text)
    return [text[f.start : f.end] for f in c.findings if f.entity_type == "PERSON"]


_URL = "URL: https://www.example-news.com/news/2021/11/14/report-192654\n"


def test_digits_in_a_url_are_no_record() -> None:
    text = "[1] Immanuel Kant wrote the Critique. " + _URL
    start = text.index("Immanuel")
    assert not record_near(text, start, start + len("Immanuel Kant"))
    assert persons(text) == []


@pytest.mark.parametrize(
    "record",
    [
        "Contact: kant@example.org",
        "Case id 88231940",
        "Call +1 415 555 0134",
    ],
)
def test_a_record_beside_a_url_still_counts(record: str) -> None:
    text = f"[1] Immanuel Kant wrote the Critique. {record}\n" + _URL
    start = text.index("Immanuel")
    assert record_near(text, start, start + len("Immanuel Kant"))
    assert any("Immanuel Kant" in p for p in persons(text)), persons(text)


def test_a_long_number_without_urls_counts() -> None:
    text = "Immanuel Kant, account 99281734, asked about his refund."
    assert record_near(text, 0, len("Immanuel Kant"))
    assert any("Immanuel Kant" in p for p in persons(text)), persons(text)


def test_a_www_address_is_a_url() -> None:
    text = "Immanuel Kant, see www.example.org/items/99281734 for the essay."
    assert not record_near(text, 0, len("Immanuel Kant"))


def test_one_scan_answers_every_name_of_a_text_as_its_own_window_would() -> None:
    """``Records`` scans a text once and answers each name by its ``NEAR`` window: a record
    within it (or straddling its edge) counts, one further away does not, and a URL's digits
    never do; the same answers as asking each name alone."""
    filler = "Ada Lovelace wrote notes on the engine. "  # 40 characters, no digits
    parts = [filler * 5, "ada@example.org ", filler * 6, _URL, filler * 6, "ref 77123456 ", filler]
    text = "".join(parts)
    records = Records(text)
    names = [i for i in range(len(text)) if text.startswith("Ada Lovelace", i)]
    near = [records.near(i, i + 12) for i in names]
    assert near == [record_near(text, i, i + 12) for i in names]
    spans = [(text.index(r), text.index(r) + len(r)) for r in ("ada@example.org", "77123456")]
    expect = [any(e > i - NEAR and s < i + 12 + NEAR for s, e in spans) for i in names]
    assert near == expect
    assert near.count(True) >= 4
    assert near.count(False) >= 5
