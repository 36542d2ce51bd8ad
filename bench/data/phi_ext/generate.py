"""Build the external PHI evaluation (open + sealed) from generators and corpora nobody here wrote.

Sources (all from PyPI, installed outside the project's venv, run once; the output is committed):

- ``outis`` 0.2.1 (Apache-2.0, Eric Hauser): its stdlib-only synthetic clinical PHI generators
  ``outis.data.generators.{base,augment,context,coverage}`` and ``outis.data.challenge``, each
  with its own templates, label set and value styles. ``split="train"`` rows go to the open
  file, ``split="validation"`` rows (the generators' held-out vocabulary) to the sealed one; the
  ``context`` generator and the second half of the ``challenge`` suite are sealed only.
- ``philter-lite`` 0.6.0 (BSD-3, UCSF philter fork): the five i2b2-format annotated notes it
  ships (``philter_lite/data/i2b2_xml``), split by note.
- ``deidgate`` 0.1.0 (MIT): its 15 Safe Harbor seed notes (values located in the text).

Every record: ``{"id", "source", "family", "text", "spans": [{"start", "end", "type",
"label"}]}`` where ``label`` is the source's own label and ``type`` a common name (NAME, DATE,
AGE, ADDRESS, LOCATION, PHONE, FAX, EMAIL, URL, IP, MRN, SSN, ACCOUNT, ID, FACILITY,
ORGANIZATION, PROFESSION). Which types count as Safe Harbor identifiers is decided by the scorer
(bench/bench_phi.py), not here.

Usage (the sealed file is written, never printed)::

    pip install --no-deps --target /tmp/phi_src outis==0.2.1 philter-lite==0.6.0 deidgate==0.1.0
    PYTHONPATH=/tmp/phi_src python bench/data/phi_ext/generate.py
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

OUT = Path(__file__).resolve().parent
SEED = 20261203

_OUTIS_TYPES = {
    "NAME": "NAME",
    "DATE": "DATE",
    "ADDRESS": "ADDRESS",
    "PHONE": "PHONE",
    "EMAIL": "EMAIL",
    "MRN": "MRN",
    "SSN": "SSN",
    "ACCOUNT": "ACCOUNT",
    "ID": "ID",
    "URL": "URL",
    "IP": "IP",
    "AGE": "AGE",
    "LOCATION": "LOCATION",
    "FACILITY": "FACILITY",
}
_I2B2_TYPES = {
    "PATIENT": "NAME",
    "DOCTOR": "NAME",
    "USERNAME": "NAME",
    "MEDICALRECORD": "MRN",
    "IDNUM": "ID",
    "DEVICE": "ID",
    "BIOID": "ID",
    "HEALTHPLAN": "ID",
    "LICENSE": "ID",
    "VEHICLE": "ID",
    "ACCOUNT": "ACCOUNT",
    "DATE": "DATE",
    "AGE": "AGE",
    "PHONE": "PHONE",
    "FAX": "FAX",
    "EMAIL": "EMAIL",
    "URL": "URL",
    "IPADDR": "IP",
    "STREET": "ADDRESS",
    "CITY": "LOCATION",
    "ZIP": "LOCATION",
    "STATE": "STATE",
    "COUNTRY": "COUNTRY",
    "LOCATION-OTHER": "LOCATION",
    "HOSPITAL": "FACILITY",
    "ORGANIZATION": "ORGANIZATION",
    "PROFESSION": "PROFESSION",
}
_DEIDGATE_TYPES = {
    "name": "NAME",
    "geo": "LOCATION",
    "date": "DATE",
    "phone": "PHONE",
    "fax": "FAX",
    "email": "EMAIL",
    "ssn": "SSN",
    "mrn": "MRN",
    "health_plan": "ID",
    "account": "ACCOUNT",
    "license": "ID",
    "vehicle": "ID",
    "device": "ID",
    "url": "URL",
    "ip": "IP",
    "biometric": "ID",
    "photo": "ID",
    "other": "ID",
}


def _bucket(key: str) -> str:
    return "sealed" if hashlib.sha256(f"{SEED}:{key}".encode()).digest()[0] & 1 else "open"


def _outis_rows(name: str, rows: Iterable[dict[str, Any]], prefix: str) -> Iterable[dict[str, Any]]:
    for i, row in enumerate(rows):
        yield {
            "id": f"{prefix}-{i:04d}",
            "source": f"outis.{name}",
            "family": str(row.get("family", "")),
            "text": row["text"],
            "spans": [
                {
                    "start": s["start"],
                    "end": s["end"],
                    "type": _OUTIS_TYPES[s["label"]],
                    "label": s["label"],
                }
                for s in row["spans"]
            ],
        }


def outis_records() -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Open and sealed records from the outis generators."""
    from outis.data import challenge
    from outis.data.generators import augment, base, context, coverage

    open_rows: list[dict[str, Any]] = []
    sealed: list[dict[str, Any]] = []
    sizes = {"base": 160, "augment": 60, "coverage": 60}
    mods = {"base": base, "augment": augment, "coverage": coverage}
    for name, n in sizes.items():
        gen = mods[name].generate_rows
        open_rows += _outis_rows(name, gen(n, split="train", seed=SEED), f"outis-{name}-o")
        sealed += _outis_rows(name, gen(n, split="validation", seed=SEED + 1), f"outis-{name}-s")
    sealed += _outis_rows(
        "context", context.generate_rows(60, split="validation", seed=SEED + 2), "outis-context-s"
    )
    rows = challenge.generate(240, seed=SEED + 3)
    open_rows += _outis_rows("challenge", rows[:120], "outis-challenge-o")
    sealed += _outis_rows("challenge", rows[120:], "outis-challenge-s")
    return open_rows, sealed


def i2b2_records() -> list[dict[str, Any]]:
    """philter-lite's annotated i2b2-format notes."""
    spec = importlib.util.find_spec("philter_lite")
    assert spec is not None
    assert spec.submodule_search_locations
    folder = Path(next(iter(spec.submodule_search_locations))) / "data" / "i2b2_xml"
    out = []
    for path in sorted(folder.glob("*.xml")):
        root = ElementTree.parse(path).getroot()  # noqa: S314 (a file shipped in a wheel)
        text = root.findtext("TEXT") or ""
        spans = []
        tags = root.find("TAGS")
        assert tags is not None
        for tag in tags:
            start, end = int(tag.attrib["start"]), int(tag.attrib["end"])
            assert text[start:end] == tag.attrib["text"], path.name
            sub = tag.attrib["TYPE"]
            spans.append(
                {
                    "start": start,
                    "end": end,
                    "type": _I2B2_TYPES.get(sub, "ID"),
                    "label": f"{tag.tag}/{sub}",
                }
            )
        out.append(
            {
                "id": f"i2b2-{path.stem}",
                "source": "philter-lite.i2b2",
                "family": "i2b2",
                "text": text,
                "spans": spans,
            }
        )
    return out


def deidgate_records() -> list[dict[str, Any]]:
    """deidgate's seed notes, each labelled value located in its text."""
    from deidgate.corpus import load_corpus

    out = []
    for sample in load_corpus():
        text = sample["text"]
        spans = []
        for phi in sample["phi"]:
            start = text.find(phi["value"])
            if start < 0:
                continue
            spans.append(
                {
                    "start": start,
                    "end": start + len(phi["value"]),
                    "type": _DEIDGATE_TYPES[phi["category"]],
                    "label": phi["category"],
                }
            )
        out.append(
            {
                "id": f"deidgate-{sample['id']}",
                "source": "deidgate",
                "family": ",".join(sample.get("tags", [])),
                "text": text,
                "spans": spans,
            }
        )
    return out


def _write(path: Path, records: list[dict[str, Any]]) -> None:
    with path.open("w", encoding="utf-8") as fh:
        for r in records:
            for s in r["spans"]:
                assert 0 <= s["start"] < s["end"] <= len(r["text"]), r["id"]
            fh.write(json.dumps(r, sort_keys=True, ensure_ascii=False) + "\n")


def main() -> int:
    """Generate and write open.jsonl and sealed.jsonl; print counts only."""
    open_rows, sealed = outis_records()
    for r in i2b2_records() + deidgate_records():
        (sealed if _bucket(r["id"]) == "sealed" else open_rows).append(r)
    _write(OUT / "open.jsonl", open_rows)
    _write(OUT / "sealed.jsonl", sealed)
    for name, rows in (("open", open_rows), ("sealed", sealed)):
        spans = sum(len(r["spans"]) for r in rows)
        print(f"{name}: {len(rows)} records, {spans} spans")
    return 0


if __name__ == "__main__":
    sys.exit(main())
