"""Phone numbers beside a person's details: digit groups no rule took, in a contact's record.

The pattern rules take a national number without a country code only next to a phone word
(``call``, ``tel``, ``text``...) or, in prose, with a trunk ``0`` (:mod:`.phones`), because a bare
digit group is usually an amount, a date, an id or a version. Countries that dial no trunk
prefix (Luxembourg's ``621 692 643``, Estonia's ``5990 7198``, Tunisia's ``98 927 134``) write
their local numbers as nothing but such groups, and in a contact list (``- Sandt, Fohl: 621 692
643``) no phone word stands beside them. There the neighbour says what the value is: a digit
group of a phone's shape within a short distance of a person's name, an e-mail address or a
street address that the other recognizers found is taken as that person's phone number. What
is not known to be something else, beside a person, is redacted.

A value counts when it is 7 to 12 digits in two to five groups apart by single spaces or
hyphens (an area code may stand in brackets), at least three distinct digits, not glued to a
word, a ``+``, ``#``, ``.``, ``/`` or ``:`` (ids, versions, decimals, times), not a date, not
a run of years (``1999 2007``), not an id after a year (``2024-118``), and not inside any other
finding. The anchor is found by the other recognizers, so this adds no finding to a text that
has no person in it.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Sequence

from hybridllm.models import Finding, new_finding

__all__ = ["BESIDE_PHONE", "phones_beside"]

BESIDE_PHONE = "phones+beside"
"""The recognizer name of the findings this module adds."""

_ANCHORS = frozenset({"PERSON", "EMAIL_ADDRESS", "STREET_ADDRESS"})
_REACH = 120  # characters between the value and its anchor's nearer end

_GROUPED = re.compile(
    r"(?<![\w+#./:,-])(?P<v>(?:\(\d{2,5}\)[ ]?|\d{2,5}[ -])\d{2,5}(?:[ -]\d{2,5}){0,3})"
    r"(?![\w/]|[.,:-]\d)"
)
# A North American number of ten digits in one run ("4045143167": NXX NXX XXXX, N from 2): taken
# only right after a person's name, e-mail or address, a comma, colon, dash or bracket between
# ("Witness: Jernej Ilić, 4045143167"): a run of digits elsewhere is an id, an order, an amount.
_BARE = re.compile(r"(?<![\w+#./:,-])[2-9]\d\d[2-9]\d{6}(?![\w/]|[.,:-]\d)")
_BESIDE_GAP = re.compile(r"[ \t]*[,:;(–-]?[ \t]*\Z")
_DIGIT_GROUP = re.compile(r"\d[) -]{1,2}\d\d")  # what every value holds: most texts have none
_DATE = re.compile(r"\d{4}-\d{1,2}-\d{1,2}|\d{1,2}-\d{1,2}-\d{2,4}")
_YEAR = re.compile(r"(?:19|20)\d\d")
_DIGITS = re.compile(r"\d+")
_MONEY_BEFORE = re.compile(r"[$€£¥₹][ ]?$")
_UNIT_AFTER = re.compile(r"[ ]?(?:%|[A-Z]{3}\b|(?:k|m|bn|kg|km|mb|gb|px)\b)")


def _phone_shaped(value: str) -> bool:
    groups = _DIGITS.findall(value)
    digits = "".join(groups)
    if not 7 <= len(digits) <= 12 or len(set(digits)) <= 2 or _DATE.search(value):
        return False
    if all(_YEAR.fullmatch(g) for g in groups):
        return False  # "1999 2007": years
    return not (_YEAR.fullmatch(groups[0]) and value[4:5] == "-")  # "2024-118": an id


_Union = tuple[list[int], list[int]]


def _merged(spans: Iterable[tuple[int, int]]) -> _Union:
    """The union of ``spans`` as sorted, disjoint ``(starts, ends)``."""
    starts: list[int] = []
    ends: list[int] = []
    for s, e in sorted(spans):
        if ends and s <= ends[-1]:
            ends[-1] = max(ends[-1], e)
        else:
            starts.append(s)
            ends.append(e)
    return starts, ends


def _meets(union: _Union, start: int, end: int) -> bool:
    """Whether ``[start, end)`` overlaps the union :func:`_merged` made."""
    k = bisect_right(union[0], end - 1) - 1
    return k >= 0 and union[1][k] > start


def phones_beside(text: str, found: Sequence[Finding]) -> list[Finding]:
    """Phone-shaped digit groups near a person's name, e-mail or street address.

    Args:
        text: the text the findings were made on.
        found: every finding of the other recognizers on ``text`` (offsets into it).

    Returns:
        ``PHONE_NUMBER`` findings (category PII, recognizer :data:`BESIDE_PHONE`) for values
        no finding covers.
    """
    anchors = [(f.start, f.end) for f in found if f.entity_type in _ANCHORS]
    if not anchors:
        return []
    out = _bare(text, found, {e for _, e in anchors})
    if not _DIGIT_GROUP.search(text):
        return out
    unions: tuple[_Union, _Union] | None = None  # built at the first value of a phone's shape
    for m in _GROUPED.finditer(text):
        start, end = m.span("v")
        if not _phone_shaped(m.group("v")):
            continue
        if _MONEY_BEFORE.search(text, max(0, start - 2), start) or _UNIT_AFTER.match(text, end):
            continue  # an amount or a measure
        if unions is None:
            near = _merged((s - _REACH, e + _REACH) for s, e in anchors)
            unions = near, _merged((f.start, f.end) for f in found)
        if not _meets(unions[0], start, end) or _meets(unions[1], start, end):
            continue
        out.append(_phone(start, end))
    return out


def _phone(start: int, end: int) -> Finding:
    return new_finding(
        entity_type="PHONE_NUMBER",
        category="PII",
        start=start,
        end=end,
        score=0.5,
        recognizer=BESIDE_PHONE,
    )


def _bare(text: str, found: Sequence[Finding], ends: set[int]) -> list[Finding]:
    """Ten-digit North American numbers in one run right after an anchor (see :data:`_BARE`)."""
    out: list[Finding] = []
    for m in _BARE.finditer(text):
        start, end = m.span()
        gap = _BESIDE_GAP.search(text, max(0, start - 4), start)
        if gap is None or gap.start() not in ends:
            continue
        if any(f.start < end and start < f.end for f in found):
            continue  # another finding took it
        out.append(_phone(start, end))
    return out
