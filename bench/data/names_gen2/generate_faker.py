"""Generate bench/data/names_gen2/dev_faker.jsonl: names of a third generator (Faker).

Every other name set of this project comes from this project's own generator (``generate.py``
of ``bench/data``) or from mimesis (``names_gen2``). This set draws its values from **Faker**
(``faker`` 40.x) for 34 Latin-script locales, 16 of which neither other set has (Irish,
Nigerian, Kenyan, Ghanaian, Filipino, Indonesian, Vietnamese, Albanian, Bosnian, Lithuanian,
Latvian, Slovene, Romanian, Maltese, Zulu, Uzbek). **Caveat:** the name lexicon
(``first_names.txt``, ``surnames.txt``) is built from Faker's person providers, so this set
does not test names the lists lack; it tests the rules on those locales' names in the held-out
and open contexts (particles such as Irish ``Ó``, Vietnamese letters, names that are English
words), and Faker's address and phone formats. Names outside the Latin script are skipped (the
texts are English). Two parts, each as written and in lower case:

* **heldout**: every record of ``bench/data/names_heldout.jsonl`` with a person (hand-written
  chat, e-mail, record and story contexts), each PERSON mention replaced by a Faker name (a
  one-word mention by a given name or a surname, a longer one by a full name; a repeated
  mention by the same replacement);
* **open**: presidio-evaluator templates of the open split (even SHA-256 parity, as
  ``generate.py``; the sealed templates are never opened), every placeholder filled by Faker.

The set was generated and scored once before any rule was written on it (docs/benchmarks.md,
round 18). Seeds ``20261205-faker-*``; a few Faker providers draw outside the seeded instance
(it_IT's ``city``), so a rerun may differ in a handful of city values: the committed file is the
one that was scored.

Dev-only. Run with presidio-evaluator's wheel unpacked as ``generate.py`` describes::

    python bench/data/names_gen2/generate_faker.py /tmp/names_gen/pe
"""

from __future__ import annotations

import json
import random
import sys
import unicodedata
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from generate import _SLOT, PERSON_KEYS  # noqa: E402
from generate_dev import open_person_templates  # noqa: E402

SEED = "20261205-faker"
PER_PART = 400
LOCALES = (
    "en_US",
    "en_GB",
    "en_IE",
    "en_IN",
    "en_NG",
    "en_KE",
    "en_PH",
    "ga_IE",
    "de_DE",
    "fr_FR",
    "fr_CA",
    "es_ES",
    "es_CO",
    "es_AR",
    "it_IT",
    "pt_BR",
    "nl_NL",
    "pl_PL",
    "cs_CZ",
    "hu_HU",
    "tr_TR",
    "ro_RO",
    "sl_SI",
    "lt_LT",
    "lv_LV",
    "sq_AL",
    "bs_BA",
    "mt_MT",
    "id_ID",
    "vi_VN",
    "fil_PH",
    "tw_GH",
    "zu_ZA",
    "uz_UZ",
)


def latin(value: str) -> bool:
    """Whether every letter of ``value`` is a Latin letter."""
    return all(not c.isalpha() or "LATIN" in unicodedata.name(c, "") for c in value)


def person_value(fk: Any, what: str, rng: random.Random) -> str:
    """A Latin-script name from Faker's lists of one locale (gendered where asked)."""
    sex = "f" if what.endswith("_f") else "m" if what.endswith("_m") else rng.choice("fm")
    for _ in range(50):
        first = fk.first_name_female() if sex == "f" else fk.first_name_male()
        last = fk.last_name()
        value = f"{first} {last}" if what.startswith("full") else first
        value = last if what.startswith("last") else value
        if latin(value):
            return str(value)
    raise ValueError("no Latin-script name")


def other_value(fk: Any, key: str, rng: random.Random) -> str:
    """Non-person placeholders, from Faker's providers of the same locale."""

    def attr(name: str) -> Any:
        def value() -> Any:
            return getattr(fk, name)()

        return value

    table = {
        "city": attr("city"),
        "address": attr("address"),
        "street_name": attr("street_name"),
        "country": attr("country"),
        "building_number": attr("building_number"),
        "secondary_address": lambda: f"Apt. {rng.randint(1, 999)}",
        "postcode": attr("postcode"),
        "zipcode": attr("postcode"),
        "phone_number": attr("phone_number"),
        "email": attr("email"),
        "organization": attr("company"),
        "job": attr("job"),
        "age": lambda: str(rng.randint(18, 90)),
        "year": lambda: str(rng.randint(1950, 2024)),
        "url": attr("url"),
        "ip_address": attr("ipv4"),
        "credit_card_number": attr("credit_card_number"),
        "iban": attr("iban"),
        "ssn": lambda: f"{rng.randint(100, 665)}-{rng.randint(10, 99)}-{rng.randint(1000, 9999)}",
        "date_time": lambda: str(fk.date()),
        "date_of_birth": lambda: str(fk.date_of_birth()),
        "day_of_week": attr("day_of_week"),
        "prefix": lambda: rng.choice(["Mr.", "Ms.", "Dr."]),
        "prefix_male": lambda: "Mr.",
        "prefix_female": lambda: "Ms.",
        "us_driver_license": lambda: f"D{rng.randint(1000000, 9999999)}",
        "nationality": lambda: rng.choice(["French", "Kenyan", "Polish", "Irish", "Brazilian"]),
        "nation_woman": lambda: rng.choice(["Frenchwoman", "Irishwoman", "Englishwoman"]),
        "nation_plural": lambda: rng.choice(["French", "Kenyans", "Poles", "Irish"]),
        "state_abbr": lambda: rng.choice(["CA", "NY", "TX", "WA", "IL"]),
    }
    fn = table.get(key)
    try:
        value = str(fn()) if fn is not None else key
    except AttributeError:
        value = key
    return value if latin(value) else key


def faker_for(loc: str, rng: random.Random) -> Any:
    """A seeded Faker of one locale."""
    from faker import Faker

    fk = Faker(loc)
    fk.seed_instance(rng.randint(0, 2**31))
    return fk


def record(text: str, spans: list[dict[str, Any]], rid: str, part: str, loc: str) -> list[Any]:
    """The record as written and its lower-case copy (when lower case keeps its length)."""
    out = [{"id": f"{rid}-c", "case": "as-is", "part": part, "text": text, "spans": spans}]
    if len(text.lower()) == len(text):
        out.append({"id": f"{rid}-l", "case": "lower", "part": part, "text": text.lower()})
        out[-1]["spans"] = spans
    for r in out:
        r["locale"] = loc
    return out


def heldout(rng: random.Random) -> list[dict[str, Any]]:
    """The held-out chat contexts with Faker names."""
    out: list[dict[str, Any]] = []
    for line in (HERE.parent / "names_heldout.jsonl").read_text("utf-8").splitlines():
        rec = json.loads(line)
        spans = sorted(rec["spans"], key=lambda s: s["start"])
        if not any(s["type"] == "PERSON" for s in spans):
            continue
        loc = rng.choice(LOCALES)
        fk = faker_for(loc, rng)
        seen: dict[str, str] = {}
        text, pos, new_spans = "", 0, []
        for s in spans:
            value = old = rec["text"][s["start"] : s["end"]]
            if s["type"] == "PERSON":
                if old not in seen:
                    what = "full" if " " in old.strip() else rng.choice(["first", "last"])
                    seen[old] = person_value(fk, what, rng)
                value = seen[old]
            text += rec["text"][pos : s["start"]]
            new_spans.append({"start": len(text), "end": len(text) + len(value), "type": s["type"]})
            text += value
            pos = s["end"]
        text += rec["text"][pos:]
        out += record(text, new_spans, f"fk-heldout-{rec['id']}", "heldout", loc)
    return out


def open_templates(pe: Path, rng: random.Random) -> list[dict[str, Any]]:
    """The open split's templates filled by Faker."""
    temps = open_person_templates(pe)
    out: list[dict[str, Any]] = []
    for k in range(PER_PART):
        loc = rng.choice(LOCALES)
        fk = faker_for(loc, rng)
        template = rng.choice(temps)
        text, pos, spans = "", 0, []
        for m in _SLOT.finditer(template):
            text += template[pos : m.start()]
            key = m.group(1)
            if key in PERSON_KEYS:
                value, label = person_value(fk, PERSON_KEYS[key], rng), "PERSON"
            else:
                value, label = other_value(fk, key, rng), key.upper()
            spans.append({"start": len(text), "end": len(text) + len(value), "type": label})
            text += value
            pos = m.end()
        text += template[pos:]
        out += record(text, spans, f"fk-open-{k:04d}", "open", loc)
    return out


def main() -> None:
    """Write dev_faker.jsonl."""
    pe = Path(sys.argv[1])
    recs = heldout(random.Random(f"{SEED}-heldout"))
    recs += open_templates(pe, random.Random(f"{SEED}-open"))
    with (HERE / "dev_faker.jsonl").open("w", encoding="utf-8") as fh:
        for rec in recs:
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
    print(len(recs), "records")


if __name__ == "__main__":
    main()
