"""Lower-case names in a construction of two parties, one of them a found name.

A handover or a comparison names two parties of one kind: ``account owner changed from shikha
anand to veeresh prakash``, ``the ticket moved from ranjeet panda to chithra chouhan``, ``a
dispute between zvone and majk``. When one side is a found name, the other side is one too if
its words could be a name's (listed names, particles, words in no English list), none is a
function word or a verb of people and not all are places: ``from veeresh prakash to the
finance team`` or ``from paris to veeresh prakash`` give nothing more.
"""

from __future__ import annotations

import re

from hybridllm.classifiers.name_lower_context import name_like
from hybridllm.classifiers.name_lower_pairs import HELPER_VERBS, PEOPLE_VERBS
from hybridllm.classifiers.name_tokens import FUNCTION_WORDS, PARTICLES, TokenLexicon

__all__ = ["parallel_names"]

_W = r"[a-zß-öø-ÿ][\w'’-]*"
_ITEM = rf"{_W}(?:[ \t]{_W}){{0,2}}"
# Where the second party ends: punctuation, the line's end, or a word that starts what follows.
_END = (
    r"(?=[ \t]*(?:[,.;:!?)\n]|$)|[ \t]+(?:on|at|in|for|as|by|and|after|before|because|since"
    r"|until|effective|starting|with|last|this|next|yesterday|today|tomorrow|due)\b)"
)
_PAIRS = (
    re.compile(rf"\bfrom[ \t]+(?P<a>{_ITEM}?)[ \t]+to[ \t]+(?P<b>{_ITEM}?){_END}"),
    re.compile(rf"\bbetween[ \t]+(?P<a>{_ITEM}?)[ \t]+and[ \t]+(?P<b>{_ITEM}?){_END}"),
)


def _party(lex: TokenLexicon, words: list[str]) -> bool:
    """Words that could make a person's name: each a listed name, a particle or a word in no
    English list; one of them name-like; none a function word or a verb of people, and not
    all of them places (``anand`` is a town, ``shikha anand`` a person)."""
    if all(w in lex.places for w in words):
        return False
    for w in words:
        if w in FUNCTION_WORDS or w in HELPER_VERBS or w in PEOPLE_VERBS:
            return False
        if not (name_like(lex, w) or w in PARTICLES or w in lex.first or w in lex.last):
            return False
    return any(name_like(lex, w) for w in words)


def parallel_names(
    text: str, found: list[tuple[int, int]], lex: TokenLexicon
) -> list[tuple[int, int]]:
    """The other party of ``from X to Y`` or ``between X and Y`` when one party is a found name
    (see the module docstring).

    Args:
        text: the text.
        found: ``(start, end)`` of the names found so far.
        lex: the token lists.

    Returns:
        New ``(start, end)`` spans, lower-case only.
    """
    if "from " not in text and "between " not in text:
        return []
    known = bytearray(len(text))
    for a, b in found:
        known[a:b] = b"\x01" * (b - a)
    new: list[tuple[int, int]] = []
    for pattern in _PAIRS:
        for m in pattern.finditer(text):
            sides = (m.span("a"), m.span("b"))
            for (s, e), (os, oe) in (sides, sides[::-1]):
                if not all(known[os:oe]) or any(known[s:e]):
                    continue
                if _party(lex, text[s:e].split()):
                    new.append((s, e))
                    known[s:e] = b"\x01" * (e - s)
    return new
