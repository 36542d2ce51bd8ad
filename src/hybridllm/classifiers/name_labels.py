"""A field's or a column's label is no name, whatever its capitals say.

Forms, spec sheets and tables name their fields in title case: ``Process Duct Size (inch)<TAB>5.0``,
``| Fault Time | Clear Time | Ack Time |``, ``1. Patient Information:``, ``Job Title:``. The
name stage reads a capitalised run whose last word is also a surname (``Size``, ``Time``,
``Temp``, ``Meter``) as a person. :func:`label` takes a finding for a label where

- it stands where a label does: after nothing but a bullet, a number, a table's bar or other
  capitalised words since its line's start (or its cell's), and right before a label's end: a
  colon (not a link's ``://``), a table's bar, a tab, or a unit in parentheses and then one of
  those (``Min Operating Temp (°F)<TAB>-4``);
- it is made of words, not of a name: each word is capitalised (``de Assis:`` is a name); its
  last word is an English word no list holds as a given name and, in a label of more words, a
  frequent one (not ``| Siphiwe Meyer |``, ``Amy-leigh Paterson:``), and every word before it
  an English word too (not ``Lanie Small:``, ``Marjančo Nose:``); no title stands before a
  listed surname (``Miss Brewer:``); none of its words (nor of their hyphenated parts) is a
  listed given name that is no everyday word (``Thomas Jacks:`` and ``Sarah Humes:`` label a
  speaker); a given name that is a word too opens only a label of three words or more (``Min
  Operating Temp``, not ``Mark Price:``); a label of one word is an English word no list of
  names holds at all (``Information:``, not ``Rose:``, ``Job:`` or ``Mario:``).

The words of a speaker's label in a transcript are a name's (``Otávio Bopp:``, ``Kitboga:``), so
they stay.
"""

from __future__ import annotations

import re

from hybridllm.classifiers.name_tokens import TITLES, Kind, token_lexicon
from hybridllm.models import Finding

__all__ = ["label"]

# A label's end: a unit in parentheses at most, then a colon (no "://"), a bar or a tab.
_END = re.compile(r"(?:[ \t]*\([^()\n]{1,16}\))?(?:[ \t]*:(?!//)|[ \t]*\||\t)")
# What may stand before a label on its line or in its cell: a bullet, a number, capitalised
# words (the label's own, left out of the finding: "1. Patient Information:").
_START = re.compile(
    r"(?:^|\|)[ \t]*(?:[-*\u2022>#]+[ \t]*|\d{1,3}[.)][ \t]*)?((?:[A-Z][\w'’-]*[ \t]+){0,3})\Z",
    re.MULTILINE,
)
_WORD = re.compile(r"[^\W\d_][\w'’-]*")
_LOOK_BACK = 120  # characters before the finding read for its line's start


def label(text: str, f: Finding) -> bool:
    """Whether the PERSON finding ``f`` of ``text`` is a field's or a column's label (see the
    module docstring)."""
    if _END.match(text, f.end) is None:
        return False
    line = max(text.rfind("\n", 0, f.start) + 1, f.start - _LOOK_BACK)
    start = _START.search(text, line, f.start)
    # the label's words: the finding's and the capitalised ones before it ("Hours Run Meter")
    words = _WORD.findall(text, start.start(1), f.end) if start is not None else []
    return bool(words) and _words_of_label(words)


def _words_of_label(words: list[str]) -> bool:
    """Whether ``words`` (a label's, in their case) are words and not a name."""
    if not all(w[0].isupper() for w in words):
        return False  # "de Assis:" is a name's particle
    lex = token_lexicon()
    lows = [w.lower() for w in words]
    last = lows[-1]
    if last not in lex.vocab or last in lex.first:
        return False
    if len(words) == 1:
        return lex.kind(last) is Kind.WORD and last not in lex.last
    return _no_name_in(words, lows)


def _no_name_in(words: list[str], lows: list[str]) -> bool:
    """Whether the label of two words or more ``words`` (``lows`` lower-cased) holds no name."""
    lex = token_lexicon()
    last = lows[-1]
    parts = (p for w in words for p in w.split("-"))
    given = [w in lex.first for w in lows]
    return not (
        # "| Siphiwe Meyer |", "Amy-leigh Paterson:": a surname that is no everyday word
        last not in lex.common
        or lex.kind(last) is Kind.NAME
        # "Lanie Small: Dear Chandra": a name in no dictionary before a word
        or not all(w in lex.vocab for w in lows[:-1])
        # "Miss Brewer: Hello Rosa-Maria": a title and a surname
        or (last in lex.last and any(w in TITLES for w in lows))
        # "Thomas Jacks:", "Sarah Humes:": a speaker's label
        or any(p.lower() in lex.first and lex.kind(p) is Kind.NAME for p in parts)
        # a given name that is also a word opens a label of three words or more ("Min
        # Operating Temp"); of two it may be a person's ("Mark Price:", "Max Price:")
        or (given[0] and len(words) <= 2)
    )
