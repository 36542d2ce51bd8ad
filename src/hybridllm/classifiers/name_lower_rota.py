"""Lower-case names in a rota: ``volunteer rota: mon yuito, tue erin, wed richard mccray``.

A rota, a duty roster or a schedule gives each day to someone: a weekday's abbreviation, the
person, a comma or a semicolon. In lower case no capital marks the names, and a given name that
is an English word too (``erin``, ``roman``, ``florence``) or a word in no list (``yuito``) has
no other evidence. Three such items in a row make a rota: each item's value of one or two words
(a title before it is no part of it: ``thu mr. drescher``) is a name, unless its words are all
English words no census given name is (a meal plan: ``mon pasta, tue fish, wed soup``) or it
holds a function word. Values with a capital are left to the cased rules
(:func:`~hybridllm.classifiers.name_widen.trim_weekdays` reads ``Mon Eustaquia`` there).
"""

from __future__ import annotations

import re

from hybridllm.classifiers.name_lower_context import census_first
from hybridllm.classifiers.name_siblings import match_runs
from hybridllm.classifiers.name_tokens import FUNCTION_WORDS, TokenLexicon

__all__ = ["rota_names"]

_DAY = r"(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)\.?"
# One item: a weekday's abbreviation, an optional title, one or two words, then the item's end.
_ITEM = re.compile(
    rf"(?<![\w.]){_DAY}[ \t]+(?:(?:mr|mrs|ms|mx|dr|prof)\.?[ \t]+)?"
    r"(?P<v>[^\W\d_][\w'’-]*(?:[ \t]+(?:[a-z]\.[ \t]+)?[^\W\d_][\w'’-]*)?)"
    r"[ \t]*(?=[,;.\n]|$)"
)
_SEP = re.compile(r"[ \t]*[,;][ \t]*")
_MIN_ITEMS = 3


def rota_names(text: str, lex: TokenLexicon) -> list[tuple[int, int]]:
    """Spans of the lower-case values of a rota's items (see the module docstring).

    Args:
        text: the text.
        lex: the token lists.

    Returns:
        ``(start, end)`` of each value that may be a name, in text order.
    """
    if "mon" not in text and "tue" not in text and "wed" not in text:
        return []  # every rota of three days names one of these
    runs = match_runs(
        _ITEM.finditer(text), lambda a, b: _SEP.fullmatch(text, a.end(), b.start()) is not None
    )
    out: list[tuple[int, int]] = []
    for run in runs:
        if len(run) < _MIN_ITEMS:
            continue
        out.extend(m.span("v") for m in run if _value(lex, m["v"]))
    return out


def _value(lex: TokenLexicon, value: str) -> bool:
    """Whether a rota item's value may name someone: lower case, no function word, and not
    only English words that no census given name is."""
    if not value.islower():
        return False
    parts = value.replace(".", " ").split()
    if any(p in FUNCTION_WORDS for p in parts if len(p) > 1):
        return False
    return not all(p in lex.vocab and p not in census_first() for p in parts if len(p) > 1)
