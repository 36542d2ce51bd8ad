"""The name stage's space folding gives what ``str.translate`` gives, character for character."""

from __future__ import annotations

import random

from hybridllm.classifiers.name_gate import ascii_spaces
from hybridllm.classifiers.normalize import SPACES

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
