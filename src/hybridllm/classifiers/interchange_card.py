"""Persons in vCard (RFC 6350) and iCalendar (RFC 5545) text, read by property.

An exported contact or a meeting invite pasted into a prompt names its people in properties:
``N:Oderwald;Hans-Christian;;;``, ``FN:Yasmin da Costa``, ``ATTENDEE;CN="Breno das Neves":
mailto:...``. The name stage reads most of them as prose; here each property's value is taken
whole, with its structure (the ``;`` parts of ``N`` and ``ADR``):

- in a vCard (a text with ``BEGIN:VCARD``): ``FN``, ``N`` (family, given, additional names,
  not the honorific prefix and suffix), ``NICKNAME``, ``ADR``'s street, ``TEL`` (not ``BDAY``:
  a contact's birthday is no health record, and a birth date's finding would keep the whole
  prompt local);
- in iCalendar (or anywhere): the ``CN`` parameter of ``ATTENDEE``, ``ORGANIZER`` and
  ``CONTACT``, quoted or not.

Property names are case-insensitive, may carry parameters (``TEL;TYPE=CELL:``) and a group
(``item1.TEL:``); a line opens where :func:`.interchange_kinds.line_opens` says.
"""

from __future__ import annotations

import re

from hybridllm.classifiers.interchange_kinds import line_opens, split_released, value_finding
from hybridllm.classifiers.prefilter import finditer
from hybridllm.models import Finding

__all__ = ["CARD_PATTERNS", "card_findings"]

_BEGIN = re.compile(r"BEGIN:VCARD", re.IGNORECASE)
_PROPERTY = re.compile(
    r"(?:[\w-]{1,20}\.)?(?P<prop>FN|N|NICKNAME|ADR|TEL)(?:;[^:\r\n]{0,200})?:"
    r"(?P<v>[^\r\n]{1,300})",
    re.IGNORECASE,
)
_CN = re.compile(
    r"(?:ATTENDEE|ORGANIZER|CONTACT)(?:;[^:;\r\n]{0,200}){0,20}?;CN=(?:\"(?P<q>[^\"\r\n]{1,200})\""
    r"|(?P<v>[^;:\"\r\n]{1,200}))",
    re.IGNORECASE,
)
_PARTS = {"n": (0, 1, 2), "adr": (2,)}  # N: family;given;additional; ADR: ...;street;...
_KIND = {"fn": "name", "n": "name", "nickname": "name", "adr": "street", "tel": "phone"}


def card_findings(text: str, recognizer: str) -> list[Finding]:
    """Findings of the persons' values in the vCard and iCalendar properties of ``text``.

    Args:
        text: the text to scan.
        recognizer: the recognizer name the findings carry.

    Returns:
        One finding per value (a ``N`` or ``ADR`` part apart, surrounding blanks left out).
    """
    spans: list[tuple[str, int, int]] = []
    if next(finditer(_BEGIN, text), None) is not None:
        for m in finditer(_PROPERTY, text):
            if not line_opens(text, m.start()):
                continue
            prop = m["prop"].lower()
            s, e = m.span("v")
            if prop in _PARTS:
                parts = split_released(text, s, e, ";", "\\")
                spans += [(_KIND[prop], *parts[i]) for i in _PARTS[prop] if i < len(parts)]
            else:
                spans.append((_KIND[prop], s, e))
    for m in finditer(_CN, text):
        spans.append(("name", *m.span("q" if m["q"] is not None else "v")))
    out: list[Finding] = []
    for kind, s, e in spans:
        found = value_finding(text, kind, s, e, recognizer)
        if found is not None:
            out.append(found)
    return out


CARD_PATTERNS = (_BEGIN, _PROPERTY, _CN)
"""What the prefilter scans texts for."""
