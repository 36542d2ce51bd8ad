"""Items of an array under a key that names people (hybridllm.classifiers.name_arrays), in any
case; the same arrays under other keys, and English words under a people key, stay. Real
classifier and real spaCy model."""

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
            '{"guests": ["dezi veizi", "arbër nazeraj"], "table": 7}\nwrite a python loop',
            {"dezi veizi", "arbër nazeraj"},
        ),
        ("team_members = ['ondrej kral', 'yuito']\nsort them", {"ondrej kral", "yuito"}),
        ('const speakers = ["rose", "bill"];', {"rose", "bill"}),
    ],
)
def test_items_of_an_array_under_a_people_key_are_names(text: str, names: set[str]) -> None:
    assert names <= people(text)


@pytest.mark.parametrize(
    "text",
    [
        "users = ['admin', 'guest', 'root']",
        '{"colors": ["dezi veizi", "yuito"]}',
        "attendees = ['marketing team', 'sales leads']",
    ],
)
def test_other_keys_and_english_items_are_no_names(text: str) -> None:
    assert people(text) == set()
