"""Whether a lower-case word can be part of a person's name where its place says a name
stands (a row or an item of a list of names, after a person's cue of another language)."""

from __future__ import annotations

import re

from hybridllm.classifiers.name_context import TITLE_WORDS
from hybridllm.classifiers.name_lower_lone import misspelt
from hybridllm.classifiers.name_lower_pairs import HELPER_VERBS, PEOPLE_VERBS
from hybridllm.classifiers.name_shape import name_likeness
from hybridllm.classifiers.name_signoff import CLOSING_WORDS
from hybridllm.classifiers.name_tokens import FUNCTION_WORDS, Kind, TokenLexicon
from hybridllm.classifiers.name_words import ordinary_word

__all__ = ["name_part"]

_MIN_LEN = 3
_UNLISTED_FLOOR = -0.5
_VOWEL = re.compile(r"[aeiouyà-ÿ]")


def name_part(lex: TokenLexicon, word: str, *, after: bool = False) -> bool:
    """Whether a lower-case word could be part of a name: an initial, a listed given name, a
    listed surname that is no frequent English word and no place (any listed surname ``after``
    an initial or a name's first word: ``k. weaver``, ``rony galicia``), or a word in no list
    spelt like a name (a likeness of -0.5 or more) with nothing English in it (no one-edit
    typo, derivation or slip of an English word); never a function word, a title, a letter's
    close or a verb of people.

    Args:
        lex: the token lists.
        word: the word, lower case (an initial keeps its full stop).
        after: whether the word follows an initial or a name's first word.

    Returns:
        True when the word may be part of a name there.
    """
    if len(word) == 2 and word[1] == ".":  # an initial: "k."
        return True
    word = word.rstrip(".")
    if (
        len(word) < _MIN_LEN
        or not word.replace("-", "").replace("'", "").replace("’", "").isalpha()
        or word in FUNCTION_WORDS
        or word in HELPER_VERBS
        or word in PEOPLE_VERBS
        or word in TITLE_WORDS
        or word in CLOSING_WORDS
    ):
        return False
    if word in lex.first:
        return True
    kind = lex.kind(word)
    if kind in (Kind.NAME, Kind.AMBIGUOUS) and word in lex.last:
        return after or (word not in lex.common and word not in lex.places)
    if kind is not Kind.UNKNOWN or word in lex.vocab or word in lex.places:
        return False
    return (
        _VOWEL.search(word) is not None
        and name_likeness(word) >= _UNLISTED_FLOOR
        and not misspelt(word, lex)
        and not ordinary_word(word)
    )
