"""Growing a partly found street to the whole street: a partial mask is a leak.

A street finding can miss the first words of the name (``Nížinná`` before ``ulica 251``, a title
``dr.`` before ``kuyperstraat 1042``) or what ends it (a house number, a Roman numeral, a type
word). :func:`widen_start` and :func:`widen_end` grow it over them, with the word classes of
:mod:`.address_lower_run`, in any text.
"""

from __future__ import annotations

import re

from hybridllm.classifiers.address_lower_run import (
    AFTER_TYPES,
    FIRST_TYPES,
    MAX_BEFORE,
    MODIFIERS,
    PARTICLES,
    REACH,
    TYPES,
    end_of_clause,
    function_word,
    namelike,
    street_start,
    word_set,
)
from hybridllm.classifiers.name_tokens import Kind, TokenLexicon, token_lexicon

__all__ = ["widen_end", "widen_start"]

# Abbreviated titles and types that start a street's name ("Dr. Kuyperstraat", "Gen.Svobody",
# "Sv. Čecha"): a full stop after any other short word ends a sentence ("call me. Main St 5").
_TITLES = word_set("dr st gen prof sv sr sra sta pres ing mgr kpt nám ul al av pl bd")
_GLUED = re.compile(r"(?<![\w.])([^\W\d_]{1,4})\.\Z")
# A finding that starts with a unit or a postal box: no street name stands before it.
_NOT_NAMED = re.compile(
    r"(?i:apt|apartment|suite|ste|flat|unit|box|p\.?[ \t]?o\.?|psc|usns|usnv|uss|uscgc|dpo|apo"
    r"|fpo)\b|#"
)
_TOKEN_WORD = re.compile(r"[^\W\d_][\w'’-]*\.?|\d{1,5}")
_ROMAN = re.compile(r"[ \t]+(?:I{1,3}|IV|VI{0,3}|i{1,3}|iv|vi{0,3})(?![\w'’.-])")
_HOUSE = re.compile(r"[ \t]+\d{1,5}[A-Za-z]?(?![\w'’]|[.,:/-]\d)")
_NEXT_WORD = re.compile(r"[ \t]+([^\W\d_][\w'’-]*)")


def widen_start(text: str, start: int, *, cased: bool) -> int:
    """The start of the street whose finding starts at ``start``, over the words of its name
    that stand before it on its line: a title glued to it (``Gen.Svobody``); name words,
    particles, titles and street-type words (``Nížinná`` before ``ulica 251``, ``dr.`` before
    ``kuyperstraat 1042``, ``alley`` before ``avenida ...``), or one more number before a
    building number (``350 1 west street``). Only as far as a street may start (a line start,
    a colon, a place word): a partly masked street is a leak, a word next to it is not."""
    lex = token_lexicon()
    glued = _GLUED.search(text, max(0, start - 6), start)
    if glued is not None and glued.group(1).lower() in _TITLES:
        start = glued.start()
    if _NOT_NAMED.match(text, start):
        return start
    numbered, named = text[start].isdigit(), False
    best, at = start, start
    line = max(text.rfind("\n", 0, start) + 1, start - REACH)
    for _ in range(MAX_BEFORE):
        end = at
        while end > line and text[end - 1] in " \t":
            end -= 1
        a = text.rfind(" ", line, end) + 1 or line
        a = max(a, text.rfind("\t", line, end) + 1)
        if end == at or a >= end or not _TOKEN_WORD.fullmatch(text, a, end):
            break
        word = text[a:end]
        if not (word.isdigit() if numbered else _name_word(lex, word, cased)):
            break
        at = a
        # a foreign word may follow any word ("we visited Kamenná ulica 17"); a number or a
        # listed name must stand where a street starts ("Ms. Ana Silva Rua Augusta 5")
        named = (
            named or numbered or (word.lower() in lex.vocab and lex.kind(word.lower()) is Kind.NAME)
        )
        if not function_word(word) and (not named or street_start(text, a)):
            best = a
        if numbered:
            break  # one number: "350 1 west street"
    return best


def _name_word(lex: TokenLexicon, word: str, cased: bool) -> bool:
    """Whether ``word`` may be a word of a street's name before the part that was found."""
    low = word.lower()
    if low.endswith("."):
        return low[:-1] in _TITLES
    if low in PARTICLES or low in TYPES or low in FIRST_TYPES or low in AFTER_TYPES:
        return True
    return (not cased or word[0].isupper()) and (namelike(lex, low) or low in MODIFIERS)


def widen_end(text: str, start: int, end: int) -> int:
    """The end of the street whose finding ends at ``end``, over what completes it when the
    clause ends right after: its house number if it has none (``Rua Julio Ribeiro - Polo
    493``), a Roman numeral (``Auðsholt I``), a street-type word (``Väina tee park``)."""
    if not any(c.isdigit() for c in text[start:end]):
        house = _HOUSE.match(text, end)
        if house is not None and end_of_clause(text, house.end()):
            return house.end()
    if not text[end - 1 : end].isalpha():
        return end
    roman = _ROMAN.match(text, end)
    if roman is not None and end_of_clause(text, roman.end()):
        return roman.end()
    word = _NEXT_WORD.match(text, end)
    if word is not None and word.group(1).lower() in TYPES and end_of_clause(text, word.end()):
        return word.end()
    return end
