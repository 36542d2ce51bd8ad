"""Lower-case streets by the words that name a street (:mod:`hybridllm.classifiers.address_lower`),
with the everyday lower-case text beside them that must stay clean. Written for this file; the
real recognizer runs every case."""

from __future__ import annotations

import pytest

from hybridllm.classifiers.addresses import AddressRecognizer

_R = AddressRecognizer()


def _spans(text: str) -> list[str]:
    return [text[f.start : f.end] for f in _R.find(text)]


@pytest.mark.parametrize(
    ("text", "street"),
    [
        # a number, a name and a street type of the postal standard
        ("we met at 860 kissling circle in kinston", "860 kissling circle"),
        ("pls send it to 477 washburn ferry, wilson 44566", "477 washburn ferry"),
        ("the office is 1231 dunlambert arcade.", "1231 dunlambert arcade"),
        # a street type first, a comma before the number
        ("please ship it to calle averroes, 1386, málaga.", "calle averroes, 1386"),
        ("mi casa: rúa tres fontes, 170", "rúa tres fontes, 170"),
        ("we met at 1221 avenue des bateliers in mâcon", "1221 avenue des bateliers"),
        ("the shop at 447 via degli altopascio closed", "447 via degli altopascio"),
        ("she stays at via della spiga 12, milano", "via della spiga 12"),
        # a street line (name, number) above a city line with a postal code
        ("marin brazda\nturovecká 911\nchrudim 623 68", "turovecká 911\nchrudim 623 68"),
        # a place preposition, a number and a name that is no English word
        ("meet me at 1232 dunbarton tomorrow", "1232 dunbarton"),
        ("the party is at 951 dwinger.", "951 dwinger"),
        ("the package arrived at hrubieszowska 1178", "hrubieszowska 1178"),
        # a unit right after a labelled street
        ("deliver to bergåkra 37 apt 74", "bergåkra 37"),
    ],
)
def test_street(text: str, street: str) -> None:
    assert any(street in s for s in _spans(text)), (text, _spans(text))


@pytest.mark.parametrize(
    "text",
    [
        "it's a 5 minutes walk from the station",
        "i saw 3 dogs in the park today",
        "meet me at 5 pm in the park",
        "connected via port 8080, then it hangs",
        "take route 66 west, it's nicer",
        "we finished 2 laps of the green, then lunch",
        "chapter 3\nsection 2\npage 1234",
        "ask to write a program for sum of first 100 numbers",
        "i upgraded to 2 nodes on centos 7 last week",
        "we ran it on kubuntu 22 and it crashed at 3 tomorrow",
    ],
)
def test_clean(text: str) -> None:
    assert not _spans(text), (text, _spans(text))


@pytest.mark.parametrize(
    ("text", "street"),
    [
        # any singular USPS suffix where an address is spoken of
        ("the meeting is at 1114 keyes center at 3pm", "1114 keyes center"),
        ("i live at 516 celandine mall", "516 celandine mall"),
        ("i live at 1154 8th av in london", "1154 8th av"),
    ],
)
def test_a_cued_lower_case_street_with_a_usps_suffix(text: str, street: str) -> None:
    assert street in _spans(text)


@pytest.mark.parametrize(
    "text",
    [
        "look at 3 key points",  # a plural suffix
        "arrive at 5 pm at the park",  # function words between
        "we need 2 more extension cords",  # no address cue
    ],
)
def test_numbers_and_suffix_words_without_a_street(text: str) -> None:
    assert _spans(text) == []
