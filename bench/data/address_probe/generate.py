"""Generate bench/data/address_probe/probe.jsonl: street addresses of 27 locales in 8 frames.

A development probe for partial address masks (issue 14), not a sealed or independent set:

* **Values**: mimesis 22.2.0 ``Address.address()``, ``city()`` and ``postal_code()`` for the 27
  Latin-script locales of ``names_gen2/generate.py`` (their own street formats: ``Rúa de Vasco
  Diaz Tanco, 605``, ``385 Sõõru allee``, ``Esplanadi 27``, ``42 Portugeesstraat``).
* **Frames**: eight sentences and blocks written by this project's lead (session 11), so the
  figures fit this project's hands; they show layouts, the sealed split is what counts.
* Each record as written and all lower case, the street address labelled ``STREET_ADDRESS``.

Dev-only. Run with the mimesis wheel unpacked (see ``names_gen2/generate.py``)::

    python bench/data/address_probe/generate.py /tmp/names_gen/mim
"""

from __future__ import annotations

import json
import random
import sys
from pathlib import Path

LOCALES = [
    "en",
    "en-au",
    "en-ca",
    "en-gb",
    "de",
    "de-at",
    "de-ch",
    "fr",
    "es",
    "es-mx",
    "it",
    "pt",
    "pt-br",
    "nl",
    "nl-be",
    "pl",
    "cs",
    "sk",
    "hr",
    "hu",
    "tr",
    "sv",
    "da",
    "no",
    "fi",
    "et",
    "is",
]
FRAMES = (
    "please ship it to {a}, {c} {p}",
    "my new address is {a}",
    "we moved to {a} last month",
    "Address: {a}, {p} {c}",
    "the meeting is at {a} at 3pm",
    "Deliver to:\n{a}\n{p} {c}",
    "I live at {a} in {c}.",
    "send the keys to {a}, apartment {n}",
)


def main() -> None:
    """Write probe.jsonl next to this script."""
    sys.path.insert(0, sys.argv[1])
    from mimesis import Address
    from mimesis.locales import Locale

    rng = random.Random(7)
    rows = []
    for loc in LOCALES:
        ad = Address(Locale(loc), seed=rng.randint(0, 10**6))
        for k, frame in enumerate(FRAMES):
            a, c, p, n = ad.address(), ad.city(), ad.postal_code(), rng.randint(1, 40)
            text = frame.format(a=a, c=c, p=p, n=n)
            start = text.index(a)
            for case in ("as-is", "lower"):
                rows.append(
                    {
                        "id": f"probe-{loc}-{k}" + ("-lower" if case == "lower" else ""),
                        "case": case,
                        "text": text.lower() if case == "lower" else text,
                        "spans": [
                            {"type": "STREET_ADDRESS", "start": start, "end": start + len(a)}
                        ],
                    }
                )
    out = Path(__file__).resolve().parent / "probe.jsonl"
    with out.open("w", encoding="utf-8") as fh:
        for row in rows:
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
