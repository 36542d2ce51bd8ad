"""An English contraction ("I'm", "I'd", "You've", "Don't") is a pronoun or
an auxiliary, not an unknown proper noun: a patient's own question about a condition keeps no
identifier and does not go local for it, while a name with an apostrophe stays a name.

Texts are written for this file; everything runs through the real classifier.
"""

from __future__ import annotations

import pytest

from hybridllm.classifiers import get_classifier


@pytest.mark.parametrize(
    "text",
    [
        "I'm 58 and my wife Carla thinks I'm fine, but I've got kidney disease and I'd like to "
        "know if I'll need dialysis.",
        "Don't laugh: I'm 58, my daughter Ines says you've answered this before, but I've got "
        "kidney disease and I'd like to know if I'll need dialysis.",
        "I’m 61 and my husband Tomas says I’m fine, but I’ve got COPD and I’d like to know if "
        "I’ll need oxygen at home.",
    ],
)
def test_contractions_are_no_identifiers(text: str) -> None:
    result = get_classifier().classify(text)
    spans = [text[f.start : f.end] for f in result.findings]
    assert not any("'" in s or "’" in s for s in spans), spans
    assert any(f.entity_type == "PERSON" for f in result.findings)  # the spouse's name stays


def test_a_name_with_an_apostrophe_is_still_found() -> None:
    text = "Seen today: Mr. O'Neil, 67, for chest pain and shortness of breath; heart failure."
    result = get_classifier().classify(text)
    assert any("O'Neil" in text[f.start : f.end] for f in result.findings)
