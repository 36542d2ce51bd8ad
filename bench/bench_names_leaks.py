"""Names, addresses and phones that survive ``redact()``, verbatim and strictly (issue 14).

Issue 14's first "must show" counts what a remote target would still receive: a labelled value
**survives verbatim** when none of its letters and digits is masked, **strictly** when any of
them is left (a partial mask is a leak). Masks are every finding of every category, as
``redact()`` replaces them (the same scoring as ``bench_phi.py``).

Data (labelled by generators nobody here wrote; see each folder's build script):

- ``names_gen2/{open,sealed}.jsonl``: presidio-evaluator templates filled with mimesis names in
  many locales, as written and in lower case. The sealed file is scored, never printed.
- ``names_heldout.jsonl``: chat-style held-out contexts (the project's second generator).
- ``names_gen2/dev_cased.jsonl``: those contexts with mimesis names as written (a development
  set read while tuning; ``names_gen2/generate_dev.py``).
- ``names_gen3/{dev,sealed}.jsonl``: 152 English templates written for this set by a helper that
  read neither the detector nor any other template (genres from reviews and news to forms and
  chat), filled with mimesis names of 27 locales, split by template hash, as written and lower
  case (``names_gen3/generate.py``). Scored before any rule was tuned on it; the sealed file
  is scored, never printed.
- ``names_gen4/{dev,sealed}.jsonl``: 184 more English templates by another helper under the
  same rules (e-mails to rewrite, chat, minutes, CRM notes, CSV/JSON rows, logs, letters),
  filled with real given names and surnames of 34 countries from ``names-dataset`` 3.3.1
  (a source none of the detector's lists come from; top-200 and rank 200-1200 names), split
  by template hash, as written and lower case (``names_gen4/generate.py``). Scored once
  before any rule was tuned on it; the sealed file is scored, never printed. Provenance: that
  package's lists were counted from the 2021 Facebook scrape (533M accounts); only its
  per-country lists of given names and of surnames are used, apart, for this bench (no record,
  no pair of a real person), and the detector uses nothing of it.
- ``names_gen5/{dev,sealed}.jsonl``: 321 more English templates by a third helper under the
  same rules (greetings and sign-offs, chat and Discord logs, school and landlord messages,
  rosters, CSV with name columns, commit logs, citations), filled with ``names-dataset`` 3.3.1
  given names and surnames of 27 countries none of the earlier sets drew from (Slovenia to
  Fiji), split by template hash, as written and lower case (``names_gen5/generate.py``).
  Scored before any rule was tuned on it; the sealed file is scored, never printed.
- ``names_gen6/{dev,sealed}.jsonl``: 99 English templates in the shapes of e-mails, chat logs,
  CRM and HR notes, minutes, reference letters, bug reports, legal and insurance letters, forum
  posts and forms, filled with ``names-dataset`` names of 21 countries no earlier set drew from
  (Angola to Kazakhstan) and Faker names of 12 locales the Faker set lacks, with particles,
  hyphenated and double surnames, initials; split by template hash, as written and lower case
  (``names_gen6/generate.py``). Committed before any rule was tuned on it; the sealed file is
  scored, never printed.
- ``names_gen2/dev_faker.jsonl``: a third generator's names (Faker, 34 locales) in those
  contexts and in the open templates, as written and in lower case (``generate_faker.py``;
  scored once before any rule was written on it, then read while tuning).
- ``address_probe/probe{,_b,_c}.jsonl``: mimesis street addresses of 27 locales in frames this
  project wrote (a probe of address layouts, see its ``generate.py``): A and B read while
  tuning, C held out (scored, never printed); D: the held-out chat contexts' street addresses
  replaced by mimesis ones (``generate_d.py``), read while tuning; E: presidio-evaluator's
  templates that hold an address and no person (in neither split of ``names_gen2``), filled
  with mimesis values (``generate_e.py``), read while tuning; F: a third generator, Faker's
  street addresses of 39 Latin-script locales in the templates outside the sealed split and in
  the held-out chat contexts (``generate_f.py``), measured before tuning, then read while tuning.

- ``names_caps/{dev,sealed}.jsonl``: names written in capitals as documents print them (ICAO 9303
  machine-readable zones, IATA boarding passes and GDS ``SURNAME/GIVEN MR``, SWIFT MT103 name
  lines, CV headers, address blocks, forms, signatures, card and shipping labels), Faker persons
  of 30 locales; the sealed split has its own templates (written first) and seed
  (``names_caps/build.py``). The sealed file is scored, never printed.
- ``interchange/{dev,sealed,sealed2}.jsonl``: persons in HL7 v2 messages (built with hl7apy),
  X12 837P/270 loops and AAMVA licence barcode text, Faker persons of 24 locales in three
  disjoint sets (``interchange/generate.py``). The sealed file's first score showed framings the
  X12 and AAMVA readers missed, which were then mended knowing them (so it is no longer held
  out); sealed2 was written before that mend and scored after it. Neither is printed.
- ``interchange/more_{dev,sealed}.jsonl``: persons in DICOM headers (pydicom-built; pydicom's
  print, the DICOM JSON model, dcmdump's layout) and FHIR R5 resources (fhir.resources), written
  before their reader (``interchange/generate_more.py``); the sealed file is never printed.
- ``interchange/trade_{dev,sealed}.jsonl``: persons in UN/EDIFACT interchanges (pydifact-built
  invoices, orders, despatch advices and PAXLST passenger lists) and NACHA ACH files (carta-ach,
  five entry classes), written before their readers (``interchange/generate_trade.py``); the
  sealed file is never printed.
- ``interchange/cards_dev.jsonl``: persons in vCards (vobject) and iCalendar invites (icalendar),
  a dev probe (``interchange/generate_cards.py``).

Groups: NAME (``PERSON``), ADDRESS (a street address or its street name, building number or
secondary unit), PHONE (its digits only). Cities, countries, postcodes and e-mail addresses are
reported for information (Safe Harbor's and presidio's notion of an address differ on them).

Usage::

    PYTHONPATH=src .venv/bin/python bench/bench_names_leaks.py [--engine ours|presidio]
        [--misses N] [--src OLD/src] [--only dev_faker]

``--misses`` prints surviving values of the open files only.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "bench" / "data"
GROUPS = {
    "PERSON": "NAME",
    "ADDRESS": "ADDRESS",
    "STREET_ADDRESS": "ADDRESS",
    "STREET_NAME": "ADDRESS",
    "BUILDING_NUMBER": "ADDRESS",
    "SECONDARY_ADDRESS": "ADDRESS",
    "PHONE_NUMBER": "PHONE",
}
INFO = {
    "CITY": "city (info)",
    "POSTCODE": "postcode (info)",
    "ZIPCODE": "postcode (info)",
    "EMAIL": "e-mail (info)",
    "EMAIL_ADDRESS": "e-mail (info)",
    "DATE_OF_BIRTH": "birth date (info)",
    "ID": "record, member, SSN, licence number (info)",
}
SETS = (
    ("names_gen2/open.jsonl", "as-is", "2nd generator, open, as written", True),
    ("names_gen2/sealed.jsonl", "as-is", "2nd generator, **sealed**, as written", False),
    ("names_gen2/open.jsonl", "lower", "2nd generator, open, lower case", True),
    ("names_gen2/sealed.jsonl", "lower", "2nd generator, **sealed**, lower case", False),
    ("names_heldout.jsonl", None, "held-out chat contexts", True),
    ("names_gen2/dev_cased.jsonl", "as-is", "2nd generator names in the chat contexts (dev)", True),
    ("names_gen3/dev.jsonl", "as-is", "independent templates (gen3), dev, as written", True),
    ("names_gen3/sealed.jsonl", "as-is", "independent templates (gen3), **sealed**, as is", False),
    ("names_gen3/dev.jsonl", "lower", "independent templates (gen3), dev, lower case", True),
    ("names_gen3/sealed.jsonl", "lower", "independent templates (gen3), **sealed**, lower", False),
    ("names_gen4/dev.jsonl", "as-is", "gen4 (names-dataset), dev, as written", True),
    ("names_gen4/sealed.jsonl", "as-is", "gen4 (names-dataset), **sealed**, as written", False),
    ("names_gen4/dev.jsonl", "lower", "gen4 (names-dataset), dev, lower case", True),
    ("names_gen4/sealed.jsonl", "lower", "gen4 (names-dataset), **sealed**, lower case", False),
    ("names_gen5/dev.jsonl", "as-is", "gen5 (names-dataset), dev, as written", True),
    ("names_gen5/sealed.jsonl", "as-is", "gen5 (names-dataset), **sealed**, as written", False),
    ("names_gen5/dev.jsonl", "lower", "gen5 (names-dataset), dev, lower case", True),
    ("names_gen5/sealed.jsonl", "lower", "gen5 (names-dataset), **sealed**, lower case", False),
    ("names_gen6/dev.jsonl", "as-is", "gen6 (names-dataset, Faker), dev, as written", True),
    ("names_gen6/sealed.jsonl", "as-is", "gen6 (names-dataset, Faker), **sealed**, as is", False),
    ("names_gen6/dev.jsonl", "lower", "gen6 (names-dataset, Faker), dev, lower case", True),
    ("names_gen6/sealed.jsonl", "lower", "gen6 (names-dataset, Faker), **sealed**, lower", False),
    ("names_gen2/dev_faker.jsonl", "as-is", "3rd generator (Faker), as written", True),
    ("names_gen2/dev_faker.jsonl", "lower", "3rd generator (Faker), lower case", True),
    ("address_probe/probe.jsonl", "as-is", "address probe A (dev), as written", True),
    ("address_probe/probe.jsonl", "lower", "address probe A (dev), lower case", True),
    ("address_probe/probe_b.jsonl", "as-is", "address probe B (dev), as written", True),
    ("address_probe/probe_b.jsonl", "lower", "address probe B (dev), lower case", True),
    (
        "address_probe/probe_d.jsonl",
        "as-is",
        "address probe D (dev, chats), as written",
        True,
    ),
    (
        "address_probe/probe_d.jsonl",
        "lower",
        "address probe D (dev, chats), lower case",
        True,
    ),
    ("address_probe/probe_e.jsonl", "as-is", "address probe E (dev, templates), as written", True),
    ("address_probe/probe_e.jsonl", "lower", "address probe E (dev, templates), lower case", True),
    ("address_probe/probe_f.jsonl", "as-is", "address probe F (Faker, dev), as written", True),
    ("address_probe/probe_f.jsonl", "lower", "address probe F (Faker, dev), lower case", True),
    ("address_probe/probe_c.jsonl", "as-is", "address probe C (held out), as written", False),
    ("address_probe/probe_c.jsonl", "lower", "address probe C (held out), lower case", False),
    ("names_caps/dev.jsonl", "as-is", "names in capitals (MRZ, BCBP, MT103, forms), dev", True),
    ("names_caps/sealed.jsonl", "as-is", "names in capitals, **sealed**", False),
    ("interchange/dev.jsonl", "as-is", "HL7 / X12 / AAMVA, dev", True),
    ("interchange/sealed.jsonl", "as-is", "HL7 / X12 / AAMVA, sealed, mended on it", False),
    ("interchange/sealed2.jsonl", "as-is", "HL7 / X12 / AAMVA, **sealed2**", False),
    ("interchange/more_dev.jsonl", "as-is", "DICOM / FHIR, dev", True),
    ("interchange/more_sealed.jsonl", "as-is", "DICOM / FHIR, **sealed**", False),
    ("interchange/trade_dev.jsonl", "as-is", "EDIFACT / NACHA, dev", True),
    ("interchange/trade_sealed.jsonl", "as-is", "EDIFACT / NACHA, **sealed**", False),
    ("interchange/cards_dev.jsonl", "as-is", "vCard / iCalendar, dev probe", True),
)

Detect = Callable[[str], list[tuple[int, int]]]


def load(path: Path, case: str | None) -> list[dict[str, Any]]:
    """Records of a JSONL file, those of one ``case`` only when given."""
    with path.open(encoding="utf-8") as fh:
        rows = [json.loads(line) for line in fh if line.strip()]
    return [r for r in rows if case is None or r.get("case") == case]


def identifying(text: str, span: dict[str, Any]) -> list[int]:
    """Offsets of the characters that must not survive: letters and digits (a phone's digits)."""
    a, b = span["start"], span["end"]
    if span["type"] == "PHONE_NUMBER":
        return [i for i in range(a, b) if text[i].isdigit()]
    return [i for i in range(a, b) if text[i].isalnum()]


def score(
    rows: list[dict[str, Any]], detect: Detect, misses: list[str] | None
) -> dict[str, list[int]]:
    """group -> [labelled values, verbatim survivors, strict survivors]."""
    out: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    for r in rows:
        text = r["text"]
        mask = [False] * len(text)
        for a, b in detect(text):
            mask[a:b] = [True] * (b - a)
        for span in r["spans"]:
            group = GROUPS.get(span["type"]) or INFO.get(span["type"])
            idx = identifying(text, span) if group else []
            if not idx:
                continue
            left = sum(not mask[i] for i in idx)
            row = out[group or ""]
            row[0] += 1
            row[1] += left == len(idx)
            row[2] += left > 0
            if left and misses is not None and group in {"NAME", "ADDRESS", "PHONE"}:
                misses.append(f"{r['id']} {group}: {text[span['start'] : span['end']]!r}")
    return out


def ours() -> Detect:
    """The project's default classifier."""
    from hybridllm.classifiers import get_classifier

    clf = get_classifier()
    clf.classify("Call Jane Roe at 555-201-7788, 12 Elm Street.")
    return lambda text: [(f.start, f.end) for f in clf.classify(text).findings]


def presidio() -> Detect:
    """Vanilla presidio with spaCy small (``bench_phi.presidio``)."""
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from bench_phi import presidio as phi_presidio

    detect = phi_presidio()
    return lambda text: detect(text)[0]


def _pct(a: int, n: int) -> str:
    return f"{100.0 * a / n:.2f}% ({a})" if n else "-"


def main(argv: list[str] | None = None) -> int:
    """Run the bench (see the module docstring)."""
    ap = argparse.ArgumentParser()
    ap.add_argument("--engine", choices=["ours", "presidio"], default="ours")
    ap.add_argument("--misses", type=int, default=0)
    ap.add_argument("--src", type=Path, default=ROOT / "src", help="sources to measure")
    ap.add_argument("--only", default="", help="only the data files whose path holds this")
    args = ap.parse_args(argv)
    sys.path.insert(0, str(args.src.resolve()))
    detect = ours() if args.engine == "ours" else presidio()
    print(f"engine: {args.engine}\n")
    print("| set | group | n | survive verbatim | survive strictly |")
    print("|---|---|---:|---:|---:|")
    shown: list[str] = []
    for path, case, label, is_open in SETS:
        if args.only not in path:
            continue
        misses: list[str] | None = shown if is_open and args.misses else None
        counts = score(load(DATA / path, case), detect, misses)
        for group in ("NAME", "ADDRESS", "PHONE", *sorted(set(INFO.values()))):
            if group in counts:
                n, verbatim, strict = counts[group]
                print(f"| {label} | {group} | {n} | {_pct(verbatim, n)} | {_pct(strict, n)} |")
    for line in shown[: args.misses]:
        print("  miss", line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
