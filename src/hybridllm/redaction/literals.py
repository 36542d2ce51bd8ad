"""Find many known literal strings in a text in one pass, as whole words, leftmost-longest.

The vault must find every value it already knows (and every surrogate it minted) in each new
message. One regex alternation of all of them is rebuilt per message and tried at every
position: quadratic in a long conversation (5,000 short messages took 52 s). This index keys
each literal by its first *unit* (a maximal ``\\w+`` run, or one non-word character), which is
exactly where a whole-word match can start, and adding a literal is O(1): it grows with the
vault instead of being rebuilt. A scan intersects the text's word units with the keys (in C,
via ``set``), then looks only at the positions of the units that hit.

Why not Aho-Corasick (``pyahocorasick``): its automaton has to be rebuilt (O(all literals))
after every insertion, and the vault inserts between messages; the whole-word rule also makes
the first unit a perfect key, so a dict is all the automaton would add.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

__all__ = ["LiteralIndex"]

_UNIT = re.compile(r"\w+|[^\w\s]")  # a literal never starts with white space (see add)
_WORD = re.compile(r"\w")


def _first_unit(literal: str) -> str:
    m = _UNIT.match(literal)
    assert m is not None  # literals are non-empty
    return m.group(0)


class LiteralIndex:
    """A growing set of literals, found as whole words (not inside a longer word)."""

    __slots__ = ("_by_unit", "_size")

    def __init__(self) -> None:
        self._by_unit: dict[str, list[str]] = {}
        self._size = 0

    def __len__(self) -> int:
        return self._size

    def add(self, literal: str) -> None:
        """Add one literal (empty ones are ignored; adding twice is harmless).

        Leading white space is not part of a whole-word match: such a literal is not found.
        """
        if not literal or literal[0].isspace():
            return
        bucket = self._by_unit.setdefault(_first_unit(literal), [])
        if literal in bucket:
            return
        bucket.append(literal)
        bucket.sort(key=len, reverse=True)  # longest first: buckets hold a handful of literals
        self._size += 1

    def discard(self, literal: str) -> None:
        """Remove a literal if present."""
        if not literal or literal[0].isspace():
            return
        bucket = self._by_unit.get(_first_unit(literal))
        if bucket is not None and literal in bucket:
            bucket.remove(literal)
            self._size -= 1

    def finditer(self, text: str, *others: LiteralIndex) -> Iterator[tuple[int, int, str]]:
        """Yield ``(start, end, literal)`` for each whole-word occurrence, left to right.

        Overlaps resolve leftmost-longest across this index and ``others``; a literal counts
        only if the characters on both sides of it are not word characters.
        """
        maps = [i._by_unit for i in (self, *others) if i._size]
        if not maps:
            return
        units = set(_UNIT.findall(text))
        hits: set[str] = set()
        for d in maps:
            hits |= d.keys() & units  # CPython iterates the smaller side: the text's units
        if not hits:
            return
        starts: dict[int, list[str]] = {}
        for unit in hits:
            bucket = [lit for d in maps for lit in d.get(unit, ())]
            wordy = _word_at(unit, len(unit) - 1)
            k = text.find(unit)
            while k != -1:
                end = k + len(unit)
                # a whole-word start, and a word unit is the whole word (not "Jane" in "Janet")
                if not (k and _word_at(text, k - 1)) and not (
                    wordy and end < len(text) and _word_at(text, end)
                ):
                    starts.setdefault(k, []).extend(bucket)
                k = text.find(unit, k + 1)
        pos = 0
        n = len(text)
        for start in sorted(starts):
            if start < pos:
                continue
            for lit in sorted(starts[start], key=len, reverse=True):  # longest first
                end = start + len(lit)
                if text.startswith(lit, start) and (end == n or not _word_at(text, end)):
                    pos = end
                    yield start, end, lit
                    break


def _word_at(text: str, i: int) -> bool:
    return _WORD.match(text, i) is not None
