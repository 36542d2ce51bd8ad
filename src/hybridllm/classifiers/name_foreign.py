"""Capitalised words of another language's prose are nouns, not names.

German capitalises every noun (``Brust``, ``Recht``, ``Photovoltaik Dach``), and headings or
titles in French, Spanish or Polish capitalise words the English rules take for a name
(``Bogue Équipe Interne``, ``Especies``, ``Squadra Di Corsa``). The name stage already stops
taking *unknown* words for names when a whole text is mostly not English
(:func:`~hybridllm.classifiers.name_gate.foreign_text`); prompts mix languages though (an English
request around a German paragraph), and many foreign nouns are listed as US census surnames.

:func:`foreign_noun` looks at the line around a finding instead: when most of its lower-case
words are not English, a finding none of whose words is a listed given name or a curated
(:func:`named`)
surname (Faker's per-locale lists: ``Kowalski``, ``Müller``, ``Rossi`` stay names; census-only
surnames such as ``Brust`` or ``Kunst`` do not) is a noun of that language. Only capitalised
findings: in lower-case chat the other names of a line read as non-English words too
(``ruuben savela of minimani ... jemina kotilainen of plusterveys``).
"""

from __future__ import annotations

import re
from collections.abc import Container, Mapping
from functools import cache, lru_cache

from hybridllm.classifiers.name_tokens import read_list, token_lexicon, untracked, with_folded
from hybridllm.classifiers.prefilter import per_text

__all__ = ["foreign_capital", "foreign_noun", "load_curated", "named", "script_word"]

_CHUNK = 400  # a long line is read in blocks of this many characters
# As in name_gate.foreign_text: lower-case words of 3+ letters; fewer than 8 tell nothing; a
# share of English words under 0.6 is another language.
_LOWER = re.compile(r"(?<![\w'’@./-])[a-z]{3,}(?![\w'’@./-])")
_MIN_WORDS = 8
_ENGLISH_SHARE = 0.6


@cache
def _curated_surnames() -> Mapping[str, None]:
    return untracked(with_folded(read_list("surnames.txt")))  # (see name_tokens.untracked)


def load_curated() -> None:
    """Read the curated surnames now (the classifier's warm-up), not in the first call."""
    _curated_surnames()


@lru_cache(maxsize=4096)
def named(key: str) -> bool:
    """Whether a word of the lower-cased name ``key`` is a listed given name or a curated
    surname (or ``key`` has no word): such a name stays a name in any language."""
    lex = token_lexicon()
    curated = _curated_surnames()
    words = key.replace("-", " ").split()
    return not words or any(w in lex.first or w in curated for w in words)


def _english_count(words: list[str], vocab: Container[str]) -> tuple[int, int]:
    return sum(w in vocab for w in words), len(words)


def foreign_noun(text: str, start: int, end: int, memo: dict[int, tuple[int, int]]) -> bool:
    """Whether the finding ``text[start:end]`` stands in non-English prose: the other lower-case
    words of its line (or of its 400-character block of a long line) read as another language.
    A finding is a noun of that language when this holds and it is not :func:`named`.

    Args:
        text: the text the finding was found in.
        start: offset of the finding.
        end: end offset of the finding.
        memo: English and all lower-case word counts of the blocks of ``text`` read so far
            (one dict per text).

    Returns:
        True when the finding's surroundings are not English.
    """
    lex = token_lexicon()
    line = text.rfind("\n", 0, start) + 1
    lo = line + (start - line) // _CHUNK * _CHUNK
    counts = memo.get(lo)
    if counts is None:
        hi = text.find("\n", lo, lo + _CHUNK)
        block = text[lo : lo + _CHUNK if hi < 0 else hi]
        counts = memo[lo] = _english_count(_LOWER.findall(block), lex.vocab)
    # The finding's own words do not vote ("dirkje oortgiese" is no evidence of Dutch).
    own_english, own = _english_count(_LOWER.findall(text[start:end]), lex.vocab)
    english, total = counts[0] - own_english, counts[1] - own
    return total >= _MIN_WORDS and english < _ENGLISH_SHARE * total


def foreign_capital(
    text: str, start: int, end: int, key: str, memo: dict[int, tuple[int, int]]
) -> bool:
    """:func:`foreign_noun` for a capitalised finding (lower-cased ``key``) that is not
    :func:`named`. Capitalised only: in lower-case chat the other names of a line read as
    foreign words too."""
    return text[start].isupper() and not named(key) and foreign_noun(text, start, end, memo)


# Lower-case words of the cased scripts other than Latin: Greek, Cyrillic, Armenian. No English
# word is written in them, and the English rules (vocabulary, NER, the letters model) know none
# of their words: "Настройка", "Кредит" or "например" read as unknown, so name-like, words.
# (Quotes and full stops may touch them: no English contraction, and seldom a domain name, is
# written in these scripts.)
_OTHER_LOWER = re.compile(r"(?<![\w@./-])[ά-ώа-џա-և]{2,}(?![\w@/-])")
# A text with this many such words in its first 4,000 characters is written in that script
# (code commented in Russian: "# --- Настройка ---", "// Поворот вправо").
_PROSE_WORDS = 8
# This many such words on a finding's line (or 400-character block), besides the finding's own,
# make the line prose of that language; a name of that script in English prose has none
# ("Please email Иван Петров about the invoice").
_OTHER_WORDS = 2


# Lower-case words holding a letter that among the Latin ones only Vietnamese writes: the breve
# a, the barred d, the horned o and u, the vowels with a dot below, a hook or a circumflex and a
# tone mark ("tổng", "nghiệm", "phương"). A capitalised finding on a line of such words is a
# word of that prose ("Tính tổng S các nghiệm", "Thuật toán Euclide mở rộng").
_VI_LETTERS = "a-zß-öø-ÿā-žơư\u1ea0-\u1ef9"
_VI_LOWER = re.compile(
    rf"(?<![\w@./-])[{_VI_LETTERS}]*[ăđơư\u1ea0-\u1ef9][{_VI_LETTERS}]*(?![\w@/-])"
)
# One letter of those: a text with none holds no such word (most texts).
_VI_LETTER = re.compile("[ăđơư\u1ea0-\u1ef9]")


def _count(rx: re.Pattern[str], text: str) -> int:
    return sum(w.islower() for w in rx.findall(text))


def _vi_letter(text: str) -> bool:
    return _VI_LETTER.search(text) is not None


def _script_prose(text: str) -> tuple[bool, bool]:
    sample = text[:4000]
    return _count(_OTHER_LOWER, sample) >= _PROSE_WORDS, _count(_VI_LOWER, sample) >= _PROSE_WORDS


def script_word(text: str, start: int, end: int, key: str) -> bool:
    """Whether the finding ``text[start:end]`` (lower-cased ``key``) is a word of a language
    written in Greek, Cyrillic or Armenian letters: it starts with such a letter, is not
    :func:`named`, and the text holds eight lower-case words of those scripts, or its line
    (or 400-character block) two besides its own: that script is written there as prose,
    capitalised or not ("# Настройка", "мой код имеет функцию"); a name in that script inside
    English prose has no such words around it ("Please email Иван Петров about the invoice").
    Likewise a capitalised finding among lower-case words only Vietnamese spells (in lower-case
    chat the other names of a line would read as such words too)."""
    if "\u0370" <= text[start] <= "\u058f":
        rx, prose = _OTHER_LOWER, 0
    elif text[start].isupper():
        if not per_text(text, "vi-letter", _vi_letter):
            return False  # no word of _VI_LOWER anywhere: neither test below can hold
        rx, prose = _VI_LOWER, 1
    else:
        return False
    if named(key):
        return False
    if per_text(text, "script_prose", _script_prose)[prose]:
        return True
    line = text.rfind("\n", 0, start) + 1
    lo = line + (start - line) // _CHUNK * _CHUNK
    hi = text.find("\n", lo, lo + _CHUNK)
    block = text[lo : lo + _CHUNK if hi < 0 else hi]
    return _count(rx, block) - _count(rx, text[start:end]) >= _OTHER_WORDS
