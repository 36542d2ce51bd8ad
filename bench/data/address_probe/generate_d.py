"""Generate bench/data/address_probe/probe_d.jsonl: mimesis street addresses in the held-out
chat contexts.

Probes A-C put addresses in frames this project's lead wrote; probe D puts them where the
held-out chat contexts (``bench/data/names_heldout.jsonl``, another author's e-mails, tickets,
claims and letters) hold a street address: each such span is replaced by a mimesis 22.2.0
``Address.address()`` of one of the 27 Latin-script locales of ``names_gen2/generate.py``, six
times with different seeds (the other spans are kept, offsets moved). Each record as written and
all lower case. A development set: read while tuning.

Dev-only. Run with the mimesis wheel unpacked (see ``names_gen2/generate.py``)::

    python bench/data/address_probe/generate_d.py /tmp/names_gen/mim
"""

from __future__ import annotations

import json
import random
import sys
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "names_gen2"))
from generate import LOCALES  # noqa: E402 - the second generator's 27 locales

SEEDS = 6


def records() -> list[dict[str, Any]]:
    """The probe's records (mimesis must be importable)."""
    from mimesis import Address
    from mimesis.locales import Locale

    src = HERE.parent / "names_heldout.jsonl"
    recs = [json.loads(line) for line in src.read_text("utf-8").splitlines() if line.strip()]
    recs = [r for r in recs if any(s["type"] == "STREET_ADDRESS" for s in r["spans"])]
    out: list[dict[str, Any]] = []
    for seed in range(SEEDS):
        rng = random.Random(f"20261205-addr-{seed}")
        for rec in recs:
            loc = rng.choice(LOCALES)
            ad = Address(Locale(loc), seed=rng.randint(0, 2**31))
            text, pos, spans = "", 0, []
            for s in sorted(rec["spans"], key=lambda s: s["start"]):
                old = rec["text"][s["start"] : s["end"]]
                value = ad.address() if s["type"] == "STREET_ADDRESS" else old
                text += rec["text"][pos : s["start"]]
                spans.append({"start": len(text), "end": len(text) + len(value), "type": s["type"]})
                text += value
                pos = s["end"]
            text += rec["text"][pos:]
            rid = f"probe_d-{seed}-{rec['id']}"
            out.append({"id": rid, "case": "as-is", "text": text, "spans": spans, "locale": loc})
            if len(text.lower()) == len(text):
                out.append(
                    {"id": rid + "-lower", "case": "lower", "text": text.lower(), "spans": spans}
                )
    return out


def main() -> None:
    """Write probe_d.jsonl next to this script."""
    sys.path.insert(0, sys.argv[1])
    with (HERE / "probe_d.jsonl").open("w", encoding="utf-8") as fh:
        for row in records():
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
