"""Street addresses in text written all in lower case, by the words that name a street.

:mod:`.address_context` finds lower-case streets by an English street type after the name
(``2076 pin oak drive``) or a street suffix glued to it (``marsveien 48``). Two more shapes are
streets in most of the world and read as nothing else:

- **a number, a name, a street type**, with the types of the US postal standard and British
  usage beyond the common ones (``860 kissling circle``, ``477 washburn ferry``, ``840 duneoin
  spur``, ``1231 dunlambert arcade``). These types are everyday words too (``walk``, ``park``,
  ``row``), so the words between the number and the type must be a name: no English function
  word and no unit of time or count (``5 minutes walk``, ``3 dogs in the park`` are no streets);
- **a street-type word that comes first**, as in the Romance, Slavic and Hungarian languages
  (``calle averroes, 1386``, ``rúa tres fontes, 170``, ``1221 avenue des bateliers``, ``447 via
  degli altopascio``, ``ulica polna 4``): the type word, one to four words, a building number
  (a comma may stand before it), or a number first and the type word right after it. ``via``,
  ``place``, ``route`` and ``plaza`` are English words: with no number before them they need a
  name particle right after (``via della spiga 12``; not ``via port 8080``).

A third shape is a record's: **a street line in the name-then-number order above a line of a
city and a postal code** (``turovecká 911\nchrudim 623 68``), as address_context reads the
number-then-name order. The code has five digits, or the Czech, Slovak or Polish shape: four
digits alone are a year or a page as often (``section 2\npage 1234``).

A fourth is what a place preposition says: **at, to, on, from, near or of, then a building
number and a street's name** (``meet me at 1232 dunbarton``, ``the party is at 951 dwinger``), or
the name and then a number of three digits or more (``arrived at coolderry 1178``; a version is
short: ``on centos 7``). The name is no English word (``sum of first 100`` is none): a word of
four letters or more in no list, a listed name, or with letters English does not use;
particles may follow it (``961 za rybníčkem``); an everyday word ends it (``tomorrow``).

The first two need the end of a clause right after (a comma, a bracket or a table's pipe, a
line or sentence end, ``in``, ``apt``), and all apply only to text with no upper-case letter
(elsewhere the capitalised cores of :mod:`.addresses` hold). Spans are extended over the rest
of the block like the others.
"""

from __future__ import annotations

import re

from hybridllm.classifiers.address_lower_run import PARTICLES, run_street_spans
from hybridllm.classifiers.address_widen import UNIT_PIECE
from hybridllm.classifiers.name_tokens import Kind, TokenLexicon, token_lexicon
from hybridllm.classifiers.prefilter import finditer

__all__ = ["PATTERNS", "lower_street_spans"]

_NUM = r"\d{1,5}[a-z]?"
# A word of a street's name: not an English function word, nor a unit of time or count.
_NAME_WORD = (
    r"(?!(?:the|a|an|in|on|at|of|to|for|and|or|my|your|his|her|our|their|its|this|that|is|are"
    r"|was|were|be|with|from|by|per|each|every|more|less|than|minutes?|mins?|hours?|hrs?|days?"
    r"|weeks?|months?|years?|times?|people|persons?|steps?|miles?|km|feet|ft|meters?|pm|am)\b)"
    r"[^\W\d_][\w'’-]*"
)
_NAME_WORDS = rf"{_NAME_WORD}(?:[ \t]+{_NAME_WORD}){{0,2}}"
# Street types of the US postal standard and British usage that address_context leaves out.
_MORE_TYPES = (
    r"(?:circle|cir|ferry|spur|arcade|row|walk|path|trail|alley|crossing|point|park|ridge"
    r"|heights|loop|mews|glen|meadows?|hollow|landing|pike|plaza|trace|turnpike|expressway"
    r"|freeway|causeway|junction|manor|estates?|wharf|quay|bend|brook|creek|cove|harbou?r"
    r"|valley|springs|knoll|summit|bypass|wynd|chase|rise|croft|parade|esplanade|circus"
    r"|view|vista|villas|green|hill|gate|fields|common|commons"
    # and Australian road types (street_suffix.AU_TYPES)
    r"|concourse|grange|piazza|promenade|brae|glade|vale|laneway|walkway|colonnade)"
)
# The end of the clause the street closes.
_END = (
    r"(?=[ \t]*(?:[,;()|]|\r?\n|\\n|$|[.!?]+(?:\s|$)"
    r"|[ \t](?:in|near|since|last|next)\b|[ \t]+" + UNIT_PIECE + ")" + ")"
)
_TYPE_LAST = re.compile(  # (a house number's other half glued to it: "73/9 brenda piazza")
    rf"(?<![\w.,:/-]){_NUM}(?:[/-]\d{{1,4}})?[ \t]+{_NAME_WORDS}[ \t]+{_MORE_TYPES}\b\.?{_END}"
)
# Street types that come first (Romance, Slavic, Hungarian, Portuguese, Catalan, French).
_FIRST_TYPES = (
    r"(?:rue|avenue|av\.|avda\.?|avenida|boulevard|bd|blvd|cours?|chemin|allée|impasse|quai"
    r"|venelle|voie|promenade|prom\.|viale|corso|piazza|piazzale|vicolo|largo|strada|calle"
    r"|carrer|camino|carretera|paseo|ronda|travesía|rúa|rua|estrada|travessa|praça|alameda"
    r"|rodovia|ladeira|ulica|ul\.|aleja|al\.|náměstí|nábřeží|třída|utca|útja|körút"
    r"|strada|bulevardul|str\.|calea|sokak|caddesi"
    # Latin American, Romanian, Indonesian, Italian types of Faker's and mimesis' streets
    r"|diagonal|diag\.|transversal|carrera|cl\.|cr\.|jl\.|jln\.|jalan|gg\.|aleea|soseaua"
    r"|drumul|intrarea|stretto|borgo|setor|pasaje|privada|cerrada|periférico|callejón|andador"
    r"|circuito|prolongación"
    # more of the types that come first, of the providers' formats (Faker's es_ES, es_MX,
    # pt_BR, pl_PL, el_GR, uk_UA, vi_VN, ms_MY street prefixes), no English words among them
    r"|acceso|calzada|cañada|circunvalación|continuación|corredor|cuesta|glorieta|pasadizo"
    r"|peatonal|psje\.|rambla|retorno|urbanización|viaducto|viaduto|ampliación|chácara"
    r"|colônia|condomínio|conjunto|distrito|esplanada|estação|fazenda|jardim|lagoa|loteamento"
    r"|núcleo|passarela|pátio|praia|quadra|recanto|residencial|sítio|trecho|trevo|vereda|viela"
    r"|vila|plac|lorong|λεωφόρος|λεωφ\.|πλατεία|πάροδος|вулиця|провулок|проспект|площа"
    r"|набережна|шосе|узвіз|đường|phố|ngõ|hẻm)"
)
# A house-number mark before the number: "diagonal resistencia n° 782", "jl. merdeka no. 14".
_MARK = r"(?:(?:n[°º]|nº|no\.|nr\.|#)[ \t]*)?"
# A second number after the house number, marked, as Colombian and other Latin American
# addresses give the cross street and the distance from it: "carrera 76w # 52-99 sur", "cl. 23
# # 9-6 sur", "boulevard 8 n° 345".
_SECOND = (
    r"(?:[ \t]+bis)?(?:[ \t]*(?:n[°º]|nº|no\.|#)[ \t]*\d{1,4}[a-z]?(?:[ \t]*-[ \t]*\d{1,4})?"
    r"(?:[ \t]+(?:sur|este|norte|oeste))?)?"
)
_AMBIGUOUS_FIRST = r"(?:via|place|route|plaza|square|parc)"
_PARTICLE = r"(?:de|del|della|delle|dei|degli|di|da|das|dos|do|du|des|la|le|les|san|santa|sant'|st)"
_FIRST_WORDS = rf"{_NAME_WORD}(?:,?[ \t]+{_NAME_WORD}){{0,3}}"
_TYPE_FIRST = re.compile(
    rf"(?<![\w.,:/-])(?:"
    # "calle averroes, 1386", "rua 12", "via della spiga 12"
    rf"(?:{_FIRST_TYPES}(?:[ \t]+{_FIRST_WORDS})?|{_AMBIGUOUS_FIRST}[ \t]+{_PARTICLE}[ \t]+"
    rf"{_FIRST_WORDS}),?[ \t]+{_MARK}{_NUM}\b\.?(?:[ \t][a-z]\b)?{_SECOND}{_END}"  # "av. 144 b"
    # "1221 avenue des bateliers", "447 via degli altopascio" (not "5 via email": an English
    # type word needs a particle; names after it are address_lower_run's); after a number of
    # two digits or more a function word ends it too ("1273 cours de la res des jardins for
    # post mail"; not "5 rue tickets for the show")
    rf"|{_NUM},?[ \t]+(?:{_FIRST_TYPES}|{_AMBIGUOUS_FIRST}[ \t]+{_PARTICLE})[ \t]+{_FIRST_WORDS}"
    rf"{_END}"
    rf"|\d{{2,5}}[a-z]?,?[ \t]+(?:{_FIRST_TYPES}|{_AMBIGUOUS_FIRST}[ \t]+{_PARTICLE})[ \t]+"
    rf"{_FIRST_WORDS}(?=[ \t]+(?:for|and|to|at|on|from|with|is|was|after|until|by)\b)"
    r")"
)

# A line of words and a building number, then (a city line and) a line of a city and a postal
# code: "turovecká 911\nchrudim 623 68", "rua jesús soria, 28\nbadalona 84438".
_BREAK = r"[ \t]*(?:\r?\n|\\n)[ \t>]*"
_PLACE = r"[^\W\d_][\w'’.-]*(?:[ \t]+[^\W\d_][\w'’.-]*){0,3}"
_STREET_LINE = re.compile(
    rf"(?:^|(?<=\\n)|(?<=[\n>]))[ \t]*{_PLACE},?[ \t]+{_NUM}\.?{_BREAK}(?:{_PLACE}{_BREAK})?"
    rf"{_PLACE},?[ \t]+(?:\d{{3}}[ \t]\d{{2}}|\d{{2}}-\d{{3}}|\d{{5}}(?:-\d{{3,4}})?)"
    r"[ \t]*(?=\r?\n|\\n|$)"
)

# A place preposition, then a building number and words, or words and a number of three digits
# or more (a version is short: "centos 7"); the words are checked by _named_street.
_AT = r"\b(?:at|to|on|from|near|of)[ \t]+"
_RUN = r"[^\W\d_][\w'’.-]*(?:[ \t]+[^\W\d_][\w'’.-]*){0,3}"
_AT_NUMBER = re.compile(rf"{_AT}(?P<n>{_NUM})[ \t]+(?P<w>{_RUN})")
_AT_NAME = re.compile(rf"{_AT}(?P<w>{_RUN})[ \t]+(?P<n>\d{{3,5}}[a-z]?)\b(?![.,]?\d)")
# A street type of another language that no English phrase starts with, then a name and no
# number: "the bus station is on rue lévêque", "sent to boulevard guillou", "at rue de la paix"
# (the name checked by _named_street: "rue the day" is English). The types that
# street_words' prefix rule reads whatever follows them ("rua", "calle", "ulica") are not
# repeated here.
_TYPE_NAMED = re.compile(
    r"(?<![\w.,:/-])(?:rue|boulevard|chemin|allée|impasse|quai|piazza|piazzale|vicolo|aleja"
    r"|utca|paseo|camino|calea|sokak|caddesi)[ \t]+"
    r"(?:(?:de|du|des|la|le|del|della|da|do|dos|di)[ \t]+|l['’]|d['’]){0,2}"
    rf"(?P<w>{_RUN})"
)
# The particles of a street's name (address_lower_run's list) and the Roman numerals after it.
_STREET_PARTICLES = PARTICLES | {"ii", "iii"}

PATTERNS = (_TYPE_LAST, _TYPE_FIRST, _STREET_LINE, _AT_NUMBER, _AT_NAME, _TYPE_NAMED)
"""The patterns of :func:`lower_street_spans` (run through the classifier's prefilter)."""


def lower_street_spans(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of the streets of the module docstring in ``text`` (all lower case)."""
    spans = [
        m.span()
        for pattern in PATTERNS[:3]
        for m in finditer(pattern, text)
        if text[max(0, m.start() - 3) : m.start() + 3] != "et al."  # a citation, no aleja
    ]
    for m in finditer(_AT_NUMBER, text):
        n = _named_street(m.group("w"), whole=False)
        if n:
            spans.append((m.start("n"), m.start("w") + n))
    for m in finditer(_AT_NAME, text):
        if _named_street(m.group("w"), whole=True):
            spans.append((m.start("w"), m.end("n")))
    for m in finditer(_TYPE_NAMED, text):
        n = _named_street(m.group("w"), whole=False)
        if n:
            spans.append((m.start(), m.start("w") + n))
    return spans + run_street_spans(text)


def _named_street(words: str, *, whole: bool) -> int:
    """The length of the leading words of ``words`` that name a street: the first no English
    word of four letters or more (in no list, a listed name, or letters English does not use),
    the next ones such words or particles (``achter de hoven``); with ``whole``, all of them
    must be (0 if not)."""
    lex = token_lexicon()
    end = 0
    for k, w in enumerate(_TOKEN.finditer(words)):
        low = w.group().rstrip(".,")
        if k and low in _STREET_PARTICLES:
            continue
        if not _foreign(lex, low):
            if whole or not end:
                return 0
            break
        end = w.start() + len(low)
    return end


def _foreign(lex: TokenLexicon, word: str) -> bool:
    if len(word) < 4 or not word.replace("'", "").replace("’", "").replace("-", "").isalpha():
        return False
    if word in lex.vocab or word in lex.common:
        return False  # an English word, even a listed name ("first", "page")
    return lex.kind(word) is not Kind.WORD or not word.isascii()


_TOKEN = re.compile(r"\S+")
