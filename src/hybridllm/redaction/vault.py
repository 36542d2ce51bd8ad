"""The placeholder vault: maps minted tokens to original values, in process memory only.

A vault is one scope: one call by default, or a whole conversation. It is thread-safe (one
re-entrant lock; no method awaits, so it is also safe to share between asyncio tasks). It has
no ``repr`` of its values and no serialisation of its own: only a
:class:`~hybridllm.redaction.store.VaultStore` (an encrypted file, or Redis) may persist it,
encrypted, for a conversation that spans processes. The vault never reaches the audit log.

Tokens are either placeholders (``[EMAIL_ADDRESS_1]``) or surrogates (realistic fake values
made by Faker). Both are restored; a token that this vault did not mint never is. Entries can
expire (``ttl``): an expired token is forgotten but its number is never reused, so a stale
placeholder can never come back as a different value.
"""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from hybridllm.redaction.store import VaultStore

from hybridllm.redaction.literals import LiteralIndex
from hybridllm.redaction.reply_match import ReplyMatchers
from hybridllm.redaction.shapes import LOOSE_MD_RE, loose_token
from hybridllm.redaction.tokens import (
    LITERAL_LABEL,
    PLACEHOLDER_RE,
    Entry,
    Kind,
    Origin,
    is_word_char,
    label_of,
    placeholder_prefix_len,
)

__all__ = [
    "LITERAL_LABEL",
    "PLACEHOLDER_RE",
    "Entry",
    "Origin",
    "Vault",
    "is_word_char",
    "placeholder_prefix_len",
]

_MAYBE_TOKEN = re.compile(r"[\[({<_]")
_PURGE_EVERY = 1.0  # seconds between full expiry sweeps (each lookup still checks its entry)


class Vault(ReplyMatchers):
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
        "_by_value_text",
        "_clock",
        "_counters",
        "_depth",
        "_dirty",
        "_faker",
        "_last_purge",
        "_lock",
        "_reserved",
        "_scope_id",
        "_store",
        "_surrogates",
        "_values",
        "_version",
        "ttl",
    )

    def __init__(
        self,
        *,
        ttl: float | None = None,
        clock: Callable[[], float] = time.time,
        store: VaultStore | None = None,
        scope_id: str = "",
    ) -> None:
        self._lock = threading.RLock()
        self.ttl = ttl
        self._clock = clock
        self._by_value: dict[tuple[Kind, str, str], Entry] = {}
        self._by_token: dict[str, Entry] = {}
        self._by_value_text: dict[str, list[Entry]] = {}
        self._values = LiteralIndex()  # every value of a category: found again in new input
        self._surrogates = LiteralIndex()  # every surrogate: neutralised in new input
        self._counters: dict[str, int] = {}
        self._reserved: set[str] = set()
        self._version = 0
        self._matchers: dict[bool, tuple[int, re.Pattern[str], frozenset[str], int]] = {}
        self._prefixes: tuple[int, frozenset[str]] = (-1, frozenset())
        self._labels: tuple[int, dict[str, str | None]] = (-1, {})
        self._faker: object | None = None
        self._store = store
        self._scope_id = scope_id
        self._dirty = False
        self._depth = 0
        self._last_purge = float("-inf")
        if store is not None:
            store.load_into(self, scope_id)

    def __repr__(self) -> str:
        return f"Vault(<{len(self)} placeholders>)"

    def __len__(self) -> int:
        with self._lock:
            self._purge(force=True)
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

    def reserve(self, text: str) -> list[tuple[str, int, int]]:
        """Never mint a placeholder that already appears in ``text``, even in a mangled form.

        A model that copies ``person_1`` from the input must not get a value back for it.

        Returns:
            The placeholder-like candidates found: (canonical token, start, end).
        """
        if not _MAYBE_TOKEN.search(text):
            return []  # no bracket and no underscore: nothing here can pass for a token
        found = [(m.group(0), *m.span()) for m in PLACEHOLDER_RE.finditer(text)]
        # Every candidate restore could see: restore skips a candidate that is no token one
        # character at a time, so a token inside it counts too ("<PERSON_1\u3000>" is no
        # bracketed token, its "PERSON_1" is a bare one).
        pos = 0
        while (m := LOOSE_MD_RE.search(text, pos)) is not None:
            got = loose_token(m)
            if got is not None:
                found.append(got)
            pos = m.start() + 1
        if found:
            with self.batch():
                self._reserved.update(t for t, _, _ in found)
                self._dirty = True
        return found

    def _purge(self, *, force: bool = False) -> None:
        if self.ttl is None:
            return
        now = self._clock()
        if not force and now - self._last_purge < _PURGE_EVERY:
            return  # a sweep is O(entries): at most once a second (each entry is checked on use)
        self._last_purge = now
        limit = now - self.ttl
        stale = [e for e in self._by_token.values() if e.used < limit]
        for e in stale:
            self._forget(e)
        if stale:
            self._changed()

    def _forget(self, e: Entry) -> None:
        del self._by_token[e.token]
        self._by_value.pop((e.kind, e.label, e.value), None)
        same = self._by_value_text.get(e.value, [])
        if e in same:
            same.remove(e)
        if not same:
            self._by_value_text.pop(e.value, None)
            self._values.discard(e.value)
        if e.kind == "surrogate":
            self._surrogates.discard(e.token)

    def _expired(self, e: Entry, now: float) -> bool:
        return self.ttl is not None and e.used < now - self.ttl

    def _changed(self) -> None:
        self._version += 1
        self._dirty = True

    def _index(self, entry: Entry) -> None:
        self._by_value[(entry.kind, entry.label, entry.value)] = entry
        self._by_token[entry.token] = entry
        if entry.kind != "literal" and entry.category is not None:
            self._by_value_text.setdefault(entry.value, []).append(entry)
            if entry.value.strip():
                self._values.add(entry.value)
        if entry.kind == "surrogate":
            self._surrogates.add(entry.token)

    def _add(self, entry: Entry) -> str:
        self._index(entry)
        self._changed()
        return entry.token

    def _touch(self, entry: Entry) -> bool:
        """Mark a use of ``entry``; False (and forgotten) if it had expired."""
        now = self._clock()
        if self._expired(entry, now):
            self._forget(entry)
            self._changed()
            return False
        entry.used = now
        return True

    def _existing(self, kind: Kind, label: str, value: str, origin: str | None) -> Entry | None:
        self._purge()
        entry = self._by_value.get((kind, label, value))
        if entry is not None:
            if not self._touch(entry):
                return None
            if origin is not None and origin not in entry.origins:
                entry.origins.add(origin)
                self._dirty = True
        return entry

    # -- minting ---------------------------------------------------------------------------

    def mint(
        self,
        entity_type: str,
        value: str,
        *,
        category: str | None = None,
        origin: str | None = None,
    ) -> str:
        """Return the placeholder for ``value`` (the same one every time in this scope).

        Args:
            origin: the role of the message the value was found in (see :data:`Origin`);
                the restore policy uses it to keep e.g. system-prompt values out of replies.
        """
        label = label_of(entity_type)
        kind: Kind = "literal" if label == LITERAL_LABEL and category is None else "placeholder"
        with self.batch():
            existing = self._existing(kind, label, value, origin)
            if existing is not None:
                return existing.token
            n = self._counters.get(label, 0)
            while True:
                n += 1
                token = f"[{label}_{n}]"
                if token not in self._reserved and token not in self._by_token:
                    break
            self._counters[label] = n
            entry = Entry(
                token,
                value,
                label=label,
                category=category,
                kind=kind,
                used=self._clock(),
                origins=() if origin is None else (origin,),
            )
            return self._add(entry)

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
        origin: str | None = None,
    ) -> str | None:
        """Return a realistic fake for ``value``, the same one every time in this scope.

        Args:
            candidates: called with this vault's generator state (None at first); returns the
                new state and one candidate (the Faker instance is kept per scope).
            avoid: True for a candidate that may not be used (e.g. it occurs in the input).
            attempts: candidates tried before giving up.
            origin: the role of the message the value was found in.

        Returns:
            The surrogate, or None when no unambiguous one was found (use a placeholder then).
        """
        label = entity_type.upper()
        with self.batch():
            existing = self._existing("surrogate", label, value, origin)
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
                        origins=() if origin is None else (origin,),
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

    def record_irreversible(
        self, entity_type: str, value: str, token: str, category: str, *, origin: str | None = None
    ) -> str:
        """Remember that ``value`` was masked or hashed as ``token`` (never restored)."""
        label = entity_type.upper()
        with self.batch():
            existing = self._existing("irreversible", label, value, origin)
            if existing is not None:
                return existing.token
            entry = Entry(
                token,
                value,
                label=label,
                category=category,
                kind="irreversible",
                used=self._clock(),
                origins=() if origin is None else (origin,),
            )
            return self._add(entry)

    # -- restoring -------------------------------------------------------------------------

    def resolve(self, token: str) -> Entry | None:
        """The restorable entry of a token minted (and not expired) here, else None.

        ``token`` must be exact: a placeholder in canonical form, or a surrogate's text.
        """
        with self._lock:
            entry = self._by_token.get(token)
            if entry is None and self._store is not None and self._store.changed(self._scope_id):
                self._store.refresh(self, self._scope_id)
                entry = self._by_token.get(token)
            if entry is None or not entry.restorable or not self._touch(entry):
                return None
            return entry

    def lookup(self, token: str) -> str | None:
        """The original value of a token minted (and not expired) here, else None."""
        entry = self.resolve(token)
        return None if entry is None else entry.value

    def find_known(
        self, text: str, categories: frozenset[str], extra: LiteralIndex | None = None
    ) -> Iterator[tuple[int, int, str]]:
        """Spans of values already known in ``categories`` (or in ``extra``), whole words.

        So a value the classifier misses on a later turn (or in another message of the same
        payload) still gets its token. One pass over ``text``, whatever the vault's size.
        """
        with self._lock:
            self._purge()
            others = (extra,) if extra is not None else ()
            for start, end, value in self._values.finditer(text, *others):
                entries = self._by_value_text.get(value, ())
                if extra is not None or any(e.category in categories for e in entries):
                    yield start, end, value

    def find_neutral(
        self, text: str, candidates: list[tuple[str, int, int]] | None = None
    ) -> list[tuple[int, int]]:
        """Spans of input that could pass for one of our tokens, to be neutralised.

        Placeholder-shaped text (canonical, or a mangled form of a token minted here) and this
        scope's surrogates must never reach the model as if we had minted them.

        Args:
            candidates: what :meth:`reserve` returned for ``text`` (found again if None).
        """
        if candidates is None:
            candidates = [(m.group(0), *m.span()) for m in PLACEHOLDER_RE.finditer(text)]
            candidates.extend(filter(None, map(loose_token, LOOSE_MD_RE.finditer(text))))
        with self._lock:
            spans = [
                (s, e)
                for t, s, e in candidates
                if PLACEHOLDER_RE.fullmatch(text, s, e) or (t in self._by_token)
            ]
            spans.extend((s, e) for s, e, _ in self._surrogates.finditer(text))
        spans.sort()
        return spans

    def entry_for_value(self, categories: frozenset[str], value: str) -> Entry | None:
        """The entry of a known value (any kind but literal), preferring reversible ones."""
        with self._lock:
            best: Entry | None = None
            for e in self._by_value_text.get(value, ()):
                if e.category in categories:
                    if e.restorable:
                        return e
                    best = e
            return best

    # -- persistence hooks (used by the stores only) ---------------------------------------

    def _clear(self) -> None:
        """Drop every entry, counter and reservation (the store is the truth: reload from it)."""
        with self._lock:
            self._by_value.clear()
            self._by_token.clear()
            self._by_value_text.clear()
            self._values = LiteralIndex()
            self._surrogates = LiteralIndex()
            self._counters.clear()
            self._reserved.clear()
            self._matchers.clear()
            self._version += 1
            self._dirty = False

    def _export(self) -> dict[str, object]:
        with self._lock:
            return {
                "v": 2,
                "counters": dict(self._counters),
                "reserved": sorted(self._reserved),
                "entries": [
                    [e.token, e.value, e.label, e.category, e.kind, e.used, sorted(e.origins)]
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
            for row in entries:
                token, value, label, category, kind, used = row[:6]
                origins = row[6] if len(row) > 6 else ()  # version 1 files have no origins
                current = self._by_token.get(token)
                if current is None:
                    entry = Entry(
                        token,
                        value,
                        label=label,
                        category=category,
                        kind=kind,
                        used=float(used),
                        origins=origins,
                    )
                    self._index(entry)
                else:
                    current.used = max(current.used, float(used))
                    current.origins.update(origins)
            self._version += 1
