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

One scan, not one per pattern: the binding releases the GIL for every ``scan`` and takes it
back for every match callback, so with other threads running (the audit writer, a server's
other requests) each scan can wait for the GIL. Patterns whose relaxed form needs its match
starts share the one database (reporting only *whether* they may match); their start-reporting
databases are scanned later, one per pattern and only for a pattern that may match in a text
longer than ``short_text`` characters (in a shorter text the rule simply runs on all of it). A
pattern anchored at line starts (``(?m)^...``) has none and runs on all of the text: ``re``
rejects a position off a line start at once, 2-6x cheaper than a start-reporting scan.
"""

from __future__ import annotations

import contextlib
import re
import threading
from collections.abc import Callable, Iterator, Sequence
from typing import Any, Protocol, TypeVar

from hybridllm.classifiers.relax import FOLDS, relax, relax_whole

__all__ = [
    "Hits",
    "Literals",
    "Prefilter",
    "finditer",
    "per_text",
    "possible",
    "proxy_bytes",
    "relax",
    "relax_whole",
    "scan_also",
    "scanning",
]

_T = TypeVar("_T")
_NON_ASCII = re.compile(r"[^\x00-\x7f]")
_MAX_WINDOW_SHARE = 0.5  # windows covering more of the text than this: run the rule in full
_SHORT_TEXT = 256  # a whole-pattern rule that may match in a text this short runs on all of it
_LINE_ANCHORED = re.compile(r"(?:\(\?[a-z]+\))?\^")  # "(?m)^...", "^...": see the docstring


def proxy_bytes(text: str, *, fold: bool = True) -> bytes:
    """``text`` as bytes, one per character, every non-ASCII character as ``0x80`` (with
    ``fold``, the few that match an ASCII letter under IGNORECASE as that letter)."""
    if text.isascii():
        return text.encode("ascii")
    if not fold:
        return _NON_ASCII.sub("\x80", text).encode("latin-1")
    return _NON_ASCII.sub(lambda m: FOLDS.get(m.group(), "\x80"), text).encode("latin-1")


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


class Hits:
    """Where each prefiltered pattern may match in one text (see :meth:`Prefilter.scan`)."""

    __slots__ = ("_found", "_merged", "_size", "_starts", "_widths")

    def __init__(
        self,
        found: dict[int, list[int]],
        widths: list[tuple[int, int] | None],
        size: int,
        starts: Callable[[int], list[int] | None] | None = None,
    ) -> None:
        """``found``: pattern index -> match ends (a prefix of known width) or an empty list
        (a whole pattern that may match); ``starts(index)``: flat (start, end) pairs of a whole
        pattern's relaxed matches, or None to run the pattern on the whole text."""
        self._found = found
        self._widths = widths
        self._size = size
        self._starts = starts
        self._merged: dict[int, list[tuple[int, int]] | None] = {}

    def found(self, index: int) -> bool:
        """Whether the scan found any place where pattern ``index`` may match."""
        return index in self._found

    def windows(self, index: int) -> list[tuple[int, int]] | None:
        """Merged ``[lo, hi]`` ranges of the possible match starts of pattern ``index``; None
        when they cover so much of the text that a plain ``finditer`` is cheaper. (Kept: the
        rules of a text ask for the same pattern's ranges ~4 times over.)"""
        if index in self._merged:
            return self._merged[index]
        found = self._found.get(index)
        if found is None:
            return []
        merged = self._merged[index] = self._windows(index, found)
        return merged

    def _windows(self, index: int, found: list[int]) -> list[tuple[int, int]] | None:
        width = self._widths[index]
        if width is None:  # (start, end) pairs from the pattern's start-of-match database
            flat = self._starts and self._starts(index)
            if not flat:  # none (a short text, no database): the rule runs on all of it
                return None
            pairs = sorted(zip(flat[::2], flat[1::2], strict=True))
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


def _database(hyperscan: Any, group: list[tuple[bytes, int, int]]) -> Any:
    """A block-mode database of ``group``'s (expression, id, flags), or None if empty or
    refused."""
    if not group:
        return None
    db = hyperscan.Database(mode=hyperscan.HS_MODE_BLOCK)
    try:
        db.compile(
            expressions=[e for e, _, _ in group],
            ids=[i for _, i, _ in group],
            elements=len(group),
            flags=[f for _, _, f in group],
        )
    except hyperscan.error:
        return None
    return db


class Prefilter:
    """One Hyperscan database over relaxed forms of many patterns, scanned once per text.

    A pattern with a short, selective leading part is in it as that part (its match ends
    locate the match starts); the others are in it whole, reporting only that they may match,
    and each also has a database of its own that reports where its matches start (scanned by
    :meth:`Hits.windows` when needed). The databases compile in a background thread (a second
    or two); until they are ready :meth:`scan` returns None and every pattern runs on the whole
    text. Thread-safe: each thread gets its own scratch spaces.
    """

    def __init__(
        self,
        patterns: Sequence[re.Pattern[str]],
        *,
        background: bool = True,
        after: Callable[[], object] | None = None,
        short_text: int = _SHORT_TEXT,
        found_only: Sequence[re.Pattern[str]] = (),
        warm: Callable[[], object] | None = None,
    ) -> None:
        """Start compiling the relaxed forms of ``patterns``.

        Args:
            patterns: the patterns whose matches :meth:`scan` will locate; those without a
                relaxed form run on the whole text (:meth:`Hits.matches` with index None).
            background: compile in a background thread (False: before returning). It is not a
                daemon (see :class:`~hybridllm.classifiers.name_ner.NerWindows`): exit waits for it.
            after: called (in that thread) before compiling, e.g. to wait until a model has
                loaded, so the two do not compete for the CPU at start-up.
            short_text: in a text of at most this many characters a whole pattern that may
                match runs on all of it (no second scan for its match starts).
            found_only: patterns the scan reports only whether they may match.
            warm: called (in that thread) after compiling, before :meth:`wait_ready` returns:
                the callers' own warm-up (patterns and lists a call would build on first need).
        """
        self._after = after
        self._warm = warm
        self._short = short_text
        self.index: dict[re.Pattern[str], int] = {}
        self.by_id: dict[int, int] = {}
        """``index`` keyed by ``id(pattern)``: a pattern's hash hashes its compiled code (~0.5
        us, several us for a long alternation) on every lookup, ~150 per call (see
        :func:`possible`). The patterns are ``index``'s keys, so their ids stay theirs; an
        equal pattern compiled apart is no key here and runs on the whole text (same matches)."""
        self._widths: list[tuple[int, int] | None] = []
        self._db: Any = None
        self._som: dict[int, Any] = {}
        self._local = threading.local()
        self._ready = threading.Event()
        self._patterns = tuple(dict.fromkeys(patterns))
        self._found_only = frozenset(found_only)
        if background:
            threading.Thread(target=self._build, name="hybridllm-prefilter", daemon=False).start()
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
            self.index, self.by_id, self._db, self._som = {}, {}, None, {}
        try:
            # A failed warm-up only means a call builds what it needs on first use.
            if self._warm is not None:
                with contextlib.suppress(Exception):
                    self._warm()
        finally:
            self._ready.set()

    def _compile(self) -> None:
        try:
            import hyperscan
        except ImportError:  # pragma: no cover - the package is a dependency
            return
        group: list[tuple[bytes, int, int]] = []
        index: dict[re.Pattern[str], int] = {}
        no_starts: set[int] = set()
        for pattern in self._patterns:
            prefix = relax(pattern)
            whole = None if prefix is not None else relax_whole(pattern)
            pid = len(self._widths)
            if prefix is not None:
                group.append((prefix[0].encode("ascii"), pid, 0))
                self._widths.append((prefix[1], prefix[2]))
            elif whole is not None:
                # whether it may match is all the shared database reports (one callback)
                group.append((whole.encode("ascii"), pid, hyperscan.HS_FLAG_SINGLEMATCH))
                self._widths.append(None)
            else:
                continue
            index[pattern] = pid
            if pattern in self._found_only or _LINE_ANCHORED.match(pattern.pattern):
                no_starts.add(pid)
        db = _database(hyperscan, group)
        if db is None and len(group) > 1:  # some expression is refused: keep the others
            group = [g for g in group if _database(hyperscan, [g]) is not None]
            db = _database(hyperscan, group)
        if db is None:
            return
        kept = {i for _, i, _ in group}
        # Start-reporting databases compile far faster one expression at a time (and one
        # refused expression spoils no other); without one, the pattern runs on the whole text.
        som: dict[int, Any] = {}
        for expr, pid, flags in group:
            if flags and pid not in no_starts:
                one = _database(hyperscan, [(expr, pid, hyperscan.HS_FLAG_SOM_LEFTMOST)])
                if one is not None:
                    som[pid] = one
        self._hs = hyperscan
        self._db, self._som = db, som
        self.index = {p: i for p, i in index.items() if i in kept}
        self.by_id = {id(p): i for p, i in self.index.items()}

    def scan(self, text: str) -> Hits | None:
        """Scan ``text`` once for every pattern (None while the databases are compiling)."""
        if not self._ready.is_set():
            return None
        found: dict[int, list[int]] = {}
        if self._db is None:
            return Hits(found, self._widths, len(text))
        widths = self._widths

        def on_match(pid: int, _start: int, end: int, _flags: int, _ctx: object) -> None:
            got = found.get(pid)
            if got is not None:
                got.append(end)  # a second report: a prefix's (a whole pattern reports once)
            else:
                found[pid] = [end] if widths[pid] is not None else []

        data = proxy_bytes(text)
        self._db.scan(data, match_event_handler=on_match, scratch=self._scratch(-1, self._db))
        if len(text) <= self._short:
            return Hits(found, widths, len(text))
        return Hits(found, widths, len(text), lambda pid: self._starts(pid, data))

    def _scratch(self, key: int, db: Any) -> Any:
        """This thread's scratch space for database ``key`` (-1: the shared one)."""
        spaces: dict[int, Any] | None = getattr(self._local, "spaces", None)
        if spaces is None:
            spaces = self._local.spaces = {}
        space = spaces.get(key)
        if space is None:
            space = spaces[key] = self._hs.Scratch(db)
        return space

    def _starts(self, pid: int, data: bytes) -> list[int] | None:
        """Flat (start, end) pairs of whole pattern ``pid``'s relaxed matches in ``data``."""
        db = self._som.get(pid)
        if db is None:
            return None
        pairs: list[int] = []
        add = pairs.append

        def on_match(_pid: int, start: int, end: int, _flags: int, _ctx: object) -> None:
            add(start)
            add(end)

        db.scan(data, match_event_handler=on_match, scratch=self._scratch(pid, db))
        return pairs


_CACHE: dict[tuple[re.Pattern[str], ...], Prefilter] = {}
_CACHE_LOCK = threading.Lock()
_ACTIVE = threading.local()


def shared_prefilter(
    patterns: Sequence[re.Pattern[str]],
    after: Callable[[], object] | None = None,
    found_only: Sequence[re.Pattern[str]] = (),
    warm: Callable[[], object] | None = None,
) -> Prefilter:
    """The :class:`Prefilter` of ``patterns``, compiled once per process for the same set
    (``after``, ``found_only``, ``warm``: see :class:`Prefilter`; used by the first caller
    only)."""
    key = tuple(dict.fromkeys(patterns))
    with _CACHE_LOCK:
        found = _CACHE.get(key)
        if found is None:
            found = _CACHE[key] = Prefilter(key, after=after, found_only=found_only, warm=warm)
        return found


class scanning:  # noqa: N801 - used as a context manager, like a function
    """Within the block, :func:`finditer` on one of ``texts`` uses ``prefilter``'s windows
    (each text is scanned once, on first use, in this thread)."""

    def __init__(self, prefilter: Prefilter | None, *texts: str) -> None:
        self._prefilter = prefilter
        self.index: dict[re.Pattern[str], int] = {} if prefilter is None else prefilter.index
        self.ids: dict[int, int] = {} if prefilter is None else prefilter.by_id
        self._entries: list[list[Any]] = [[t, None, False] for t in texts]
        self._last: tuple[str, Hits | None] | None = None
        self._saved: Any = None
        self._memo: dict[tuple[int, str], Any] = {}
        self._saved_memo: Any = None

    def __enter__(self) -> None:
        self._saved = getattr(_ACTIVE, "scope", None)
        _ACTIVE.scope = self if self._prefilter is not None else None
        self._saved_memo = getattr(_ACTIVE, "memo", None)
        _ACTIVE.memo = self

    def __exit__(self, *exc: object) -> None:
        _ACTIVE.scope = self._saved
        _ACTIVE.memo = self._saved_memo
        self._memo.clear()

    def hits(self, text: str) -> Hits | None:
        last = self._last
        if last is not None and last[0] is text:  # most lookups: the text asked for before
            return last[1]
        for entry in self._entries:
            if entry[0] is text:
                if not entry[2]:
                    assert self._prefilter is not None
                    entry[1], entry[2] = self._prefilter.scan(text), True
                hits: Hits | None = entry[1]
                self._last = (text, hits)
                return hits
        return None


def scan_also(text: str) -> None:
    """Inside :class:`scanning`, let :func:`finditer`, :func:`possible` and :func:`per_text` on
    ``text`` (a copy a recognizer made of a scanned text: ``NameRecognizer``'s capitalised
    lower-case sentences) use the prefilter too; it is scanned once, on first use. No effect
    outside :class:`scanning` or on a text it holds already."""
    scope: scanning | None = getattr(_ACTIVE, "memo", None)
    if scope is not None and not any(entry[0] is text for entry in scope._entries):
        scope._entries.append([text, None, False])  # kept alive, so per_text's ids stay its


def per_text(text: str, key: str, compute: Callable[[str], _T]) -> _T:
    """``compute(text)``, computed once per text and ``key`` inside :class:`scanning` of it
    (a token list several recognizers need: one pass per payload instead of one each)."""
    scope: scanning | None = getattr(_ACTIVE, "memo", None)
    if scope is None:
        return compute(text)
    slot = (id(text), key)
    memo = scope._memo
    # Most calls: a slot is made only for a text the scope holds (alive, so the id is its own).
    if slot in memo:
        value: _T = memo[slot]
        return value
    if not any(entry[0] is text for entry in scope._entries):
        return compute(text)
    value = memo[slot] = compute(text)
    return value


def finditer(pattern: re.Pattern[str], text: str) -> Iterator[re.Match[str]]:
    """Exactly ``pattern.finditer(text)``; inside :class:`scanning` of ``text`` it tries only
    the places the prefilter found for ``pattern``."""
    scope: scanning | None = getattr(_ACTIVE, "scope", None)
    if scope is not None:
        hits = scope.hits(text)
        if hits is not None:
            index = scope.ids.get(id(pattern))
            if index is not None and index not in hits._found:
                return iter(())  # the scan found no place it could match (most rules, most texts)
            return hits.matches(index, pattern, text)
    return pattern.finditer(text)


class _Rule(Protocol):
    @property
    def pattern(self) -> re.Pattern[str]: ...


_R = TypeVar("_R", bound=_Rule)


def possible(rules: Sequence[_R], text: str) -> Sequence[_R]:
    """``rules`` without those whose ``pattern`` the scan of ``text`` (inside
    :class:`scanning`) shows cannot match anywhere in it: a recognizer skips most of its rules
    in one pass instead of one :func:`finditer` call each."""
    scope: scanning | None = getattr(_ACTIVE, "scope", None)
    hits = None if scope is None else scope.hits(text)
    if scope is None or hits is None:
        return rules
    ids, found = scope.ids, hits._found
    return [r for r in rules if (i := ids.get(id(r.pattern))) is None or i in found]
