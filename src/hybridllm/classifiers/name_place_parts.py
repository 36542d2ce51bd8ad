"""Place names inside a person's name: ``Krystel Doha Tabet``, ``Maroua Wassim``.

Many given names and surnames are also the names of towns (``Doha``, ``Maroua``, ``Chisinau``,
``Lima``). A place that is a listed name too (``Lima``, ``Paris``) the token lists already read
as either; one that is no listed name breaks a name's run of words: the lists read it as a
place, so ``Krystel Doha Tabet`` is no run of name words, ``Maroua Wassim`` loses its first word
and the widening rules stop before a place (``Active Boston`` is no name).

A place is read as a part of a name when the words around it say so: in a run of two to four
capitalised words joined by single spaces on one line,

- it is the only place, no everyday word (``Boston``) and no part of a longer place (every
  other word is a listed name or a word in no list, spelt like a name);
- it is not the run's last word (``Wassim Doha`` may be a person and a town);
- no preposition of place stands before the run (``a flat in Doha Wassim ...``);
- and either a found person's name covers another word of the run (the place is its first or
  a middle word: ``Maroua Wassim``), or the place stands between a listed given name and a
  listed surname (``Krystel Doha Tabet``).

The run is then one finding; the place word's later mentions in that text (``Amer, Maroua ran
logistics``), capitalised and after no preposition of place, are the same person's.
"""

from __future__ import annotations

import re

from hybridllm.classifiers.name_beside import PLACE_BEFORE, beside_names
from hybridllm.classifiers.name_gate import COMMON_WORDS, span_mask
from hybridllm.classifiers.name_shape import name_likeness
from hybridllm.classifiers.name_tokens import FUNCTION_WORDS, Kind, TokenLexicon, is_cap
from hybridllm.models import Finding, new_finding

__all__ = ["PLACE_PART", "near_names", "place_parts"]

PLACE_PART = "names+place"
"""The recognizer name of a run grown over a place word, and of that word's later mentions."""

_MAX_RUN = 4
_LIKENESS_FLOOR = -0.5  # a word in no list spelt like a name (name_beside's floor)
_POSSESSIVE = ("'s", "’s")
_GROUP = re.Match.group  # a match's whole text, for map()


def _place(word: str, lex: TokenLexicon) -> bool:
    """A capitalised listed place that is no listed name and no everyday word."""
    low = word.lower()
    return (
        is_cap(word)
        and low in lex.places
        and lex.kind(word) is Kind.WORD
        and low not in lex.common
        and low not in COMMON_WORDS
        and low not in FUNCTION_WORDS
    )


def _name_word(word: str, lex: TokenLexicon) -> bool:
    """A capitalised listed name that is no place, or a word in no list spelt like a name."""
    if not is_cap(word) or not word.replace("-", "").isalpha():
        return False
    low = word.lower()
    kind = lex.kind(word)
    if kind is Kind.NAME:
        return low not in lex.places
    return kind is Kind.UNKNOWN and name_likeness(word) >= _LIKENESS_FLOOR


def _runs(text: str, words: list[re.Match[str]]) -> list[list[re.Match[str]]]:
    """Maximal runs of capitalised words joined by single spaces (one line)."""
    runs: list[list[re.Match[str]]] = []
    run: list[re.Match[str]] = []
    for m in words:
        w = m.group()
        if not w[:1].isupper():
            if len(run) > 1:
                runs.append(run)
            run = []
            continue
        if run and text[run[-1].end() : m.start()] != " ":
            if len(run) > 1:
                runs.append(run)
            run = []
        run.append(m)
    if len(run) > 1:
        runs.append(run)
    return runs


def _bare_end(m: re.Match[str]) -> int:
    return m.end() - (2 if m.group().endswith(_POSSESSIVE) else 0)


def place_parts(
    text: str, words: list[re.Match[str]], lex: TokenLexicon, found: list[Finding]
) -> list[Finding]:
    """Names that hold a place word (see the module docstring).

    Args:
        text: the text.
        words: its words (the name stage's).
        lex: the token lists.
        found: the stage's person findings so far.

    Returns:
        New ``names+place`` PERSON findings: each run that holds a place as a name part, whole
        (it may overlap findings over its other words), and the place word's later mentions.
    """
    # most texts: no place word (each distinct word asked once; words recur on every line)
    if not any(_place(w, lex) for w in set(map(_GROUP, words))):
        return []
    taken = span_mask(len(text), [(f.start, f.end) for f in found])
    out: list[tuple[int, int]] = []
    parts: set[str] = set()
    for run in _runs(text, words):
        if len(run) > _MAX_RUN:
            continue
        kinds = [_place(m.group(), lex) for m in run]
        if sum(kinds) != 1 or kinds[-1]:
            continue
        at = kinds.index(True)
        others = [m for m, k in zip(run, kinds, strict=True) if not k]
        if not all(_name_word(m.group(), lex) for m in others):
            continue
        if PLACE_BEFORE.search(text, max(0, run[0].start() - 24), run[0].start()):
            continue
        covered = any(taken[m.start()] for m in others)
        between = (
            at > 0
            and run[at - 1].group().lower() in lex.first
            and run[at + 1].group().lower() in lex.last
        )
        if not (covered or between):
            continue
        out.append((run[0].start(), _bare_end(run[-1])))
        parts.add(run[at].group().removesuffix("'s").removesuffix("’s"))
    if not out:
        return []
    mask = span_mask(len(text), out)
    for m in words:
        w = m.group()
        if w.removesuffix("'s").removesuffix("’s") not in parts or mask[m.start()]:
            continue
        if taken[m.start()] or PLACE_BEFORE.search(text, max(0, m.start() - 24), m.start()):
            continue
        nxt = text[m.end() : m.end() + 2]
        if nxt[:1] == " " and nxt[1:2].isupper():
            continue  # the first word of another run ("Doha Airport")
        out.append((m.start(), _bare_end(m)))
    return [
        new_finding(
            entity_type="PERSON", category="PII", start=a, end=b, score=0.6, recognizer=PLACE_PART
        )
        for a, b in out
    ]


def near_names(
    text: str,
    words: list[re.Match[str]],
    lex: TokenLexicon,
    found: list[Finding],
    judged: list[Finding],
) -> list[Finding]:
    """The name stage's last additions: the words beside found names
    (:func:`~.name_beside.beside_names`), then the names that hold a place word
    (:func:`place_parts`)."""
    beside = beside_names(text, words, lex, found, judged)
    return beside + place_parts(text, words, lex, found + beside)
