"""The placeholder vault: maps minted tokens to original values, in process memory only.

A vault is one scope: one call by default, or a whole conversation. It is thread-safe (one
re-entrant lock; no method awaits, so it is also safe to share between asyncio tasks). It has
no ``repr`` of its values and no serialisation of its own: only an
:class:`~hybridllm.redaction.store.EncryptedFileStore` may persist it, encrypted, for a
conversation that spans processes. The vault never reaches the audit log.

Tokens are either placeholders (``[EMAIL_ADDRESS_1]``) or surrogates (realistic fake values
made by Faker). Both are restored; a token that this vault did not mint never is. Entries can
expire (``ttl``): an expired token is forgotten but its number is never reused, so a stale
placeholder can never come back as a different value.
"""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from hybridllm.redaction.store import EncryptedFileStore

__all__ = ["PLACEHOLDER_RE", "Entry", "Vault", "placeholder_prefix_len"]

PLACEHOLDER_RE = re.compile(r"\[([A-Z][A-Z0-9_]{0,40})_(\d{1,6})\]")
"""What a placeholder looks like: ``[EMAIL_ADDRESS_1]``."""

LITERAL_LABEL = "LITERAL"
"""Label of the placeholders that stand for placeholder-like text found in the input."""

_MAX_PLACEHOLDER_LEN = 1 + 41 + 1 + 6 + 1
_PREFIX_RE = re.compile(r"\[[A-Z0-9_]{0,48}\Z")
_WORD = re.compile(r"\w")

Kind = Literal["placeholder", "surrogate", "literal", "irreversible"]


def placeholder_prefix_len(text: str) -> int:
    """Length of the longest suffix of ``text`` that could still grow into a placeholder."""
    start = text.rfind("[", max(0, len(text) - _MAX_PLACEHOLDER_LEN))
    if start == -1:
        return 0
    return len(text) - start if _PREFIX_RE.match(text, start) else 0


def is_word_char(ch: str) -> bool:
    """True for a character that ``\\w`` matches (the boundary rule surrogates rely on)."""
    return bool(ch) and _WORD.match(ch) is not None


def _bounded(literal: str) -> str:
    # A surrogate or known value only counts as a whole word: "Ann" must not match in "Annual".
    return rf"(?<!\w){re.escape(literal)}(?!\w)"


class Entry:
    """One minted token. ``value`` is the original text; it never appears in a repr."""

    __slots__ = ("category", "kind", "label", "token", "used", "value")

    def __init__(
        self, token: str, value: str, *, label: str, category: str | None, kind: Kind, used: float
    ) -> None:
        self.token = token
        self.value = value
        self.label = label
        self.category = category
        self.kind: Kind = kind
        self.used = used

    def __repr__(self) -> str:
        return f"Entry({self.token!r}, kind={self.kind})"

    @property
    def restorable(self) -> bool:
        """Whether a reply containing the token gets the value back."""
        return self.kind != "irreversible"


class Vault:
    """Scoped, thread-safe mapping between original values and the tokens that replace them.

    Args:
        ttl: seconds an entry lives after it was last minted or restored (None: forever).
        clock: wall-clock seconds (``time.time``); injectable for tests.
        store: persist this scope encrypted (see :func:`hybridllm.redaction.open_vault`).
        scope_id: the conversation id the store files this vault under.
    """

    __slots__ = (
        "_by_token",
        "_by_value",
        "_clock",
        "_counters",
        "_depth",
        "_dirty",
        "_faker",
        "_lock",
        "_matchers",
        "_reserved",
        "_scope_id",
        "_store",
        "_version",
        "ttl",
    )

    def __init__(
        self,
        *,
        ttl: float | None = None,
        clock: Callable[[], float] = time.time,
        store: EncryptedFileStore | None = None,
        scope_id: str = "",
    ) -> None:
        self._lock = threading.RLock()
        self.ttl = ttl
        self._clock = clock
        self._by_value: dict[tuple[Kind, str, str], Entry] = {}
        self._by_token: dict[str, Entry] = {}
        self._counters: dict[str, int] = {}
        self._reserved: set[str] = set()
        self._version = 0
        self._matchers: tuple[int, re.Pattern[str], frozenset[str], int] | None = None
        self._faker: object | None = None
        self._store = store
        self._scope_id = scope_id
        self._dirty = False
        self._depth = 0
        if store is not None:
            store.load_into(self, scope_id)

    def __repr__(self) -> str:
        return f"Vault(<{len(self)} placeholders>)"

    def __len__(self) -> int:
        with self._lock:
            self._purge()
            return sum(1 for e in self._by_token.values() if e.kind != "literal")

    # -- scope-wide operations -------------------------------------------------------------

    @contextmanager
    def batch(self) -> Iterator[None]:
        """Hold the vault for several mints; with a store, load the latest and save once.

        Re-entrant. With an encrypted store, the scope's file is locked for the whole batch
        (so two processes never mint the same placeholder for different values).
        """
        with self._lock:
            self._depth += 1
            try:
                if self._store is None or self._depth > 1:
                    yield
                    return
                with self._store.locked(self._scope_id):
                    self._store.refresh(self, self._scope_id)
                    try:
                        yield
                    finally:
                        if self._dirty:
                            self._store.save(self, self._scope_id)
                            self._dirty = False
            finally:
                self._depth -= 1

    def reserve(self, text: str) -> None:
        """Never mint a placeholder that already appears literally in ``text``."""
        found = {m.group(0) for m in PLACEHOLDER_RE.finditer(text)}
        if found:
            with self.batch():
                self._reserved.update(found)
                self._dirty = True

    def _purge(self) -> None:
        if self.ttl is None:
            return
        limit = self._clock() - self.ttl
        stale = [e for e in self._by_token.values() if e.used < limit]
        for e in stale:
            del self._by_token[e.token]
            self._by_value.pop((e.kind, e.label, e.value), None)
        if stale:
            self._changed()

    def _changed(self) -> None:
        self._version += 1
        self._dirty = True

    def _add(self, entry: Entry) -> str:
        self._by_value[(entry.kind, entry.label, entry.value)] = entry
        self._by_token[entry.token] = entry
        self._changed()
        return entry.token

    def _existing(self, kind: Kind, label: str, value: str) -> Entry | None:
        self._purge()
        entry = self._by_value.get((kind, label, value))
        if entry is not None:
            entry.used = self._clock()
        return entry

    # -- minting ---------------------------------------------------------------------------

    def mint(self, entity_type: str, value: str, *, category: str | None = None) -> str:
        """Return the placeholder for ``value`` (the same one every time in this scope)."""
        label = re.sub(r"[^A-Z0-9_]", "_", entity_type.upper()) or "VALUE"
        if not label[0].isalpha():
            label = "V" + label
        label = label[:41]
        kind: Kind = "literal" if label == LITERAL_LABEL and category is None else "placeholder"
        with self.batch():
            existing = self._existing(kind, label, value)
            if existing is not None:
                return existing.token
            n = self._counters.get(label, 0)
            while True:
                n += 1
                token = f"[{label}_{n}]"
                if token not in self._reserved and token not in self._by_token:
                    break
            self._counters[label] = n
            return self._add(
                Entry(token, value, label=label, category=category, kind=kind, used=self._clock())
            )

    def mint_literal(self, text: str) -> str:
        """A placeholder standing for ``text`` itself: how placeholder-like input is neutralised."""
        return self.mint(LITERAL_LABEL, text)

    def mint_surrogate(
        self,
        entity_type: str,
        value: str,
        candidates: Callable[[object | None], tuple[object, str]],
        *,
        category: str | None = None,
        avoid: Callable[[str], bool] = lambda _: False,
        attempts: int = 20,
    ) -> str | None:
        """Return a realistic fake for ``value``, the same one every time in this scope.

        Args:
            candidates: called with this vault's generator state (None at first); returns the
                new state and one candidate (the Faker instance is kept per scope).
            avoid: True for a candidate that may not be used (e.g. it occurs in the input).
            attempts: candidates tried before giving up.

        Returns:
            The surrogate, or None when no unambiguous one was found (use a placeholder then).
        """
        label = entity_type.upper()
        with self.batch():
            existing = self._existing("surrogate", label, value)
            if existing is not None:
                return existing.token
            for _ in range(attempts):
                self._faker, cand = candidates(self._faker)
                if self._surrogate_ok(cand, value) and not avoid(cand):
                    entry = Entry(
                        cand,
                        value,
                        label=label,
                        category=category,
                        kind="surrogate",
                        used=self._clock(),
                    )
                    return self._add(entry)
            return None

    def _surrogate_ok(self, cand: str, value: str) -> bool:
        if not cand or cand != cand.strip() or cand == value or cand in self._by_token:
            return False
        if PLACEHOLDER_RE.search(cand) or "[" in cand or "]" in cand:
            return False
        for e in self._by_token.values():
            # No surrogate may contain another, or be (part of) a real value of this scope:
            # "Maria" and "Maria Jensen" side by side would make restore ambiguous.
            if e.kind == "surrogate" and (cand in e.token or e.token in cand):
                return False
            if cand in e.value or e.value in cand:
                return False
        return True

    def record_irreversible(self, entity_type: str, value: str, token: str, category: str) -> str:
        """Remember that ``value`` was masked or hashed as ``token`` (never restored)."""
        label = entity_type.upper()
        with self.batch():
            existing = self._existing("irreversible", label, value)
            if existing is not None:
                return existing.token
            entry = Entry(
                token,
                value,
                label=label,
                category=category,
                kind="irreversible",
                used=self._clock(),
            )
            return self._add(entry)

    # -- restoring -------------------------------------------------------------------------

    def lookup(self, token: str) -> str | None:
        """The original value of a token minted (and not expired) here, else None."""
        with self._lock:
            entry = self._by_token.get(token)
            if entry is None and self._store is not None and self._store.changed(self._scope_id):
                self._store.refresh(self, self._scope_id)
                entry = self._by_token.get(token)
            if entry is None or not entry.restorable:
                return None
            now = self._clock()
            if self.ttl is not None and entry.used < now - self.ttl:
                self._purge()
                return None
            entry.used = now
            return entry.value

    def matcher(self) -> tuple[re.Pattern[str], frozenset[str], int]:
        """The pattern that finds tokens to restore, the surrogate prefixes, the longest one.

        Placeholders are matched by shape (and looked up); surrogates by their exact text,
        longest first and as whole words. Cached until the next mint.
        """
        with self._lock:
            cached = self._matchers
            if cached is not None and cached[0] == self._version:
                return cached[1], cached[2], cached[3]
            surrogates = sorted(
                (e.token for e in self._by_token.values() if e.kind == "surrogate"),
                key=len,
                reverse=True,
            )
            pattern = PLACEHOLDER_RE.pattern
            if surrogates:
                pattern += "|" + "|".join(_bounded(s) for s in surrogates)
            prefixes = frozenset(s[:k] for s in surrogates for k in range(1, len(s) + 1))
            longest = max((len(s) for s in surrogates), default=0)
            compiled = re.compile(pattern)
            self._matchers = (self._version, compiled, prefixes, longest)
            return compiled, prefixes, longest

    def known(
        self, categories: frozenset[str], extra: Iterable[str] = ()
    ) -> tuple[re.Pattern[str] | None, re.Pattern[str]]:
        """Patterns for values already minted in ``categories`` and for input to neutralise.

        The first finds earlier values again (so a value the classifier misses on a later turn
        still keeps its token); the second finds placeholder-shaped text and surrogates of this
        scope in new input, which must never reach the model as if we had minted them.
        """
        with self._lock:
            self._purge()
            found = {e.value for e in self._by_token.values() if e.category in categories}
            values = sorted(found.union(extra), key=len, reverse=True)
            surrogates = sorted(
                (e.token for e in self._by_token.values() if e.kind == "surrogate"),
                key=len,
                reverse=True,
            )
        known = re.compile("|".join(_bounded(v) for v in values)) if values else None
        neutral = PLACEHOLDER_RE.pattern
        if surrogates:
            neutral += "|" + "|".join(_bounded(s) for s in surrogates)
        return known, re.compile(neutral)

    def entry_for_value(self, categories: frozenset[str], value: str) -> Entry | None:
        """The entry of a known value (any kind but literal), preferring reversible ones."""
        with self._lock:
            best: Entry | None = None
            for e in self._by_token.values():
                if e.value == value and e.category in categories:
                    if e.restorable:
                        return e
                    best = e
            return best

    # -- persistence hooks (used by EncryptedFileStore only) -------------------------------

    def _export(self) -> dict[str, object]:
        with self._lock:
            return {
                "v": 1,
                "counters": dict(self._counters),
                "reserved": sorted(self._reserved),
                "entries": [
                    [e.token, e.value, e.label, e.category, e.kind, e.used]
                    for e in self._by_token.values()
                ],
            }

    def _import(self, data: dict[str, object]) -> None:
        with self._lock:
            counters = data.get("counters", {})
            reserved = data.get("reserved", [])
            entries = data.get("entries", [])
            assert isinstance(counters, dict)
            assert isinstance(reserved, list)
            assert isinstance(entries, list)
            for label, n in counters.items():
                self._counters[label] = max(self._counters.get(label, 0), int(n))
            self._reserved.update(str(r) for r in reserved)
            for token, value, label, category, kind, used in entries:
                current = self._by_token.get(token)
                if current is None:
                    entry = Entry(
                        token, value, label=label, category=category, kind=kind, used=float(used)
                    )
                    self._by_token[token] = entry
                    self._by_value[(entry.kind, label, value)] = entry
                else:
                    current.used = max(current.used, float(used))
            self._version += 1
