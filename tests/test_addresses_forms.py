"""Street forms of other countries, and what a found street keeps: units and house-number marks
after it, the other half of a house number, a number or a unit before it
(:mod:`hybridllm.classifiers.address_widen`), streets typed first with a number mark
(:mod:`hybridllm.classifiers.addresses`), French types in lower case, and streets that start
with a preposition, a saint or an adjective (:mod:`hybridllm.classifiers.address_lead`).
Written for this file (no line of a benchmark set); the real recognizer runs every case."""

from __future__ import annotations

import pytest

from hybridllm.classifiers.addresses import AddressRecognizer

_R = AddressRecognizer()


def _spans(text: str) -> list[str]:
    return [text[f.start : f.end] for f in _R.find(text)]


@pytest.mark.parametrize(
    ("text", "street"),
    [
        # units and house-number marks after a street, in its language
        (
            "I moved to Calle Ortega 12 Edif. 3 , Depto. 41. Thanks",
            "Calle Ortega 12 Edif. 3 , Depto. 41",
        ),
        (
            "Send it to Strada Lungă Nr. 7 Bl. 2  Sc. 1 Ap. 14",
            "Strada Lungă Nr. 7 Bl. 2  Sc. 1 Ap. 14",
        ),
        ("She lives at Calle Rioja 40 Piso 3 now.", "Calle Rioja 40 Piso 3"),
        ("the office is Ampliación Sol 81 Interior 9", "Ampliación Sol 81 Interior 9"),
        # the other half of a house number
        ("Address: Lindenweg 4-6", "Lindenweg 4-6"),
        ("it is at Brucknerstraße 12/3. Ring twice", "Brucknerstraße 12/3"),
        # a building number with its dot before the name, a unit before the street
        ("Kiss Anna\n\n12. Petőfi utca\n Veszprém", "12. Petőfi utca"),
        ("Reply to Apt. 7, 18 Harbour Street please", "Apt. 7, 18 Harbour Street"),
        # a unit word or a mark that the street took without its number, or that stands
        # right before the street's number
        ("So it is in Avenida Omar Nuñez N° 605", "Avenida Omar Nuñez N° 605"),
        # Italian particles after a type word, a comma before the number of a typed street
        ("We met at 12 Via degli Orti after lunch.", "12 Via degli Orti"),
        ("my new address is Rua Sol nascente, 86", "Rua Sol nascente, 86"),
        ("Return it to 4410 route Gagnon Apt. 12 today.", "4410 route Gagnon Apt. 12"),
        (r"Ana Pop\n\nNr. 41 Aleea Nistor\n Cluj", "Nr. 41 Aleea Nistor"),
        ("damaged at Unit 3 93 Derek Boulevard, Perth", "Unit 3 93 Derek Boulevard"),
        # a street type first and a house-number mark
        ("The shop is at Diagonal Norte N° 912.", "Diagonal Norte N° 912"),
        ("Please come to Jl. Merdeka No. 14 tomorrow", "Jl. Merdeka No. 14"),
        ("I live at Cl. 45 # 12-3 Sur in Bogotá", "Cl. 45 # 12-3 Sur"),
        ("Our office: Aleea Teilor Nr. 9", "Aleea Teilor Nr. 9"),
        # a French type in lower case: after a number and a comma, or before a name
        ("Meet me at 12, boulevard de Sébastopol tonight", "12, boulevard de Sébastopol"),
        ("The café is on rue Mouffetard", "rue Mouffetard"),
        ("I grew up at 4410 rang Gagnon near the river", "4410 rang Gagnon"),
        # a preposition, a saint or an adjective first, then a house number
        ("The flat is U Prašné brány 12, Praha", "U Prašné brány 12"),
        ("we have rented Pod Kaštany 45 since May", "Pod Kaštany 45"),
        ("The letter went to Im Hofacker 17 yesterday", "Im Hofacker 17"),
        ("It's in Nueva Esperanza 311", "Nueva Esperanza 311"),
        ("the parcel came to na výsluní 28 today", "na výsluní 28"),
        ("Deliver it to Padre Anchieta, 77 please", "Padre Anchieta, 77"),
        # a street named after a person, after a place word
        ("The box arrived at Ferenc Kölcsey 88 last night.", "Ferenc Kölcsey 88"),
        # Nordic and Dutch place endings, a lower-case type word, a particle and a name
        ("We live at 12 Fjellstubben now.", "12 Fjellstubben"),
        ("send it to 40 Zandbrug please", "40 Zandbrug"),
        ("The letter arrived at 71 Kaskeda allee last week", "71 Kaskeda allee"),
        ("Address: Calle de Pedro Ruiz y Mendoza, Toledo", "Calle de Pedro Ruiz y Mendoza"),
        # a block's street line after a literal line break of pasted JSON, in either case
        (r"Ana Kiss\n982 Sæból III\nHólmavík", "982 Sæból III"),
        (r"ana kiss\n982 sæból iii\nhólmavík", "982 sæból iii"),
        ("Yrsa Berg\n417 Efri-Fossgil\nVík", "417 Efri-Fossgil"),
        # a number and a street named after a person, where a street starts
        ("Carla Neri - 1432 Pietro Orlando, Bari", "1432 Pietro Orlando"),
        # columns of a table: a pipe starts and ends a street
        ("Ole Dahl | 58 Kragerøveien | Moss", "58 Kragerøveien"),
        # a street line with its number last, under a name line of pasted JSON; after a comma
        (r"Jan Novák\nPodlesná 214\nKolín 280 02", "Podlesná 214"),
        ("Ship to: Eva Malá, Bôrik 915", "Bôrik 915"),
        # Finnish ring roads, with a house number
        ("The office is at 58 Ring III, Vantaa.", "58 Ring III"),
        ("the letter went to ring i 1207 last week", "ring i 1207"),
        # lower case: a street in brackets or between a table's pipes, after "in"
        ("carl berg (82 mesa spur)", "82 mesa spur"),
        ("anne roy (750 rue de la grande piece)", "750 rue de la grande piece"),
        ("i live in 2 park lane now", "2 park lane"),
        # lower case: a type first and a number mark, a glued type and a short number, a unit
        ("it is at diagonal norte n° 912, near the park", "diagonal norte n° 912"),
        ("send it to jl. merdeka no. 14, thanks", "jl. merdeka no. 14"),
        ("can you check: dorpsbaan 12", "dorpsbaan 12"),
        ("user: 4410 kaija plains apt. 12", "4410 kaija plains apt. 12"),
        # lower case: French types that are English words, after a number
        ("change it to 1273 cours de la paix for post mail", "1273 cours de la paix"),
        ("user: 1384 place marcel roubenne", "1384 place marcel roubenne"),
        ("they are: 823 square de la terre du tresor, and more", "823 square de la terre"),
    ],
)
def test_whole_street(text: str, street: str) -> None:
    assert any(street in s for s in _spans(text)), (text, _spans(text))


@pytest.mark.parametrize(
    "text",
    [
        "Some version of that sounds like an avenue I should pursue.",
        "Beethoven's Symphony No. 9 is my favourite.",
        "Take the U Turn 5.",
        "Na level 140, K 4.1",
        "can u get 5 of them",
        "I rang Jack yesterday.",
        "The route Planning team meets on Monday.",
        "Item # 5-7 is missing from the list.",
        "Now I want to port it to Godot 4.",
        "Please upgrade to Ubuntu 22.",
        "See you at Level 42.",
        "As written in John 3.",
        "We painted Warhammer 40k minis.",
        "Please outline a 12 Week Course on pottery for beginners.",
        "it is the 557 Super Mario Game in the franchise",
        "Top: 557 Super Mario Game.",
        "Cast: 12 Angry Men, 7 Samurai",
        "1 John Smith\n2 Mary Jones\n3 Peter Brown",
        "give me a ring i think 5 is fine",
        "In the Ring I ideal of 5 elements",
        "I have apples, bananas 300 and more",
        "The weekly schedule has 3 reels, 4 Carousels, 3 Single page posts.",
        "see you in 10 minutes walk",
        "we will be done in 3 easy steps",
        "draw the diagonal 2 times, then stop",
        "i have no. 5 and no. 6 left",
        "i need 5 rue tickets for the show",
        "set the table at 8 place settings for dinner",
        "we have 5 square meters and 3 route options",
    ],
)
def test_no_street(text: str) -> None:
    assert _spans(text) == [], (text, _spans(text))


def test_a_year_before_a_street_stays_outside() -> None:
    """A building number before a street found by its name goes with it, a year does not."""
    assert _spans("In 2019 Mellékhalasi utca was renamed.") == ["Mellékhalasi utca"]
    assert _spans("We live at 84 Mellékhalasi utca, Pécs")[0].startswith("84 Mellékhalasi utca")
