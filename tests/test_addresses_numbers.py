"""House numbers of many countries' forms, and streets a unit or a second number completes.

A building number is not only ``756`` or ``12B``: Europe and Latin America give a second
number after a slash or a hyphen (``14/96`` a flat of building 14, ``6b/6``, ``7-4``), a
street line may carry its unit mid-sentence (``send it to 028 Rasa Plains Apt. 878``), and
Colombian streets name the cross street and the distance from it (``carrera 76w # 52-99
sur``). A partly found street is a leak, so each whole street must be one finding.
"""

from __future__ import annotations

import pytest

from hybridllm.classifiers.addresses import AddressRecognizer

_R = AddressRecognizer()


def _spans(text: str) -> list[str]:
    return [text[f.start : f.end] for f in _R.find(text)]


@pytest.mark.parametrize(
    ("text", "address"),
    [
        # a second number after a slash or a hyphen, after an address phrase
        (
            "Davor Šelendić lives at 6b/6 Klesarski put, Crikvenica",
            "6b/6 Klesarski put, Crikvenica",
        ),
        ("Otto Holt lives at 7-4 Rörrichtring, Genthin", "7-4 Rörrichtring, Genthin"),
        ("She is a tenant at Nowaka 14/96, Poznań since May.", "Nowaka 14/96, Poznań"),
        # a unit in the middle of a line, any case
        (
            "Please send a new one to 028 Rasa Plains Apt. 878? I am away",
            "028 Rasa Plains Apt. 878",
        ),
        (
            "car damaged at 4698 jordan roads apt. 619, perth. witness",
            "4698 jordan roads apt. 619, perth",
        ),
        # a lower-case Latin American street: a type first, a number, a marked second number
        ("it's in carrera 76w # 52-99 sur", "carrera 76w # 52-99 sur"),
        ("name: diana padilla\naddress: transversal 58g # 8-1", "transversal 58g # 8-1"),
        ("the address of velazquez plc is boulevard 8 n° 345", "boulevard 8 n° 345"),
        # a comma before the house number, a unit of another language after it
        (
            "I am Aron Geirsson, tenant at Incrocio Giovanni, 8 Piano 2. No heating since May.",
            "Incrocio Giovanni, 8 Piano 2",
        ),
        # a unit, a comma, a street with its type and no number (British usage)
        ("Update my address to Studio 92z, Knowles Curve", "Studio 92z, Knowles Curve"),
        # an ordinal street name above a unit line
        (
            "> Timothy Barnes\n> 4237H 43rd Avenue\n> Apt. 351\n> Kayla Ville",
            "4237H 43rd Avenue\n> Apt. 351\n> Kayla Ville",
        ),
        # in lower case, a street type that comes first, a number, a unit of its language
        (
            "please return to piazza milanesi, 3 appartamento 16 in case of an issue.",
            "piazza milanesi, 3 appartamento 16",
        ),
        ("i am a tenant at psje. lautaro 44 piso 64. no heating", "psje. lautaro 44 piso 64"),
        (
            "the office is at peatonal guerrero 419 interior 082",
            "peatonal guerrero 419 interior 082",
        ),
        # in lower case, a foreign street type and a name with no number
        ("the bus station is on rue lévêque", "rue lévêque"),
        ("i'd like it to be sent to boulevard guillou", "boulevard guillou"),
        ("we met at rue de la paix today", "rue de la paix"),
        # Estonian and Lithuanian types after the name, any case
        ("Lost cat near Aia tn 313. Answers to Pepper.", "Aia tn 313."),
        ("lost cat near ąžuolų g. 99. answers to pepper.", "ąžuolų g. 99."),
        # after an address phrase a street ends before a function word, and still is one
        ("i live at 823 via marica in portici.", "823 via marica"),
        # in lower case, the city before a state code and a postcode on the next line
        (
            "name: lynn shaw\naddress: 750 hess fall apt. 867\npaulfurt, ms 44066",
            "750 hess fall apt. 867\npaulfurt, ms 44066",
        ),
        (
            "name: louise lebel\naddress: 681 rue ménard apt. 336\nl'île- lepage, nt a8x6b1",
            "681 rue ménard apt. 336\nl'île- lepage, nt a8x6b1",
        ),
    ],
)
def test_the_whole_street_is_found(text: str, address: str) -> None:
    assert address in _spans(text), _spans(text)


@pytest.mark.parametrize(
    "text",
    [
        # a range of hours before a street is no part of it
        "yard sale flyer: saturday 8-12 at amygdalias street 291. everything must go!",
    ],
)
def test_a_range_before_a_street_is_left_out(text: str) -> None:
    assert _spans(text) == ["amygdalias street 291"], _spans(text)


@pytest.mark.parametrize(
    "text",
    [
        "The score was 7-4 Brazil, a great game.",
        "We won 3-1 at home and 2-2 away.",
        "I have 3 of them apt 2",
        "Mix 1/2 Cup Sugar with 3/4 Cup Flour.",
        "pages 12-14 cover it; see 3/4 of chapter 2",
        "i met 3 friends\nmadrid, 2024 was fun",
        "He lives at Home, 5 days a week.",
        "we went to the praia 2 times",
        "you will rue the day",
        # a citation's "et al." and its year: no Polish aleja
        "As shown by Smith et al. 2020, the effect holds.",
        "as shown by smith et al. 2020, the effect holds.",
        "we walked down the boulevard together",
        "Our team is based at London, 2 offices and a lab",
    ],
)
def test_other_numbers_with_a_slash_or_hyphen_are_no_street(text: str) -> None:
    assert _spans(text) == [], _spans(text)


@pytest.mark.parametrize(
    "text",
    [
        # words before an English street type that are English words or a letter
        "where d1, d2 are the buildings connected by j road.\nOutput Format",
        "the intersections X and Y are connected by a bidirectional road of length D.",
        # one word after a one-digit number counts something
        "The model improves over the best results by over 2 BLEU. On the WMT task it wins.",
        "Others follow the baby's cues. 1 Overfeeding can lead to occasional fussiness.",
        # a figure's decimals: answer options in Greek letters
        "\u0391. 60.828\n\u0392. 14.696\nC. 22.991\nD. 65.027",
        # the rows of a table whose columns are set apart by runs of spaces or tabs
        "id    pair      score\n1    Canada India  133   17   1572.96\n2    Spain  Brazil 62",
        "1\tCanada India\t133\n2\tSpain Brazil\t62",
    ],
)
def test_counts_and_english_words_before_a_type_are_no_street(text: str) -> None:
    assert _spans(text) == [], _spans(text)


@pytest.mark.parametrize(
    ("text", "address"),
    [
        ("Meet me at 5 Klaverhei, Utrecht.", "5 Klaverhei, Utrecht"),
        ("My house: 5 Klaverhei", "5 Klaverhei"),
        ("the shop on mlinarska street is open", "mlinarska street"),
    ],
)
def test_a_one_digit_street_after_a_place_word_and_a_foreign_name_stay(
    text: str, address: str
) -> None:
    assert address in _spans(text), _spans(text)
