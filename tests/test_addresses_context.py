"""Street addresses made by their context (:mod:`hybridllm.classifiers.address_context`).

A building number and a street name with no street type are an address only beside a secondary
unit or after an address label; the whole block that completes them is one finding.
"""

from __future__ import annotations

import pytest

from hybridllm.classifiers import get_classifier
from hybridllm.classifiers.addresses import AddressRecognizer

_R = AddressRecognizer()


def _spans(text: str) -> list[str]:
    return [text[f.start : f.end] for f in _R.find(text)]


@pytest.mark.parametrize(
    ("text", "address"),
    [
        # a unit on the next line (quote prefixes, literal \n), then city and country lines
        (
            r"??? Lucas Jones\n??? OCZ Technology\n??? 756 Schofield\n??? Apt. 643"
            r"\n??? Klamath Falls\n??? Algeria 20534",
            r"756 Schofield\n??? Apt. 643\n??? Klamath Falls\n??? Algeria 20534",
        ),
        (
            "Stacey De Wilde\n\n942 Grotekievit\n Apt. 171\n Zottegem\n\n Niue 8919",
            "942 Grotekievit\n Apt. 171\n Zottegem\n\n Niue 8919",
        ),
        # a unit right before the street, a lower-case type or given name after the name
        (
            r"Ms. Chelsea Hughes Apt. 242 346 Rex\nWeslaco CA-YT E0N 9Q0",
            r"Apt. 242 346 Rex\nWeslaco CA-YT E0N 9Q0",
        ),
        (
            r"Ms. Eleanora Beekman Apt. 869 308 Järvevana tee\nTartu VÕ 19905",
            r"Apt. 869 308 Järvevana tee\nTartu VÕ 19905",
        ),
        # a street with a type word and a number, joined to the unit line after it
        (
            r">Orósio Correia\n>1093 Rua 16\n>Apt. 525\n>Conceição",
            r"1093 Rua 16\n>Apt. 525\n>Conceição",
        ),
        # labels: a phrase, a form field
        ("Minke Smet lives at 749 Oosthoek, Hoogstraten", "749 Oosthoek, Hoogstraten"),
        ("Jacob had given Kevin his address: 675 Sparkman, Oak Harbor", "675 Sparkman, Oak Harbor"),
        (r"Name:    Ctislava Kafka\nAddress:     Lazna 316", "Lazna 316"),
        (r"Name:    Mani Menchaca\nAddress:     La Fe 1006", "La Fe 1006"),
        (
            "residing at Slovenčeva 19, Bologna (the Contractor)",
            "Slovenčeva 19, Bologna",
        ),
        ("the router shipped to 92 route de Lyon, Brno was dead", "92 route de Lyon, Brno"),
        # a street line, then a city line and a postal-code line
        (
            "Bill Harrington\n220 Nairn\nJohns Creek, GA 30022\nthanks",
            "220 Nairn\nJohns Creek, GA 30022",
        ),
        # lower case: the street-type cores, case-insensitive
        (
            "car damaged at 224 forrest hill road, ljubljana. witness: nuno pedro",
            "224 forrest hill road, ljubljana",
        ),
        ("bellina zammit has rented marsveien 48 since 2023", "marsveien 48"),
        ("the router shipped to bécsi utca 76., split was dead on arrival.", "bécsi utca 76."),
        # lower case: the same contexts, case tells nothing
        ("petronilla halberg lives at 660 emilsvej, søndersø", "660 emilsvej, søndersø"),
        (
            r"bill harrington\n\n220 nairn\n apt. 378\n johns creek\n\n venezuela i6x 3o0",
            r"220 nairn\n apt. 378\n johns creek\n\n venezuela i6x 3o0",
        ),
        # after a label, a unit line of its own is part of the block (its dot ends nothing)
        (
            "Ship to: 942 Grotekievit\nApt. 171\nZottegem 8919",
            "942 Grotekievit\nApt. 171\nZottegem 8919",
        ),
    ],
)
def test_address_made_by_context_is_one_block(text: str, address: str) -> None:
    assert address in _spans(text)


@pytest.mark.parametrize(
    "text",
    [
        "Chapter 5 Introduction\nSection 3 Methods",
        "Upgrade to Windows 10 Pro or buy an iPhone 14.",
        "John 3:16 and Psalm 23 are often quoted.",
        "We need to address 2 issues before the release.",
        "The address is 10 characters long.",
        "1 Introduction\n2 Methods\n3 Results",
        "| 12 | Smith | 45 |\n| 13 | Jones | 46 |",
        "version 2 Alpha shipped to 3 teams",
        "def f(x):\n    return 2 * x\n",
        "He lives at 5 am every day, up early.",
        "at Chapter 5, Smith argues that 1 Introduction\nChapter 2\n3 Results",
        "during 2020 the committee 3 met; a string 5 long",
        "i have 2 main points, and 3 key takeaways",
        "1 Introduction\n2 Background\n3 Methods\nSee 2 Figures, 3 Tables",
    ],
)
def test_context_rules_leave_other_numbers_alone(text: str) -> None:
    assert _spans(text) == [], text


def test_redact_masks_the_whole_block() -> None:
    """Through the default classifier: no letter or digit of the block is left."""
    text = r"Bill Harrington\n\n220 Nairn\n Apt. 378\n Johns Creek\n\n Venezuela I6X 3O0"
    clf = get_classifier()
    assert clf.wait_ready(600)
    mask = [False] * len(text)
    for f in clf.classify(text).findings:
        mask[f.start : f.end] = [True] * (f.end - f.start)
    start = text.index("220")
    left = [c for i, c in enumerate(text[start:], start) if c.isalnum() and not mask[i]]
    assert left == []


@pytest.mark.parametrize(
    ("text", "name", "address"),
    [
        (
            r"Ms. Chelsea Hughes Apt. 242 346 Rex\nWeslaco CA-YT E0N 9Q0",
            "Chelsea Hughes",
            r"Apt. 242 346 Rex\nWeslaco CA-YT E0N 9Q0",
        ),
        ("ms. ilonká várgedi apt. 3 17 fő utca", "ilonká várgedi", "apt. 3 17 fő utca"),
    ],
)
def test_a_name_before_the_unit_stays_a_name(text: str, name: str, address: str) -> None:
    """The unit word after a name belongs to the address: the two stay apart, not merged."""
    clf = get_classifier()
    assert clf.wait_ready(600)
    found = {(f.entity_type, text[f.start : f.end]) for f in clf.classify(text).findings}
    assert ("PERSON", name) in found
    assert ("STREET_ADDRESS", address) in found


def test_a_block_ends_at_the_sentence_that_follows_it() -> None:
    text = "Address: 12 Kastanjelaan, Suite 4, 3811 Amersfoort. Call me tomorrow."
    spans = _spans(text)
    assert any(s.startswith("12 Kastanjelaan") and "Amersfoort" in s for s in spans)
    assert not [s for s in spans if "Call" in s]
    # an abbreviation's dot does not end the street
    assert "Apt. 4 12 St. Mary Lane, Leeds" in _spans("Apt. 4 12 St. Mary Lane, Leeds")


@pytest.mark.parametrize(
    ("text", "address"),
    [
        # the street on the line under its label, a European postcode line after it
        ("Deliver to:\nEsplanadi 27\n7503 Helsinki", "Esplanadi 27\n7503 Helsinki"),
        ("Address:\nEsplanadi 27\n7503 Helsinki", "Esplanadi 27\n7503 Helsinki"),
    ],
)
def test_a_street_on_the_line_under_its_label(text: str, address: str) -> None:
    assert address in _spans(text)


@pytest.mark.parametrize(
    "text",
    ["Version 2\n3.11 Python", "Chapter 3\n2020 Vision\n", "Chapter 3\nSection 2\nPage 1234"],
)
def test_a_number_line_and_a_year_line_are_no_address(text: str) -> None:
    assert _spans(text) == [], text
