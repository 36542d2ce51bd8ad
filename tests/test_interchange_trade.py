"""Persons in UN/EDIFACT segments and NACHA ACH entries. Written for this file from the two
standards' layouts; the values are made up."""

from __future__ import annotations

import json

import pytest

from hybridllm import redact
from hybridllm.classifiers.interchange import InterchangeRecognizer

INVOIC = (
    "UNB+UNOC:3+5412345678908:14+8798765432106:14+261203:1200+778'\n"
    "UNH+117+INVOIC:D:96A:UN'\n"
    "BGM+380+342459+9'\n"
    "NAD+IV+++NWACHUKWU:ADAEZE+PLOT 7 ADEOLA ODEKU STREET+LAGOS++101241+NG'\n"
    "NAD+SU+4012345000009::9++NORDWIND HANDEL GMBH+HAFENSTRASSE 3+HAMBURG++20457+DE'\n"
    "CTA+IC+:Vasiliki Stathopoulou'\n"
    "COM+0030 210 555 0147:TE'\n"
    "COM+v.stathopoulou@example.com:EM'\n"
    "UNT+8+117'"
)


def _found(text: str) -> dict[str, str]:
    return {text[f.start : f.end]: f.entity_type for f in InterchangeRecognizer().find(text)}


def test_edifact_invoice_parties() -> None:
    found = _found(INVOIC)
    assert found["NWACHUKWU"] == "PERSON"
    assert found["ADAEZE"] == "PERSON"
    assert found["PLOT 7 ADEOLA ODEKU STREET"] == "STREET_ADDRESS"
    assert found["101241"] == "ZIP_CODE"
    assert found["Vasiliki Stathopoulou"] == "PERSON"
    assert found["0030 210 555 0147"] == "PHONE_NUMBER"
    assert found["v.stathopoulou@example.com"] == "EMAIL_ADDRESS"
    # a supplier whose name has a legal form is an organisation: its name and address stay
    assert not {"NORDWIND HANDEL GMBH", "HAFENSTRASSE 3", "20457"} & found.keys()
    assert "NWACHUKWU" not in redact(INVOIC).text


def test_paxlst_traveller_and_release_character() -> None:
    text = (
        "UNH+1+PAXLST:D:02B:UN:IATA'NAD+FL+++O?'SULLIVAN:MAIREAD:ROISIN+12 QUAY ST+GALWAY'"
        "ATT+2++F'DTM+329:860214'DOC+P:110:111+PA1234567'UNT+6+1'"
    )
    found = _found(text)
    assert found["O?'SULLIVAN"] == "PERSON"  # the released quote does not end the segment
    assert found["MAIREAD"] == "PERSON"
    assert found["860214"] == "DATE_OF_BIRTH"
    assert found["PA1234567"] == "OTHER_ID"


def test_una_declares_other_separators() -> None:
    text = "UNA:*.? ~UNB*UNOC:3*SENDER*RECEIVER~UNH*9*ORDERS:D:96A:UN~NAD*DP***VIRTANEN:AINO~"
    found = _found(text)
    assert found["VIRTANEN"] == "PERSON"
    assert found["AINO"] == "PERSON"


def test_lone_qualified_nad_without_envelope() -> None:
    assert _found("why is this rejected?\nNAD+BY+++KOWALCZYK MAREK+UL. DLUGA 12'") == {
        "KOWALCZYK MAREK": "PERSON",
        "UL. DLUGA 12": "STREET_ADDRESS",
    }


@pytest.mark.parametrize(
    "text",
    [
        "Plug it into COM+ and DOC: see the README.",
        "the NAD+ ratio and DTM+329 are unrelated here",
        "Set COM+1 in the config, then run DOC+build.",
    ],
)
def test_prose_with_tags_stays(text: str) -> None:
    assert _found(text) == {}


def _batch(sec: str) -> str:
    """A batch header record of entry class ``sec``."""
    return f"5220{'ACME CORP':<16}{'':20}1234567890{sec}PAYROLL   261203261203   1091000010000001"


def _entry(tc: str, account: str, a: str, b: str, trace: int) -> str:
    return f"6{tc}09100001{9}{account:<17}{'0000125000'}{a:<15}{b:<22}  0{trace:015d}"


PPD = "\n".join(
    [
        "101 091000019 0910000191612031200A094101WELLS FARGO            ACME CORP              ",
        _batch("PPD"),
        _entry("22", "12345678901234", "EMP0001", "OLUWASEUN BABATUNDE", 91000010000001),
        _entry("32", "5556667778", "123456789", "ΠΑΠΑΔΟΠΟΥΛΟΥ ΑΙΚΑΤΕΡΙΝΗ"[:22], 91000010000002),
    ]
)


def test_nacha_ppd_entries() -> None:
    found = _found(PPD)
    assert found["12345678901234"] == "ACCOUNT_NUMBER"
    assert found["EMP0001"] == "ACCOUNT_NUMBER"
    assert found["OLUWASEUN BABATUNDE"] == "PERSON"
    assert found["ΠΑΠΑΔΟΠΟΥΛΟΥ ΑΙΚΑΤΕΡΙΝ"] == "PERSON"  # not ASCII, as systems send it
    assert "ACME CORP" not in found
    # the same file pasted as a JSON string: lines joined by "\n" escapes
    assert _found(json.dumps(PPD, ensure_ascii=False))["OLUWASEUN BABATUNDE"] == "PERSON"


def test_nacha_layout_follows_the_entry_class() -> None:
    cie = "\n".join([_batch("CIE"), _entry("22", "778899", "MBEKI THANDIWE", "CUST-4471", 1)])
    found = _found(cie)
    assert found["MBEKI THANDIWE"] == "PERSON"
    assert found["CUST-4471"] == "ACCOUNT_NUMBER"
    ccd = "\n".join([_batch("CCD"), _entry("22", "778899", "V-1009", "NORTHWIND SUPPLY INC", 2)])
    found = _found(ccd)
    assert "NORTHWIND SUPPLY INC" not in found  # a company receives a CCD entry
    assert found["778899"] == "ACCOUNT_NUMBER"


def test_nacha_entry_must_open_a_line() -> None:
    line = _entry("22", "12345678901234", "EMP0001", "OLUWASEUN BABATUNDE", 1)
    assert _found("checksum 9" + line) == {}
