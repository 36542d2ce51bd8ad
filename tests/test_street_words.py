"""One-word streets named by a glued street type of another language, with no house number
(:mod:`hybridllm.classifiers.street_words`). Written for this file; the real classifier runs."""

from __future__ import annotations

import pytest

from hybridllm import redact
from hybridllm.classifiers import get_classifier
from hybridllm.classifiers import street_words as street_words_module
from hybridllm.classifiers.street_words import street_words


def _streets(text: str) -> list[str]:
    found = get_classifier().classify(text).findings
    return [text[f.start : f.end] for f in found if f.entity_type == "STREET_ADDRESS"]


@pytest.mark.parametrize(
    ("text", "street"),
    [
        ("She lives on the corner near Lindenstrasse these days.", "Lindenstrasse"),
        ("the bakery on kastanjegatan closed last week", "kastanjegatan"),
        ("We met outside the café on Rosenørns Allé? No, on Fælledvej.", "Fælledvej"),
        ("Their office moved to Korkeavuorenkatu in spring.", "Korkeavuorenkatu"),
        ("Het pakket ligt nog op de Prinsengracht, zegt de koerier.", "Prinsengracht"),
        # its house number before it, also after a literal "\n" of pasted JSON
        ("deliver to 29 hvedemarksvej tomorrow", "29 hvedemarksvej"),
        ('{"to": "Lena\\n\\n12 Ørstedsvej"}', "12 Ørstedsvej"),
        # hyphenated compounds
        ("the café is on sint-pietersstraat, near the station", "sint-pietersstraat"),
        # a lower-case street type that comes first, no number: up to a function word
        ("the bus stop is on rua doutor joão paulo and it is covered", "rua doutor joão paulo"),
        ("meet me at calle de los olmos after lunch", "calle de los olmos"),
        # words before an English street type, one of them no everyday word
        ("the shop on kovačićeva street is closed", "kovačićeva street"),
        ("Stop at the corner of Hazelbrae St. and the park.", "Hazelbrae St."),
        # a lower-case type word of its own after the name
        ("Turn left into Kaasiku tee after the bridge.", "Kaasiku tee"),
        # a house number, a name and a Roman numeral (Icelandic farms)
        ("The parcel went to 212 Hólmavað III instead.", "212 Hólmavað III"),
        ("I once lived in Dolní zahrádky IV. 12, near the park.", "Dolní zahrádky IV. 12"),
        ("we met at hálsasel iii 12 yesterday", "hálsasel iii 12"),
    ],
)
def test_a_one_word_street_is_a_street(text: str, street: str) -> None:
    assert any(street in s for s in _streets(text)), _streets(text)
    assert street not in redact(text).text


@pytest.mark.parametrize(
    "text",
    [
        "The Committee meets on Tuesdays.",  # an English word
        "See src/utils/strasse.py and my_gatan_helper for details.",  # a path, an identifier
        "Ask Lindqvist about the Gasse project.",  # a listed name; the type word alone
        "Run pip install foo-strasse to try it.",  # part of a hyphenated identifier
        "Buy a golf tee and 3 Henry VIII biographies.",  # English words, a listed name
        "In 1945 World War II ended.",
        "Rua is a word we use for street.",  # capitalised: the core rules' case
        "I work on Wall Street and walk down the main street.",  # everyday words
        "We tried the Thai street food and the Hanoi street art.",  # the type as a modifier
    ],
)
def test_words_that_are_no_streets(text: str) -> None:
    assert street_words(text) == []


def test_the_one_pass_needles_find_what_str_find_finds(monkeypatch: pytest.MonkeyPatch) -> None:
    texts = [
        "He lives on Spatenstrasse; we met on nordtoftevej by Järveotsa tee and Rákóczi út.",
        "470 Möðruvöllur IV, Nové záhrady VI. 651, rua são caetano, mlinarska street, STRASSE",
        "the patient at Hazeldene St. near Bahnhofstraße and gatvė, road. sokağı ii vejen",
    ]
    street_words_module.warm_up()
    fast = [street_words(t) for t in texts]
    monkeypatch.setattr(street_words_module, "_NEEDLES", None)
    assert [street_words(t) for t in texts] == fast
    assert all(fast)
