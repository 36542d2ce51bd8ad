"""Names written in capitals (hybridllm.classifiers.name_upper), first missed on names_gen5's
development split. Real classifier throughout."""

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
            "Conference badge list: LIZZATH VINOZ, JUANA EVANGELINA RECINOS, BRTTANY MELGAR"
            " VASQUES. Can you convert these to title case?",
            {"LIZZATH VINOZ", "JUANA EVANGELINA RECINOS", "BRTTANY MELGAR VASQUES"},
        ),
        (
            "Conference badge list: MAYERLIN AYALA, JAIR REINA, RIGO EDITH. Can you help?",
            {"MAYERLIN AYALA", "JAIR REINA", "RIGO EDITH"},
        ),
    ],
)
def test_a_name_in_capitals_is_found(text: str, names: set[str]) -> None:
    assert names <= people(text)


@pytest.mark.parametrize(
    "text",
    [
        "TABLE OF CONTENTS",
        "PLEASE READ THE AWS LAMBDA DOCS",
        "Use NASA JPL data for the plot",
        "GRACE PERIOD ENDS TODAY",
        "READ ME FIRST",
    ],
)
def test_a_heading_or_acronyms_in_capitals_are_no_name(text: str) -> None:
    assert people(text) == set()
