"""Undo common evasions before matching, keeping a map back to the original offsets.

A prompt can hide an identifier from a regex without hiding it from a reader (or an LLM):
zero-width characters inside a key, full-width digits, URL-encoding, digits written one by one
("4 1 1 1 ..." / "41-11-11-..."), or a token split over two lines. :func:`normalize` builds a
second view of the text with those undone and, for every character of that view, the span of
the original text it came from. Recognizers run on the view; their spans are mapped back with
:meth:`Normalized.to_original`, so redaction removes the original (evasive) characters.

The view is only built when the text contains something to undo (:func:`normalize` returns
None otherwise): the common case costs one regex search.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

__all__ = ["Normalized", "normalize"]

_ZERO_WIDTH = frozenset("\u200b\u200c\u200d\u2060\ufeff\u00ad\u180e\u2061\u2062\u2063\u2064")
_HEX = "0123456789abcdefABCDEF"
_URL_SAFE = frozenset("-_.@+:/~=")

# Anything worth a second look: zero-width / non-ASCII, %XX, digit runs split by single
# separators (a token broken by a newline is checked separately, see _splits).
_TRIGGER = re.compile(r"[^\x00-\x7f]|%[0-9A-Fa-f]{2}|\d{1,2}(?:[ .-]\d{1,2}){3,}")
# Single/double digits separated by single spaces, dashes or dots, 7+ digits in all.
_SPLIT_DIGITS = re.compile(r"(?<![\w.-])\d{1,2}(?:[ .-]\d{1,2}){3,}(?![\w.-]|[ .-]\d)")
# A newline inside a long token: both sides runs of token characters (keys, emails), together
# >= 12 chars with a digit or an "@"; or two digit runs together 7-19 digits (cards, phones).
# Not when the next line starts a "key = value" / "key: value" pair.
_SPLIT_TOKEN = re.compile(r"([A-Za-z0-9_+/.@-]{3,})\r?\n([A-Za-z0-9_+/=.@-]{3,}+)(?![ \t]*[:=])")
_SPLIT_NUMBER = re.compile(r"(?<![\w.-])(\d{2,})\r?\n(\d{2,})(?![\w-])")


@dataclass(frozen=True, slots=True)
class Normalized:
    """A normalized view of a text.

    Attributes:
        text: the normalized text.
        starts: for each character of ``text``, the offset in the original where it starts.
        ends: for each character of ``text``, the offset in the original one past its end.
    """

    text: str
    starts: tuple[int, ...]
    ends: tuple[int, ...]

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map a ``[start, end)`` span of the view to a span of the original text."""
        return self.starts[start], self.ends[end - 1]


def _char_map(text: str) -> tuple[list[str], list[int], list[int]]:
    chars: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    i = 0
    n = len(text)
    while i < n:
        c = text[i]
        if c in _ZERO_WIDTH:
            i += 1
            continue
        if c == "%" and i + 2 < n + 0 and text[i + 1 : i + 3].isascii():
            pair = text[i + 1 : i + 3]
            if len(pair) == 2 and pair[0] in _HEX and pair[1] in _HEX:
                decoded = chr(int(pair, 16))
                if decoded.isalnum() or decoded in _URL_SAFE:
                    chars.append(decoded)
                    starts.append(i)
                    ends.append(i + 3)
                    i += 3
                    continue
        if not c.isascii():
            folded = unicodedata.normalize("NFKC", c)
            if len(folded) == 1 and folded.isascii():
                c = folded
        chars.append(c)
        starts.append(i)
        ends.append(i + 1)
        i += 1
    return chars, starts, ends


def _drop(chars: list[str], starts: list[int], ends: list[int], positions: set[int]) -> None:
    """Remove the characters at ``positions``, keeping the three lists aligned."""
    keep = [i for i in range(len(chars)) if i not in positions]
    chars[:] = [chars[i] for i in keep]
    starts[:] = [starts[i] for i in keep]
    ends[:] = [ends[i] for i in keep]


def _splits(view: str) -> set[int]:
    """Positions of the newlines (and CRs) inside a split token or number."""
    drop: set[int] = set()
    if "\n" not in view:
        return drop
    for m in _SPLIT_NUMBER.finditer(view):
        if 7 <= len(m.group(1)) + len(m.group(2)) <= 19:
            drop.update(range(m.end(1), m.start(2)))
    for m in _SPLIT_TOKEN.finditer(view):
        joined = m.group(1) + m.group(2)
        if (
            m.end(1) not in drop
            and len(joined) >= 12
            and (any(ch.isdigit() for ch in joined) or "@" in joined)
            and not m.group(1).endswith(".")
            and not m.group(2).startswith(".")
        ):
            drop.update(range(m.end(1), m.start(2)))
    return drop


def normalize(text: str) -> Normalized | None:
    """Return the de-evaded view of ``text``, or None when there is nothing to undo.

    Args:
        text: the original text.

    Returns:
        The view and its offset map, or None if the view would equal ``text``.
    """
    if _TRIGGER.search(text) is None:
        drop = _splits(text)
        if not drop:
            return None
        chars, starts, ends = list(text), list(range(len(text))), list(range(1, len(text) + 1))
    else:
        chars, starts, ends = _char_map(text)
        view = "".join(chars)
        drop = set()
        for m in _SPLIT_DIGITS.finditer(view):
            if sum(ch.isdigit() for ch in m.group()) >= 7:
                drop.update(m.start() + k for k, ch in enumerate(m.group()) if not ch.isdigit())
        drop |= _splits(view)
    if drop:
        _drop(chars, starts, ends, drop)
    view = "".join(chars)
    if view == text:
        return None
    return Normalized(view, tuple(starts), tuple(ends))
