"""Generate bench/data/names_gen2/dev.jsonl (a development set for lower-case names) and
dev_cased.jsonl (the held-out contexts' part as written, see :func:`heldout_cased`).

The second generator's splits (``generate.py``) differ by *template*: the same 27 mimesis
locales and name lists feed both, and the sealed split holds the presidio-evaluator templates
this project never reads. Tuning on the open split alone fits its 44 templates. This set gives
the same generator's names in contexts that are neither split's, so a rule that only fits the
open templates shows here:

* **heldout**: every record of ``bench/data/names_heldout.jsonl`` (hand-written chat, e-mail,
  record and story contexts, another author than presidio-evaluator), each PERSON mention
  replaced by a mimesis name (a one-word mention by a given name or a surname, a longer one by
  a full name; a repeated mention by the same replacement), all lower case;
* **open**: the open split's templates again, with other seeds (new names, same shapes).

Names come from mimesis 22.2.0 for the 27 locales of ``generate.py`` plus ``az`` (a Latin-script
locale the splits do not use). Seeds are ``20261204-dev-*``, never the splits' seeds. The sealed
split and its templates are not opened: only the templates of even SHA-256 parity are read.

Dev-only. Run with the two wheels unpacked as ``generate.py`` describes::

    python bench/data/names_gen2/generate_dev.py /tmp/names_gen/mim /tmp/names_gen/pe
"""

from __future__ import annotations

import hashlib
import json
import random
import sys
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from generate import _SLOT, LOCALES, PERSON_KEYS, fill  # noqa: E402

SEED = "20261204-dev"
LOCALES_DEV = (*LOCALES, "az")
PER_PART = 500


def _names(loc: str, rng: random.Random) -> tuple[Any, Any, Any]:
    from mimesis import Locale, Person
    from mimesis.enums import Gender

    return Person(locale=Locale(loc), seed=rng.randint(0, 2**31)), Gender.FEMALE, Gender.MALE


def heldout(rng: random.Random, *, lower: bool = True) -> list[dict[str, Any]]:
    """The held-out chat contexts with mimesis names, in lower case (or as written)."""
    src = HERE.parent / "names_heldout.jsonl"
    out: list[dict[str, Any]] = []
    for line in src.read_text("utf-8").splitlines():
        rec = json.loads(line)
        spans = sorted(rec["spans"], key=lambda s: s["start"])
        if not any(s["type"] == "PERSON" for s in spans):
            continue
        loc = rng.choice(LOCALES_DEV)
        person, fem, male = _names(loc, rng)
        gender = rng.choice([fem, male])
        given, surname = person.first_name(gender=gender), person.last_name(gender=gender)
        seen: dict[str, str] = {}
        text, pos, new_spans = "", 0, []
        for s in spans:
            old = rec["text"][s["start"] : s["end"]]
            value = old
            if s["type"] == "PERSON":
                if old not in seen:
                    if " " in old.strip():
                        seen[old] = f"{given} {surname}"
                    else:
                        seen[old] = rng.choice([given, surname])
                        # the next one-word mention of another person gets another name
                        given, surname = (
                            person.first_name(gender=gender),
                            person.last_name(gender=gender),
                        )
                value = seen[old]
            text += rec["text"][pos : s["start"]]
            new_spans.append({"start": len(text), "end": len(text) + len(value), "type": s["type"]})
            text += value
            pos = s["end"]
        text += rec["text"][pos:]
        low = text.lower() if lower else text
        if len(low) != len(text):
            continue
        out.append(
            {
                "id": f"dev-heldout-{rec['id']}",
                "case": "lower" if lower else "as-is",
                "part": "heldout",
                "text": low,
                "spans": new_spans,
                "locale": loc,
            }
        )
    return out


def heldout_cased() -> list[dict[str, Any]]:
    """The held-out chat contexts with mimesis names as written, twice (two seeds, other
    names): ``dev_cased.jsonl``, the as-written counterpart of the lower-case part above. The
    contexts' own names are easier (``names_heldout.jsonl``: 2.55% survive); mimesis' lone given
    names and surnames of 28 locales are as hard as the sealed split's (about 5%)."""
    out: list[dict[str, Any]] = []
    for seed in ("a", "b"):
        for rec in heldout(random.Random(f"{SEED}-cased-{seed}"), lower=False):
            out.append({**rec, "id": rec["id"].replace("dev-heldout-", f"devc-{seed}-")})
    return out


def open_person_templates(pe: Path) -> list[str]:
    """presidio-evaluator's templates with a person placeholder in the open split (even SHA-256
    parity, as ``generate.py`` splits them; the sealed ones are never returned)."""
    raw = pe / "presidio_evaluator" / "data_generator" / "raw_data" / "templates.txt"
    templates = [t.strip() for t in raw.read_text("utf-8").splitlines() if t.strip()]
    return [
        t
        for t in templates
        if any(k in PERSON_KEYS for k in _SLOT.findall(t))
        and hashlib.sha256(t.encode()).digest()[0] % 2 == 0
    ]


def open_again(pe: Path, rng: random.Random) -> list[dict[str, Any]]:
    """The open split's templates with other seeds, in lower case."""
    temps = open_person_templates(pe)
    out: list[dict[str, Any]] = []
    while len(out) < PER_PART:
        rec = fill(rng.choice(temps), rng.choice(LOCALES_DEV), rng)
        if rec is None or len(rec["text"].lower()) != len(rec["text"]):
            continue
        out.append(
            {
                "id": f"dev-open-{len(out):04d}",
                "case": "lower",
                "part": "open",
                **rec,
                "text": rec["text"].lower(),
            }
        )
    return out


def main() -> None:
    """Write dev.jsonl."""
    mim, pe = Path(sys.argv[1]), Path(sys.argv[2])
    sys.path.insert(0, str(mim))
    recs = heldout(random.Random(f"{SEED}-heldout")) + open_again(pe, random.Random(f"{SEED}-open"))
    with (HERE / "dev.jsonl").open("w", encoding="utf-8") as fh:
        for rec in recs:
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
    cased = heldout_cased()
    with (HERE / "dev_cased.jsonl").open("w", encoding="utf-8") as fh:
        for rec in cased:
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
    print(len(recs), "+", len(cased), "records")


if __name__ == "__main__":
    main()
