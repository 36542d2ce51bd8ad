"""The name stage's space folding gives what ``str.translate`` gives, character for character."""

from __future__ import annotations

import random

from hybridllm.classifiers.name_gate import ascii_spaces, first_free
from hybridllm.classifiers.normalize import SPACES
from hybridllm.models import Finding, new_finding

_TABLE = str.maketrans(dict.fromkeys(SPACES, " "))


def test_ascii_spaces_equals_translate_on_random_texts() -> None:
    rng = random.Random(7)
    alphabet = [*"ab Zé\n\\nt-ü", *SPACES, "\u200b", "\u2028"]
    for _ in range(2000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randrange(0, 40)))
        assert ascii_spaces(text) == text.translate(_TABLE)


def test_ascii_spaces_keeps_the_object_when_nothing_changes() -> None:
    for text in ("plain ascii text", "Müller, Zoë and José", ""):
        assert ascii_spaces(text) is text
    assert ascii_spaces("Dr.\u00a0Okafor\u2009and\u3000co") == "Dr. Okafor and co"


def test_first_free_keeps_the_spans_that_overlap_nothing_before_them() -> None:
    """``first_free`` (the overlap test of the title rules' context spans) answers as a pass over
    every finding so far would, an empty finding strictly inside a span included."""

    def found(start: int, end: int) -> Finding:
        return new_finding(
            entity_type="PERSON", category="PII", start=start, end=end, score=0.8, recognizer="t"
        )

    spans = [(0, 4), (2, 6), (6, 9), (8, 12), (20, 25)]
    assert first_free(30, [found(10, 14)], spans) == [(0, 4), (6, 9), (20, 25)]
    assert first_free(30, [found(22, 22)], spans) == [(0, 4), (6, 9)]
    assert first_free(30, [], [(5, 5), (3, 8), (1, 2)]) == [(5, 5), (1, 2)]
