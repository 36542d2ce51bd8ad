"""A field's or a column's label is no name (:mod:`hybridllm.classifiers.name_labels`).

Spec sheets, tables and forms name their fields in title case, and labels whose last word is
also a surname (``Size``, ``Time``, ``Meter``) were found as people. A speaker's label in a
transcript, a table cell holding a name and a name's particle stay names.
"""

from __future__ import annotations

import pytest

from hybridllm.classifiers import get_classifier


def _persons(text: str) -> list[str]:
    found = get_classifier().classify(text).findings
    return [text[f.start : f.end] for f in found if f.entity_type == "PERSON"]


@pytest.mark.parametrize(
    "text",
    [
        "Specifications\tDD200\tDD300\nProcess Duct Size (inch)\t5.0\t5.0\n"
        "Min Operating Temp (°F)\t-4\t-4\n"
        "Max Operating Temp (°F)\t104\t104",
        "| Region | Severity | Fault Time | Clear Time | Owner | Duration |",
        "Create a template with the following sections:\n\n1. Patient Information:\n"
        "Create a section for patient demographics.",
        "On/Off Switch\tY\tY\nAmmeter\tY\tY\nHours Run Meter\tY\tY\nFitted Mains Plug\tY\tY",
    ],
)
def test_labels_of_fields_and_columns_are_no_names(text: str) -> None:
    assert _persons(text) == []


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Thomas Jacks: And they did it. So they kept it running.", "Thomas Jacks"),
        ("Rose: Analyze data and present findings\nJohn: propose new idea", "Rose"),
        ("Mark Price: I agree with that plan.", "Mark Price"),
        ("| Name | Role |\n|---|---|\n| Siphiwe Meyer | Treasurer |", "Siphiwe Meyer"),
        ("pls summarise:\nde Assis: api is down\nAventino: rolling back now", "de Assis"),
        ("cc Aya Lindström.\nMiss Brewer: Hello Rosa-Maria, can you check it?", "Brewer"),
        ("cc Bill Harrington.\nLanie Small: Hello Feray, can you check it?", "Lanie Small"),
    ],
)
def test_speakers_and_cells_that_name_people_stay(text: str, name: str) -> None:
    assert name in _persons(text)
