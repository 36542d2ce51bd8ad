"""Lower-case list items beside a found name: a list joined by commas or ``and``, or numbered
inline (``1. cesar grimes 2. porsha waters``), grows from the name it holds; steps, teams and
other items stay out. All texts run through the real classifier."""

from __future__ import annotations

import pytest
from tests.helpers import persons


@pytest.mark.parametrize(
    ("text", "names"),
    [
        (
            "shortlisted: 1. cesar grimes 2. porsha waters 3. lesha riggs",
            ["cesar grimes", "porsha waters", "lesha riggs"],
        ),
        ("finalists 1) ignác teleki 2) ádika beck", ["ignác teleki", "ádika beck"]),
        ("founders: gobet, stump and fraschina", ["gobet", "stump", "fraschina"]),
        # a count after an item: "scorers: ... , name 2"
        ("goals: pietro conti, farnella 2), rovers 1", ["pietro conti", "farnella"]),
        ("goals: pietro conti, bunday 2), rovers 1", ["pietro conti", "bunday"]),
    ],
)
def test_items_of_a_list_of_names_are_names(text: str, names: list[str]) -> None:
    found = persons(text)
    assert all(n in found for n in names), found


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("steps: 1. open the app 2. click save 3. restart", []),
        ("sizes: small 2, medium 4 and large 1", []),
        ("winners: 1. maria lopez 2. the blue team 3. red rovers", ["maria lopez"]),
    ],
)
def test_other_items_stay_out(text: str, names: list[str]) -> None:
    assert persons(text) == names


@pytest.mark.parametrize(
    ("text", "names"),
    [
        # a given name the lists also hold as a word ("roman") in a name's field
        (
            "const user = { id: 23164, name: 'roman geiger', manager: 'roman geiger' };",
            ["roman geiger", "roman geiger"],
        ),
        ("config = { name: 'roman empire', type: 'game' }", []),
    ],
)
def test_name_fields_in_code(text: str, names: list[str]) -> None:
    assert persons(text) == names


@pytest.mark.parametrize(
    ("text", "partner"),
    [
        ("notes from kowalczyk and benda: ship it", "benda"),
        ("feedback from nowak and benda: looks fine", "benda"),
        ("i met hrubešová and benda for coffee.", "benda"),
    ],
)
def test_a_listed_surname_joined_to_a_found_name_by_and_is_a_name(text: str, partner: str) -> None:
    assert partner in persons(text)


@pytest.mark.parametrize(
    "text",
    [
        "the minutes taken by hrubešová and others were approved on friday.",
        "ask wojciechowska and support about the draft.",
    ],
)
def test_an_everyday_word_after_a_found_name_and_and_is_no_name(text: str) -> None:
    assert [p for p in persons(text) if p in ("others", "support")] == []
