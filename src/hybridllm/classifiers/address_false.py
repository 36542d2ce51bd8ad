"""Address cores that read as something else: a quantity, a title, a list of figures, initials.

The cores of :mod:`~hybridllm.classifiers.addresses` are shapes (a number, capitalised words, a
street type or another number), and ordinary prose has those shapes too. :func:`false_core`
tells a core that is no address by what a street address never does:

- ``a`` or ``an`` right before the number makes it a quantity, ``the`` before a year an
  edition, not a house number: ``a 10 Hour Course``, ``the 2026 FIFA World Cup``, ``a 5m
  Type 1 cable`` (``the 10 Main Street house`` is an address);
- a blank line inside the core, or a line break right after its leading number: an address
  does not skip a line, and its house number is on the street's line: ``1s\\n\\nPain Point``,
  ``R.\\n\\nQ``, ``$0 \\nReal Estate``; nor is a house number the minutes of a time
  (``at 16:38 Agna JirKon Rx 1``);
- the number, words, number core (``930 Klinta 36``, ``057 Via Franscini 71``: European formats
  with the house number last) whose words are all everyday English words or short capital
  codes: ``1 Type 2``, ``89 Variation 17``, ``2 Page Page 1``, ``11S NU 39000``, ``67 SASR
  28`` (a law report); streets of those formats are named in their own languages, and an
  English street has its type (``Main Street``); a street type or a unit of a building among
  the words (``232 State Route 32``, ``426 Apt. 606``) makes it an address all the same;
- ``R.`` (Portuguese *rua*) before or after an initial, or with no house number in the core or
  right after it: ``George R. R. Martin``, ``J. R. Tolkien``, ``R. Ghazali, Input shaping``
  (``R. de Pacheco, S/N`` is a street without a number).
"""

from __future__ import annotations

import re

from hybridllm.classifiers.name_tokens import token_lexicon
from hybridllm.classifiers.patterns import STREET_TYPES

__all__ = ["false_core"]

# "a" / "an" before any number, "the" before a year ("the 10 Main Street house" is one).
_ARTICLE_BEFORE = re.compile(r"(?:^|(?<=[^\w'’]))[Aa]n?[ \t]+$")
_THE_BEFORE = re.compile(r"(?:^|(?<=[^\w'’]))(?:[Tt]he|THE)[ \t]+$")
_YEAR = re.compile(r"(?:19|20)\d\d\b")
# A blank line, or a line break right after the leading number.
_BREAK = re.compile(r"(?:\r?\n|\\n)[ \t]*(?:\r?\n|\\n)")
_NUMBER_BREAK = re.compile(r"\d\w*[ \t]*(?:\r?\n|\\n)")
_WORD = re.compile(r"(?<![\w'’.-])[^\W\d_][\w'’-]*")  # not the "m" of "5m"
# "NU", "EGP", "SASR", "C00": a grid square, a currency, an acronym, a law report ("67 SASR
# 28"), a code of a table
_CODE = re.compile(r"[A-Z][A-Z0-9]{0,4}")
# A unit of a building: "426 Apt. 606" is the house number and the flat of an address.
_UNIT = frozenset(("apt", "apartment", "suite", "ste", "unit", "flat", "box", "floor", "room"))
_INITIAL_AFTER_R = re.compile(r"R\.[ \t]+[A-Z]\.")
_INITIAL_BEFORE = re.compile(r"(?<![\w.])[A-Z]\.[ \t]+$")
_NUMBER_AFTER = re.compile(r",?[ \t]*(?:\d|[Ss]/[Nn]\b)")


_DECIMALS = re.compile(r"[.,]\d")
_COLUMN_GAP = re.compile(r"\S(?: {3,}|\t)\S")


def false_core(text: str, start: int, end: int, *, number_last: bool) -> bool:
    """Whether the address core ``text[start:end]`` is no address (see the module docstring).

    Args:
        text: the text the core was found in.
        start: offset of the core.
        end: end offset of the core.
        number_last: the core is a number, capitalised words and a number (``930 Klinta 36``).

    Returns:
        True for ``a 10 Hour Course``, ``1 Type 2``, ``2 Page Page 1``; False for
        ``1496 Mitchell Coves``, ``930 Klinta 36``.
    """
    core = text[start:end]
    if (
        # a citation's "et al. 2020", not the Polish aleja
        (core[:3].lower() == "al." and text[max(0, start - 3) : start].lower() == "et ")
        or _BREAK.search(core)
        or _NUMBER_BREAK.match(core)
        # the minutes of a time or the decimals of a figure: "at 16:38 Agna JirKon Rx 1"
        or (start >= 2 and text[start - 1] in ":." and text[start - 2].isdigit())
        # a figure's decimals after it ("B. 60.828" of Greek answer options), or a table's
        # column gap or tab inside it ("1    Canada India  133"): no house number, no street
        or (core[-1:].isdigit() and _DECIMALS.match(text, end) is not None)
        or _COLUMN_GAP.search(core) is not None
    ):
        return True
    if core[:1].isdigit() and (
        _ARTICLE_BEFORE.search(text, max(0, start - 4), start)
        or (_YEAR.match(core) and _THE_BEFORE.search(text, max(0, start - 5), start))
    ):
        return True
    if core.startswith("R.") and (
        _INITIAL_AFTER_R.match(core)
        or _INITIAL_BEFORE.search(text, max(0, start - 4), start)
        # no house number, in the core or right after it: an initial ("R. Ghazali, Input
        # shaping", "Subject R. Roland must"), not a rua ("R. de Pacheco, S/N")
        or not (any(c.isdigit() for c in core) or _NUMBER_AFTER.match(text, end))
    ):
        return True
    if not number_last:
        return False
    words = _WORD.findall(core)
    if any(w.lower().rstrip(".") in _UNIT or w.lower() in STREET_TYPES for w in words):
        return False
    return bool(words) and all(_english(w.lower().rstrip(".")) or _CODE.fullmatch(w) for w in words)


def _english(word: str) -> bool:
    """An everyday word, or a word of the vocabulary that no name list holds (``odyssey``,
    ``pounds``; not ``klinta``, not ``franscini``)."""
    lex = token_lexicon()
    return word in lex.common or (
        word in lex.vocab and word not in lex.first and word not in lex.last
    )
