"""Keys of a list whose other keys are names: ``- Aubyn: fix the login``, ``- Fancyface: update
the notes``, ``- Taniel: chase the vendor``.

Stand-up notes, action items and chat transcripts give each line to someone: a key, a colon,
what they do or say. When most keys of such a run of lines are names already found (two at
least), a key that no list holds is one of those people too, however it is spelt (``Fancyface``
reads as no name by its letters): :func:`sibling_keys` returns those keys. A key that is an
English word (unless a census given name: ``Sandy``), a listed place or brand, or an identifier
(``ChatGPT``, an inner capital) is not taken: ``Notes:``, ``Owner:``, a bot among the speakers.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Callable, Iterable

from hybridllm.classifiers.name_fame import fame
from hybridllm.classifiers.name_lower_context import census_first
from hybridllm.classifiers.name_tokens import FUNCTION_WORDS, Kind, TokenLexicon

__all__ = ["match_runs", "sibling_keys"]

# A line that gives something to a one-word key: an optional bullet or number, the key, a colon.
_KEY_LINE = re.compile(
    r"^[ \t]*(?:[-*•]|\d{1,2}[.)])?[ \t]*([^\W\d_][\w'’-]*)[ \t]*:[ \t]*\S", re.M
)
_MIN_LINES = 3
_MIN_NAMES = 2
_MIN_KEY = 3


def sibling_keys(
    text: str, lex: TokenLexicon, found: list[tuple[int, int]]
) -> list[tuple[int, int]]:
    """Spans of the keys that sit among found names in a run of keyed lines (see the module
    docstring).

    Args:
        text: the text.
        lex: the token lists.
        found: spans of the names found so far.

    Returns:
        The keys' spans, in text order.
    """
    if ":" not in text or not found:
        return []
    runs = match_runs(
        _KEY_LINE.finditer(text), lambda a, b: text.count("\n", a.end(1), b.start(1)) == 1
    )
    out: list[tuple[int, int]] = []
    inside = _Inside(found)
    for run in runs:
        if len(run) < _MIN_LINES:
            continue
        named = [inside(m.start(1), m.end(1)) for m in run]
        if sum(named) < _MIN_NAMES or 2 * sum(named) < len(run):
            continue
        out.extend(m.span(1) for m, n in zip(run, named, strict=True) if not n and _key(lex, m[1]))
    return out


class _Inside:
    """Whether a span lies inside one of ``spans``: the farthest end of the spans that start
    at or before its start reaches its end (a binary search instead of a pass over them all)."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        ordered = sorted(spans)
        self._starts = [a for a, _ in ordered]
        self._reach = list(itertools.accumulate((b for _, b in ordered), max))

    def __call__(self, start: int, end: int) -> bool:
        k = bisect.bisect_right(self._starts, start)
        return k > 0 and self._reach[k - 1] >= end


def match_runs(
    matches: Iterable[re.Match[str]], joined: Callable[[re.Match[str], re.Match[str]], bool]
) -> list[list[re.Match[str]]]:
    """``matches`` grouped into runs: a match joins the run before it when ``joined(previous,
    match)`` (the lines of a list, the items of a rota)."""
    runs: list[list[re.Match[str]]] = []
    for m in matches:
        if runs and joined(runs[-1][-1], m):
            runs[-1].append(m)
        else:
            runs.append([m])
    return runs


def _key(lex: TokenLexicon, word: str) -> bool:
    """Whether ``word`` may be a person's key: a listed name or no English word, and no place,
    function word, brand or identifier."""
    low = word.lower()
    return (
        # a word in no English list, even when spelt as two ("Fancyface"), or a census given
        # name English knows as a word too ("- sandy: update the notes")
        (
            lex.kind(word) in (Kind.NAME, Kind.UNKNOWN)
            or low not in lex.vocab
            or low in census_first()
        )
        and len(low) >= _MIN_KEY  # "me: ok" in a chat
        and low not in lex.places
        and low not in FUNCTION_WORDS
        and not any(c.isupper() for c in word[1:])
        and fame(low) != "product"
    )
