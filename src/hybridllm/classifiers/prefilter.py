"""One pass over a text finds where any regex rule could match; rules then run only there.

Python's ``re`` tries a pattern at every position of the text, so ~70 rules cost ~25 ms per
10 KB even when almost none of them matches. :class:`Prefilter` compiles a *relaxed* copy of
every rule's pattern into one Hyperscan database (Intel's multi-pattern regex engine, BSD; the
``hyperscan`` wheel ships it) and scans the text once. The relaxed copy matches a superset of
what the rule matches: look-arounds and ``\\b`` are dropped, back-references become a copy of
their group, possessive and atomic forms become plain ones, and every atom that could match a
non-ASCII character also matches the byte ``0x80``, which stands for any non-ASCII character
in the scanned copy of the text (one byte per character, so offsets stay character offsets).

So every match of a rule starts inside a window that the scan reports for it, and
:meth:`Hits.matches` runs the rule's own compiled pattern (``pattern.match``) only at the
positions of those windows, in the order ``finditer`` would: the result is exactly
``pattern.finditer(text)``, at the cost of one scan plus the windows. A pattern that cannot be
relaxed (or that Hyperscan refuses) simply runs on the whole text, as does every rule when the
``hyperscan`` package is missing.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable, Iterator, Sequence
from re import _constants as C  # type: ignore[attr-defined]  # noqa: N812
from re import _parser as P  # type: ignore[attr-defined]  # noqa: N812
from typing import Any

__all__ = ["Hits", "Literals", "Prefilter", "finditer", "proxy_bytes", "scanning"]

_NA = 0x80  # stands for any non-ASCII character in the scanned copy
_NON_ASCII = re.compile(r"[^\x00-\x7f]")
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
_FOLDS = {"\u0130": "i", "\u0131": "i", "\u212a": "k", "\u017f": "s"}
_FOLD_CODES = frozenset(map(ord, "iks"))
_REPEATS = (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT)
_LONG_REPEAT = 8  # a prefix ends at a repeat longer than this (a long counted repeat is slow)
_CAP = 6  # a bounded repeat longer than this becomes unbounded in a whole relaxed form
_MIN_SELECTIVE = 3  # a relaxed prefix narrower than this would fire all over the text
_MAX_WINDOW_SHARE = 0.5  # windows covering more of the text than this: run the rule in full


def proxy_bytes(text: str, *, fold: bool = True) -> bytes:
    """``text`` as bytes, one per character, every non-ASCII character as ``0x80`` (with
    ``fold``, the few that match an ASCII letter under IGNORECASE as that letter)."""
    if text.isascii():
        return text.encode("ascii")
    if not fold:
        return _NON_ASCII.sub("\x80", text).encode("latin-1")
    return _NON_ASCII.sub(lambda m: _FOLDS.get(m.group(), "\x80"), text).encode("latin-1")


class Literals:
    """Which of many ASCII words occur in a text, in one Hyperscan pass (None if the package is
    missing: then the caller keeps its own search)."""

    def __init__(self, words: Sequence[str]) -> None:
        """Compile ``words`` (ASCII; matched exactly, as substrings)."""
        self.words = [w for w in dict.fromkeys(words) if w and w.isascii()]
        self._db: Any = None
        self._local = threading.local()
        try:
            import hyperscan
        except ImportError:  # pragma: no cover - the package is a dependency
            return
        db = hyperscan.Database(mode=hyperscan.HS_MODE_BLOCK)
        db.compile(
            expressions=["".join(f"\\x{ord(c):02x}" for c in w).encode() for w in self.words],
            ids=list(range(len(self.words))),
            elements=len(self.words),
            flags=[hyperscan.HS_FLAG_SINGLEMATCH] * len(self.words),
        )
        self._db = db
        self._hs = hyperscan

    def present(self, text: str) -> set[str] | None:
        """The words that occur in ``text`` (None when there is no database)."""
        if self._db is None:
            return None
        found: set[str] = set()
        words = self.words

        def on_match(pid: int, _start: int, _end: int, _flags: int, _ctx: object) -> None:
            found.add(words[pid])

        scratch = getattr(self._local, "scratch", None)
        if scratch is None:
            scratch = self._local.scratch = self._hs.Scratch(self._db)
        self._db.scan(proxy_bytes(text, fold=False), match_event_handler=on_match, scratch=scratch)
        return found


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


class Hits:
    """Where each prefiltered pattern may match in one text (see :meth:`Prefilter.scan`)."""

    __slots__ = ("_found", "_size", "_widths")

    def __init__(
        self,
        found: dict[int, list[int]],
        widths: list[tuple[int, int] | None],
        size: int,
    ) -> None:
        self._found = found
        self._widths = widths
        self._size = size

    def windows(self, index: int) -> list[tuple[int, int]] | None:
        """Merged ``[lo, hi]`` ranges of the possible match starts of pattern ``index``; None
        when they cover so much of the text that a plain ``finditer`` is cheaper."""
        found = self._found.get(index)
        if not found:
            return []
        width = self._widths[index]
        if width is None:  # (start, end) pairs from the start-of-match database
            pairs = sorted(zip(found[::2], found[1::2], strict=True))
            ranges = [(a, b - 1) for a, b in pairs]
        else:  # match ends of a prefix of known width
            ranges = [(e - width[1], e - width[0]) for e in found]
        merged: list[tuple[int, int]] = []
        lo, hi = ranges[0]
        for a, b in ranges[1:]:
            if a <= hi + 1:
                hi = max(hi, b)
            else:
                merged.append((lo, hi))
                lo, hi = a, b
        merged.append((lo, hi))
        if sum(b - a + 1 for a, b in merged) > self._size * _MAX_WINDOW_SHARE:
            return None
        return merged

    def matches(
        self, index: int | None, pattern: re.Pattern[str], text: str
    ) -> Iterator[re.Match[str]]:
        """Exactly ``pattern.finditer(text)``, trying only the windows of pattern ``index``."""
        windows = None if index is None else self.windows(index)
        if windows is None:
            yield from pattern.finditer(text)
            return
        match = pattern.match
        pos = 0
        for lo, hi in windows:
            s = max(lo, pos)
            while s <= hi:
                m = match(text, s)
                if m is None:
                    s += 1
                    continue
                yield m
                pos = s = m.end()


def _database(hyperscan: Any, group: list[tuple[bytes, int]], flag: int) -> Any:
    """A block-mode database of ``group``'s expressions, or None if empty or refused."""
    if not group:
        return None
    db = hyperscan.Database(mode=hyperscan.HS_MODE_BLOCK)
    try:
        db.compile(
            expressions=[e for e, _ in group],
            ids=[i for _, i in group],
            elements=len(group),
            flags=[flag] * len(group),
        )
    except hyperscan.error:
        return None
    return db


class Prefilter:
    """Two Hyperscan databases over relaxed forms of many patterns, scanned once per text.

    A pattern with a short, selective leading part goes into a database that reports match
    ends (cheap to compile); the others, whole, into one that also reports where each match
    starts. The databases compile in a background thread (about a second); until they are
    ready :meth:`scan` returns None and every pattern runs on the whole text. Thread-safe:
    each thread gets its own scratch space.
    """

    def __init__(
        self,
        patterns: Sequence[re.Pattern[str]],
        *,
        background: bool = True,
        after: Callable[[], object] | None = None,
    ) -> None:
        """Start compiling the relaxed forms of ``patterns``.

        Args:
            patterns: the patterns whose matches :meth:`scan` will locate; those without a
                relaxed form run on the whole text (:meth:`Hits.matches` with index None).
            background: compile in a daemon thread (False: before returning).
            after: called (in that thread) before compiling, e.g. to wait until a model has
                loaded, so the two do not compete for the CPU at start-up.
        """
        self._after = after
        self.index: dict[re.Pattern[str], int] = {}
        self._widths: list[tuple[int, int] | None] = []
        self._dbs: list[Any] = []
        self._local = threading.local()
        self._ready = threading.Event()
        self._patterns = tuple(dict.fromkeys(patterns))
        if background:
            threading.Thread(target=self._build, name="hybridllm-prefilter", daemon=True).start()
        else:
            self._build()

    def wait_ready(self, timeout: float | None = None) -> bool:
        """Block until the databases are compiled (or failed); True when done."""
        return self._ready.wait(timeout)

    def _build(self) -> None:
        try:
            if self._after is not None:
                self._after()
            self._compile()
        except Exception:  # pragma: no cover - then every pattern runs on the whole text
            self.index, self._dbs = {}, []
        finally:
            self._ready.set()

    def _compile(self) -> None:
        try:
            import hyperscan
        except ImportError:  # pragma: no cover - the package is a dependency
            return
        ends: list[tuple[bytes, int]] = []
        starts: list[tuple[bytes, int]] = []
        index: dict[re.Pattern[str], int] = {}
        for pattern in self._patterns:
            prefix = relax(pattern)
            whole = None if prefix is not None else relax_whole(pattern)
            pid = len(self._widths)
            if prefix is not None:
                ends.append((prefix[0].encode("ascii"), pid))
                self._widths.append((prefix[1], prefix[2]))
            elif whole is not None:
                starts.append((whole.encode("ascii"), pid))
                self._widths.append(None)
            else:
                continue
            index[pattern] = pid
        # The end-reporting prefixes compile well together; start-reporting databases compile
        # far faster one expression at a time (and one refused expression spoils no other).
        groups = [(ends, 0)] + [([g], hyperscan.HS_FLAG_SOM_LEFTMOST) for g in starts]
        dbs: list[Any] = []
        kept: set[int] = set()
        for group, flag in groups:
            fine = group
            db = _database(hyperscan, group, flag)
            if db is None and len(group) > 1:  # some expression is refused: keep the others
                fine = [g for g in group if _database(hyperscan, [g], flag) is not None]
                db = _database(hyperscan, fine, flag)
            if db is not None:
                dbs.append(db)
                kept.update(i for _, i in fine)
        index = {p: i for p, i in index.items() if i in kept}
        self._hs = hyperscan
        self._dbs = dbs
        self.index = index

    def scan(self, text: str) -> Hits | None:
        """Scan ``text`` once for every pattern (None while the databases are compiling)."""
        if not self._ready.is_set():
            return None
        found: dict[int, list[int]] = {}
        if not self._dbs:
            return Hits(found, self._widths, len(text))
        widths = self._widths

        def on_match(pid: int, start: int, end: int, _flags: int, _ctx: object) -> None:
            got = found.get(pid)
            if got is None:
                got = found[pid] = []
            if widths[pid] is None:
                got.append(start)
            got.append(end)

        scratch = getattr(self._local, "scratch", None)
        if scratch is None:
            scratch = [self._hs.Scratch(db) for db in self._dbs]
            self._local.scratch = scratch
        data = proxy_bytes(text)
        for db, space in zip(self._dbs, scratch, strict=True):
            db.scan(data, match_event_handler=on_match, scratch=space)
        return Hits(found, self._widths, len(text))


_CACHE: dict[tuple[re.Pattern[str], ...], Prefilter] = {}
_CACHE_LOCK = threading.Lock()
_ACTIVE = threading.local()


def shared_prefilter(
    patterns: Sequence[re.Pattern[str]], after: Callable[[], object] | None = None
) -> Prefilter:
    """The :class:`Prefilter` of ``patterns``, compiled once per process for the same set
    (``after``: see :class:`Prefilter`; used by the first caller only)."""
    key = tuple(dict.fromkeys(patterns))
    with _CACHE_LOCK:
        found = _CACHE.get(key)
        if found is None:
            found = _CACHE[key] = Prefilter(key, after=after)
        return found


class scanning:  # noqa: N801 - used as a context manager, like a function
    """Within the block, :func:`finditer` on one of ``texts`` uses ``prefilter``'s windows
    (each text is scanned once, on first use, in this thread)."""

    def __init__(self, prefilter: Prefilter | None, *texts: str) -> None:
        self._prefilter = prefilter
        self._entries: list[list[Any]] = [[t, None, False] for t in texts]
        self._saved: Any = None

    def __enter__(self) -> None:
        self._saved = getattr(_ACTIVE, "scope", None)
        _ACTIVE.scope = self if self._prefilter is not None else None

    def __exit__(self, *exc: object) -> None:
        _ACTIVE.scope = self._saved

    def hits(self, text: str) -> Hits | None:
        for entry in self._entries:
            if entry[0] is text:
                if not entry[2]:
                    assert self._prefilter is not None
                    entry[1], entry[2] = self._prefilter.scan(text), True
                hits: Hits | None = entry[1]
                return hits
        return None


def finditer(pattern: re.Pattern[str], text: str) -> Iterator[re.Match[str]]:
    """Exactly ``pattern.finditer(text)``; inside :class:`scanning` of ``text`` it tries only
    the places the prefilter found for ``pattern``."""
    scope: scanning | None = getattr(_ACTIVE, "scope", None)
    if scope is not None:
        hits = scope.hits(text)
        if hits is not None:
            assert scope._prefilter is not None
            return hits.matches(scope._prefilter.index.get(pattern), pattern, text)
    return pattern.finditer(text)
