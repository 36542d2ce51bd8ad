"""Lone words in no list that are English words all the same: derivations and typing slips.

A capitalised word that no name list, vocabulary or place list holds is taken for a name by the
token rules and by NER alike; in real prompts many such words are English: a derivation the
vocabulary lacks (``Vectorize``, ``Preloader``, ``Mockup``, ``Complementors``,
``Nanocrystalline``) or a typing slip of an everyday word (``Excercise``, ``Reponse``,
``Causual``, ``advanvced``). :func:`ordinary_word` tells them from names by how they are made:

- **derivations**: an English prefix before an everyday word (``pre`` + ``loader``, ``up`` +
  ``scaled``) or an everyday word before an English suffix (``vector`` + ``ize``, ``mock`` +
  ``up``, ``complement`` + ``ors``); the word part has at least four letters;
- **slips**: one letter too many or too few *inside* the word, or two neighbours swapped, next
  to an everyday word of six letters or more (``exercise``, ``response``, ``casual``). Names
  differ from words otherwise: by a letter changed (``Natalina`` / catalina, ``Ethelene`` /
  ethylene) or at an end (``Benedicta``, ``Tempeste``, ``Minik`` / mink); those edits are not
  taken (measured on the labelled sets: they held 27 + 12 + 44 unlisted names one edit from an
  everyday word, almost all such substitutions or end edits). The same edits next to an
  inflection of an everyday word (eight letters or more, in the vocabulary and in no name list)
  count too: the everyday list holds lemmas (``metioned``, ``Intrerests``);
- **runs of slips**: a finding of several words, each an everyday word that is no given name
  or a derivation or slip of one, one at least a slip (``coruse metioned``, ``Yarn Lenght``).

A drawn-out word of chat (``Gaaaame``, ``Pleeease``, ``Uuuh Uuuh``: a vowel three times in a
row or any letter four times) is no name either, unless a name list holds it; nor are words run
together without their spaces (``Iwould``, ``Falsecopycopycopy``,
``Allofthefollowingmaybesymptomsof``): the word splits whole into three everyday words or more,
into ``i`` and a word (``i`` + ``would``), or into four or more with short function words
(``of``, ``be``). (Two content words run together are the token lists' compounds,
``Northwind``, and a surname's shape: ``Goodwin``; a split with a short word or a letter is
how names are made too: ``Roseby``, ``Saibara``, ``Panina``.)

Only words in no list are judged (:attr:`~hybridllm.classifiers.name_tokens.Kind.UNKNOWN`): a
listed given name or surname is never an ordinary word here.
"""

from __future__ import annotations

import re
from array import array
from bisect import bisect_left
from functools import cache, lru_cache
from string import ascii_lowercase

from hybridllm.classifiers.name_tokens import FUNCTION_WORDS, Kind, plural_of, token_lexicon
from hybridllm.classifiers.prefilter import per_text

__all__ = [
    "broken_word",
    "code_identifier",
    "date_word",
    "load_words",
    "ordinary_word",
    "serial_word",
]

_PREFIXES = (
    *("sub pre re un up bio nano micro multi auto co de non over under out inter super".split()),  # noqa: SIM905
    *("hyper mis dis post anti semi mega meta mini tele trans cyber geo neuro photo".split()),  # noqa: SIM905
)
_SUFFIXES = (
    *("ize izer izers ized izes ise iser ised er ers or ors up ups ful less".split()),  # noqa: SIM905
    *("ism ist ists ation ations ware wise able".split()),  # noqa: SIM905
)
# A drawn-out word of chat ("Gaaaame", "Pleeease", "Uuuh"): a vowel three times in a row or
# any letter four times; names are not written so (the lists hold "Aaaqil" and Icelandic
# "-ssson" forms, which stay).
_ELONGATED = re.compile(r"([aeiouy])\1\1|([a-z])\2\2\2")
_STEM = 4  # letters of the everyday word inside a derivation
_SLIP_WORD = 6  # letters of the everyday word a slip is next to
_LONG_WORD = 8  # letters of an inflected everyday word a slip is next to
_INFLECTIONS = ("s", "es", "d", "ed", "ing", "er", "ers", "ly")
# Function words, pronouns and auxiliaries: pieces of a glued word (see _glued).
_GLUE = FUNCTION_WORDS | frozenset(("i", "you", "we", "it", "be", "will", "may", "me"))
_GLUED = 6  # letters of a glued word at least
_PIECE = 4  # letters of a glued word's pieces at least, but for function words


@lru_cache(maxsize=4096)
def ordinary_word(key: str) -> bool:
    """Whether the name ``key`` (lower case) is an English derivation or a typing slip of an
    everyday word (one word), or a drawn-out word of chat (every word: ``gaaaame``, ``uuuh
    uuuh``; see the module docstring).

    Args:
        key: a PERSON finding, lower-cased, without a possessive (see name_public._key).

    Returns:
        True for ``vectorize``, ``preloader``, ``excercise``; False for names and listed words.
    """
    if " " in key:  # "Ohhhhhhh Nooooooo", "Uuuh Uuuh": every word drawn out
        words = key.split()
        return all(_elongated(w) for w in words) or _slipped_run(words)
    if _elongated(key):
        return True
    if not (key.isascii() and key.isalpha()) or len(key) < _STEM + 1:
        return False
    return token_lexicon().kind(key) is Kind.UNKNOWN and (
        _derived(key)
        or (len(key) >= _LONG_WORD - 1 and _slip(key, _long_words()))
        # "univeristy", "alternatino": of any word, 8+ letters; not a spelling of a name or a
        # place the vocabulary holds too ("Santhiago's sister": "santiago")
        or (token_lexicon().slip(key) and not _name_variant(key))
        or (len(key) >= _GLUED and _glued(key))
    )


def _name_variant(key: str) -> bool:
    """Whether ``key`` is one letter more, one fewer or two swapped from a listed given name,
    surname or place: a spelling of that name, not a typing slip of an everyday word."""
    lex = token_lexicon()
    n = len(key)
    forms = [key[:i] + key[i + 1] + key[i] + key[i + 2 :] for i in range(n - 1)]
    forms += [key[:i] + key[i + 1 :] for i in range(n)]
    forms += [key[:i] + c + key[i:] for i in range(n + 1) for c in ascii_lowercase]
    return any(f in lex.first or f in lex.last or f in lex.places for f in forms)


def _glued(key: str) -> bool:
    """Words run together without their spaces: ``key`` splits whole into three everyday words
    or more (of ``_PIECE`` letters or more: ``falsecopycopycopy``), into ``i`` and one or more
    (``iwould``, ``iwanttobuy``), or into four or more when short function words count too
    (``allofthefollowingmaybesymptomsof``)."""
    return (
        _pieces(key, short=False) >= 3
        or (
            key[0] == "i"
            and (_pieces(key[1:], short=False) >= 1 or _pieces(key[1:], short=True) >= 2)
        )
        or _pieces(key, short=True) >= 4
    )


def _pieces(key: str, *, short: bool) -> int:
    """The most everyday words ``key`` splits into whole (0: none), each of ``_PIECE`` letters
    or more, or a function word of three (``the``, ``may``), or of two when ``short`` (``of``,
    ``be``). (Short content words make names: ``Sheoldred``, ``Salvatora``.)"""
    common = token_lexicon().common
    n = len(key)
    most = [0] * n + [0]  # most[i]: the most pieces of key[i:]; -1 where it does not split
    for i in range(n - 1, -1, -1):
        most[i] = -1
        for j in range(i + 2, n + 1):
            if most[j] < 0:
                continue
            piece = key[i:j]
            if piece in _GLUE:
                if len(piece) < 3 and not short:
                    continue
            elif len(piece) < _PIECE or not (piece in common or plural_of(piece, common)):
                continue
            most[i] = max(most[i], most[j] + 1)
    return max(most[0], 0)


def _slipped_run(words: list[str]) -> bool:
    """Words that are each an everyday word and no given name, or a derivation or slip of one,
    one at least a slip or a derivation (``coruse metioned``, ``Yarn Lenght``, ``Hey
    Assisant``): no person's name is written so."""
    lex = token_lexicon()
    others = [w for w in words if w not in lex.common or w in lex.first]
    # Left to right, cheap first: a listed name among them ends the test at once, before the
    # slip search of an unknown word (26 letters at each place) runs for a real name.
    return bool(others) and all(ordinary_word(w) for w in others)


def _derived(key: str) -> bool:
    """An English prefix or suffix around an everyday word, or a slip (see the docstring)."""
    common = token_lexicon().common
    for p in _PREFIXES:
        if key.startswith(p) and len(key) - len(p) >= _STEM:
            rest = key[len(p) :]
            if rest in common or plural_of(rest, common):  # "Subtasks", "Biomarkers"
                return True
    for s in _SUFFIXES:
        if key.endswith(s) and len(key) - len(s) >= _STEM:
            stem = key[: -len(s)]
            if stem in common or (s[0] in "ie" and stem + "e" in common):
                return True
    return _slip(key, _slip_words())


def _elongated(word: str) -> bool:
    """A drawn-out word that no name list holds (see _ELONGATED)."""
    if not _ELONGATED.search(word):
        return False
    lex = token_lexicon()
    return word not in lex.first and word not in lex.last


@cache
def _slip_words() -> frozenset[str]:
    """Everyday words that no name list holds (``elaine``, ``franco`` are names: ``elane``,
    ``fraco`` may be too)."""
    lex = token_lexicon()
    return frozenset(w for w in lex.common if w not in lex.first and w not in lex.last)


@cache
def _long_words() -> frozenset[str]:
    """Inflections of everyday words that the vocabulary holds, of ``_LONG_WORD`` letters or
    more and in no name list: the everyday list has lemmas (``mention``), a slip is often of an
    inflected form (``metioned``, ``Chalolenges``)."""
    lex = token_lexicon()
    forms = (w + s for w in lex.common for s in _INFLECTIONS)
    return frozenset(
        f
        for f in forms
        if len(f) >= _LONG_WORD and f in lex.vocab and f not in lex.first and f not in lex.last
    )


def load_words() -> None:
    """Build the word sets now (the classifier's warm-up), not in the first call that asks."""
    _dropped(_slip_words())
    _dropped(_long_words())


@cache
def _dropped(common: frozenset[str]) -> array[int]:
    """The sorted hashes of every word of ``common`` (``_SLIP_WORD`` letters or more) with one
    letter dropped, not the first nor the last: a slip that misses a letter is one lookup here
    instead of 26 per place (~130,000 forms; 1 MB as hashes, ~12 MB as strings)."""
    return array(
        "q",
        sorted(
            {
                hash(w[:i] + w[i + 1 :])
                for w in common
                if len(w) >= _SLIP_WORD
                for i in range(1, len(w) - 1)
            }
        ),
    )


def _slip(key: str, common: frozenset[str]) -> bool:
    """One letter inserted or dropped inside ``key``, or two neighbours swapped, from an everyday
    word of ``_SLIP_WORD`` letters or more; ``key`` too has that many (a five-letter name is
    one letter from a word too often: ``Orale`` and "oracle", ``Shoel`` and "sheol")."""
    n = len(key)
    if n < _SLIP_WORD:
        return False
    for i in range(1, n - 1):  # a letter too many, not the first nor the last
        w = key[:i] + key[i + 1 :]
        if len(w) >= _SLIP_WORD and w in common:
            return True
    for i in range(n - 1):  # two neighbours swapped
        w = key[:i] + key[i + 1] + key[i] + key[i + 2 :]
        if w != key and len(w) >= _SLIP_WORD and w in common:
            return True
    if n + 1 < _SLIP_WORD:
        return False
    # A letter missing, not at either end (a hash shared by chance with another dropped form
    # is as rare as a 64-bit collision).
    table = _dropped(common)
    k = bisect_left(table, hash(key))
    return k < len(table) and table[k] == hash(key)


# A statement of code that declares or imports names: "from keras.optimizers import Adam",
# "using Ardalis.GuardClauses;", "var parts = ...", "type Lady {", "elif len(p) <= 75:", or a
# style declaration ("font-size: 1.2rem;").
_CODE_STATEMENT = re.compile(
    r"[ \t]*(?:import[ \t]+[\w.{}, \t*]+(?:[ \t]+from[ \t]+\S+)?;?[ \t]*$"
    r"|from[ \t]+[\w.]+[ \t]+import[ \t]"
    r"|using[ \t]+(?:static[ \t]+)?[\w.]+;[ \t]*$|#[ \t]*include\b|elif[ \t]"
    r"|(?:var|let|const|val)[ \t]+\w+[ \t]*(?::[ \t]*[\w.<>\[\]]+[ \t]*)?="
    r"|(?:def|func|fn)[ \t]+\w+[ \t]*\("
    # a member of a Java / C# / TypeScript class, an exported declaration: "public string Reden;",
    # "private static final int Max = 3;", "export type Helper = Definition & Prev>;"
    r"|(?:(?:public|private|protected|internal|static|final|readonly|abstract|override"
    r"|virtual)[ \t]+)+[\w.<>\[\],?]+[ \t]+\w+[ \t]*[;=({]"
    r"|export[ \t]+(?:default[ \t]+)?(?:type|interface|class|const|let|function|enum)[ \t]"
    r"|(?:class|struct|interface|enum|type)[ \t]+\w+[ \t]*"
    r"(?:[({<:=]|extends\b|implements\b|struct\b|interface\b)"
    # a style declaration: "font-size: 1.2rem;", "box-shadow: 10px 10px 5px 0px rgba(...);"
    r"|-{0,2}[a-z]+(?:-[a-z]+)+[ \t]*:[^;\n]+;[ \t]*$)",
    re.MULTILINE,
)


def code_identifier(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` stands outside string quotes on a line of code that declares or
    imports names (``from keras.optimizers import Adam``, ``var parts = ...``): an identifier,
    not a person. A name in a string literal of such a line (``const name = "Anna"``) is not
    taken."""
    line_start = text.rfind("\n", 0, start) + 1
    first = line_start
    while first < start and text[first] in " \t":
        first += 1
    if not (text[first].islower() or text[first] in "#-"):  # every statement above starts so
        return False
    if not _CODE_STATEMENT.match(text, line_start):
        return False
    before = text[line_start:start]
    return before.count('"') % 2 == 0 and before.count("'") % 2 == 0 and "`" not in before


# A word broken at a line end by a hyphen ("sev-\neral"), or by a soft hyphen that a PDF copy
# keeps as U+00AD or U+0002 ("dif\x02ferential").
_BREAK_BEFORE = re.compile(r"([^\W\d_]+)(?:-\r?\n|[\u00ad\x02])[ \t]*$")
_BREAK_AFTER = re.compile(r"(?:-\r?\n[ \t]*|[\u00ad\x02])([^\W\d_]+)")


def _breaks(text: str) -> bool:
    """Whether ``text`` holds a break both patterns above need (most texts: none)."""
    return "-\n" in text or "-\r\n" in text or "\u00ad" in text or "\x02" in text


def broken_word(text: str, start: int, end: int) -> bool:
    """Whether the one-word finding ``text[start:end]`` is a piece of an English word broken
    across a line or by a soft hyphen: the piece with the part before or after the break is an
    English word (``sev-`` + ``eral``, ``dif`` + ``ferential``). A name broken so (``Anne-`` /
    ``Marie``, ``Kowal-`` / ``czyk``) does not join into a word and stays."""
    word = text[start:end]
    if not word.isalpha() or not per_text(text, "word-breaks", _breaks):  # once per text
        return False
    vocab = token_lexicon().vocab
    before = _BREAK_BEFORE.search(text, max(0, start - 40), start)
    if before is not None and (before.group(1) + word).lower() in vocab:
        return True
    after = _BREAK_AFTER.match(text, end)
    return after is not None and (word + after.group(1)).lower() in vocab


# A month's name or abbreviation, and a day or a year right after it: "Jun 22 = 615.9k",
# "Jan 28 2022", "June 12".
_MONTH = re.compile(
    r"(?i:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec|january|february|march|april"
    r"|june|july|august|september|october|november|december)\.?"
)
_DAY_OR_YEAR = re.compile(r"[ \t]+(?:'\d{2}|\d{1,2}(?:st|nd|rd|th)?|\d{4})(?![\w:.,]\d|[\w'’-])")
_SERIES = 2  # different letters after one word that make a series of labels
# A day before the month ("30th Jan", "on 5 June"), read backwards from the month's start.
_DAY_BEFORE = re.compile(r"(?<![\d.,:/-])\d{1,2}(?:st|nd|rd|th)?(?:[ \t]+of)?[ \t]+\Z")
# Another month joined to it: a range of months ("Jan - Dec 22", "from March to June").
_MONTH_AFTER = re.compile(
    r"[ \t]*(?:[-–—/]|to|through|until|till)[ \t]*(?i:jan|feb|mar|apr|may|jun|jul|aug|sep|sept"
    r"|oct|nov|dec|january|february|march|april|june|july|august|september|october|november"
    r"|december)\b"
)
_MONTH_BEFORE = re.compile(
    r"(?i:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec|january|february|march|april|june"
    r"|july|august|september|october|november|december)\.?[ \t]*(?:[-–—/]|to|through|until|till)"
    r"[ \t]*\Z"
)


def date_word(text: str, start: int, end: int) -> bool:
    """Whether the one-word finding ``text[start:end]`` is a month before a day or a year (``Jun
    22``, ``Jan 28 2022``, ``June 12``): a date, not a person (``June`` is a given name too, but
    ``June 12`` is no one), after a day (``30th Jan``, ``5 of May``), or joined to another
    month (``Jan - Dec``, ``from April to June``)."""
    if _MONTH.fullmatch(text, start, end) is None:
        return False
    before = text[max(0, start - 16) : start]
    return (
        _DAY_OR_YEAR.match(text, end) is not None
        or _DAY_BEFORE.search(before) is not None
        or _MONTH_AFTER.match(text, end) is not None
        or _MONTH_BEFORE.search(before) is not None
    )


# A word and one capital letter, the letter no initial ("Rod A:", "Subject D,").
_LETTERED = re.compile(r"([A-Z][a-z]+)(?: ([A-Z]))?")
_LETTER_AFTER = re.compile(r" ([A-Z])(?![.\w])")
_SERIES_ITEM = re.compile(r"\b([A-Z][a-z]+) ([A-Z])(?![.\w])")


def serial_word(text: str, start: int, end: int) -> bool:
    """Whether the finding ``text[start:end]`` is a month as :func:`date_word` tells, or a word
    that labels a series by letters: the same word before two different capital letters or more
    in the text (``Rod A``, ``Rod B``, ``Rod C``; ``Subject A, Subject D``; ``House G``), which
    no person's name does."""
    if " " not in text[start:end] and date_word(text, start, end):
        return True
    m = _LETTERED.fullmatch(text, start, end)
    if m is None:
        return False
    if m.group(2) is None and _LETTER_AFTER.match(text, end) is None:
        return False  # most findings: no letter after them, no scan of the text
    word = m.group(1)
    letters = {x.group(2) for x in _SERIES_ITEM.finditer(text) if x.group(1) == word}
    return len(letters) >= _SERIES
