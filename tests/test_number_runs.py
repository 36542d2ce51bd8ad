"""Digits that only look like a phone or a card: a run of numbers, a count, a URL's slug.

(:mod:`hybridllm.classifiers.number_runs`.) Groups of digits amid bare numbers (an array printed
with spaces), groups that count up by one, and digits glued to the words of a URL's path are no
phone or card number; the same digits among words, or a phone a URL carries as a value, stay.
"""

from __future__ import annotations

import pytest

from hybridllm.classifiers import get_classifier
from hybridllm.classifiers.number_runs import counting_groups, in_number_run, in_url_slug

_TYPES = {"PHONE_NUMBER", "CREDIT_CARD"}


def _numbers(text: str) -> list[str]:
    found = get_classifier().classify(text).findings
    return [text[f.start : f.end] for f in found if f.entity_type in _TYPES]


@pytest.mark.parametrize(
    "text",
    [
        "I have a array as follow:\n[ 259 264 22987 269 121356 347 259 3001 1027 287\n"
        " 259 250099 -1 -1 -1 -1 -1 263 261 71905\n 285 514 ]",
        "The indices make up the image like this:\n\n000 001 002 003 ... 026 027\n"
        "028 029 030 031 ... 054 055\n056 057 058 059 ... 082 083\n",
        "URL: https://www.acquisition.gov/dfars/252.204-7021-cybersecuritymaturity-model-"
        "certification-requirements.\n",
    ],
)
def test_digits_that_are_no_phone(text: str) -> None:
    assert _numbers(text) == []


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("Call me on 347 259 3001 after six.", "347 259 3001"),
        ("Her number: 347 259 3001 (mobile).", "347 259 3001"),
        ("Chat with us at https://wa.me/15551234567 any time.", "https://wa.me/15551234567"),
        ("Pay with card 4111 1111 1111 1111, expiry 12/26.", "4111 1111 1111 1111"),
    ],
)
def test_a_phone_or_card_among_words_stays(text: str, number: str) -> None:
    assert _numbers(text) == [number]


def test_the_checks_alone() -> None:
    assert counting_groups("028 029 030 031")
    assert not counting_groups("212 555 0187")
    text = "x = [ 12 347 259 3001 99 ]"
    start = text.index("347")
    assert in_number_run(text, start, start + len("347 259 3001"))
    text = "call 347 259 3001 99 times"
    start = text.index("347")
    assert not in_number_run(text, start, start + len("347 259 3001"))
    text = "see https://ex.gov/a/252.204-7021-rules"
    start = text.index("252")
    assert in_url_slug(text, start, start + len("252.204-7021"))
