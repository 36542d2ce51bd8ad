"""Credential words that are prose or code around no value: "the secrets of <a place>!" says
whose the secrets are, a class name holding "Tokenizer" names no token, and the next member of a
C designated initializer is no key's value. A value given to such a word still is one.

Texts are written for this file; everything runs through the real classifier.
"""

from __future__ import annotations

import pytest

from hybridllm.classifiers import get_classifier


def _secrets(text: str) -> list[str]:
    found = get_classifier().classify(text).findings
    return [text[f.start : f.end] for f in found if f.category == "SECRET"]


@pytest.mark.parametrize(
    "text",
    [
        "Start your adventure today and uncover the hidden secrets of Moonhollow!",
        'Review the new book "The Secrets of Gardening: Unlocked!" as a dialogue.',
        "from transformers import AutoTokenizer, AutoModelForSeq2SeqLM\n\nmodel_name = 't5'",
        "static const struct map keys[] = {\n    {.type=EV_KEY, .code=BTN_START, "
        '.name="Start"},\n};',
    ],
)
def test_prose_and_code_around_credential_words_is_no_secret(text: str) -> None:
    assert _secrets(text) == []


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("the password of root is Zx9!kq2P", "Zx9!kq2P"),
        ("secrets: Zx9!kq2Pw7", "Zx9!kq2Pw7"),
        ('api_keys = "AKzx9kq2Pw7Lm3Nq8Rt5"', "AKzx9kq2Pw7Lm3Nq8Rt5"),
    ],
)
def test_values_given_to_credential_words_stay_secrets(text: str, value: str) -> None:
    assert value in _secrets(text)
