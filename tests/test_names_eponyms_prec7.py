"""Eponyms of mathematics, science and code name things, not people: two names joined by an en
dash (``Cauchy\u2013Schwarz``), a hyphenated pair before a model's or a law's noun
(``Bradley-Terry (BT) model``, ``Gay-Lussac Law``), a name before a noun such as
``approximant``, ``cipher`` or ``Copula``, and a method called on an object
(``Quaternion.Euler(``). A person's double surname, a plural that is a verb's form after a
person (``Jean-Luc tests``) and a name before a head that is a surname too (``Ana Law``) stay
names.

Texts are written for this file; everything runs through the real classifier and spaCy.
"""

from __future__ import annotations

import pytest

from hybridllm.classifiers import get_classifier
from hybridllm.classifiers.name_eponyms import eponym_thing


def _persons(text: str) -> list[str]:
    found = get_classifier().classify(text).findings
    return [text[f.start : f.end] for f in found if f.entity_type == "PERSON"]


@pytest.mark.parametrize(
    "text",
    [
        "Prove the Cauchy–Schwarz inequality for vectors in R^n, step by step.",
        "4. Consider the Cobb–Douglas production function Y = A K^a L^(1-a).",
        "Preferences are often modelled with the Bradley-Terry (BT) \\cite{bt52} model, or "
        "with more general Plackett-Luce ranking models.",
        "Give the equations of Boyle's Law, Gay-Lussac Law and the Ideal Gas Law.",
        "# Compute the Padé approximant of the exponential\nnum = np.polyval(p, x)",
        "title('Pareto Fronts'); xlabel('Cost'); ylabel('Energy (J)');",
        "Fit the dependence with a Gumbel Copula, a Frank Copula and a Clayton Copula.",
        "Design a block cipher on the robust Feistel cipher structure with a sophisticated key "
        "schedule.",
        "transform.rotation = Quaternion.Euler(storage.rot);",
    ],
)
def test_eponyms_of_things_are_no_persons(text: str) -> None:
    assert _persons(text) == []


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Please ask Jean-Luc, he tests the build every night.", "Jean-Luc"),
        ("Anna Smith-Jones filters the applications before Monday.", "Anna Smith-Jones"),
        ("Call Ana Law about the invoice tomorrow.", "Ana Law"),
    ],
)
def test_people_next_to_such_nouns_stay_names(text: str, name: str) -> None:
    start = text.index(name)
    assert not eponym_thing(text, start, start + len(name), name.lower())


def test_a_spaced_dash_joins_no_eponym() -> None:
    text = "Contact: Maria Lopez \u2013 Head of Sales"
    start = text.index("Maria Lopez")
    assert not eponym_thing(text, start, start + 11, "maria lopez")
