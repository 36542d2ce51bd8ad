"""A surname after a person's initials: ``K. Weaver``, ``J. Sotela``, ``Reviewed by H.
Neumbo``, ``A. Ylli, H. Paloka and B. Selamaj (2020)``.

One to three capital initials, each with its full stop and a space, before a capitalised word
mark a person's name whatever the word: a name the lists hold, a word in no list, or (where a
name stands: after a lower-case word, a comma, a list number) one that is also an everyday
English word (``2. K. Weaver``, ``by S. Price``). What is not read as one: a plain English
word or a pronoun (``A. Background``, ``Plan B. Then``, ``U X. He``), an outline's item
(``A. Brief history``), an abbreviation run together (``U.S. Army``) or before another
(``J. Mech. Eng.``), a middle initial (the name rules read ``Dwight D. Eisenhower`` whole),
and a compass point before a place (``N. Ireland``, ``S. Africa``). In a line written in lower
case, a word with a name's evidence after lower-case initials (``2. k. mixail``, ``j.
sotela``), not a species (``e. coli``).
"""

from __future__ import annotations

import re

from hybridllm.classifiers.name_lower_context import name_like
from hybridllm.classifiers.name_tokens import FUNCTION_WORDS, Kind, TokenLexicon, code_word
from hybridllm.classifiers.prefilter import finditer

__all__ = ["INITIALS", "INITIALS_LOWER", "initial_names"]

INITIALS = re.compile(
    r"(?<![\w.’'&/^-])(?P<i>[A-Z])\.[ \t]+(?:[A-Z]\.[ \t]+){0,2}"
    r"(?P<s>[A-ZÀ-ÖØ-Þ][a-zß-öø-ÿ]+(?:['’-][A-Za-zß-öø-ÿ]+)*)(?![\w@-]|\.\w)"
)
"""Initials and the capitalised word after them (the prefilter scans texts for it)."""
INITIALS_LOWER = re.compile(
    r"(?<![\w.’'&/^-])[a-z]\.[ \t]+(?:[a-z]\.[ \t]+){0,2}"
    r"(?P<s>[a-zß-öø-ÿ]{3,}(?:['’-][a-zß-öø-ÿ]+)*)(?![\w@-]|\.\w)"
)
"""The same in a line written in lower case (``2. k. mixail``)."""
# Species named by genus initial and epithet, lower case even in cased text ("E. coli").
_EPITHET_WORDS = (
    "coli aureus difficile pylori aeruginosa pneumoniae albicans faecalis faecium epidermidis"
    " pyogenes typhi typhimurium cholerae jejuni monocytogenes gonorrhoeae trachomatis sapiens"
    " elegans melanogaster cerevisiae subtilis vulgaris botulinum perfringens tetani influenzae"
    " meningitidis agalactiae mutans acnes burgdorferi pallidum falciparum vivax"
)
_EPITHETS = frozenset(_EPITHET_WORDS.split())
_COMPASS = frozenset("NSEW")
_CAP_LINE = re.compile(r"[A-Z]")
_PRONOUNS = frozenset(("he", "she", "it", "we", "they", "you", "his", "her", "its", "their"))
# A capitalised word right before: a given name before a middle initial (the name rules read
# "Dwight D. Eisenhower" whole), or a label ("Initial T. Final T. Mass", "House A. House").
_CAP_BEFORE = re.compile(r"[A-Z][\w'’-]*[ \t]+\Z")
# Another abbreviation after the word: a journal's name ("J. Mech. Eng. Sci.").
_ABBREVIATION_AFTER = re.compile(r"\.[ \t]*[A-Z][a-z]{0,5}\.")
# Where a name stands: after a lower-case word, a comma or bracket, or a list number.
_NAME_PLACE = re.compile(r"(?:[a-z][\w'’-]*[ \t]+|[,;(][ \t]*|\d{1,3}[.)][ \t]+)\Z")


def initial_names(text: str, lex: TokenLexicon) -> list[tuple[int, int]]:
    """Spans of initials and a surname (see the module docstring), possessive excluded.

    Args:
        text: the text.
        lex: the token lists.

    Returns:
        ``(start, end)`` spans from the first initial to the surname's end.
    """
    out: list[tuple[int, int]] = []
    for m in finditer(INITIALS, text):  # the prefilter's places only
        word = m["s"].removesuffix("'s").removesuffix("’s")
        low = word.lower()
        before = text[max(0, m.start() - 24) : m.start()]
        kind = lex.kind(word)
        if (
            kind is Kind.WORD
            or low in FUNCTION_WORDS
            or low in _PRONOUNS
            or _CAP_BEFORE.search(before)
            or _ABBREVIATION_AFTER.match(text, m.end())
            or (m["i"] in _COMPASS and low in lex.places)
            # an everyday word needs a name's place: "2. K. Weaver", "by S. Price" (not an
            # outline's "A. Brief history")
            or (kind is Kind.AMBIGUOUS and low in lex.common and not _NAME_PLACE.search(before))
        ):
            continue
        out.append((m.start(), m.start("s") + len(word)))
    for m in finditer(INITIALS_LOWER, text):
        word = m["s"].removesuffix("'s").removesuffix("’s")
        line_start = text.rfind("\n", 0, m.start()) + 1
        line_end = text.find("\n", m.end())
        if (
            word in _EPITHETS
            or lex.kind(word) is Kind.WORD
            or word in lex.common  # "a. poetry b. short story"
            or not name_like(lex, word)
            or code_word(word)
            or _CAP_LINE.search(text, line_start, len(text) if line_end < 0 else line_end)
        ):
            continue  # "e. coli"; a line written with capitals (its initials are capitals)
        out.append((m.start(), m.start("s") + len(word)))
    return out
