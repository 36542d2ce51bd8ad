"""A measurement glued to its unit is no identifier: a dose range or a dose per day
("300-400mg", "10mg/day"), a concentration ("0.20mg/ml"), a body temperature ("99.9F",
"38.5C"), a blood pressure after its name ("bp130/85"). A labelled value stays one ("Room
104F"). And ".pt" after a file name is its extension, not the "pt" of a clinical note.

Texts are written for this file; everything runs through the real classifier.
"""

from __future__ import annotations

import pytest

from hybridllm.classifiers import get_classifier
from hybridllm.classifiers.clinical import is_clinical


def _identifiers(text: str) -> list[str]:
    found = get_classifier().classify(text).findings
    return [text[f.start : f.end] for f in found if f.entity_type == "IDENTIFIER"]


@pytest.mark.parametrize(
    "text",
    [
        "My 63 year old father Tomasz takes Metformin twice a day and Dapagliflozin 10mg/day; "
        "his urine protein was 300-400mg last year and his GFR is 56.",
        "My son Piotr is 6, temp 99.9F since yesterday and bp130/85 at the pharmacy, he is on "
        "amoxicillin 400 mg.",
        "I have a 0.20mg/ml solution (20mg in 100ml) and the patient's dose is 0.05mg/ml; how "
        "do I dilute it?",
    ],
)
def test_measurements_glued_to_units_are_no_identifiers(text: str) -> None:
    assert _identifiers(text) == []


def test_a_labelled_value_stays_an_identifier() -> None:
    text = "Patient Ana Ruiz seen in Room 104F, MRN 553210, temp 38.5C."
    assert _identifiers(text) == ["104F"]


def test_a_file_extension_is_no_patient() -> None:
    assert not is_clinical(
        ["Only the files ending in .pt need to be converted, like ab12_34.pt to ab12_34."]
    )
    assert is_clinical(["pt seen today, metformin 500 mg bid"])
