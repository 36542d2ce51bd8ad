"""Word strength and the language test of the lower-case name rules (:mod:`.name_lower`).

Each lower-case word gets a strength from the token lists (see :mod:`.name_lower`'s
docstring): strong, weak, unknown or none. The lower-case rules apply to English text only:
:func:`english` tells whether most lower-case words that are no listed name are English words,
and :func:`english_sentences` drops the sentences of an English text that are decisively not.
"""

from __future__ import annotations

import bisect
import re

from hybridllm.classifiers.name_lower_context import census_first as _census_first
from hybridllm.classifiers.name_lower_context import faker_last as _faker_last
from hybridllm.classifiers.name_lower_pairs import foreign_form
from hybridllm.classifiers.name_shape import name_likeness
from hybridllm.classifiers.name_tokens import Kind, TokenLexicon

__all__ = [
    "NONE",
    "STRONG",
    "UNKNOWN",
    "WEAK",
    "english",
    "english_once",
    "english_sentences",
    "strength",
]

STRONG, WEAK, UNKNOWN, NONE = 3, 2, 1, 0
_LONE_SPELT = 1.1  # name likeness of a word (name_shape) that says nothing of the language
_ELIDED = re.compile(r"[odnm]['’]([^\W\d_]{3,})")
_PARTS = 3  # parts of a hyphenated name at most ("ana-maria-luisa")
_UNSPELT = -1.5  # name likeness below which an unlisted lower-case word is no name
_MIN_PLAIN = 3  # other words that tell the language: three, in a short line too

_ENGLISH_SHARE = 0.5
# A sentence of an English text is judged on its own when it has this many words that tell the
# language: fewer say too little (a record "rua 209 apt. 125 nilo peçanha", "author: katriina
# karvinen <szabina.gelencser@example.co.uk>" is English by its text).
_MIN_SENTENCE = 8
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


def _strength(lex: TokenLexicon, word: str) -> int:  # noqa: PLR0911 - one verdict per rule
    kind = lex.kind(word)
    if kind is Kind.NAME and "-" in word:
        # "satu-maria", "mary-odeh", "mccabe-mcshane": a double name is as strong as its
        # strongest part (the lexicon's kind already says no part is an everyday word)
        parts = word.split("-")
        if len(parts) <= _PARTS and all(p.isalpha() for p in parts):
            return max(strength(lex, p) for p in parts)
    elided = _ELIDED.fullmatch(word)
    if elided:  # "o'loughlin", "d'souza", "n'golo": a name after an elided particle
        rest = strength(lex, elided[1])
        return rest if rest != NONE or kind is not Kind.NAME else UNKNOWN
    # "downlaod", "univeristy": a typing slip of an English word is none; so is a word in no
    # list spelt as no name is ("fdisk", "idk", "rnumber": no labelled name word of ~4,100 in
    # no list is spelt so)
    if (
        len(word) < 3
        or not word.isalpha()
        or (kind is Kind.UNKNOWN and (lex.slip(word) or name_likeness(word) < _UNSPELT))
    ):
        return NONE
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
    lower = [g for w in words[:800] if (g := w.group()).islower() and len(g) > 1]
    count, size = _english_words(lower, lex)
    if size < 3:
        return count > 0  # a short text: one English word at least ("said liisa to kaarle")
    return count >= _ENGLISH_SHARE * size


def _english_words(
    lower: list[str], lex: TokenLexicon, memo: dict[str, int] | None = None
) -> tuple[int, int]:
    """How many of the words of ``lower`` that tell the language (no listed name, nor spelt
    like one when enough others remain) are English words, and how many there are. ``memo``
    keeps each word's class across the sentences of one text."""
    # Each word is classed once (a word recurs on every line of a note).
    memo = {} if memo is None else memo
    classes: list[int] = []
    for w in lower:
        c = memo.get(w)
        if c is None:
            c = memo[w] = _word_class(lex, w)
        classes.append(c)
    # Unlisted words spelt like names say nothing of the language either ("siren yaşar,
    # tenant at r pelourinho"), when enough other words remain to tell it.
    near = [c for c in classes if c != _NAMED]
    plain = [c for c in near if not c & _SPELT]
    if len(plain) >= _MIN_PLAIN:
        near = plain
    return sum(bool(c & _KNOWN) for c in near), len(near)


# A word's class, as bits: an English word, spelt like a name; or a listed name.
_KNOWN, _SPELT, _NAMED = 1, 2, 4


def _word_class(lex: TokenLexicon, w: str) -> int:
    if strength(lex, w) >= WEAK:
        return _NAMED
    bare = _CLITIC.sub("", w)
    known = w in lex.vocab or w in _SHORT_ENGLISH or bare in _SHORT_ENGLISH or bare in lex.vocab
    spelt = strength(lex, w) != NONE and name_likeness(w) >= _LONE_SPELT
    return (_KNOWN if known else 0) | (_SPELT if spelt else 0)


def english_sentences(
    words: list[re.Match[str]], lex: TokenLexicon, sentences: list[tuple[int, int]]
) -> list[tuple[int, int]]:
    """The sentences (``(start, end)``, in order) that are not decisively foreign: a line of
    romanised Hindi, Spanish or French quoted in an English prompt ("me ne tmhe kae dafa kaha h
    k pehle ..."; "podría haber un error en la conexión") holds no English words to tell a name from
    the rest, so the lower-case rules, which read a word missing from the English lists as a
    possible name, must not read it. Sentences too short to tell keep the text's verdict."""
    if not sentences:
        return sentences
    positions = [m.start() for m in words]
    memo: dict[str, int] = {}
    out: list[tuple[int, int]] = []
    for lo, hi in sentences:
        inside = words[bisect.bisect_left(positions, lo) : bisect.bisect_left(positions, hi)]
        lower = [g for w in inside if (g := w.group()).islower() and len(g) > 1]
        if len(lower) >= _MIN_SENTENCE:
            count, size = _english_words(lower, lex, memo)
            if size >= _MIN_SENTENCE and count < _ENGLISH_SHARE * size:
                continue
        out.append((lo, hi))
    return out
