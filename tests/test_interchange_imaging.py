"""Persons in DICOM headers and FHIR resources, read by the formats' own labels. Written for
this file; the values are made up."""

from __future__ import annotations

import json

import pytest

from hybridllm import classify, redact
from hybridllm.classifiers.interchange import InterchangeRecognizer

DCMDUMP = (
    "(0008,0020) DA [20260114]                       #  8, 1 StudyDate\n"
    "(0008,0060) CS [CT]                             #  2, 1 Modality\n"
    "(0008,0090) PN [OKAFOR^CHIOMA]                  # 14, 1 ReferringPhysicianName\n"
    "(0010,0010) PN [VAN DER BERG^PIETER^J]          # 22, 1 PatientName\n"
    "(0010,0020) LO [MRN44812]                       #  8, 1 PatientID\n"
    "(0010,0030) DA [19580302]                       #  8, 1 PatientBirthDate\n"
    "why does the PACS reject this?"
)
PYDICOM = (
    "(0010,0010) Patient's Name                      PN: 'NGUYEN^THI^HOA'\n"
    "(0010,0020) Patient ID                          LO: 'A7734102'\n"
    "(0010,0030) Patient's Birth Date                DA: '19640817'\n"
    "(0008,0060) Modality                            CS: 'MR'"
)
DICOM_JSON = json.dumps(
    {
        "00100010": {"vr": "PN", "Value": [{"Alphabetic": "KLEMT^MARGOT"}]},
        "00100020": {"vr": "LO", "Value": ["78911100"]},
        "00080060": {"vr": "CS", "Value": ["CT"]},
    }
)
FHIR = json.dumps(
    {
        "resourceType": "Patient",
        "identifier": [{"system": "http://hospital.example/mrn", "value": "MRN-7788"}],
        "name": [{"family": "Oyelaran", "given": ["Temitope", "Ade"]}],
        "telecom": [{"system": "phone", "value": "+234 803 555 0101"}],
        "gender": "female",
        "birthDate": "1974-12-25",
        "address": [{"line": ["12 Awolowo Road"], "city": "Lagos", "postalCode": "101233"}],
    },
    indent=2,
)


def _found(text: str) -> dict[str, str]:
    return {text[f.start : f.end]: f.entity_type for f in classify(text).findings}


@pytest.mark.parametrize(
    ("text", "names", "mrn", "dob"),
    [
        (DCMDUMP, ("VAN DER BERG", "PIETER", "OKAFOR", "CHIOMA"), "MRN44812", "19580302"),
        (PYDICOM, ("NGUYEN", "THI", "HOA"), "A7734102", "19640817"),
        (DICOM_JSON, ("KLEMT", "MARGOT"), "78911100", None),
    ],
)
def test_dicom_renderings(text: str, names: tuple[str, ...], mrn: str, dob: str | None) -> None:
    found = _found(text)
    for name in names:
        assert found.get(name) == "PERSON", name
    assert found.get(mrn) == "MEDICAL_RECORD_NUMBER"
    if dob is not None:
        assert found.get(dob) == "DATE_OF_BIRTH"
    assert not {"CT", "MR"} & set(found)  # a modality is no identifier


def test_dicom_keywords_in_a_log() -> None:
    text = "2026-03-02 INFO C-STORE PatientName=ABEBE^TIRUNESH PatientID=PX-55120 ok"
    out = redact(text).text
    for value in ("ABEBE", "TIRUNESH", "PX-55120"):
        assert value not in out, out


@pytest.mark.parametrize(
    "text",
    [
        "ds.PatientName = patient_name\nds.PatientID = new_id",
        "PatientID: see the table below",
        '{"font": {"family": "Inter", "weight": 400}}',
        "(0008,0060) CS [CT]  # Modality",
    ],
)
def test_code_and_other_json_are_not_findings(text: str) -> None:
    assert InterchangeRecognizer().find(text) == []


def test_fhir_patient() -> None:
    found = _found(FHIR)
    for name in ("Oyelaran", "Temitope", "Ade"):
        assert found.get(name) == "PERSON", name
    assert found.get("MRN-7788") == "MEDICAL_RECORD_NUMBER"
    assert found.get("1974-12-25") == "DATE_OF_BIRTH"
    assert found.get("12 Awolowo Road") == "STREET_ADDRESS"
    assert found.get("+234 803 555 0101") == "PHONE_NUMBER"
    assert "female" not in found


def test_fhir_names_in_capitals_without_resource_type() -> None:
    text = '{"name": [{"family": "BUI", "given": ["THI", "LAN"]}]}'
    out = redact(text)
    for value in ("BUI", "THI", "LAN"):
        assert f'"{value}"' not in out.text, out.text
    assert out.restore(out.text) == text
