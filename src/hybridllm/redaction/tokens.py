"""Tokens and vault entries: the shapes the vault mints, and one minted token's record."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from typing import Literal

from hybridllm.redaction.shapes import LOOSE_MD_RE, loose_token

__all__ = [
    "LITERAL_LABEL",
    "PLACEHOLDER_RE",
    "Entry",
    "Kind",
    "Origin",
    "bounded",
    "is_word_char",
    "label_of",
    "placeholder_prefix_len",
    "shown",
]

PLACEHOLDER_RE = re.compile(r"\[([A-Z][A-Z0-9_]{0,40})_(\d{1,6})\]")
"""What a placeholder looks like: ``[EMAIL_ADDRESS_1]``."""

LITERAL_LABEL = "LITERAL"
"""Label of the placeholders that stand for placeholder-like text found in the input."""

_MAX_PLACEHOLDER_LEN = 1 + 41 + 1 + 6 + 1
_PREFIX_RE = re.compile(r"\[[A-Z0-9_]{0,48}\Z")
_WORD = re.compile(r"\w")

Kind = Literal["placeholder", "surrogate", "literal", "irreversible"]
Origin = Literal["system", "user", "assistant", "tool"]
"""The role of the message a value was found in (``tool``: a tool result)."""


def placeholder_prefix_len(text: str) -> int:
    """Length of the longest suffix of ``text`` that could still grow into a placeholder."""
    start = text.rfind("[", max(0, len(text) - _MAX_PLACEHOLDER_LEN))
    if start == -1:
        return 0
    return len(text) - start if _PREFIX_RE.match(text, start) else 0


@functools.lru_cache(maxsize=256)
def label_of(entity_type: str) -> str:
    """The placeholder label of an entity type: ``EMAIL_ADDRESS``, at most 41 characters."""
    label = re.sub(r"[^A-Z0-9_]", "_", entity_type.upper()) or "VALUE"
    if not label[0].isalpha():
        label = "V" + label
    return label[:41]


_OPENS = frozenset("[({<\\")
_CLOSES = frozenset("])}>")


@functools.lru_cache(maxsize=1024)
def _bare_ok(token: str) -> bool:
    m = LOOSE_MD_RE.fullmatch(token[1:-1])
    got = None if m is None else loose_token(m)
    return got is not None and got[0] == token


def shown(token: str, style: str, before: str = "", after: str = "") -> str:
    """How a canonical placeholder (``[PERSON_1]``) is written into a payload.

    ``bare`` style drops the brackets (``PERSON_1``), unless the token would touch a word
    character, a backslash, an opening bracket before it or a closing one after it
    (``before`` / ``after``: the characters around it), or would not read back as itself: then
    it keeps them, so restore always finds exactly this token and nothing around it.
    """
    if style != "bare" or not _bare_ok(token):
        return token
    if is_word_char(before) or is_word_char(after) or before in _OPENS or after in _CLOSES:
        return token  # "(PERSON_1)" would read as a bracketed token and take the brackets
    return token[1:-1]


def is_word_char(ch: str) -> bool:
    """True for a character that ``\\w`` matches (the boundary rule surrogates rely on)."""
    return bool(ch) and _WORD.match(ch) is not None


def bounded(literal: str) -> str:
    """A regex for ``literal`` as a whole word."""
    # A surrogate or known value only counts as a whole word: "Ann" must not match in "Annual".
    return rf"(?<!\w){re.escape(literal)}(?!\w)"


class Entry:
    """One minted token. ``value`` is the original text; it never appears in a repr."""

    __slots__ = ("category", "kind", "label", "origins", "token", "used", "value")

    def __init__(
        self,
        token: str,
        value: str,
        *,
        label: str,
        category: str | None,
        kind: Kind,
        used: float,
        origins: Iterable[str] = (),
    ) -> None:
        self.token = token
        self.value = value
        self.label = label
        self.category = category
        self.kind: Kind = kind
        self.used = used
        self.origins: set[str] = set(origins)
        """Roles of the messages the value was found in (where it came from)."""

    def __repr__(self) -> str:
        return f"Entry({self.token!r}, kind={self.kind})"

    @property
    def restorable(self) -> bool:
        """Whether a reply containing the token gets the value back."""
        return self.kind != "irreversible"
