"""Address blocks and street forms the core rules of :mod:`hybridllm.classifiers.addresses`
missed: a block quoted with ``>`` (its unit and town lines), a Hungarian street named after a
person with its building number first (``223. Kossuth utca``), Australian road types after a
number and a name (``76 Brenda Concourse``). Written for this file (no line of a benchmark
set); the real recognizer runs every case."""

from __future__ import annotations

import pytest

from hybridllm.classifiers.addresses import AddressRecognizer

_R = AddressRecognizer()


def _spans(text: str) -> list[str]:
    return [text[f.start : f.end] for f in _R.find(text)]


@pytest.mark.parametrize(
    ("text", "block"),
    [
        # a reply quotes the block: the unit and the town lines after the street
        ("Ship to:\n> 12 Main Street\n> Apt 5\n> Springfield", "Apt 5\n> Springfield"),
        ("Ship to:\\n>88 Ocean Drive\\n>Suite 210\\n>Tampa", "Suite 210\\n>Tampa"),
        ("> Inés Ruiz\n> 3136 Av. 144 B\n> Apt. 656\n> Ushuaia", "Apt. 656\n> Ushuaia"),
        ("> Office\n> 18-2 Cl. 91\n> Casa 8\n> Mutatá", "Casa 8\n> Mutatá"),
    ],
)
def test_quoted_block(text: str, block: str) -> None:
    assert any(block in s for s in _spans(text)), (text, _spans(text))


@pytest.mark.parametrize(
    ("text", "street"),
    [
        # the type after a listed name, the building number and its dot first
        ("She lives at 223. Kossuth utca, Baja.", "223. Kossuth utca"),
        ("Címem: 12. József Attila utca\n Apt. 4", "12. József Attila utca"),
        ("címem: 12. józsef attila utca", "12. józsef attila utca"),
        ("the office is on Goethe straße near the park", "Goethe straße"),
        # an Australian road type after a number and a name
        ("The address of the firm is 76 Brenda Concourse", "76 Brenda Concourse"),
        (
            "> Ann Lee\n> 439 Porter Grange\n> Unit 55\n> Garychester",
            "439 Porter Grange\n> Unit 55",
        ),
        ("car damaged at 73/9 Brenda Piazza, Leipzig.", "73/9 Brenda Piazza"),
        ("Drop it at 5 Marine Parade, Southport", "5 Marine Parade"),
    ],
)
def test_street(text: str, street: str) -> None:
    assert any(street in s for s in _spans(text)), (text, _spans(text))


@pytest.mark.parametrize(
    "text",
    [
        # everyday words before a foreign type word, and a count before a title
        "We walked down the Main utca.",
        "Learn Python in 10 Easy Steps",
        "The 3 Grand Ends of the story",
        "He teed off with 2 Golf Tee sets",
        "The 7 Quay",  # a number and the type word alone
        "We went på vej home",
    ],
)
def test_not_street(text: str) -> None:
    assert _spans(text) == [], (text, _spans(text))


@pytest.mark.parametrize(
    ("text", "street"),
    [
        # lower case: an Australian road type, a house number's glued other half
        ("the address of the firm is 76 brenda concourse", "76 brenda concourse"),
        ("car damaged at 73/9 brenda piazza, leipzig.", "73/9 brenda piazza"),
        # a type word first that is an English word too, before a name particle
        ("the router shipped to rue de vermeil, bergen was late", "rue de vermeil"),
        ("residing at boulevard de joseph, auckland", "boulevard de joseph"),
        ("stop at the corner of c. de elpidio cuenca st. and main st.", "c. de elpidio cuenca"),
        ("lunch at via della spiga, milano", "via della spiga"),
        # "sin número" after the street, in either case
        ("residing at r. de pacheco, s/n, ljubljana", "r. de pacheco, s/n"),
        ("Residing at R. de Pacheco, S/N, Ljubljana", "R. de Pacheco, S/N"),
    ],
)
def test_lower_street(text: str, street: str) -> None:
    assert any(street in s for s in _spans(text)), (text, _spans(text))


@pytest.mark.parametrize(
    "text",
    [
        "i sent it via de facto channels",
        "la mise en place des traps est faite",
        "le chemin de fer de la ville",
        "la feuille de route de l'équipe",
        "see the notes, etc. de la part du client",
        "i walked 3 miles along the vale",
    ],
)
def test_not_lower_street(text: str) -> None:
    assert _spans(text) == [], (text, _spans(text))


@pytest.mark.parametrize(
    ("text", "street"),
    [
        # a street that ends in its own full stop, then the sentence's (or an ellipsis)
        ("i am the tenant at victor hugo u. 7.. no heating since may.", "victor hugo u. 7"),
        ("i am the tenant at kossuth u. 7... no heating since may.", "kossuth u. 7"),
    ],
)
def test_sentence_end_after_a_dotted_street(text: str, street: str) -> None:
    assert any(street in s for s in _spans(text)), (text, _spans(text))


@pytest.mark.parametrize(
    ("text", "street"),
    [
        # a Philippine building line before the street: a block and a lot, a floor, a unit
        ("Please return to B03 L31 Collins Estates 5, Rosas Street in case.", "B03 L31 Collins"),
        ("The office is at 30F Lowe Apartment, 1556 Topaz Drive", "30F Lowe Apartment, 1556"),
        ("residing at unit 3110 suarez residences 5, 9116 mayon avenue", "unit 3110 suarez"),
        ("shipped to block 14 lot 67 amethyst avenue, nuuk", "block 14 lot 67 amethyst avenue"),
    ],
)
def test_building_line_before_the_street(text: str, street: str) -> None:
    assert any(street in s for s in _spans(text)), (text, _spans(text))


def test_a_unit_of_prose_before_a_street_stays_out() -> None:
    assert _spans("Take unit 5 of the course, then visit 12 Main Street") == ["12 Main Street"]


@pytest.mark.parametrize(
    ("text", "street"),
    [
        # lower case: a first type word, a number and its letter (a Latin American street)
        (">ana ruiz\n>3136 av. 144 b\n>apt. 656\n>ushuaia", "3136 av. 144 b\n>apt. 656"),
        ("she lives on calle 12 a, bogotá", "calle 12 a"),
    ],
)
def test_lower_numbered_street_and_letter(text: str, street: str) -> None:
    assert any(street in s for s in _spans(text)), (text, _spans(text))


def test_a_number_and_an_article_after_a_type_word_stay_out() -> None:
    assert _spans("i ran the av. 144 a day") == []


def test_a_dutch_surname_is_no_street() -> None:
    assert _spans("tell van der laan pls") == []
