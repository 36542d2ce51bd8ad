"""A name in the possessive before a law's or a theorem's noun names the result.

(:mod:`hybridllm.classifiers.name_eponym_possessive`.) Where NER stops at the name (``Dalton``
of ``Dalton's Law``, ``Charles`` of ``Charles' Law`` in a list of gas laws), the lone surname was
kept as a person. A given name before a lower-case noun, a law firm and a person's own method
stay people.
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
        "State the equations of Boyle's Law, Charles' Law, Gay-Lussac Law, Avogadro's Law, "
        "Combined Gas Law, Ideal Gas Law, and Dalton's Law of Partial Pressures, in prose.",
        "How can L\u2019Hopital\u2019s Rule be used in day to day life?",
    ],
)
def test_eponym_in_the_possessive_is_no_name(text: str) -> None:
    assert _persons(text) == []


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Sarah's hypothesis was wrong, said Mr Cole.", "Sarah"),
        ("I called Thompson's law firm yesterday.", "Thompson"),
        ("Please ask Tom Keller's team about Tom's method for the audit.", "Tom Keller"),
    ],
)
def test_a_persons_possessive_stays(text: str, name: str) -> None:
    assert any(name in found for found in _persons(text))
