"""The street core of :mod:`.addresses`, run with its costly alternatives only where they can start.

The core is one alternation tried at every word start of a text. A few of its alternatives cost
most of it and can start only near a word that a cheap scan finds: the typed-suffix one
("Lindemarkveien 141") backtracks over the letters of every capitalised word, trying each
street ending there, though its match ends in an ending, white space and a digit at most four
words (runs of non-space) after its start; the typed-first ones ("Rua das Hortências 1428",
"Diagonal Resistencia N° 782", "rue Lévêque") try some hundred type words at every word start,
though each starts at such a word or at most two numbers before it. :func:`core_spans` runs the
core without them (``rest``) over the text and the whole core at each place of their windows
before ``rest``'s next match: the spans are exactly those of ``finditer`` over the whole core.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

__all__ = ["by_first_letter", "core_spans", "ending_windows", "merge", "type_windows", "words_of"]

_FOUR_WORDS_BACKWARDS = re.compile(r"(?:\S+\s+){0,3}\S+")
_TWO_WORDS_BACKWARDS = re.compile(r"(?:\s+\S+){0,2}")


def words_of(alternation: str) -> list[str]:
    """The literal words of ``alternation`` ("(?:a|b(?:c|d)e|f\\.)": a, bce, bde, f.); a
    ValueError for a form this reading does not know."""
    body = alternation.removeprefix("(?:").removesuffix(")")
    words: list[str] = []
    for item in re.split(r"\|(?![^(]*\))", body):
        nested = re.fullmatch(r"(\w+)\(\?:([\w|]+)\)(\w*)", item)
        choices = nested.group(2).split("|") if nested else [item]
        for choice in choices:
            word = f"{nested.group(1)}{choice}{nested.group(3)}" if nested else choice
            word = word.replace("\\.", ".")
            if not re.fullmatch(r"[^\W\d_][\w./]*", word):
                raise ValueError(f"not a literal word: {item!r}")
            words.append(word)
    return words


def by_first_letter(*alternations: str) -> str:
    """One alternation of the items of ``alternations`` (each ``(?:a|b|...)``, every item
    starting with a plain letter), grouped by that letter: a regex tries a few letters at each
    place instead of every item (an item that may match is still tried, in its order)."""
    groups: dict[str, list[str]] = {}
    for alternation in alternations:
        for item in re.split(r"\|(?![^(]*\))", alternation.removeprefix("(?:")[:-1]):
            if not item[:1].isalpha():
                raise ValueError(f"not a word: {item!r}")
            groups.setdefault(item[0], []).append(item[1:])
    return "(?:" + "|".join(f"{c}(?:{'|'.join(rest)})" for c, rest in groups.items()) + ")"


def merge(ranges: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """``ranges`` (``[lo, hi]``) sorted, the overlapping and adjacent ones joined."""
    merged: list[tuple[int, int]] = []
    for lo, hi in sorted(ranges):
        if merged and lo <= merged[-1][1] + 1:
            if hi > merged[-1][1]:
                merged[-1] = (merged[-1][0], hi)
        else:
            merged.append((lo, hi))
    return merged


def ending_windows(text: str, backwards: re.Pattern[str]) -> list[tuple[int, int]]:
    """``[lo, hi]`` ranges holding the four words before each street ending of ``text`` that
    white space and a digit follow. ``backwards`` finds them in the reversed text: a digit,
    white space (group 1) and an ending spelt backwards."""
    reverse = text[::-1]
    n = len(text)
    ranges: list[tuple[int, int]] = []
    for m in backwards.finditer(reverse):  # (one digit per match: none is skipped)
        end = n - m.end(1)  # where the ending stops (its white space starts)
        words = _FOUR_WORDS_BACKWARDS.match(reverse, n - end)
        assert words is not None  # (an ending's last character is no space)
        ranges.append((n - words.end(), end - 1))
    return ranges


def type_windows(text: str, starts: Iterable[int]) -> list[tuple[int, int]]:
    """``[lo, hi]`` ranges from two words (runs of non-space) before each of ``starts`` (where
    a type word stands) to it."""
    ranges: list[tuple[int, int]] = []
    reverse = ""
    for at in starts:
        reverse = reverse or text[::-1]
        words = _TWO_WORDS_BACKWARDS.match(reverse, len(text) - at)
        assert words is not None  # (it matches the empty string)
        ranges.append((len(text) - words.end(), at))
    return ranges


def core_spans(
    core: re.Pattern[str],
    rest: re.Pattern[str] | None,
    windows: Sequence[tuple[int, int]],
    text: str,
) -> list[tuple[int, int]]:
    """Exactly the spans of ``core.finditer(text)``, where ``rest`` is ``core`` without the
    alternatives that can start only inside ``windows`` (None: it has no others) and the
    windows are merged (:func:`merge`): ``rest`` searches the text, ``core`` is tried at each
    place of the windows before ``rest``'s match."""
    spans: list[tuple[int, int]] = []
    match = core.match
    pos = k = 0
    while True:
        m = None if rest is None else rest.search(text, pos)
        limit = len(text) if m is None else m.start()
        found = None
        while found is None and k < len(windows):
            lo, hi = windows[k]
            if hi < pos:
                k += 1
                continue
            if lo > limit:
                break
            for s in range(max(lo, pos), min(hi, limit) + 1):
                found = match(text, s)
                if found is not None:
                    break
            if found is None:
                if hi > limit:
                    break
                k += 1
        if found is None:  # (core matches where rest does; if a window holds it, it was tried)
            found = m
        if found is None:
            return spans
        spans.append(found.span())
        pos = found.end()
