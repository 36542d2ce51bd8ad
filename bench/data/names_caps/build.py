# ruff: noqa: E501
"""Names written in capitals (``names_caps``): dev and sealed splits.

Persons come from Faker (``LOCALES``; Japanese and Chinese names romanised by Faker), printed in
the shapes documents print them in capitals: ICAO 9303 machine-readable zones (surname ``<<``
given names, ``<`` for spaces and hyphens, letters transliterated to A-Z), IATA BCBP and GDS
``SURNAME/GIVEN`` with a title, SWIFT MT103 name lines (the SWIFT X character set: no
diacritics), CV headers, postal address blocks (UPU S42: capitals), forms, printed names under a
signature, card name fields, shipping labels. Elsewhere names keep their letters in capitals
(``ŁUCJA WÓJCIK``, ``ŞAHİN`` with the Turkish dotted capital I).

The dev split uses ``dev_templates.py`` and seed 1; the sealed split uses
``sealed_templates.py`` (written and committed first, never tuned on) and seed 2. Every record is
``{"id", "case": "as-is", "template", "locale", "text", "spans": [{"start", "end", "type"}]}``.

Usage: ``python bench/data/names_caps/build.py`` (writes ``dev.jsonl`` and ``sealed.jsonl``).
"""

from __future__ import annotations

import json
import os
import random
import sys
import unicodedata
from pathlib import Path
from typing import Any

from faker import Faker

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

LOCALES = {  # locale -> ICAO country code
    "de_DE": "D<<",
    "pl_PL": "POL",
    "vi_VN": "VNM",
    "pt_BR": "BRA",
    "es_MX": "MEX",
    "fr_FR": "FRA",
    "tr_TR": "TUR",
    "en_IN": "IND",
    "ja_JP": "JPN",
    "zh_CN": "CHN",
    "it_IT": "ITA",
    "nl_NL": "NLD",
    "cs_CZ": "CZE",
    "hu_HU": "HUN",
    "ro_RO": "ROU",
    "fi_FI": "FIN",
    "sv_SE": "SWE",
    "id_ID": "IDN",
    "fil_PH": "PHL",
    "yo_NG": "NGA",
    "es_CO": "COL",
    "pt_PT": "PRT",
    "hr_HR": "HRV",
    "lt_LT": "LTU",
    "en_GB": "GBR",
    "en_US": "USA",
    "sk_SK": "SVK",
    "da_DK": "DNK",
    "et_EE": "EST",
    "sw": "TZA",
}
COUNTRY = {"de_DE": "GERMANY", "pl_PL": "POLAND", "pt_BR": "BRAZIL", "fr_FR": "FRANCE"}
_FOLD = {
    "ß": "SS",
    "Æ": "AE",
    "Ø": "OE",
    "Ł": "L",
    "Đ": "D",
    "Þ": "TH",
    "Ð": "D",
    "Ħ": "H",
    "ı": "I",
}
FAMILY_FIRST = {"vi_VN", "hu_HU"}
TITLES = {"F": ("MS", "MRS", "MS"), "M": ("MR", "MR", "MR")}


def fold(s: str) -> str:
    """Capitals of A-Z only (ICAO 9303 part 3 transliteration, simplified)."""
    s = "".join(_FOLD.get(c, c) for c in s.upper())
    s = unicodedata.normalize("NFKD", s)
    return "".join(c for c in s if not unicodedata.combining(c))


class Person:
    """One person of one locale, printed in capitals in several shapes."""

    def __init__(self, fk: Faker, locale: str, r: random.Random, other: bool = True) -> None:
        self.locale = locale
        romanised = locale in {"ja_JP", "zh_CN"}
        female = r.random() < 0.5
        first = (
            (
                fk.first_romanized_name
                if romanised
                else fk.first_name_female
                if female
                else fk.first_name_male
            )
            if hasattr(fk, "first_name_female") or romanised
            else fk.first_name
        )
        last = fk.last_romanized_name if romanised else fk.last_name
        self.given = [first()]
        if not romanised and r.random() < 0.3:
            extra = first()
            if extra != self.given[0]:
                self.given.append(extra)
        self.surname = last()
        if locale in {"pt_BR", "pt_PT"} and r.random() < 0.4:
            self.surname = r.choice(["da ", "dos ", "de "]) + self.surname
        if locale in {"es_MX", "es_CO"} and r.random() < 0.5:
            self.surname += " " + last()
        self.sex = "F" if female else "M"
        self.cc3 = LOCALES[locale]
        self.dob6 = f"{r.randint(50, 99)}{r.randint(1, 12):02d}{r.randint(1, 28):02d}"
        self.title_bcbp = r.choice(TITLES[self.sex])
        self.title_upper = {
            "fr_FR": "MME" if female else "M.",
            "de_DE": "FRAU" if female else "HERRN",
        }.get(locale, "MRS" if female else "MR")
        self.iban = f"{self.cc3[:2]}{r.randint(10, 99)}{r.randint(10**15, 10**16 - 1)}"
        self.iban2 = f"DE{r.randint(10, 99)}{r.randint(10**17, 10**18 - 1)}"
        self.phone = f"+{r.randint(30, 99)} {r.randint(100, 999)} {r.randint(100, 999)} {r.randint(100, 999)}"
        self.street_upper = self.up(fk.street_address()).replace("\n", " ")
        self.city_upper = self.up(fk.city())
        try:
            self.postcode = fk.postcode()
        except AttributeError:
            self.postcode = str(r.randint(10000, 99999))
        self.country_upper = COUNTRY.get(locale, self.cc3.rstrip("<"))
        self.other = Person(fk, locale, r, other=False) if other else None

    def up(self, s: str) -> str:
        if self.locale == "tr_TR":
            s = s.replace("i", "İ")
        return s.upper()

    @property
    def given_upper(self) -> str:
        return self.up(" ".join(self.given))

    @property
    def surname_upper(self) -> str:
        return self.up(self.surname)

    def full_upper(self) -> str:
        """Given names first; family name first where the language writes it so."""
        if self.locale in FAMILY_FIRST:
            return self.surname_first()
        return f"{self.given_upper} {self.surname_upper}"

    def surname_first(self) -> str:
        return f"{self.surname_upper} {self.given_upper}"

    def mrz_name(self, width: int) -> str:
        """``SURNAME<<GIVEN<NAMES`` cut to ``width`` (no filler after the last letter)."""
        sur = fold(self.surname).replace(" ", "<").replace("-", "<").replace("'", "")
        giv = "<".join(
            fold(g).replace(" ", "<").replace("-", "<").replace("'", "") for g in self.given
        )
        return f"{sur}<<{giv}"[:width].rstrip("<")

    def bcbp_name(self) -> str:
        return f"{fold(self.surname).replace(' ', '')}/{fold(' '.join(self.given))}"

    def swift_name(self) -> str:
        return fold(f"{' '.join(self.given)} {self.surname}")

    def swift_street(self) -> str:
        return fold(self.street_upper)[:35]


def build(templates: list[Any], seed: int, per: int, tag: str) -> list[dict[str, Any]]:
    r = random.Random(seed)
    rows = []
    for locale in LOCALES:
        fk = Faker(locale)
        fk.seed_instance(seed * 1000 + list(LOCALES).index(locale))
        for k in range(per):
            ti = r.randrange(len(templates))
            p = Person(fk, locale, r)
            text, spans = "", []
            for seg in templates[ti](p, r):
                if isinstance(seg, tuple):
                    spans.append(
                        {"start": len(text), "end": len(text) + len(seg[0]), "type": seg[1]}
                    )
                text += seg[0] if isinstance(seg, tuple) else seg
            rows.append(
                {
                    "id": f"caps-{tag}-{locale}-{k:02d}",
                    "case": "as-is",
                    "template": ti,
                    "locale": locale,
                    "text": text,
                    "spans": spans,
                }
            )
    return rows


def main() -> None:
    if os.environ.get("PYTHONHASHSEED") != "0":  # some Faker providers draw from sets
        env = {**os.environ, "PYTHONHASHSEED": "0"}
        os.execve(sys.executable, [sys.executable, *sys.argv], env)  # noqa: S606
    import dev_templates
    import sealed_templates

    for name, mod, seed in (("dev", dev_templates, 1), ("sealed", sealed_templates, 2)):
        rows = build(mod.TEMPLATES, seed, 14, name)
        with (HERE / f"{name}.jsonl").open("w", encoding="utf-8") as fh:
            for row in rows:
                fh.write(json.dumps(row, ensure_ascii=False) + "\n")
        print(name, len(rows), sum(len(r["spans"]) for r in rows))


if __name__ == "__main__":
    main()
