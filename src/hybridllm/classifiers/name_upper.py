"""Names written in capitals: ``Conference badge list: LIZZATH VINOZ, JUANA EVANGELINA
RECINOS, BRTTANY MELGAR VASQUES``, ``Tenant: MAYERLIN AYALA``.

A run of two to four words in capitals is read as the lower-case rules read words: a name when
its first word is a listed given name that is no everyday English word (or, on a line of its
own, its first a listed surname and its last such a given name: ``HORVÁTH RICHÁRD``, not
``an ARDUINO UNO board``) and every other word has a name's evidence (a listed name, or a word
in no English list); a run of such words in a list with one is a name too. A given name that
is an everyday word too needs a listed name that is none after it (``MARIA DUQUE``). After a
title (``MR VŨ KHOA``) every word needs that evidence and one no other use (not ``DR PEPPER``,
``MS WORD``, ``MRS BROWN'S BOYS``). Letters past Latin-1 count (``ŁUCJA``, ``ŞAHİN``). A
heading, an acronym or a shouted sentence holds an English word or an acronym no list spells
(``TABLE OF CONTENTS``, ``AWS LAMBDA``, ``PLEASE READ``).
"""

from __future__ import annotations

import re

from hybridllm.classifiers.name_lower_context import name_like
from hybridllm.classifiers.name_tokens import (
    FUNCTION_WORDS,
    TITLES,
    Kind,
    TokenLexicon,
    code_word,
)
from hybridllm.classifiers.prefilter import finditer

__all__ = ["UPPER_RUN", "upper_names"]

_UP = "A-ZÀ-ÖØ-ÞĀ-ſƀ-ɏȘ-țḀ-ỿ"  # capitals of Latin scripts (the ranges past Latin-1 mix cases)
UPPER_RUN = re.compile(
    rf"(?<![\w'’-])[{_UP}][{_UP}'’-]+(?:[ \t]+[{_UP}][{_UP}'’-]+){{1,3}}(?![\w'’-])"
)
"""Two to four words in capitals (the prefilter scans texts for it): ``ŁUCJA WÓJCIK``,
``NAZİMET AKGÜNEŞ``, ``VŨ KHOA`` as well as ``ANNA NOWAK``."""
_RARE = (Kind.NAME, Kind.UNKNOWN)  # a listed name that is no word, or a word in no list
_LIST_GAP = re.compile(r"[ \t]*(?:[,;/]|and|&)[ \t]*")
_MIN_WORD = 2


def _namely(lex: TokenLexicon, low: str) -> bool:
    """A word with a name's evidence: a listed name, or no everyday word in no English list;
    no function word, no English word only."""
    if len(low) < _MIN_WORD or low in FUNCTION_WORDS or lex.kind(low) is Kind.WORD:
        return False
    if low in lex.first or low in lex.last:
        return True  # "JAIR REINA": listed names that are words elsewhere too
    return low not in lex.common and not code_word(low) and name_like(lex, low)


def _given(lex: TokenLexicon, low: str) -> bool:
    return low in lex.first and low not in lex.common


def _given_beside_name(lex: TokenLexicon, words: list[str]) -> bool:
    """``MARIA DUQUE NARANJO``, ``LEA IRMELI HÄKKINEN``: a listed given name that is an
    everyday word too, then a listed name that is none."""
    return words[0] in lex.first and any(lex.kind(w) is Kind.NAME for w in words[1:])


def _alone(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` fills its line (a CV's header, an address block's line)."""
    head = text[text.rfind("\n", 0, start) + 1 : start]
    stop = text.find("\n", end)
    return not head.strip() and not text[end : len(text) if stop < 0 else stop].strip(" \t,")


def _family_first(lex: TokenLexicon, words: list[str]) -> bool:
    """``HORVÁTH RICHÁRD``, ``NGUYEN VAN AN``: a listed surname first, a given name last."""
    return words[0] in lex.last and words[0] not in lex.common and _given(lex, words[-1])


def upper_names(text: str, lex: TokenLexicon) -> list[tuple[int, int]]:
    """Spans of names written in capitals (see the module docstring).

    Args:
        text: the text.
        lex: the token lists.

    Returns:
        ``(start, end)`` spans of the runs read as names.
    """
    runs = []
    for m in finditer(UPPER_RUN, text):  # the prefilter's places only
        if any(c.islower() for c in m.group()):
            continue  # a small letter of the ranges past Latin-1
        words = m.group().lower().replace("i\u0307", "i").split()
        start = m.start()
        if words[0] in TITLES:  # "MR VŨ KHOA", "FRAU ANNA NOWAK": the title is the cue
            start = m.start() + m.group().index(m.group().split()[1])
            words = words[1:]
            bare = [w.removesuffix("'s").removesuffix("’s") for w in words]
            if all(_namely(lex, w) for w in bare) and any(lex.kind(w) in _RARE for w in bare):
                runs.append((start, m.end(), True))
            continue
        if not all(_namely(lex, w) for w in words):
            continue
        alone = _alone(text, start, m.end())
        given = _given(lex, words[0]) or _given_beside_name(lex, words)
        runs.append((start, m.end(), given or (alone and _family_first(lex, words))))
    out: list[tuple[int, int]] = []
    for k, (start, end, given) in enumerate(runs):
        # a run in a list beside one that starts with a given name
        listed = any(
            runs[j][2] and _LIST_GAP.fullmatch(text, min(end, runs[j][1]), max(start, runs[j][0]))
            for j in (k - 1, k + 1)
            if 0 <= j < len(runs)
        )
        if given or listed:
            out.append((start, end))
    return out
