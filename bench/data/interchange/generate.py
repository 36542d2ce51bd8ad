# ruff: noqa: E501
"""Persons in interchange formats (``interchange``): HL7 v2, ANSI X12 (HIPAA) and AAMVA text.

HL7 v2 segments are built with **hl7apy** (1.3.5; fields set by their names in HL7's own tables,
``patient_name``, ``name_of_insured``, ``attending_doctor`` ..., so every position is hl7apy's
reading of the standard, not this project's; NK1 has no long names in hl7apy and is set by
number). X12 segments follow the 005010X222 (837P) and 005010X279 (270) implementation guides'
loops; AAMVA lines the DL/ID Card Design Standard 2016 annex D. Values are Faker persons of
``LOCALES``, in capitals or as written, with record, member, policy and licence numbers of several
shapes. Every occurrence of a sensitive value in a prompt is labelled (``PERSON``,
``STREET_ADDRESS``, ``PHONE_NUMBER``, ``CITY``, ``POSTCODE``, ``DATE_OF_BIRTH``, ``ID``).

The two splits differ in seed, locales, message shapes and the prose around them: dev (seed 1)
pastes ADT and order messages with ``\\n`` line ends, an 837P subscriber loop, a licence barcode
dump; sealed (seed 2) uses other framings (a Python string with ``\\r`` escapes, ``\\r\\n``
lines, a message inside a JSON value, a 270 eligibility request, a licence with ``DAA`` full
name), other locales, and was scored once, never read, when the recognizer already existed;
sealed2 (seed 3) has yet other framings (a log line with ``\r`` segment ends, an indented block,
a Python list of segments, a CDATA section) and locales, written after that first score and
before the readers were mended for what it showed (see docs/benchmarks.md, Round 41).

hl7apy is needed only to rebuild the files (``pip install --target /tmp/hl7apy_pkg
hl7apy==1.3.5``); it is not a dependency of the SDK.

Usage: ``PYTHONPATH=/tmp/hl7apy_pkg python bench/data/interchange/generate.py``.
"""

from __future__ import annotations

import json
import os
import random
import string
import sys
import unicodedata
from pathlib import Path
from typing import Any

from faker import Faker
from hl7apy.core import Segment

HERE = Path(__file__).resolve().parent
LOCALES = {
    "dev": ["en_US", "es_MX", "vi_VN", "pl_PL", "de_DE", "fil_PH", "pt_BR", "en_IN"],
    "sealed": ["fr_FR", "it_IT", "tr_TR", "nl_NL", "ko_KR", "ro_RO", "es_ES", "en_GB"],
    "sealed2": ["sv_SE", "cs_CZ", "ja_JP", "hu_HU", "id_ID", "pt_PT", "da_DK", "uk_UA"],
}
N_PER_SPLIT = 240


def ascii_upper(s: str) -> str:
    """Capitals without diacritics, as most interfaces send names."""
    return "".join(
        c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c)
    ).upper()


class Person:
    """One Faker person with the fields the formats hold."""

    def __init__(self, fake: Faker, r: random.Random, upper: bool) -> None:
        f = ascii_upper if upper else (lambda s: s)
        self.family = f(fake.last_name().replace(" ", "-"))
        self.given = f(fake.first_name().split()[0])
        self.middle = f(
            r.choice(["", r.choice(string.ascii_uppercase), fake.first_name().split()[0]])
        )
        self.street = f(
            fake.street_address().replace("\n", " ").replace("^", " ").replace("|", " ")
        )
        self.city = f(fake.city())
        self.postcode = fake.postcode().replace(" ", "")
        self.phone = r.choice(
            [
                f"({r.randint(200, 989)}){r.randint(200, 999)}-{r.randint(1000, 9999)}",
                f"{r.randint(200, 989)}{r.randint(200, 999)}{r.randint(1000, 9999)}",
                f"+{r.randint(30, 90)} {r.randint(10, 99)} {r.randint(100000, 9999999)}",
            ]
        )
        self.dob = f"{r.randint(1930, 2020)}{r.randint(1, 12):02d}{r.randint(1, 28):02d}"
        self.mrn = r.choice(
            [
                str(r.randint(10**5, 10**9)),
                "".join(r.choice("ABCDEFGHJKMNPRTVWXY") for _ in range(2))
                + str(r.randint(10**5, 10**7)),
                f"{r.randint(100, 999)}-{r.randint(10, 99)}-{r.randint(1000, 9999)}",
            ]
        )
        self.ssn = f"{r.randint(100, 665)}{r.randint(10, 99)}{r.randint(1000, 9999)}"
        self.plan = r.choice(["XYZ", "W", "MBR", "H"]) + str(r.randint(10**6, 10**10))
        self.account = str(r.randint(10**6, 10**9))
        self.licence = r.choice(string.ascii_uppercase) + str(r.randint(10**6, 10**8))


def label(
    text: str, pairs: list[tuple[str, str]], glued: frozenset[str] = frozenset()
) -> list[dict[str, Any]]:
    """The spans of every occurrence of each (value, type) pair's value in ``text``, as a whole
    word ("JANE" is no name in "JANEIRO"; a type in ``glued`` may follow a letter or digit, as an
    ACH account number follows the routing number); values of one character (an initial, which
    every such letter of the prompt would match) are left."""
    spans: list[dict[str, Any]] = []
    for value, kind in pairs:
        if len(value) < 2:
            continue
        at = text.find(value)
        while at >= 0:
            end = at + len(value)
            before = text[at - 1 : at].isalnum() and kind not in glued
            if not (before or text[end : end + 1].isalnum()):
                spans.append({"start": at, "end": end, "type": kind})
            at = text.find(value, end)
    return spans


def _segment(name: str, values: dict[str, str]) -> str:
    seg = Segment(name, version="2.5")
    for field, value in values.items():
        setattr(seg, field, value)
    return str(seg.to_er7())


def hl7_message(
    p: Person, kin: Person, doc: Person, ins: Person, r: random.Random, *, shape: str
) -> tuple[str, list[tuple[str, str]]]:
    """An HL7 v2.5 message (segments joined by ``\\n``) and its (value, type) pairs."""
    xpn = "^".join(x for x in (p.family, p.given, p.middle) if x)
    segs = [
        f"MSH|^~\\&|{r.choice(['EPIC', 'CERNER', 'MEDITECH', 'LABSYS'])}|{r.choice(['GHH', 'SMH', 'UCLH'])}|RCV|FAC|2026{r.randint(1, 12):02d}{r.randint(1, 28):02d}0930||{shape}|MSG{r.randint(10**4, 10**6)}|P|2.5",
        f"EVN|{shape.split('^')[1]}|2026{r.randint(1, 12):02d}{r.randint(1, 28):02d}0930",
        _segment(
            "PID",
            {
                "patient_identifier_list": f"{p.mrn}^^^HOSP^MR",
                "patient_name": xpn,
                "date_time_of_birth": p.dob,
                "administrative_sex": r.choice("MFU"),
                "patient_address": f"{p.street}^^{p.city}^^{p.postcode}",
                "phone_number_home": p.phone,
                "patient_account_number": p.account,
                "ssn_number_patient": p.ssn,
            },
        ),
    ]
    pairs = [
        (p.family, "PERSON"),
        (p.given, "PERSON"),
        (p.middle, "PERSON"),
        (p.mrn, "ID"),
        (p.ssn, "ID"),
        (p.dob, "DATE_OF_BIRTH"),
        (p.street, "STREET_ADDRESS"),
        (p.city, "CITY"),
        (p.postcode, "POSTCODE"),
        (p.phone, "PHONE_NUMBER"),
        (p.account, "ID"),
    ]
    if r.random() < 0.6:
        seg = Segment("NK1", version="2.5")
        seg.nk1_1 = "1"
        seg.nk1_2 = f"{kin.family}^{kin.given}"
        seg.nk1_3 = r.choice(["SPO^SPOUSE", "MTH^MOTHER", "CHD^CHILD"])
        seg.nk1_5 = kin.phone
        segs.append(str(seg.to_er7()))
        pairs += [(kin.family, "PERSON"), (kin.given, "PERSON"), (kin.phone, "PHONE_NUMBER")]
    segs.append(
        _segment(
            "PV1",
            {
                "patient_class": r.choice("IOE"),
                "attending_doctor": f"{r.randint(1000, 99999)}^{doc.family}^{doc.given}^^^DR",
                "visit_number": p.account,
            },
        )
    )
    pairs += [(doc.family, "PERSON"), (doc.given, "PERSON")]
    if r.random() < 0.5:
        segs.append(
            _segment(
                "IN1",
                {
                    "set_id_in1": "1",
                    "name_of_insured": f"{ins.family}^{ins.given}",
                    "insured_s_date_of_birth": ins.dob,
                    "policy_number": ins.plan,
                },
            )
        )
        pairs += [
            (ins.family, "PERSON"),
            (ins.given, "PERSON"),
            (ins.dob, "DATE_OF_BIRTH"),
            (ins.plan, "ID"),
        ]
    if r.random() < 0.3:
        segs.append(
            _segment(
                "GT1",
                {
                    "set_id_gt1": "1",
                    "guarantor_name": f"{kin.family}^{kin.given}",
                    "guarantor_address": f"{kin.street}^^{kin.city}",
                    "guarantor_ssn": kin.ssn,
                },
            )
        )
        pairs += [
            (kin.family, "PERSON"),
            (kin.given, "PERSON"),
            (kin.street, "STREET_ADDRESS"),
            (kin.city, "CITY"),
            (kin.ssn, "ID"),
        ]
    if shape.startswith(("ORM", "ORU")):
        segs.append(
            _segment(
                "ORC",
                {
                    "order_control": "NW",
                    "ordering_provider": f"{r.randint(1000, 9999)}^{doc.family}^{doc.given}",
                },
            )
        )
        segs.append(
            _segment(
                "OBR",
                {
                    "set_id_obr": "1",
                    "universal_service_identifier": "24323-8^COMP METABOLIC PANEL^LN",
                    "ordering_provider": f"{r.randint(1000, 9999)}^{doc.family}^{doc.given}",
                },
            )
        )
    return "\n".join(segs), [(v, t) for v, t in pairs if v]


def x12_claim(
    p: Person, doc: Person, r: random.Random, kind: str
) -> tuple[str, list[tuple[str, str]]]:
    """An 837P subscriber loop or a 270 request, ``~``-terminated segments, with pairs."""
    if kind == "270":
        segs = [
            "ST*270*0001*005010X279A1",
            "BHT*0022*13*10001234*20260402*1319",
            "HL*1**20*1",
            "NM1*PR*2*ACME HEALTH PLAN*****PI*842610001",
            "HL*2*1*21*1",
            f"NM1*1P*1*{doc.family}*{doc.given}****XX*1{r.randint(10**8, 10**9 - 1)}",
            "HL*3*2*22*0",
            f"NM1*IL*1*{p.family}*{p.given}*{p.middle}***MI*{p.plan}",
            f"DMG*D8*{p.dob}*{r.choice('MF')}",
            "DTP*291*D8*20260402",
            "EQ*30",
            "SE*12*0001",
        ]
    else:
        segs = [
            "HL*2*1*22*0",
            "SBR*P*18*GRP01234******CI",
            f"NM1*IL*1*{p.family}*{p.given}*{p.middle}***MI*{p.plan}",
            f"N3*{p.street}",
            f"N4*{p.city}*{r.choice(['CA', 'NY', 'TX', 'IL'])}*{p.postcode}",
            f"DMG*D8*{p.dob}*{r.choice('MF')}",
            "NM1*PR*2*ACME HEALTH PLAN*****PI*842610001",
            f"CLM*{p.account}*{r.randint(50, 900)}***11:B:1*Y*A*Y*Y",
            f"REF*EA*{p.mrn}",
            f"NM1*82*1*{doc.family}*{doc.given}****XX*1{r.randint(10**8, 10**9 - 1)}",
        ]
    sep = r.choice(["~\n", "~"])
    text = sep.join(segs) + "~"
    pairs = [
        (p.family, "PERSON"),
        (p.given, "PERSON"),
        (p.middle, "PERSON"),
        (p.plan, "ID"),
        (p.dob, "DATE_OF_BIRTH"),
        (doc.family, "PERSON"),
        (doc.given, "PERSON"),
    ]
    if kind != "270":
        pairs += [
            (p.street, "STREET_ADDRESS"),
            (p.city, "CITY"),
            (p.postcode, "POSTCODE"),
            (p.account, "ID"),
            (p.mrn, "ID"),
        ]
    return text, [(v, t) for v, t in pairs if v]


def aamva(p: Person, r: random.Random, full: bool) -> tuple[str, list[tuple[str, str]]]:
    """The text of a licence's PDF417 barcode (AAMVA 2016 element lines)."""
    mmddccyy = p.dob[4:6] + p.dob[6:8] + p.dob[:4]
    lines = [
        "@",
        "",
        f"ANSI 636{r.randint(10, 60):03d}0{r.randint(1, 9)}0002DL00410278ZC03190024DL"
        + f"DAQ{p.licence}",
    ]
    lines += [
        f"DCA{r.choice('CDM')}",
        "DCBNONE",
        "DCDNONE",
        f"DBA{r.randint(1, 12):02d}{r.randint(1, 28):02d}2031",
    ]
    if full:
        lines.append(f"DAA{p.family},{p.given}" + (f",{p.middle}" if p.middle else ""))
    else:
        lines += [f"DCS{p.family}", f"DAC{p.given}", f"DAD{p.middle or 'NONE'}"]
    lines += [
        f"DBD{r.randint(1, 12):02d}{r.randint(1, 28):02d}2023",
        f"DBB{mmddccyy}",
        f"DBC{r.choice('12')}",
        "DAYBRO",
        f"DAG{p.street}",
        f"DAI{p.city}",
        f"DAJ{r.choice(['CA', 'TX', 'NY'])}",
        f"DAK{p.postcode}",
        f"DCF{r.randint(10**9, 10**10)}",
        "DCGUSA",
    ]
    pairs = [
        (p.family, "PERSON"),
        (p.given, "PERSON"),
        (p.licence, "ID"),
        (mmddccyy, "DATE_OF_BIRTH"),
        (p.street, "STREET_ADDRESS"),
        (p.city, "CITY"),
        (p.postcode, "POSTCODE"),
    ]
    if p.middle and len(p.middle) > 1:
        pairs.append((p.middle, "PERSON"))
    return "\n".join(lines), pairs


FRAMES = {
    "dev": [
        "Why does our interface engine reject this message?\n\n{msg}",
        "Can you explain each segment of this HL7 message?\n```\n{msg}\n```",
        "Convert this to FHIR JSON please:\n{msg}\nthanks",
        "{msg}\n\nwhat does each field mean",
    ],
    "sealed": [
        'fix my unit test, the parser returns None:\n\nraw = "{msg_r}"\nparsed = parse(raw)',
        "Our clearinghouse returned an error for this file. Here it is:\r\n{msg_crlf}\r\nWhat is wrong?",
        '{{"channel": "inbound", "payload": "{msg_r}"}}\nwhy is the payload field empty after mapping?',
        "> {msg_quoted}\n\nThe vendor sent the above; is it valid?",
    ],
    "sealed2": [
        "2026-04-02 10:31:22,481 INFO [mllp-in] received: {msg_cr}\n2026-04-02 10:31:22,502 ERROR [mllp-in] NAK sent\nwhy NAK?",
        "Here is the file, indented as our wiki shows it:\n\n    {msg_indented}\n\nsummarise it",
        'segments = ["{msg_list}"]\nmsg = "\\r".join(segments)  # why does the receiver see one segment?',
        "<payload><![CDATA[{msg_cr}]]></payload>\nextract the patient from this envelope",
    ],
}


def build(split: str, seed: int) -> list[dict[str, Any]]:
    r = random.Random(seed)
    fakers = {loc: Faker(loc) for loc in LOCALES[split]}
    for i, f in enumerate(fakers.values()):
        f.seed_instance(seed * 100 + i)
    rows: list[dict[str, Any]] = []
    shapes = (
        ["ADT^A01", "ADT^A04", "ORM^O01"] if split == "dev" else ["ADT^A08", "ORU^R01", "ADT^A03"]
    )
    if split == "sealed2":
        shapes = ["ADT^A28", "ORM^O01", "ADT^A31"]
    for i in range(N_PER_SPLIT):
        loc = LOCALES[split][i % len(LOCALES[split])]
        fake = fakers[loc]
        upper = r.random() < 0.7
        p, kin, doc, ins = (Person(fake, r, upper) for _ in range(4))
        fmt = i % 3
        if fmt == 0:
            msg, pairs = hl7_message(p, kin, doc, ins, r, shape=r.choice(shapes))
        elif fmt == 1:
            msg, pairs = x12_claim(p, doc, r, "837" if split == "dev" else r.choice(["837", "270"]))
        else:
            msg, pairs = aamva(p, r, full=split != "dev" and r.random() < 0.5)
        frame = r.choice(FRAMES[split])
        text = frame.format(
            msg=msg,
            msg_r=msg.replace("\n", "\\r"),
            msg_crlf=msg.replace("\n", "\r\n"),
            msg_quoted=msg.replace("\n", "\n> "),
            msg_cr=msg.replace("\n", "\r"),
            msg_indented=msg.replace("\n", "\n    "),
            msg_list=msg.replace("\n", '", "'),
        )
        spans = label(text, pairs)
        rows.append(
            {
                "id": f"ic-{split}-{i:03d}",
                "case": "as-is",
                "format": ("hl7", "x12", "aamva")[fmt],
                "locale": loc,
                "text": text,
                "spans": spans,
            }
        )
    return rows


def main() -> None:
    """Write the three splits (in a fresh interpreter with ``PYTHONHASHSEED=0``: some of
    Faker's locales pick from sets, whose order follows the string hash)."""
    if os.environ.get("PYTHONHASHSEED") != "0":
        env = {**os.environ, "PYTHONHASHSEED": "0"}
        os.execve(sys.executable, [sys.executable, *sys.argv], env)  # noqa: S606
    for split, seed in (("sealed2", 3), ("sealed", 2), ("dev", 1)):
        rows = build(split, seed)
        with (HERE / f"{split}.jsonl").open("w", encoding="utf-8") as fh:
            for row in rows:
                fh.write(json.dumps(row, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
