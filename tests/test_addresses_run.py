"""Streets read from the words next to a building number
(:mod:`hybridllm.classifiers.address_lower_run`), in lower case and capitalised, beside the
numbered everyday text that must stay clean. Written for this file (no line of a benchmark set);
the real recognizer runs every case."""

from __future__ import annotations

import pytest

from hybridllm.classifiers.address_lower_run import run_street_spans
from hybridllm.classifiers.addresses import AddressRecognizer

_R = AddressRecognizer()


def _spans(text: str) -> list[str]:
    return [text[f.start : f.end] for f in _R.find(text)]


@pytest.mark.parametrize(
    ("text", "street"),
    [
        # a number, a name and a street type, then a function word ends the clause
        ("412 ninth run is our new place", "412 ninth run"),
        ("could you look up 88 pelham lodge on a map", "88 pelham lodge"),
        ("1190 wexcombe annex was sold last year", "1190 wexcombe annex"),
        ("i'm at 37 hartigan park now", "37 hartigan park"),
        # a street suffix glued to the name, the number first
        ("2215 kastanjelaan is where she lives", "2215 kastanjelaan"),
        ("send it to 71 fjordveien instead", "71 fjordveien"),
        ("our office: 9 lindenpfad", "9 lindenpfad"),
        # words foreign to English where a street starts, the number first or after them
        ("1406 brekkugerði is where we stay", "1406 brekkugerði"),
        ("my flat: 12 zwaluwhof", "12 zwaluwhof"),
        ("san ildefonso 1207 is where i grew up", "san ildefonso 1207"),
        ("can you find vinohradská 2281 on the map?", "vinohradská 2281"),
        ("pick me up from la quebradora 517 tomorrow", "la quebradora 517"),
        # a street-type word first, a function word after
        ("she lives at 62 rua quintanilha do sul now", "62 rua quintanilha do sul"),
        # capitalised text: the same words, capitalised
        ("I'm at 2215 Kastanjelaan now", "2215 Kastanjelaan"),
        ("Is Vinohradská 2281 near the station?", "Vinohradská 2281"),
        ("Her house: 1406 Brekkugerði", "1406 Brekkugerði"),
    ],
)
def test_street(text: str, street: str) -> None:
    assert any(street in s for s in _spans(text)), (text, _spans(text))


@pytest.mark.parametrize(
    "text",
    [
        "write 200 words on climate change",
        "give me 10 hiking trail ideas for the weekend",
        "there were 19 terorists in the film",  # a misspelt word is no street name
        "make 20 tabels for the report",
        "30 tips for better sleep",
        "i upgraded to centos 7 last week",
        "the debate ran from Ayres 1881 to Chambers 1985",  # author and year
        "in 2023 kubernetes won",  # a year
        "5 WordleResponses were logged",  # an identifier in code
        "03 Architekten: Architecture Internship | Munich",  # a leading zero
        "3 Sheoldred\n4 Thoughtseize\n2 Fatal Push",  # a counted list (a deck, a recipe)
        "2 jalapeños\n1 zucchini\n3 tomatillos",
        "it takes 3 minutes walk from the park",
        "python 3 is nice",
    ],
)
def test_clean(text: str) -> None:
    assert not _spans(text), (text, _spans(text))


def test_long_line_reads_a_bounded_stretch_before_each_number() -> None:
    """A number's street starts within a few words: a line of 20,000 characters costs no
    more than the words right before each number (no scan back to the line start)."""
    line = "lorem ipsum. " * 2000 + "nezamyslova 262 is where i live"
    assert run_street_spans(line) == [(line.index("nezamyslova"), line.index(" is where"))]
