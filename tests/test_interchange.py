"""Persons in HL7 v2, ANSI X12 and AAMVA text, read by each standard's field map. Written for
this file; the values are made up."""

from __future__ import annotations

import pytest

from hybridllm import classify, redact
from hybridllm.classifiers.interchange import InterchangeRecognizer

HL7 = (
    "MSH|^~\\&|EPIC|HOSP|LAB|HOSP|202601011200||ADT^A01|MSG00001|P|2.5\n"
    "PID|1||4455667^^^HOSP^MR||KOWALCZYK^MAREK^JANUSZ||19700312|M|||"
    "ul. Lipowa 12^^Lublin^^20-001^PL||(081)555-1234|||||88123|123-45-6789\n"
    "NK1|1|KOWALCZYK^ANNA|SPO^SPOUSE||+48 81 555 9876\n"
    "PV1|1|I|2000^2012^01||||004777^CASTRO^FRANK^J.|||SUR\n"
    "IN1|1|||||||||||||||TRZASKA^ZOFIA||19720101||||||||||||||||||POL99887766\n"
    "why is this message rejected?"
)
X12 = (
    "NM1*IL*1*TRAN*MINH*QUOC***MI*W123456789~\n"
    "N3*412 ELM ST~\n"
    "N4*SPRINGFIELD*IL*62701~\n"
    "DMG*D8*19650214*M~\n"
    "NM1*PR*2*BLUE CROSS BLUE SHIELD*****PI*12345~\n"
    "NM1*82*1*OYELARAN*TEMITOPE****XX*1234567893~\n"
    "PER*IC*DELPHINE ARCENEAUX*TE*2175550143*EM*d.arceneaux@clinic.example~\n"
    "why is this 837 rejected?"
)
AAMVA = (
    "@\n\nANSI 636014040002DL00410278ZC03190024DLDAQY1234567\n"
    "DCSOKONKWO\nDACCHIDINMA\nDADNKEM\nDBB04121988\nDAG2134 PINE AVE\nDAISACRAMENTO\n"
    "DAK958230000\ndecode my license barcode"
)


def _found(text: str) -> dict[str, str]:
    """value -> entity type of every finding of the classifier."""
    return {text[f.start : f.end]: f.entity_type for f in classify(text).findings}


@pytest.mark.parametrize(
    ("value", "entity"),
    [
        ("KOWALCZYK", "PERSON"),
        ("MAREK", "PERSON"),
        ("JANUSZ", "PERSON"),
        ("ANNA", "PERSON"),
        ("CASTRO", "PERSON"),
        ("TRZASKA", "PERSON"),
        ("ZOFIA", "PERSON"),
        ("4455667", "MEDICAL_RECORD_NUMBER"),
        ("19700312", "DATE_OF_BIRTH"),
        ("ul. Lipowa 12", "STREET_ADDRESS"),
        ("(081)555-1234", "PHONE_NUMBER"),
        ("+48 81 555 9876", "PHONE_NUMBER"),
        ("123-45-6789", "US_SSN"),
        ("POL99887766", "HEALTH_PLAN_ID"),
    ],
)
def test_hl7_fields_are_read_by_position(value: str, entity: str) -> None:
    assert _found(HL7).get(value) == entity


def test_hl7_codes_and_facilities_are_not_findings() -> None:
    values = set(_found(HL7))
    assert not values & {"EPIC", "HOSP", "ADT", "A01", "MSG00001", "SPO", "SPOUSE", "SUR", "MR"}


@pytest.mark.parametrize(
    "text",
    [
        # segments ended by carriage returns only, as HL7 sends them
        "MSH|^~\\&|A|B|C|D|2026||ADT^A08|1|P|2.5\rPID|1||778899^^^H^MR||NAKASHIMA^REIKO||19551010|F",
        # pasted from code: string literals with \r escapes
        'm = "MSH|^~\\\\&|A|B\\r" + "PID|1||778899^^^H^MR||NAKASHIMA^REIKO||19551010|F\\r";',
        # a Python list of segment strings
        'segs = ["MSH|^~\\\\&|A|B", "PID|1||778899^^^H^MR||NAKASHIMA^REIKO||19551010|F"]',
        # quoted in a reply
        "> PID|1||778899^^^H^MR||NAKASHIMA^REIKO||19551010|F\n\nis this valid?",
    ],
)
def test_hl7_framings(text: str) -> None:
    out = redact(text)
    for value in ("NAKASHIMA", "REIKO", "778899", "19551010"):
        assert value not in out.text, out.text
    assert out.restore(out.text) == text


def test_x12_persons_not_organisations() -> None:
    found = _found(X12)
    for value in ("TRAN", "MINH", "QUOC", "OYELARAN", "TEMITOPE", "DELPHINE ARCENEAUX"):
        assert found.get(value) == "PERSON", value
    assert found.get("W123456789") == "HEALTH_PLAN_ID"
    assert found.get("412 ELM ST") == "STREET_ADDRESS"
    assert found.get("19650214") == "DATE_OF_BIRTH"
    assert found.get("2175550143") == "PHONE_NUMBER"
    assert "BLUE CROSS BLUE SHIELD" not in found
    assert "1234567893" not in found  # a provider's NPI is public


def test_x12_in_one_line_with_escapes() -> None:
    text = 'raw = "NM1*QC*1*VARGA*ILDIKO~\\rDMG*D8*19811224*F~\\rN3*KOSSUTH UTCA 22~"'
    out = redact(text).text
    for value in ("VARGA", "ILDIKO", "19811224", "KOSSUTH UTCA 22"):
        assert value not in out, out


def test_aamva_barcode_text() -> None:
    found = _found(AAMVA)
    for value in ("OKONKWO", "CHIDINMA", "NKEM"):
        assert found.get(value) == "PERSON", value
    assert found.get("Y1234567") == "US_DRIVER_LICENSE"
    assert found.get("04121988") == "DATE_OF_BIRTH"
    assert found.get("2134 PINE AVE") == "STREET_ADDRESS"


@pytest.mark.parametrize(
    "text",
    [
        "Columns: PID|PPID|CMD from ps, and NM1 is the first name segment in X12.",
        'breeds = ["DACHSHUND", "DAISY", "DADA", "DCS"]',
        "DCS-800 controller\nDAC output\nDAD jokes\nDBB level",
        "The PV1 segment holds the visit; PID holds the patient.",
    ],
)
def test_mentions_of_the_formats_are_not_findings(text: str) -> None:
    assert InterchangeRecognizer().find(text) == []


def test_a_text_without_segments_costs_no_findings() -> None:
    assert InterchangeRecognizer().find("Ask Maria Lopez about the invoice.") == []


def test_a_segment_in_a_string_literal_ends_with_its_quote() -> None:
    text = 'segs = ["PID|1||111222^^^H^MR||OKORO^ADA", "NK1|1|NWOSU^EMEKA|SPO"]'
    found = {text[f.start : f.end]: f.entity_type for f in InterchangeRecognizer().find(text)}
    assert found == {
        "111222": "MEDICAL_RECORD_NUMBER",
        "OKORO": "PERSON",
        "ADA": "PERSON",
        "NWOSU": "PERSON",
        "EMEKA": "PERSON",
    }
