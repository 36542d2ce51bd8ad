"""Growing a partly found street to the whole street: a partial mask is a leak.

A street finding can miss the first words of the name (``Nížinná`` before ``ulica 251``, a title
``dr.`` before ``kuyperstraat 1042``) or what ends it (a house number, a Roman numeral, a type
word). :func:`widen_start` and :func:`widen_end` grow it over them, with the word classes of
:mod:`.address_lower_run`, in any text.
"""

from __future__ import annotations

import re

from hybridllm.classifiers.address_lower_run import (
    AFTER_TYPES,
    FIRST_TYPES,
    MAX_BEFORE,
    MODIFIERS,
    PARTICLES,
    TYPES,
    end_of_clause,
    function_word,
    line_start,
    namelike,
    street_start,
    word_set,
)
from hybridllm.classifiers.name_tokens import Kind, TokenLexicon, token_lexicon

__all__ = ["UNIT_PIECE", "widen_end", "widen_start"]

# The units of a building and the house-number marks that follow a street in the languages of
# the streets found: "Apt. 5", "Piso 8", "Dpto. 527", "Edif. 428", "Bl. 91 Sc. 83 Ap. 131",
# "Interior 986", "Piano 2", "N° 782", "Nr. 62", "No. 39", "# 8-3 Sur". A word of its own, or an
# abbreviation with its full stop; a number after it (a Colombian "5-7", an Austrian "4/3" too).
_UNIT_WORDS = (
    r"apt|apartment|suite|ste|unit|flat|studio|level|floor|room|piso|depto|dpto|departamento"
    r"|edificio|interior|oficina|casa|local|lote|torre|bloque|piano|appartamento|scala|interno"
    r"|apto|apartamento|andar|sala|bloco|planta|etapa|etaj|stiege|wohnung|top|lgh|étage"
)
_UNIT_ABBR = r"edif|int|of|bl|sc|ap|et|esc|dep|whg|apto|depto|dpto|ste|apt|lgh"
_MARK = r"n[°º]|nº|no\.|nr\.|#"
_HOUSE_NUMBER = r"\d{1,5}[A-Za-zªº]?(?:[-/]\d{1,4}[A-Za-z]?)?"
UNIT_PIECE = (
    rf"(?i:(?:(?:{_UNIT_WORDS})\b\.?|(?:{_UNIT_ABBR})\.)[ \t]*#?[ \t]*|(?:{_MARK})[ \t]*)"
    rf"{_HOUSE_NUMBER}(?![\w'’]|[.,]\d)"
    r"(?:[ \t]+(?:Sur|Norte|Este|Oeste|Bis|sur|norte|este|oeste|bis)\b)?"
)
"""A unit or a house-number mark and its number, after a street (any case)."""
_TAIL = re.compile(rf"[ \t]*,?[ \t]*({UNIT_PIECE})")
# A unit word or a mark that a finding ends with, cut from its number ("Apt" | ". 503").
_CUT_UNIT = re.compile(rf"[ \t]((?i:{_UNIT_WORDS}|{_UNIT_ABBR}|n|no|nr))\Z")
# A unit or a mark right before a finding that starts with its number ("Nr. 412 Aleea
# Nistor", "Unit 03 93 Derek Boulevard", "Of. 4553 339 Calle ...").
_MARK_BEFORE = re.compile(
    r"(?:(?<=\\n)|(?<![\w.-]))(?i:(?:apt|apartment|suite|ste|unit|flat|studio)\.?|nr\.|no\.|of\.|n[°º]"
    r"|(?:block|blk\.?)[ \t]*\d{1,3}[ \t]+lot)"  # "Block 14 Lot 67 Amethyst Avenue"
    r"[ \t]*#?[ \t]*\Z"
)
# A house number's other half glued to it ("Bendergasse 1-8", "Tkalčićeva 9c/4", "S/N").
_GLUED_AFTER = re.compile(r"[-/]\d{1,4}[A-Za-z]?(?![\w'’]|[.,/-]\d)")
_NO_NUMBER = re.compile(r",?[ \t]*(?:S/N|s/n)\b")
_GLUED_BEFORE = re.compile(r"(?:(?<=\\n)|(?<![\w.,:/-]))\d{1,5}[A-Za-z]?[-/]\Z")
# A building number before a street found from its name (its dot and comma: "84. Mellékhalasi
# utca", "70, boulevard de Maury", "7-4 Rörrichtring"); a unit before the street ("Flat 20b,
# Molly Cape", "Apt. 804, 803 Manning Street", "Unit 03 93 Derek Boulevard").
_NUMBER_BEFORE = re.compile(
    r"(?:(?<=\\n)|(?<![\w.,:/#$€£+*-]))(\d{1,5}[A-Za-z]?(?:[-/]\d{1,4}[A-Za-z]?)?)\.?,?[ \t]+\Z"
)
_UNIT_BEFORE = re.compile(
    r"(?:(?<=\\n)|(?<![\w.-]))(?i:apt|apartment|suite|ste|unit|flat|studio|level|floor)\.?"
    r"[ \t]*#?[ \t]*\d{1,5}[A-Za-z]?,?[ \t]+\Z"
)
# A Philippine building line before the street, on its line: a block and a lot ("B03 L31",
# "Block 14 Lot 67"), a floor ("30F", "9f") or a unit, then the building's or subdivision's
# name and number ("B03 L31 Collins Estates 5, Rosas Street", "30F Lowe Apartment, 1556 Topaz
# Drive", "Unit 3110 Suarez Residences 5, 9116 Mayon Avenue").
_BUILDING_BEFORE = re.compile(
    r"(?:(?<=\\n)|(?<![\w.-]))(?i:(?:block|blk\.?|b)[ \t]*\d{1,3}[ \t]+(?:lot|l)[ \t]*\d{1,3}"
    r"|\d{1,2}f|unit[ \t]*\d{1,5})"
    r"(?:[ \t]+(?!(?i:of|the|and|in|on|at|to|for|from|with)\b)[^\W\d_][\w'’-]*){0,4}"
    r"(?:[ \t]+\d{1,3})?,?[ \t]+\Z"
)

# Abbreviated titles and types that start a street's name ("Dr. Kuyperstraat", "Gen.Svobody",
# "Sv. Čecha"): a full stop after any other short word ends a sentence ("call me. Main St 5").
_TITLES = word_set("dr st gen prof sv sr sra sta pres ing mgr kpt nám ul al av pl bd")
_GLUED = re.compile(r"(?<![\w.])([^\W\d_]{1,4})\.\Z")
# A finding that starts with a unit or a postal box: no street name stands before it.
_NOT_NAMED = re.compile(
    r"(?i:apt|apartment|suite|ste|flat|unit|box|p\.?[ \t]?o\.?|psc|usns|usnv|uss|uscgc|dpo|apo"
    r"|fpo)\b|#"
)
_TOKEN_WORD = re.compile(r"[^\W\d_][\w'’-]*\.?|\d{1,5}")
_ROMAN = re.compile(r"[ \t]+(?:I{1,3}|IV|VI{0,3}|i{1,3}|iv|vi{0,3})(?![\w'’.-])")
_HOUSE = re.compile(r"[ \t]+\d{1,5}[A-Za-z]?(?![\w'’]|[.,:/-]\d)")
_NEXT_WORD = re.compile(r"[ \t]+([^\W\d_][\w'’-]*)")
# A particle and a capitalised name that end a street's name ("... Casañal y Zapatero").
_PARTICLE_NAME = re.compile(
    r"[ \t]+(?:y|e|i|de|del|da|do|dos|das|di|van|von)[ \t]+[A-ZÀ-ÖØ-Þ][\w'’-]+(?![\w'’.-])"
)


def widen_start(text: str, start: int, *, cased: bool) -> int:
    """The start of the street whose finding starts at ``start``, over the words of its name
    that stand before it on its line: a title glued to it (``Gen.Svobody``); name words,
    particles, titles and street-type words (``Nížinná`` before ``ulica 251``, ``dr.`` before
    ``kuyperstraat 1042``, ``alley`` before ``avenida ...``), or one more number before a
    building number (``350 1 west street``). Only as far as a street may start (a line start,
    a colon, a place word): a partly masked street is a leak, a word next to it is not. Then
    the other half of a house number glued to it (``4/8 Pflegerplatz``), a building number
    before a street that starts with its name (``84. Mellékhalasi utca``), and a unit before
    it (``Flat 20b, Molly Cape``)."""
    glued = _GLUED.search(text, max(0, start - 6), start)
    if glued is not None and glued.group(1).lower() in _TITLES:
        start = glued.start()
    glued_number = _GLUED_BEFORE.search(text, max(0, start - 8), start)
    if glued_number is not None and text[start].isdigit():
        start = glued_number.start()  # "4/8 Pflegerplatz"
    if _NOT_NAMED.match(text, start):
        return start
    return _number_and_unit_before(text, _words_before(text, start, cased))


def _number_and_unit_before(text: str, start: int) -> int:
    """``start`` moved over a building number before a street that starts with a word
    (``84. Mellékhalasi utca``, ``70, boulevard de Maury``, ``7-4 Rörrichtring``; not a year:
    ``in 2019 Main Street was closed``), a unit or a mark right before its number (``Nr. 412
    Aleea Nistor``, ``Unit 03 93 Derek Boulevard``) and a unit before the street (``Flat 20b,
    Molly Cape``, ``Apt. 804, 803 Manning Street``), and a Philippine building line before it
    (``B03 L31 Collins Estates 5, Rosas Street``)."""
    if not text[start].isdigit():
        number = _NUMBER_BEFORE.search(text, max(0, start - 16), start)
        if number is not None and not _YEAR.fullmatch(number.group(1)):
            start = number.start()
    else:
        mark = _MARK_BEFORE.search(text, max(0, start - 16), start)
        start = mark.start() if mark is not None else start
    unit = _UNIT_BEFORE.search(text, max(0, start - 24), start)
    start = unit.start() if unit is not None else start
    building = _BUILDING_BEFORE.search(text, max(0, start - 64), start)
    return building.start() if building is not None else start


_YEAR = re.compile(r"(?:1[5-9]|20)\d\d")


def _words_before(text: str, start: int, cased: bool) -> int:
    """The start of the street over the words of its name before ``start`` (see
    :func:`widen_start`)."""
    lex = token_lexicon()
    numbered, named = text[start].isdigit(), False
    best, at = start, start
    line = line_start(text, start)
    for _ in range(MAX_BEFORE):
        end = at
        while end > line and text[end - 1] in " \t":
            end -= 1
        a = text.rfind(" ", line, end) + 1 or line
        a = max(a, text.rfind("\t", line, end) + 1)
        if end == at or a >= end or not _TOKEN_WORD.fullmatch(text, a, end):
            break
        word = text[a:end]
        if not (word.isdigit() if numbered else _name_word(lex, word, cased)):
            break
        at = a
        # a foreign word may follow any word ("we visited Kamenná ulica 17"); a number or a
        # listed name must stand where a street starts ("Ms. Ana Silva Rua Augusta 5")
        named = (
            named or numbered or (word.lower() in lex.vocab and lex.kind(word.lower()) is Kind.NAME)
        )
        if not function_word(word) and (not named or street_start(text, a)):
            best = a
        if numbered:
            break  # one number: "350 1 west street"
    return best


def _name_word(lex: TokenLexicon, word: str, cased: bool) -> bool:
    """Whether ``word`` may be a word of a street's name before the part that was found."""
    low = word.lower()
    if low.endswith("."):
        return low[:-1] in _TITLES
    if low in PARTICLES or low in TYPES or low in FIRST_TYPES or low in AFTER_TYPES:
        return True
    return (not cased or word[0].isupper()) and (namelike(lex, low) or low in MODIFIERS)


def widen_end(text: str, start: int, end: int) -> int:
    """The end of the street whose finding ends at ``end``, over what completes it when the
    clause ends right after: its house number if it has none (``Rua Julio Ribeiro - Polo
    493``), a Roman numeral (``Auðsholt I``), a street-type word (``Väina tee park``), a
    particle and a capitalised name (``Calle de Dionisio Casañal y Zapatero``); and in
    any case the other half of its house number (``Bendergasse 1-8``, ``Tkalčićeva 9c/4``, ``R.
    de Pacheco, S/N``) and the units and house-number marks after it (``Calle Oaxaca 322 Edif.
    428 , Depto. 463``, ``Diagonal Resistencia N° 782``, ``Strada Ene Nr. 62 Bl. 91  Sc. 83 Ap.
    131``, ``Cr. 1 Este # 5-7 Sur``), also when the finding took the unit word or the mark
    without its number (``47927 route Lapointe Apt`` before ``. 503``)."""
    end = _glued_after(text, _completed(text, start, end))
    cut = _CUT_UNIT.search(text, max(start, end - 14), end)
    if cut is not None and cut.start(1) > start and _TAIL.match(text, cut.start(1)):
        end = cut.start(1)  # "... Lapointe Apt" before ". 503", "... Nuñez N" before "° 605"
    if not any(c.isdigit() for c in text[start:end]):
        no_number = _NO_NUMBER.match(text, end)
        end = no_number.end() if no_number is not None else end
    for _ in range(5):
        tail = _TAIL.match(text, end)
        if tail is None:
            break
        end = _glued_after(text, tail.end(1))
    return end


def _glued_after(text: str, end: int) -> int:
    """``end`` over the other half of a house number that ends there (``1-8``, ``9c/4``)."""
    last = text[max(0, end - 2) : end]
    if last[-1:].isdigit() or (last[:1].isdigit() and last[-1:].isalpha()):
        glued = _GLUED_AFTER.match(text, end)
        if glued is not None:
            return glued.end()
    return end


def _completed(text: str, start: int, end: int) -> int:
    """``end`` over a house number, a Roman numeral or a type word that ends the clause."""
    if not any(c.isdigit() for c in text[start:end]):
        house = _HOUSE.match(text, end)
        if house is not None and end_of_clause(text, house.end()):
            return house.end()
    if not text[end - 1 : end].isalpha():
        return end
    roman = _ROMAN.match(text, end)
    if roman is not None and end_of_clause(text, roman.end()):
        return roman.end()
    joined = _PARTICLE_NAME.match(text, end)
    if joined is not None and end_of_clause(text, joined.end()):
        return joined.end()  # "Calle de Dionisio Casañal y Zapatero"
    word = _NEXT_WORD.match(text, end)
    if word is not None and word.group(1).lower() in TYPES and end_of_clause(text, word.end()):
        return word.end()
    return end
