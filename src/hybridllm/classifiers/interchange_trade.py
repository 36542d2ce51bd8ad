"""Personal data in trade and payment files: UN/EDIFACT segments and NACHA ACH entries.

A retailer's integration team pastes EDIFACT invoices and orders, an airline's the PAXLST
passenger list it sends to border control, a bank's payroll team the ACH file a bank returned.
Their persons are ``NAD+FL+++GROSS:PATRICIA+...`` or 22 upper-case characters at positions
55-76 of a 94-character record, with no cue the name stage reads; each standard says what every
element holds, so the values are read by position:

- **UN/EDIFACT** (ISO 9735): ``NAD`` name and address (C058 name-and-address lines, C080 party
  name, C059 street, city, postcode), ``CTA`` contact name, ``COM`` phone, fax or e-mail by its
  channel code, ``DOC`` document number (a passport in PAXLST), ``DTM`` with qualifier 329 (date
  of birth), ``TIF`` traveller surname and given name (PNRGOV). Separators are the ones a ``UNA``
  service string advice declares, else the defaults ``:+.? '``; the release character escapes
  them. A segment is read where one opens (a line's start, a quote, after the segment
  terminator) and only when an envelope (``UNA``, ``UNB``, ``UNH``) is in the text, or for a lone
  ``NAD``/``CTA`` with a party qualifier code. A party whose name carries a company's legal form
  (``GMBH``, ``LTD``, ``INC`` ...) is an organisation: its name and address are left.
- **NACHA** (ACH file format): every entry detail record (type 6: transaction code, receiving
  bank routing number and check digit, account number at 13-29, amount at 30-39): the account
  number, the identification number and the individual's name. Which of positions 40-54 and
  55-76 is the name follows the standard entry class of the batch header (type 5) before it:
  CIE and MTE entries carry the name first, ARC, BOC, POP and RCK a check serial number then
  the name, CTX a company. Without a batch header the common layout (PPD, CCD, WEB, TEL) is read.

Every pattern starts with its literal tag or record type, so the prefilter locates them and a
text without such a segment costs nothing.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from hybridllm.classifiers.interchange_kinds import line_opens, split_released, value_finding
from hybridllm.classifiers.prefilter import finditer
from hybridllm.models import Finding

__all__ = ["TRADE_PATTERNS", "trade_findings"]

# -- EDIFACT -------------------------------------------------------------------------------------

_UNA = re.compile(r"UNA(?P<c>[^\w\s])(?P<e>[^\w\s])(?P<d>[.,])(?P<r>[^\w\s])(?P<x>.)(?P<t>[^\w\s])")
_ENVELOPE = re.compile(r"UN[BH](?P<e>[^\w\s])[A-Z0-9]")
_SEGMENT = re.compile(r"(?P<tag>NAD|CTA|COM|DOC|DTM|TIF)(?P<e>[^\w\s\"<>])")
_QUALIFIED = re.compile(r"[A-Z0-9]{2,3}(?![\w\s])")  # a party or function code: BY, FL, IC
_SEGMENT_MAX = 2000  # characters of a segment read at most
_PHONES = frozenset(("TE", "FX", "AL", "TL", "MB"))  # telephone, telefax, cellular, telex
# A legal form in a party's name: an organisation, not a person.
_COMPANY = re.compile(
    r"(?i:\b(?:gmbh|ltd|limited|llc|llp|inc|corp|corporation|co|company|plc|ag|kg|sa|sas|sarl"
    r"|srl|spa|bv|nv|oy|oyj|ab|as|asa|aps|pty|pvt|sp\.?\s?z\s?o\.?\s?o|s\.?a|s\.?r\.?l|a\.?s)\b\.?)"
)


def _separators(text: str) -> tuple[str, str, str, str]:
    """(component, element, release, terminator) that the text's ``UNA`` declares, or defaults."""
    una = next(finditer(_UNA, text), None)
    if una is None:
        return ":", "+", "?", "'"
    return una["c"], una["e"], una["r"], una["t"]


def _segment_end(text: str, start: int, terminator: str, release: str) -> int:
    """Where the segment that starts at ``start`` ends: its unreleased terminator or line end."""
    limit = min(len(text), start + _SEGMENT_MAX)
    i = start
    while i < limit:
        ch = text[i]
        if ch == release:
            i += 2
            continue
        if ch == terminator or ch in "\r\n" or (ch == "\\" and text[i + 1 : i + 2] in "rn"):
            return i
        i += 1
    return limit


Spans = list[tuple[int, int]]
Values = list[tuple[str, tuple[int, int]]]


def _el(elements: list[Spans], i: int) -> Spans:
    return elements[i] if i < len(elements) else []


def _code(text: str, elements: list[Spans], i: int, j: int = 0) -> str:
    comps = _el(elements, i)
    return text[comps[j][0] : comps[j][1]].strip().upper() if j < len(comps) else ""


def _nad(text: str, els: list[Spans]) -> Values:
    names = [*_el(els, 3)[:1], *_el(els, 4)[:5]]
    if any(_COMPANY.search(text, s, e) for s, e in names):
        return []  # an organisation's name and address
    out: Values = [("name", span) for span in names]
    out += [("street", span) for span in (*_el(els, 3)[1:5], *_el(els, 5)[:4])]
    out += [("city", span) for span in _el(els, 6)[:1]]
    return out + [("zip", span) for span in _el(els, 8)[:1]]


def _com(text: str, els: list[Spans]) -> Values:
    channel = _code(text, els, 1, 1)
    kind = "email" if channel == "EM" else "phone" if channel in _PHONES else ""
    return [(kind, span) for span in _el(els, 1)[:1]] if kind else []


def _dtm(text: str, els: list[Spans]) -> Values:
    return [("dob", span) for span in _el(els, 1)[1:2]] if _code(text, els, 1) == "329" else []


# What each segment's elements hold (``els[0]`` is the tag): NAD name, street, city, postcode;
# CTA C056's contact name; COM by its channel code; DOC C503's document number; DTM 329 a birth
# date; TIF the traveller's surname and given name.
_READERS: dict[str, Callable[[str, list[Spans]], Values]] = {
    "NAD": _nad,
    "CTA": lambda text, els: [("name", span) for span in _el(els, 2)[1:2]],
    "COM": _com,
    "DOC": lambda text, els: [("id", span) for span in _el(els, 2)[:1]],
    "DTM": _dtm,
    "TIF": lambda text, els: [("name", span) for span in (*_el(els, 1)[:1], *_el(els, 2)[:1])],
}


def _edifact(text: str, recognizer: str) -> list[Finding]:
    comp, elem, release, term = _separators(text)
    enveloped = any(next(finditer(p, text), None) is not None for p in (_UNA, _ENVELOPE))
    out: list[Finding] = []
    for m in finditer(_SEGMENT, text):
        at = m.start()
        if m["e"] != elem:
            continue
        i = at
        while i > 0 and text[i - 1] in " \t":
            i -= 1
        if not (line_opens(text, at) or text[i - 1 : i] == term):
            continue
        if not enveloped and not (
            m["tag"] in ("NAD", "CTA") and _QUALIFIED.match(text, m.end()) is not None
        ):
            continue  # a lone segment without envelope: only a qualified NAD or CTA
        end = _segment_end(text, m.end(), term, release)
        elements = [
            split_released(text, s, e, comp, release)
            for s, e in split_released(text, at, end, elem, release)
        ]
        for kind, (s, e) in _READERS[m["tag"]](text, elements):
            found = value_finding(text, kind, s, e, recognizer)
            if found is not None:
                out.append(found)
    return out


# -- NACHA ---------------------------------------------------------------------------------------

# (an alphanumeric field is any character but a line break: the rule says upper-case ASCII, but
# files carry the names their systems hold, "ΠΑΠΑΔΟΠΟΥΛΟΣ" or "MÜLLER")
_ENTRY = re.compile(
    r"6(?P<tc>[2-5]\d)\d{8}\d(?P<acct>[^\r\n]{17})\d{10}(?P<a>[^\r\n]{15})(?P<b>[^\r\n]{22})"
    r"[^\r\n]{2}[01]\d{15}"
)
_BATCH = re.compile(r"5(?:200|220|225|280)[^\r\n]{46}(?P<sec>[A-Z]{3})")
_NAME_FIRST = frozenset(("CIE", "MTE"))  # 40-54 name, 55-76 identification
_CHECK_FIRST = frozenset(("ARC", "BOC", "POP", "RCK"))  # 40-54 check serial, 55-76 name


def _nacha(text: str, recognizer: str) -> list[Finding]:
    batches = [(m.start(), m["sec"]) for m in finditer(_BATCH, text) if line_opens(text, m.start())]
    out: list[Finding] = []
    for m in finditer(_ENTRY, text):
        if not line_opens(text, m.start()):
            continue
        sec = next((s for at, s in reversed(batches) if at < m.start()), "PPD")
        fields = [("account", "acct")]
        if sec in _NAME_FIRST:
            fields += [("name", "a"), ("account", "b")]
        elif sec in _CHECK_FIRST:
            fields += [("name", "b")]
        elif sec != "CTX":
            fields += [("account", "a"), ("name", "b")]
        for kind, group in fields:
            s, e = m.span(group)
            if kind == "name" and _COMPANY.search(text, s, e):
                continue  # a company receives the entry (CCD)
            found = value_finding(text, kind, s, e, recognizer)
            if found is not None:
                out.append(found)
    return out


TRADE_PATTERNS = (_UNA, _ENVELOPE, _SEGMENT, _ENTRY, _BATCH)
"""What the prefilter scans texts for."""


def trade_findings(text: str, recognizer: str) -> list[Finding]:
    """Findings of the personal values in the EDIFACT segments and ACH entries of ``text``.

    Args:
        text: the text to scan.
        recognizer: the recognizer name the findings carry.

    Returns:
        One finding per value (surrounding blanks left out).
    """
    out: list[Finding] = []
    if next(finditer(_SEGMENT, text), None) is not None:
        out.extend(_edifact(text, recognizer))
    if next(finditer(_ENTRY, text), None) is not None:
        out.extend(_nacha(text, recognizer))
    return out
