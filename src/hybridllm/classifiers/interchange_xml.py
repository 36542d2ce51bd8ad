"""Personal data in XML elements whose name says what they hold.

``<LastName>NI BHRIAIN</LastName>``, ISO 20022's ``<Dbtr><Nm>IONESCU VLAD RADU</Nm>`` (the
format of SEPA and, since 2025, of cross-border SWIFT payments), HL7 CDA's ``<given>`` and
``<family>``: the element's name is the label, the value may be any name in any case. An element
named for a person's name, birth date, street, town or postal code (case-insensitive, with or
without a namespace prefix) is read when it holds only text (no child element) of at most 100
characters. ``<name>`` is not read: it names projects, packages and products far more often.
"""

from __future__ import annotations

import re

from hybridllm.classifiers.interchange_kinds import value_finding
from hybridllm.classifiers.prefilter import finditer
from hybridllm.models import Finding

__all__ = ["XML_PATTERN", "xml_findings"]

_ELEMENTS = {
    "name": (
        "FirstName",
        "First_Name",
        "GivenName",
        "GivenNames",
        "Given",
        "Forename",
        "MiddleName",
        "LastName",
        "Last_Name",
        "Surname",
        "FamilyName",
        "Family",
        "FullName",
        "PersonName",
        "PatientName",
        "CustomerName",
        "AccountHolderName",
        "Nm",  # ISO 20022 party name (Dbtr, Cdtr, UltmtDbtr, ...)
    ),
    "dob": ("BirthDate", "DateOfBirth", "DOB", "BirthDt", "BirthTime"),
    "street": ("StreetAddressLine", "StrtNm", "AdrLine", "StreetAddress", "Street"),
    "city": ("TwnNm", "City", "Town"),
    "zip": ("PstCd", "PostalCode", "PostCode", "ZipCode", "Zip"),
}
_KIND = {tag.lower(): kind for kind, tags in _ELEMENTS.items() for tag in tags}
_NS = r"(?:[A-Za-z_][\w.-]*:)?"
XML_PATTERN = re.compile(
    r"<"
    + _NS
    + r"(?P<tag>"
    + "|".join(sorted((t for ts in _ELEMENTS.values() for t in ts), key=len, reverse=True))
    + r")(?:\s[^<>]*)?>(?P<v>[^<>]{1,100})</"
    + _NS
    + r"(?P=tag)\s*>",
    re.IGNORECASE,
)
"""An element named for a person's data, holding text only (the prefilter locates it)."""


def xml_findings(text: str, recognizer: str) -> list[Finding]:
    """Findings of the values of such elements in ``text``.

    Args:
        text: the text to scan.
        recognizer: the recognizer name the findings carry.

    Returns:
        One finding per element value (surrounding blanks left out).
    """
    out: list[Finding] = []
    for m in finditer(XML_PATTERN, text):
        found = value_finding(text, _KIND[m["tag"].lower()], *m.span("v"), recognizer)
        if found is not None:
            out.append(found)
    return out
