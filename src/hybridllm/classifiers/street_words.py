"""Street names of one word that end in a street type of another language, with no number.

``He lives on the north side of Spatenstrasse``, ``the clubs on Mannerheimintie``, ``we met on
Nordtoftevej``: German, Dutch, Nordic, Baltic and Central European streets are often one word,
a name glued to its type (``-strasse``, ``-gasse``, ``-laan``, ``-vej``, ``-gatan``, ``-intie``,
``-utca`` ...). The core rules of :mod:`~hybridllm.classifiers.addresses` take such a word only
with its house number (``Bahnhofstrasse 12``); a street named alone is still a street
(Safe Harbor's "street address" and a place smaller than a state).

The types here are the ones no English word ends in (not ``-gate``, ``-ring``, ``-tee``,
``-way``); a word counts when it is longer than its type by three letters or more and is
neither an English word nor a listed name (``Committee``, ``Lindqvist``). Any case: lower-case
chat names streets so too.

Two more forms without a cue before them: a name and a lower-case type word of its own
(``Järveotsa tee``, ``Rákóczi út``), and a house number, a name and a Roman numeral from II on
(``470 Möðruvöllur IV``, ``373 Bær II``: Icelandic farms are numbered so), the name's words
again neither English nor listed (not ``golf tee``, ``1945 World War II``, ``3 Henry VIII``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from hybridllm.classifiers.name_tokens import FUNCTION_WORDS, TokenLexicon, token_lexicon
from hybridllm.classifiers.prefilter_words import Needles

__all__ = ["street_words", "warm_up"]

_TYPES = (  # noqa: SIM905 - a word list, read as one
    "straße strasse gasse platz allee damm ufer weg laan straat gracht plein singel kade dijk "
    "steeg "
    "veien vegen gata gatan vägen gränd stigen gade vej vejen stræde sträte intie katu kuja "
    "polku iela gatvė utca körút ulice náměstí braut vegur stræti götu sokak sokağı caddesi "
    "bulvarı"
).split()
# A street type written as a word of its own after the name, in lower case ("Järveotsa tee",
# "Rákóczi út"): after a word that is neither English nor a listed name.
_TYPE_WORDS = (  # noqa: SIM905 - a word list, read as one
    "tee tänav põik maantee puiestee utca út köz tér körút iela gatvė katu tie kuja vej gade "
    "gata gatan straße strasse gasse weg laan straat allee allé väg vägen gränd"
).split()
_TYPE_NEEDLES = tuple(" " + t for t in _TYPE_WORDS)
# Those of them that are a street type and nothing else in their language and no word in any
# other (not "tee", "tie", "vej", "väg", "weg", "laan": "golf tee", Danish "på vej", German "ist
# weg", the surname "van der Laan"):
# after them a listed name names the street too ("Kossuth utca", "József Attila utca",
# "Goethe straße"), as a street is named after a person.
_STRONG_TYPES = frozenset(
    (  # noqa: SIM905 - a word list, read as one
        "utca körút út tér tänav maantee puiestee iela gatvė straße strasse gasse straat allee"
    ).split()
)
_NAME_BEFORE = re.compile(r"(?<![\w'’-])([^\W\d_][\w'’-]{2,})[ \t]+$")
# A house number, a name and a Roman numeral from II on: "470 Möðruvöllur IV", "373 Bær II"
# (Icelandic farms are numbered so); in capitals or in lower case.
_NUMBER_AFTER = re.compile(r"\.?[ \t]+\d{1,5}[A-Za-z]?(?![\w'’-]|[.,:]\d)")
_NAME_ROMAN = re.compile(r"(?<![\w'’.-])([^\W\d_][\w'’-]+(?:[ \t]+[^\W\d_][\w'’-]+)?)[ \t]+$")
_ROMANS = ("ii", "iii", "iv", "vi", "vii", "viii", "ix")
_ROMAN_NEEDLES = tuple(" " + r for r in _ROMANS)
_NUMBER_NAME = re.compile(
    r"(?<![\w.,:/-])\d{1,5}[ \t]+([^\W\d_][\w'’-]+(?:[ \t]+[^\W\d_][\w'’-]+)?)[ \t]+$"
)
# A street type that comes first and is no English word, in lower case (capitalised, the core
# rules of addresses.py take it): "rua são caetano", "calle de la luna"; the name runs over up to
# five words, particles and numbers included, and stops at punctuation or an English function
# word ("on rua nuño de ousende st. and ...").
_PREFIXES = (  # noqa: SIM905 - a word list, read as one
    "rua rúa calle carrer avenida strada viale ulica praça travessa estrada rodovia"
).split()
_PREFIX_NEEDLES = tuple(p + " " for p in _PREFIXES)
# Street types that come first and are English words (or abbreviations) too: a street only
# before a name particle, in lower case ("rue de vermeil", "boulevard de joseph", "c. de elpidio
# cuenca", "r. de pacheco"); not "place", "route", "chemin" ("mise en place des traps", "feuille
# de route de", "chemin de fer" in French prose), nor an article ("via la", "rue le").
_PARTICLED = (  # noqa: SIM905 - a word list, read as one
    "rue boulevard avenue allée impasse quai via plaza c. r. av."
).split()
_PARTICLED_NEEDLES = tuple(p + " " for p in _PARTICLED)
_PARTICLE_AFTER = re.compile(
    r"[ \t]+(?:de|du|des|del|della|delle|dei|degli|di|da|do|dos|das|san|santa|saint|sainte)"
    r"[ \t]+[^\W\d_]"
)
_PARTICLES = frozenset(
    "de du des del della delle dei degli di da do dos das san santa saint sainte la le les".split()  # noqa: SIM905
)
_VIA_PARTICLE = re.compile(r"[ \t]+(?:del|della|delle|dei|degli|di|san|santa)[ \t]+[^\W\d_]")
_NAME_AFTER = re.compile(r"(?:[ \t]+(?:[^\W\d_][\w'’-]*|\d{1,5}[A-Za-z]?)){1,5}")
_WORD = re.compile(r"\S+")
_STOP = frozenset(
    "and or the a an in at on to for of is was are with from by but if then st st. street "  # noqa: SIM905
    "where which that this near".split()
)
# One to three words before an English street type ("mlinarska street", "Hazeldene St.",
# "georges clemenceau street"): a street when one of them is no everyday English word and none
# is a function word (not "the street", "Wall Street", "main st").
_ENGLISH_TYPES = ("street", "st.", "road", "rd.", "avenue", "ave.", "boulevard", "blvd.")
_ENGLISH_NEEDLES = tuple(" " + t for t in _ENGLISH_TYPES)
_NEXT_WORD = re.compile(r"[ \t]+([a-z][\w'’-]*)")  # a lower-case word right after the type
_WORDS_BEFORE = re.compile(r"(?<![\w'’.-])((?:[^\W\d_][\w'’-]*[ \t]+){1,3})$")
# Words that start no street name before a type: "on", "this", "every", "one", "same" ...
_NOT_NAMES = frozenset(
    "this that these those every each one same other main side back cross high next main "  # noqa: SIM905
    "busy quiet long short narrow wide old new".split()
)
# The word before a type found at a word's end.
_WORD_START = re.compile(r"[^\W\d_](?:[^\W\d_]|-(?=[^\W\d_]))*$")  # "sint-hubertusstraat"
_AFTER = re.compile(r"[\w'’-]")
_NUMBER_BEFORE = re.compile(r"(?:(?<=\\n)|(?<![\w.,:/-]))\d{1,5}[A-Za-z]?[ \t]+$")


def street_words(text: str) -> list[tuple[int, int]]:
    """Spans of streets named without a number by a street type of another language, glued
    or as a word of its own, and of numbered Icelandic farms (see the module docstring)."""
    low = text.lower()
    if len(low) != len(text):  # a letter whose lower case is longer: offsets would shift
        return []
    lex = token_lexicon()
    places = None if _NEEDLES is None else _NEEDLES.places(low)
    return sorted(
        {
            *_glued(text, low, lex, places),
            *_type_after(text, low, lex, places),
            *_numbered(text, low, lex, places),
            *_prefixed(text, low, lex, places),
            *_typed(text, low, lex, places),
        }
    )


_Places = dict[str, list[int]] | None
_NEEDLES: Needles | None = None


def warm_up() -> None:
    """Compile the one-pass search of every needle (until then each is a ``str.find`` loop)."""
    global _NEEDLES  # noqa: PLW0603 - built once, in the prefilter's warm-up
    if _NEEDLES is None:
        needles = (
            _TYPES,
            _TYPE_NEEDLES,
            _ROMAN_NEEDLES,
            _PREFIX_NEEDLES,
            _PARTICLED_NEEDLES,
            _ENGLISH_NEEDLES,
        )
        _NEEDLES = Needles(n for group in needles for n in group)


def _found(
    low: str, needles: list[str] | tuple[str, ...], places: _Places
) -> Iterator[tuple[str, int]]:
    """Each needle and each place it stands in ``low``: from ``places`` (:class:`.Needles`) or
    by ``str.find`` (~0.5 ms per 10 KB for all the needles; a regex scan of the same
    alternation costs 30x more)."""
    for needle in needles:
        if places is not None:
            for at in places.get(needle, ()):
                yield needle, at
            continue
        at = low.find(needle)
        while at >= 0:
            yield needle, at
            at = low.find(needle, at + 1)


def _glued(text: str, low: str, lex: TokenLexicon, places: _Places) -> list[tuple[int, int]]:
    """One word ending in a street type: ``Spatenstrasse``, ``nordtoftevej``."""
    out: list[tuple[int, int]] = []
    for kind, nxt in _found(low, _TYPES, places):
        end = nxt + len(kind)
        if end < len(text) and _AFTER.match(text, end):
            continue  # inside a word
        word = _WORD_START.search(text, max(0, nxt - 40), nxt)
        if word is None or nxt - word.start() < 3:
            continue  # the type word alone, or one or two letters before it
        start = word.start()
        if start > 0 and (text[start - 1].isalnum() or text[start - 1] in "_'’-/.@"):
            continue  # part of an identifier, a path or an address of another kind
        if _unknown(low[start:end], lex):
            number = _NUMBER_BEFORE.search(text, max(0, start - 12), start)
            out.append((number.start() if number else start, end))  # "29 hvedemarksvej"
    return out


def _type_after(text: str, low: str, lex: TokenLexicon, places: _Places) -> list[tuple[int, int]]:
    """A name and a lower-case street type as a word of its own: ``Järveotsa tee``."""
    out: list[tuple[int, int]] = []
    for needle, nxt in _found(low, _TYPE_NEEDLES, places):
        kind = needle[1:]
        end = nxt + len(needle)
        if text[nxt + 1 : end] != kind or (end < len(text) and _AFTER.match(text, end)):
            continue
        m = _NAME_BEFORE.search(text, max(0, nxt - 40), nxt + 1)
        if m is not None and (
            _unknown(m.group(1), lex) or (kind in _STRONG_TYPES and _named(m.group(1), lex))
        ):
            out.append((m.start(), end))
    return out


def _numbered(text: str, low: str, lex: TokenLexicon, places: _Places) -> list[tuple[int, int]]:
    """A house number, a name and a Roman numeral (``470 Möðruvöllur IV``), or a name, a Roman
    numeral and a house number (``Nové záhrady VI. 651``)."""
    out: list[tuple[int, int]] = []
    for needle, nxt in _found(low, _ROMAN_NEEDLES, places):
        end = nxt + len(needle)
        numeral = text[nxt + 1 : end]
        if not (numeral.isupper() or numeral.islower()) or (
            end < len(text) and _AFTER.match(text, end)
        ):
            continue
        m = _NUMBER_NAME.search(text, max(0, nxt - 60), nxt + 1)
        if m is not None and all(_unknown(w, lex) for w in m.group(1).split()):
            out.append((m.start(), end))
            continue
        # the number after it: "Nové záhrady VI. 651"
        n = _NUMBER_AFTER.match(text, end)
        m = _NAME_ROMAN.search(text, max(0, nxt - 60), nxt + 1)
        if n is None or m is None:
            continue
        words = list(_WORD.finditer(text, m.start(1), m.end(1)))
        while words and not _unknown(words[0].group(), lex):
            words.pop(0)  # "at hálsasel iii 12": the street starts after "at"
        if words and all(_unknown(w.group(), lex) for w in words):
            out.append((words[0].start(), n.end()))
    return out


def _prefixed(text: str, low: str, lex: TokenLexicon, places: _Places) -> list[tuple[int, int]]:
    """A lower-case street type that comes first and its name: ``rua são caetano``, or one
    that is an English word too before a particle: ``rue de vermeil``."""
    out: list[tuple[int, int]] = []
    found = [*_found(low, _PREFIX_NEEDLES, places), *_found(low, _PARTICLED_NEEDLES, places)]
    for needle, nxt in found:
        kind = needle[:-1]
        if text[nxt : nxt + len(kind)] != kind or (nxt > 0 and _AFTER.match(text, nxt - 1)):
            continue  # capitalised (the core rules' case) or inside a word
        after = _VIA_PARTICLE if kind == "via" else _PARTICLE_AFTER  # (not "via de facto")
        if needle in _PARTICLED_NEEDLES and not after.match(text, nxt + len(kind)):
            continue  # "sent via post", "c. 1900"
        m = _NAME_AFTER.match(text, nxt + len(kind))
        if m is None:
            continue
        end = nxt + len(kind)
        particled = needle in _PARTICLED_NEEDLES
        for w in _WORD.finditer(m.group()):
            if w.group() in _STOP or (
                particled and w.group() not in _PARTICLES and w.group() in lex.common
            ):
                break  # (after a particle an everyday word ends it: "rue de la paix today")
            end = nxt + len(kind) + w.end()
        if end > nxt + len(kind):
            out.append((nxt, end))
    return out


def _typed(text: str, low: str, lex: TokenLexicon, places: _Places) -> list[tuple[int, int]]:
    """Words before an English street type, one of them no everyday word: ``mlinarska street``."""
    out: list[tuple[int, int]] = []
    for needle, nxt in _found(low, _ENGLISH_NEEDLES, places):
        kind = needle[1:]
        end = nxt + len(needle)
        if end < len(text) and _AFTER.match(text, end) and not kind.endswith("."):
            continue  # "streets", "roadmap"
        after = _NEXT_WORD.match(text, end)
        if after is not None and after.group(1).lower() not in FUNCTION_WORDS:
            continue  # the type as a modifier: "street food", "Beale Street blues"
        m = _WORDS_BEFORE.search(text, max(0, nxt - 60), nxt + 1)
        if m is None:
            continue
        words = m.group(1).split()
        # from the type backwards, the words that may name a street
        keep: list[str] = []
        for w in reversed(words):
            key = w.lower().strip("'’")
            if key in FUNCTION_WORDS or key in _STOP or key in _NOT_NAMES:
                break
            keep.insert(0, w)
        # (an abbreviated type is a street's, whatever words name it: "corner of kudu st.")
        short = kind.endswith(".")
        if keep and any(_names_a_street(w.lower().strip("'’"), lex, short) for w in keep):
            start = m.start(1) + m.group(1).rfind(keep[0]) if len(keep) < len(words) else m.start(1)
            out.append((start, end))
    return out


def _names_a_street(low: str, lex: TokenLexicon, short: bool) -> bool:
    """Whether a word before an English street type may be its name: no everyday word, and no
    other English word unless it is a listed name too or the type is abbreviated (``mlinarska``,
    ``baker``, ``kudu st.``; not a letter or ``bidirectional``: "connected by j road", "a
    bidirectional road of length D")."""
    if len(low) < 2 or low in lex.common:
        return False
    return short or low not in lex.vocab or low in lex.first or low in lex.last


def _named(word: str, lex: TokenLexicon) -> bool:
    """Whether ``word`` is a listed name that is no everyday word (``Kossuth``, ``Attila``;
    not ``Main``, ``Park``, ``the``)."""
    low = word.lower()
    return (
        low not in FUNCTION_WORDS
        and low not in lex.common
        and (low in lex.first or low in lex.last)
    )


def _unknown(word: str, lex: TokenLexicon) -> bool:
    """Neither an English word nor a listed name (``Möðruvöllur``; not ``World``, ``Henry``)."""
    low = word.lower()
    return (
        len(low) > 2  # the vocabulary holds no two-letter words ("at", "on")
        and low not in FUNCTION_WORDS
        and low not in lex.vocab
        and low not in lex.first
        and low not in lex.last
    )
