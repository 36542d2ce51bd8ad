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

A name-dense paste asks this of hundreds of names: :class:`Records` finds the text's record
matches once (one scan, ~1 ms per 10 KB) and answers each name by bisection, where a search of
each name's 300-character window cost ~55 us (the e-mail alternative backtracks over every word
of it): 14 of a 10 KB CSV export's 50 ms.
"""

from __future__ import annotations

import bisect
import re

from hybridllm.classifiers.name_context import STAMPED_TURN

__all__ = ["NEAR", "Records", "record_like", "record_near"]

NEAR = 150  # characters around a name searched for contact details
_RECORD = re.compile(
    r"[\w.+-]+@[\w-]+\.\w"  # e-mail address
    r"|\+?\(?\d{2,4}\)?[ .-]\d{3}[ .-]?\d{3,4}\b"  # phone number
    r"|\b\d{6,}\b|#\d{3,}\b|\b[A-Z]{1,4}-?\d{4,}\b"  # long number, ticket / account id
    r"|\b\d{1,5}[ \t]+(?:[A-Z]\w+[ \t]+){1,3}(?i:street|st|avenue|ave|road|rd|lane|ln|drive"
    r"|boulevard|blvd|way|court|ct|place|pl)\b"  # street address
)
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

    def near(self, start: int, end: int) -> bool:
        """Whether a match overlaps the ``NEAR`` characters around ``text[start:end]``."""
        if self._starts is None:
            self._scan()
        starts = self._starts
        assert starts is not None
        lo, hi = max(0, start - NEAR), end + NEAR
        # The matches do not overlap and are in order: the last one starting before ``hi``
        # ends furthest; it overlaps the window when it ends after ``lo``.
        k = bisect.bisect_left(starts, hi)
        return k > 0 and self._ends[k - 1] > lo

    def _scan(self) -> None:
        text = self.text
        urls = "://" in text or "www." in text
        spans = [
            m.span()
            for m in _RECORD.finditer(text)
            if not (urls and _in_url(text, m.start(), m.end()))
        ]
        self._starts = [s for s, _ in spans]
        self._ends = [e for _, e in spans]


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
