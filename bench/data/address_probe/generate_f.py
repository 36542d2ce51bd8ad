"""Generate bench/data/address_probe/probe_f.jsonl: Faker street addresses (a third generator).

Probes A-E and ``names_gen2`` fill their address slots from mimesis 22.2.0; the address rules
were tuned on those. Probe F takes its values from **Faker** (installed in the project's venv;
its per-locale street, suffix and numbering formats are not mimesis'), in two kinds of frame:

* ``tpl``: presidio-evaluator 0.3.2's templates that hold an address placeholder (``address``,
  ``street_name``, ``building_number``, ``secondary_address``) and are *not* in the sealed split
  of ``names_gen2`` (templates with no person, and those of the open split: SHA-256 parity as
  ``names_gen2/generate.py`` computes it). Every placeholder is filled with the Faker provider
  of the same name in the record's locale, as presidio-evaluator itself does (``address`` is
  ``street_address()``, a street line as mimesis' ``address()`` is; a locale without
  ``secondary_address`` takes en_US'). Person placeholders are labelled ``PERSON``.
* ``chat``: the held-out chat contexts' street addresses (``names_heldout.jsonl``, as
  ``generate_d.py`` uses them) replaced by a Faker ``street_address()``.

Locales: Faker's Latin-script locales that write their own street addresses (those which fall
back to en_US' ``7763 Tony Village`` are kept: a person's first name of that locale before a
street suffix). Each record as written and all lower case. Measured once before any rule was
tuned on it (the honest held-out figure, in the commit that adds it), then a development set.

Dev-only. Run with presidio-evaluator unpacked (see ``names_gen2/generate.py``)::

    python bench/data/address_probe/generate_f.py /tmp/names_gen/pe
"""

from __future__ import annotations

import hashlib
import json
import random
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "names_gen2"))
from generate import _SLOT, PERSON_KEYS  # noqa: E402

LOCALES = (
    "cs_CZ",
    "da_DK",
    "de_AT",
    "de_CH",
    "de_DE",
    "en_AU",
    "en_CA",
    "en_GB",
    "en_IE",
    "en_NZ",
    "en_US",
    "es_AR",
    "es_CL",
    "es_CO",
    "es_ES",
    "es_MX",
    "et_EE",
    "fi_FI",
    "fil_PH",
    "fr_BE",
    "fr_CA",
    "fr_CH",
    "fr_FR",
    "hr_HR",
    "hu_HU",
    "id_ID",
    "it_IT",
    "lt_LT",
    "nl_BE",
    "nl_NL",
    "no_NO",
    "pl_PL",
    "pt_BR",
    "pt_PT",
    "ro_RO",
    "sk_SK",
    "sl_SI",
    "sv_SE",
    "tr_TR",
)
ADDRESS_KEYS = {"address", "street_name", "building_number", "secondary_address"}
TEMPLATE_RECORDS = 400
CHAT_SEEDS = 4


def value(fakes: tuple[Any, Any], key: str, rng: random.Random) -> str:
    """A placeholder's value: the Faker provider of its name (the locale's, else en_US')."""
    loc, us = fakes
    if key == "address":
        return str(loc.street_address()).replace("\n", ", ")
    special: dict[str, Callable[[], Any]] = {
        "person": loc.name,
        "organization": loc.company,
        "nationality": loc.country,
        "nation_woman": loc.country,
        "nation_plural": loc.country,
        "age": lambda: rng.randint(18, 90),
        "year": lambda: rng.randint(1950, 2024),
        "us_driver_license": lambda: f"D{rng.randint(1000000, 9999999)}",
    }
    if key in special:
        return str(special[key]()).strip()
    for fake in (loc, us):
        try:
            return str(getattr(fake, key)()).replace("\n", ", ").strip()
        except AttributeError:
            continue
    return key


def _label(key: str) -> str:
    return "PERSON" if key in PERSON_KEYS else key.upper()


def templates(pe: Path) -> list[str]:
    """Address-holding templates outside the sealed split of ``names_gen2``."""
    raw = pe / "presidio_evaluator" / "data_generator" / "raw_data" / "templates.txt"
    out = []
    for t in (t.strip() for t in raw.read_text("utf-8").splitlines()):
        keys = set(_SLOT.findall(t))
        if not t or not keys & ADDRESS_KEYS:
            continue
        if keys & set(PERSON_KEYS) and hashlib.sha256(t.encode()).digest()[0] % 2 == 1:
            continue  # a sealed template of names_gen2: never used here
        out.append(t)
    return out


def _fakes(loc: str, rng: random.Random) -> tuple[Any, Any]:
    from faker import Faker

    seed = rng.randint(0, 2**31)
    fake, us = Faker(loc), Faker("en_US")
    fake.seed_instance(seed)
    us.seed_instance(seed)
    return fake, us


def template_records(pe: Path) -> list[dict[str, Any]]:
    """The ``tpl`` records."""
    temps = templates(pe)
    rng = random.Random("20261205-faker-tpl")
    out: list[dict[str, Any]] = []
    while len(out) < TEMPLATE_RECORDS:
        template, loc = rng.choice(temps), rng.choice(LOCALES)
        fakes = _fakes(loc, rng)
        text, spans, pos = "", [], 0
        for m in _SLOT.finditer(template):
            text += template[pos : m.start()]
            val = value(fakes, m.group(1), rng)
            spans.append({"start": len(text), "end": len(text) + len(val), "type": _label(m[1])})
            text += val
            pos = m.end()
        text += template[pos:]
        if len(text.lower()) != len(text):
            continue
        rid = f"probe_f-tpl-{len(out):04d}"
        out.append({"id": rid, "text": text, "spans": spans, "locale": loc})
    return out


def chat_records() -> list[dict[str, Any]]:
    """The ``chat`` records."""
    src = HERE.parent / "names_heldout.jsonl"
    recs = [json.loads(line) for line in src.read_text("utf-8").splitlines() if line.strip()]
    recs = [r for r in recs if any(s["type"] == "STREET_ADDRESS" for s in r["spans"])]
    out: list[dict[str, Any]] = []
    for seed in range(CHAT_SEEDS):
        rng = random.Random(f"20261205-faker-chat-{seed}")
        for rec in recs:
            loc = rng.choice(LOCALES)
            fake, _ = _fakes(loc, rng)
            text, pos, spans = "", 0, []
            for s in sorted(rec["spans"], key=lambda s: s["start"]):
                old = rec["text"][s["start"] : s["end"]]
                is_street = s["type"] == "STREET_ADDRESS"
                val = str(fake.street_address()).replace("\n", ", ") if is_street else old
                text += rec["text"][pos : s["start"]]
                spans.append({"start": len(text), "end": len(text) + len(val), "type": s["type"]})
                text += val
                pos = s["end"]
            text += rec["text"][pos:]
            if len(text.lower()) != len(text):
                continue
            rid = f"probe_f-chat-{seed}-{rec['id']}"
            out.append({"id": rid, "text": text, "spans": spans, "locale": loc})
    return out


def main() -> None:
    """Write probe_f.jsonl next to this script, each record as written and lower case."""
    with (HERE / "probe_f.jsonl").open("w", encoding="utf-8") as fh:
        for rec in template_records(Path(sys.argv[1])) + chat_records():
            for case, text in (("as-is", rec["text"]), ("lower", rec["text"].lower())):
                rid = rec["id"] + ("-lower" if case == "lower" else "")
                row = {**rec, "id": rid, "case": case, "text": text}
                fh.write(json.dumps(row, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
