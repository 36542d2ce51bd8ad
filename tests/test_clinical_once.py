"""A payload's clinical decision is made once per text within a classification: the classifier
asks it, and the name stage asks it again before it drops a public figure's name."""

from __future__ import annotations

import pytest

from hybridllm.classifiers import clinical, get_classifier


def test_the_clinical_decision_is_made_once_per_text(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[int] = []
    decide = clinical._clinical

    def counted(texts: list[str]) -> bool:
        seen.append(len(texts))
        return decide(texts)

    monkeypatch.setattr(clinical, "_clinical", counted)
    # a public figure's name: the name stage asks whether it may drop it (not in a clinical text)
    text = "Albert Einstein published the theory of general relativity in 1915."
    assert not get_classifier().classify(text).findings
    assert seen == [1]
    seen.clear()
    assert clinical.is_clinical(["Pt seen today, BP 120/80, dx: type 2 diabetes, MRN 12345678."])
    assert clinical.is_clinical(["a", "b"]) is False
    assert seen == [1, 2]  # outside a classification every question is computed
