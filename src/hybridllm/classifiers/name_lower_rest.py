"""Two more shapes of the rest of a lower-case name: a hyphenated surname and a particle's.

:mod:`~hybridllm.classifiers.name_lower_tails` grows a lower-case PERSON finding over the words
after it that read as name parts, each piece of a hyphenated word too. Two shapes of surname it
leaves behind:

- a **hyphenated surname** with a piece too short or too close to an English word to read as a
  name alone (``deepti ah-boodhun``, ``pitra brás-bongue``): a hyphenated word is a surname when
  one piece reads as a name part and no piece is a word of English (an English compound has
  one: ``well-known``, ``co-founder``, ``follow-up``);
- a surname with an **apostrophe inside** (``zaynab ja'farov``, ``sean o'dowd``; a right
  quote too): the word without it reads as a name part and what follows it is no English
  contraction's ending (``'s``, ``'t``, ``'re``, ``'ll``);
- a **particle and a surname** (``dinha dos bittencourt``, ``ana van der berg``): a name
  particle (``dos``, ``van der``, ``de la``) and a word that reads as a name part, where the
  name ends (the lists know ``dos`` and ``van`` as English words, so the word-by-word growth
  stops there).

Both only grow findings; a text with no person found gets nothing from them.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from hybridllm.classifiers.name_tokens import PARTICLES, TokenLexicon
from hybridllm.classifiers.name_world import languages_of
from hybridllm.models import Finding

__all__ = ["blanked", "elided_surname", "hyphen_surname", "particle_tail", "unlisted_words"]

Part = Callable[[str, TokenLexicon], bool]

_MIN_PIECE = 2
# A particle of a surname, over a second one ("van der", "de la", "de los"); not "st".
_PARTICLE = "|".join(sorted(PARTICLES - {"st"}, key=len, reverse=True))
_PARTICLE_AFTER = re.compile(rf" (?:{_PARTICLE})(?: (?:{_PARTICLE}))? ([^\W\d_]+(?:-[^\W\d_]+)?)")


def hyphen_surname(word: str, lex: TokenLexicon, *, part: Part) -> bool:
    """Whether a lower-case hyphenated ``word`` is a surname (see the module docstring):
    ``part(piece, lex)`` tells a piece that reads as a name part."""
    pieces = word.split("-")
    if len(pieces) < 2 or not word.islower():
        return False
    if any(len(p) < _MIN_PIECE or not p.isalpha() or p in lex.vocab for p in pieces):
        return False
    return any(part(p, lex) for p in pieces)


_ELIDED = re.compile(r"([^\W\d_]{1,3})['’]([^\W\d_]{3,})")
_CONTRACTION_ENDS = frozenset({"s", "t", "re", "ve", "ll", "d", "m", "n", "em", "am"})


def elided_surname(word: str, lex: TokenLexicon, *, part: Part) -> bool:
    """Whether a lower-case ``word`` with an apostrophe inside is a surname (see the module
    docstring): a short head, the apostrophe, a tail of three letters or more."""
    m = _ELIDED.fullmatch(word)
    if m is None or not word.islower() or m.group(2) in _CONTRACTION_ENDS:
        return False
    joined = m.group(1) + m.group(2)
    return joined not in lex.vocab and part(joined, lex)


def particle_tail(text: str, end: int, lex: TokenLexicon, *, part: Part) -> int | None:
    """The end of a particle and a surname right after ``text[:end]`` (one space, the
    particle, one space, a word that ``part`` reads as a name part), or None; the caller asks
    whether the name ends there."""
    m = _PARTICLE_AFTER.match(text, end)
    if m is None or not m.group(1).islower():
        return None
    return m.end() if all(part(p, lex) for p in m.group(1).split("-")) else None


def blanked(text: str, spans: list[Finding], size: int = 4000) -> str:
    """The first ``size`` characters of ``text`` with the ``spans`` replaced by spaces: what is
    left to tell the text's language by, once the names found in it are set aside (a table or
    a JSON record of lower-case names has few other words, and names are in no English list)."""
    chars = list(text[:size])
    for f in spans:
        if f.start < len(chars):
            chars[f.start : f.end] = " " * (min(f.end, len(chars)) - f.start)
    return "".join(chars)


_LETTERS = re.compile(r"[^\W\d_]+")


def unlisted_words(text: str, *spans: tuple[int, int]) -> bool:
    """Whether no word in the ``spans`` of ``text`` is a frequent word of a language the
    classifier knows (:func:`~hybridllm.classifiers.name_world.languages_of`)."""
    return not any(
        languages_of(m.group().lower()) for a, b in spans for m in _LETTERS.finditer(text, a, b)
    )
