"""Frequent words of another language, amid that language's words, are no names.

The name stage reads a capitalised word in no English list as an unknown proper noun, and so a
name, and many words of other languages are US census surnames (``Altura``, ``Escala``,
``Habe``). A prompt in another language, or code commented in one, then yields "names" that are
that language's everyday words: ``Mikä päivä on ...`` (Finnish *what*), ``Ajout de la
perspective`` (French), ``Habe folgenden Codeausschnitt`` (German), ``Nếu b = 0 thì`` (Vietnamese),
``Összesen:`` (Hungarian *in total*), ``bu python kodunu inceleyin`` (Turkish, lower case).

``data/world_words.txt`` holds, per language, the words written in Latin letters that wordfreq
counts at Zipf 4.0 or more in that language (``scripts/data/build_world_words.py``; 26
languages, about 205,000 entries). Such lists count names too (a frequent surname is frequent
text: ``Özdemir``, ``Dragomir``), so a word of a list is no verdict alone. :func:`world_run`
takes a finding for words of a language *L* only where

- every word of it is a word of *L*'s list (a name particle, ``der`` or ``de``, aside);
- more of its words are no listed given name or curated surname than are (``Lauri ja Maija``
  stays a name; ``Kategori Benar Salah Nilai`` is four Indonesian words, one of them the given
  name ``Salah``);
- and the words around it are *L*'s too: two lower-case words of its line (or its 400-character
  block) besides its own that are of *L*'s list and no English word of the frequent ones or
  the function words, and no fewer than the line's English words; or, on a line of no
  lower-case words (a table's ``Összesen:;;2067560``), eight in the text's first 4,000
  characters, again no fewer than the English ones. A name in English prose has English words
  around it; a Polish word that names a character of a German story (``Karp und Mera``) is no
  word of the German around it.

The lists are held as the CRC-32 checksums of their words' UTF-8 bytes: one sorted ``array`` of
the ~160,000 distinct checksums of all 26 lists, with a parallel ``array`` of each one's
languages as a bit mask (~1.3 MB and ~100 ms to build in the warm-up thread, where sets of the
words would take ~25 MB). A word is looked up once, by one binary search (~1 us), not once per
language (26 searches, ~11 us: on a prompt whose words the process has not met, the lookups of
a 10 KB record paste cost ~8 ms that way). A word outside a list shares a checksum with one of
its ~8,000 words about once in 500,000: it would still need the rest of the test (its
neighbours) to count.
"""

from __future__ import annotations

import re
import zlib
from array import array
from bisect import bisect_left
from functools import cache, lru_cache
from importlib import resources

from hybridllm.classifiers.name_foreign import load_curated, named
from hybridllm.classifiers.name_tokens import FUNCTION_WORDS, PARTICLES, read_list, token_lexicon
from hybridllm.classifiers.prefilter import per_text

__all__ = ["languages_of", "load_world_words", "world_run"]

# Lower-case words of two letters or more in Latin letters (as the list's build script reads
# them); an apostrophe or a dot glued to one makes no other word ("l'effet" reads "effet").
_LOWER = re.compile(r"(?<![\w@/-])[a-zß-öø-ÿā-ʯḁ-ỿ]{2,}(?![\w@/-])")
_WORD = re.compile(r"[^\W\d_]+")
_CHUNK = 400  # a long line is read in blocks of this many characters (as name_foreign does)
_LINE_WORDS = 2  # words of the language besides the finding's own that make its line that
_TEXT_WORDS = 8  # ... that make a text that language, where the line has no lower-case words
_SAMPLE = 4000  # characters of the text read for the text-wide count


@cache
def _tables() -> tuple[array[int], array[int]]:
    """The sorted distinct checksums of all lists' words, and each one's languages (bit *i*:
    the file's *i*-th list)."""
    data = resources.files("hybridllm.classifiers").joinpath("data", "world_words.txt")
    sections = data.read_bytes().split(b"@")[1:]  # "@ca\n<words>", "@cs\n<words>" ...
    if len(sections) > 32:
        raise ValueError("world_words.txt: a mask of 32 bits holds at most 32 lists")
    # Each checksum tagged with its list's bit number (5 bits: 26 lists), sorted once; equal
    # checksums are then neighbours, and their bits are or-ed into one mask.
    tagged = sorted(
        crc << 5 | bit
        for bit, section in enumerate(sections)
        for crc in map(zlib.crc32, section.split()[1:])
    )
    keys, masks = array("I"), array("I")
    last = -1
    for value in tagged:
        if value >> 5 == last:
            masks[-1] |= 1 << (value & 31)
        else:
            last = value >> 5
            keys.append(last)
            masks.append(1 << (value & 31))
    return keys, masks


@cache
def _english() -> frozenset[str]:
    return frozenset(read_list("common_words.txt")) | FUNCTION_WORDS


def load_world_words() -> None:
    """Read the lists now (the classifier's warm-up), not in the first call that asks."""
    _tables()
    _english()
    load_curated()


@lru_cache(maxsize=8192)
def languages_of(low: str) -> int:
    """The languages whose list holds the lower-case word ``low``, as a bit mask (bit *i*: the
    list's *i*-th language; 0: none): ``mikä`` Finnish, ``habe`` German, ``özdemir`` Turkish."""
    h = zlib.crc32(low.encode())
    keys, masks = _tables()
    i = bisect_left(keys, h)
    return masks[i] if i < len(keys) and keys[i] == h else 0


@lru_cache(maxsize=4096)
def _world_key(key: str) -> int:
    """The languages every word of the finding ``key`` belongs to (particles aside), where more
    of them are unnamed than named; else 0."""
    words = [w for w in _WORD.findall(key) if w not in PARTICLES]
    mask = -1 if words else 0
    for w in words:
        mask &= languages_of(w)
        if not mask:
            return 0
    unnamed = sum(not named(w) for w in words)
    return mask if unnamed * 2 > len(words) else 0


def _counts(words: list[str], mask: int) -> tuple[int, int]:
    """The most words of ``words`` in one language of ``mask`` that are no frequent English
    word, and the English words among them that are no word of those languages (a function
    word of both, Finnish ``on``, German ``die``, counts for neither)."""
    lex = token_lexicon()
    common, vocab, function = lex.common, lex.vocab, _english()
    per: dict[int, int] = {}
    english = 0
    for w in words:
        langs = languages_of(w) & mask
        if w in common or w in function:
            english += not langs
            continue
        if not langs:
            english += w in vocab
            continue
        while langs:
            bit = langs & -langs
            per[bit] = per.get(bit, 0) + 1
            langs ^= bit
    return max(per.values(), default=0), english


def world_run(text: str, start: int, end: int, key: str, taken: bytearray | None = None) -> bool:
    """Whether the finding ``text[start:end]`` (lower-cased ``key``) is words of another
    language amid that language's words (see the module docstring).

    Args:
        text: the text the finding was found in.
        start: offset of the finding.
        end: end offset of the finding.
        key: the finding, lower-cased, without a possessive (see ``name_public._key``).
        taken: a mask of the text's found names, whose words do not vote either (a lower-case
            roster's names are words of some list too: ``bih``, ``ljubav``).

    Returns:
        True when the finding is that language's words, not a name.
    """
    mask = _world_key(key)
    if not mask:
        return False
    line = text.rfind("\n", 0, start) + 1
    lo = line + (start - line) // _CHUNK * _CHUNK
    hi = text.find("\n", lo, lo + _CHUNK)
    stop = lo + _CHUNK if hi < 0 else hi
    # The finding's own words do not vote.
    if taken is None:
        around = _LOWER.findall(text[lo:start]) + _LOWER.findall(text[end:stop])
    else:
        around = [
            m.group()
            for a, b in ((lo, start), (end, stop))
            for m in _LOWER.finditer(text, a, b)
            if not taken[m.start()]
        ]
    foreign, english = _counts(around, mask)
    if foreign or english:
        # Two of the language's words, and no fewer than the English ones. (One on a line of no
        # English word is too little: "223. Kossuth utca" names a street after a person.)
        return foreign >= _LINE_WORDS and foreign >= english
    sample = per_text(text, "world_sample", _sample)
    foreign, english = _counts(sample, mask)
    return foreign >= _TEXT_WORDS and foreign >= english


def _sample(text: str) -> list[str]:
    return _LOWER.findall(text, 0, _SAMPLE)
