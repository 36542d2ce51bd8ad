"""Names that documents print in capitals (hybridllm.classifiers.name_caps and name_upper):
machine-readable zones, airline ``SURNAME/GIVEN MR`` forms, labelled form fields, letters past
Latin-1, a title or a family-name-first line; capitalised headings, acronyms, products and
type names stay. Real classifier. Written for this file."""

from __future__ import annotations

import pytest

from hybridllm.classifiers import get_classifier


def people(text: str) -> set[str]:
    c = get_classifier().classify(text)
    return {text[f.start : f.end] for f in c.findings if f.entity_type == "PERSON"}


@pytest.mark.parametrize(
    ("text", "name"),
    [
        (
            "Parse this MRZ:\nP<POLKOWALSKA<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<<\n"
            "EC12345674POL8503124F3107142<<<<<<<<<<<<<<06",
            "KOWALSKA<<ANNA<MARIA",
        ),
        (
            "back of my id:\nIDNLD1234567897<<<<<<<<<<<<<<<\n8503124F3205173NLD<<<<<<<<<<<6\n"
            "PACHOLIK<<ANTONI<<<<<<<<<<<<<<",
            "PACHOLIK<<ANTONI",
        ),
        (
            "barcode: M1LORCH/REINER MR     EANXGPZ FRAWAWLH 1354 077Y025C0041 147>1181",
            "LORCH/REINER",
        ),
        (
            "BOARDING PASS\nNAME OF PASSENGER\nKNAPPE/SILKE MRS\nFROM MUNICH",
            "KNAPPE/SILKE",
        ),
        ("SURNAME: TLUSTEK\nGIVEN NAMES: MARLIESE\nSEX: F", "MARLIESE"),
        ("Translate this form:\n\nNAME: FAUST THILO\nDATE OF BIRTH: 750912", "FAUST THILO"),
        ("Regards,\n\nNAZİMET AKGÜNEŞ\nHEAD OF PROCUREMENT", "NAZİMET AKGÜNEŞ"),
        ("Is this right?\n\nMR VŨ KHOA\n33/134 KHU 61\nĐÀ NẴNG", "VŨ KHOA"),
        ("Improve my CV:\n\nHORVÁTH RICHÁRD\nSenior Data Engineer", "HORVÁTH RICHÁRD"),
        ("Is this right?\n\nMRS CRISTIAN NARVÁEZ ALBA\nCALLE 5 # 12", "CRISTIAN NARVÁEZ ALBA"),
        ("Thanks,\n\nMARIA DUQUE NARANJO\nSALES", "MARIA DUQUE NARANJO"),
    ],
)
def test_a_name_a_document_prints_in_capitals_is_found(text: str, name: str) -> None:
    assert name in people(text)


@pytest.mark.parametrize(
    "text",
    [
        "NAME: STRING\nAGE: INT",
        "name: MAIN\non: push",
        "Student: GRADE A",
        "RECIPIENT: ALL STAFF",
        "SHIP TO: ACME LOGISTICS GMBH",
        "I have an ARDUINO UNO WiFi REV2 to use for this project.",
        "Explain TCP/IP and UDP/IP",
        "Best AC/DC songs?",
        "MS WORD vs GOOGLE DOCS",
        "DR PEPPER or COKE?",
        "MRS BROWN'S BOYS is on tonight",
        "std::cout<<X<<Y;",
        "TABLE OF CONTENTS\nCHAPTER ONE",
    ],
)
def test_capitals_that_name_nobody_stay(text: str) -> None:
    assert not people(text)
