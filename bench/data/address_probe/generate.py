"""Generate bench/data/address_probe/probe*.jsonl: street addresses of 27 locales in frames.

A development probe for partial address masks (issue 14), not a sealed or independent set:

* **Values**: mimesis 22.2.0 ``Address.address()``, ``city()`` and ``postal_code()`` for the 27
  Latin-script locales of ``names_gen2/generate.py`` (their own street formats: ``Rúa de Vasco
  Diaz Tanco, 605``, ``385 Sõõru allee``, ``Esplanadi 27``, ``42 Portugeesstraat``).
* **Frames**: sentences and blocks written by this project's lead (session 11), so the figures
  fit this project's hands; they show layouts, the sealed split is what counts. Three sets of
  frames (``SETS``): A and B were read while tuning; C was written before B's rules and scored
  once, at the end, never read (its figure is the probe's held-out one).
* Each record as written and all lower case, the street address labelled ``STREET_ADDRESS``.

Dev-only. Run with the mimesis wheel unpacked (see ``names_gen2/generate.py``)::

    python bench/data/address_probe/generate.py /tmp/names_gen/mim
"""

from __future__ import annotations

import json
import random
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "names_gen2"))
from generate import LOCALES  # noqa: E402 - the second generator's 27 locales

# (file, seed, frames): A and B were read while tuning (session 11), C was written before the
# B rounds and scored once, at the end, never read.
SETS = (
    (
        "probe.jsonl",
        7,
        (
            "please ship it to {a}, {c} {p}",
            "my new address is {a}",
            "we moved to {a} last month",
            "Address: {a}, {p} {c}",
            "the meeting is at {a} at 3pm",
            "Deliver to:\n{a}\n{p} {c}",
            "I live at {a} in {c}.",
            "send the keys to {a}, apartment {n}",
        ),
    ),
    (
        "probe_b.jsonl",
        11,
        (
            "{a} is where i live",
            "the address {a} is wrong in our records",
            "Maria Lopez\n{a}\n{c}",
            "{a}, {c}",
            "can you find {a} on the map?",
            "i'm at {a} now",
            "my house: {a}",
            "directions from {a} to the airport",
            "billing address\n{a}\n{p} {c}\n",
            "the package went to {a} instead",
        ),
    ),
    (
        "probe_c.jsonl",
        23,
        (
            "Old address: {a}. New one coming soon",
            "we stayed near {a} for a week",
            "{a}\n{p} {c}\nplease confirm",
            "Invoice to John Doe, {a}, {c}",
            "the office is {a}, second floor",
            "is {a} close to the station?",
            "Return label: {a} ({c})",
            "she grew up on {a}",
        ),
    ),
)


def main() -> None:
    """Write probe.jsonl next to this script."""
    sys.path.insert(0, sys.argv[1])
    from mimesis import Address
    from mimesis.locales import Locale

    for name, seed, frames in SETS:
        rng = random.Random(seed)
        rows = []
        for loc in LOCALES:
            ad = Address(Locale(loc), seed=rng.randint(0, 10**6))
            for k, frame in enumerate(frames):
                a, c, p = ad.address(), ad.city(), ad.postal_code()
                n = rng.randint(1, 40) if seed == 7 else 0  # set A drew it for every frame
                text = frame.format(a=a, c=c, p=p, n=n)
                start = text.index(a)
                for case in ("as-is", "lower"):
                    rows.append(
                        {
                            "id": f"{name[:-6]}-{loc}-{k}" + ("-lower" if case == "lower" else ""),
                            "case": case,
                            "text": text.lower() if case == "lower" else text,
                            "spans": [
                                {"type": "STREET_ADDRESS", "start": start, "end": start + len(a)}
                            ],
                        }
                    )
        out = HERE / name
        with out.open("w", encoding="utf-8") as fh:
            for row in rows:
                fh.write(json.dumps(row, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
