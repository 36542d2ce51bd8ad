"""Medical terms the name rules took for a person's name.

Two classes of words in health questions and notes read like names and are none:

- a **medical term**: every word of the span is a drug, a condition, a test or a clinical word
  of the clinical lists, or a word of no list with a drug-name stem or a medical ending
  (:func:`medical_term`): "effects of ibuprofen is",
  "adjust evolocumab dosing", "advanced ckd who"; listed given names and surnames are never
  such a term;
- an **eponym**: one word right before the head of an eponymous disease, sign, scale or
  classification ("Conn's syndrome", "Killip class", "gina guidelines"; the heads of
  :mod:`.name_gate`), with a possessive only before a head that a person's possessive does
  not take ("Maria's class", "Ana's score" stay names).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from hybridllm.classifiers.clinical import clinical_word, term_vocabulary
from hybridllm.classifiers.name_gate import BARE_HEADS, EPONYM_HEADS
from hybridllm.classifiers.name_tokens import Kind, token_lexicon
from hybridllm.models import Finding

__all__ = ["drop_terms", "medical_term"]


@lru_cache(maxsize=50_000)
def medical_term(low: str) -> bool:
    """Whether a lower-case word is a medical term and no listed given name or surname: a drug,
    a condition, a test or a clinical word of the lists ("ibuprofen", "ckd", "dosing"; not a
    word for a person or a title: "dr", "nurse"), or a word of no list with a drug-name stem or
    a medical ending ("evolocumab"). Listed names stay out, also those that are words too
    ("gerd", "parkinson", "ward", the Lithuanian "petraitis" with its "-itis")."""
    kind = token_lexicon().kind(low)
    if kind in (Kind.NAME, Kind.AMBIGUOUS):
        return False
    return low in term_vocabulary() or (kind is Kind.UNKNOWN and clinical_word(low))


_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
_POSSESSIVE = re.compile(r"(?:['’]s|s['’]|['’])\Z")
# The word after a span: a possessive may stand between ("Conn's syndrome", "Graves' disease").
_HEAD_AFTER = re.compile(r"(?P<pos>['’]s?)?[ \t]+(?P<head>[^\W\d_]+)\b")


def _bare(word: str) -> str:
    return _POSSESSIVE.sub("", word.lower())


def _eponym(text: str, f: Finding) -> bool:
    span = text[f.start : f.end]
    if _WORD.fullmatch(span) is None:
        return False  # one word only
    m = _HEAD_AFTER.match(text, f.end)
    if m is None:
        return False
    head = m["head"].lower()
    if head in EPONYM_HEADS:
        return True
    return head in BARE_HEADS and m["pos"] is None and _POSSESSIVE.search(span) is None


def _term(text: str, f: Finding) -> bool:
    parts = _WORD.findall(text, f.start, f.end)
    return bool(parts) and all(medical_term(_bare(w)) for w in parts)


def drop_terms(text: str, found: Sequence[Finding]) -> list[Finding]:
    """``found`` without the medical terms and eponyms taken for names (see the module).

    Args:
        text: the text the findings index.
        found: PERSON findings.

    Returns:
        The findings that are no medical term or eponym, in order.
    """
    return [f for f in found if not (_term(text, f) or _eponym(text, f))]
