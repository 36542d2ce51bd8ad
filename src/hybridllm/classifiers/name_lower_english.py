"""Word strength and the language test of the lower-case name rules (:mod:`.name_lower`).

Each lower-case word gets a strength from the token lists (see :mod:`.name_lower`'s
docstring): strong, weak, unknown or none. The lower-case rules apply to English text only:
:func:`english` tells whether most lower-case words that are no listed name are English words.
"""

from __future__ import annotations

import re

from hybridllm.classifiers.name_lower_context import census_first as _census_first
from hybridllm.classifiers.name_lower_context import faker_last as _faker_last
from hybridllm.classifiers.name_lower_pairs import foreign_form
from hybridllm.classifiers.name_shape import name_likeness
from hybridllm.classifiers.name_tokens import Kind, TokenLexicon

__all__ = ["NONE", "STRONG", "UNKNOWN", "WEAK", "english", "english_once", "strength"]

STRONG, WEAK, UNKNOWN, NONE = 3, 2, 1, 0
_LONE_SPELT = 1.1  # name likeness of a word (name_shape) that says nothing of the language
_MIN_PLAIN = 3  # other words that tell the language: three, in a short line too

_ENGLISH_SHARE = 0.5
_STRENGTH_CACHE = 50_000
# English words of two letters (the vocabulary keeps longer words only); "de", "la", "em" are
# not among them.
_SHORT_ENGLISH = frozenset(
    "is at it of to in on me my we he be by or as an so do up us if no am go".split()  # noqa: SIM905
)


def strength(lex: TokenLexicon, word: str) -> int:
    """The strength of a lower-case word's name evidence (``STRONG`` ... ``NONE``), memoised
    per word in ``lex.strengths`` (bounded like the lexicon's kinds; words recur in a text)."""
    memo = lex.strengths
    found = memo.get(word)
    if found is None:
        if len(memo) >= _STRENGTH_CACHE:
            memo.clear()  # bounded; a plain dict is thread-safe for get/set/clear
        found = memo[word] = _strength(lex, word)
    return found


def _strength(lex: TokenLexicon, word: str) -> int:
    if len(word) < 3 or not word.isalpha():
        return NONE
    kind = lex.kind(word)
    if kind is Kind.UNKNOWN or (kind is Kind.WORD and foreign_form(lex, word)):
        return UNKNOWN
    if kind is Kind.NAME:
        # "held", "ceo", "islam" are listed surnames too: a word of the vocabulary is strong
        # only as a given name ("matt", "isabella").
        plain = word in lex.common or (
            word in lex.vocab and word not in lex.first and word not in _faker_last()
        )
        return WEAK if plain else STRONG
    if kind is Kind.AMBIGUOUS and word not in lex.common:
        return WEAK
    if kind is Kind.AMBIGUOUS and word in _census_first():
        return WEAK  # "bill", "kelly": a given name before a surname
    return NONE


_CLITIC = re.compile(r"['’]\w+$")


def english_once(
    words: list[re.Match[str]], lex: TokenLexicon, memo: dict[str, bool] | None
) -> bool:
    """:func:`english`, computed once per text when a memo is given."""
    if memo is None:
        return english(words, lex)
    if "english" not in memo:
        memo["english"] = english(words, lex)
    return memo["english"]


def english(words: list[re.Match[str]], lex: TokenLexicon) -> bool:
    """Whether most lower-case words of the text that are no listed name are English words:
    in "ni ke yi shuo zhong wen ma" or "coloque em uma tabela" the lists say nothing about
    names."""
    # Each rule asks the distinct words once (a word recurs on every line of a note).
    lower = [g for w in words[:800] if (g := w.group()).islower() and len(g) > 1]
    named = {w for w in set(lower) if strength(lex, w) >= WEAK}
    near = [w for w in lower if w not in named]
    # Unlisted words spelt like names say nothing of the language either ("siren yaşar,
    # tenant at r pelourinho"), when enough other words remain to tell it.
    spelt = {w for w in set(near) if strength(lex, w) != NONE and name_likeness(w) >= _LONE_SPELT}
    plain = [w for w in near if w not in spelt] if spelt else near
    if len(plain) >= _MIN_PLAIN:
        near = plain
    known = {
        w
        for w in set(near)
        if w in lex.vocab
        or w in _SHORT_ENGLISH
        or _CLITIC.sub("", w) in _SHORT_ENGLISH
        or _CLITIC.sub("", w) in lex.vocab
    }
    count = sum(w in known for w in near)
    if len(near) < 3:
        return count > 0  # a short text: one English word at least ("said liisa to kaarle")
    return count >= _ENGLISH_SHARE * len(near)
