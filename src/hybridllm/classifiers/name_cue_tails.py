"""Cheap tests in front of the end-anchored cue searches, and a per-text memo of their verdict.

A cue before a word (``thanks Ann``, ``a class named Fibbo``, ``booked under Ann``) is searched
for with a pattern that ends at the word (``...$`` over a window before it): ``re`` tries the
pattern at every position of the window, a few microseconds per word, and a 10 KB record
prompt asks it of a few hundred capitalised words, most of them after a comma, a field or
another name. Each such pattern ends in one of a few words followed by blanks, so the word
right before the blanks tells, for a few string operations, where the search cannot match;
the search runs only where it can. A word of a non-ASCII letter runs the search anyway (under
``IGNORECASE`` the long s, U+017F, matches ``s``, the dotless i, U+0131, ``i``).

:func:`~hybridllm.classifiers.name_context.person_context` is asked 2-3 times about the same
word of a text (by the token-shape rule, the slot rule and the cased pass); :func:`memo` keeps
its verdicts per text (:func:`~hybridllm.classifiers.prefilter.per_text`: within one
classification of that text only, nothing is kept across texts).
"""

from __future__ import annotations

import re

from hybridllm.classifiers.prefilter import per_text

__all__ = ["PERSON_CUE_ENDS", "cue_may_end", "greeted", "last_letters", "memo", "tail_ends"]

PERSON_CUE_ENDS = frozenset(
    (
        *("said", "says", "asked", "told", "tell", "ask", "thank", "thanks", "hi", "hello"),
        *("hey", "morning", "evening", "afternoon", "dear", "named", "called", "met"),
        *("married", "son", "daughter", "wife", "husband", "mother", "father", "brother"),
        *("sister", "friend", "colleague", "boss", "kid", "child", "nurse", "patient"),
        *("customer", "caller", "tenant", "and", "in", "to", "for", "by", "cc", "ccd", "ccing"),
        *("d", "ing", "shadow", "am", "m"),
    )
)
"""The last letters (after an apostrophe, if any) of every cue of ``name_context``'s
``_PERSON_CUE``, lower case: ``thanks``, ``and`` (``between him and``), ``to`` (``assigned
to``, ``said David to``), ``d`` (``cc'd``), ``m`` (``I'm``)."""

_REACH = 24  # characters before a word that the person cue may take (its window)


def last_letters(text: str, start: int, reach: int = _REACH) -> str | None:
    """The run of letters that ends ``text[start - reach : start]`` once its trailing
    whitespace and then one comma or colon are dropped, lower-cased (``""``: none); None when
    the run holds a non-ASCII letter (ignore-case matching may fold it onto an ASCII one)."""
    s = text[max(0, start - reach) : start].rstrip()
    if s[-1:] in (",", ":"):
        s = s[:-1]
    i = len(s)
    while i and s[i - 1].isalpha():
        i -= 1
    run = s[i:]
    return run.lower() if run.isascii() else None


def cue_may_end(text: str, start: int) -> bool:
    """Whether a person cue (``_PERSON_CUE``: a cue word, an optional comma or colon, blanks
    and an optional ``to``) can end right before ``start``: False when the letters before the
    blanks end no cue word (a cue word follows a non-word character, so the run of letters
    ending there is the cue word, or its part after an apostrophe)."""
    run = last_letters(text, start)
    return run is None or run in PERSON_CUE_ENDS


def tail_ends(text: str, lo: int, start: int, ends: tuple[str, ...], *, fold: bool = False) -> bool:
    """Whether ``text[lo:start]``, its trailing spaces and tabs dropped, ends with one of
    ``ends`` (lower case) ignoring case; with ``fold`` (``ends`` hold an ``i`` or an ``s``,
    which U+0130, U+0131 and U+017F match under ``IGNORECASE``) True too when its last
    characters are not all ASCII."""
    tail = text[lo:start].rstrip(" \t")[-8:]
    return tail.lower().endswith(ends) or (fold and not tail.isascii())


def memo(text: str, key: str) -> dict[tuple[int, int], bool]:
    """A dict of verdicts about spans of ``text`` under ``key``, kept while ``text`` is being
    classified (a new, empty one outside a classification)."""
    return per_text(text, key, _new)


def _new(_text: str) -> dict[tuple[int, int], bool]:
    return {}


# A greeting before a word that a comma ends: "Hello Milan, how are you", "Dear Florence,".
_GREETING = re.compile(
    r"(?i:\b(?:hi|hello|hey|dear|morning|good[ \t]+(?:morning|afternoon|evening)|thanks"
    r"|thank[ \t]+you),?[ \t]+)$"
)


def greeted(text: str, start: int, end: int) -> bool:
    """Whether the word at ``text[start:end]`` is greeted and addressed: a greeting before it
    and a comma right after it (a city that is a given name too is a person there: ``Hello
    Milan, how are you``; not ``Hello Paris! I love this city``)."""
    return (
        text[end : end + 1] == "," and _GREETING.search(text, max(0, start - 24), start) is not None
    )
