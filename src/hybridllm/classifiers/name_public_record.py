"""Contact details and identifiers near a name: a private person's record, not a mention of a
public figure (the evidence :mod:`hybridllm.classifiers.name_public` keeps a name for).

:func:`record_near` tells whether an e-mail address, a phone number, a long number or an id, or
a street address stands within ``_NEAR`` characters of a name. Digits inside a web address are
none of these: pasted web search results, citations and links carry article ids and dates in
their URLs (``https://www.aljazeera.com/news/2021/11/14/...-192654``,
``https://stackoverflow.com/questions/64419367/...``), and every public name beside them read
as a record. A match that lies in a URL (a whitespace-delimited token holding ``://`` or
starting ``www.``) does not count; an e-mail address or a phone number written beside the URL
still does. :func:`record_like` reads the rest of a private person's context: a speaker of a
transcript, a table or CSV row, a personal cue or a field label before the name.

A name-dense paste asks this of hundreds of names: :class:`Records` answers a text's first
names from their own windows and, past ``_WINDOWED`` of them, scans the whole text once and
answers by bisection. Each kind of record is its own pattern (one alternation of them all tried
every kind at every position, the e-mail address's local part backtracking over every word:
~55 us a window, 14 of a 10 KB CSV export's 50 ms), and an e-mail address is read from its
"@" outward.
"""

from __future__ import annotations

import bisect
import re

from hybridllm.classifiers.name_context import STAMPED_TURN

__all__ = ["NEAR", "Records", "record_like", "record_near"]

NEAR = 150  # characters around a name searched for contact details
# The kinds of record, each its own pattern: one alternation of them all tried every kind at
# every position of a text, and the e-mail address's ``[\w.+-]+@`` backtracked over every word
# (a 10 KB clinical note: ~1.4 ms); apart, each fails at once where no digit or capital is.
_PARTS = (
    re.compile(r"\+?\(?\d{2,4}\)?[ .-]\d{3}[ .-]?\d{3,4}\b"),  # phone number
    re.compile(r"\b\d{6,}\b|#\d{3,}\b|\b[A-Z]{1,4}-?\d{4,}\b"),  # long number, ticket / account id
    re.compile(
        r"\b\d{1,5}[ \t]+(?:[A-Z]\w+[ \t]+){1,3}(?i:street|st|avenue|ave|road|rd|lane|ln|drive"
        r"|boulevard|blvd|way|court|ct|place|pl)\b"  # street address
    ),
)
_WINDOWED = 16  # names of a text asked about one by one, before its whole text is scanned
_MARGIN = 64  # characters around a window also searched (a match reaching into it)
_MAIL_LOCAL = re.compile(r"[\w.+-]")  # a character of an e-mail address's local part
_MAIL_DOMAIN = re.compile(r"@[\w-]+\.\w")  # the "@" and a domain after it
_SPACE = re.compile(r"\s")
# A personal cue or a field label right before the name (same line).
_PERSONAL = re.compile(
    r"(?i:(?:\b(?:my|our|your)\s+(?:[\w-]+\s+)?|\bI\s*(?:am|'m|’m)\s+"
    r"|\bname\s*(?:is|was)\s*|\bcall(?:ed)?\s+(?:me|him|her)\s+"
    r"|\b(?:dear|hi|hello|hey|thanks|thank\s+you|cc|attn|signed|sincerely|regards|ask|tell"
    r"|email|e-mail|call|text|remind|ping|invite|meet|met|thank|pick(?:s|ed|ing)?\s+up"
    r"|drop(?:s|ped|ping)?\s+off|(?:ran|run|runs|bumped|bump)\s+into|(?:shouted|yelled)\s+for"
    r"|patient|client|customer|employee|user|contact|mr|mrs|ms|mx)\b\W{0,3}"
    r"|\b(?:\w*name|owner|by|from|to|assignee|contact|customer|client|user|employee|patient"
    r"|member|guest|attendee|applicant|student|candidate)['\"]?\s*[:=]\s*['\"]?)$)"
)
# A naming cue: whoever is named so could be anyone, a public figure too ("named Kubrick");
# a character is introduced so too ("a cat named Bernie").
_NAMING = re.compile(r"(?i:\b(?:named|called)\s+$)")

_SPEAKER = re.compile(r"[ \t]*:")
_TABLE = re.compile(r"\t|\|.*\|")
_DIGIT = re.compile(r"\d")
# Three fields of at most four words each ("Ana Ruiz, 34, Lima, ..."), not a clause of prose.
_CSV_ROW = re.compile(r"(?:[ \t]*[^,\n \t]*(?:[ \t]+[^,\n \t]+){0,3},){3}")


class Records:
    """The record-like matches of one text (outside web addresses), found on the first
    question and kept for the text's other names. One per text, per call: nothing outlives it.

    Attributes:
        text: the text.
    """

    def __init__(self, text: str) -> None:
        """Args:
        text: the text the names are in.
        """
        self.text = text
        self._starts: list[int] | None = None
        self._ends: list[int] = []
        self._asked = 0

    def near(self, start: int, end: int) -> bool:
        """Whether a match overlaps the ``NEAR`` characters around ``text[start:end]``."""
        lo, hi = max(0, start - NEAR), end + NEAR
        if self._starts is None:
            self._asked += 1
            if self._asked <= _WINDOWED:  # a few names: their windows only (a whole note
                return bool(self._spans(lo, hi, lo, hi))  # is scanned for many)
            self._scan()
        starts = self._starts
        assert starts is not None
        # ``_ends[k]`` is the furthest end of the matches starting at or before ``starts[k]``:
        # the window holds one when those starting before ``hi`` reach past ``lo``.
        k = bisect.bisect_left(starts, hi)
        return k > 0 and self._ends[k - 1] > lo

    def _scan(self) -> None:
        spans = self._spans(0, len(self.text), -1, len(self.text) + 1)
        spans.sort()
        self._starts = [s for s, _ in spans]
        reach = 0
        self._ends = []
        for _, e in spans:
            reach = max(reach, e)
            self._ends.append(reach)

    def _spans(self, lo: int, hi: int, over_lo: int, over_hi: int) -> list[tuple[int, int]]:
        """The matches found from ``_MARGIN`` before ``lo`` to ``_MARGIN`` after ``hi`` that
        overlap ``[over_lo, over_hi)``, outside web addresses."""
        text = self.text
        a, b = max(0, lo - _MARGIN), min(len(text), hi + _MARGIN)
        spans = [m.span() for part in _PARTS for m in part.finditer(text, a, b)]
        at = text.find("@", a, b)
        while at >= 0:  # an e-mail address: its local part, then "@domain.x"
            domain = _MAIL_DOMAIN.match(text, at)
            if domain is not None:
                first = at
                while first > 0 and _MAIL_LOCAL.match(text, first - 1):
                    first -= 1
                if first < at:
                    spans.append((first, domain.end()))
            at = text.find("@", at + 1, b)
        spans = [(s, e) for s, e in spans if s < over_hi and e > over_lo]
        if spans and ("://" in text or "www." in text):
            spans = [(s, e) for s, e in spans if not _in_url(text, s, e)]
        return spans


def record_near(text: str, start: int, end: int) -> bool:
    """Whether contact details or an identifier stand within ``NEAR`` characters of
    ``text[start:end]``, outside web addresses (see the module docstring). For many names of
    one text, ask one :class:`Records`.

    Args:
        text: the text.
        start: offset of the name.
        end: end offset of the name.

    Returns:
        True when a record-like match overlaps the characters around the name and lies in no URL.
    """
    return Records(text).near(start, end)


def _in_url(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` lies in a whitespace-delimited token that is a web address."""
    i = start
    while i > 0 and not text[i - 1].isspace():
        i -= 1
    m = _SPACE.search(text, end)
    token = text[i : m.start() if m else len(text)]
    return "://" in token or token.startswith(("www.", "(www.", "[www."))


def _line(text: str, start: int, end: int) -> str:
    return text[text.rfind("\n", 0, start) + 1 : (text.find("\n", end) + 1 or len(text) + 1) - 1]


def record_like(
    records: Records, start: int, end: int, *, named: bool = True, speaker: bool = True
) -> bool:
    """Whether the name at ``text[start:end]`` sits in a record, a form, a table or after a
    personal cue (see the module docstring); after a naming cue too unless ``named`` is
    False (a character "named Bernie" is introduced so); as a speaker of a transcript unless
    ``speaker`` is False (a run of everyday words before a colon is a heading: ``Pain Point:``).

    Args:
        records: the text's records (:class:`Records`).
        start: offset of the name.
        end: end offset of the name.
        named: a naming cue counts.
        speaker: a speaker's place in a transcript counts.

    Returns:
        True when the name's context is a private person's record.
    """
    if records.near(start, end):
        return True
    text = records.text
    line = _line(text, start, end)
    if (
        speaker
        and _SPEAKER.match(text, end)
        and (
            text[text.rfind("\n", 0, start) + 1 : start].strip(" >") == ""
            or STAMPED_TURN.fullmatch(text, text.rfind("\n", 0, start) + 1, start) is not None
        )
    ):
        return True  # a speaker of a chat transcript: "Euphrosyne: Who are you?"
    if _TABLE.search(line) or (_CSV_ROW.match(line) and _DIGIT.search(line)):
        return True
    return _PERSONAL.search(text, max(0, start - 40), start) is not None or (
        named and _NAMING.search(text, max(0, start - 40), start) is not None
    )
