"""Generate bench/data/address_probe/probe_e.jsonl: mimesis addresses in presidio-evaluator's
templates that hold no person.

``names_gen2/generate.py`` splits the presidio-evaluator 0.3.2 templates *that hold a person
placeholder* into open and sealed by SHA-256 parity; the templates without a person were in
neither split. The 33 of them that hold an address placeholder (``address``, ``street_name``,
``building_number``, ``secondary_address``) are another author's sentences about places
(``He lives on the north side of {{street_name}}``, ``I need to add my addresses, here they
are: ...``), filled here with mimesis 22.2.0 values of the 27 locales, as written and in lower
case, 400 records each. A development set: read while tuning (it holds no sealed template).

Dev-only. Run with the two wheels unpacked as ``names_gen2/generate.py`` describes::

    python bench/data/address_probe/generate_e.py /tmp/names_gen/mim /tmp/names_gen/pe
"""

from __future__ import annotations

import json
import random
import sys
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "names_gen2"))
from generate import _SLOT, LOCALES, PERSON_KEYS, other_value  # noqa: E402

ADDRESS_KEYS = {"address", "street_name", "building_number", "secondary_address"}
RECORDS = 400


def records(pe: Path) -> list[dict[str, Any]]:
    """The probe's records (mimesis must be importable)."""
    from mimesis import Generic, Locale

    raw = pe / "presidio_evaluator" / "data_generator" / "raw_data" / "templates.txt"
    templates = [t.strip() for t in raw.read_text("utf-8").splitlines() if t.strip()]
    temps = [
        t
        for t in templates
        if not any(k in PERSON_KEYS for k in _SLOT.findall(t))
        and any(k in ADDRESS_KEYS for k in _SLOT.findall(t))
    ]
    rng = random.Random("20261205-addr-tpl")
    out: list[dict[str, Any]] = []
    while len(out) < 2 * RECORDS:
        template, loc = rng.choice(temps), rng.choice(LOCALES)
        gen = Generic(locale=Locale(loc), seed=rng.randint(0, 2**31))
        text, spans, pos = "", [], 0
        for m in _SLOT.finditer(template):
            text += template[pos : m.start()]
            value = other_value(gen, m.group(1), rng)
            spans.append(
                {"start": len(text), "end": len(text) + len(value), "type": m.group(1).upper()}
            )
            text += value
            pos = m.end()
        text += template[pos:]
        if len(text.lower()) != len(text):
            continue
        n = len(out) // 2
        out.append(
            {"id": f"probe_e-{n:04d}", "case": "as-is", "text": text, "spans": spans, "locale": loc}
        )
        out.append(
            {
                "id": f"probe_e-{n:04d}-lower",
                "case": "lower",
                "text": text.lower(),
                "spans": spans,
                "locale": loc,
            }
        )
    return out


def main() -> None:
    """Write probe_e.jsonl next to this script."""
    sys.path.insert(0, sys.argv[1])
    with (HERE / "probe_e.jsonl").open("w", encoding="utf-8") as fh:
        for row in records(Path(sys.argv[2])):
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
