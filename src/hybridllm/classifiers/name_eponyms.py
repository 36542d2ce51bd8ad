"""Eponyms of mathematics, science and code are names of things, not of people.

The public-name stage already reads a name right before a result's or a product's noun as that
thing's (``Collatz conjecture``, ``Bollinger bands``; ``name_public._THING_AFTER``). Papers and
prompts write eponyms in three more ways that it missed:

- **two names joined by an en dash** (``Cauchy\u2013Schwarz inequality``, ``Cobb\u2013Douglas
  production function``, ``Michaelis\u2013Menten``): the en dash is typesetting's mark for a joint
  eponym (or a range, ``Paris\u2013Roubaix``); a person's double surname takes a hyphen
  (``Smith-Jones``), so a name touching an en dash that joins it to another capitalised word
  is no person's;
- **two names joined by a hyphen before the thing's noun**, with an abbreviation, a citation or
  one modifier between (``the Bradley-Terry (BT) \\cite{...} model``, ``Plackett-Luce ranking
  models``, ``Gay-Lussac Law``); and a name before a noun the older list lacks
  (``Padé approximant``, ``Pareto Fronts``, ``Feistel cipher``, ``Gumbel Copula``,
  ``Hamiltonian operator``);
- **a method called on an object** in code (``Quaternion.Euler(rot)``): a capitalised word glued
  to ``identifier.`` and followed by ``(`` is a member, not a person.

A head that is itself a listed given name or surname (``Law``, ``Front``) ends no thing after a
single name: ``Ana Law`` is a person; after a hyphenated pair it does (``Gay-Lussac Law``).
"""

from __future__ import annotations

import re

from hybridllm.classifiers.name_tokens import token_lexicon

__all__ = ["eponym_thing"]

# Nouns that an eponym names a result, a model or a tool by: singular, and plural. A plural is
# a verb's form too ("Jean-Luc tests the build", "Maria filters the rows"), so it counts only
# capitalised or after a modifier in -ing or -ion ("ranking models", "selection criteria").
_SINGULAR = (
    r"model|function|distribution|law|equation|theorem|inequality|lemma|conjecture|test"
    r"|algorithm|method|process|index|coefficient|criterion|estimator|transform|operator"
    r"|copula|formula|effect|principle|constant|approximant|front|filter|cipher|kernel|series"
    r"|curve|polynomial|integral|optimality|efficiency|network|space|matrix|bound|score"
    r"|statistic|criteria|indices|matrices"
)
_PLURAL = r"(?:" + _SINGULAR + r")(?:s|es)?"
_HEAD = re.compile(r"(?:" + _PLURAL + r")\Z", re.IGNORECASE)
# What may stand between a pair and its noun: an abbreviation in brackets, a LaTeX citation
# ("(BT) \cite{bradley1952} model"); then the noun (singular, or a capitalised plural: "Models"),
# or a modifier in -ing or -ion and the noun ("ranking models").
_GAP = r"(?:[ \t]*\([A-Z]{1,6}\))?(?:[ \t]*\\cite[tp]?\{[^}\n]{1,80}\})?[ \t]+"
_HEAD_AFTER = re.compile(
    _GAP + r"(?:(?i:" + _SINGULAR + r")\b|(?=[A-Z])(?i:" + _PLURAL + r")\b"
    r"|[a-z]{3,}(?:ing|ion)[ \t]+(?i:" + _PLURAL + r")\b)"
)
# A single name's nouns the older list (name_public._THING_AFTER) lacks, right after it:
# singular, or a capitalised plural ("Padé approximant", "Pareto Fronts", "Feistel cipher").
_NEW_SINGULAR = r"approximant|front|cipher|copula|operator|filter|kernel|estimator|criterion"
_NEW_HEAD_AFTER = re.compile(
    r"[ \t]+(?:(?i:" + _NEW_SINGULAR + r"|optimality|efficiency)\b"
    r"|(?=[A-Z])(?i:(?:" + _NEW_SINGULAR + r")s)\b)"
)
# Two capitalised words joined by a hyphen, the whole first word of a finding ("Bradley-Terry").
_PAIR = re.compile(r"[A-Z][\w'’]+-[A-Z][\w'’]+")
_EN_DASH = "–"
_GLUED_DASH = re.compile(r"[^\W\d_]–[^\W\d_]")


def _dash_joined(text: str, start: int, end: int) -> bool:
    """The finding touches an en dash that joins it to another capitalised word, or holds one."""
    if text.find(_EN_DASH, start, end) >= 0 and _GLUED_DASH.search(text, start, end):
        return True  # (no en dash inside, most findings: no search)
    after = text[end : end + 2]
    if len(after) == 2 and after[0] == _EN_DASH and after[1].isupper():
        return True
    return start >= 2 and text[start - 1] == _EN_DASH and text[start - 2].isalpha()


def _member(text: str, start: int, end: int) -> bool:
    """``Quaternion.Euler(``: glued to an identifier's dot, and called."""
    return (
        start >= 2
        and text[start - 1] == "."
        and (text[start - 2].isalnum() or text[start - 2] == "_")
        and text[end : end + 1] == "("
    )


def eponym_thing(text: str, start: int, end: int, key: str) -> bool:
    """Whether the PERSON finding ``text[start:end]`` (lower-cased ``key``) is an eponym that
    names a thing (see the module docstring).

    Args:
        text: the text the finding was found in.
        start: offset of the finding.
        end: end offset of the finding.
        key: the finding, lower-cased, without a possessive (see ``name_public._key``).

    Returns:
        True for ``Cauchy`` of ``Cauchy\u2013Schwarz``, ``Bradley-Terry`` before ``(BT) model``,
        ``Gumbel Copula``, ``Padé`` before ``approximant``, ``Euler`` of ``Quaternion.Euler(``.
    """
    if _dash_joined(text, start, end) or _member(text, start, end):
        return True
    span = text[start:end]
    words = key.split()
    pair = _PAIR.match(span) if "-" in span else None
    if pair is not None:  # "Bradley-Terry (BT) model", "Gay-Lussac Law"
        rest = span[pair.end() :]
        if not rest.strip():
            return _HEAD_AFTER.match(text, end) is not None
        return len(words) == 2 and _HEAD.match(words[1]) is not None
    # "Padé approximant", "Pareto Fronts" (the pattern starts with a space or a tab)
    if text[end : end + 1] in (" ", "\t") and _NEW_HEAD_AFTER.match(text, end):
        return True
    # "Gumbel Copula", "Clayton Copula": the finding ends with the noun, which is nobody's name
    if len(words) < 2 or _HEAD.match(words[-1]) is None:
        return False
    lex = token_lexicon()
    last = words[-1]
    return last not in lex.first and last not in lex.last
