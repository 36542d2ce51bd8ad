"""Lower-case names that their own tokens give away, whatever the sentence around them says.

The context rules (:mod:`~hybridllm.classifiers.name_lower_context`) read what a sentence says
about someone, so they hold only for the phrasings they list. The evidence here is in the words
themselves, read from the name lists alone:

10. **a given name + surname pair**: two adjacent lower-case words, particles between, the
    first a listed given name, a name-list word that is no English word, a particle, or a
    word in no list, the second a listed surname or a word in no list (``dieterich schulz``,
    ``rosa-maria kurth``, ``aislinn de meer``, ``de bruyn``, ``neoma barnes``). At least one
    of them must be no English word; a given name that is an everyday word (``will``,
    ``mark``) or a particle needs a listed surname that is none; a word in no list needs a
    curated surname (``barnes``, not the census's ``chart``); a surname that is an English
    word counts only from the curated lists. A name with diacritics counts as its plain form
    (``sáron``, ``márkus``), and a hyphenated one by its parts.
11. **a lone name that is no word**: a listed given name or surname of five letters or more
    that is in no English vocabulary and no inflection of a word (``veikko``, ``horváthová``,
    ``nilsson``; not ``seeders``, ``janky``), a listed given name that the vocabulary knows
    only as a name (``alistair``, ``giovanni``; not ``mark``), or a word of four letters or
    more in no list with a letter English does not use (``ostojić``, ``zdzisława``).

Both apply only in sentences written in lower case, in text that is mostly English (where
missing capitals say nothing), and not on lines of code.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from hybridllm.classifiers.name_lower_context import (
    bare_end,
    census_first,
    code_line,
    faker_last,
)
from hybridllm.classifiers.name_tokens import (
    FUNCTION_WORDS,
    PARTICLES,
    Kind,
    TokenLexicon,
    fold,
    lexicon_cache,
    plural_of,
)

__all__ = ["token_runs"]

_SINGLE_MIN = 5
# Keywords of programming languages that are also given names.
_CODE_WORDS = frozenset(("elif", "elsif", "endif", "esac"))


def _bare(word: str) -> str:
    return word.removesuffix("'s").removesuffix("’s")


def _no_word(lex: TokenLexicon, w: str) -> bool:
    """In no English vocabulary (hyphenated: no part is); three letters at least."""
    if len(w) < 3:
        return False
    if "-" in w:
        parts = [p for p in w.split("-") if p]
        return bool(parts) and all(_no_word(lex, p) for p in parts)
    if w in lex.vocab:
        return False
    if lex.kind(w) is not Kind.WORD:
        return True
    # "sáron", "márkus": a name with diacritics whose plain form is a listed name or a word
    return not w.isascii() and _listed_fold(lex, w)


def _listed_fold(lex: TokenLexicon, w: str) -> bool:
    f = fold(w)
    return f != w and (f in lex.first or f in lex.last)


def _given(lex: TokenLexicon, w: str) -> bool:
    if "-" in w:
        parts = [p for p in w.split("-") if p]
        return len(parts) == 2 and all(p in lex.first for p in parts)
    if w in FUNCTION_WORDS:
        return False
    return w in lex.first or (not w.isascii() and fold(w) in lex.first)


def _last(lex: TokenLexicon, w: str) -> bool:
    if "-" in w:
        parts = [p for p in w.split("-") if p]
        return len(parts) == 2 and all(p in lex.last or _unknown(lex, p) for p in parts)
    if w in FUNCTION_WORDS or len(w) < 3:
        return False
    return w in lex.last or (not w.isascii() and fold(w) in lex.last)


def _unknown(lex: TokenLexicon, w: str) -> bool:
    return len(w) > 2 and w.isalpha() and lex.kind(w) is Kind.UNKNOWN


def _first_ok(lex: TokenLexicon, w: str) -> bool:
    """Can start a pair: a listed given name, or a name-list word that is no English word."""
    if w in PARTICLES:
        return True
    if len(w) < 3 or not w.replace("-", "").isalpha():
        return False
    if _given(lex, w):
        return True
    if _unknown(lex, w):
        return True
    # a listed name that is a rare word ("juno"): _pair_ok asks for a surname that is none
    return (w in lex.last or w in census_first()) and w not in lex.common


def _pair_at(text: str, words: list[re.Match[str]], i: int, lex: TokenLexicon) -> int | None:
    """Index of the second word of a rule-10 pair starting at word ``i``, or None."""
    first = words[i].group()
    j = i + 1
    # particles between ("aislinn de meer"), at most two
    while j < len(words) and j <= i + 3 and text[words[j - 1].end() : words[j].start()] == " ":
        w = words[j].group()
        if not w.islower():
            break
        if w in PARTICLES and j < i + 3:
            j += 1
            continue
        return j if _pair_ok(lex, first, _bare(w)) else None
    return None


def _pair_ok(lex: TokenLexicon, first: str, bare: str) -> bool:
    """Whether ``first bare`` is a given name + surname pair by rule 10."""
    listed = _last(lex, bare) and bare not in lex.places
    # A surname that is an English word counts only from the curated lists ("schulz",
    # "hicks"), not the census ("chart", "window").
    if bare in lex.vocab and not (bare in faker_last() and bare not in lex.common):
        listed = False
    unknown_first, unknown_last = _unknown(lex, first), _unknown(lex, bare)
    if not (listed or unknown_last) or (unknown_first and unknown_last):
        return False
    if not (_no_word(lex, first) or _no_word(lex, bare)):
        return False
    # A given name that is an everyday word ("will", "mark", "run"), a particle ("de bruyn")
    # or a surname that is a word ("juno vervoort") needs a listed surname that is no word.
    plain_first = (
        first in lex.common
        or first in PARTICLES
        or not (_given(lex, first) or _no_word(lex, first) or _unknown(lex, first))
    )
    if plain_first and not (listed and _no_word(lex, bare)):
        return False
    # A first word in no list needs a curated surname ("neoma barnes").
    return not unknown_first or (
        bare in faker_last() and bare not in lex.common and not plural_of(bare, lex.vocab)
    )


def _inflected(lex: TokenLexicon, w: str) -> bool:
    """An inflected English word ("seeders", "wilds", "janky", "trippy")."""
    return (
        plural_of(w, lex.vocab)
        or (w.endswith("y") and (w[:-1] in lex.vocab or w[:-2] in lex.vocab))
        or (w.endswith("s") and w[:-1] in lex.vocab)
    )


def _foreign_letters(lex: TokenLexicon, w: str) -> bool:
    """A word in no list and no vocabulary with a letter English does not use (``ostojić``,
    ``zdzisława``); loanwords such as ``café`` are vocabulary words by their plain form."""
    return len(w) >= 4 and not w.isascii() and w.isalpha() and lex.kind(w) is Kind.UNKNOWN


def _single(lex: TokenLexicon, w: str) -> bool:
    """Rule 11: a listed name of five letters or more that is no English word, or a listed
    given name that the vocabulary has only as a name (no everyday word: ``alistair``)."""
    if len(w) < _SINGLE_MIN or not w.isalpha() or w in lex.places or w in _CODE_WORDS:
        return False
    if w in lex.first and w not in lex.common and lex.kind(w) is Kind.NAME:
        return True
    if _foreign_letters(lex, w):
        return True
    # The census's surnames alone are too often products and slang ("arduino", "gantt").
    return (w in lex.first or w in faker_last()) and _no_word(lex, w) and not _inflected(lex, w)


_PAIR, _SINGLE = 1, 2


def _dotted(text: str, start: int, end: int) -> bool:
    """Whether the word is part of a dotted path (``from rsvp.rudolph import``)."""
    return (start > 1 and text[start - 1] == "." and text[start - 2].isalnum()) or (
        end + 1 < len(text) and text[end] == "." and text[end + 1].isalpha()
    )


@lexicon_cache(maxsize=32768)
def _can_start(lex: TokenLexicon, w: str) -> int:
    """Whether the word ``w`` can start a pair (``_PAIR``) or is a lone name (``_SINGLE``)."""
    if not w.islower() or len(w) < 2:
        return 0
    bare = _bare(w)
    return (_PAIR if w == bare and _first_ok(lex, bare) else 0) | (
        _SINGLE if _single(lex, bare) else 0
    )


def token_runs(
    text: str,
    words: list[re.Match[str]],
    lex: TokenLexicon,
    lower_words: set[int],
    english: Callable[[], bool],
) -> list[tuple[int, int]]:
    """Spans of lower-case names that rules 10-11 mark (see the module docstring).

    Args:
        text: the text.
        words: word matches over ``text``.
        lex: the token lists.
        lower_words: indexes of the words of sentences written in lower case.
        english: whether the text is English (called at most once).

    Returns:
        ``(start, end)`` spans, possibly overlapping each other.
    """
    out: list[tuple[int, int]] = []
    if not lower_words:
        return out
    skip_to = -1
    for i in sorted(lower_words):
        if i <= skip_to:
            continue
        m = words[i]
        w = m.group()
        # most words can start nothing: an everyday word, a capitalised one (one look-up)
        can = _can_start(lex, w)
        if not can:
            continue
        last = _pair_at(text, words, i, lex) if can & _PAIR else None
        bare = _bare(w)
        if last is None or last not in lower_words:
            last = i if can & _SINGLE else None
        if last is None:
            continue
        if not english():
            return out  # where most words are no English words, the lists say nothing
        if code_line(text, m.start()) or _dotted(text, m.start(), m.end()):
            continue
        out.append((m.start(), bare_end(words[last]) if last > i else m.start() + len(bare)))
        skip_to = last
    return out
