"""Numbers that count things or date them, beside a street's building number.

A building number and the words after it look like a count of things (``3 reels``, ``12
Angry Men``) or a year (``Ayres 1881``). The run rules of :mod:`.address_lower_run` ask these
helpers whether a number stands in a list of counted things or is a year.
"""

from __future__ import annotations

import re

__all__ = ["counted_before", "counted_lines", "counted_word", "year"]

_COUNTED = re.compile(r"[ \t>*-]*\d{1,3}x?[ \t]+[^\W\d_]")


def counted_lines(text: str, at: int) -> bool:
    """Whether the line before or after ``at``'s line starts with a count and a word, like
    ``at``'s: a list of counted items (a deck, a recipe), no street."""
    start = text.rfind("\n", 0, at) + 1
    end = text.find("\n", at)
    before = text.rfind("\n", 0, max(0, start - 1)) + 1
    return bool(
        (start and _COUNTED.match(text, before, start))
        or (end >= 0 and _COUNTED.match(text, end + 1))
    )


_COUNT_BEFORE = re.compile(r"\d{1,5}[ \t]+[^\W\d_][\w'’-]*,[ \t]*\Z")


def counted_before(text: str, at: int) -> bool:
    """Whether a count and a word stand before the comma before ``at``: a list of counted
    things (``3 reels, 4 Carousels``), not an organisation before its street (``Turunen Oyj,
    86 Salakkabulevardi``)."""
    return _COUNT_BEFORE.search(text, max(0, at - 40), at) is not None


def year(number: str) -> bool:
    """Whether ``number`` is a year from 1500 to 2099 (``Ayres 1881``)."""
    return len(number) == 4 and number.isdigit() and 1500 <= int(number) < 2100  # "Ayres 1881"


_PLACE_BEFORE = re.compile(r"(?i:\b(?:at|on|to|from|near|in)[ \t]+|:[ \t]*)$")


def counted_word(text: str, number: str, at: int) -> bool:
    """Whether one capitalised word (no street type) after the one-digit number at
    ``at`` counts something, no street (``by over 2 BLEU``, ``cues. 1 Overfeeding can``),
    unless a place preposition or a colon stands right before the number (``at 5 Klaverhei``,
    ``My house: 5 Klaverhei``)."""
    return len(number) == 1 and not _PLACE_BEFORE.search(text, max(0, at - 8), at)
