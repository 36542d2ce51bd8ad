"""How the vault recognises its own tokens in a model's reply (a mixin of :class:`Vault`).

The restorers (:mod:`hybridllm.redaction.restore`) ask three questions of the vault: which
pattern finds our tokens in a reply (:meth:`ReplyMatchers.matcher`), which text could still grow
into a placeholder while a stream is cut mid-token (:meth:`ReplyMatchers.body_prefixes`), and
which single placeholder a model meant when it dropped the number or was cut inside one
(:meth:`ReplyMatchers.sole_token`). Each answer is cached until the vault mints again.
"""

from __future__ import annotations

import re
import threading

from hybridllm.redaction.shapes import LOOSE_MD_RE, LOOSE_RE
from hybridllm.redaction.tokens import Entry, bounded

__all__ = ["ReplyMatchers"]


class ReplyMatchers:
    """The reply side of :class:`~hybridllm.redaction.vault.Vault` (which holds the state)."""

    __slots__ = ("_labels", "_matchers", "_prefixes")  # the caches; the vault sets them up

    _lock: threading.RLock
    _by_token: dict[str, Entry]
    _reserved: set[str]
    _version: int
    _matchers: dict[bool, tuple[int, re.Pattern[str], frozenset[str], int]]
    _prefixes: tuple[int, frozenset[str]]
    _labels: tuple[int, dict[str, str | None]]

    def matcher(self, *, markdown: bool = True) -> tuple[re.Pattern[str], frozenset[str], int]:
        """The pattern that finds tokens to restore, the surrogate prefixes, the longest one.

        Placeholders are matched by shape, mangled or not (see
        :mod:`hybridllm.redaction.shapes`), and looked up; surrogates by their exact text,
        longest first and as whole words (group ``sur``). Cached until the next mint.

        Args:
            markdown: accept markdown-escaped placeholders (not in JSON, where a backslash
                is JSON's own escape).
        """
        with self._lock:
            cached = self._matchers.get(markdown)
            if cached is not None and cached[0] == self._version:
                return cached[1], cached[2], cached[3]
            surrogates = sorted(
                (e.token for e in self._by_token.values() if e.kind == "surrogate"),
                key=len,
                reverse=True,
            )
            pattern = (LOOSE_MD_RE if markdown else LOOSE_RE).pattern
            if surrogates:  # first: a surrogate is exact, where it matches it wins
                pattern = "(?P<sur>" + "|".join(bounded(s) for s in surrogates) + ")|" + pattern
            prefixes = frozenset(s[:k] for s in surrogates for k in range(1, len(s) + 1))
            longest = max((len(s) for s in surrogates), default=0)
            compiled = re.compile(pattern)
            self._matchers[markdown] = (self._version, compiled, prefixes, longest)
            return compiled, prefixes, longest

    def body_prefixes(self) -> frozenset[str]:
        """Every prefix of every restorable placeholder's body (``PERSON_1`` for ``[PERSON_1]``).

        The streaming restorer holds back only text that can still grow into one of them.
        Cached until the next mint.
        """
        with self._lock:
            if self._prefixes[0] != self._version:
                bodies = (
                    e.token[1:-1]
                    for e in self._by_token.values()
                    if e.kind in ("placeholder", "literal")
                )
                found = frozenset(b[:k] for b in bodies for k in range(len(b) + 1))
                self._prefixes = (self._version, found)
            return self._prefixes[1]

    def sole_token(self, fragment: str, *, prefix: bool = False) -> str | None:
        """The one restorable placeholder whose label is ``fragment``, or None if not exactly one.

        For a model that dropped the number (``[PERSON]`` when only ``[PERSON_1]`` was minted)
        or whose reply was cut inside a placeholder (``prefix``: ``[CREDIT_CA`` at the end of
        the reply, a prefix of exactly one minted body). Two candidates are never guessed
        between: then the text stays as the model wrote it.

        Args:
            fragment: the label as a model wrote it, in canonical spelling (upper case, ``_``).
            prefix: ``fragment`` may be any prefix of a body, not only its whole label.
        """
        with self._lock:
            if not prefix:
                if f"[{fragment}]" in self._reserved:
                    return None  # the input had this text itself: it is not ours
                if self._labels[0] != self._version:
                    labels: dict[str, str | None] = {}
                    for e in self._by_token.values():
                        if e.kind == "placeholder":
                            labels[e.label] = None if e.label in labels else e.token
                    self._labels = (self._version, labels)
                return self._labels[1].get(fragment)
            found: str | None = None
            for e in self._by_token.values():
                if e.kind == "placeholder" and e.token.startswith(fragment, 1):
                    if found is not None:
                        return None
                    found = e.token
            return found
