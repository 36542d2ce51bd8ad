"""A people's or a language's name before a noun is an adjective; a recipe's object is a dish.

Several words that name a people, a language or a faith are listed given names or surnames
too (``Danish``, ``Georgian``, ``Thai``, ``Israeli``): the name rules take them for people in
``some Danish dishes``, ``the Thai language``, ``the Adventist and Baptist denominations``. Before
a noun of food, language, culture or faith such a word is an adjective: a person's name is not
followed by ``dishes`` or ``language``. The words are the languages' English names (Unicode
CLDR: ``languages.txt`` and ``languages_named.txt``, the few that are given names too) and
WordNet's one-word proper names that are no person (``wordnet_not_people.txt``: peoples,
faiths, places: ``Israeli``, ``Mauritian``, ``Adventist``).

And the thing a recipe is for is a dish, whatever its name looks like (``a recipe for
Koldskål``, ``a recipe for Mine Frite``): no person is cooked.
"""

from __future__ import annotations

import re
from functools import cache
from importlib import resources

from hybridllm.classifiers.name_tokens import read_list

__all__ = ["dish_or_adjective", "load_adjectives"]

# Nouns a people's or a language's adjective stands before.
_NOUNS = re.compile(
    r"(?:[ \t]*,?[ \t]+(?:and|or|&)[ \t]+[A-Z][\w'’-]+|[ \t]*,[ \t]*[A-Z][\w'’-]+)*"
    r"[ \t]+(?i:dish|dishes|food|foods|cuisine|cuisines|recipe|recipes|cooking|language"
    r"|languages|culture|cultures|words?|text|translation|grammar|alphabet|dialects?|speakers?"
    r"|literature|folklore|traditions?|customs|holidays?|denominations?|churches|church"
    r"|faith|community|communities|people|cheese|bread|wine|beer|coffee|tea|style)\b"
)
# A capitalised word and "and", "or" or a comma right before a finding.
_JOINED_BEFORE = re.compile(r"\b([A-Z][a-z]+)(?:,?[ \t]+(?:and|or|&)|,)[ \t]+$")
# What comes before a dish's name: "a recipe for", "recipes of the", "a recipe".
_RECIPE_BEFORE = re.compile(
    r"\b(?i:recipes?)[ \t]+(?:(?i:for|of)[ \t]+)?(?:(?i:a|an|the|some|traditional)[ \t]+)?$"
)


@cache
def _adjectives() -> frozenset[str]:
    words = read_list("languages.txt") + read_list("languages_named.txt")
    data = resources.files("hybridllm.classifiers").joinpath("data", "wordnet_not_people.txt")
    things = (w for w in data.read_text("utf-8").splitlines() if w.isalpha())  # one word
    return frozenset(words).union(things)


def load_adjectives() -> None:
    """Read the lists now (the classifier's warm-up), not in the first call that asks."""
    _adjectives()


def dish_or_adjective(text: str, start: int, end: int, key: str) -> bool:
    """Whether the PERSON finding ``text[start:end]`` (lower-cased ``key``) is a people's or a
    language's adjective before a noun of food, language, culture or faith (``Danish dishes``,
    ``Adventist and Baptist denominations``), or the dish of a recipe (``a recipe for
    Koldskål``).

    Args:
        text: the text the finding was found in.
        start: offset of the finding.
        end: end offset of the finding.
        key: the finding, lower-cased, without a possessive (see ``name_public._key``).

    Returns:
        True when the finding names no person, by the words around it.
    """
    lo = max(0, start - 32)
    if "ecipe" in text[lo:start] and _RECIPE_BEFORE.search(text, lo, start):
        return True
    if " " in key or _NOUNS.match(text, end) is None:
        return False
    if key in _adjectives():
        return True
    # the second of two joined by "and" ("the Adventist and Baptist denominations")
    before = _JOINED_BEFORE.search(text, max(0, start - 40), start)
    return before is not None and before.group(1).lower() in _adjectives()
