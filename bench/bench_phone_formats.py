"""Phone numbers in the formats of many countries that survive ``classify()``.

The labelled sets hold the phone formats of their generators' locales. This bench draws
numbers from **Faker**'s phone providers (the formats each locale's provider documents, with
extensions, brackets, slashes and trunk prefixes) for every Faker locale that has one, puts
each into one of five short frames with a phone cue ("Call me at ...", "Phone: ...", "text ...
if you're late", ...), and counts the numbers that survive: **verbatim** when none of their
digits is masked by any finding, **strictly** when any digit is left (a partial mask is a
leak), as ``bench_names_leaks.py`` scores. Seeded: the same numbers on every run.

Usage::

    PYTHONPATH=src .venv/bin/python bench/bench_phone_formats.py [--per-locale 12] [--show]
        [--src OLD/src]
"""

from __future__ import annotations

import argparse
import random
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FRAMES = (
    "Call me at {p} tomorrow.",
    "my number is {p}",
    "Phone: {p}",
    "Reach Dana on {p} after 5pm.",
    "text {p} if you're late",
)
SEED = 20261205


def main(argv: list[str] | None = None) -> int:
    """Run the bench (see the module docstring)."""
    ap = argparse.ArgumentParser()
    ap.add_argument("--per-locale", type=int, default=12)
    ap.add_argument("--show", action="store_true", help="print every surviving number")
    ap.add_argument("--src", type=Path, default=ROOT / "src", help="sources to measure")
    args = ap.parse_args(argv)
    sys.path.insert(0, str(args.src.resolve()))
    import faker

    from hybridllm import classify

    rng = random.Random(SEED)
    n = verbatim = strict = 0
    by_locale: Counter[str] = Counter()
    for loc in sorted(faker.config.AVAILABLE_LOCALES):
        fk = faker.Faker(loc)
        fk.seed_instance(SEED)
        for _ in range(args.per_locale):
            try:
                value = str(fk.phone_number())
            except AttributeError:
                break  # no phone provider for this locale
            text = rng.choice(FRAMES).format(p=value)
            start = text.index(value)
            mask = bytearray(len(text))
            for f in classify(text).findings:
                mask[f.start : f.end] = b"\x01" * (f.end - f.start)
            digits = [i for i in range(start, start + len(value)) if text[i].isdigit()]
            left = [i for i in digits if not mask[i]]
            n += 1
            verbatim += len(left) == len(digits)
            strict += bool(left)
            if left:
                by_locale[loc] += 1
                if args.show:
                    print(f"  {loc}: {text!r} left {''.join(text[i] for i in left)!r}")
    print("| numbers | locales | survive verbatim | survive strictly |")
    print("|---:|---:|---:|---:|")
    locales = len(faker.config.AVAILABLE_LOCALES)
    print(
        f"| {n} | {locales} | {100 * verbatim / n:.2f}% ({verbatim}) "
        f"| {100 * strict / n:.2f}% ({strict}) |"
    )
    if by_locale:
        print("strict leaks by locale:", ", ".join(f"{k} {v}" for k, v in by_locale.most_common()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
