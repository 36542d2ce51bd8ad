"""Names surviving redaction in the ``records`` latency prompts (Faker, 12 locales, 9 shapes).

The prompts of ``latency_records.py`` are built while the given names and surnames Faker drew
are recorded; every occurrence of each (in any case, also inside an e-mail address) that no
finding covers at all counts as surviving. Faker's names are partly the source of the name
lists, so this probes the shapes (rows, headers, lists, chat) more than the lists. Written to
measure, not tuned on: the ``notes`` shape's Latin filler (Faker's lorem for several locales)
is no text a person writes, and its one-word names in parentheses are left as they are.

Usage::

    PYTHONHASHSEED=0 PYTHONPATH=src .venv/bin/python bench/bench_records_names.py [--n 12]
"""

from __future__ import annotations

import argparse
import random
import re
from typing import Any

import latency_records as records  # the script's folder is on sys.path

from hybridllm.classifiers import get_classifier


def main() -> None:
    """Print name parts surviving per shape."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=12, help="1 KB prompts per shape (default 12)")
    args = parser.parse_args()
    clf = get_classifier()
    drawn: list[tuple[str, str]] = []
    person = records._person

    def recording(rng: random.Random) -> tuple[str, str, Any]:
        given, surname, local = person(rng)
        drawn.append((given, surname))
        return given, surname, local

    records._person = recording
    print("| shape | name parts | surviving |")
    print("|---|---:|---:|")
    for shape in records.SHAPES:
        total = lost = 0
        for v in range(args.n):
            drawn.clear()
            text = records.records_prompt(1024, v, shape)
            covered = [False] * len(text)
            for f in clf.classify(text).findings:
                covered[f.start : f.end] = [True] * (f.end - f.start)
            for part in {p for pair in drawn for p in pair}:
                for m in re.finditer(rf"(?i)(?<!\w){re.escape(part)}(?!\w)", text):
                    total += 1
                    lost += not any(covered[m.start() : m.end()])
        print(f"| {shape} | {total} | {lost} ({lost / max(total, 1):.1%}) |")


if __name__ == "__main__":
    main()
