"""Lower-case streets read from the words next to a building number, not from one street shape.

:mod:`.address_lower` knows a few shapes of a lower-case street (a number, a name and a street
type at a clause end; a street-type word first; a place preposition). Streets of other
frames and other countries fall between them: ``361 fifth run is where i live``, ``990
lombardenstraat is where i live``, ``1276 gullengi is where i live``, ``my house: 5 klaverhei``,
``kolonie sorgenfrei 805 is where i live``. What they share is a building number next to a
short run of words that are a street's name, closed by the end of a clause:

- the run is the words on the number's side up to the first English function word, punctuation
  or line end; after it comes the end of a clause (punctuation, a line end, the text's end or a
  function word: ``is``, ``on``, ``instead``), so the number is no count of a longer phrase
  (``10 hiking trail ideas``);
- the run names a street when its last word (number first) is a street type of the US postal
  standard or a common European type word (``lodge``, ``annex``, ``av``) and the words before
  it are a name, an ordinal or no everyday English word; or a word of it carries a street
  suffix glued to more letters (``lombardenstraat``, ``skanseveien``, ``ifenpfad``); or every
  word is foreign to English (in no English list, or with letters English does not use), a
  listed name or a name particle, and the number stands where a street starts (a line start, a
  colon, a place preposition), is no year, and, after the words, has three digits or more
  (``centos 7`` is a version).

Inside a run, particles (``los``, ``degli``, ``am``, ``tot``) and a foreign type word after a
name (``köz``, ``ulica``, ``väg``) are part of the name; after a first type word that is no
English word (``rua``, ``venelle``) any plain words name the street, after one that is
(``via``, ``plaza``) names or a particle must; one word may qualify the type (``grand rue``,
``alley avenida``). A short number and listed first names alone are an hour and people
(``at 3 John will join``).

A street is masked whole or it leaks: :mod:`.address_widen` grows a found
street over the words of its name left outside it (``Nížinná`` before ``ulica 251``, ``dr.``
before ``kuyperstraat``, a house number after a street that had none), in any text.

In a text all in lower case the run rules apply as they are; in a text with capitals
(``run_street_spans(text, cased=True)``) the street's words must be capitalised (a particle
or a type word may be in lower case), so prose with numbers stays clean; there a street may
also be named after a person (``1221 Paolo Orlando,``: :func:`_named_for`). A literal ``\\n``
of pasted JSON is a line break, a pipe or a bracket starts a street as a line start does.
"""

from __future__ import annotations

import re

from hybridllm.classifiers.address_counts import counted_before, counted_lines, counted_word, year
from hybridllm.classifiers.name_lower_lone import misspelt
from hybridllm.classifiers.name_tokens import Kind, TokenLexicon, token_lexicon
from hybridllm.classifiers.patterns import STREET_TYPES
from hybridllm.classifiers.street_suffix import SUFFIX, glued

__all__ = [
    "AFTER_TYPES",
    "FIRST_TYPES",
    "MAX_BEFORE",
    "MODIFIERS",
    "NUMBER",
    "PARTICLES",
    "REACH",
    "TYPES",
    "end_of_clause",
    "function_word",
    "line_start",
    "namelike",
    "run_street_spans",
    "street_start",
    "word_set",
]

NUMBER = re.compile(
    r"\d(?:(?<=\\n\d)|(?<![\w.,:/#$€£+*-]\d))"
    r"(?:\d{0,4}[a-z]?(?=[ \t]+(?:[^\W\d_]|\d{1,3}(?:st|nd|rd|th)\b))"
    r"|(?:(?<=[^\W\d_][ \t]\d)|(?<=[^\W\d_],[ \t]\d))\d{2,4}[a-z]?)(?![\w%°$€£'’]|[.,:/-]\d)"
)
"""A building-number-shaped number (no decimal, no amount, no part of a code) with a word
right after it, or of three digits or more with a word right before it (a literal ``\\n`` of
pasted JSON before it is a line break). (Its first digit comes before the look-behinds, which
read it too: a pattern that starts with a character class is searched for that class first,
not tried at every position, ~0.3 ms per 10 KB less.)"""


def word_set(words: str) -> frozenset[str]:
    """The set of the space-separated words of ``words``."""
    return frozenset(words.split())


_WORD = re.compile(r"[^\W\d_][\w'’-]*\.?|\d{1,3}(?:st|nd|rd|th)\b")
_GAP = re.compile(r"[ \t]+")
_UNIT_AFTER = re.compile(r"(?i:[ \t]+(?:apt|apartment|suite|ste|unit|flat)\b)")
_END = re.compile(r"[ \t]*(?:[,;()|]|\r?\n|\\n|$|[.!?:](?:\s|$))")
_FUNCTION = word_set(
    "the a an of in on at to for and or but nor with by from into onto over under near since"
    " is are was were be been am pm it its this that these those there here where which who"
    " whom whose what when while my your his her our their i you he she we they me him us them"
    " now then instead today tomorrow yesterday tonight please pls thanks so if not no yes"
    " has have had will would should could can may might must do does did yet also as than"
)
_UNITS = word_set(
    "minute minutes min mins hour hours hr hrs day days week weeks month months year years"
    " time times people person persons step steps mile miles km feet ft meter meters metres"
    " kg lbs lb mg ml gb mb kb tb o'clock o’clock oclock"
)
TYPES = STREET_TYPES | word_set(
    "st rd ave av dr ln ct pl blvd hwy pkwy sq cir ter cres gardens close mews wynd parade"
    " esplanade quay wharf chase rise croft circus villas fields green gate allee allé chaussee"
    " ring gasse platz weg laan kade dijk plein singel steeg maantee põik puiestee tänav"
)
# Types that are also everyday words ("park", "run", "view"): the words before need a name.
_UNAMBIGUOUS = word_set(
    "street st road rd avenue ave av drive dr lane ln boulevard blvd court ct terrace crescent"
    " parkway pkwy highway hwy allee allé chaussee gasse platz"
)
PARTICLES = word_set(
    "de del della dei degli dello di da das dos do du des la le les el los las lo il gli van"
    " von der den ten ter te het tot aan op bij am an im auf zu y e i za na nad pod pri u v"
    " san santa sankt sint st. dr."
)
# Street types that follow the name, foreign to English ("vörösmarty köz 676", "karin
# månsdotters väg 960", "nížinná ulica 251"): a run of names may hold one.
AFTER_TYPES = word_set(
    "köz út utca útja tér sor körút ulica ulice väg vägen gata gatan gade vej tee tänav põik"
    " iela katu kuja polku cesta sokak sokağı caddesi bulvarı"
)
# Words that qualify a street-type word before it ("grand rue", "petite rue").
MODIFIERS = word_set("grand grande petit petite vieille vieux haute basse")
# Street-type words that come first (Romance, Slavic, Hungarian): "489 via degli landriano".
FIRST_TYPES = word_set(
    "rue avenue avenida boulevard chemin allée impasse quai venelle voie promenade viale corso"
    " piazza piazzale vicolo largo strada calle carrer camino carretera paseo ronda travesía rúa"
    " rua estrada travessa praça alameda rodovia ladeira ulica aleja náměstí nábřeží třída utca"
    " bulevardul calea sokak caddesi via avenija plaza laan place route square parc cours montée"
)
# First types that are English words too ("5 via email", "at 8 place settings"): the name
# after them must be a name, or start with a particle ("via della spiga").
_AMBIGUOUS_FIRST = word_set("via place plaza route largo corso square parc cours")
_ORDINALS = word_set(
    "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth"
)
_STARTS = word_set("at to from on near of find address")
_THEN = word_set("last next since until")  # "we moved to san luis 1105 last month"
_ARTICLE = re.compile(r"(?<![\w'’])(?:[Tt]he|[Aa]n?)[ \t]+\Z")
_ROMAN = word_set("ii iii iv vi vii viii")
_LOWER_OK = PARTICLES | TYPES | AFTER_TYPES  # words of a capitalised street in lower case
_MAX_WORDS = 4
MAX_BEFORE = 6  # before a number the run may hold a type word, a modifier and a full name
REACH = 80  # characters before a number that its street's words may take


def run_street_spans(text: str, *, cased: bool = False) -> list[tuple[int, int]]:
    """``(start, end)`` of the streets of the module docstring in ``text``: all in lower case,
    or with ``cased`` a text with capitals, where a street's words must be capitalised."""
    lex = token_lexicon()
    spans = []
    for m in NUMBER.finditer(text):  # a plain scan: the prefilter would try every digit
        after = _after(text, m.end())
        if (
            after
            and end_of_clause(text, after[-1][1])
            and (not cased or _capitalised(text, after))
            and not _one_counted_word(text, after, m.group(), m.start(), cased)
            and (_names_street(lex, after, m, text) or (cased and _named_for(lex, after, m, text)))
        ):
            spans.append((m.start(), after[-1][1]))
            continue
        if year(m.group()) or not end_of_clause(text, m.end()) or _HEADING.match(text, m.end()):
            continue
        # a number of one or two digits only after a street-type word ("rua edmundo lins 48")
        short = len(m.group().rstrip("abcdefghijklmnopqrstuvwxyz")) < 3
        if cased and not _capital_before(text, m.start()):
            continue  # most numbers of a log or code paste: no capitalised word before them
        before = _before(text, m.start())
        start = _names_street_before(lex, before, text, short) if before else -1
        if start >= 0 and (not cased or _capitalised(text, [w for w in before if w[0] >= start])):
            spans.append((start, m.end()))
    return spans


_JOIN = "'’-."
# A colon right after the number: a numbered heading ("Câu 115a: Một bình", "Frage 3:"),
# no street before it.
_HEADING = re.compile(r":(?:[ \t]|$)")


def _one_counted_word(
    text: str, after: list[tuple[int, int]], number: str, at: int, cased: bool
) -> bool:
    """One word, no street type, after a one-digit number: see :func:`.counted_word`; in a
    text all in lower case not at a line's start (``5 klaverhei is where i live``), but after
    a word (``i 8 stihova. 2 katrena.``)."""
    word = text[after[0][0] : after[0][1]].rstrip(".").lower()
    if len(after) != 1 or word in TYPES or SUFFIX.match(word):
        return False
    if not cased and not text[line_start(text, at) : at].strip(" \t"):
        return False
    return counted_word(text, number, at)


def _capital_before(text: str, at: int) -> bool:
    """Whether the word right before ``at`` (a comma and spaces between) may end a
    capitalised street name: it starts with a capital, or is a lower-case street-type word
    (``Nížinná ulica``); a cheap check before :func:`_before` reads the words."""
    end = at
    while end and text[end - 1] in " \t,":
        end -= 1
    start = end
    while (
        start and end - start < REACH and (text[start - 1].isalnum() or text[start - 1] in "'’-.")
    ):
        start -= 1
    literal = text.rfind("\\n", max(0, start - 1), end)
    start = max(start, literal + 2) if literal >= 0 else start  # after a literal "\n"
    word = text[start:end]
    return bool(word) and (word[0].isupper() or word.lower().rstrip(".") in TYPES)


def _after(text: str, at: int) -> list[tuple[int, int]]:
    """The words after ``at`` on its line, up to a function word or a unit (``apt``, at most
    one more than the run may have)."""
    words: list[tuple[int, int]] = []
    while len(words) <= _MAX_WORDS:
        gap = _GAP.match(text, at)
        if gap is None:
            break
        w = _WORD.match(text, gap.end())
        if w is None or (function_word(w.group()) and not _inner_particle(text, w, words)):
            break
        if words and _UNIT_AFTER.match(text, gap.start()):
            break  # "9885 triin plains apt. 326": the unit follows the street
        words.append((w.start(), w.end() - (w.group().endswith(".") and w.end() < len(text))))
        at = w.end()
        if w.group().endswith("."):
            break
    return words if len(words) <= _MAX_WORDS else []


def _before(text: str, at: int) -> list[tuple[int, int]]:
    """The words right before ``at`` on its line (a comma may stand before the number), back
    to a function word, a line or sentence start or punctuation; ``[]`` if more than a street
    has."""
    end = at
    while end and text[end - 1] in " \t":
        end -= 1
    if end and text[end - 1] == ",":
        end -= 1
    words: list[tuple[int, int]] = []
    line = line_start(text, end)
    for w in reversed(list(_WORD.finditer(text, line, end))):
        stop = w.end() if not words else words[0][0]
        low = w.group().lower()
        if text[w.end() : stop].strip(" \t"):
            break
        if low in _STARTS or (low.rstrip(".") in _FUNCTION and not (words and low in PARTICLES)):
            break  # "find" or "address" is where the street starts
        if low.endswith(".") and low not in PARTICLES and (words or w.end() < end):
            break  # a full stop ends the sentence before the street
        words.insert(0, (w.start(), w.end()))
        if len(words) > MAX_BEFORE:
            return []
    while words and function_word(text[words[0][0] : words[0][1]]):
        words.pop(0)  # "am" or "do" is a particle only inside a name ("Neustift am Walde")
    return words


def line_start(text: str, at: int) -> int:
    """Where the line of ``at`` starts, a literal ``\\n`` of pasted JSON counted as a line
    break, at most :data:`REACH` characters back."""
    literal = text.rfind("\\n", 0, at)
    return max(text.rfind("\n", 0, at) + 1, literal + 2 if literal >= 0 else 0, at - REACH)


def function_word(word: str) -> bool:
    """Whether ``word`` is an English function word (``is``, ``on``, ``the``)."""
    return word.rstrip(".").lower() in _FUNCTION


def _inner_particle(text: str, w: re.Match[str], words: list[tuple[int, int]]) -> bool:
    """Whether ``w``, a function word after a run's first word, is a particle inside a name:
    a plain word follows it (``quintanilha do sul``, ``neustift am walde``)."""
    if not words or len(w.group()) < 2 or w.group().lower() not in PARTICLES:
        return False
    gap = _GAP.match(text, w.end())
    nxt = _WORD.match(text, gap.end()) if gap else None
    return nxt is not None and not function_word(nxt.group()) and nxt.group()[0].isalpha()


def _capitalised(text: str, words: list[tuple[int, int]]) -> bool:
    """Whether each word is capitalised (a particle, a type, a suffix or an ordinal may be
    lower case: ``Väina tee park``, ``8th Av``)."""
    return any(text[a].isupper() for a, _ in words) and all(
        (text[a].isupper() and (text[a:b].isupper() or _title(text[a:b])))
        or text[a].isdigit()
        or text[a:b].lower().rstrip(".") in _LOWER_OK
        for a, b in words
    )


def _title(word: str) -> bool:
    """A capitalised word, each part of a hyphenated one too (``Syðra-Kolugil``)."""
    return all(part[:1].isupper() and part[1:] == part[1:].lower() for part in word.split("-"))


def street_start(text: str, at: int, *, comma: bool = True) -> bool:
    """Whether a street may start at ``at``: a line or sentence start, a colon, a column,
    a bracket or, with ``comma``, a comma (``|``, ``(``, ``Ana Gil, Bôrik 915``; not after a
    counted thing: ``3 reels, 4 Carousels``), a place word or a function word before."""
    head = text[max(0, at - 24) : at].rstrip(" \t")
    if not head or head.endswith((":", "\n", "\\n", ">", "-", "*", ".", "!", "?", "|", "(", ";")):
        return True
    if comma and head.endswith(","):
        return True
    parts = head.rsplit(None, 1)
    if not parts:
        return True  # only white space before ("\r", a no-break space): a line start
    last = parts[-1].lower()
    return last in _STARTS or last in _FUNCTION


def end_of_clause(text: str, at: int) -> bool:
    """Whether a clause ends at ``at``: punctuation, a line end, the end, or a function word."""
    if _END.match(text, at) or _UNIT_AFTER.match(text, at):
        return True  # punctuation, a line end, a unit ("2076 pin oak drive apt. 5")
    gap = _GAP.match(text, at)
    w = _WORD.match(text, gap.end()) if gap else None
    return w is not None and (function_word(w.group()) or w.group().lower() in _THEN)


def _names_street(
    lex: TokenLexicon, words: list[tuple[int, int]], number: re.Match[str], text: str
) -> bool:
    """Whether the words after a number name a street (see the module docstring)."""
    toks = [text[a:b].rstrip(".").lower() for a, b in words]
    if any(t in _UNITS for t in toks):
        return False
    if any(glued(lex, t) for t in toks):
        return True
    last, lead = toks[-1], toks[:-1]
    if last in TYPES and lead:
        if last in _UNAMBIGUOUS and all(_plain(t) for t in lead):
            return True
        return any(namelike(lex, t) or t in _ORDINALS or t[0].isdigit() for t in lead) and all(
            _plain(t) for t in lead
        )
    if (
        year(number.group())
        or number.group().startswith("0")
        or not street_start(text, number.start(), comma=not counted_before(text, number.start()))
        or counted_lines(text, number.start())
        or _time_and_name(lex, toks, number.group())
    ):
        return False
    first = _first_type(lex, toks)
    return _typed_name(lex, toks[first:]) if first >= 0 else _all_names(lex, toks)


def _named_for(
    lex: TokenLexicon, words: list[tuple[int, int]], number: re.Match[str], text: str
) -> bool:
    """Whether capitalised words after a number are a street named after a person (``1221
    Paolo Orlando,``, ``- 949 Christoffer Hellums,``): two or more words that a name list holds
    (particles between), at most one of them an everyday word, a number of two digits or more
    that is no year, where a street starts (not after an article), in no counted list. Not
    ``12 Angry Men,`` or ``a 12 Week Course`` (English words), ``the 557 Super Mario Game``,
    ``1 John Smith`` in a numbered list."""
    toks = [text[a:b].rstrip(".").lower() for a, b in words]
    names = [t for t in toks if t not in PARTICLES]
    digits = number.group().rstrip("abcdefghijklmnopqrstuvwxyz")
    if len(names) < 2 or len(digits) < 2 or year(digits) or digits.startswith("0"):
        return False
    if not street_start(
        text, number.start(), comma=not counted_before(text, number.start())
    ) or counted_lines(text, number.start()):
        return False
    if _ARTICLE.search(text, max(0, number.start() - 5), number.start()):
        return False  # "it is the 557 Super Mario Game": an ordinal or a count
    return (
        all(
            namelike(lex, t) or ((t in lex.first or t in lex.last) and lex.kind(t) is not Kind.WORD)
            for t in names
        )
        and sum(t in lex.common for t in names) <= 1
    )


def _time_and_name(lex: TokenLexicon, toks: list[str], number: str) -> bool:
    """Whether a short number and listed person names only are an hour and the people met
    then (``meet at 3 John will join``), no street."""
    return len(number) < 3 and all(
        t in PARTICLES or (t in lex.vocab and lex.kind(t) is Kind.NAME) for t in toks
    )


def _first_type(lex: TokenLexicon, toks: list[str]) -> int:
    """The index of a street-type word that comes first (``rua``, ``avenue``) with words after
    it, first in ``toks`` or after one word that qualifies it (``grand rue``, ``alley
    avenida``, ``rotatória rua``); -1 if none."""
    for i, t in enumerate(toks[:-1]):
        if t in FIRST_TYPES:
            return i
        if i or not (t in MODIFIERS or t in TYPES or namelike(lex, t)):
            return -1
    return -1


def _typed_name(lex: TokenLexicon, toks: list[str]) -> bool:
    """Whether the words after a first street-type word name a street: any plain words after
    an unambiguous type or a particle (``venelle du sans souci``, ``rua central``), names after
    one that is an English word too (``via luigi concetti``; not ``via email``)."""
    rest = toks[1:]
    if toks[0] not in _AMBIGUOUS_FIRST or rest[0] in PARTICLES:
        return all(_plain(t) for t in rest)
    return _all_names(lex, rest, loose=True)


def _names_street_before(
    lex: TokenLexicon, words: list[tuple[int, int]], text: str, short: bool
) -> int:
    """The start of the words before a number that name a street (-1 if none do): from the
    first word with a street suffix, or the longest run of foreign words, particles and
    type words after a name right before the number, and the foreign words and particles
    before those; or from a first street-type word (and a word that qualifies it) if only
    plain words follow it; where a street starts. A ``short`` number needs the type word."""
    toks = [text[a:b].rstrip(".").lower() for a, b in words]
    if any(t in _UNITS for t in toks):
        return -1
    suffixed = [i for i, t in enumerate(toks) if glued(lex, t)]
    k = suffixed[0] if suffixed else len(toks)
    while k and _name_part(lex, toks, k - 1):
        k -= 1
    typed = [i for i, t in enumerate(toks[:-1]) if t in FIRST_TYPES and _typed_name(lex, toks[i:])]
    if typed and typed[-1] < k:
        k = typed[-1]  # "rua central 1013": what follows an unambiguous type is its name
    elif k > 0 and toks[k - 1] in FIRST_TYPES:
        k -= 1
    if 0 < k < len(toks) and toks[k] in FIRST_TYPES and _first_type(lex, toks[k - 1 :]) == 1:
        k -= 1  # "alley avenida presidente kennedy 401"
    if short and not (typed and k <= typed[-1]) and toks[-1] not in AFTER_TYPES and not suffixed:
        return -1
    if all(t in PARTICLES for t in toks[k:]) or not street_start(text, words[k][0]):
        return -1
    return words[k][0]


def _name_part(lex: TokenLexicon, toks: list[str], i: int) -> bool:
    """Whether ``toks[i]`` may be part of a street's name before its number: a particle, a
    word foreign to English, a type word after a name (``köz``, ``ulica``) or a short word
    next to a particle (``trojes del sol``, ``ojo de agua``)."""
    t = toks[i]
    if t in PARTICLES or namelike(lex, t):
        return True
    if t in AFTER_TYPES:
        return i > 0 and namelike(lex, toks[i - 1])
    return _beside_particle(toks, i) and _plain(t) and t.isalpha()


def _plain(word: str) -> bool:
    return word not in _FUNCTION and word not in _UNITS


def _all_names(lex: TokenLexicon, toks: list[str], *, loose: bool = False) -> bool:
    """Every word foreign to English, a listed name or a particle (or a short word beside a
    particle), and one no particle; with ``loose`` a name that is an English word too
    (``luigi``) counts as a name but does not make one alone."""
    named = False
    for i, t in enumerate(toks):
        if t in PARTICLES or (i and t in _ROMAN):
            continue  # "1131 hlíð ii": a numeral after the name
        if namelike(lex, t):
            named = True
        elif loose and t in lex.vocab and lex.kind(t) in (Kind.AMBIGUOUS, Kind.NAME):
            continue  # "via luigi concetti", "via alberto goi"
        elif not (_beside_particle(toks, i) and _plain(t) and t.isalpha()):
            return False
    return named


def _beside_particle(toks: list[str], i: int) -> bool:
    """Whether a particle stands right before or after ``toks[i]`` inside the run."""
    # one letter ("i", "e", "y") is a pronoun or a conjunction as often: "hvammsgerði i think"
    return (i > 0 and len(toks[i - 1]) > 1 and toks[i - 1] in PARTICLES) or (
        i + 1 < len(toks) and len(toks[i + 1]) > 1 and toks[i + 1] in PARTICLES
    )


def namelike(lex: TokenLexicon, word: str) -> bool:
    """A word of four letters or more that is no English word: in no list, a listed name or
    a place, or with letters English does not use."""
    bare = word.replace("'", "").replace("’", "").replace("-", "")
    if len(bare) < 3 or not bare.isalpha():
        return False
    if not bare.isascii():
        return word not in lex.vocab  # "pál", "ignác"; not "são" or "café"
    if len(bare) < 4:
        return False
    if word in lex.common:
        return False
    if word in lex.vocab:
        return lex.kind(word) is Kind.NAME
    # a misspelt word ("tabels", "terorists") reads as no name either, nor the plural of a
    # word ("carousels")
    plural = word.endswith("s") and word[:-1] in lex.vocab and lex.kind(word[:-1]) is Kind.WORD
    return not plural and not misspelt(word, lex)
