"""Street addresses in many national formats, extended over the lines that complete them.

A street address is found from its core, one of:

- number first, a USPS street type last: ``1496 Mitchell Coves``, ``77 N. Oak Ave.``;
- a street-type word first, the number last: ``Rua das Hortências 1428``, ``ul. Kunickiego
  Władysława 61``, ``Avenue du Golf Arabe`` after a number, ``Via Palermo 137``;
- a street word ending in a street-type suffix, then a number: ``Lindemarkveien 141``,
  ``Thijsselaan 6``, ``Rákóczi út 41.``, ``Hauptstraße 5``;
- a building number, a capitalised street name and a house number: ``930 Klinta 36``;
- a street type of Latin America, Romania or Indonesia first, a house-number mark and a number:
  ``Diagonal Resistencia N° 782``, ``Cl. 23 # 9-6 Sur``, ``Gg. Lembong No. 39``;
- a French street type in lower case before a capitalised name: ``rue Lévêque``, ``70,
  boulevard de Maury``, ``8032 rang Marcotte``;
- a preposition, a saint or an adjective, a name and a house number (:mod:`.address_lead`):
  ``U Synagogy 576``, ``Im alten Brunnen 372``, ``Nueva Alameda 525``;
- US military and postal forms: ``Unit 0692 Box 6155``, ``PSC 2541, Box 7085``,
  ``USNS Pudič``, ``DPO AE 35797``, ``P.O. Box 286``.

From the core the span grows over what follows on the same or the next lines (``\\n`` or a
literal ``\\n`` in pasted JSON, commas): ``Apt. 487`` / ``Suite 067`` / ``Depto. 463`` / ``Bl.
91``, a city or country of at most four capitalised words, a state or region code, a postal
code. It stops at the first piece that reads as prose (a lower-case word other than a name
particle such as ``de`` or ``van``). Then :mod:`.address_widen` grows it over what its street
left outside (a unit, a house number's other half, a number before it).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from itertools import combinations
from typing import NamedTuple

from hybridllm.classifiers.address_context import (
    PREFILTER_PATTERNS,
    context_spans,
    widen,
    with_context,
)
from hybridllm.classifiers.address_core import (
    by_first_letter,
    core_spans,
    ending_windows,
    merge,
    type_windows,
    words_of,
)
from hybridllm.classifiers.address_false import false_core
from hybridllm.classifiers.address_lead import (
    CUED_NAMES,
    LEAD,
    LEAD_LOWER,
    RING,
    cued_name_spans,
    lead_spans,
    ring_spans,
)
from hybridllm.classifiers.address_widen import UNIT_PIECE
from hybridllm.classifiers.patterns import STREET_SUFFIX
from hybridllm.classifiers.prefilter import finditer, possible
from hybridllm.classifiers.street_suffix import AU_TYPES
from hybridllm.classifiers.street_words import street_words
from hybridllm.classifiers.street_words import warm_up as street_words_warm_up
from hybridllm.models import Finding, new_finding

__all__ = ["AddressRecognizer", "warm_up"]

_U = r"[A-ZÀ-ÖØ-ÞĀ-ſΑ-Ω]"  # an upper-case letter, Latin with diacritics or Greek
_W = r"[^\W\d_][\w'’.-]*"  # a word
_CAPW = rf"{_U}[\w∆'’.-]*"  # ∆ (U+2206) stands in for Δ in some Greek place names
_PARTICLE = (
    r"(?:de|da|do|das|dos|del|della|delle|dei|degli|dello|di|du|des|la|le|les|el|van|von|der"
    r"|den|het|ter|te|am|an|im|auf|zu|y|e|i|és|og|och|af|na|nad|pod|pri|u|v|bei|sur|sous|lès)"
)
# A capitalised word; a dot only after three letters ("Str.", "Ctra."), not initials ("U.S.C.").
_PLAIN = rf"{_U}[\w∆'’-]*(?:(?<=\w\w\w)\.)?"
_NAME_WORDS = rf"{_CAPW}(?:\s+(?:{_PARTICLE}\s+)?{_CAPW}){{0,3}}"
_LINE_WORDS = rf"{_CAPW}(?:[ \t]+(?:{_PARTICLE}[ \t]+)?{_CAPW}){{0,3}}"  # on one line
_NUM = r"\d{1,6}[A-Za-z]?"
# A month's name or abbreviation: a number before it is a day, not a building.
_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)"
)

# Street types that come first, with a house-number mark or a number after the name: of Latin
# America ("Diagonal", "Cl." for calle, "Cr." for carrera, "Periférico", "Privada"), Romania
# ("Aleea", "Soseaua", "Drumul"), Indonesia ("Jl." for jalan, "Gg." for gang), Italy, Portugal.
_PREFIX_NUMBERED = (
    r"(?:Diagonal|Diag\.|Dg\.|Transversal|Tv\.|Carrera|Cra\.|Cr\.|Kr\.|Cl\.|Jl\.|Jln\.|Jalan"
    r"|Gg\.|Aleea|Bulevardul|Soseaua|Șoseaua|Drumul|Intrarea|Calea|Splaiul|Piața|Periférico"
    r"|Privada|Cerrada|Prolongación|Ampliación|Andador|Circuito|Callejón|Peatonal|Pasaje|Psje\."
    r"|Pje\.|Viaducto|Retorno|Cuesta|Ronda|Glorieta|Travesía|Incrocio|Contrada|Borgo|Rotonda"
    r"|Canale|Pátio|Beco|Ladeira|Alameda|Quadra|Montée|Boulevard|Vereda|Viela|Rodovia|Setor)"
)
# Street-type words that come first. The English-looking ones (Via, Place, Route, Plaza) only
# before capitalised words; the others before any words ("Trg revolucije 1").
_PREFIX_EN = r"(?:Via|Place|Route|Plaza|Avenue|Boulevard|Stanza|Corso|Largo|Piazza)"
_PREFIX_FOREIGN = (
    r"(?:Rua|Rúa|R\.|Viale|Vicolo|Piazzale|Strada|Avenida|Av\.|Avda\.?|Calle|C/|Carrer"
    r"|Camino|Paseo|Praça|Travessa|Estrada|Rue|Bd\.?|Chemin|Allée|Impasse|Quai|Cours|ul\."
    r"|ulica|al\.|aleja|os\.|pl\.|Plac|Odos|Οδός|Λ\.|Λεωφόρος|Οδ\.|Sokak|Caddesi|Ulitsa"
    r"|ulitsa|Bulevar|Trg|Ulica|Trga|Cesta|Ulice|Náměstí|Strasse|Straße)"
)
_SUFFIX_WORDS = (
    r"(?:stra(?:ß|ss)e|str\.|weg|gasse|platz|allee|ring|damm|ufer|laan|straat|gracht|plein"
    r"|singel|kade|dijk|steeg|veien|vegen|veg|vei|gata|gatan|gate|vägen|väg|gränd|stigen"
    r"|gade|vej|allé|alléen|stræde|sträte|katu|tie|kuja|polku|tee|iela|gatvė|utca|út|tér"
    r"|körút|ulice|náměstí|cesta|braut|vegur|stræti|götu|sokak|sokağı|caddesi|bulvarı"
    # Dutch, Norwegian, Danish, Icelandic place endings that mimesis and Faker streets end in
    r"|brug|kuil|baan|stubben|bakken|haugen|høgda|stranda|ringen|gården|jordet|tunet|faret"
    r"|svingen|grenda|åsen|løkka|kroken|sletta|bråten|holmen|lunden|vænget|toften|højen|hagi"
    r"|stígur|gerði|lundur|hvammur|vellir)"
)
# The types of _SUFFIX_WORDS that are no English words, as a capitalised word of their own.
_FOREIGN_TYPES = (
    r"(?:Gade|Vej|Veien|Vei|Gata|Gatan|Vägen|Väg|Straße|Strasse|Weg|Gasse|Platz|Allee|Laan"
    r"|Straat|Gracht|Plein|Kade|Dijk|Steeg|Katu|Kuja|Polku|Iela|Utca|Allé|Stræde|Sträte|Cesta"
    r"|Ulice)"
)
# Hungarian and similar: the type is a lower-case word after the name ("Csabai kapu 60.").
_TYPE_AFTER = (
    r"(?:u\.|utca|út|útja|tér|tere|köz|kapu|sor|körút|rakpart|sétány|lépcső|park"
    # Estonian, Lithuanian and Latvian types after the name ("Aia tn 313", "Ąžuolų g. 99")
    r"|tn|tänav|mnt|maantee|pst|puiestee|g\.|gatvė|prospektas|iela)"
)
# (a word of three letters or more on the number's line, an abbreviated type before it: "Λ.
# Αλεξάνδρας 5"; not "cos θ\n2" in an equation)
_GREEK = r"(?:[Ά-ώ]{1,3}\.[ \t]*)?[Ά-ώ]{3}[Ά-ώ.]*(?:[ \t]+[Ά-ώ][Ά-ώ.]*){0,3}"
_START = r"(?:(?<=\\n)|(?<![\w.,-]))"
_CORES = (
    # 930 Klinta 36 / 0402 Za Školou 1348 / 057 Via Franscini 71 (first: the longest reading)
    # (on one line, words without dots, not a chapter and verse or a table row: not
    # "50 U.S.C. 1701", "1 Samuel 17:47", "5 Wake Up\n6 Vaccinations", "12\tSmith\t45")
    # (and not a date: "18 November 2002", "3563 Mar 03 2022", "18 December. 32 teams")
    rf"{_NUM} +(?!{_MONTH}\b){_PLAIN}(?: +(?:{_PARTICLE} +)?{_PLAIN}){{0,3}} +{_NUM}"
    r"\b(?![:.]\d)\.?",
    # 1496 Mitchell Coves / 8289 4748 Westfall Avenue / 114 84 Circle Way
    rf"{_NUM}\s+(?:{_NUM}\s+)?(?:(?:[NSEW]\.?|North|South|East|West)\s+)?"
    rf"(?:{_CAPW}\s+){{1,4}}{STREET_SUFFIX}\b\.?",
    # Rua das Hortências 1428 / ul. Paderewskiego Ignacego 85 / 104 Rue de Rabat
    # (a comma may stand before the number: "Rua Jesús soria, 866")
    rf"(?:{_NUM}\s+){{0,2}}{_PREFIX_FOREIGN}\s+(?:[\w'’.-]+\s+){{0,3}}(?:[\w'’.-]+,?\s+)?{_NUM}"
    r"\b\.?",
    rf"(?:{_NUM}\s+){{0,2}}{_PREFIX_FOREIGN}\s+(?:[\w'’.-]+\s+){{0,3}}{_CAPW}",
    # bare "R" / "Av" (Portuguese, Spanish) only before a capitalised word
    rf"(?:{_NUM}\s+){{0,2}}(?:R|Av)\s+{_CAPW}\s+(?:[\w'’.-]+\s+){{0,3}}{_NUM}\b\.?",
    rf"(?:{_NUM}\s+){{1,2}}(?:R|Av)\s+{_CAPW}(?:\s+{_CAPW}){{0,3}}",
    # 820 97 avenue de Bouvines: lower-case type word after a number
    # (or after a comma: "70, boulevard de Maury", "45, rue de Maillet", "108 montée Breton")
    rf"(?:{_NUM},?\s+){{1,2}}(?:rue|avenue|av\.|calle|rua|viale|via|chemin|allée|allé|ulica|ul\."
    r"|boulevard|bd|impasse|quai|cours|route|place|passage|montée|rang|sentier|plac|aleja"
    rf"|al\.|strada|piazza|corso|largo|travessa|praça|estrada|carrer|paseo|camino)\s+"
    rf"(?:{_PARTICLE}\s+){{0,2}}{_CAPW}(?:\s+{_CAPW}){{0,2}}",
    rf"(?:{_NUM}\s+){{1,2}}{_PREFIX_EN}\s+(?:(?:{_PARTICLE}|{_CAPW})\s+){{0,4}}{_CAPW}",
    rf"{_PREFIX_EN}\s+(?:(?:{_PARTICLE}\s+)?{_CAPW}\s+){{1,4}}{_NUM}\b",
    # Lindemarkveien 141 / Rákóczi út 41. / Thijsselaan 6
    # (capitalised, and more than the type word itself: not "during 2020", "ring 4")
    rf"(?:{_NUM}\s+)?(?:(?:{_CAPW}\s+){{0,2}}{_U}[\w'’-]+(?i:{_SUFFIX_WORDS})"
    rf"|(?:{_CAPW}\s+){{1,2}}{_SUFFIX_WORDS})\s+{_NUM}\b\.?",
    rf"(?:{_NUM}\s+)?{_CAPW}(?:\s+[\w'’-]+){{0,2}}\s+{_TYPE_AFTER}\s+{_NUM}\b\.?",
    # Greek: Απόλλωνος 123
    rf"(?:{_NUM}\s+)?{_GREEK}[ \t]+{_NUM}\b",
    # Johansen Plains Street / Tyler Bypass St.
    rf"{_CAPW}\s+{STREET_SUFFIX}\s+(?:Street|St|Road|Rd|Avenue|Ave)\b\.?",
    # US military mail
    r"(?:Unit|PSC)\s+\d{3,5},?\s+Box\s+\d{3,5}",
    # (a ship's name is an address only before its fleet post office: "USS Enterprise" in a
    # story is the ship)
    r"(?:USNS|USNV|USS|USCGC)\s+[\w'’-]+(?:[ \t]+[\w'’-]+){0,2}(?=[ \t]*,?\s*(?:DPO|APO|FPO)\b)",
    r"(?:DPO|APO|FPO)\s+A[AEP]\s+\d{5}",
    rf"(?:{_NUM}\s+)?P\.?\s?O\.?\s+Box\s+\d{{1,7}}",
    # 84 Olof Palmes Gade / 274 Kriegers Vej / 12 Am Alten Weg: a number, capitalised words
    # and a street type of another language that is no English word, as a word of its own
    rf"{_NUM}\s+(?:(?:{_PARTICLE}|{_CAPW})\s+){{0,3}}{_CAPW}\s+{_FOREIGN_TYPES}\b\.?",
    # Diagonal Resistencia N° 782 / Gg. Lembong No. 39 / Cl. 23 # 9-6 Sur / Aleea Popa Nr. 52:
    # a Latin American, Romanian or Indonesian street type (English-looking ones too), words,
    # a house-number mark and a number ("Boulevard 8 N° 345" is all numbers)
    rf"{_PREFIX_NUMBERED}\s+(?:[\w'’.-]+\s+){{0,4}}(?:(?:N[°º]|No\.|Nr\.|#)\s*)?"
    r"\d{1,5}[A-Za-zªº]?(?:[-/]\d{1,4}[A-Za-z]?)?(?![\w'’]|[.,:/-]\d)"
    r"(?:\s+(?:Sur|Norte|Este|Oeste|Bis)\b)?",
    # rue Lévêque / boulevard de Joseph / chemin Pascal Mottet: a French street type in lower
    # case before a capitalised name, with no number ("route", "place", "cours" and "passage"
    # are English words: only before a particle, "route de Lyon")
    rf"(?<![\w'’-])(?:rue|boulevard|chemin|allée|impasse|quai|avenue|montée|sentier"
    rf"|(?:route|place|cours|passage)(?=\s+{_PARTICLE}\s))\s+(?:{_PARTICLE}\s+){{0,2}}"
    rf"{_U}[\w'’-]{{2,}}(?:\s+(?:{_PARTICLE}\s+)?{_CAPW}){{0,2}}",  # (not "an avenue I should")
)
_CORE = re.compile(_START + "(?:" + "|".join(f"(?:{c})" for c in _CORES) + ")")
_NUMBER_LAST = re.compile(_CORES[0])  # "930 Klinta 36": no street type (see address_false)


class _Core(NamedTuple):
    """One alternative of the core, alone: the prefilter scan says whether it may match."""

    pattern: re.Pattern[str]
    at: int


_CORE_PARTS = tuple(_Core(re.compile(_START + f"(?:{c})"), i) for i, c in enumerate(_CORES))


# The alternatives that often may match, in groups that go together (the core with a group
# whose other member cannot match is still exact): the cheap number-first ones and "R"/"Av"
# together, the costly ones apart. The core of every combination of groups is compiled at
# warm-up (64 patterns, ~0.3 s in the prefilter's thread); a text where a rarer alternative may
# match gets the whole core, so no call compiles a pattern. (Chosen on the latency prompts of
# every family: within ~0.1 ms per 10 KB of the exact combination.)
_GROUPS = ((0, 1, 4, 16, 17), (2, 18), (3, 19), (9,), (10,), (11,))
_GROUP_OF = {i: group for group in _GROUPS for i in group}
_TABLE: dict[tuple[int, ...], re.Pattern[str]] = {}


def _compile(indices: tuple[int, ...]) -> re.Pattern[str]:
    return re.compile(_START + "(?:" + "|".join(f"(?:{_CORES[i]})" for i in indices) + ")")


def warm_up() -> None:
    """Compile the core of every combination of :data:`_GROUPS` (see there), and the needles
    of :mod:`.street_words`."""
    street_words_warm_up()
    for k in range(1, len(_GROUPS) + 1):
        for groups in combinations(_GROUPS, k):
            key = tuple(sorted(i for group in groups for i in group))
            if key not in _TABLE:  # (a concurrent call finds the key or the whole core)
                _TABLE[key] = _compile(key)
    # the whole core without the alternatives that run in windows (see _core_matches)
    others = tuple(i for i in range(len(_CORES)) if i not in _WINDOWED)
    if others not in _TABLE:
        _TABLE[others] = _compile(others)


def _key_of(indices: Sequence[int]) -> tuple[int, ...] | None:
    """The alternatives ``indices`` and those grouped with them; None for the whole core."""
    groups = {_GROUP_OF.get(i) for i in indices}
    if None in groups:
        return None
    return tuple(sorted(i for group in groups if group for i in group))


def _core_of(indices: Sequence[int]) -> re.Pattern[str]:
    """The core with only the alternatives ``indices`` and those grouped with them, if it is
    compiled (:func:`warm_up`); otherwise the whole core. An alternative that cannot match
    anywhere in a text changes nothing there, and each one tried at every word start is what
    the core costs (~0.3 ms per KB with all 17)."""
    key = _key_of(indices)
    return _CORE if key is None else _TABLE.get(key, _CORE)


# The alternatives that start only near a word a cheap scan finds (see :mod:`.address_core`):
# the typed-suffix one before a street ending, the typed-first ones at a type word or at most
# two numbers before it. Whole groups of _GROUPS: the core without them is compiled too.
_SUFFIX_AT = 9
_WINDOWED = frozenset((_SUFFIX_AT, 2, 18, 3, 19))
# a digit, white space and a street ending of _SUFFIX_WORDS, in the reversed text
_ENDING_BACKWARDS = re.compile(
    r"\d(\s+)(?i:" + "|".join(re.escape(w[::-1]) for w in words_of(_SUFFIX_WORDS)) + ")"
)
_FIRST_LOWER = (
    "(?:rue|boulevard|chemin|allée|impasse|quai|avenue|montée|sentier|route|place|cours|passage)"
)
# a type word of the typed-first alternatives after a character that is no word character or
# an "n" (of a literal "\\n"), and white space (see address_core.type_windows)
_TYPE_FIRST = re.compile(
    r"[\Wn](" + by_first_letter(_PREFIX_FOREIGN, _PREFIX_NUMBERED, _FIRST_LOWER) + r")(?=\s)"
)


def _type_starts(text: str) -> Iterator[int]:
    """Where a type word of :data:`_TYPE_FIRST` stands in ``text``."""
    if _TYPE_FIRST.match(" " + text[:40]):  # at the start: as after a space
        yield 0
    for m in finditer(_TYPE_FIRST, text):  # (a word ends in white space: none is skipped)
        yield m.start(1)


def _core_matches(indices: Sequence[int], text: str) -> list[tuple[int, int]]:
    """The spans of the core of ``indices`` (:func:`_core_of`) in ``text``, as ``finditer``
    finds them; the alternatives of :data:`_WINDOWED` only where they can start."""
    core = _core_of(indices)
    key = _key_of(indices)
    if key is None or key not in _TABLE:
        key = tuple(range(len(_CORES)))
    others = tuple(i for i in key if i not in _WINDOWED)
    rest = _TABLE.get(others) if others else None
    if len(others) == len(key) or (others and rest is None):  # (rest not compiled: warm_up)
        return [m.span() for m in core.finditer(text)]
    ranges = ending_windows(text, _ENDING_BACKWARDS) if _SUFFIX_AT in key else []
    if any(i in _WINDOWED and i != _SUFFIX_AT for i in key):
        ranges += type_windows(text, _type_starts(text))
    return core_spans(core, rest, merge(ranges), text)


# After an address cue, a one-word street and its number ("corner of Urzáiz 31"), or a street
# name and type without a number ("at Marek Manor").
_CUED_BODY = (
    rf"(?P<c>{_CAPW}(?:\s+[\w'’.-]+){{0,2}}\s+{_NUM}\b\.?|{_NAME_WORDS}\s+{STREET_SUFFIX}\b\.?)"
)
# "the corner of <street> and <street>": the second street joins the first.
_AND = re.compile(r"\s+and\s+(?:the\s+)?")
_BODY = re.compile(_CUED_BODY)
_CUED = re.compile(
    r"\b(?:address(?:\s+is)?|located\s+at|lives?\s+at|living\s+at|is\s+at|off\s+at"
    r"|stop\s+at|sent\s+to|ship(?:ped)?\s+to|deliver(?:ed)?\s+to|corner\s+of|moved\s+to"
    r"|me\s+at)\s*:?\s*" + _CUED_BODY
)

_SEP = r"(?:[ \t]|,|\r?\n|\\n|(?:(?<=\n)|(?<=\\n))>+|\}\}|\?{2,3})*"  # ">": a quoted block
_PIECES = (
    UNIT_PIECE,  # "Apt. 487", "Depto. 463", "Bl. 91", "N° 782" (address_widen)
    r"(?:Apt|Apartment|Suite|Ste|Unit|Flat|Box|#)\.?\s*#?\s*\d{1,6}[A-Za-z]?",
    r"(?:DPO|APO|FPO)\s+A[AEP]\s+\d{5}",
    rf"{_LINE_WORDS}(?:,?[ \t]+(?:[A-Z]{{2}}|nan))?(?:[ \t]+\(\w+\))?"
    r"(?:[ \t]+\d{4,6}(?:-\d{3,4})?)?",
    r"[A-Z]{2}(?:\s+\d{4,6})?",
    r"nan",
    r"\d{4,6}(?:-\d{3,4})?",
    r"\d{2,3}\s\d{2,3}",
)
_NEXT = re.compile(_SEP + r"(?P<p>" + "|".join(f"(?:{p})" for p in _PIECES) + r")(?![\w'’/-])")
_MAX_PIECES = 5
_COMMA_NUMBER = re.compile(r",[ \t]*\d{1,5}[A-Za-z]?(?![\w]|[.,:]\d)")
_SENTENCE_END = re.compile(r"(?<=[^\W\d_]{3})\.[ \t]+(?=[A-Z])")
_MAX_GAP_LINES = 1  # a blank line ends the address, unless a postal code follows


# The number first (mimesis' Nordic format, "1114 Skanseveien", "307 Tagensvej"): a number and
# one capitalised compound that ends in a street type. The suffix is checked in Python: as a
# regex alternation after a greedy word it backtracked over every word of a 10 KB text.
# (Its first digit before the look-behind: see address_lower_run.NUMBER.)
_NUMBER_WORD = re.compile(
    rf"\d(?<![\w.,:/-]\d)\d{{0,4}}(?:[/-]\d{{1,4}})?[A-Za-z]?[ \t]+"  # "73/9 Brenda Piazza" too
    rf"(?:{_U}[\w'’-]*[ \t]+){{0,2}}({_U}[\w'’-]{{3,}})(?![\w'’-])"
)
# the street types of _SUFFIX_WORDS, as word endings
_STREET_ENDINGS = tuple(
    (  # noqa: SIM905 - a word list, read as one
        "straße strasse str. weg gasse platz allee ring damm ufer laan straat gracht plein "
        "singel kade dijk steeg veien vegen veg vei gata gatan gate vägen väg gränd stigen gade "
        "vej allé alléen stræde sträte katu tie kuja polku tee iela gatvė utca út tér körút "
        "ulice náměstí cesta braut vegur stræti götu sokak sokağı caddesi bulvarı "
        "brug kuil baan stubben bakken haugen høgda stranda ringen gården jordet tunet faret "
        "svingen grenda åsen løkka kroken sletta bråten holmen lunden vænget toften højen hagi "
        "stígur gerði lundur hvammur vellir"
    ).split()
)


def _number_first(text: str) -> list[tuple[int, int]]:
    """Spans of number-first streets whose one word ends in a street type, longer than it, or
    is an Australian road type after a name (:data:`.street_suffix.AU_TYPES`)."""
    out: list[tuple[int, int]] = []
    for m in _NUMBER_WORD.finditer(text):
        word = m.group(1).lower()
        # (an Australian road type after a name: "76 Brenda Concourse")
        if (word in AU_TYPES and len(m.group().split()) > 2) or (
            word.endswith(_STREET_ENDINGS)
            and any(word.endswith(e) and len(word) > len(e) + 2 for e in _STREET_ENDINGS)
        ):
            out.append(m.span())
    return out


class AddressRecognizer:
    """STREET_ADDRESS findings (category PII): a core, extended over its completing lines."""

    prefilter_patterns = (
        _CUED,
        LEAD,
        LEAD_LOWER,
        CUED_NAMES,
        RING,
        _TYPE_FIRST,
        *PREFILTER_PATTERNS,
    )
    """Patterns searched through the classifier's prefilter (see :mod:`.prefilter`)."""
    prefilter_found_only = tuple(part.pattern for part in _CORE_PARTS)
    """Patterns the prefilter is asked about only whether they may match in a text."""

    name = "addresses"

    def warm_up(self) -> None:
        """Compile now what a call would otherwise compile on first need (see :func:`warm_up`)."""
        warm_up()

    def find(self, text: str) -> list[Finding]:
        """Find street addresses in ``text``.

        Args:
            text: the text to scan.

        Returns:
            One finding per address block.
        """
        parts = possible(_CORE_PARTS, text)
        spans = _core_matches([part.at for part in parts], text) if parts else []
        spans = [  # not "a 10 Hour Course", "1 Type 2", "R.\\n\\nQ" (see address_false)
            (s, e)
            for s, e in spans
            if not false_core(
                text, s, e, number_last=_NUMBER_LAST.fullmatch(text, s, e) is not None
            )
        ]
        spans += [m.span("c") for m in finditer(_CUED, text)]
        spans += [s for s in _number_first(text) if not any(a <= s[0] < b for a, b in spans)]
        spans += [s for s in lead_spans(text) if not any(a <= s[0] < b for a, b in spans)]
        for more in (cued_name_spans(text), ring_spans(text)):
            spans += [s for s in more if not any(a <= s[0] < b for a, b in spans)]
        spans += [s for s in street_words(text) if not any(a <= s[0] < b for a, b in spans)]
        found: list[Finding] = []
        last_end = -1
        for core_start, core_end in sorted(spans):
            if core_start < last_end:
                continue
            start = core_start
            end = self._extend(text, core_end)
            a = _AND.match(text, end)
            if a is not None:
                b = _CORE.match(text, a.end()) or _BODY.match(text, a.end())
                if b is not None:
                    end = self._extend(text, b.end())
            # The Spanish order: the house number after the street and a comma ("Calle de
            # Alejandro Casona, 781"); only for a street that has no number yet.
            if not any(c.isdigit() for c in text[start:end]):
                n = _COMMA_NUMBER.match(text, end)
                end = n.end() if n is not None else end
            # A full stop after a word ends the sentence, not the address ("... 0368 Oslo.").
            if text[end - 1] == "." and text[end - 4 : end - 1].isalpha():
                end -= 1
            # "the corner of X and Y" describes the place as a whole.
            if text[max(0, start - 14) : start].lower() == "the corner of ":
                start -= 14
            found.append(
                new_finding(
                    entity_type="STREET_ADDRESS",
                    category="PII",
                    start=start,
                    end=end,
                    score=0.8,
                    recognizer=self.name,
                )
            )
            last_end = end
        # and the addresses made by their context (:mod:`.address_context`), joined to these,
        # each grown over the words of its street left outside
        return widen(text, with_context(found, context_spans(text), self.name), self.name)

    def _extend(self, text: str, end: int) -> int:
        for _ in range(_MAX_PIECES):
            n = _NEXT.match(text, end)
            if n is None:
                break
            gap = text[end : n.start("p")]
            lines = gap.count("\n") + gap.count("\\n")
            if lines > _MAX_GAP_LINES + 1 or (
                lines > _MAX_GAP_LINES and not any(c.isdigit() for c in n.group("p"))
            ):
                break
            piece = n.group("p")
            # A capitalised sentence start ("Please call ...") after a full stop is not a city.
            if text[end - 1 : end] == "." and " " in gap and not gap.strip(" \t"):
                break
            if piece[:1].isupper() and sum(not w[0].isdigit() for w in piece.split()) > 5:
                break
            # a full stop inside the piece ends the sentence: "3811 Amersfoort. Call me"
            stop = _SENTENCE_END.search(piece)
            if stop is not None:
                return n.start("p") + stop.start()
            end = n.end("p")
        return end
