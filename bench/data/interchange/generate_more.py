# ruff: noqa: E501
"""Persons in DICOM and FHIR text (``interchange/more_{dev,sealed}.jsonl``).

DICOM data sets are built with **pydicom** (3.0.2; attributes set by their keywords) and shown
as pydicom prints them, as the DICOM JSON model (``to_json_dict``, PS3.18 annex F) and as DCMTK's
``dcmdump`` prints them (``(0010,0010) PN [DOE^JOHN]  # 8, 1 PatientName``, written here from
dcmdump's documented layout). FHIR R5 resources (Patient, RelatedPerson, Practitioner, a Bundle of
them) are built and serialised with **fhir.resources** (8.3.0), pretty or compact. Persons are
``generate.Person`` (Faker). The sealed split differs in seed, locales and framings and was
written before the DICOM and FHIR readers; it is scored, never read.

Both libraries are needed only to rebuild the files (``pip install --target /tmp/fmt_pkg
pydicom==3.0.2 fhir.resources==8.3.0``); neither is a dependency of the SDK.

Usage: ``PYTHONPATH=/tmp/fmt_pkg python bench/data/interchange/generate_more.py``.
"""

from __future__ import annotations

import json
import os
import random
import sys
from pathlib import Path
from typing import Any

from faker import Faker
from fhir.resources.bundle import Bundle
from fhir.resources.patient import Patient
from fhir.resources.practitioner import Practitioner
from fhir.resources.relatedperson import RelatedPerson
from pydicom.dataset import Dataset

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from generate import Person, label  # noqa: E402

LOCALES = {
    "dev": ["en_US", "de_DE", "es_ES", "vi_VN", "pt_BR", "pl_PL"],
    "sealed": ["fr_FR", "it_IT", "nl_NL", "tr_TR", "en_GB", "ro_RO"],
}
N_PER_SPLIT = 180
_DCMDUMP_KEYWORDS = {
    (0x0008, 0x0020): ("DA", "StudyDate"),
    (0x0008, 0x0050): ("SH", "AccessionNumber"),
    (0x0008, 0x0060): ("CS", "Modality"),
    (0x0008, 0x0090): ("PN", "ReferringPhysicianName"),
    (0x0010, 0x0010): ("PN", "PatientName"),
    (0x0010, 0x0020): ("LO", "PatientID"),
    (0x0010, 0x0030): ("DA", "PatientBirthDate"),
    (0x0010, 0x0040): ("CS", "PatientSex"),
    (0x0010, 0x1040): ("LO", "PatientAddress"),
    (0x0010, 0x2154): ("SH", "PatientTelephoneNumbers"),
    (0x0008, 0x1050): ("PN", "PerformingPhysicianName"),
}


def dicom(
    p: Person, doc: Person, r: random.Random, style: str
) -> tuple[str, list[tuple[str, str]]]:
    """A data set's patient module in one of three renderings, with its (value, type) pairs."""
    ds = Dataset()
    ds.StudyDate = f"2026{r.randint(1, 12):02d}{r.randint(1, 28):02d}"
    ds.AccessionNumber = f"A{r.randint(10**6, 10**8)}"
    ds.Modality = r.choice(["CT", "MR", "US", "CR"])
    ds.ReferringPhysicianName = f"{doc.family}^{doc.given}"
    ds.PatientName = "^".join(x for x in (p.family, p.given, p.middle) if x)
    ds.PatientID = p.mrn
    ds.PatientBirthDate = p.dob
    ds.PatientSex = r.choice("MF")
    if r.random() < 0.5:
        ds.PatientAddress = f"{p.street}, {p.city}"
        ds.PatientTelephoneNumbers = p.phone
    if r.random() < 0.3:
        ds.PerformingPhysicianName = f"{doc.given} {doc.family}"
    if style == "pydicom":
        text = str(ds)
    elif style == "json":
        text = json.dumps(ds.to_json_dict(), ensure_ascii=False, indent=r.choice([None, 2]))
    else:
        lines = []
        for elem in ds:
            vr, keyword = _DCMDUMP_KEYWORDS[(elem.tag.group, elem.tag.element)]
            value = str(elem.value)
            lines.append(
                f"({elem.tag.group:04x},{elem.tag.element:04x}) {vr} [{value}]".ljust(48)
                + f"#  {len(value)}, 1 {keyword}"
            )
        text = "\n".join(lines)
    pairs = [
        (p.family, "PERSON"),
        (p.given, "PERSON"),
        (p.middle, "PERSON"),
        (doc.family, "PERSON"),
        (doc.given, "PERSON"),
        (p.mrn, "ID"),
        (p.dob, "DATE_OF_BIRTH"),
        (ds.AccessionNumber, "ID"),
    ]
    if "PatientAddress" in ds:
        pairs += [(p.street, "STREET_ADDRESS"), (p.city, "CITY"), (p.phone, "PHONE_NUMBER")]
    return text, pairs


def _human(p: Person, r: random.Random) -> dict[str, Any]:
    given = [p.given] + ([p.middle] if len(p.middle) > 1 else [])
    iso = f"{p.dob[:4]}-{p.dob[4:6]}-{p.dob[6:]}"
    return {
        "identifier": [
            {
                "system": r.choice(
                    ["http://hospital.example/mrn", "urn:oid:2.16.840.1.113883.4.1"]
                ),
                "value": p.mrn,
            }
        ],
        "name": [{"use": "official", "family": p.family, "given": given}],
        "telecom": [{"system": "phone", "value": p.phone, "use": r.choice(["home", "mobile"])}],
        "gender": r.choice(["male", "female"]),
        "birthDate": iso,
        "address": [{"line": [p.street], "city": p.city, "postalCode": p.postcode}],
    }


def fhir(
    p: Person, kin: Person, doc: Person, r: random.Random, kind: str
) -> tuple[str, list[tuple[str, str]]]:
    """A FHIR resource (or a Bundle of three) as JSON, with its (value, type) pairs."""
    patient = Patient.model_validate(
        {"resourceType": "Patient", "id": f"p{r.randint(1, 9999)}", **_human(p, r)}
    )
    iso = f"{p.dob[:4]}-{p.dob[4:6]}-{p.dob[6:]}"
    pairs = [
        (p.family, "PERSON"),
        (p.given, "PERSON"),
        (p.middle, "PERSON"),
        (p.mrn, "ID"),
        (iso, "DATE_OF_BIRTH"),
        (p.phone, "PHONE_NUMBER"),
        (p.street, "STREET_ADDRESS"),
        (p.city, "CITY"),
        (p.postcode, "POSTCODE"),
    ]
    resource: Any = patient
    if kind == "bundle":
        related = RelatedPerson.model_validate(
            {
                "resourceType": "RelatedPerson",
                "patient": {"reference": f"Patient/{patient.id}"},
                "name": [{"family": kin.family, "given": [kin.given]}],
                "telecom": [{"system": "phone", "value": kin.phone}],
            }
        )
        practitioner = Practitioner.model_validate(
            {
                "resourceType": "Practitioner",
                "name": [{"family": doc.family, "given": [doc.given], "prefix": ["Dr"]}],
            }
        )
        resource = Bundle.model_validate(
            {
                "resourceType": "Bundle",
                "type": "collection",
                "entry": [
                    {"resource": patient.model_dump()},
                    {"resource": related.model_dump()},
                    {"resource": practitioner.model_dump()},
                ],
            }
        )
        pairs += [
            (kin.family, "PERSON"),
            (kin.given, "PERSON"),
            (kin.phone, "PHONE_NUMBER"),
            (doc.family, "PERSON"),
            (doc.given, "PERSON"),
        ]
    text = resource.model_dump_json(indent=r.choice([None, 2]))
    return text, pairs


FRAMES = {
    "dev": [
        "Why does the PACS reject this study? Header:\n\n{msg}",
        "Map this to our internal schema:\n```json\n{msg}\n```",
        "{msg}\n\nwhich fields are required?",
    ],
    "sealed": [
        "The upload to the research archive failed, log below.\n\n[2026-03-02 08:14:55] WARN payload={msg_one}\n\nhow do I fix it?",
        "Is this de-identified enough to share with the vendor?\n\n{msg}\n\nThanks!",
        "curl -X POST https://fhir.example.org/r5/Patient -H 'Content-Type: application/fhir+json' -d '{msg_one}'\nreturns 422, why?",
    ],
}


def build(split: str, seed: int) -> list[dict[str, Any]]:
    r = random.Random(seed)
    fakers = {loc: Faker(loc) for loc in LOCALES[split]}
    for i, f in enumerate(fakers.values()):
        f.seed_instance(seed * 100 + i)
    rows: list[dict[str, Any]] = []
    for i in range(N_PER_SPLIT):
        loc = LOCALES[split][i % len(LOCALES[split])]
        fake = fakers[loc]
        p, kin, doc = (Person(fake, r, r.random() < 0.6) for _ in range(3))
        fmt = ("pydicom", "json", "dcmdump", "fhir", "bundle")[i % 5]
        if fmt in ("fhir", "bundle"):
            msg, pairs = fhir(p, kin, doc, r, fmt)
        else:
            msg, pairs = dicom(p, doc, r, fmt)
        frame = r.choice(FRAMES[split])
        text = frame.format(msg=msg, msg_one=" ".join(msg.split()))
        spans = label(text, pairs)
        rows.append(
            {
                "id": f"icm-{split}-{i:03d}",
                "case": "as-is",
                "format": "dicom" if fmt in ("pydicom", "json", "dcmdump") else "fhir",
                "style": fmt,
                "locale": loc,
                "text": text,
                "spans": spans,
            }
        )
    return rows


def main() -> None:
    """Write both splits (with ``PYTHONHASHSEED=0``, see ``generate.main``)."""
    if os.environ.get("PYTHONHASHSEED") != "0":
        env = {**os.environ, "PYTHONHASHSEED": "0"}
        os.execve(sys.executable, [sys.executable, *sys.argv], env)  # noqa: S606
    for split, seed in (("sealed", 12), ("dev", 11)):
        with (HERE / f"more_{split}.jsonl").open("w", encoding="utf-8") as fh:
            for row in build(split, seed):
                fh.write(json.dumps(row, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
