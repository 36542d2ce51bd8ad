"""Names written in capitals: ``Conference badge list: LIZZATH VINOZ, JUANA EVANGELINA
RECINOS, BRTTANY MELGAR VASQUES``, ``Tenant: MAYERLIN AYALA``.

A run of two to four words in capitals is read as the lower-case rules read words: a name when
its first word is a listed given name that is no everyday English word and every other word has
a name's evidence (a listed name, or a word in no English list); a run of such words in a list
with one is a name too. A heading, an acronym or a shouted sentence holds an English word or an
acronym no list spells (``TABLE OF CONTENTS``, ``AWS LAMBDA``, ``PLEASE READ``).
"""

from __future__ import annotations

import re

from hybridllm.classifiers.name_lower_context import name_like
from hybridllm.classifiers.name_tokens import FUNCTION_WORDS, Kind, TokenLexicon, code_word
from hybridllm.classifiers.prefilter import finditer

__all__ = ["UPPER_RUN", "upper_names"]

UPPER_RUN = re.compile(
    r"(?<![\w'’-])[A-ZÀ-ÖØ-Þ][A-ZÀ-ÖØ-Þ'’-]+(?:[ \t]+[A-ZÀ-ÖØ-Þ][A-ZÀ-ÖØ-Þ'’-]+){1,3}(?![\w'’-])"
)
"""Two to four words in capitals (the prefilter scans texts for it)."""
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
        words = m.group().lower().split()
        if not all(_namely(lex, w) for w in words):
            continue
        runs.append((m.start(), m.end(), words[0] in lex.first and words[0] not in lex.common))
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
