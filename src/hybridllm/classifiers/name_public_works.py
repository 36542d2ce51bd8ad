"""Authors of published works and eponyms of results, told by how the prompt speaks of them.

A name the prompt gives as the author of a work it asks the model about is a public one: the
model can summarise or discuss only a published work, so whoever wrote it is no private person
to protect. :func:`work_kind` reads three shapes of it:

- **a work by its author, asked about**: a title (quoted, or a run of capitalised words, or a
  work noun before it) right before ``by NAME``, in a prompt that asks about the work
  (``What is "Where I Learned to Read" by Salvatore Scibona about?``, ``Please summarise the
  story "The Circular Ruins" by Jorge Luis Borges``, ``have you read Cradle to Cradle by
  William McDonough?``, ``explain the poem mock orange by louise gluck``). The request is
  needed: a statement naming a song's singer (``"Tube Snake Boogie" by Arja Ollila - go
  figure``) or a message signed ``by`` someone names anyone;
- **the works of an author**: ``the works of frank herbert``, ``the writings of Foucault``,
  ``the novels of ...``, ``the poetry of ...`` (not ``the thoughts of`` or ``the ideas of``,
  which private people have too);
- **an author's work by the possessive**: a possessive finding (``Adam Grat's``) before a work
  noun (``Adam Grat's book think again``), or any name with a possessive before a quoted title
  (``Locke's: "Treatise on the Mind of Man"``, ``Chriss Voss' "Never split the difference"``).

And the eponym of a result (``"thing"``): a name with a possessive inside the finding and a
result noun ending it (``Amdahl's Law``, ``Bayes' Theorem``), or a name, a possessive or not,
one word and a result noun after it (``Shannon's sampling theorem``, ``Newton raphson
method``). (Right before the result noun, ``Collatz conjecture``, is
``name_public._THING_AFTER``'s.)

And a title right after its kind (``"thing"``): ``the film Condorman?``, ``the animated show Lego
Monkie Kid``, ``the band ... by ...``: a work's kind before a capitalised run that punctuation or
``by`` ends, not a verb or a clause (``the movie Sarah recommended`` names a person).

None of this decides alone: :func:`hybridllm.classifiers.name_public.drop_public` keeps a name
with private evidence near it (a record, a form, a personal cue) and every name of a clinical
text.
"""

from __future__ import annotations

import re

from hybridllm.classifiers.name_cast import CAST_WORD
from hybridllm.classifiers.prefilter import finditer
from hybridllm.models import Finding

__all__ = ["WORK_PATTERNS", "WORK_RE", "work_gates", "work_kind"]

# Nouns of a published work.
_WORK = (
    r"(?:book|books|novel|novels|novella|poem|poems|poetry|story|stories|short\s+story|essay"
    r"|essays|article|paper|play|plays|song|songs|album|albums|film|films|movie|movies|series"
    r"|memoir|biography|autobiography|textbook|trilogy|saga|comic|manga|opera|symphony|sonnet"
    r"|painting|paintings)"
)
# Before "by": a closing quote ('"The Circular Ruins" by'), a work noun and at most eight words
# ("the book the quranic studies today by"), or two capitalised words of a title within the five
# words before it ("Cradle to Cradle by", "Decline by").
_BY_BEFORE = re.compile(
    r"(?:[\"”’'][ \t]*(?:,[ \t]*)?(?:written[ \t]+|authored[ \t]+)?by[ \t]+$"
    r"|(?i:\b" + _WORK + r"\b)[^.!?\n\"“”]{0,80}?[ \t]by[ \t]+$"
    r"|(?:\b[A-Z][\w'’-]*[ \t:,]+(?:[\w'’-]+[ \t:,]+){0,3}?[A-Z][\w'’-]*[ \t]+"
    r"|[\w'’-]+[ \t]+[A-Z][\w'’-]*[ \t]+)by[ \t]+$)"
)
# What each way of _BY_BEFORE needs somewhere in its window: a quote; a work noun; a capitalised
# word right before "by". Support logs' "opened by Quionia" has none of them, and the search
# (anchored at its end, so tried at every position of the window) is not run.
_BY_QUOTES = ('"', "”", "’", "'")
_WORK_WORD = re.compile(r"(?i:\b" + _WORK + r"\b)")
_CAPITAL_BY = re.compile(r"[A-Z][\w'’-]*[ \t]+by[ \t]+$")
_BY_REACH = 120


def _by_before(text: str, start: int) -> bool:
    """Whether :data:`_BY_BEFORE` matches in the ``_BY_REACH`` characters before ``start``."""
    lo = max(0, start - _BY_REACH)
    window = text[lo:start]
    if not (
        any(q in window for q in _BY_QUOTES)
        or _WORK_WORD.search(text, lo, start) is not None
        or _CAPITAL_BY.search(text, lo, start) is not None
    ):
        return False
    return _BY_BEFORE.search(text, lo, start) is not None


# A request about a work: to summarise, explain, discuss, quote, recommend, or whether the
# model knows or has read it.
_ASKED = re.compile(
    r"(?i:\b(?:summar\w*|synopsis|explain\w*|analy[sz]\w*|interpret\w*|discuss\w*|review"
    r"|quotes?|themes?|characters?|chapters?|plot|similar|recommend\w*|lessons?|takeaways?"
    r"|key\s+(?:ideas|points|concepts)|main\s+(?:idea|ideas|points|argument)|outline"
    r"|have\s+you\s+read|did\s+you\s+read|do\s+you\s+know|are\s+you\s+familiar|tell\s+me\s+about"
    r"|what\s+is\b[^.!?\n]{0,120}\babout|(?:in|from)\s+the\s+(?:book|novel|poem|story|film"
    r"|movie|song)|according\s+to|based\s+on))\b"
)
_ASK_WINDOW = 200  # characters either side of the name searched for the request
# "the works of", "the writings of": whoever wrote them is a public author.
_WORKS_OF = re.compile(
    r"(?i:\b(?:works|writings|poetry|poems|novels|books|essays|paintings|films|plays|oeuvre)"
    r"[ \t]+of[ \t]+$)"
)
# After a possessive finding: a work noun ("Adam Grat's book", "X's latest novel").
_WORK_NEXT = re.compile(
    r"[ \t]+(?:(?:new|latest|most|famous|best|first|last|debut|\d+)[ \t]+){0,2}(?i:"
    + _WORK
    + r")\b"
)
# After a name, a possessive and a quoted title: 'Locke's: "Treatise', 'Chriss Voss' "Never'.
_QUOTED_NEXT = re.compile(r"(?:['’]s?)?[ \t]*:?[ \t]*[\"“‘]")  # after a possessive only
_POSSESSIVE_END = ("'s", "’s", "s'", "s’")
# Results named after someone.
_RESULT = (
    r"(?:theorem|theorems|law|laws|lemma|conjecture|principle|paradox|equation|equations"
    r"|inequality|algorithm|method|coefficient|distribution|transform|hypothesis|constant"
    r"|formula|criterion|postulate)"
)
_RESULT_LAST = re.compile(r"['’]s?[ \t]+(?i:" + _RESULT + r")$")
# ... after one more word: results of scholarship only ("Shannon's sampling theorem"; not
# "Sara's cooking method"), and a method after a name with no possessive ("Newton raphson
# method").
_SCHOLARLY = (
    r"(?:theorem|theorems|lemma|conjecture|paradox|equation|equations|inequality|algorithm"
    r"|coefficient|criterion|postulate)"
)
_RESULT_NEXT = re.compile(r"(?:['’]s?)?[ \t]+[a-z][a-z-]+[ \t]+(?i:" + _SCHOLARLY + r")\b")
_METHOD_NEXT = re.compile(r"[ \t]+[A-Za-z][a-z-]+[ \t]+(?i:method)\b")


# A title right after its kind: "the film Condorman", "the animated show Lego Monkie Kid", "the
# board game Mah Jongg"; punctuation or "by" ends the title, not a verb or a clause of the
# person it would be ("the movie Sarah recommended", "the band Anna and I started").
_TITLE_BEFORE = re.compile(
    r"(?i:\bthe[ \t]+(?:[a-z]+[ \t]+)?(?:film|movie|show|series|sitcom|documentary|book|novel"
    r"|song|album|band|game|video[ \t]+game|anime|manga|podcast|musical|opera|play|franchise)"
    r"[ \t]+)$"
)
_TITLE_END = re.compile(r"(?:['’]s)?(?:[ \t]*(?:$|[?!.,;:)\]\"”’'])|[ \t]+by\b)")


# A cited author (kind "cited"), beyond name_public's "Farrell (2013)" and "Colan et al.": APA
# initials after the surname on a line that gives a year ("Zhao, X. (2021).", "Bocken, N. M., &
# Hultink, E. J. (2017)"), a study of a year ("Gamboa's 2017 study"), or any name of a numbered
# reference ("[47] Nezar M. Alyazidi, ..., IEEE Access 8 (2020) 1-10.").
_YEAR = r"(?:1[6-9]|20)\d\d[a-z]?"
_APA_AFTER = re.compile(
    r",[ \t]*[A-Z]\.(?:[ \t]*-?[A-Z]\.){0,2}(?:[ \t]*\(" + _YEAR + r"\)|,|[ \t]+&)"
)
_YEAR_IN_PARENS = re.compile(r"\(" + _YEAR + r"\)")
_STUDY = (
    _YEAR + r"[ \t]+(?:study|paper|article|survey|review|report|book|analysis|experiment"
    r"|findings|framework|model|theory)\b"
)
_STUDY_AFTER = re.compile(r"(?:['’]s?)?[ \t]+" + _STUDY)
_REFERENCE = r"\[\d{1,3}\][ \t]"
_REFERENCE_LINE = re.compile(r"[ \t]*" + _REFERENCE)
# ... and on its line: a year in parentheses, pages, a volume, a DOI; a book's edition ("2nd
# ed.") or its publisher and year ending the line after a title ("Wear. New York: Elsevier,
# 1986"); a journal's year and volume ("Wear. 1986;12:34"). (Not a date ending a note: "[2] Met
# Anna on March 3, 2024.", "[5] Anna: Paris office, 2024".)
_REFERENCE_TAIL = re.compile(
    r"\(" + _YEAR + r"\)|\b(?:pp|vol|Vol)\.[ \t]*\d|\bdoi\b|\b\d(?:st|nd|rd|th)[ \t]+ed\."
    r"|\.[ \t][^:\n]{0,80}:[ \t]*[A-Z][^:,\n]{0,40},[ \t]*"
    + _YEAR
    + r"[.;]?[ \t]*$|\.[ \t]*"
    + _YEAR
    + r";[ \t]*\d"
)


# What each rule needs somewhere in the text: a possessive before a result noun or a word
# before a scholarly one or "method" (see _eponym), _TITLE_BEFORE's words (not anchored at a
# name), a study of a year, APA initials or a numbered reference (see _cited). Searched once
# per text (see work_gates); in the classifier's prefilter, a text without them costs no search.
WORK_PATTERNS = (
    re.compile(
        r"['’]s?[ \t]+(?i:" + _RESULT + r")|[A-Za-z][a-z-]+[ \t]+(?i:" + _SCHOLARLY + r"|method)\b"
    ),
    re.compile(_TITLE_BEFORE.pattern.removesuffix("$")),
    re.compile(_STUDY + r"|,[ \t]*[A-Z]\.|" + _REFERENCE),
)
"""The patterns :func:`work_gates` searches."""
WORK_RE = (*WORK_PATTERNS, CAST_WORD)
"""Those and :mod:`.name_cast`'s cue words: what the rules of works search whole texts for
(for a classifier's prefilter)."""
_ALL_RULES = (True, True, True)


def work_gates(text: str) -> tuple[bool, bool, bool]:
    """Whether ``text`` can hold an eponym, a title after its kind, and a cited author at all
    (:data:`WORK_PATTERNS`), for :func:`work_kind` on each of its findings."""
    eponym, title, cited = (next(finditer(p, text), None) is not None for p in WORK_PATTERNS)
    return eponym, title, cited


# A personal apposition after the name: "by Mikkel Selko, my neighbour" is a private author.
_MINE_AFTER = re.compile(r"[ \t]*[,(-][ \t]*(?i:my|our|his|her|their)\b")


def work_kind(text: str, f: Finding, gates: tuple[bool, bool, bool] = _ALL_RULES) -> str | None:
    """``"author"`` for the author of a published work the prompt speaks of, ``"cited"`` for an
    author of a reference (APA initials on a line with a year, a study of a year, a numbered
    reference), ``"thing"`` for the eponym of a result or a title (see the module docstring),
    else None.

    Args:
        text: the text.
        f: a PERSON finding of ``text``.
        gates: :func:`work_gates` of ``text`` (the rules it rules out are not tried).

    Returns:
        The kind, or None.
    """
    span = text[f.start : f.end]
    possessive = span.endswith(_POSSESSIVE_END)
    eponym, title, cited = gates
    if (eponym and _eponym(text, span, f.end, possessive)) or (
        title and _titled(text, f.start, f.end)
    ):
        return "thing"
    if cited and _cited(text, f.start, f.end):
        return "cited"
    return "author" if _author(text, f.start, f.end, possessive) else None


def _cited(text: str, start: int, end: int) -> bool:
    """An author of a reference: APA initials, a study of a year, a numbered reference."""
    if _STUDY_AFTER.match(text, end):
        return True
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    # the initials first (rare), then a year in parentheses on the rest of the line
    if _APA_AFTER.match(text, end):
        return _YEAR_IN_PARENS.search(text, end, line_end) is not None
    line_start = text.rfind("\n", 0, start) + 1
    if not _REFERENCE_LINE.match(text, line_start):
        return False
    return _REFERENCE_TAIL.search(text, line_start, line_end) is not None


def _eponym(text: str, span: str, end: int, possessive: bool) -> bool:
    """A result named after someone: ``Amdahl's Law`` taken whole, ``Shannon's sampling
    theorem``, ``Newton raphson method``."""
    if ("'" in span or "’" in span) and _RESULT_LAST.search(span) is not None:
        return True
    return text[end : end + 1] in (" ", "\t", "'", "’") and (
        _RESULT_NEXT.match(text, end) is not None
        or (not possessive and _METHOD_NEXT.match(text, end) is not None)
    )


def _titled(text: str, start: int, end: int) -> bool:
    """A work's or a band's title after its kind: ``the film Condorman?``."""
    return (
        text[start - 1 : start] in (" ", "\t")  # the pattern's end: no search of the window else
        and _TITLE_END.match(text, end) is not None
        and _TITLE_BEFORE.search(text, max(0, start - 40), start) is not None
    )


def _author(text: str, start: int, end: int, possessive: bool) -> bool:
    """An author: of a work named after a possessive (``Adam Grat's book``, ``Locke's:
    "Treatise``), of ``the works of``, or of a work asked about (``"X" by NAME``)."""
    if possessive and _WORK_NEXT.match(text, end) is not None:
        return True
    if (possessive or text[end : end + 1] in ("'", "’")) and _QUOTED_NEXT.match(text, end):
        return True
    before = text[max(0, start - 24) : start]
    if before.endswith(("of ", "of\t")):
        return _WORKS_OF.search(before) is not None
    if (
        not before.endswith(("by ", "by\t"))
        or not _by_before(text, start)
        or _MINE_AFTER.match(text, end) is not None
    ):
        return False
    window = text[max(0, start - _ASK_WINDOW) : min(len(text), end + _ASK_WINDOW)]
    return _ASKED.search(window) is not None
