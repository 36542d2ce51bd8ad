# ruff: noqa: E501
"""Templates of the SEALED split of ``names_caps`` (written before any dev template and before
any rule was tuned; never tune on them). Each is a function of a person ``p`` (see ``build.py``)
and a random generator ``r`` returning segments: text, or ``(text, "PERSON")`` for a name.

Shapes (all in capitals, as the documents print them): ICAO 9303 TD2 identity card and MRV-A
visa machine-readable zones, an airline PNR display (``1.1SURNAME/GIVEN MR``) and an e-ticket
receipt, a SWIFT MT103 confirmation (field 50K/59 names) and a statement line with the payee
surname first, a CV with a degree after the name, a sender and addressee block, a customs
declaration (CN23), an application form ``(LAST, FIRST)``, a printed-name line under a
signature, a card's name field.
"""

from __future__ import annotations

import random
from typing import Any

Seg = str | tuple[str, str]


def td2(p: Any, r: random.Random) -> list[Seg]:
    name = p.mrz_name(31)
    l1 = "I<" + p.cc3 + name
    l1 += "<" * (36 - len(l1))
    l2 = f"{r.randint(10**8, 10**9 - 1)}<{r.randint(0, 9)}{p.cc3}{p.dob6}{r.randint(0, 9)}{p.sex}3{r.randint(10**5, 10**6 - 1)}<<<<<<<{r.randint(0, 9)}"
    return [
        "The OCR of the ID card below has a few errors, can you fix the check digits?\n\n",
        l1[:5],
        (l1[5 : 5 + len(name)], "PERSON"),
        l1[5 + len(name) :],
        "\n",
        l2[:36],
    ]


def mrva(p: Any, r: random.Random) -> list[Seg]:
    name = p.mrz_name(39)
    l1 = "V<" + p.cc3 + name
    l1 += "<" * (44 - len(l1))
    l2 = f"L{r.randint(10**7, 10**8 - 1)}<{r.randint(0, 9)}{p.cc3}{p.dob6}{r.randint(0, 9)}{p.sex}2812311<<<<<<<<<<<<<<<<"
    return [
        "Visa sticker machine zone from my application, which field is the expiry date?\n",
        l1[:5],
        (l1[5 : 5 + len(name)], "PERSON"),
        l1[5 + len(name) :],
        "\n",
        l2[:44],
    ]


def pnr(p: Any, r: random.Random) -> list[Seg]:
    loc = "".join(r.choice("ABCDEFGHJKLMNPQRSTUVWXYZ23456789") for _ in range(6))
    return [
        f"Our agent sent this Amadeus display, what does HK1 mean?\n\nRP/WAWLO28AA/WAWLO28AA  AA/SU  12MAR26/0915Z   {loc}\n  1.",
        (p.bcbp_name(), "PERSON"),
        f" {p.title_bcbp}\n  2  LH1355 Y 18APR 6 FRAWAW HK1  1005 1135  *1A/E*\n  3 AP WAW 48 22 555 01 00 - A\n  4 TK OK12MAR/WAWLO28AA",
    ]


def eticket(p: Any, r: random.Random) -> list[Seg]:
    return [
        "ELECTRONIC TICKET RECEIPT\n\nPASSENGER NAME: ",
        (p.bcbp_name(), "PERSON"),
        f" {p.title_bcbp}\n",
        f"TICKET NUMBER: 220 {r.randint(10**9, 10**10 - 1)}\nBOOKING REFERENCE: {r.randint(100000, 999999)}\n",
        "ISSUED BY: LUFTHANSA\n\nCan I change the date of this ticket online?",
    ]


def mt103(p: Any, r: random.Random) -> list[Seg]:
    q = p.other
    return [
        "Check this payment confirmation, the money never arrived:\n\n",
        "MESSAGE TYPE: 103 SINGLE CUSTOMER CREDIT TRANSFER\n32A VALUE DATE/CURRENCY/AMOUNT: 260314EUR1250,00\n",
        f"50K ORDERING CUSTOMER: /{p.iban}\n",
        (q.swift_name(), "PERSON"),
        f"\n{q.swift_street()}\n",
        f"59 BENEFICIARY CUSTOMER: /{p.iban2}\n",
        (p.swift_name(), "PERSON"),
        f"\n{p.swift_street()}\n",
        "71A DETAILS OF CHARGES: SHA",
    ]


def statement(p: Any, r: random.Random) -> list[Seg]:
    return [
        f"What is this outgoing payment on my statement?\n\n14.03  SEPA OVERBOOKING  -{r.randint(20, 900)},00 EUR  TRF TO ",
        (p.surname_first(), "PERSON"),
        f" REF RENT MARCH {r.randint(1, 99)}",
    ]


def cv_degree(p: Any, r: random.Random) -> list[Seg]:
    deg = r.choice(["MSC", "PHD", "MBA", "BSC"])
    return [
        "Rewrite the top of my resume so it looks modern:\n\n",
        (p.full_upper(), "PERSON"),
        f", {deg}\nPROJECT MANAGER - LOGISTICS\n{p.city_upper}  |  {p.phone}\n\nPROFESSIONAL EXPERIENCE\n2019-2025  DHL SUPPLY CHAIN",
    ]


def sender_addressee(p: Any, r: random.Random) -> list[Seg]:
    q = p.other
    return [
        "I'm sending a parcel abroad, is this layout OK?\n\nFROM:\n",
        (q.full_upper(), "PERSON"),
        f"\n{q.street_upper}\n{q.city_upper}\n\nTO:\n{p.title_upper} ",
        (p.full_upper(), "PERSON"),
        f"\n{p.street_upper}\n{p.postcode} {p.city_upper}\n{p.country_upper}",
    ]


def cn23(p: Any, r: random.Random) -> list[Seg]:
    return [
        "CUSTOMS DECLARATION CN 23\nFROM  NAME: ",
        (p.other.full_upper(), "PERSON"),
        "\nTO  NAME: ",
        (p.full_upper(), "PERSON"),
        f"\nDETAILED DESCRIPTION OF CONTENTS: BOOKS, 2 PCS\nVALUE: {r.randint(10, 90)} EUR\n\nWhich HS code do I write for books?",
    ]


def app_form(p: Any, r: random.Random) -> list[Seg]:
    return [
        "Fill the rest of this form in English for me:\n\nAPPLICANT (LAST, FIRST): ",
        (f"{p.surname_upper}, {p.given_upper}", "PERSON"),
        "\nNATIONALITY: \nPURPOSE OF VISIT: \nDURATION OF STAY:",
    ]


def printed_sig(p: Any, r: random.Random) -> list[Seg]:
    return [
        "Turn this into a formal letter of consent:\n\nI agree to the terms above.\n\nSIGNATURE: ______________\nPRINT NAME: ",
        (p.full_upper(), "PERSON"),
        f"\nDATE: {r.randint(1, 28)}/0{r.randint(1, 9)}/2026",
    ]


def card(p: Any, r: random.Random) -> list[Seg]:
    return [
        "The bank card says\n\n4921 **** **** 0417   VALID THRU 09/29\n",
        (p.full_upper(), "PERSON"),
        "\n\nbut the online form only accepts 20 letters. What do I type?",
    ]


TEMPLATES = [
    td2,
    mrva,
    pnr,
    eticket,
    mt103,
    statement,
    cv_degree,
    sender_addressee,
    cn23,
    app_form,
    printed_sig,
    card,
]
