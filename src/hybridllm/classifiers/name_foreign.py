"""Capitalised words of another language's prose are nouns, not names.

German capitalises every noun (``Brust``, ``Recht``, ``Photovoltaik Dach``), and headings or
titles in French, Spanish or Polish capitalise words the English rules take for a name
(``Bogue Équipe Interne``, ``Especies``, ``Squadra Di Corsa``). The name stage already stops
taking *unknown* words for names when a whole text is mostly not English
(:func:`~hybridllm.classifiers.name_gate.foreign_text`); prompts mix languages though (an English
request around a German paragraph), and many foreign nouns are listed as US census surnames.

:func:`foreign_noun` looks at the line around a finding instead: when most of its lower-case
words are not English, a finding none of whose words is a listed given name or a curated
surname (Faker's per-locale lists: ``Kowalski``, ``Müller``, ``Rossi`` stay names; census-only
surnames such as ``Brust`` or ``Kunst`` do not) is a noun of that language.
"""

from __future__ import annotations

from functools import cache

from hybridllm.classifiers.name_gate import foreign_text
from hybridllm.classifiers.name_tokens import read_list, token_lexicon, with_folded

__all__ = ["foreign_noun"]

_REACH = 200  # characters of the line on each side of the finding that are read


@cache
def _curated_surnames() -> frozenset[str]:
    return with_folded(read_list("surnames.txt"))


def foreign_noun(text: str, start: int, end: int, key: str) -> bool:
    """Whether the finding ``text[start:end]`` (lower-cased ``key``) is a noun of non-English
    prose: its line reads as another language and none of its words is a listed given name or
    a curated surname.

    Args:
        text: the text the finding was found in.
        start: offset of the finding.
        end: end offset of the finding.
        key: the finding's text, lower case, single spaces.

    Returns:
        True when the finding is no person's name.
    """
    lex = token_lexicon()
    curated = _curated_surnames()
    words = key.replace("-", " ").split()
    if not words or any(w in lex.first or w in curated for w in words):
        return False
    lo = max(text.rfind("\n", 0, start) + 1, start - _REACH)
    hi = text.find("\n", end)
    hi = min(len(text) if hi < 0 else hi, end + _REACH)
    return foreign_text(lex, text[lo:start] + " " + text[end:hi])
