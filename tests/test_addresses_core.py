"""The street core runs its costly alternatives only where they can start (near a street ending
or a type word), with the same matches as ``finditer`` over the whole core."""

from __future__ import annotations

import random
import re

import pytest

from hybridllm.classifiers import addresses
from hybridllm.classifiers.address_core import by_first_letter, ending_windows, merge, words_of
from hybridllm.classifiers.address_lower_run import NUMBER
from hybridllm.classifiers.addresses import (
    _CORE_PARTS,
    _CORES,
    _ENDING_BACKWARDS,
    _FIRST_LOWER,
    _STREET_ENDINGS,
    _SUFFIX_AT,
    _SUFFIX_WORDS,
    _WINDOWED,
    _core_matches,
    _core_of,
    _type_starts,
    type_windows,
)

_STREETS = (
    "Lindemarkveien 141",
    "Rákóczi út 41.",
    "Thijsselaan 6",
    "HAUPTSTRASSE 5",
    "Am Alten Weg 3",
    "12 Olof Palmes Gade 4",
    "Kungsgatan\n12",
    "Main Str. 7",
    "1234 Karl Johans gate 22",
    "Atatürk BULVARI 12",
    "Vesterbrogade   15b",
    "(Ostring 5)",
    "x,Westring 4",
    "12 34 A B Cweg 5",
    "\\nHovedgata 9",
    "during 2020",
    "Rua das Hortências 1428",
    "ul. Kunickiego Władysława 61",
    "104 Rue de Rabat",
    "Diagonal Resistencia N° 782",
    "Cl. 23 # 9-6 Sur",
    "rue Lévêque",
    "70, boulevard de Maury",
    "route de Lyon",
    "Rua Jesús soria, 866",
    "12 34 Calle Mayor 5",
    "Avda. Xal 3",
    "C/ Mayor 4",
    "(12 Rua X 5",
    "\\nRua Y 3",
    "Șoseaua Kiseleff 3",
    "place de la Bourse",
)
_PROSE = "the patient was seen on Monday in the Left knee 3 times during 12 weeks at Oslo"


def _texts() -> list[str]:
    rng = random.Random(7)
    out = []
    for _ in range(300):
        parts = [
            rng.choice(_STREETS) if rng.random() < 0.2 else rng.choice(_PROSE.split())
            for _ in range(rng.randint(3, 40))
        ]
        out.append("".join(p + rng.choice([" ", "\n", ", ", "  ", "\t"]) for p in parts))
    return out


def test_the_street_endings_are_read_from_the_alternation() -> None:
    assert _SUFFIX_WORDS in _CORES[_SUFFIX_AT]
    assert words_of(_SUFFIX_WORDS) == list(_STREET_ENDINGS)
    assert words_of("(?:a|b(?:c|d)e|f\\.)") == ["a", "bce", "bde", "f."]
    with pytest.raises(ValueError, match="not a literal"):
        words_of("(?:a|b+)")


def test_the_lower_case_type_words_are_those_of_their_alternative() -> None:
    head = _CORES[19].split("(?=")[0]
    assert sorted(re.findall(r"[a-zé]{3,}", head)) == sorted(_FIRST_LOWER[3:-1].split("|"))
    assert by_first_letter("(?:ab|ac\\.|b)", "(?:ad)") == "(?:a(?:b|c\\.|d)|b(?:))"


def test_the_windows_hold_every_start_of_the_windowed_alternatives() -> None:
    seen = 0
    for text in _texts():
        windows = merge(
            ending_windows(text, _ENDING_BACKWARDS) + type_windows(text, _type_starts(text))
        )
        for i in _WINDOWED:
            for m in _CORE_PARTS[i].pattern.finditer(text):
                seen += 1
                assert any(lo <= m.start() <= hi for lo, hi in windows), (text, i, m)
    assert seen > 1000


@pytest.mark.parametrize(
    "indices",
    [
        list(range(len(_CORES))),
        *([9], [0, 1, 9], [2, 3, 9, 11], [0, 1, 2, 3, 4, 9], [5, 9], [2, 18]),
        *([3], [19], [0, 2], [3, 10, 11], [0, 1, 2, 3, 4, 11]),
    ],
)
def test_the_core_finds_what_finditer_finds(indices: list[int]) -> None:
    addresses.warm_up()
    for text in _texts():
        expected = [m.span() for m in _core_of(indices).finditer(text)]
        assert _core_matches(indices, text) == expected, text


# The number patterns read their first digit before their look-behinds (so a search looks
# for a digit first): the same matches as the look-behind-first forms they replace.
_OLD_NUMBER = (
    r"(?:(?<=\\n)|(?<![\w.,:/#$€£+*-]))"
    r"(?:\d{1,5}[a-z]?(?=[ \t]+(?:[^\W\d_]|\d{1,3}(?:st|nd|rd|th)\b))"
    r"|(?:(?<=[^\W\d_][ \t])|(?<=[^\W\d_],[ \t]))\d{3,5}[a-z]?)(?![\w%°$€£'’]|[.,:/-]\d)"
)
_OLD_NUMBER_WORD = (
    rf"(?<![\w.,:/-])\d{{1,5}}(?:[/-]\d{{1,4}})?[A-Za-z]?[ \t]+"
    rf"(?:{addresses._U}[\w'’-]*[ \t]+){{0,2}}({addresses._U}[\w'’-]{{3,}})(?![\w'’-])"
)


@pytest.mark.parametrize(
    ("old", "new"),
    [(_OLD_NUMBER, NUMBER), (_OLD_NUMBER_WORD, addresses._NUMBER_WORD)],
)
def test_the_number_patterns_match_as_before(old: str, new: re.Pattern[str]) -> None:
    rng = random.Random(5)
    pieces = [*"0123456789٣ abcXYZ,.:/#$€£+*-\t_%°'’é", "\\n", " 12", "st", "Main", "Hauptgasse"]
    former = re.compile(old)
    for _ in range(20_000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 14)))
        assert [m.span() for m in new.finditer(text)] == [m.span() for m in former.finditer(text)]
        for pos in range(len(text)):
            a, b = new.match(text, pos), former.match(text, pos)
            assert (a and a.span()) == (b and b.span()), (text, pos)
