"""Persons in XML elements named for them (ISO 20022, CDA, ordinary XML). Written for this
file; the values are made up."""

from __future__ import annotations

import pytest

from hybridllm import redact
from hybridllm.classifiers.interchange import InterchangeRecognizer

PAIN001 = (
    "<CdtTrfTxInf><Amt><InstdAmt Ccy='EUR'>980.00</InstdAmt></Amt>"
    "<Cdtr><Nm>IONESCU VLAD RADU</Nm><PstlAdr><StrtNm>STRADA LIPSCANI</StrtNm>"
    "<PstCd>030031</PstCd><TwnNm>BUCURESTI</TwnNm></PstlAdr></Cdtr></CdtTrfTxInf>\n"
    "why was this credit transfer rejected?"
)


def _found(text: str) -> dict[str, str]:
    return {text[f.start : f.end]: f.entity_type for f in InterchangeRecognizer().find(text)}


def test_iso20022_party() -> None:
    found = _found(PAIN001)
    assert found["IONESCU VLAD RADU"] == "PERSON"
    assert found["STRADA LIPSCANI"] == "STREET_ADDRESS"
    assert found["030031"] == "ZIP_CODE"
    assert "980.00" not in found
    assert "IONESCU" not in redact(PAIN001).text


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("<Customer><LastName>NI BHRIAIN</LastName></Customer>", "NI BHRIAIN"),
        ("<ns2:FamilyName>OKAFOR</ns2:FamilyName>", "OKAFOR"),
        ('<name><given>SIOBHAN</given><family use="L">NI BHRIAIN</family></name>', "NI BHRIAIN"),
    ],
)
def test_named_elements(text: str, value: str) -> None:
    assert _found(text).get(value) == "PERSON"


@pytest.mark.parametrize(
    "text",
    [
        "<project><name>my-app</name><version>1.0</version></project>",
        "<Surname><![CDATA[x]]></Surname> is a bad idea",
        "<LastName>\n  <Value>x</Value>\n</LastName>",
    ],
)
def test_other_elements_stay(text: str) -> None:
    assert _found(text) == {}
