"""Digits that only look like a phone or a card number: parts of a run of numbers, a count, a
URL's slug.

A phone number's groups of digits pass the phone rules wherever they stand, and a Luhn-valid run
of groups the card rule. Three kinds of text hold such groups and no phone or card:

- a run of bare numbers (an array or a matrix printed with spaces, token ids, a column of
  values): ``[ 259 264 22987 269 121356 347 259 3001 1027 287`` holds ``347 259 3001`` and a
  "card" ``5902 14156 259 114959``. A phone or a card written among words has a word, a label
  or a line's edge on at least one side; here a bare number stands right before the groups *and*
  right after them, on the same line, apart only by spaces;
- a count: three groups or more, each one more than the one before (``028 029 030 031`` in a
  grid of pixel indices);
- a URL's slug: the digits glued by a hyphen or a letter to the words of a path
  (``https://www.acquisition.gov/dfars/252.204-7021-cybersecurity...``). A phone a URL carries as
  a value (``wa.me/15551234567``, ``?phone=555-123-4567``) stands apart from letters and stays.

:class:`NumberRunRecognizer` is the generic pattern recognizer less such phone and card findings;
:func:`counting_groups` is also asked by the national-phone rule (:mod:`.phones`).
"""

from __future__ import annotations

import re
from itertools import pairwise

from hybridllm.classifiers.base import RegexRecognizer
from hybridllm.models import Finding

__all__ = ["NumberRunRecognizer", "counting_groups", "in_number_run", "in_url_slug"]

_NUMBERS = frozenset({"PHONE_NUMBER", "CREDIT_CARD"})
_GROUPS = re.compile(r"\d+(?:[ -]\d+){2,}")
_SPACED = re.compile(r"\d+(?: \d+)+")
_SPLIT = re.compile(r"[ -]")
# A bare number right before (ending where the groups' spaces begin) or right after them.
_NUMBER_BEFORE = re.compile(r"(?:^|[\s\[(,;])[-+]?\d+(?:\.\d+)?[ \t]+\Z")
_NUMBER_AFTER = re.compile(r"\A[ \t]+[-+]?\d+(?:\.\d+)?(?:[\s\]),;]|\Z)")
_REACH = 32  # characters read on either side
_URL_START = re.compile(r"https?://|www\.", re.IGNORECASE)


def counting_groups(value: str) -> bool:
    """Whether ``value`` is three groups of digits or more, each one more than the one before
    (``028 029 030 031``, ``7-8-9``): a count, no phone number."""
    if not _GROUPS.fullmatch(value):
        return False
    numbers = [int(g) for g in _SPLIT.split(value)]
    return all(b == a + 1 for a, b in pairwise(numbers))


def in_number_run(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]``, groups of digits apart by spaces, stands between two bare
    numbers on its line (an array or a matrix of numbers, see the module docstring)."""
    if not _SPACED.fullmatch(text, start, end):
        return False
    before = _NUMBER_BEFORE.search(text[max(0, start - _REACH) : start])
    if before is None:
        return False
    return _NUMBER_AFTER.match(text[end : end + _REACH]) is not None


def in_url_slug(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` stands in a URL glued to the words of its path by a hyphen or
    a letter (``/252.204-7021-cybersecurity``; see the module docstring)."""
    lo = start
    while lo > 0 and not text[lo - 1].isspace() and start - lo < 2048:
        lo -= 1
    if not _URL_START.search(text, lo, start):
        return False
    glued_before = text[start - 1].isalpha() or text[start - 1] == "-"
    after = text[end : end + 2]
    glued_after = bool(after) and (after[0].isalpha() or (after[0] == "-" and after[1:].isalpha()))
    return glued_before or glued_after


class NumberRunRecognizer(RegexRecognizer):
    """The generic pattern recognizer, less the phone and card findings that are parts of a run
    of numbers, a count or a URL's slug (see the module docstring)."""

    def find(self, text: str) -> list[Finding]:
        """Run every rule over ``text`` and drop those findings.

        Args:
            text: the text to scan.

        Returns:
            The findings kept, in the rules' order.
        """
        found = super().find(text)
        if not any(f.entity_type in _NUMBERS for f in found):
            return found
        return [
            f
            for f in found
            if f.entity_type not in _NUMBERS
            or not (
                counting_groups(text[f.start : f.end])
                or in_number_run(text, f.start, f.end)
                or in_url_slug(text, f.start, f.end)
            )
        ]
