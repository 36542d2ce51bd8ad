"""Undo common evasions before matching, keeping a map back to the original offsets.

A prompt can hide an identifier from a regex without hiding it from a reader (or an LLM):
zero-width characters inside a key, full-width digits, URL-encoding, digits written one by one
("4 1 1 1 ..." / "41-11-11-..."), or a token split over two lines. :func:`normalize` builds a
second view of the text with those undone and, for every character of that view, the span of
the original text it came from. Recognizers run on the view; their spans are mapped back with
:meth:`Normalized.to_original`, so redaction removes the original (evasive) characters. The
view is only built when there is something to undo (else None): mostly one regex search.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import overload

from hybridllm.classifiers.normalize_letters import spelt_separators as _letters

__all__ = ["SPACES", "Normalized", "normalize", "spaced"]

SPACES = (
    "\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000"
)
"""The characters that NFKC folds to an ASCII space (no-break, thin, em, ideographic ...)."""
_ZERO_WIDTH = frozenset("\u200b\u200c\u200d\u2060\ufeff\u00ad\u180e\u2061\u2062\u2063\u2064")
_HEX = "0123456789abcdefABCDEF"
_URL_SAFE = frozenset("-_.@+:/~=")

# Between digits written one by one: a space, a dash, dot or slash with optional spaces, or a
# bracket ("4 1 6 - 8 3 9", "( 0 7 7 0 0 ) 9 0 0").
_SEP = r"(?: ?[./-] ?| ?[()] ?| )"
# Anything worth a second look: zero-width / non-ASCII, %XX, digit runs split by single
# separators (a token broken by a newline is checked separately, see _splits).
_TRIGGER = re.compile(r"[^\x00-\x7f]|%[0-9A-Fa-f]{2}|\d{1,2}(?:" + _SEP + r"\d{1,2}){3,}")
# Single/double digits separated by single spaces, dashes or dots, 7+ digits in all.
# What the per-character map would change: zero-width characters and %XX escapes (and, checked
# separately, characters that NFKC folds).
_MAPPED = re.compile("[" + "".join(sorted(_ZERO_WIDTH)) + r"]|%[0-9A-Fa-f]{2}")
_SPLIT_DIGITS = re.compile(
    r"(?<![\w.-])(?:\( ?)?\d{1,2}(?:" + _SEP + r"\d{1,2}){3,}(?![\w.-]|[ .-]\d)"
)
_DIGIT_GROUPS = re.compile(r"\d{1,2}(?:" + _SEP + r"\d{1,2}){3,}")
# A newline inside a long token: both sides runs of token characters (keys, emails), together
# >= 12 chars with a digit or an "@"; or two digit runs together 7-19 digits (cards, phones).
# Not when the next line starts a "key = value" / "key: value" pair or a record ("NK1|...").
# (A run is tried from its first character only: from inside it, it would fail the same way.)
_SPLIT_TOKEN = re.compile(
    r"(?<![A-Za-z0-9_+/.@-])([A-Za-z0-9_+/.@-]{3,}+)\r?\n([A-Za-z0-9_+/=.@-]{3,}+)(?![ \t]*[:=]|\|)"
)
# A log line starts with a date or a time: the token before it ended the previous line.
_LOG_LINE = re.compile(r"\d{4}-\d\d-\d\d|\d\d:\d\d[:.]")
_SPLIT_NUMBER = re.compile(r"(?<![\w.-])(\d{2,})\r?\n(\d{2,})(?![\w-])")
# A password broken over a line after its keyword, with the symbols passwords use
# ("password: Xk9%#&pq\nL2mz!"): both parts without spaces or quotes, one with a symbol.
_SPLIT_PASSWORD = re.compile(
    r"(?i:\b(?:pass(?:word|wd|phrase|code)?|pwd|pin|secret)\b)[^\n]{0,24}?[:=\s]"
    r"['\"]?([^\s'\"]{3,64})\r?\n([^\s'\"]{2,64})(?![ \t]*[:=])"
)
# A keyword of _SPLIT_PASSWORD, found from its first letter (no per-position word-boundary try).
_PASSWORD_KEY = re.compile(
    r"[PpSsſ](?<![\w][PpSsſ])(?i:(?<=p)(?:ass(?:word|wd|phrase|code)?|wd|in)|(?<=s)ecret)\b"
)
_TOKEN_CHARS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_+/.@-")
_PASSWORD_SYMBOLS = frozenset("%#&!$*^~@?+=")


# Characters of unchanged text kept around each change in the view (keywords such as "MRN:"
# or "password =" sit well within this), and what joins the kept regions.
_CONTEXT = 240
# Around a typographic change only (a digit written as a subscript, superscript or in full
# width, a no-break space, digit groups joined): the value it is part of and its label.
_TYPO_CONTEXT = 96
_SEPARATOR = "\n\n\x00\n\n"


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
    words: Normalized | None = None
    """The view for recognizers of words (names): only the places where a change can touch a
    word (see :func:`normalize`), with a few words around each; None when there is none."""

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map a ``[start, end)`` span of the view to a span of the original text."""
        return self.starts[start], self.ends[end - 1]


# Where the per-character map may change something: "%" and every non-ASCII character.
_SPECIAL = re.compile(r"[^\x00-\x24\x26-\x7f]")
# A digit of another script (NFKC keeps it; the view folds it, see _fold); \d first: a fast search.
_OTHER_DIGIT = re.compile(r"\d(?<![0-9])")


_ANY_SPACE = re.compile(f"[{SPACES}]")


def spaced(text: str) -> str:
    """``text`` with every :data:`SPACES` character as an ASCII space (the same length, so
    offsets stay; the same object when there is none). Recognizers read the text this way, so
    a no-break space between the parts of a value needs no normalized view."""
    if text.isascii() or _ANY_SPACE.search(text) is None:
        return text
    # (A regex substitution: ``str.translate`` looks every character of a non-ASCII text up
    # in its table, ~0.7 ms per 10 KB note against ~0.05.)
    return _ANY_SPACE.sub(" ", text)


# Superscript and subscript digits. One written after a letter ("SpO₂", "m²", "H₂O") or up to
# two after a 10 ("x10⁹/L", "x10¹²") are notation, not a digit of a value: they stay as they
# are in the view (folded, "x109/L" read as a code). Anything else folds ("¹²³-⁴⁵-⁶⁷⁸⁹").
_SCRIPT_DIGITS = frozenset("⁰¹²³⁴⁵⁶⁷⁸⁹₀₁₂₃₄₅₆₇₈₉")
_NOTATION = re.compile(
    r"(?<=[^\W\d_⁰¹²³⁴⁵⁶⁷⁸⁹₀₁₂₃₄₅₆₇₈₉])[⁰¹²³⁴⁵⁶⁷⁸⁹₀₁₂₃₄₅₆₇₈₉](?![\d⁰¹²³⁴⁵⁶⁷⁸⁹₀₁₂₃₄₅₆₇₈₉])"
    r"|(?<=10)(?<![\d.]10)[⁰¹²³⁴⁵⁶⁷⁸⁹]{1,2}(?![\d⁰¹²³⁴⁵⁶⁷⁸⁹₀₁₂₃₄₅₆₇₈₉])"
)


@lru_cache(maxsize=4096)
def _fold(c: str) -> str:
    folded = unicodedata.normalize("NFKC", c)
    if len(folded) == 1 and folded.isascii():
        return folded
    # A decimal digit of another script (Arabic-Indic U+0660-0669, Persian U+06F0-06F9,
    # Devanagari, Bengali, Thai, ...): the number it writes is a phone or an id all the same.
    digit = unicodedata.decimal(c, None)
    return c if digit is None else str(digit)


def _folds(text: str) -> bool:
    """Whether :func:`_char_map` would fold any character of ``text`` (a digit of notation
    stays; ``%`` and zero-width characters are checked apart, by ``_MAPPED``)."""
    notation_end = 0
    for m in _SPECIAL.finditer(text):
        c = m.group()
        if c not in _SCRIPT_DIGITS:
            if c != "%" and _fold(c) != c:
                return True
        elif m.start() >= notation_end:
            note = _NOTATION.match(text, m.start())
            if note is None:
                return True
            notation_end = note.end()
    return False


def _char_map(text: str) -> tuple[list[str], list[int], list[int]]:
    """Zero-width characters dropped, ``%XX`` of URL-safe characters decoded, characters that
    NFKC folds to one ASCII character folded; with each view character's original span.
    Plain runs are copied whole: only ``%`` and non-ASCII characters are looked at."""
    chars: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    n = len(text)
    pos = 0
    notation_end = 0  # the end of the notation (see _NOTATION) the last digit was part of
    for m in _SPECIAL.finditer(text):
        i = m.start()
        if i < pos:
            continue  # inside a decoded %XX
        if i > pos:
            chars.extend(text[pos:i])
            starts.extend(range(pos, i))
            ends.extend(range(pos + 1, i + 1))
        c = text[i]
        pos = i + 1
        if c in _ZERO_WIDTH:
            continue
        if c == "%":
            pair = text[i + 1 : i + 3]
            if i + 2 < n and pair.isascii() and pair[0] in _HEX and pair[1] in _HEX:
                decoded = chr(int(pair, 16))
                if (decoded.isascii() and decoded.isalnum()) or decoded in _URL_SAFE:
                    chars.append(decoded)
                    starts.append(i)
                    ends.append(i + 3)
                    pos = i + 3
                    continue
        elif c not in _SCRIPT_DIGITS:
            c = _fold(c)
        elif i >= notation_end:
            note = _NOTATION.match(text, i)
            if note is None:
                c = _fold(c)
            else:
                notation_end = note.end()
        chars.append(c)
        starts.append(i)
        ends.append(i + 1)
    if pos < n:
        chars.extend(text[pos:])
        starts.extend(range(pos, n))
        ends.extend(range(pos + 1, n + 1))
    return chars, starts, ends


def _drop(chars: list[str], starts: list[int], ends: list[int], positions: set[int]) -> None:
    """Remove the characters at ``positions``, keeping the three lists aligned."""
    out_c: list[str] = []
    out_s: list[int] = []
    out_e: list[int] = []
    prev = 0
    for p in sorted(positions):
        out_c.extend(chars[prev:p])
        out_s.extend(starts[prev:p])
        out_e.extend(ends[prev:p])
        prev = p + 1
    out_c.extend(chars[prev:])
    out_s.extend(starts[prev:])
    out_e.extend(ends[prev:])
    chars[:], starts[:], ends[:] = out_c, out_s, out_e


def _plain_word(part: str) -> bool:
    """A short word in one case ("class", "kubectl", "Error"): what ends or starts an ordinary
    line, rarely a piece of a key or id (those mix digits, cases or ``_-./``)."""
    return (
        part.isalpha() and len(part) <= 10 and (part.islower() or part.istitle() or part.isupper())
    )


def _at_line_ends(
    view: str, pattern: re.Pattern[str], in_run: Callable[[str], bool]
) -> Iterator[re.Match[str]]:
    """Exactly ``pattern.finditer(view)`` for a pattern whose matches start where a run of
    ``in_run`` characters starts and ends right before ``\r?\n`` (it is tried only there,
    not at every position)."""
    pos = 0
    i = view.find("\n")
    while i >= 0:
        j = i - 1 if i > 0 and view[i - 1] == "\r" else i
        k = j
        while k > 0 and in_run(view[k - 1]):
            k -= 1
        if pos <= k < j:
            m = pattern.match(view, k)
            if m is not None:
                yield m
                pos = m.end()
        i = view.find("\n", i + 1)


def _splits(view: str) -> set[int]:
    """Positions of the newlines (and CRs) inside a split token or number."""
    drop: set[int] = set()
    if "\n" not in view:
        return drop
    for m in _at_line_ends(view, _SPLIT_NUMBER, str.isdecimal):
        if 7 <= len(m.group(1)) + len(m.group(2)) <= 19:
            drop.update(range(m.end(1), m.start(2)))
    keyword = _PASSWORD_KEY.search(view) is not None  # cheap; rules most texts out
    for m in _SPLIT_PASSWORD.finditer(view) if keyword else ():
        a, b = m.group(1), m.group(2)
        if (
            any(ch in _PASSWORD_SYMBOLS for ch in a + b)
            and any(ch.isdigit() or ch in _PASSWORD_SYMBOLS for ch in b)
            and not _plain_word(b)
        ):
            drop.update(range(m.end(1), m.start(2)))
    for m in _at_line_ends(view, _SPLIT_TOKEN, _TOKEN_CHARS.__contains__):
        joined = m.group(1) + m.group(2)
        if (
            m.end(1) not in drop
            and len(joined) >= 12
            and (
                # an e-mail split anywhere; not one that ends a line ("...@gmail.com\nHello")
                ("@" in joined[1:] and not _plain_word(m.group(2)))
                or (
                    any(ch.isdigit() for ch in joined)
                    and not _plain_word(m.group(1))
                    and not _plain_word(m.group(2))
                )
            )
            and not m.group(1).endswith(".")
            and not m.group(2).startswith((".", "@"))  # "@decorator" on the next line
            and _LOG_LINE.match(m.group(2)) is None
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
        drop = _splits(text) | _letters(text)
        return _dropped(text, drop) if drop else None
    if _MAPPED.search(text) is None and (
        (unicodedata.is_normalized("NFKC", text) and _OTHER_DIGIT.search(text) is None)
        or not _folds(text)
    ):
        # Non-ASCII letters ("Bartłomiej"), notation ("SpO₂") but nothing to fold or
        # decode: skip the per-character map, which costs ~1.5 ms per KB.
        view = text
        mapped = None
    else:
        mapped = _char_map(text)
        view = "".join(mapped[0])
    drop = set()
    # (The digit groups alone first: a cheap search that rules most texts out.)
    spaced = _DIGIT_GROUPS.search(view) is not None
    for m in _SPLIT_DIGITS.finditer(view) if spaced else ():
        if sum(ch.isdigit() for ch in m.group()) >= 7:
            drop.update(m.start() + k for k, ch in enumerate(m.group()) if not ch.isdigit())
    drop |= _splits(view) | _letters(view)
    if mapped is None:  # the view is the text: only characters dropped, if any
        return _dropped(text, drop) if drop else None
    chars, starts, ends = mapped
    marks = [m.start() for m in _SPECIAL.finditer(text)]
    if drop:
        marks.extend(starts[j] for j in drop)
        _drop(chars, starts, ends, drop)
    view = "".join(chars)
    if view == text:
        return None
    return _regions(text, chars, starts, ends, marks)


class _Kept(Sequence[int]):
    """Original offsets of the characters of a view that only drops characters (``ends`` with
    ``offset`` 1), computed where asked instead of two lists as long as the text."""

    __slots__ = ("_adj", "_n", "_offset")

    def __init__(self, adj: list[int], n: int, offset: int) -> None:
        self._adj = adj  # dropped[k] - k, non-decreasing: view index -> drops before it
        self._n = n
        self._offset = offset

    def __len__(self) -> int:
        return self._n

    @overload
    def __getitem__(self, i: int) -> int: ...

    @overload
    def __getitem__(self, i: slice) -> list[int]: ...

    def __getitem__(self, i: int | slice) -> int | list[int]:
        if isinstance(i, slice):
            lo, hi, step = i.indices(self._n)
            if step != 1:
                return [self[j] for j in range(lo, hi, step)]
            return self._run(lo, hi)
        if i < 0:
            i += self._n
        if not 0 <= i < self._n:
            raise IndexError(i)
        return i + bisect.bisect_right(self._adj, i) + self._offset

    def __iter__(self) -> Iterator[int]:
        return iter(self._run(0, self._n))

    def _run(self, lo: int, hi: int) -> list[int]:
        k, m, i, out = bisect.bisect_right(adj := self._adj, lo), len(self._adj), lo, list[int]()
        while i < hi:  # i + (drops at or before i) + offset: a range per stretch between drops
            stop = min(hi, adj[k]) if k < m else hi
            out += range(i + k + self._offset, stop + k + self._offset)
            while k < m and adj[k] <= stop:
                k += 1
            i = stop
        return out


def _dropped(text: str, drop: set[int]) -> Normalized:
    """The view of ``text`` without the characters at ``drop`` (nothing else changed)."""
    dropped = sorted(drop)
    parts: list[str] = []
    prev = 0
    for p in dropped:
        parts.append(text[prev:p])
        prev = p + 1
    parts.append(text[prev:])
    view = "".join(parts)
    adj = [p - k for k, p in enumerate(dropped)]
    n = len(view)
    return _regions(text, view, _Kept(adj, n, 0), _Kept(adj, n, 1), dropped)


def _regions(
    text: str, chars: Sequence[str], starts: Sequence[int], ends: Sequence[int], marks: list[int]
) -> Normalized:
    """The view, cut down to the changed places with ``_CONTEXT`` characters around each.

    Recognizers run on the whole view as well as the whole text; a 10 KB paste with one
    URL-encoded path or one token split over a line would otherwise cost every recognizer twice.
    The kept regions are joined by a separator no pattern crosses; its characters map to the
    last character of the region before it, so every view span maps to a non-empty original.

    ``marks`` are the original offsets where something may have changed (a ``%``, a non-ASCII
    character, a dropped character): a changed view character (folded, decoded, or right after
    a dropped one) is the first one starting at or after a mark, so only those are checked.

    The ``words`` view keeps only the changes that can touch a word: not a character folded to
    an ASCII digit (``SpO₂``, ``x10⁹``, full-width digits) nor a join next to a digit (spaced
    digit groups, ``2011\nlevothyroxine``), since no word (a name) has a digit in it, and not a
    character folded to a space (a no-break space), which a recognizer of words reads as a space
    anyway.
    """
    n = len(chars)

    def changed_at(i: int) -> bool:
        return (
            ends[i] - starts[i] != 1
            or chars[i] != text[starts[i]]
            or (i > 0 and starts[i] != ends[i - 1])
            or (i == 0 and starts[0] != 0)
        )

    def typographic(i: int) -> bool:
        c = chars[i]
        if ends[i] - starts[i] != 1:
            return False  # decoded
        if c != text[starts[i]]:  # a fold to a digit or a space, nothing dropped before it
            return (c == " " or _digit(c)) and (i == 0 or starts[i] == ends[i - 1])
        # Something dropped before it: a join next to a digit makes no word.
        return i > 0 and (_digit(c) or _digit(chars[i - 1]))

    found = {bisect.bisect_left(starts, p) for p in marks}
    changed = sorted(i for i in found if i < n and changed_at(i))
    word_changes = [i for i in changed if not typographic(i)]
    if n - 1 >= 0 and ends[-1] != len(text):
        changed.append(n - 1)
        word_changes.append(n - 1)
    wide = set(word_changes)
    view = _cut(
        chars,
        starts,
        ends,
        _spans([(i, _CONTEXT if i in wide else _TYPO_CONTEXT) for i in changed], chars),
    )
    if word_changes == changed:
        words: Normalized | None = view
    elif word_changes:
        words = _cut(chars, starts, ends, _spans([(i, _CONTEXT) for i in word_changes], chars))
    else:
        words = None
    return Normalized(view.text, view.starts, view.ends, words)


def _digit(c: str) -> bool:
    return "0" <= c <= "9"


def _spans(changed: list[tuple[int, int]], chars: Sequence[str]) -> list[list[int]]:
    """``[lo, hi)`` ranges of view characters within the given context of each change (widened
    to whitespace), merged; the whole view when they would cover half of it."""
    n = len(chars)
    spans: list[list[int]] = []
    for i, context in changed:
        lo, hi = max(0, i - context), min(n, i + context + 1)
        while lo > 0 and not chars[lo - 1].isspace():
            lo -= 1
        while hi < n and not chars[hi].isspace():
            hi += 1
        if spans and lo <= spans[-1][1]:
            spans[-1][1] = max(spans[-1][1], hi)
        else:
            spans.append([lo, hi])
    if sum(hi - lo for lo, hi in spans) * 2 >= n:
        return [[0, n]]
    return spans


def _cut(
    chars: Sequence[str], starts: Sequence[int], ends: Sequence[int], spans: list[list[int]]
) -> Normalized:
    """The view of the characters in ``spans`` joined by ``_SEPARATOR``."""
    if spans == [[0, len(chars)]]:
        return Normalized("".join(chars), tuple(starts), tuple(ends))
    out_c: list[str] = []
    out_s: list[int] = []
    out_e: list[int] = []
    for lo, hi in spans:
        if out_c:
            out_c.append(_SEPARATOR)
            out_s.extend([out_s[-1]] * len(_SEPARATOR))
            out_e.extend([out_e[-1]] * len(_SEPARATOR))
        out_c.extend(chars[lo:hi])
        out_s.extend(starts[lo:hi])
        out_e.extend(ends[lo:hi])
    return Normalized("".join(out_c), tuple(out_s), tuple(out_e))
