"""Lower-case list items beside a found name (hybridllm.classifiers.name_lower_records rule 9):
a count or an age in brackets after an item, the list's first item after "for" or "with", and
an item before a colon, first missed on names_gen5's development split. Real classifier."""

from __future__ import annotations

import pytest

from hybridllm.classifiers import get_classifier


def people(text: str) -> set[str]:
    c = get_classifier().classify(text)
    return {text[f.start : f.end] for f in c.findings if f.entity_type == "PERSON"}


@pytest.mark.parametrize(
    ("text", "names"),
    [
        (
            "group project for orhidea, qazim, evgenija and qendresa: who should do the poster?",
            {"orhidea", "qendresa"},
        ),
        ("make a fair chore chart for the kids: mauge (14), hernan (11) and elva (7).", {"mauge"}),
        ("i'm organising a book club with mendoza, melani and hernandez camey.", {"mendoza"}),
    ],
)
def test_an_item_of_a_list_of_names_is_a_name(text: str, names: set[str]) -> None:
    assert names <= people(text)


def test_a_list_of_things_after_for_has_no_name() -> None:
    assert people("looking for pizza, burgers and fries tonight") == set()
