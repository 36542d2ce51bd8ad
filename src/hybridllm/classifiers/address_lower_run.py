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

Applied only to text with no upper-case letter, like the rest of :mod:`.address_lower`.
"""

from __future__ import annotations

import re
from importlib import resources

from hybridllm.classifiers.name_lower_lone import misspelt
from hybridllm.classifiers.name_tokens import Kind, TokenLexicon, token_lexicon
from hybridllm.classifiers.patterns import HAND_TYPES

__all__ = ["NUMBER", "run_street_spans"]

NUMBER = re.compile(
    r"(?<![\w.,:/#$€£+*-])(?:\d{1,5}[a-z]?(?=[ \t]+(?:[^\W\d_]|\d{1,3}(?:st|nd|rd|th)\b))"
    r"|(?:(?<=[^\W\d_][ \t])|(?<=[^\W\d_],[ \t]))\d{3,5}[a-z]?)(?![\w%°$€£'’]|[.,:/-]\d)"
)
"""A building-number-shaped number (no decimal, no amount, no part of a code) with a word
right after it, or of three digits or more with a word right before it."""


def _words(words: str) -> frozenset[str]:
    return frozenset(words.split())


_WORD = re.compile(r"[^\W\d_][\w'’-]*\.?|\d{1,3}(?:st|nd|rd|th)\b")
_GAP = re.compile(r"[ \t]+")
_END = re.compile(r"[ \t]*(?:[,;()]|\r?\n|\\n|$|[.!?:](?:\s|$))")
_FUNCTION = _words(
    "the a an of in on at to for and or but nor with by from into onto over under near since"
    " is are was were be been am pm it its this that these those there here where which who"
    " whom whose what when while my your his her our their i you he she we they me him us them"
    " now then instead today tomorrow yesterday tonight please pls thanks so if not no yes"
    " has have had will would should could can may might must do does did yet also as than"
)
_UNITS = _words(
    "minute minutes min mins hour hours hr hrs day days week weeks month months year years"
    " time times people person persons step steps mile miles km feet ft meter meters metres"
    " kg lbs lb mg ml gb mb kb tb"
)
_TYPES = (
    frozenset(
        resources.files("hybridllm.classifiers")
        .joinpath("data", "street_types.txt")
        .read_text("utf-8")
        .split()
    )
    | frozenset(HAND_TYPES.lower().split())
    | _words(
        "st rd ave av dr ln ct pl blvd hwy pkwy sq cir ter cres gardens close mews wynd parade"
        " esplanade quay wharf chase rise croft circus villas fields green gate allee allé chaussee"
        " ring gasse platz weg laan kade dijk plein singel steeg"
    )
)
# Types that are also everyday words ("park", "run", "view"): the words before need a name.
_UNAMBIGUOUS = _words(
    "street st road rd avenue ave av drive dr lane ln boulevard blvd court ct terrace crescent"
    " parkway pkwy highway hwy allee allé chaussee gasse platz"
)
_SUFFIX = re.compile(
    r"[^\W\d_]{3,}(?:stra(?:ß|ss)e|straat|weg|gasse|platz|allee|damm|ufer|laan|gracht|plein"
    r"|singel|kade|kaai|dijk|dreef|steeg|brug|veien|vegen|vejen|vej|gade|gata|gatan|vägen"
    r"|väg|gränd|stigen|stígur|braut|vænge|pfad|brücke|stieg|steig|ring|katu|tie|kuja|polku"
    r"|iela|gatvė|utca|ulice|cesta|sokak|sokağı|caddesi)$"
)
_PARTICLES = _words(
    "de del della dei degli di da das dos do du des la le les el van von der den ten ter te"
    " am an im auf zu y e i za na nad pod pri u v san santa sankt sint st. dr."
)
# Street-type words that come first (Romance, Slavic, Hungarian): "489 via degli landriano".
_FIRST = _words(
    "rue avenue avenida boulevard chemin allée impasse quai venelle voie promenade viale corso"
    " piazza piazzale vicolo largo strada calle carrer camino carretera paseo ronda travesía rúa"
    " rua estrada travessa praça alameda rodovia ladeira ulica aleja náměstí nábřeží třída utca"
    " bulevardul calea sokak caddesi via avenija"
)
_ORDINALS = _words(
    "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth"
)
_STARTS = _words("at to from on near of find address")
_MAX_WORDS = 4
_REACH = 80  # characters before a number that its street's words may take


def run_street_spans(text: str, *, cased: bool = False) -> list[tuple[int, int]]:
    """``(start, end)`` of the streets of the module docstring in ``text``: all in lower case,
    or with ``cased`` a text with capitals, where a street's words must be capitalised."""
    lex = token_lexicon()
    spans = []
    for m in NUMBER.finditer(text):  # a plain scan: the prefilter would try every digit
        after = _after(text, m.end())
        if (
            after
            and _end_of_clause(text, after[-1][1])
            and (not cased or _capitalised(text, after))
            and _names_street(lex, after, m, text)
        ):
            spans.append((m.start(), after[-1][1]))
            continue
        if len(m.group().rstrip("abcdefghijklmnopqrstuvwxyz")) < 3 or _year(m.group()):
            continue
        if not _end_of_clause(text, m.end()):
            continue
        before = _before(text, m.start())
        start = _names_street_before(lex, before, text) if before else -1
        if start >= 0 and (not cased or _capitalised(text, [w for w in before if w[0] >= start])):
            spans.append((start, m.end()))
    return spans


def _after(text: str, at: int) -> list[tuple[int, int]]:
    """The words after ``at`` on its line, up to a function word (at most one more than the
    run may have)."""
    words: list[tuple[int, int]] = []
    while len(words) <= _MAX_WORDS:
        gap = _GAP.match(text, at)
        if gap is None:
            break
        w = _WORD.match(text, gap.end())
        if w is None or w.group().rstrip(".").lower() in _FUNCTION:
            break
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
    line = max(text.rfind("\n", 0, end) + 1, end - _REACH)
    for w in reversed(list(_WORD.finditer(text, line, end))):
        stop = w.end() if not words else words[0][0]
        low = w.group().lower()
        if text[w.end() : stop].strip(" \t") or low.rstrip(".") in _FUNCTION:
            break
        if low.endswith(".") and low not in _PARTICLES and (words or w.end() < end):
            break  # a full stop ends the sentence before the street
        words.insert(0, (w.start(), w.end()))
        if len(words) > _MAX_WORDS:
            return []
    return words


def _capitalised(text: str, words: list[tuple[int, int]]) -> bool:
    """Whether each word is capitalised (a particle, a type or a suffix may be lower case)."""
    return any(text[a].isupper() for a, _ in words) and all(
        (text[a].isupper() and (text[a:b].isupper() or text[a + 1 : b].islower()))
        or text[a:b].lower().rstrip(".") in _PARTICLES | _TYPES
        for a, b in words
    )


def _street_start(text: str, at: int) -> bool:
    """Whether a street may start at ``at``: a line or sentence start, a colon, a place word
    or a function word before."""
    head = text[max(0, at - 24) : at].rstrip(" \t")
    if not head or head.endswith((":", "\n", "\\n", ">", "-", "*", ".", "!", "?")):
        return True
    last = head.rsplit(None, 1)[-1].lower()
    return last in _STARTS or last in _FUNCTION


def _end_of_clause(text: str, at: int) -> bool:
    if _END.match(text, at):
        return True
    gap = _GAP.match(text, at)
    w = _WORD.match(text, gap.end()) if gap else None
    return w is not None and w.group().rstrip(".").lower() in _FUNCTION


_COUNTED = re.compile(r"[ \t>*-]*\d{1,3}x?[ \t]+[^\W\d_]")


def _counted_lines(text: str, at: int) -> bool:
    """Whether the line before or after ``at``'s line starts with a count and a word, like
    ``at``'s: a list of counted items (a deck, a recipe), no street."""
    start = text.rfind("\n", 0, at) + 1
    end = text.find("\n", at)
    before = text.rfind("\n", 0, max(0, start - 1)) + 1
    return bool(
        (start and _COUNTED.match(text, before, start))
        or (end >= 0 and _COUNTED.match(text, end + 1))
    )


def _year(number: str) -> bool:
    return len(number) == 4 and number.isdigit() and 1500 <= int(number) < 2100  # "Ayres 1881"


def _names_street(
    lex: TokenLexicon, words: list[tuple[int, int]], number: re.Match[str], text: str
) -> bool:
    """Whether the words after a number name a street (see the module docstring)."""
    toks = [text[a:b].rstrip(".").lower() for a, b in words]
    if any(t in _UNITS for t in toks):
        return False
    if any(_SUFFIX.match(t) for t in toks):
        return True
    last, lead = toks[-1], toks[:-1]
    if last in _TYPES and lead:
        if last in _UNAMBIGUOUS and all(_plain(t) for t in lead):
            return True
        return any(_namelike(lex, t) or t in _ORDINALS or t[0].isdigit() for t in lead) and all(
            _plain(t) for t in lead
        )
    if (
        _year(number.group())
        or number.group().startswith("0")
        or not _street_start(text, number.start())
        or _counted_lines(text, number.start())
    ):
        return False
    if toks[0] in _FIRST and len(toks) > 1:
        toks = toks[1:]
    return _all_names(lex, toks)


def _names_street_before(lex: TokenLexicon, words: list[tuple[int, int]], text: str) -> int:
    """The start of the words before a number that name a street (-1 if none do): from the
    first word with a street suffix, or the longest run of foreign words and particles right
    before the number, and the foreign words and particles before those; where a street
    starts."""
    toks = [text[a:b].rstrip(".").lower() for a, b in words]
    if any(t in _UNITS for t in toks):
        return -1
    glued = [i for i, t in enumerate(toks) if _SUFFIX.match(t)]
    k = glued[0] if glued else len(toks)
    while k and (toks[k - 1] in _PARTICLES or _namelike(lex, toks[k - 1])):
        k -= 1
    if k > 0 and toks[k - 1] in _FIRST:
        k -= 1
    if all(t in _PARTICLES for t in toks[k:]) or not _street_start(text, words[k][0]):
        return -1
    return words[k][0]


def _plain(word: str) -> bool:
    return word not in _FUNCTION and word not in _UNITS


def _all_names(lex: TokenLexicon, toks: list[str]) -> bool:
    """Every word foreign to English, a listed name or a particle, and one no particle."""
    named = False
    for t in toks:
        if t in _PARTICLES:
            continue
        if not _namelike(lex, t):
            return False
        named = True
    return named


def _namelike(lex: TokenLexicon, word: str) -> bool:
    """A word of four letters or more that is no English word: in no list, a listed name or
    a place, or with letters English does not use."""
    bare = word.replace("'", "").replace("’", "").replace("-", "")
    if len(bare) < 4 or not bare.isalpha():
        return False
    if not bare.isascii():
        return True
    if word in lex.common:
        return False
    if word in lex.vocab:
        return lex.kind(word) is Kind.NAME
    # a misspelt word ("tabels", "terorists") reads as no name either
    return not misspelt(word, lex) and not (word.endswith("s") and misspelt(word[:-1], lex))
