"""A name written surname first: ``Surname, Given`` (``- Dekker, Hugo``, ``"Rivoir, Hugo Walter"``).

Directories, rosters, citations of people, spreadsheets and sign-up lists write a person as the
surname, a comma and the given name(s). Read word by word, the surname is a lone word and the
given name another, each left to NER (which labels them apart, or joins one to the next line's
word) or missed. Read as one: a capitalised word that may be a surname (a listed name or a word
in no list; no everyday word, place, month or title), a comma and one space, a listed given name
(and a second given name or an initial), where an item or a value ends (a line break, ``;``,
``)``, a closing quote, a full stop, a comma that does not go on to a third item) is one person,
found without NER. Not a list of three (``Ruby, Julia, Rust``), not after a capitalised word (a
longer run: ``Jean Dupont, Marie``), not an everyday word before the comma (``Meanwhile, John``).
"""

from __future__ import annotations

import re

from hybridllm.classifiers.clinical import words as word_set
from hybridllm.classifiers.name_gate import COMMON_WORDS, NOT_NAME_PARTS, NOT_PEOPLE
from hybridllm.classifiers.name_tokens import FUNCTION_WORDS, Kind, TokenLexicon, is_cap

__all__ = ["inverted_name"]

_CALENDAR = word_set(
    "january february march april may june july august september october november december"
    " monday tuesday wednesday thursday friday saturday sunday"
)
# Where the given name ends an item or a value.
_END = re.compile(r"[ \t]*(?:[;)\]|\n\"'”’]|,|\.(?:\s|$)|$)")
# A comma that goes on to a third item makes a list of things or people ("Ruby, Julia, Rust").
_MORE = re.compile(r",[ \t]*(?:(?:and|or)\b|[^\W\d_][\w'’-]*[ \t]*(?:[,;]|(?:and|or)\b))")
_CAP_BEFORE = re.compile(r"[A-Z][\w'’.-]*[ \t]+$")
_INITIAL = re.compile(r"[A-Z]\.")


def _surname(word: str, lex: TokenLexicon) -> Kind | None:
    """The word's kind when it can be a surname before a comma, else None."""
    low = word.lower()
    if (
        len(word) < 2
        or not is_cap(word)
        or word.isupper()
        or low in FUNCTION_WORDS
        or low in COMMON_WORDS
        or low in NOT_PEOPLE
        or low in NOT_NAME_PARTS
        or low in _CALENDAR
        or low in lex.places
    ):
        return None
    kind = lex.kind(word)
    if kind is Kind.AMBIGUOUS and low not in lex.last:  # "Rose", "Mark": no surname first
        return None
    return kind if kind in (Kind.NAME, Kind.UNKNOWN, Kind.AMBIGUOUS) else None


def _given(word: str, lex: TokenLexicon, *, strict: bool) -> bool:
    """A listed given name, capitalised (``strict``: no everyday word either)."""
    low = word.lower()
    if not is_cap(word) or word.isupper() or low not in lex.first:
        return False
    if low in COMMON_WORDS or low in NOT_PEOPLE or low in lex.places or low in _CALENDAR:
        return False
    return not strict or lex.kind(word) is Kind.NAME


def inverted_name(text: str, words: list[re.Match[str]], i: int, lex: TokenLexicon) -> int | None:
    """Index of the last word of a ``Surname, Given`` name that starts at word ``i``, or None.

    Args:
        text: the text.
        words: its words (``NameRecognizer``'s word matches).
        i: the index of the word that may be the surname.
        lex: the token lists.
    """
    # Most words: no comma and one space after them.
    if i + 1 >= len(words) or text[words[i].end() : words[i + 1].start()] not in (", ", ",\t"):
        return None
    kind = _surname(words[i].group(), lex)
    start = words[i].start()
    if (
        kind is None
        # part of a longer run: "Jean Dupont, Marie"
        or _CAP_BEFORE.search(text, max(0, start - 30), start)
        # a surname that is also an everyday word needs a given name that is none
        or not _given(words[i + 1].group(), lex, strict=kind is Kind.AMBIGUOUS)
    ):
        return None
    last = i + 1
    nxt = i + 2
    if nxt < len(words) and text[words[last].end() : words[nxt].start()] == " ":
        second = words[nxt].group()
        if _given(second, lex, strict=False):
            last = nxt
    stop = words[last].end()
    if _INITIAL.match(text, stop + 1) and text[stop : stop + 1] == " ":
        stop += 3  # "Kowal, Anna M."
    if not _END.match(text, stop) or _MORE.match(text, stop):
        return None
    return last
