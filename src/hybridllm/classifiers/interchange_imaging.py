"""Personal data in DICOM headers and FHIR resources, read by each standard's own labels.

Imaging and FHIR teams paste headers and resources: ``(0010,0010) PN [VAN DER BERG^PIETER]``,
``"00100010": {"vr": "PN", "Value": [{"Alphabetic": "KLEMT^MARGOT"}]}``, ``"family": "BUI",
"given": ["JANE"]``. The values are bare (capitals, no cue word), but the format names them:

- **DICOM**, as DCMTK's ``dcmdump`` and pydicom print a data set (a tag ``(gggg,eeee)``, then
  on the same line its value representation and value), as the DICOM JSON model writes it
  (``"gggg eeee": {"vr": ..., "Value": [...]}``), or as ``Keyword: value`` / ``Keyword=value``
  in a log. Every value of VR ``PN`` (person name, whatever the tag) is a name, split at its
  ``^`` components and ``=`` groups; the patient's ID, other IDs, birth date, address and
  telephone numbers and the accession and admission numbers by their tags (PS3.6); other dates
  (VR ``DA``, ``DT``) are dates, which Safe Harbor removes in a clinical payload.
- **FHIR** JSON (or a Python dict's repr): a HumanName's ``family`` and ``given`` (a ``family``
  key counts when the text holds a ``resourceType`` or the same object a ``given``); in a text
  with a ``resourceType``, ``birthDate``, an address's ``line``, ``city`` and ``postalCode``,
  the values of ``telecom`` and ``identifier`` arrays.

Every pattern starts with a literal the classifier's prefilter finds, so a text without any of
them costs nothing here.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator

from hybridllm.classifiers.interchange_kinds import value_finding
from hybridllm.classifiers.prefilter import finditer
from hybridllm.models import Finding

__all__ = ["IMAGING_PATTERNS", "imaging_findings"]


# DICOM tags (PS3.6) whose values identify a patient, by (group, element) in upper-case hex.
_TAGS = {
    "00100020": "mrn",  # Patient ID
    "00101000": "mrn",  # Other Patient IDs
    "00100030": "dob",  # Patient's Birth Date
    "00101040": "street",  # Patient's Address
    "00102154": "phone",  # Patient's Telephone Numbers
    "00080050": "id",  # Accession Number
    "00380010": "account",  # Admission ID
    "00101090": "mrn",  # Medical Record Locator
    "00102150": "city",  # Country of Residence
}
_KEYWORDS = {
    "PatientID": "mrn",
    "OtherPatientIDs": "mrn",
    "PatientBirthDate": "dob",
    "PatientAddress": "street",
    "PatientTelephoneNumbers": "phone",
    "AccessionNumber": "id",
    "AdmissionID": "account",
    "PatientName": "pn",
    "OtherPatientNames": "pn",
    "PatientBirthName": "pn",
    "PatientMotherBirthName": "pn",
    "ReferringPhysicianName": "pn",
    "PerformingPhysicianName": "pn",
    "NameOfPhysiciansReadingStudy": "pn",
    "PhysiciansOfRecord": "pn",
    "RequestingPhysician": "pn",
    "OperatorsName": "pn",
    "ResponsiblePerson": "pn",
}
_DATE_VRS = frozenset({"DA", "DT"})

# A printed element: the tag, the rest of its line up to the VR (pydicom prints the attribute's
# name there), then "[value]" (dcmdump) or ": value" (pydicom, quoted or not).
_DICOM_LINE = re.compile(
    r"\((?P<g>[0-9A-Fa-f]{4}), ?(?P<e>[0-9A-Fa-f]{4})\)[^\n\[]{0,80}?\b(?P<vr>[A-Z]{2})"
    r"(?:[ \t]*\[(?P<b>[^\]\n]*)\]|:[ \t]*(?P<q>'[^'\n]*'|\"[^\"\n]*\"|[^\n]*))"
)
# A DICOM JSON attribute: its tag key, its VR and its Value array (no nested arrays in it).
_DICOM_JSON = re.compile(
    r"\"(?P<tag>[0-9A-Fa-f]{8})\"\s*:\s*\{\s*\"vr\"\s*:\s*\"(?P<vr>[A-Z]{2})\"\s*,\s*"
    r"\"Value\"\s*:\s*\[(?P<vals>[^\]]*)\]"
)
_JSON_STRING = re.compile(r"\"((?:[^\"\\\n]|\\.)*)\"")
_PN_GROUP = re.compile(r"\"(?:Alphabetic|Ideographic|Phonetic)\"\s*:\s*\"([^\"\n]*)\"")
_KEYWORD = re.compile(
    r"\b(?P<kw>" + "|".join(sorted(_KEYWORDS, key=len, reverse=True)) + r")\b[ \t]*[:=][ \t]*"
    r"(?P<v>\"[^\"\n]{1,200}\"|'[^'\n]{1,200}'|[^\n,;\"'{}()\[\]]{1,64})"
)
_PN_PART = re.compile(r"[^\^=]+")
_CODE_CHARS = re.compile(r"[_.()\[\]{}=<>]")

# FHIR: keys in double or single quotes, a string value (or an array of strings).
_Q = r"(?P<q>[\"'])"
_FAMILY = re.compile(_Q + r"family(?P=q)\s*:\s*(?P=q)(?P<v>[^\"'\n]{1,100})(?P=q)")
_GIVEN = re.compile(_Q + r"given(?P=q)\s*:\s*\[(?P<v>[^\]]{1,300})\]")
_RESOURCE = re.compile(r"[\"']resourceType[\"']\s*:")
_FHIR_ONE = re.compile(
    _Q + r"(?P<k>birthDate|city|postalCode|deceasedDateTime)(?P=q)\s*:\s*(?P=q)"
    r"(?P<v>[^\"'\n]{1,100})(?P=q)"
)
_FHIR_ARRAY = re.compile(_Q + r"(?P<k>line|telecom|identifier)(?P=q)\s*:\s*\[")
_FHIR_VALUE = re.compile(r"[\"']value[\"']\s*:\s*[\"']([^\"'\n]{1,100})[\"']")
_STRING = re.compile(r"\"([^\"\n]*)\"|'([^'\n]*)'")
_FHIR_KINDS = {"birthDate": "dob", "city": "city", "postalCode": "zip", "deceasedDateTime": "date"}
_SSN_SYSTEM = re.compile(r"2\.16\.840\.1\.113883\.4\.1\b|ssn|social", re.IGNORECASE)
_NEAR = 300  # characters between a family and a given key of one name
_ARRAY_MAX = 2000  # characters an array of telecoms or identifiers is read over at most

IMAGING_PATTERNS = (_DICOM_LINE, _DICOM_JSON, _KEYWORD, _FAMILY, _RESOURCE)
"""Patterns the classifier's prefilter locates for :func:`imaging_findings`."""

_Span = tuple[str, int, int]


def _pn(start: int, end: int, text: str) -> Iterator[_Span]:
    """The components of a person name value (``FAMILY^GIVEN^MIDDLE=IDEOGRAPHIC``)."""
    for m in _PN_PART.finditer(text, start, end):
        yield "name", m.start(), m.end()


def _dicom_value(kind: str, vr: str, start: int, end: int, text: str) -> Iterator[_Span]:
    if vr == "PN" or kind == "pn":
        yield from _pn(start, end, text)
    elif kind:
        yield kind, start, end
    elif vr in _DATE_VRS:
        yield "date", start, end


def _plain_value(kind: str, value: str) -> bool:
    """Whether an unquoted ``Keyword: value`` holds a value: a name with ``^`` or of capitalised
    words (no ``_``, ``.`` or brackets of code), any other value with a digit."""
    if kind != "pn":
        return any(c.isdigit() for c in value)
    if "^" in value:
        return True
    words = value.split()
    return bool(words) and all(w[0].isupper() for w in words) and not _CODE_CHARS.search(value)


def _dicom(text: str) -> Iterator[_Span]:
    for m in finditer(_DICOM_LINE, text):
        kind = _TAGS.get((m["g"] + m["e"]).upper(), "")
        group = "b" if m.start("b") >= 0 else "q"
        start, end = m.span(group)
        if text[start : start + 1] in ("'", '"'):
            start, end = start + 1, end - 1
        yield from _dicom_value(kind, m["vr"], start, end, text)
    for m in finditer(_DICOM_JSON, text):
        kind, vr = _TAGS.get(m["tag"].upper(), ""), m["vr"]
        a, b = m.span("vals")
        pattern = _PN_GROUP if vr == "PN" else _JSON_STRING
        for v in pattern.finditer(text, a, b):
            yield from _dicom_value(kind, vr, v.start(1), v.end(1), text)
    for m in finditer(_KEYWORD, text):
        start, end = m.span("v")
        kind = _KEYWORDS[m["kw"]]
        if text[start] in ("'", '"'):
            start, end = start + 1, end - 1
        elif not _plain_value(kind, m["v"].strip()):
            continue  # a variable or a phrase: "ds.PatientName = name", "PatientID: see below"
        yield from _dicom_value(kind, "", start, end, text)


def _array_end(text: str, start: int) -> int:
    """The offset after the ``]`` that closes the array opened just before ``start``."""
    depth, i, n = 1, start, min(len(text), start + _ARRAY_MAX)
    while i < n:
        c = text[i]
        if c in "\"'":
            close = text.find(c, i + 1, n)
            i = n if close < 0 else close
        elif c in "[{":
            depth += 1
        elif c in "]}":
            depth -= 1
            if depth == 0:
                return i
        i += 1
    return i


def _near(starts: list[int], at: int) -> bool:
    """Whether one of the sorted ``starts`` is within ``_NEAR`` characters of ``at``."""
    i = bisect.bisect_left(starts, at - _NEAR)
    return i < len(starts) and starts[i] <= at + _NEAR


def _fhir(text: str) -> Iterator[_Span]:
    resource = next(finditer(_RESOURCE, text), None) is not None
    families = list(finditer(_FAMILY, text))
    givens = list(finditer(_GIVEN, text)) if families else []
    family_at = [m.start() for m in families]
    given_at = [g.start() for g in givens]
    for m in families:
        if resource or _near(given_at, m.start()):
            yield "name", *m.span("v")
    for g in givens:
        if resource or _near(family_at, g.start()):
            for s in _STRING.finditer(text, *g.span("v")):
                group = 1 if s.start(1) >= 0 else 2
                yield "name", *s.span(group)
    if resource:
        yield from _fhir_resource(text)


def _fhir_resource(text: str) -> Iterator[_Span]:
    """Birth dates, addresses, telecoms and identifiers of a text that holds a resource."""
    for m in _FHIR_ONE.finditer(text):
        yield _FHIR_KINDS[m["k"]], *m.span("v")
    for m in _FHIR_ARRAY.finditer(text):
        end = _array_end(text, m.end())
        if m["k"] == "line":
            for s in _STRING.finditer(text, m.end(), end):
                group = 1 if s.start(1) >= 0 else 2
                yield "street", *s.span(group)
            continue
        ssn = m["k"] == "identifier" and _SSN_SYSTEM.search(text, m.end(), end) is not None
        for v in _FHIR_VALUE.finditer(text, m.end(), end):
            value = v.group(1)
            if m["k"] == "telecom":
                yield ("email" if "@" in value else "phone"), *v.span(1)
            else:
                yield ("ssn" if ssn else "mrn"), *v.span(1)


def imaging_findings(text: str, recognizer: str) -> list[Finding]:
    """Findings of the DICOM and FHIR values of ``text`` (see the module docstring)."""
    out: list[Finding] = []
    for kind, start, end in (*_dicom(text), *_fhir(text)):
        found = value_finding(text, kind, start, end, recognizer)
        if found is not None:
            out.append(found)
    return out
