"""Numbers and words in real prompts that look like a street and are none, and the streets
that must stay found beside them.

Seen on a second collection of real prompts (AlpacaEval, Arena-Hard, HealthBench): a card deck
whose cards end in ``-ring`` (``1 Sundering Eruption``: an English verb's ``-ing`` form, not a
German ``Ring`` street), an hour (``12 O'clock``), a numbered question (``Câu 115a:``), counts
in lower-case chat of another language (``i 8 stihova. 2 katrena.``), a product's model
(``M.2 Internal Solid State Hard Drive``), a ship in a story (``USS Enterprise``) and a Greek
letter over a line break in an equation (``cos θ\\n2``).
"""

from __future__ import annotations

import pytest

from hybridllm.classifiers import get_classifier
from hybridllm.classifiers.addresses import AddressRecognizer
from hybridllm.classifiers.patterns import build_pattern_recognizer

_R = AddressRecognizer()


def _spans(text: str) -> list[str]:
    return [text[f.start : f.end] for f in _R.find(text)]


@pytest.mark.parametrize(
    "text",
    [
        "an example deck\n\n9 Plains\n7 Mountain\n1 Sundering Eruption\n1 Aerie Auxiliary\n4 Man",
        "the stand is 12 Offering Plates wide",
        "the slot on the funnel (12 O\u2019clock) is unsuitable for the project",
        "Câu 115a: Một bình khí có áp suất bằng áp suất khí trời (pa=10m H2O)",
        "sastavi mi pesmu na srpskom sa ukrštenom rimom i 8 stihova. 2 katrena. nek bude o anime",
        "在《星际迷航》第一季第八集中，USS Enterprise 探索了一片古老的星云",
        "T \u2212 mg cos θ = mL θ\n2\n\n(5)\n\nThis equation determines the tension",
    ],
)
def test_no_street_in_prose(text: str) -> None:
    assert _spans(text) == []


def test_model_number_is_no_building_number() -> None:
    text = "SAMSUNG 980 PRO SSD 2TB PCIe NVMe Gen 4 Gaming M.2 Internal Solid State Hard Drive"
    found = [f for f in build_pattern_recognizer().find(text) if f.entity_type == "STREET_ADDRESS"]
    assert found == []


def test_classifier_finds_nothing_in_an_hour() -> None:
    text = "Meet at 5 O'Clock. The slot is at 12 O\u2019Clock now."
    assert list(get_classifier().classify(text).findings) == []


@pytest.mark.parametrize(
    ("text", "address"),
    [
        # a glued street type that is no English word's ending stays a street
        ("i live at 12 kaiserring", "12 kaiserring"),
        ("Kaiserring 12, Berlin", "Kaiserring 12, Berlin"),
        # a count-shaped street at a line's start, after a colon or a place word
        ("5 klaverhei is where i live", "5 klaverhei"),
        ("my house: 5 klaverhei", "5 klaverhei"),
        ("i moved to 5 klaverhei last year", "5 klaverhei"),
        # a ship before its fleet post office, a Greek street on its line
        ("USNS Pudič\nFPO AE 35797", "USNS Pudič\nFPO AE 35797"),
        ("Διεύθυνση: Απόλλωνος 123, Αθήνα", "Απόλλωνος 123, Αθήνα"),
        ("has rented λ. μιχαλακοπούλου 160 since 2017", "λ. μιχαλακοπούλου 160"),
        ("He lives at No.5 Station Road, Leeds", "No.5 Station Road, Leeds"),
    ],
)
def test_streets_beside_them_stay(text: str, address: str) -> None:
    assert address in _spans(text)
