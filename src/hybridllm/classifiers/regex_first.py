"""The characters a regex match can start with, as a one-character pattern (for skipping).

:meth:`~hybridllm.classifiers.prefilter.Hits.matches` tries a rule's pattern at every position
of the windows the prefilter found, and most tries fail at once because the character there
cannot start a match. :func:`first_chars` gives a pattern of one character (an alternation of
the rule's possible first atoms, compiled with the rule's flags, so case folding and ``\\w``
mean the same) that matches at least every character a match can start with; one ``search``
of it skips, in C, the positions no match can start at. Zero-width parts (``\\b``, ``^``,
look-arounds) add no condition: the set is a superset. A pattern that can match the empty
string, or has a construct not read here (back-references, conditionals, flags other than
``i`` set inside it), gets None: every position is tried.
"""

from __future__ import annotations

import re

# The parser of the standard library (private; relax.py reads the same trees).
from re import _constants as _c  # type: ignore[attr-defined]
from re import _parser as _p  # type: ignore[attr-defined]
from typing import Any

__all__ = ["first_chars"]

_CATEGORY = {
    _c.CATEGORY_DIGIT: r"\d",
    _c.CATEGORY_NOT_DIGIT: r"\D",
    _c.CATEGORY_SPACE: r"\s",
    _c.CATEGORY_NOT_SPACE: r"\S",
    _c.CATEGORY_WORD: r"\w",
    _c.CATEGORY_NOT_WORD: r"\W",
}
_ZERO_WIDTH = (_c.AT, _c.ASSERT, _c.ASSERT_NOT)
_REPEATS = (_c.MAX_REPEAT, _c.MIN_REPEAT, _c.POSSESSIVE_REPEAT)


class _UnreadError(Exception):
    """A construct :func:`_first` does not read."""


def _char(code: int) -> str:
    return f"\\U{code:08x}"


def _klass(items: list[tuple[Any, Any]]) -> str:
    parts: list[str] = []
    negate = ""
    for op, av in items:
        if op is _c.NEGATE:
            negate = "^"
        elif op is _c.LITERAL:
            parts.append(_char(av))
        elif op is _c.RANGE:
            parts.append(f"{_char(av[0])}-{_char(av[1])}")
        elif op is _c.CATEGORY and av in _CATEGORY:
            parts.append(_CATEGORY[av])
        else:
            raise _UnreadError(op)
    return f"[{negate}{''.join(parts)}]"


def _one(op: Any, av: Any) -> str | None:
    """The atom of a one-character item (None for any other item)."""
    if op is _c.LITERAL:
        return _char(av)
    if op is _c.NOT_LITERAL:
        return f"[^{_char(av)}]"
    if op is _c.IN:
        return _klass(av)
    if op is _c.ANY:
        return "."  # compiled with the pattern's flags (DOTALL)
    return None


def _first(items: list[tuple[Any, Any]]) -> tuple[list[str], bool]:
    """The atoms (one character each) a match of ``items`` can start with, and whether
    ``items`` can match the empty string."""
    atoms: list[str] = []
    for op, av in items:
        if op in _ZERO_WIDTH:
            continue  # a condition on the place, no character
        one = _one(op, av)
        if one is not None:
            return [*atoms, one], False
        if op is _c.SUBPATTERN:
            _group, add, remove, sub = av
            inner, empty = _first(sub.data)
            if add or remove:
                if (add | remove) & ~re.IGNORECASE:
                    raise _UnreadError("flags")
                flag = "(?i:" if add else "(?-i:"
                inner = [f"{flag}{a})" for a in inner]
        elif op is _c.ATOMIC_GROUP:
            inner, empty = _first(av.data)
        elif op is _c.BRANCH:
            inner, empty = [], False
            for branch in av[1]:
                sub_atoms, sub_empty = _first(branch.data)
                inner += sub_atoms
                empty = empty or sub_empty
        elif op in _REPEATS:
            low, _high, sub = av
            inner, empty = _first(sub.data)
            empty = empty or low == 0
        else:
            raise _UnreadError(op)
        atoms += inner
        if not empty:
            return atoms, False
    return atoms, True


def first_chars(pattern: re.Pattern[str]) -> re.Pattern[str] | None:
    """A pattern of one character that matches wherever a match of ``pattern`` can start
    (and maybe elsewhere), or None when every position must be tried (see the module
    docstring). Compiles a pattern: call it once per rule, not per text."""
    try:
        atoms, empty = _first(_p.parse(pattern.pattern, pattern.flags).data)
    except (_UnreadError, re.error, RecursionError):
        return None
    if empty or not atoms:
        return None
    return re.compile("|".join(dict.fromkeys(atoms)), pattern.flags & ~re.VERBOSE)
