"""A street is masked whole or it leaks: the run rules of
:mod:`hybridllm.classifiers.address_lower_run` for streets whose name holds particles, type
words and everyday words, and the widening of a found street over the words of its name left
outside (:func:`~hybridllm.classifiers.address_context.widen`). Written for this file (no line
of a benchmark set); the real recognizer runs every case."""

from __future__ import annotations

import pytest

from hybridllm.classifiers.addresses import AddressRecognizer

_R = AddressRecognizer()


def _spans(text: str) -> list[str]:
    return [text[f.start : f.end] for f in _R.find(text)]


@pytest.mark.parametrize(
    ("text", "street"),
    [
        # an unambiguous first type word: any plain words name the street
        ("we stayed at rua bonita 1290 last year", "rua bonita 1290"),
        ("send it to 77 boulevard des pins verts instead", "77 boulevard des pins verts"),
        ("please visit calle mayor 218, it is lovely", "calle mayor 218"),
        # a number of one or two digits after a first type word and a name
        ("rua tenente azevedo 12 is where she lives", "rua tenente azevedo 12"),
        # an ambiguous first type word: names after it, or a particle first
        ("meet me at 310 via giacomo rossetti at noon", "310 via giacomo rossetti"),
        ("at 9 via dei ciclamini is the shop", "9 via dei ciclamini"),
        # a word that qualifies the type word, before it
        ("lunch at 44 petite rue saint-martin on friday", "44 petite rue saint-martin"),
        ("my house: travessa avenida doutor bento 221", "travessa avenida doutor bento 221"),
        # Spanish, Dutch, German particles inside the name
        ("i'm at las azucenas 940 now", "las azucenas 940"),
        ("we moved to los olivos 977 last month", "los olivos 977"),
        ("i moved to Hof am Buschhausen 1470, Lohmar", "Hof am Buschhausen 1470"),
        ("it is at laan van meerdervoort tot zuid 612 now", "laan van meerdervoort tot zuid 612"),
        # a short word beside a particle
        ("rincón del mar 350, cancún", "rincón del mar 350"),
        # a foreign type word after the name
        ("can you find bartók béla köz 415 on the map?", "bartók béla köz 415"),
        ("the box went to Hlinkova ulica 903 instead", "Hlinkova ulica 903"),
        ("please ship it to\nsigrid undsets väg 1212\nlund", "sigrid undsets väg 1212"),
    ],
)
def test_run(text: str, street: str) -> None:
    assert any(street in s for s in _spans(text)), (text, _spans(text))


@pytest.mark.parametrize(
    ("text", "street"),
    [
        # a title glued to the name, or with a full stop before it
        ("the taxi left from Prof.Heyrovského 612 at ten", "Prof.Heyrovského 612"),
        ("anna kovacs\nst. jansstraat 218\nhaarlem", "st. jansstraat 218"),
        # name words before a type word that was found alone
        ("Kamenná ulica 17, Poprad", "Kamenná ulica 17"),
        ("my address: Zelená ulica 88", "Zelená ulica 88"),
        ("the card came from Karin Månsdotters väg 12", "Karin Månsdotters väg 12"),
        # a number before a number-first street
        ("we're at 218 4 east street now", "218 4 east street"),
        # a house number after a street that had none, a Roman numeral, a type word
        ("my flat: Rua Dona Matilde - Bloco Norte 77", "Rua Dona Matilde - Bloco Norte 77"),
        ("we live at 905 Hvammsgerði II now", "905 Hvammsgerði II"),
    ],
)
def test_widened(text: str, street: str) -> None:
    assert any(street in s for s in _spans(text)), (text, _spans(text))


@pytest.mark.parametrize(
    ("text", "found"),
    [
        # the words before are no street's: a verb, an English word, a sentence end
        ("Yesterday we visited Kamenná ulica 17, Poprad", "Kamenná ulica 17, Poprad"),
        ("please call me. Kamenná ulica 17", "Kamenná ulica 17"),
        # a listed name before a street is a person's, unless a street starts there
        ("I told Ana Kamenná ulica 17, Poprad", "Kamenná ulica 17, Poprad"),
    ],
)
def test_not_widened(text: str, found: str) -> None:
    assert found in _spans(text), (text, _spans(text))


@pytest.mark.parametrize(
    "text",
    [
        "send 5 via email please",
        "we meet at 8 via zoom today",
        "set 12 place settings for the dinner",
        "the corso 2024 edition is out",
        "i am sure 300 is enough",
        "i scored 15 on the test last week",
        "the plaza has 400 seats",
        "she ran the largo 120 times",
        "add 2 cups of flour and 1 egg",
        "do you have 20 minutes now",
        "see you at 4 Peter will drive",  # an hour and a person
        "meet at 3 anna and maria will join",
    ],
)
def test_clean(text: str) -> None:
    assert not _spans(text), (text, _spans(text))


@pytest.mark.parametrize(
    ("text", "street"),
    [
        # the number first, then the name and a street type of another language as its own
        # word, with no cue before it
        ("Claim: car damaged at 84 Olof Palmes Gade. Summarise.", "84 Olof Palmes Gade"),
        ("He has rented 274 Kriegers Vej since 2020.", "274 Kriegers Vej"),
        ("The parcel is stuck at 9 Am Alten Weg, says the tracker.", "9 Am Alten Weg"),
    ],
)
def test_number_first_streets_with_a_foreign_type_word(text: str, street: str) -> None:
    assert any(street in s for s in _spans(text)), _spans(text)


def test_a_number_before_capitalised_english_words_is_no_street() -> None:
    assert _spans("We ordered 3 Big Macs and 2 Happy Meals for the Team.") == []
