"""Names in a list beside a found name (hybridllm.classifiers.name_lists): a count or an age in
brackets after an item, and "or" between two items, first missed on names_gen5's development
split. Real classifier throughout."""

from __future__ import annotations

import pytest

from hybridllm.classifiers import get_classifier


def people(text: str) -> set[str]:
    c = get_classifier().classify(text)
    return {text[f.start : f.end] for f in c.findings if f.entity_type == "PERSON"}


@pytest.mark.parametrize(
    ("text", "name"),
    [
        (
            "Make a fair chore chart for the kids: Odete (14), Jovanovic (11) and Mensur (7).",
            "Mensur",
        ),
        ("Everything must go! Contact Sotia or Polys Skevi. Make it eye-catching.", "Sotia"),
        ("Should we go with Indongo or Kotze as our family surname after the wedding?", "Indongo"),
    ],
)
def test_an_item_beside_a_found_name_is_a_name(text: str, name: str) -> None:
    assert name in people(text)


@pytest.mark.parametrize(
    "text",
    [
        "Should I learn Python or Rust first?",
        "We want to prompt the Make-up Cover or Fixing Powder",
        "Compare Kafka (3), Pulsar (2) and RabbitMQ (1) for our queue.",
    ],
)
def test_an_alternative_of_things_has_no_name(text: str) -> None:
    assert people(text) == set()


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ('{"guests": ["Dezi Veizi", "Arbër Nazeraj", "Bona"], "table": 7}', "Bona"),
        ('{"guests": ["Evangelos Stavrinides", "Panagiwta"], "table": 7}', "Panagiwta"),
    ],
)
def test_a_quoted_item_of_an_array_of_names_is_a_name(text: str, name: str) -> None:
    assert name in people(text)


def test_an_array_of_things_has_no_name() -> None:
    assert people('langs = ["Python", "Rust", "Go"]') == set()
