"""A name in the possessive before a law's or a theorem's noun names the result, not a person.

Science and mathematics name results after people in the possessive: ``Dalton's Law of Partial
Pressures``, ``Charles' Law``, ``L'Hopital's Rule``, ``Bayes' theorem``, ``Fermat's
conjecture``. :mod:`.name_possessive` drops such an eponym when the finding runs on over the
noun (``Boyle's Law`` goes whole); where NER stops at the name (``Dalton``, ``Charles`` in a
list of gas laws) the lone surname was kept. :func:`possessive_eponym` takes a one-word finding
for an eponym when a possessive (its own ``'s``, or one right after it) and one of the nouns
results are named by follow it:

- a noun only results bear (``theorem``, ``lemma``, ``conjecture``, ``inequality``,
  ``postulate``, ``paradox``, ``constant``, ``equation``, ``law``, ``principle``,
  ``hypothesis``, ``formula``, ``algorithm``, ``transform``, ``integral``, ``criterion``),
  written in lower case after a word that is no listed given name (``Sarah's hypothesis``
  is a student's, ``Sarah's law firm`` a lawyer's: a given name, or ``law`` before ``firm``,
  ``school`` or ``degree``, stays a person), or capitalised after any name
  (``Charles' Law``);
- capitalised, a noun of a method or a rule as well (``L'Hopital's Rule``, ``Euler's Method``):
  a title-cased noun after a possessive names the thing, where ``Tom's method`` is Tom's.
"""

from __future__ import annotations

import re

from hybridllm.classifiers.name_tokens import token_lexicon
from hybridllm.models import Finding

__all__ = ["possessive_eponym"]

_STRONG = (
    r"theorems?|lemmas?|conjectures?|inequalit(?:y|ies)|postulates?|paradox(?:es)?|constants?"
    r"|equations?|laws?|principles?|hypothes[ie]s|formulae?|formulas|algorithms?|transforms?"
    r"|integrals?|criteri(?:on|a)"
)
_WEAK_TITLED = r"Rules?|Methods?|Effect|Test|Series|Distribution|Number|Model|Identity"
_POSSESSIVE = r"(?:['’]s?)"
# After the finding: its possessive (unless the finding holds it), a space, the noun.
_AFTER = re.compile(
    r"(?P<pos>" + _POSSESSIVE + r")?[ \t]+"
    r"(?:(?P<titled>(?=[A-Z])(?i:" + _STRONG + r")|" + _WEAK_TITLED + r")"
    r"|(?P<lower>" + _STRONG + r"))\b"
    r"(?![ \t]+(?:firms?|school|degree|office|practice|students?|enforcement|clerk|partner)\b)"
)
_OWN_POSSESSIVE = re.compile(_POSSESSIVE + r"\Z")
_WORD = re.compile(r"[^\W\d_][\w'’.-]*")


def possessive_eponym(text: str, f: Finding) -> bool:
    """Whether the one-word finding ``f`` is an eponym in the possessive before a result's noun
    (see the module docstring).

    Args:
        text: the text the finding was found in.
        f: a PERSON finding.

    Returns:
        True for ``Dalton`` of ``Dalton's Law``, ``L'Hopital's`` before ``Rule``; False for
        ``Sarah`` of ``Sarah's hypothesis``.
    """
    span = text[f.start : f.end]
    if not _WORD.fullmatch(span):
        return False
    m = _AFTER.match(text, f.end)
    if m is None:
        return False
    own = _OWN_POSSESSIVE.search(span) is not None
    if own == (m.group("pos") is not None):  # one possessive: the finding's or the next one
        return False
    if m.group("lower") is None:
        return True
    word = _OWN_POSSESSIVE.sub("", span).lower()
    return word not in token_lexicon().first
