"""Full names that the prompt introduces as characters of fiction.

:mod:`~hybridllm.classifiers.name_story` takes one-word names for invented characters (a word
problem's, a story's, a persona's) but never a full name: a surname names someone real as often
as not. A full name the prompt itself calls a character is no one's record, whether the work is
asked for or published: ``where the main character is Rachel Kirkpatrick``, ``The protagonist is
called Roger Taylor``, ``the journey of protagonist Wade Watts``, ``a character analysis of
Roger Davis``, ``Vernita Ernestine Washington is a fictional character``, ``Ruby Rose, the main
character, ...``; and a full name the clause places in a named work of fiction or a show
(``How many times does Michael Scott say "that's what she said" in the TV show The Office``,
``talk like Isaac Hayes's Chef character from the television show South Park``; the work's
noun must end the phrase or come before its title: ``Tiina Sandt from the book club`` is
someone real). :func:`cast_context` tells such a cue right before or right after a finding;
:func:`hybridllm.classifiers.name_public.drop_public` drops the name unless a record or a
personal cue is near it (and never from a clinical text). "Hero" is no cue: ``her hero, Chris
Sharma`` is someone real.
"""

from __future__ import annotations

import re
from bisect import bisect_left

from hybridllm.classifiers.prefilter import finditer, per_text
from hybridllm.models import Finding

__all__ = ["CAST_WORD", "cast_context"]

_ROLE = r"(?:character|protagonist|protaganist|antagonist|villain|narrator)"
# "the main character is", "protagonist", "The protaganist is called", "characters are:",
# "a character analysis of"
_CAST_BEFORE = re.compile(
    r"(?i:\b(?:(?:main|lead|central|title)\s+)?" + _ROLE + r"s?"
    r"(?:\s+(?:is|was|will\s+be|are))?(?:\s+(?:named|called))?\s*:?\s+$"
    r"|\bcharacter\s+(?:analysis|anaysis|sketch|study|profile|arc|description)\s+(?:of|for)\s+$)"
)
# "... is a fictional character", "..., the main character,"
_CAST_AFTER = re.compile(
    r"(?i:[ \t]+(?:is|was)[ \t]+(?:a|an|the)[ \t]+(?:[\w-]+[ \t]+){0,3}" + _ROLE + r"\b"
    r"|[ \t]*,[ \t]*the[ \t]+(?:(?:main|lead|central|title)[ \t]+)?" + _ROLE + r"\b)"
)
# Every cue above holds one of these (the same words, case and folding): a text without one
# (most texts) is searched once, not before and after each of its names (in the classifier's
# prefilter: a case-blind alternation tried at every place costs ~2 ms per 10 KB).
CAST_WORD = re.compile(
    r"(?i:character|protagonist|protaganist|antagonist|villain|narrator|show|series|sitcom"
    r"|movie|film|novel|anime|manga|cartoon|comic|musical|video)"
)
_WINDOW = 48  # characters before a name searched for a cue
_ROLE_WORDS = frozenset(
    "character protagonist protaganist antagonist villain narrator".split()  # noqa: SIM905
)
_WORK_NOUNS = frozenset(
    "show series sitcom movie film novel anime manga cartoon comic musical video".split()  # noqa: SIM905
)
_CLAUSE_END = re.compile(r"[.!?\n]")  # no character of _WORK_AFTER's match
# "... in the TV show The Office", "... from the movie Heat", "... in the anime?": the name's
# clause (no sentence end before the phrase, at most _IN_WORK characters) places it in a work.
_IN_WORK = 64
_WORK_AFTER = re.compile(
    r"[^.!?\n]{0,"
    + str(_IN_WORK)
    + r"}?\b(?i:in|from|on)[ \t]+(?i:the)[ \t]+(?:(?i:tv|television|hit|animated)[ \t]+)?"
    r"(?i:show|series|sitcom|movie|film|novel|anime|manga|cartoon|comic|musical|video[ \t]+game)"
    r"(?=[ \t]*(?:[.,;:!?)\n\"“'”]|$)|[ \t]+[A-Z\"“'])"
)


def cast_context(text: str, f: Finding) -> bool:
    """Whether ``text`` calls the finding ``f`` a character of fiction right before or after it
    (see the module docstring).

    Args:
        text: the text.
        f: a PERSON finding of ``text``.

    Returns:
        True when a character cue introduces the name.
    """
    cues = per_text(text, "cast-words", _cast_words)
    if cues is None:
        return False
    roles, works = cues
    # Each cue holds its word at a word start on the name's side (a role word in the window
    # before or on the line after, a work's noun in the clause after), and every word there is
    # a start of the text's cue words: a name with none there is asked no pattern.
    k = bisect_left(roles, f.start)
    before = k > 0 and roles[k - 1] >= f.start - _WINDOW
    k = bisect_left(roles, f.end)
    # (searched in place: the next cue word may be kilobytes on, a slice would copy them all)
    after = k < len(roles) and text.find("\n", f.end, roles[k]) < 0
    k = bisect_left(works, f.end)
    work = k < len(works) and _CLAUSE_END.search(text, f.end, works[k]) is None
    return (
        (before and _CAST_BEFORE.search(text, max(0, f.start - _WINDOW), f.start) is not None)
        or (after and _CAST_AFTER.match(text, f.end) is not None)
        or (work and _WORK_AFTER.match(text, f.end) is not None)
    )


def _cast_words(text: str) -> tuple[list[int], list[int]] | None:
    """The starts of the text's cue words: the role words and the works' nouns (a word that
    lower-cases to neither, a long s for an s: both); None without any."""
    roles: list[int] = []
    works: list[int] = []
    for m in finditer(CAST_WORD, text):
        low = m.group().lower()
        if low not in _WORK_NOUNS:
            roles.append(m.start())
        if low not in _ROLE_WORDS:
            works.append(m.start())
    return (roles, works) if roles or works else None
