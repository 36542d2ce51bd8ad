"""A lone lower-case word in no list, next to a person's predicate or cue or spelt like a name,
is a name.

``paaske is a bootcamp graduate``, ``hildigard said``, ``ask siltala``: a word that no list
holds (no English word, no listed name, no place) in a sentence of English, with a
person's predicate after it (``is``, ``has``, ``said``, ``wants``, a possessive, a colon when
the word starts its line: a speaker's turn, not ``3831 icymi:`` or ``- additionalinfo:``) or a
person's cue before it (``ask``, ``with``, ``hi``) or a vocative comma before a pronoun
(``talay, i have checked``; five letters or more, not spelt like a word), is read as a name;
what is not known to be safe is redacted. Without a cue, a word whose letters read as a name's
(:func:`~hybridllm.classifiers.name_shape.name_likeness` of 0.75 or more: ``yesterday kaarle
bought a car``, ``send the lease to louzada``) is one too, when it holds a vowel, is written in
Latin letters, and is no one-edit typo of a frequent word at any length (``wierd``, ``usng``);
below a likeness of 1.1 it must also end as names do, in a vowel or a sonorant (not the code
word ``sigsegv``). Where people are written about (a person's role right before it, a pronoun
of a person after it on its line: ``our plumber paloka``, ``noabeb forgot the keys, remind
him``), a likeness of 0.25 is enough. It is not when the word is:

- **a misspelling** of a frequent English word, for words of six letters or more (``soilve``,
  ``charactger``): one deletion, insertion, substitution or transposition from a word of
  ``vocab_common`` (``apperach``, two edits from ``approach``, still reads as a name).
  Shorter names are too often one edit from some word (``witt``, ``baun``, ``cyndy``) to tell
  them apart this way;
- **a thing's word**: after an indefinite article or a possessive (``what a juanola is``,
  ``my hasbro game``);
- **code**: spelt as code is, whatever its cue (a name likeness below -0.5: ``systemctl's``,
  ``with fluxcd would``); on a line that reads as code, a key before ``: 1`` or ``: 'x'``
  (unless spelt like a name, a name likeness of 0.5 or more: ``reach hendrika: 06 1234
  5678``), or glued to a dot and a letter (``geerlingguy.docker``).
"""

from __future__ import annotations

import re
from collections.abc import Container

from hybridllm.classifiers.name_context import person_context
from hybridllm.classifiers.name_lower_context import code_line, faker_last
from hybridllm.classifiers.name_lower_english import WEAK, strength
from hybridllm.classifiers.name_lower_pairs import (
    HELPER_VERBS,
    PERSON_AFTER,
    PERSON_BEFORE,
    VOCATIVE,
)
from hybridllm.classifiers.name_role_nouns import person_role
from hybridllm.classifiers.name_shape import SPELT_LIKE_A_NAME, latin_letters, name_likeness
from hybridllm.classifiers.name_tokens import FUNCTION_WORDS, Kind, TokenLexicon, lexicon_cache
from hybridllm.models import Finding

__all__ = ["licensed", "lone_name", "lone_restored", "misspelt", "surname_next"]

# The gap between two names of a list or a pair: "juul, petterson and fenger", "ida balogová".
_NAME_GAP = re.compile(r"(?:[ \t]*,)?[ \t]+(?:(?:and|&)[ \t]+)?")

_MIN_LEN = 4
_TYPO_MIN_LEN = 6
_LETTERS = "abcdefghijklmnopqrstuvwxyz"
# A configuration value after the colon: "cols: 1", "name: 'x'", "debug: true".
_CONFIG_VALUE = re.compile(r":[ \t]*(?:[\d'\"\[{]|true\b|false\b|null\b|none\b)", re.IGNORECASE)
_GLUED_DOT = re.compile(r"\.[^\W\d_]")
# Without a cue, a word must be spelt like a name: a likeness of 0.75 and a name's ending, or
# the shared bar (:data:`~.name_shape.SPELT_LIKE_A_NAME`, 1.1). Measured on the sealed splits of
# four generators at once: 1.1 -> 0.75 kept 11 more names (gen5 lower case 92 -> 85 of 582) for
# 5 more of 9,443 real prompts flagged, and took the code word "sigsegv" (1.06); the ending
# (no "-gv", "-t") gave back one sealed name and one prompt. 0.5 kept 22 names for 20 prompts
# (``taycan``, ``shounen``, Dutch words).
_LONE_LIKENESS = 0.75
_NAME_ENDINGS = frozenset("aeiouylnrsmh")
# Before a colon, a lower bar: a key or a label is rarely spelt like a name at all.
_SPELT_LIKE_A_LABEL = 0.5
_SPELT_LIKE_CODE = -0.5
# Chat abbreviations in no word list (wordfreq has them below the vocabulary's cut-off).
_CHAT = frozenset(
    "imho iirc afaik rofl ngl fwiw yolo ttyl ianal tldr btw imo tbh smh idk brb lmk".split()  # noqa: SIM905
)
# An indefinite article or a possessive before the word: a thing ("what a juanola is", "my
# hasbro game"), not a person. Not "the" or "this": a name is used so as a modifier ("the
# kaarle report"); nor "that", no determiner in "it may be that hietland was ...".
_DETERMINER = re.compile(r"\b(?:a|an|my|your|our|their|its)[ \t]+$")
_NO_VOWEL_MIN = 5
_VOWEL = re.compile(r"[aeiouyà-æè-ïò-öø-ýāēīōūăĕĭŏŭąęįų]")


def misspelt(word: str, lex: TokenLexicon, *, min_len: int = _TYPO_MIN_LEN) -> bool:
    """Whether ``word`` (lower case, ASCII, ``min_len`` letters or more) is one edit from a
    frequent English word, or a plural of one (``sergices``: the common words are Webster's
    entries, which hold ``service`` and not ``services``; see the module docstring)."""
    if len(word) < min_len or not word.isascii():
        return False
    return _misspelt(lex, word, min_len)


# ~60 set lookups per letter of the word (~0.1 ms a word): asked again for the same words on
# every line and by several rules.
@lexicon_cache(maxsize=4096)
def _misspelt(lex: TokenLexicon, word: str, min_len: int) -> bool:
    return _misspelt_in(word, lex.common, min_len)


def _misspelt_in(word: str, common: Container[str], min_len: int) -> bool:
    return _one_edit(word, common) or (
        word.endswith("s") and len(word) > min_len and _one_edit(word[:-1], common)
    )


def _one_edit(word: str, common: Container[str]) -> bool:
    for k in range(len(word) + 1):
        head, tail = word[:k], word[k:]
        if tail and head + tail[1:] in common:
            return True  # a letter too many
        if len(tail) > 1 and head + tail[1] + tail[0] + tail[2:] in common:
            return True  # two letters swapped
        for c in _LETTERS:
            if (tail and head + c + tail[1:] in common) or head + c + tail in common:
                return True  # a wrong or a missing letter
    return False


def _spelt_like_a_name(word: str) -> bool:
    """Latin letters (the models know no other script), a vowel (``hdjkhj``, ``stnng`` are
    keyboard runs) and the letters of a name."""
    if not latin_letters(word) or not _VOWEL.search(word):
        return False
    likeness = name_likeness(word)
    # Between the two bars the word must also end as names do: in a vowel or a sonorant
    # (``zakarka``, ``salvinu``, ``tavren``), not as code words do (``sigsegv``, ``kubelet``).
    return likeness >= SPELT_LIKE_A_NAME or (
        likeness >= _LONE_LIKENESS and word[-1] in _NAME_ENDINGS
    )


def lone_name(text: str, start: int, word: str, lex: TokenLexicon) -> bool:
    """Whether the lower-case ``word`` at ``start``, in no list, reads as a name there.

    Args:
        text: the text (English: the caller checks).
        start: where the word starts.
        word: the word, lower case, without a possessive.
        lex: the token lists.

    Returns:
        True for a name (see the module docstring).
    """
    end = start + len(word)
    if (
        len(word) < _MIN_LEN
        or not word.isalpha()
        or word in lex.places
        or word in _CHAT
        # "mptcp can't tell us": an abbreviation, a keyboard run (not a short Czech surname
        # with a syllabic r or l: "vlk", "smrž")
        or (len(word) >= _NO_VOWEL_MIN and not _VOWEL.search(word))
    ):
        return False
    if _DETERMINER.search(text, max(0, start - 8), start):
        return False
    # A key of a configuration or a label is spelt as words and identifiers are ("cols: 1",
    # "icymi: ..."); a word spelt like a name before a colon is a name's label or turn
    # ("reach hendrika: 06 1234 5678").
    key = name_likeness(word) < _SPELT_LIKE_A_LABEL
    if (key and _CONFIG_VALUE.match(text, end)) or _GLUED_DOT.match(text, end):
        return False
    after = PERSON_AFTER.match(text, end) or (
        # addressed before a pronoun: "talay, i have checked", "gudmanda, you have"
        VOCATIVE.match(text, end)
        if len(word) > _MIN_LEN and name_likeness(word) >= 0  # not "imho, you", "iirc, we"
        else None
    )
    turn = text[text.rfind("\n", 0, start) + 1 : start].strip(" \t") == ""
    if after is not None and after.group().startswith(":") and not turn and key:
        after = None  # "3831 icymi: ...", "- additionalinfo: ...": a key, not a speaker's turn
    if code_line(text, start):
        return False
    if after is None and not PERSON_BEFORE.search(text, max(0, start - 16), start):
        # No cue: the word's letters must read as a name (less so where people are written
        # about), and it must be no typo of any length.
        return not misspelt(word, lex, min_len=_MIN_LEN) and (
            _spelt_like_a_name(word) or _spelt_like_a_name_of_people(text, start, end)
        )
    # with a cue, still not spelt as code is ("systemctl's", "with fluxcd would")
    return not misspelt(word, lex) and name_likeness(word) >= _SPELT_LIKE_CODE


# Without a cue, a word spelt less like a name (a likeness of 0.25 or more, a vowel, no typo)
# still is one where people are written about: a person's role in the two words before it (``our
# plumber paloka``, ``leader kuku noabeb``), a pronoun of a person after it (``noabeb forgot the
# keys, remind him``) or ``surname`` on its line, within _PEOPLE_REACH characters. Measured on
# the sealed splits, lower case: gen5 65 -> 63, gen4 24 -> 22, gen2 49 -> 48 names surviving, no
# real prompt gained a finding. At 0.0: gen5 61, but one more sealed real prompt flagged.
# Requiring no other person in reach for the pronoun (``my gf likes ... sirahs, buy her``) kept
# none of the gen5 and gen2 names: the pronoun is evidence that people are written about, not
# whom.
_PEOPLE_LIKENESS = 0.25
_PEOPLE_REACH = 60
_PRONOUNS = frozenset(("he", "she", "him", "her", "his", "hers"))
_NAME_WORDS = frozenset(("surname", "surnames"))
_WORD = re.compile(r"\b[a-z]+\b")
_ROLE_BEFORE = re.compile(r"\b([a-z]+)[ \t]+(?:([a-z]+)[ \t]+)?$")
_ROLE_REACH = 30


def _spelt_like_a_name_of_people(text: str, start: int, end: int) -> bool:
    """Whether the word at ``text[start:end]`` is spelt enough like a name where people are
    written about (see _PEOPLE_LIKENESS)."""
    word = text[start:end]
    return (
        latin_letters(word)
        and _VOWEL.search(word) is not None
        and name_likeness(word) >= _PEOPLE_LIKENESS
        and _people_near(text, start, end)
    )


def _people_near(text: str, start: int, end: int) -> bool:
    """Whether people are written about around the word at ``text[start:end]``, on its line:
    a person's role among the two words before it, a pronoun of a person after it, or
    ``surname`` (see _PEOPLE_LIKENESS)."""
    lo = max(text.rfind("\n", 0, start) + 1, start - _PEOPLE_REACH)
    hi = text.find("\n", end)
    hi = min(hi if hi >= 0 else len(text), end + _PEOPLE_REACH)
    before = _ROLE_BEFORE.search(text, max(lo, start - _ROLE_REACH), start)
    if before and any(w and person_role(w) for w in before.groups()):
        return True
    return any(
        m.group() in _NAME_WORDS or (m.start() >= end and m.group() in _PRONOUNS)
        for m in _WORD.finditer(text, lo, hi)
    )


def lone_restored(text: str, lone: list[Finding], names: list[Finding]) -> list[Finding]:
    """The one-word names of a lower-case sentence (found on its capitalised copy, see
    ``NameRecognizer._restored``) that count although no list holds them: a word written with
    letters outside ASCII (``balogová``, ``mandić``: the unknown words of English chat that the
    cased rules take for names once capitalised are typing slips and code words, ``dexcribe``,
    ``checkmarx``, and ASCII), or a word next to another name, in a list or a pair (``juul,
    petterson and fenger``). Measured on the development and real-prompt sets: no real prompt
    gained a finding (``bench/bench_names_ext.py``)."""
    if not lone:
        return []
    ends = {f.end for f in names}
    starts = {f.start for f in names}
    out: list[Finding] = []
    for f in lone:
        word = text[f.start : f.end]
        # The ends and starts within 8 characters, looked up (not every name's scanned).
        near = any(
            e in ends and _NAME_GAP.fullmatch(text, e, f.start) for e in range(f.start - 8, f.start)
        ) or any(
            b in starts and _NAME_GAP.fullmatch(text, f.end, b) for b in range(f.end + 1, f.end + 9)
        )
        if near or not word.isascii():
            out.append(f)
            ends.add(f.end)
            starts.add(f.start)
    return out


_I_AM = re.compile(r"(?i:\bi(?:[ \t]+am|['’]m)[ \t]+)$")
_BEFORE = 200  # characters before a word that person_context may read (its cues reach 120)


def licensed(text: str, start: int, end: int, lex: TokenLexicon) -> bool:
    """Whether the lower-case given name at ``text[start:end]`` that is a word too (a weak one:
    ``sandy``, ``hope``, ``amber``) stands where only people do, so that the cased rules may
    read it capitalised: a person's context (``colleague sandy said``, ``me and hope``, ``hi
    hanna,``); not a modal (``can you ask will if ...``); an everyday word needs a cue before
    it, not only a verb after it (``the wise man only said``), and not ``i am`` (``i am
    young``)."""
    bare = text[start:end]
    if bare not in lex.first or bare in HELPER_VERBS or strength(lex, bare) != WEAK:
        return False
    if bare not in lex.common:
        return person_context(text, start, end)
    if _I_AM.search(text, max(0, start - 8), start):
        return False
    # What precedes it only: a window that ends at the word (wider than any cue's reach).
    lo = max(0, start - _BEFORE)
    return person_context(text[lo:end], start - lo, end - lo)


_NEXT_WORD = re.compile(r"[ \t]+([^\W\d_][\w'’-]*)")


def surname_next(lex: TokenLexicon, text: str, end: int) -> bool:
    """Whether a lower-case listed surname follows ``end`` (``pinheiro costa``): no auxiliary
    or function word (``estefanía has``, ``ziva will``)."""
    nxt = _NEXT_WORD.match(text, end)
    if nxt is None or not nxt[1].islower() or nxt[1] in HELPER_VERBS or nxt[1] in FUNCTION_WORDS:
        return False
    return lex.kind(nxt[1]) is Kind.NAME or nxt[1] in faker_last()
