"""Relaxed forms of regex patterns: Hyperscan expressions that match a superset of a pattern.

Used by :mod:`hybridllm.classifiers.prefilter`, which scans a text once with the relaxed forms of
every rule and runs each rule's own pattern only where its relaxed form fired. The relaxed copy
drops look-arounds and ``\\b``, turns back-references into a copy of their group and possessive
or atomic forms into plain ones, and lets every atom that could match a non-ASCII character also
match the byte ``0x80``, which stands for any non-ASCII character in the scanned copy of a text.
"""

from __future__ import annotations

import re
from re import _constants as C  # type: ignore[attr-defined]  # noqa: N812
from re import _parser as P  # type: ignore[attr-defined]  # noqa: N812
from typing import Any

__all__ = ["FOLDS", "relax", "relax_whole"]

_NA = 0x80  # stands for any non-ASCII character in the scanned copy
_ASCII = frozenset(range(128))
_WORD = frozenset(ord(c) for c in "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_")
_DIGIT = frozenset(range(48, 58))
_SPACE = frozenset(c for c in range(128) if chr(c).isspace())
_CATEGORY: dict[Any, frozenset[int]] = {
    C.CATEGORY_DIGIT: _DIGIT | {_NA},
    C.CATEGORY_NOT_DIGIT: (_ASCII - _DIGIT) | {_NA},
    C.CATEGORY_SPACE: _SPACE | {_NA},
    C.CATEGORY_NOT_SPACE: (_ASCII - _SPACE) | {_NA},
    C.CATEGORY_WORD: _WORD | {_NA},
    C.CATEGORY_NOT_WORD: (_ASCII - _WORD) | {_NA},
}
# Non-ASCII characters that match an ASCII letter under IGNORECASE: the scanned copy holds
# that letter for them (so case-insensitive keywords stay plain literals), and every class that
# may match a non-ASCII character also matches those letters.
FOLDS = {"\u0130": "i", "\u0131": "i", "\u212a": "k", "\u017f": "s"}
_FOLD_CODES = frozenset(map(ord, "iks"))
_REPEATS = (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT)
_LONG_REPEAT = 8  # a prefix ends at a repeat longer than this (a long counted repeat is slow)
_CAP = 6  # a bounded repeat longer than this becomes unbounded in a whole relaxed form
_MIN_SELECTIVE = 3  # a relaxed prefix narrower than this would fire all over the text


class _UnsupportedError(Exception):
    """The pattern has a construct the relaxed form cannot express."""


def _case(codes: set[int]) -> set[int]:
    out = set(codes)
    for c in codes:
        if 65 <= c <= 90 or 97 <= c <= 122:
            out.add(c ^ 0x20)
    return out


def _char(c: int) -> str:
    return chr(c) if chr(c).isalnum() else f"\\x{c:02x}"


def _klass(codes: set[int] | frozenset[int]) -> str:
    if not codes:
        raise _UnsupportedError("empty class")
    if _NA in codes:
        codes = codes | _FOLD_CODES
    ordered = sorted(codes)
    if len(ordered) == 1:
        return _char(ordered[0])
    parts: list[str] = []
    i = 0
    while i < len(ordered):
        j = i
        while j + 1 < len(ordered) and ordered[j + 1] == ordered[j] + 1:
            j += 1
        if j - i >= 2:
            parts.append(f"\\x{ordered[i]:02x}-\\x{ordered[j]:02x}")
        else:
            parts.extend(_char(c) for c in ordered[i : j + 1])
        i = j + 1
    return "[" + "".join(parts) + "]"


class _Relaxer:
    """Writes the relaxed Hyperscan form of a parsed Python pattern."""

    def __init__(self, state: Any, cap: int | None = None) -> None:
        self.state = state
        self.cap = cap
        self.groups: dict[int, tuple[Any, int]] = {}

    def prefix(self, items: Any, flags: int, budget: int) -> tuple[str, bool]:
        """The relaxed form of the longest leading part of ``items`` at most ``budget`` wide;
        True when that is all of ``items``."""
        out: list[str] = []
        for op, av in items:
            hi = P.SubPattern(self.state, [(op, av)]).getwidth()[1]
            long_repeat = op in _REPEATS and av[1] > _LONG_REPEAT  # slow to compile whole
            if hi <= budget and not long_repeat:
                out.append(self.item(op, av, flags))
                budget -= hi
                continue
            out.append(self.partial(op, av, flags, budget))
            return "".join(out), False
        return "".join(out), True

    def partial(self, op: Any, av: Any, flags: int, budget: int) -> str:
        """A relaxed leading part of one item too wide to keep whole ("" if none)."""
        if op is C.SUBPATTERN:
            _, add, remove, p = av
            body, _ = self.prefix(p, (flags | add) & ~remove, budget)
        elif op is C.ATOMIC_GROUP:
            body, _ = self.prefix(av, flags, budget)
        elif op is C.BRANCH:
            alts = [self.prefix(p, flags, budget)[0] for p in av[1]]
            body = "|".join(alts) if all(alts) else ""
        elif op in (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT) and av[0] >= 1:
            each = P.SubPattern(self.state, av[2]).getwidth()[1]
            if 0 < each <= budget:  # a few whole copies: X{86} -> X{8}
                copies = min(av[0], budget // each, _LONG_REPEAT)
                return f"(?:{self.seq(av[2], flags)}){{{copies}}}"
            body, _ = self.prefix(av[2], flags, budget)
        else:
            body = ""
        return "(?:" + body + ")" if body else ""

    def seq(self, items: Any, flags: int) -> str:
        return "".join(self.item(op, av, flags) for op, av in items)

    def item(self, op: Any, av: Any, flags: int) -> str:
        codes = self.atom(op, av, flags)
        if codes is not None:
            return _klass(codes)
        if op is C.BRANCH:
            body = "|".join(self.seq(p, flags) for p in av[1])
        elif op is C.SUBPATTERN:
            group, add, remove, p = av
            inner = (flags | add) & ~remove
            if group is not None:
                self.groups[group] = (p, inner)
            body = self.seq(p, inner)
        elif op in (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT):
            return self.repeat(av[0], av[1], av[2], flags)
        elif op is C.ATOMIC_GROUP:
            body = self.seq(av, flags)
        elif op in (C.AT, C.ASSERT, C.ASSERT_NOT):
            return ""  # zero-width: dropping it only widens the match set
        elif op is C.GROUPREF:
            p, inner = self.groups[av]
            body = self.seq(p, inner | (flags & re.IGNORECASE))
        elif op is C.GROUPREF_EXISTS:
            _, yes, no = av
            body = self.seq(yes, flags) + "|" + (self.seq(no, flags) if no else "")
        else:
            raise _UnsupportedError(str(op))
        return "(?:" + body + ")"

    def repeat(self, lo: int, hi: int, p: Any, flags: int) -> str:
        body = self.seq(p, flags)
        if not body:
            return ""
        if self.cap is not None and hi > self.cap:  # X{2,40} -> X{2,}: cheap to compile
            hi, lo = C.MAXREPEAT, min(lo, self.cap)
        bound = f"{{{lo},}}" if hi == C.MAXREPEAT else f"{{{lo},{hi}}}"
        return f"(?:{body}){bound}"

    def atom(self, op: Any, av: Any, flags: int) -> set[int] | None:
        """The byte set of a one-character item (None for any other item)."""
        icase = bool(flags & re.IGNORECASE)
        if op is C.LITERAL:
            codes = {av} if av < 128 else {_NA}
            return _case(codes) if icase else codes
        if op is C.NOT_LITERAL:
            excluded = _case({av}) if icase and av < 128 else {av}
            return (set(_ASCII) - excluded) | {_NA}
        if op is C.ANY:
            return set(_ASCII) | {_NA} if flags & re.DOTALL else (set(_ASCII) - {10}) | {_NA}
        if op is C.IN:
            return self.charset(av, icase)
        return None

    def charset(self, items: Any, icase: bool) -> set[int]:
        negate = False
        codes: set[int] = set()
        for op, av in items:
            if op is C.NEGATE:
                negate = True
            elif op is C.LITERAL:
                codes.add(av if av < 128 else _NA)
            elif op is C.RANGE:
                lo, hi = av
                codes.update(range(lo, min(hi, 127) + 1))
                if hi >= 128:
                    codes.add(_NA)
            elif op is C.CATEGORY:
                codes.update(_CATEGORY[av])
            else:
                raise _UnsupportedError(str(op))
        if icase:
            codes = _case(codes)
        if negate:
            # Any non-ASCII character may lie outside a negated class.
            return (set(_ASCII) - codes) | {_NA}
        return codes


_BUDGET = 128  # longest prefix (in characters) a relaxed form keeps


def _with_tail(items: Any) -> list[Any]:
    """``items`` with a look-ahead at the very end made part of the match: a relaxed match
    then ends later, and starts where it did ("\\d+(?=\\s*fax)" -> "\\d+\\s*fax")."""
    out = list(items)
    if out and out[-1][0] is C.ASSERT and out[-1][1][0] == 1:
        out[-1] = (C.SUBPATTERN, (None, 0, 0, out[-1][1][1]))
    return out


def relax(pattern: re.Pattern[str]) -> tuple[str, int, int] | None:
    """The relaxed Hyperscan expression of a prefix of ``pattern`` with its min and max width.

    Every match of ``pattern`` starts with a match of the expression (kept short: at most
    ``_BUDGET`` characters wide, so a match of the expression ending at ``e`` puts the start of
    the pattern's match within ``[e - max, e - min]``). None when no useful prefix exists.
    """
    if not isinstance(pattern.pattern, str):
        return None
    try:
        parsed = P.parse(pattern.pattern, pattern.flags)
        if parsed.getwidth()[0] == 0:
            return None  # may match empty: finditer's empty-match rules are not emulated
        relaxer = _Relaxer(parsed.state)
        expr, _ = relaxer.prefix(_with_tail(parsed.data), parsed.state.flags, _BUDGET)
        if not expr:
            return None
        lo, hi = P.parse(expr).getwidth()
    except (_UnsupportedError, KeyError, re.error, RecursionError):
        return None
    if lo < _MIN_SELECTIVE or hi > _BUDGET:
        return None
    return expr, lo, hi


def relax_whole(pattern: re.Pattern[str]) -> str | None:
    """The relaxed Hyperscan expression of all of ``pattern`` (long repeats unbounded), for a
    database that reports where each match starts; None when it has none."""
    if not isinstance(pattern.pattern, str):
        return None
    try:
        parsed = P.parse(pattern.pattern, pattern.flags)
        if parsed.getwidth()[0] == 0:
            return None
        expr = _Relaxer(parsed.state, cap=_CAP).seq(_with_tail(parsed.data), parsed.state.flags)
    except (_UnsupportedError, KeyError, re.error, RecursionError):
        return None
    return expr or None
