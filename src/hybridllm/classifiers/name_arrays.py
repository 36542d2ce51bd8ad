"""Items of an array under a key that names people: ``{"guests": ["dezi veizi", "bona"]}``,
``attendees = ['Ana Lu', 'Kofi']``, ``"team_members": ["panagiwta", ...]``.

Data pasted into a prompt lists people under a key that says so. A key any word of which (split
at ``_``, ``-`` and inner capitals) is a person noun (WordNet's, singular or plural: ``guests``,
``attendee``, ``players``, ``speakers``; and ``people``, ``names``, ``members``, ``staff``,
``team``, ``children``) makes each quoted string item of its array a name when the item is one
to four words of letters (an initial's full stop allowed) and not only words of the English
vocabulary, unless those are listed given names (``["rose", "bill"]`` are people there;
``["admin", "guest"]`` under ``users`` are not). Any case: in lower case nothing else marks
such a name, and capitalised items the cased rules read anyway.
"""

from __future__ import annotations

import re

from hybridllm.classifiers.name_role_nouns import person_noun
from hybridllm.classifiers.name_tokens import TokenLexicon

__all__ = ["array_names"]

# A key, its separator and the opening bracket of its array: "guests": [, attendees = [
_ARRAY_KEY = re.compile(r"(?P<k>[A-Za-z_][\w-]{2,40})[\"']?[ \t]*[:=][ \t]*\[")
# One quoted item, and the comma or the bracket after it.
_ITEM = re.compile(r"[ \t\n]*([\"'])(?P<v>[^\"'\n\[\]{}]{1,60})\1[ \t\n]*(?P<e>[,\]])")
_WORD = re.compile(r"[^\W\d_](?:[\w'’.-]*[^\W\d_])?\.?")
_KEY_PARTS = re.compile(r"[A-Z]?[a-z]+")
_GROUPS = frozenset(("people", "names", "members", "staff", "team", "children", "crew"))
_MAX_WORDS = 4
_MAX_ITEMS = 200


def _people_key(key: str) -> bool:
    """Whether a word of ``key`` names people (see the module docstring)."""
    for part in _KEY_PARTS.findall(key):
        low = part.lower()
        if low in _GROUPS or any(
            person_noun(form)
            for form in (low, low[:-1], low[:-2])
            if len(form) >= 3 and form != "name"
        ):
            return True
    return False


def _name_item(value: str, lex: TokenLexicon) -> bool:
    words = value.split()
    if not 1 <= len(words) <= _MAX_WORDS or not all(_WORD.fullmatch(w) for w in words):
        return False
    low = [w.lower().rstrip(".") for w in words]
    return not all(w in lex.vocab for w in low) or all(w in lex.first for w in low)


def _opens_array(text: str) -> bool:
    """Whether a ``[`` of ``text`` follows a ``:`` or ``=`` and spaces or tabs only: what every
    match of :data:`_ARRAY_KEY` ends with. Cheaper than that pattern's search, which tries a
    key at every letter of the text (~0.9 ms per 10 KB): most texts with a ``[`` (log
    timestamps, markdown links) hold no array under a key."""
    at = text.find("[")
    while at >= 0:
        i = at
        while i > 0 and text[i - 1] in " \t":
            i -= 1
        if i > 0 and text[i - 1] in ":=":
            return True
        at = text.find("[", at + 1)
    return False


def array_names(text: str, lex: TokenLexicon) -> list[tuple[int, int]]:
    """Spans of the name items of arrays under keys that name people (module docstring)."""
    if not _opens_array(text):
        return []
    out: list[tuple[int, int]] = []
    for key in _ARRAY_KEY.finditer(text):
        if not _people_key(key["k"]):
            continue
        pos = key.end()
        for _ in range(_MAX_ITEMS):
            item = _ITEM.match(text, pos)
            if item is None:
                break
            value = item["v"].strip()
            if _name_item(value, lex):
                start = item.start("v") + item["v"].index(value)
                out.append((start, start + len(value)))
            if item["e"] == "]":
                break
            pos = item.end()
    return out
