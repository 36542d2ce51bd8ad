"""Generate bench/data/names_gen2/{open,sealed}.jsonl: person names from a second generator.

Provenance (nothing here was written by the detector's authors):

* **Names**: mimesis 22.2.0 (MIT; its own per-locale name and surname lists, independent of
  Faker, whose person providers the detector's lexicon is built from), 27 Latin-script locales.
* **Sentences**: presidio-evaluator 0.3.2's ``templates.txt`` (MIT), the templates that hold a
  person placeholder. Other placeholders are filled with mimesis values of the same locale.
* **Split**: by template (SHA-256 of the template text, even -> open, odd -> sealed), so no
  sentence shape of the sealed split is seen while tuning. The sealed split is scored, never read.
* **Lower case**: every record is also written all lower case (chat style; ``case: "lower"``),
  with the same spans.

Labels: PERSON spans (first name, last name or full name as the placeholder says); other values
are labelled with their placeholder's type and not scored by the names bench.

Dev-only. Run with the two wheels unpacked (``pip download --no-deps mimesis==22.2.0
presidio-evaluator==0.3.2`` and ``python -m zipfile -e`` each)::

    python bench/data/names_gen2/generate.py /tmp/names_gen/mim /tmp/names_gen/pe
"""

from __future__ import annotations

import hashlib
import json
import random
import re
import sys
from pathlib import Path
from typing import Any

SEED = 20261203
PER_SPLIT = 500
OUT = Path(__file__).resolve().parent
LOCALES = (
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
)
PERSON_KEYS = {
    "name": "full",
    "person": "full",
    "name_female": "full_f",
    "name_male": "full_m",
    "first_name": "first",
    "first_name_female": "first_f",
    "first_name_male": "first_m",
    "first_name_nonbinary": "first",
    "last_name": "last",
    "last_name_female": "last_f",
    "last_name_male": "last_m",
}
_SLOT = re.compile(r"{{\s*(\w+)\s*}}")


def person_value(p: Any, g_female: Any, g_male: Any, what: str, rng: random.Random) -> str:
    """A name from mimesis' lists; gendered variants for gendered placeholders."""
    gender = g_female if what.endswith("_f") else g_male if what.endswith("_m") else None
    gender = gender if gender is not None else rng.choice([g_female, g_male])
    if what.startswith("full"):
        return f"{p.first_name(gender=gender)} {p.last_name(gender=gender)}"
    if what.startswith("first"):
        return str(p.first_name(gender=gender))
    return str(p.last_name(gender=gender))


def other_value(gen: Any, key: str, rng: random.Random) -> str:
    """Non-person placeholders, from mimesis providers of the same locale."""
    a, pe, fin = gen.address, gen.person, gen.finance
    table = {
        "city": a.city,
        "address": a.address,
        "street_name": a.street_name,
        "country": a.country,
        "building_number": a.street_number,
        "secondary_address": lambda: f"Apt. {rng.randint(1, 999)}",
        "postcode": a.postal_code,
        "zipcode": a.postal_code,
        "state_abbr": lambda: a.state(abbr=True),
        "phone_number": pe.telephone,
        "email": pe.email,
        "organization": fin.company,
        "job": pe.occupation,
        "nationality": pe.nationality,
        "nation_woman": pe.nationality,
        "nation_plural": pe.nationality,
        "age": lambda: str(rng.randint(18, 90)),
        "year": lambda: str(rng.randint(1950, 2024)),
        "url": gen.internet.url,
        "ip_address": gen.internet.ip_v4,
        "credit_card_number": gen.payment.credit_card_number,
        "iban": lambda: "DE89370400440532013000",
        "ssn": lambda: f"{rng.randint(100, 665)}-{rng.randint(10, 99)}-{rng.randint(1000, 9999)}",
        "date_time": lambda: str(gen.datetime.date()),
        "date_of_birth": lambda: str(gen.datetime.date(start=1940, end=2005)),
        "day_of_week": gen.datetime.day_of_week,
        "prefix": lambda: rng.choice(["Mr.", "Ms.", "Dr."]),
        "prefix_male": lambda: "Mr.",
        "prefix_female": lambda: "Ms.",
        "us_driver_license": lambda: f"D{rng.randint(1000000, 9999999)}",
    }
    fn = table.get(key)
    return str(fn()) if fn is not None else key


def fill(template: str, loc: str, rng: random.Random) -> dict[str, Any] | None:
    """One labelled record from one template."""
    from mimesis import Generic, Locale
    from mimesis.enums import Gender

    gen = Generic(locale=Locale(loc), seed=rng.randint(0, 2**31))
    text = ""
    spans: list[dict[str, Any]] = []
    pos = 0
    for m in _SLOT.finditer(template):
        text += template[pos : m.start()]
        key = m.group(1)
        if key in PERSON_KEYS:
            value = person_value(gen.person, Gender.FEMALE, Gender.MALE, PERSON_KEYS[key], rng)
            label = "PERSON"
        else:
            value = other_value(gen, key, rng)
            label = key.upper()
        spans.append({"start": len(text), "end": len(text) + len(value), "type": label})
        text += value
        pos = m.end()
    text += template[pos:]
    if not any(s["type"] == "PERSON" for s in spans):
        return None
    return {"text": text, "spans": spans, "locale": loc}


def main() -> None:
    """Write open.jsonl and sealed.jsonl."""
    mim, pe = Path(sys.argv[1]), Path(sys.argv[2])
    sys.path.insert(0, str(mim))
    raw = pe / "presidio_evaluator" / "data_generator" / "raw_data" / "templates.txt"
    templates = [t.strip() for t in raw.read_text("utf-8").splitlines() if t.strip()]
    with_person = [t for t in templates if any(k in PERSON_KEYS for k in _SLOT.findall(t))]
    split = {
        "open": [t for t in with_person if hashlib.sha256(t.encode()).digest()[0] % 2 == 0],
        "sealed": [t for t in with_person if hashlib.sha256(t.encode()).digest()[0] % 2 == 1],
    }
    for name, temps in split.items():
        rng = random.Random(f"{SEED}-{name}")
        out: list[dict[str, Any]] = []
        while len(out) < 2 * PER_SPLIT:
            rec = fill(rng.choice(temps), rng.choice(LOCALES), rng)
            if rec is None:
                continue
            low = rec["text"].lower()
            if len(low) != len(rec["text"]):
                continue  # a letter whose lower case has another length: offsets would shift
            n = len(out) // 2
            out.append({"id": f"gen2-{name}-{n:04d}", "case": "as-is", **rec})
            out.append({"id": f"gen2-{name}-{n:04d}-lower", "case": "lower", **rec, "text": low})
        with (OUT / f"{name}.jsonl").open("w", encoding="utf-8") as fh:
            for rec in out:
                fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
        print(name, len(temps), "templates", len(out), "records")


if __name__ == "__main__":
    main()
