"""Address shapes in ordinary prose that are no address (:mod:`hybridllm.classifiers.address_false`
and the article rule of the US street pattern): a quantity or a year after an article, a core
across a blank line or broken after its number, a number-words-number run of English words,
``R.`` before an initial. Written for this file (no line of a benchmark set); the real
recognizers run every case, and the addresses beside them stay found."""

from __future__ import annotations

import pytest

from hybridllm.classifiers.addresses import AddressRecognizer
from hybridllm.classifiers.patterns import build_pattern_recognizer

_R = AddressRecognizer()
_P = build_pattern_recognizer()


def _streets(text: str) -> list[str]:
    found = [*_R.find(text), *_P.find(text)]
    return [text[f.start : f.end] for f in found if f.entity_type == "STREET_ADDRESS"]


@pytest.mark.parametrize(
    "text",
    [
        # a quantity after "a" / "an", a year after "the"
        "Please outline a 12 Week Course on pottery for beginners.",
        "We booked an 8 Day Tour Package through the agency.",
        "Tickets for the 2030 Winter Games. The 2026 Games sold out fast.",
        # a blank line inside the core, or a break right after the leading number
        "Step 2s\n\nMain Point: keep the intro short",
        "Savings $0 \nRental Property $12,500 \nStocks $9,000",
        "the relation S.\n\nQ: what is a key?",
        # number, English words, number: figures of a table or a spec, not a street
        "Charger kit: 3 Type 2 connectors and 7m Type 1 leads",
        "Row 4 Heading Block 3 \n5 Body Block 3 Footer",
        "The grid square is 12T UV 41000 22000 on the map.",
        "1 FALSE C00 TOTAL CPC 0 0 TOTAL MOT -1",  # codes with digits in a table row
        # "R." before an initial: a name, not a Portuguese street
        "Write like Joanne K. R. Tolkien-Smith would.",
        # "R." with no house number in or after the core: an initial of a reference's author
        "[12] R.E. Samin, Z. Mohamed, J. Jalani, R. Ghazali, Input shaping techniques, 2011.",
        "Sort the samples into the trays Subject A, Subject D, or Subject R. Roland must help.",
        # the minutes of a time are no house number
        "answered Oct 21, 2020 at 16:38 Agna JirKon Rx 1,937 2 27 41 1 Have you made a backup",
    ],
)
def test_no_address(text: str) -> None:
    assert _streets(text) == []


@pytest.mark.parametrize(
    ("text", "street"),
    [
        ("Ship it to 4411 Larkspur Lane, please.", "4411 Larkspur Lane"),
        ("She rents the 18 Harbor Street flat.", "18 Harbor Street"),
        ("Post to 512 Dzirnavu 14, Riga", "512 Dzirnavu 14, Riga"),
        ("Office: 77 County Route 9 North Elmwood, NY 12000", "77 County Route 9"),
        ("It is at 3104 Kvetna 220 Apt. 12 now", "3104 Kvetna 220 Apt. 12"),
        ("Minha casa fica na R. de Pacheco, S/N, Bairro Centro.", "R. de Pacheco"),
        ("Endereço: R. das Flores, 123 - São Paulo", "R. das Flores, 123"),
    ],
)
def test_address_kept(text: str, street: str) -> None:
    assert any(street in s for s in _streets(text)), _streets(text)


@pytest.mark.parametrize(
    "text",
    [
        # the decimals of a figure before a place: not a house number
        "Rates: Kansas 1.07 Rhode Island 0.58 Ohio 2.10",
        # a law report: volume, series, page
        "see Smith v Jones (1998) 71 NSWLR 402 at 410",
    ],
)
def test_figures_and_citations_are_no_address(text: str) -> None:
    assert _streets(text) == []
