"""Persons in vCard and iCalendar properties. Written for this file from RFC 6350 and RFC 5545;
the values are made up."""

from __future__ import annotations

import pytest

from hybridllm import redact
from hybridllm.classifiers.interchange import InterchangeRecognizer

VCARD = (
    "Import fails for this contact:\n"
    "BEGIN:VCARD\r\nVERSION:4.0\r\n"
    "N:Oderwald;Hans-Christian;Jörg;Dr.;\r\n"
    "FN:Dr. Hans-Christian Oderwald\r\n"
    "item1.TEL;TYPE=cell:+49 171 5550147\r\n"
    "ADR;TYPE=home:;;Königsallee 12\\, Hinterhaus;Düsseldorf;;40212;Germany\r\n"
    "BDAY:19790412\r\n"
    "END:VCARD\r\n"
)


def _found(text: str) -> dict[str, str]:
    return {text[f.start : f.end]: f.entity_type for f in InterchangeRecognizer().find(text)}


def test_vcard_properties() -> None:
    found = _found(VCARD)
    assert found["Oderwald"] == "PERSON"
    assert found["Hans-Christian"] == "PERSON"  # N's parts apart, whole
    assert found["Jörg"] == "PERSON"
    assert "Dr." not in found  # the honorific prefix is no name
    assert found["Dr. Hans-Christian Oderwald"] == "PERSON"
    assert found["+49 171 5550147"] == "PHONE_NUMBER"
    assert found["Königsallee 12\\, Hinterhaus"] == "STREET_ADDRESS"  # an escaped ";" is kept
    assert "19790412" not in found  # a contact's birthday does not make the prompt PHI
    assert "Oderwald" not in redact(VCARD).text


@pytest.mark.parametrize(
    ("line", "name"),
    [
        (
            'ATTENDEE;ROLE=REQ-PARTICIPANT;CN="Breno das Neves":mailto:b@example.org',
            "Breno das Neves",
        ),
        ("ORGANIZER;CN=Yasmin da Costa:mailto:y@example.org", "Yasmin da Costa"),
        ("attendee;partstat=ACCEPTED;cn=Amaka Obi:mailto:a@example.org", "Amaka Obi"),
    ],
)
def test_icalendar_common_names(line: str, name: str) -> None:
    assert _found(f"BEGIN:VEVENT\n{line}\nEND:VEVENT")[name] == "PERSON"


def test_properties_outside_a_vcard_stay() -> None:
    text = "N: the number of rows\nFN: the function to call\nTEL: see the table below"
    assert _found(text) == {}


def test_a_value_ends_at_its_line_in_the_classifier() -> None:
    from hybridllm.classifiers import get_classifier

    text = (
        "BEGIN:VCARD\nitem2.X-ABLabel:\\_$!!$\\_\n"
        "TEL;type=CELL;type=VOICE:(215) 613-2155\n"
        "item4.ADR;type=HOME;type=pref:;;612 West Sedgwick Street;Philadelphia;PA;19119\n"
        "END:VCARD"
    )
    found = {text[f.start : f.end]: f.entity_type for f in get_classifier().classify(text).findings}
    assert found["(215) 613-2155"] == "PHONE_NUMBER"  # not run into the next line's address
    assert found["612 West Sedgwick Street"] == "STREET_ADDRESS"
