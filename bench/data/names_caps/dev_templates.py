# ruff: noqa: E501
"""Templates of the dev split of ``names_caps`` (see ``sealed_templates.py`` for the segment
format). Shapes: ICAO 9303 TD3 passport and TD1 identity card MRZ, a raw IATA BCBP string and a
printed boarding pass, SWIFT MT103 fields 50K/59 and a SEPA statement line, a CV header, an
envelope address block, a ``NAME: SURNAME GIVEN`` form and a ``SURNAME:/GIVEN NAMES:`` form, a
signature block with a job title, a shipping label, a card's holder line.
"""

from __future__ import annotations

import random
from typing import Any

Seg = str | tuple[str, str]


def td3(p: Any, r: random.Random) -> list[Seg]:
    name = p.mrz_name(39)
    l1 = "P<" + p.cc3 + name
    l1 += "<" * (44 - len(l1))
    l2 = f"{r.randint(10**8, 10**9 - 1)}{r.randint(0, 9)}{p.cc3}{p.dob6}{r.randint(0, 9)}{p.sex}3107142<<<<<<<<<<<<<<0{r.randint(0, 9)}"
    return [
        "Parse this passport MRZ and return JSON:\n\n",
        l1[:5],
        (l1[5 : 5 + len(name)], "PERSON"),
        l1[5 + len(name) :],
        "\n",
        l2[:44],
    ]


def td1(p: Any, r: random.Random) -> list[Seg]:
    name = p.mrz_name(30)
    l1 = f"ID{p.cc3}{r.randint(10**8, 10**9 - 1)}{r.randint(0, 9)}<<<<<<<<<<<<<<<"[:30]
    l2 = f"{p.dob6}{r.randint(0, 9)}{p.sex}3205173{p.cc3}<<<<<<<<<<<{r.randint(0, 9)}"[:30]
    l3 = name + "<" * (30 - len(name))
    return [
        "back of the ID card:\n",
        l1,
        "\n",
        l2,
        "\n",
        (name, "PERSON"),
        l3[len(name) :],
        "\nwhat's the document number?",
    ]


def bcbp_raw(p: Any, r: random.Random) -> list[Seg]:
    shown = p.bcbp_name()[:18]
    pad = (shown + " " + p.title_bcbp)[:20].ljust(20)  # the 20-character name field
    loc = "".join(r.choice("ABCDEFGHJKLMNPQRSTUVWXYZ") for _ in range(6))
    return [
        "I scanned my boarding pass barcode and got this string, which seat am I in?\n\nM1",
        (shown, "PERSON"),
        pad[len(shown) :],
        f"E{loc} FRAWAWLH 1354 077Y025C0041 147>1181  6077BLH 2A22012345678900",
    ]


def boarding(p: Any, r: random.Random) -> list[Seg]:
    return [
        "BOARDING PASS\nNAME OF PASSENGER\n",
        (p.bcbp_name(), "PERSON"),
        f" {p.title_bcbp}\nFROM MUNICH\nTO LISBON\nFLIGHT TP 555   SEAT {r.randint(1, 40)}C   GATE G{r.randint(1, 60)}\n",
        "BOARDING TIME 14:25\n\nCan I still bring a second bag with this fare?",
    ]


def mt103_fields(p: Any, r: random.Random) -> list[Seg]:
    q = p.other
    return [
        "Explain each field of this MT103:\n\n:20:REF",
        f"{r.randint(10**6, 10**7 - 1)}\n:23B:CRED\n:32A:260402EUR980,00\n",
        f":50K:/{q.iban}\n",
        (q.swift_name(), "PERSON"),
        f"\n{q.swift_street()}\n:59:/{p.iban2}\n",
        (p.swift_name(), "PERSON"),
        f"\n{p.swift_street()}\n:70:INVOICE {r.randint(100, 999)}\n:71A:OUR",
    ]


def sepa_line(p: Any, r: random.Random) -> list[Seg]:
    return [
        "02.04.2026 SEPA CREDIT TRANSFER BENEFICIARY: ",
        (p.full_upper(), "PERSON"),
        f" IBAN {p.iban2} EUR -{r.randint(10, 999)},00\n\nhow do i recall this transfer, wrong amount",
    ]


def cv_header(p: Any, r: random.Random) -> list[Seg]:
    return [
        "Can you improve the layout of my CV?\n\n",
        (p.full_upper(), "PERSON"),
        f"\nSenior Data Engineer\n{p.phone} | linkedin.com/in/profile\n\nSUMMARY\nEight years of building data platforms.\n\nEXPERIENCE\nSAP SE, Walldorf",
    ]


def envelope(p: Any, r: random.Random) -> list[Seg]:
    return [
        "Is this address written correctly for international mail?\n\n",
        f"{p.title_upper} ",
        (p.full_upper(), "PERSON"),
        f"\n{p.street_upper}\n{p.postcode} {p.city_upper}\n{p.country_upper}",
    ]


def name_form(p: Any, r: random.Random) -> list[Seg]:
    return [
        "Translate this form into Spanish:\n\nNAME: ",
        (p.surname_first(), "PERSON"),
        f"\nDATE OF BIRTH: {p.dob6}\nPLACE OF BIRTH: {p.city_upper}\nOCCUPATION: TEACHER",
    ]


def split_form(p: Any, r: random.Random) -> list[Seg]:
    return [
        "SURNAME: ",
        (p.surname_upper, "PERSON"),
        "\nGIVEN NAMES: ",
        (p.given_upper, "PERSON"),
        f"\nSEX: {p.sex}\nNATIONALITY: {p.country_upper}\n\nis the order of the names right for a visa application?",
    ]


def signature(p: Any, r: random.Random) -> list[Seg]:
    return [
        "Please make this email sound more polite:\n\nwe need the invoices by friday or we stop the order.\n\nRegards,\n\n",
        (p.full_upper(), "PERSON"),
        "\nHEAD OF PROCUREMENT\nACME LOGISTICS GMBH",
    ]


def ship_label(p: Any, r: random.Random) -> list[Seg]:
    return [
        "SHIP TO:\n",
        (p.full_upper(), "PERSON"),
        f"\n{p.street_upper}\n{p.postcode} {p.city_upper}\n",
        f"WEIGHT: {r.randint(1, 20)} KG\nTRACKING: 1Z{r.randint(10**9, 10**10 - 1)}\n\nWhy is the label rejected by the carrier?",
    ]


def holder(p: Any, r: random.Random) -> list[Seg]:
    return [
        "Card holder: ",
        (p.full_upper(), "PERSON"),
        "\nExpiry 11/28\nCVV on the back\n\nis it safe to share these for a hotel booking?",
    ]


TEMPLATES = [
    td3,
    td1,
    bcbp_raw,
    boarding,
    mt103_fields,
    sepa_line,
    cv_header,
    envelope,
    name_form,
    split_form,
    signature,
    ship_label,
    holder,
]
