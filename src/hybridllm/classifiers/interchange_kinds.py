"""What each kind of value the interchange readers take is, and its finding.

Shared by :mod:`.interchange` (HL7 v2, X12, AAMVA), :mod:`.interchange_imaging` (DICOM, FHIR)
and :mod:`.interchange_xml` (named XML elements).
"""

from __future__ import annotations

from hybridllm.models import Category, Finding, new_finding

__all__ = ["KINDS", "LEAD", "kind_finding", "line_opens", "split_released", "value_finding"]

KINDS: dict[str, tuple[str, Category]] = {
    "name": ("PERSON", "PII"),
    "street": ("STREET_ADDRESS", "PII"),
    "city": ("LOCATION", "PHI"),
    "zip": ("ZIP_CODE", "PHI"),
    "phone": ("PHONE_NUMBER", "PII"),
    "email": ("EMAIL_ADDRESS", "PII"),
    "mrn": ("MEDICAL_RECORD_NUMBER", "PHI"),
    "plan": ("HEALTH_PLAN_ID", "PHI"),
    "ssn": ("US_SSN", "PII"),
    "licence": ("US_DRIVER_LICENSE", "PII"),
    "account": ("ACCOUNT_NUMBER", "PII"),
    "id": ("OTHER_ID", "PHI"),
    "dob": ("DATE_OF_BIRTH", "PHI"),
    "date": ("DATE", "PHI"),
}
"""(entity type, category) of each kind of value."""
LEAD = frozenset(" \t>\"'+")
"""What may stand between a line's opening and its first segment (indentation, a quote mark)."""


def line_opens(text: str, at: int) -> bool:
    """Whether a line opens at ``at``: after a line break, a carriage return, its ``\\r`` or
    ``\\n`` escape in a string literal, or a quote, with only :data:`LEAD` characters between."""
    i = at
    while i > 0 and text[i - 1] in LEAD:
        if text[i - 1] in "\"'":
            return True
        i -= 1
    return i == 0 or text[i - 1] in "\r\n" or (text[i - 1] in "rn" and text[i - 2 : i - 1] == "\\")


def split_released(
    text: str, start: int, end: int, sep: str, release: str
) -> list[tuple[int, int]]:
    """The spans of ``text[start:end]`` between ``sep`` characters that no ``release``
    character escapes (EDIFACT's ``?+``, vCard's ``\\;``)."""
    out: list[tuple[int, int]] = []
    at = start
    i = start
    while i < end:
        ch = text[i]
        if ch == release:
            i += 2
            continue
        if ch == sep:
            out.append((at, i))
            at = i + 1
        i += 1
    out.append((at, end))
    return out


def value_finding(text: str, kind: str, start: int, end: int, recognizer: str) -> Finding | None:
    """The finding of a value of ``kind`` at ``text[start:end]`` without its surrounding
    blanks, or None when nothing but blanks is there."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return kind_finding(kind, start, end, recognizer) if start < end else None


def kind_finding(kind: str, start: int, end: int, recognizer: str) -> Finding:
    """The finding of a value of ``kind`` at ``start:end`` (a non-empty span)."""
    entity, category = KINDS[kind]
    return new_finding(
        entity_type=entity,
        category=category,
        start=start,
        end=end,
        score=0.85,
        recognizer=recognizer,
    )
