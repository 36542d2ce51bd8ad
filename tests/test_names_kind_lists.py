"""The items of a list whose lead-in says what they are are those things, not people.

(:mod:`hybridllm.classifiers.name_kind_lists`.) ``list the counties underneath: ... Lee ...
Marion`` lists counties, ``these cities: ... Destin`` towns, ``bike types including Cruiser,
Bobber`` kinds of bike. A list led in by a role (``Attendees:``), a name that is no whole item,
and a name after another field's label stay people.
"""

from __future__ import annotations

import pytest

from hybridllm.classifiers import get_classifier
from hybridllm.classifiers.name_kind_lists import kind_lists


def _persons(text: str) -> list[str]:
    found = get_classifier().classify(text).findings
    return [text[f.start : f.end] for f in found if f.entity_type == "PERSON"]


@pytest.mark.parametrize(
    "text",
    [
        "Group these counties by MSA. Display the MSA and list the counties underneath: "
        "Manatee\n\nDuval\n\nLee\n\nSarasota\n\nFlagler\n\nBrevard\n\nMarion\n\nPasco\n\nBroward",
        "Rank the following cities for a family trip:\nGalveston\nSedona\nHilton Head\n"
        "Gatlinburg\nDestin\nWhistler",
        "I have a list of flavors as the following:\nGrape Honeydew\nStrawberry Froyo\n"
        "Watermelon Ice\nLemon Cola\nYakult Ace",
    ],
)
def test_items_of_a_list_of_things_are_no_names(text: str) -> None:
    assert _persons(text) == []


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Attendees: Lee, Marion, Charlotte", "Marion"),
        (
            "DreamCatcher Games is the brainchild of our 3 founders: Hines, Flowers and Rhodes.",
            "Flowers",
        ),
        ("Countries: France\nContact: Marion Lee", "Marion Lee"),
        ("Our offices in Boston and Denver are run by Marion Keller.", "Marion Keller"),
        ("Visit these cities: Paris, Lyon. Marion Keller will guide you.", "Marion Keller"),
    ],
)
def test_names_stay(text: str, name: str) -> None:
    assert name in _persons(text)


@pytest.mark.parametrize(
    ("text", "held"),
    [
        ("list the COUNTIES underneath:", True),
        ("bike types including Cruiser", True),
        ("a list of Colours: Red", True),
        ("the neighborhoods:", True),
        ("the \u017ftates:", True),  # a long s: the case-blind pattern reads it as "s"
        ("the C\u0130T\u0130ES:", True),  # a dotted capital I lower-cases to two characters
        ("Attendees: Lee, Marion, Charlotte", False),
        ("Ticket #8354 opened by Gabriel Dias; cc Maja Hermansen.", False),
    ],
)
def test_a_text_without_a_kinds_noun_is_not_searched(text: str, held: bool) -> None:
    """``kind_lists`` (the per-text gate of ``kind_item``) holds wherever the lead-in's noun
    pattern can match, whatever the case and the folds of a case-blind match."""
    assert kind_lists(text) is held
