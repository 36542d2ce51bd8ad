"""Streets whose name starts with a preposition, a saint or an adjective, then a house number.

Central European and Spanish streets are often named by where they are or whom they honour,
with no street type at all: ``U Synagogy 576`` (at the synagogue), ``Na pasekách 1011``, ``Pod
Lipovým 5``, ``Im alten Brunnen 372``, ``San Martin de La Cantera 138``, ``Nueva Alameda 525``,
``Velký průhon 426``, ``Padre Feijoo, 152``. Without a type the cores of :mod:`.addresses` miss
them, and the name rules find their name part only (``Martin de La Cantera``): a partial mask,
a leak.

Such a street is found when one of these leading words stands where a street starts, one to
three words follow that are a street's name (capitalised, a name particle, or a word foreign to
English: ``kopci``, ``alten``; not ``U Turn 5``, ``Na level 140``), then a house number that is no
year and ends the clause (``... 576 since 2015``, ``..., 1021 now``). In a text all in lower
case the leading word may be in lower case too, and then it must stand where a street starts
(a place word, a line start) and every word after it must be foreign to English (``can u get
5`` is a question).

Finnish ring roads have a Roman numeral for a name (``Ring III 381``, ``170 Ring I``):
:func:`ring_spans`, with a house number only.

Streets named after a person alone (``José Guadalupe Peralta Gámez 504``, ``Kovács Lajos 12``)
have no leading word; they are found after a place word or an address label (``at``, ``to``,
``is``, ``in``, ``Address:``) by their words, all names (:func:`cued_name_spans`).
"""

from __future__ import annotations

import re

from hybridllm.classifiers.address_lower_run import (
    PARTICLES,
    end_of_clause,
    namelike,
    street_start,
)
from hybridllm.classifiers.name_tokens import Kind, TokenLexicon, token_lexicon
from hybridllm.classifiers.prefilter import finditer

__all__ = [
    "CUED_NAMES",
    "LEAD",
    "LEAD_LOWER",
    "RING",
    "cued_name_spans",
    "lead_spans",
    "ring_spans",
]

_LEADS = (
    # Czech, Slovak, Polish prepositions; German ones that start a street's name
    r"U|Na|Pod|Nad|Za|Před|Pred|Pri|Při|Ve|Ke|Im|Am|Auf|Zum|Zur|Hinter|Unter"
    # saints, and the adjectives "new", "old", "great", "little", "upper", "lower"
    r"|San|Santa|Santo|São|Sankt|Nueva|Nuevo|Vieja|Viejo|Velký|Velká|Velké|Malý|Malá|Malé"
    r"|Nová|Nový|Nové|Stará|Starý|Staré|Dolní|Horní|Dolná|Horná"
    # Spanish and Portuguese titles a street's namesake holds: "Padre Feijoo, 152"
    r"|Padre|Fray|Frei|Doña|Dona|Dom|Presidente|Doutor|Marechal|Coronel|Maestro|Ingeniero"
)
_WORDS = r"[^\W\d_][\w'’.-]*(?:[ \t]+[^\W\d_][\w'’.-]*){0,3}"
_LEAD_BODY = rf"[ \t]+(?P<w>{_WORDS}),?[ \t]+(?P<n>\d{{1,5}}[A-Za-z]?)(?![\w'’]|[.,:/-]\d)"
LEAD = re.compile(rf"(?<![\w'’.-])(?P<lead>{_LEADS}){_LEAD_BODY}")
"""A leading word, the words of the name and a house number (checked by :func:`lead_spans`)."""
LEAD_LOWER = re.compile(rf"(?<![\w'’.-])(?P<lead>(?i:{_LEADS})){_LEAD_BODY}")
"""The same in any case (for a text all in lower case only: ``am``, ``na`` are everywhere)."""
# A place word, then capitalised words and a house number: "arrived at José Guadalupe Peralta
# Gámez 504", "It's in Nueva Alameda 525" (checked by cued_name_spans).
CUED_NAMES = re.compile(
    r"(?:\b(?:at|to|is|in)|\b(?i:address)[ \t]*:)[ \t]+"
    r"(?P<w>[A-ZÀ-ÖØ-Þ][\w'’-]*(?:[ \t]+[^\W\d_][\w'’-]*){0,4}),?[ \t]+"
    r"(?P<n>\d{1,5}[A-Ha-h]?)(?![\w'’]|[.,:/-]\d)"  # (not "Warhammer 40k")
)
"""A place word or an address label, capitalised words and a house number."""
# Finnish ring roads, numbered in Roman numerals, with a house number before or after:
# "Ring III 381", "170 Ring I," (checked by ring_spans).
RING = re.compile(
    r"(?<![\w'’.-])(?P<r>[Rr]ing[ \t]+(?:III|II|I|iii|ii|i))"
    r"(?:[ \t]+(?P<b>\d{1,5}[A-Za-z]?))?(?![\w'’-]|[.,:/-]\d)"
)
"""A ring road and its number, a house number after it (or before: :data:`_NUMBER_BEFORE`)."""
_NUMBER_BEFORE = re.compile(r"(?<![\w'’.,-])\d{1,5}[A-Za-z]?[ \t]+\Z")
_ADJECTIVES = frozenset(
    "nueva nuevo vieja viejo velký velká velké malý malá malé nová nový nové stará starý staré"  # noqa: SIM905
    " dolní horní dolná horná".split()
)
_YEAR = re.compile(r"(?:1[5-9]|20)\d\d")


def lead_spans(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of the streets of the module docstring in ``text``."""
    lower_text = text.islower()
    lex = token_lexicon()
    spans = []
    for m in finditer(LEAD_LOWER if lower_text else LEAD, text):
        lead = m.group("lead")
        if _YEAR.fullmatch(m.group("n")) or not end_of_clause(text, m.end("n")):
            continue
        if lower_text and not street_start(text, m.start()):
            continue  # in lower case only where a street starts ("at", a line start)
        words = m.group("w").split()
        adjective = lead.lower() in _ADJECTIVES  # a foreign word itself: "Nueva Alameda 525"
        if all(_name_word(lex, w, strict=lower_text) for w in words) and (
            adjective or any(_foreign(lex, w) for w in words)
        ):
            spans.append((m.start(), m.end("n")))
    return spans


def _foreign(lex: TokenLexicon, word: str) -> bool:
    """A word foreign to English (``Synagogy``, ``pasekách``) or a name no word list holds: one
    such word makes the run a street's name (``U Turn 5`` has none)."""
    low = word.lower().rstrip(".")
    return namelike(lex, low) or lex.kind(low) in (Kind.NAME, Kind.UNKNOWN)


def _unlisted(lex: TokenLexicon, word: str) -> bool:
    """A word in no list at all, or with letters English does not use (``Gámez``)."""
    low = word.lower()
    return not low.isascii() or lex.kind(low) is Kind.UNKNOWN


def _name_word(lex: TokenLexicon, word: str, *, strict: bool) -> bool:
    """A word of a street's name: a particle, a word foreign to English, or (not ``strict``)
    a capitalised word that a name list holds (``Martin``, ``Alameda``; not ``Turn``)."""
    low = word.lower().rstrip(".")
    if low in PARTICLES or namelike(lex, low):
        return True
    if strict or not word[0].isupper():
        return False
    return lex.kind(low) is not Kind.WORD


def cued_name_spans(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of streets named like people after a place word (``at``, ``to``, ``is``,
    ``in``, ``Address:``): capitalised words that a name list holds or no English word list
    does, two or more of them (one word and a number is a version: ``upgrade to Ubuntu 22``)
    with particles between, and a house number that is no year and ends the clause, of two
    digits or more unless a word is in no list. ``arrived at José Guadalupe
    Peralta Gámez 504 last night``, ``lives at Kovács Lajos 12.``; not ``upgrade to Windows
    11.``, ``see you at Level 42.``, ``in John 3.``"""
    if text.islower():
        return []
    lex = token_lexicon()
    spans = []
    for m in finditer(CUED_NAMES, text):
        number = m.group("n")
        if _YEAR.fullmatch(number) or not end_of_clause(text, m.end("n")):
            continue
        words = m.group("w").split()
        names = [w for w in words if w.lower() not in PARTICLES]
        if len(names) < 2 or not all(w[0].isupper() and w[1:] == w[1:].lower() for w in names):
            continue  # "GPT", "iPhone"; one word and a number is a version ("to Godot 4")
        if not all(_name_word(lex, w, strict=False) for w in names) or not any(
            namelike(lex, w.lower()) for w in names
        ):
            continue  # "see you at Level 42", "to Ben 10": no word of a name alone
        if not number[1:2].isdigit() and not any(_unlisted(lex, w) for w in names):
            continue  # "in John 3": a short number after listed names
        spans.append((m.start("w"), m.end("n")))
    return spans


def ring_spans(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of Finnish ring roads with a house number (``Ring III 381``, ``170
    Ring I``): capitalised (``Ring I``, not ``ring I``), or all in lower case in a text in
    lower case; never without a number (``the Ring I ideal``, ``give me a ring i think``)."""
    lower_text = text.islower()
    spans = []
    for m in finditer(RING, text):
        road = m.group("r")
        if not ((road[0] == "R" and road[-1] == "I") or (lower_text and road.islower())):
            continue
        before = _NUMBER_BEFORE.search(text, max(0, m.start() - 8), m.start())
        if before is not None or m.group("b"):
            spans.append((before.start() if before is not None else m.start(), m.end()))
    return spans
