"""Classification never crashes on text cut anywhere: a prompt may start with a line break, a
carriage return or a no-break space right before a name or a street.

A crash inside a recognizer fails closed (``ClassificationError``: the call is kept local or
blocked), so a harmless prompt such as ``"\\nMaria Lopez called"`` could never reach the cloud.
"""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from hybridllm.classifiers import get_classifier

_DATA = Path(__file__).resolve().parent.parent / "bench" / "data"


@pytest.mark.parametrize(
    "text",
    [
        "\nMaria Lopez called about the invoice.",
        "\nElias Sørensen: Hello Fábio, can you check order 88213?",
        "\r266 Concord Street, Springfield",
        "\u00a0Elias Sørensen: hi",
        "\x0c4412 Via Salice, Osterfold, NE 68452",
    ],
)
def test_white_space_before_a_name_or_street_at_the_start(text: str) -> None:
    found = get_classifier().classify(text).findings
    assert found, text  # a name or a street is found, and nothing raised


def test_slices_of_the_bench_texts_classify() -> None:
    """Cut the open bench texts at random places (line starts included), with white space
    around them: every slice classifies (a seeded sample, bounded for the suite)."""
    texts: list[str] = []
    for name in ("pii.jsonl", "names_heldout.jsonl", "phi.jsonl"):
        with (_DATA / name).open(encoding="utf-8") as fh:
            texts += [json.loads(line)["text"] for line in fh if line.strip()]
    rnd = random.Random(7)
    around = ["", "\n", "\r", "\u00a0", "\t", "\u2028", "\x0c", "\\n", " \n"]
    classifier = get_classifier()
    for _ in range(400):
        text = rnd.choice(texts)
        breaks = [i for i, c in enumerate(text) if c in "\n.,:;("] or [0]
        start = rnd.choice(breaks) if rnd.random() < 0.5 else rnd.randrange(len(text))
        piece = text[start : start + rnd.choice((5, 20, 60, 200))]
        sliced = rnd.choice(around) + piece + rnd.choice(around)
        classifier.classify(sliced.lower() if rnd.random() < 0.2 else sliced)
