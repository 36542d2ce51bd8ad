"""A short line written wholly in another language is that language's words, not a name.

:func:`~.name_world.world_run` takes a finding for another language's words where two words of
that language stand beside it. A short prompt or line has fewer: ``Mikä päivä on 1311861118074000``
(Finnish *what day is ...*: one other word besides the function word ``on``, shared with
English), ``Lapos a Föld?`` (Hungarian *is the Earth flat?*).
There the whole line is the evidence: :func:`foreign_line` takes a finding for words of a
language *L* where

- every word of the finding is a word of *L*'s list (``data/world_words.txt``, see
  :mod:`.name_world`) and more of them are no listed given name or curated surname than are
  (``Lauri ja Maija`` stays a name);
- every word of its line (of two letters or more), the finding's own included, is a word of
  *L* too; the line holds a word besides the finding's (``Paz Vega`` alone on a line stays a
  name) and no more than :data:`_MAX_WORDS` (a title, a question, a greeting);
- at least one of them is no frequent English word (``Hello Mark`` is English);
- the finding begins the line (a street's number before it makes ``223. Kossuth utca`` an
  address, a street named after a person), the line is no field of a record (no colon on it)
  and the finding no person's by its context (``names+context``).
"""

from __future__ import annotations

import re

from hybridllm.classifiers.name_foreign import named
from hybridllm.classifiers.name_tokens import FUNCTION_WORDS, PARTICLES, token_lexicon
from hybridllm.classifiers.name_world import languages_of
from hybridllm.models import Finding

__all__ = ["foreign_line"]

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
_MAX_WORDS = 8  # words of a line read as a whole
_REACH = 120  # characters of a line read on either side of the finding
_CONTEXT = "names+context"


def _mask(words: list[str]) -> int:
    mask = -1
    for w in words:
        if w in PARTICLES:
            continue
        mask &= languages_of(w)
        if not mask:
            return 0
    return mask if mask != -1 else 0


def _line(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The bounds of the short line around ``text[start:end]``; None for a long line."""
    lo = text.rfind("\n", max(0, start - _REACH), start) + 1
    if lo == 0 and start > _REACH:
        return None
    hi = text.find("\n", end, end + _REACH)
    if hi < 0:
        hi = len(text)
        if hi - end > _REACH:
            return None
    return lo, hi


def _words(text: str, lo: int, hi: int) -> list[str]:
    return [w.lower() for w in _WORD.findall(text, lo, hi) if len(w) > 1]


def foreign_line(text: str, f: Finding) -> bool:
    """Whether the finding ``f`` stands on a short line every word of which is of one other
    language (see the module docstring).

    Args:
        text: the text the finding was found in.
        f: a PERSON finding.

    Returns:
        True when the finding is that language's words, not a name.
    """
    bounds = None if f.recognizer == _CONTEXT else _line(text, f.start, f.end)
    if bounds is None or text.find(":", *bounds) >= 0 or text[bounds[0] : f.start].strip():
        return False  # a field of a record; a word after a number ("223. Kossuth utca")
    own = _words(text, f.start, f.end)
    line = _words(text, *bounds)
    unnamed = sum(not named(w) for w in own)
    if (
        not own
        or unnamed * 2 <= len(own)
        or not len(own) < len(line) <= _MAX_WORDS  # "Paz Vega" alone on its line stays
        or not _mask(own)
        or not _mask(line)
    ):
        return False
    common = token_lexicon().common
    return any(w not in common and w not in FUNCTION_WORDS for w in line)
