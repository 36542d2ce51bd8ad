"""Names in a table's person column (hybridllm.classifiers.name_table), first missed on
names_gen5's development split; the header rules it shares with the phone column. Real
classifier."""

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
            "| task | owner | due |\n|---|---|---|\n| venue | sainimili | 12 apr |\n"
            "| catering | nawendra naizal | 20 apr |\n| music | gonelailai | tbd |",
            {"sainimili", "nawendra naizal", "gonelailai"},
        ),
        ("| Task | Owner | Due |\n|---|---|---|\n| Venue | Sainimili | 12 Apr |", {"Sainimili"}),
    ],
)
def test_a_cell_of_a_person_column_is_a_name(text: str, names: set[str]) -> None:
    assert names <= people(text)


@pytest.mark.parametrize(
    "text",
    [
        "| Task | Owner | Due |\n|---|---|---|\n| Music | TBD | - |",
        "| Name | Price |\n|---|---|\n| Widget | 3 |",
        "const client = request(event.url, {\n host: event.cron.host,\n timestampInMs,\n});",
    ],
)
def test_no_name_outside_a_person_column(text: str) -> None:
    assert people(text) == set()
