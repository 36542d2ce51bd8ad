"""Personal data in healthcare and ID-card interchange formats, read by each standard's field map.

A hospital's platform team pastes HL7 messages, a billing team X12 claims, a KYC flow the text
of a driver's licence barcode. In these formats a person's name is ``KOWALCZYK^MAREK^J``,
``NM1*IL*1*TRAN*MINH``, ``DCSOKONKWO``: no capital-then-lower word, no cue word, nothing the
name stage reads. But each format says what every field holds, so the fields are read by
position, whatever their values look like (a name never seen, in capitals, a record number of
any shape):

- **HL7 v2** segments (``PID|``, ``NK1|``, ``PV1|``, ``GT1|``, ``IN1|``, ``MRG|``, ``ORC|``,
  ``OBR|``, ``OBX|``, ``PD1|``, ``ROL|``, ``PRD|``, ``STF|``, ``EVN|``) at the start of a line
  (or after a carriage return, its ``\\r`` escape in a string literal, or a quote), with the
  field, component, repetition and sub-component separators their ``MSH`` declares
  (``|^~\\&`` without one). Person names (XPN, XCN), addresses (XAD), telecoms
  (XTN), patient identifiers (CX), birth dates, SSNs, licence, account, visit and policy
  numbers, as HL7 v2.5 numbers them.
- **ANSI X12** (HIPAA 837, 835, 834, 270/271) segments ``NM1`` (a person when NM102 is ``1``;
  an organisation's name is left), then until the next ``NM1`` its ``N3`` street, ``N4`` city
  and ZIP, ``DMG`` birth date, ``REF`` SSN / record / member numbers; a ``PER`` contact's name,
  phone and e-mail; a ``CLM``'s patient account number. Elements split at ``*`` (or what an
  ``ISA`` declares), segments at ``~`` or a line break.
- **AAMVA** DL/ID card data (the PDF417 barcode's text): lines of three-letter element IDs
  (``DCS`` family name, ``DAC`` given name, ``DBB`` birth date, ``DAG`` street, ``DAQ``
  licence number, ...), taken when a block holds three of them or more and one of them (birth,
  issue or expiry) holds a date.

A field that holds nothing is skipped; the findings cover the values only, never the
separators. Everything here is found with patterns the classifier's prefilter locates, so a
text without such a segment costs nothing.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from hybridllm.classifiers.interchange_card import CARD_PATTERNS, card_findings
from hybridllm.classifiers.interchange_imaging import IMAGING_PATTERNS, imaging_findings
from hybridllm.classifiers.interchange_kinds import LEAD, kind_finding, line_opens
from hybridllm.classifiers.interchange_trade import TRADE_PATTERNS, trade_findings
from hybridllm.classifiers.interchange_xml import XML_PATTERN, xml_findings
from hybridllm.classifiers.prefilter import finditer
from hybridllm.models import Finding

__all__ = ["SEGMENTS", "InterchangeRecognizer"]


# HL7 v2.5 field maps: segment -> {field number: data type}. XPN: family^given^middle^...;
# XCN: id^family^given^middle^...; XAD: street^other^city^state^zip^...; XTN: a number (or its
# parts) and an e-mail; CX: id^check digit^scheme^authority^type; the rest one value each.
_HL7: dict[str, dict[int, str]] = {
    "PID": {
        2: "cx",
        3: "cx",
        4: "cx",
        5: "xpn",
        6: "xpn",
        7: "dob",
        9: "xpn",
        11: "xad",
        13: "xtn",
        14: "xtn",
        18: "account",
        19: "ssn",
        20: "licence",
        21: "cx",
        29: "date",
    },
    "NK1": {2: "xpn", 4: "xad", 5: "xtn", 6: "xtn", 16: "dob", 30: "xpn", 31: "xtn", 32: "xad"},
    "NK1+": {33: "cx", 37: "ssn"},
    "PV1": {7: "xcn", 8: "xcn", 9: "xcn", 17: "xcn", 19: "account", 52: "xcn"},
    "GT1": {2: "account", 3: "xpn", 5: "xad", 6: "xtn", 7: "xtn", 8: "dob", 12: "ssn"},
    "IN1": {16: "xpn", 18: "dob", 19: "xad", 36: "plan", 49: "plan"},
    "MRG": {1: "cx", 2: "cx", 3: "account", 7: "xpn"},
    "ORC": {10: "xcn", 11: "xcn", 12: "xcn"},
    "OBR": {16: "xcn", 28: "xcn"},
    "OBX": {16: "xcn"},
    "PD1": {4: "xcn"},
    "ROL": {4: "xcn"},
    "PRD": {2: "xpn", 3: "xad", 5: "xtn"},
    "STF": {3: "xpn", 10: "xtn", 11: "xad"},
    "EVN": {5: "xcn"},
}
_HL7["NK1"].update(_HL7.pop("NK1+"))

SEGMENTS = tuple(sorted(_HL7))
"""The HL7 v2 segments whose fields are read."""

# A segment: its ID, then a field separator (any punctuation an MSH can declare; "|" in
# practice), where a line opens (see line_opens). The patterns start with their literal IDs, so a
# search skips through a text fast; where a line opens is checked on the few matches.
_HL7_LINE = re.compile(r"(?P<seg>" + "|".join(SEGMENTS) + r")(?P<sep>[|!#$%*+/:;?@])")
_MSH = re.compile(r"MSH(?P<sep>[|!#$%*+/:;?@])(?P<enc>[^\s|]{3,5})")
# What may stand between where a line opens and its first ID: blanks, a quote's "> ", a string
# literal's quote or a "+" joining two literals.
# Where a segment's line ends: a line break, or the "\r" / "\n" escape of a string literal in
# pasted code (HL7's own escapes are "\F\", "\S\", "\R\", ...: upper case).
_HL7_MAX_LINE = 4000  # characters of a segment read at most (an OBX can embed a whole PDF)
_HL7_END = re.compile(r"[\r\n]|\\[rn]")

_X12_NM1 = re.compile(r"NM1(?P<sep>[*|^:])")
# Between two segments: blanks, terminators, a quote's "> ", a string literal's quotes, "+" and
# "\r" / "\n" escapes; a segment ends at its terminator, a line's end, an escape or a quote.
_X12_GAP = re.compile(r"(?:[\s~>\"'+,]|\\[rn])+")
_X12_END = re.compile(r"[~\r\n\"]|\\[rn]")
_X12_SEG = re.compile(r"(?P<id>[A-Z][A-Z0-9]{1,2})(?P<sep>[*|^:])")
_ISA = re.compile(r"ISA(?P<sep>[*|^:])")
_X12_QUALIFIED = {"MI": "plan", "II": "plan", "34": "ssn", "EA": "mrn", "SY": "ssn"}
_X12_PUBLIC = frozenset(
    {"XX", "FI", "24", "46", "PI", "XV", "SV", "NF", "PC"}
)  # NPIs, EINs, payers
_X12_REF = {"SY": "ssn", "EA": "mrn", "1W": "plan", "IG": "plan", "0F": "plan", "Q4": "id"}
_X12_REF.update({"6P": "plan", "23": "id", "3H": "id", "1L": "plan", "F6": "plan", "ABB": "id"})
_X12_PERSON_ONLY: dict[str, tuple[tuple[str, int], ...]] = {
    "N3": (("street", 0), ("street", 1)),
    "N4": (("city", 0), ("zip", 2)),
    "DMG": (("dob", 1),),
}
_X12_PHONES = frozenset({"TE", "CP", "HP", "WP", "FX", "BN", "EX"})

# AAMVA DL/ID element IDs and what they hold (AAMVA DL/ID Card Design Standard, annex D).
_AAMVA: dict[str, str] = {
    "DCS": "name",
    "DAC": "name",
    "DAD": "name",
    "DCT": "name",
    "DAA": "name",
    "DAB": "name",
    "DCU": "name",
    "DBB": "dob",
    "DAG": "street",
    "DAH": "street",
    "DAI": "city",
    "DAK": "zip",
    "DAQ": "licence",
    "DCF": "id",
    "DBN": "name",
    "DBG": "name",
    "DBS": "name",
}
# An element and its value, to the line's end (or a string literal's escape or quote); taken
# where a line opens, or after the subfile designator ("DL", "ID") that opens a line or follows
# the header's digits (see _aamva_opens).
_AAMVA_LINE = re.compile(r"(?P<id>" + "|".join(sorted(_AAMVA)) + r")(?P<v>[^\r\n\\\"]*)")
_AAMVA_MIN = 3  # element lines in one block: fewer is a word such as "DACHSHUND"
_AAMVA_DATES = frozenset({"DBB", "DBA", "DBD"})  # birth, expiry, issue: one must hold a date
_AAMVA_GAP = 200  # characters between two element lines of one block at most
_NAME_PARTS = re.compile(r"[^,$]+")  # DAA "PUBLIC,JOHN,Q" (or "$" in older cards)
_HAS_DIGIT = re.compile(r"\d")
_PHONE_DIGITS = 7
_CX_TYPES = {"SS": "ssn", "AN": "account", "DL": "licence"}
_Values = Iterator[tuple[str, int, int]]
_DATE_DIGITS = re.compile(r"\d{8,14}")  # CCYYMMDD[HHMM[SS]] (HL7, X12) or MMDDCCYY (AAMVA)


def _quote_before(text: str, at: int) -> str:
    """The quote that opens a string literal just before ``at`` (``LEAD`` between), or ""."""
    i = at
    while i > 0 and text[i - 1] in LEAD:
        if text[i - 1] in "\"'":
            return text[i - 1]
        i -= 1
    return ""


def _aamva_opens(text: str, at: int) -> bool:
    """Whether an AAMVA element at ``at`` opens a line (after a subfile designator or not)."""
    if text[at - 2 : at] in ("DL", "ID"):
        return line_opens(text, at - 2) or text[at - 3 : at - 2].isdigit()
    return line_opens(text, at)


def _trimmed(text: str, start: int, end: int, kind: str = "") -> tuple[int, int]:
    """``(start, end)`` without surrounding blanks; a date (``kind`` ``dob`` or ``date``)
    that starts with its digits ends with them (in the normalizer's view a line joined to the
    next reads ``04121988DAG2134 PINE AVE``)."""
    if kind in ("dob", "date"):
        m = _DATE_DIGITS.match(text, start, end)
        if m is not None:
            return m.span()
    while start < end and text[start] in " \t":
        start += 1
    while end > start and text[end - 1] in " \t":
        end -= 1
    return start, end


def _split(text: str, start: int, end: int, sep: str, most: int = 0) -> list[tuple[int, int]]:
    """The parts of ``text[start:end]`` between ``sep`` characters, as offsets in ``text``
    (the first ``most`` of them when ``most`` is given)."""
    out: list[tuple[int, int]] = []
    at = start
    while True:
        cut = text.find(sep, at, end)
        if cut < 0 or len(out) + 1 == most:
            out.append((at, end))
            return out
        out.append((at, cut))
        at = cut + 1


class _Hl7Encoding:
    """The separators of one message: field, component, repetition, sub-component."""

    def __init__(self, field: str = "|", enc: str = "^~\\&") -> None:
        self.field = field
        self.component = enc[0] if len(enc) > 0 else "^"
        self.repetition = enc[1] if len(enc) > 1 else "~"
        self.sub = enc[3] if len(enc) > 3 else "&"


def _names(text: str, comps: list[tuple[int, int]], first: int, enc: _Hl7Encoding) -> _Values:
    """Family, given and middle name (or initial) of an XPN (``first`` 0) or XCN (1); of a
    family name with sub-components (``surname&own surname``) its first."""
    for cs, ce in comps[first : first + 3]:
        yield "name", *_split(text, cs, ce, enc.sub)[0]


def _address(text: str, comps: list[tuple[int, int]]) -> _Values:
    """Street lines, city and postal code of an XAD."""
    for part, (cs, ce) in zip(("street", "street", "city", "", "zip"), comps, strict=False):
        if part:
            yield part, cs, ce


def _telecom(text: str, comps: list[tuple[int, int]]) -> _Values:
    """The number (whole or in parts, any component with 7+ digits) and e-mail of an XTN."""
    for cs, ce in comps:
        value = text[cs:ce]
        if "@" in value:
            yield "email", cs, ce
        elif sum(c.isdigit() for c in value) >= _PHONE_DIGITS:
            yield "phone", cs, ce


def _identifier(text: str, comps: list[tuple[int, int]]) -> _Values:
    """The ID of a CX, typed by its identifier type code (SS, AN, DL; a record number else)."""
    code = text[comps[4][0] : comps[4][1]].strip().upper() if len(comps) > 4 else ""
    yield _CX_TYPES.get(code, "mrn"), *comps[0]


def _hl7_values(text: str, start: int, end: int, kind: str, enc: _Hl7Encoding) -> _Values:
    """``(kind, start, end)`` of the sensitive values of one HL7 field of data type ``kind``."""
    for rs, re_ in _split(text, start, end, enc.repetition):
        comps = _split(text, rs, re_, enc.component)
        if kind in ("xpn", "xcn"):
            yield from _names(text, comps, 0 if kind == "xpn" else 1, enc)
        elif kind == "xad":
            yield from _address(text, comps)
        elif kind == "xtn":
            yield from _telecom(text, comps)
        elif kind == "cx":
            yield from _identifier(text, comps)
        else:  # one value (a date, a number): the first component
            yield kind, *comps[0]


def _hl7(text: str, recognizer: str) -> list[Finding]:
    header = next((h for h in finditer(_MSH, text) if line_opens(text, h.start())), None)
    enc = _Hl7Encoding() if header is None else _Hl7Encoding(header["sep"], header["enc"])
    out: list[Finding] = []
    for m in finditer(_HL7_LINE, text):
        sep = m["sep"]
        if sep != enc.field or not line_opens(text, m.start()):
            continue
        fields = _HL7[m["seg"]]
        limit = min(len(text), m.end() + _HL7_MAX_LINE)
        quote = _quote_before(text, m.start())
        close = text.find(quote, m.end(), limit) if quote else -1
        limit = limit if close < 0 else close  # a segment in a string literal ends with it
        stop = _HL7_END.search(text, m.end(), limit)
        line_end = limit if stop is None else stop.start()
        parts = _split(text, m.end(), line_end, sep, most=max(fields) + 1)
        for number, (fs, fe) in enumerate(parts, start=1):
            kind = fields.get(number)
            if kind is None or fs == fe:
                continue
            for value_kind, a, b in _hl7_values(text, fs, fe, kind, enc):
                vs, ve = _trimmed(text, a, b, value_kind)
                if vs < ve and text[vs:ve] != '""':  # "" is HL7's explicit null
                    out.append(kind_finding(value_kind, vs, ve, recognizer))
    return out


def _x12_segments(text: str, start: int, sep: str) -> Iterator[tuple[str, list[tuple[int, int]]]]:
    """``(segment ID, element spans)`` from ``start`` on, while segments follow each other."""
    at, n = start, len(text)
    while at < n:
        gap = _X12_GAP.match(text, at)
        at = at if gap is None else gap.end()
        stop = _X12_END.search(text, at)
        cut = n if stop is None else stop.start()
        m = _X12_SEG.match(text, at, cut)
        if m is None or m["sep"] != sep:
            return  # the interchange ends where no segment follows
        yield m["id"], _split(text, m.end(), cut, sep)
        at = n if stop is None else stop.end()


def _x12_values(seg: str, code: Callable[[int], str], person: bool) -> list[tuple[str, int]]:
    """``(kind, element index)`` of the sensitive elements of one X12 segment; ``person``:
    the last ``NM1`` named a person (its street, city and birth date follow it)."""
    if seg == "NM1":
        qualifier = code(7)
        ids = (
            []
            if not qualifier or qualifier in _X12_PUBLIC
            else [(_X12_QUALIFIED.get(qualifier, "id"), 8)]
        )
        return [("name", 2), ("name", 3), ("name", 4), *ids] if person else []
    if seg in _X12_PERSON_ONLY:
        return list(_X12_PERSON_ONLY[seg]) if person else []
    if seg == "REF":
        kind = _X12_REF.get(code(0))
        return [] if kind is None else [(kind, 1)]
    if seg == "PER":  # a contact: its name, then up to three (qualifier, number) pairs
        pairs = [(code(i), i + 1) for i in (2, 4, 6)]
        return [("name", 1)] + [
            ("phone" if q in _X12_PHONES else "email", i)
            for q, i in pairs
            if q in _X12_PHONES or q == "EM"
        ]
    return [("account", 0)] if seg == "CLM" else []


def _x12(text: str, recognizer: str) -> list[Finding]:
    out: list[Finding] = []
    isa = next(finditer(_ISA, text), None)
    done = -1
    for nm1 in finditer(_X12_NM1, text):
        sep = nm1["sep"] if isa is None else isa["sep"]
        at = nm1.start()
        if at < done or not (line_opens(text, at) or not text[at - 1 : at].isalnum()):
            continue  # inside the run of segments the previous NM1 started, or inside a word
        person = False
        for seg, els in _x12_segments(text, nm1.start(), sep):
            done = els[-1][1]

            def code(i: int, els: list[tuple[int, int]] = els) -> str:
                return text[els[i][0] : els[i][1]].strip().upper() if i < len(els) else ""

            if seg == "NM1":
                person = code(1) == "1"
            for kind, i in _x12_values(seg, code, person):
                if i < len(els):
                    s, e = _trimmed(text, *els[i], kind)
                    if s < e:
                        out.append(kind_finding(kind, s, e, recognizer))
    return out


def _aamva(text: str, recognizer: str) -> list[Finding]:
    lines = [m for m in finditer(_AAMVA_LINE, text) if _aamva_opens(text, m.start())]
    out: list[Finding] = []
    block: list[re.Match[str]] = []
    for m in [*lines, None]:
        if m is not None and (not block or m.start() - block[-1].end() <= _AAMVA_GAP):
            block.append(m)
            continue
        if len({b["id"] for b in block}) >= _AAMVA_MIN and any(
            b["id"] in _AAMVA_DATES and _DATE_DIGITS.match(b["v"]) for b in block
        ):
            for b in block:
                kind = _AAMVA[b["id"]]
                s, e = _trimmed(text, b.start("v"), b.end("v"), kind)
                if kind == "name":
                    for p in _NAME_PARTS.finditer(text, s, e):
                        ps, pe = _trimmed(text, p.start(), p.end())
                        if ps < pe:
                            out.append(kind_finding("name", ps, pe, recognizer))
                elif s < e and (kind not in ("licence", "id") or _HAS_DIGIT.search(text, s, e)):
                    out.append(kind_finding(kind, s, e, recognizer))
        block = [] if m is None else [m]
    return out


class InterchangeRecognizer:
    """Findings in HL7 v2, X12 and AAMVA text, by each standard's field map (see the module).

    Attributes:
        name: ``"interchange"``.
    """

    name = "interchange"
    normalized_view = False
    """Not run again on the de-evaded view: that view joins a token split across a line break
    ("613-2155\\nitem4.ADR" becomes one token), which would run one record's value into the next
    line's; the formats' own structure is what is read."""
    prefilter_patterns = (
        _HL7_LINE,
        _MSH,
        _X12_NM1,
        _ISA,
        _AAMVA_LINE,
        *IMAGING_PATTERNS,
        XML_PATTERN,
        *TRADE_PATTERNS,
        *CARD_PATTERNS,
    )
    """Where a segment or element line can start (the prefilter finds them in one pass)."""

    def find(self, text: str) -> list[Finding]:
        """The personal values in the interchange segments of ``text``.

        Args:
            text: the text to scan.

        Returns:
            One finding per value (a name's family and given names apart), message index 0.
        """
        out: list[Finding] = []
        if next(finditer(_HL7_LINE, text), None) is not None:
            out.extend(_hl7(text, self.name))
        if next(finditer(_X12_NM1, text), None) is not None:
            out.extend(_x12(text, self.name))
        if next(finditer(_AAMVA_LINE, text), None) is not None:
            out.extend(_aamva(text, self.name))
        out.extend(imaging_findings(text, self.name))  # DICOM and FHIR
        out.extend(xml_findings(text, self.name))  # <LastName>, ISO 20022 <Nm>, CDA <family>
        out.extend(trade_findings(text, self.name))  # EDIFACT segments, NACHA ACH entries
        out.extend(card_findings(text, self.name))  # vCard properties, iCalendar CN=
        return out
