"""The placeholder vault: maps minted placeholders to original values, in process memory only.

A vault is one scope (by default one call). It is thread-safe. It has no serialisation and no
``repr`` of its values: the mapping never leaves the process and never reaches the audit log.
"""

from __future__ import annotations

import re
import threading

__all__ = ["PLACEHOLDER_RE", "Vault", "placeholder_prefix_len"]

PLACEHOLDER_RE = re.compile(r"\[([A-Z][A-Z0-9_]{0,40})_(\d{1,6})\]")
"""What a placeholder looks like: ``[EMAIL_ADDRESS_1]``."""

_MAX_PLACEHOLDER_LEN = 1 + 41 + 1 + 6 + 1
_PREFIX_RE = re.compile(r"\[[A-Z0-9_]{0,48}\Z")


def placeholder_prefix_len(text: str) -> int:
    """Length of the longest suffix of ``text`` that could still grow into a placeholder."""
    start = text.rfind("[", max(0, len(text) - _MAX_PLACEHOLDER_LEN))
    if start == -1:
        return 0
    return len(text) - start if _PREFIX_RE.match(text, start) else 0


class Vault:
    """Scoped, thread-safe mapping between original values and placeholders."""

    __slots__ = ("_by_placeholder", "_by_value", "_counters", "_lock", "_reserved")

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._by_value: dict[tuple[str, str], str] = {}
        self._by_placeholder: dict[str, str] = {}
        self._counters: dict[str, int] = {}
        self._reserved: set[str] = set()

    def __repr__(self) -> str:
        return f"Vault(<{len(self)} placeholders>)"

    def __len__(self) -> int:
        with self._lock:
            return len(self._by_placeholder)

    def reserve(self, text: str) -> None:
        """Never mint a placeholder that already appears literally in ``text``.

        Input that already looks like a placeholder is thereby neutralised: it is not minted by
        this vault, so it can never be "restored" into a value.
        """
        with self._lock:
            self._reserved.update(m.group(0) for m in PLACEHOLDER_RE.finditer(text))

    def mint(self, entity_type: str, value: str) -> str:
        """Return the placeholder for ``value`` (the same one every time in this scope)."""
        label = re.sub(r"[^A-Z0-9_]", "_", entity_type.upper()) or "VALUE"
        key = (label, value)
        with self._lock:
            existing = self._by_value.get(key)
            if existing is not None:
                return existing
            n = self._counters.get(label, 0)
            while True:
                n += 1
                placeholder = f"[{label}_{n}]"
                if placeholder not in self._reserved:
                    break
            self._counters[label] = n
            self._by_value[key] = placeholder
            self._by_placeholder[placeholder] = value
            return placeholder

    def lookup(self, placeholder: str) -> str | None:
        """The original value of a placeholder minted here, else None."""
        with self._lock:
            return self._by_placeholder.get(placeholder)
