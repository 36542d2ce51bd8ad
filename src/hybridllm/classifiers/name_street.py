"""A PERSON finding that is the name part of a street: the whole street becomes the finding.

Streets are named after people and places, so the name rules often find a street's name part
alone (``Portugeesstraat``, ``Sigrid Undsets``, ``Muro Linari`` in ``Via degli Muro Linari``)
and leave its house number and street-type words: a partial mask, which is a leak (issue 12,
"a redacted address keeps no house number or street"). :func:`street` grows such a finding over
what stands next to it on its line:

- before it: street-type words and particles (``Via degli``, ``Rúa de``, ``Prom.``), then a
  house number (``1226``, ``42``);
- after it: street-type words (``allee``, ``maantee põik``, ``ulica``), then a house number,
  with or without a comma (``Löberöd 27``, ``Calle Casona, 781``).

It becomes a STREET_ADDRESS only with a house number, and only where an address is spoken of:
an address word before it (``at``, ``to``, ``moved to``, ``address``, ``deliver``, ...; also on
the line after ``Deliver to:``) or a street-type word in the span. Without either, a found
name that no list holds (a street's name part: ``Kuželníkova``) still does with a house number
that ends its field (``Kuželníkova 680, Tengen``) or leads its line, or one of three digits or
more after ``at``. ``Smith 2 times``, ``Jan 14``, ``Table 2: Mr. Tafoya``, an age after a comma
(``Věra Raisová, 54,``), a year, a time (``15:16 Berlin Hbf``) or a numbered list (``Krøyer
3.``) stay as they were.
"""

from __future__ import annotations

import re

from hybridllm.classifiers.name_tokens import FUNCTION_WORDS, TokenLexicon
from hybridllm.models import Finding

__all__ = ["street"]

_PREFIX = (
    r"(?:Via|Viale|Vicolo|Piazza|Piazzale|Corso|Largo|Strada|Place|Route|Plaza|Avenue|Boulevard"
    r"|Rua|Rúa|Avenida|Av\.|Avda\.?|Calle|C/|Carrer|Camino|Paseo|Praça|Travessa|Estrada|Rue|Bd\.?"
    r"|Chemin|Allée|Impasse|Quai|Cours|Prom\.|Promenade|ul\.|ulica|Ulica|al\.|aleja|os\.|pl\.|Plac"
    r"|Sokak|Caddesi|Ulitsa|Bulevar|Trg|Cesta|Ulice|Náměstí|St\.|Sankt|Sint|Saint|Sv\.)"
)
_PARTICLE_WORDS = frozenset(
    "de da do das dos del della delle degli dei di du des la le les el van von der".split()  # noqa: SIM905
)
_PARTICLE = "(?:" + "|".join(sorted(_PARTICLE_WORDS)) + ")"
_TYPE_AFTER = (
    r"(?i:stra(?:ß|ss)e|str\.|weg|gasse|platz|allee|ring|damm|laan|straat|gracht|plein|kade"
    r"|veien|vegen|veg|vei|gata|gatan|gate|vägen|väg|gränd|gade|vej|landevej|allé|stræde|katu"
    r"|tie|kuja|tee|maantee|põik|tänav|puiestee|iela|gatvė|utca|u\.|út|tér|köz|körút|ulica"
    r"|ulice|náměstí|cesta|sokak|sokağı|caddesi|bulvarı|street|st\.?|road|rd\.?|avenue|ave\.?"
    r"|lane|drive|court|way|place|square|terrace|close|crescent|alley|mall)"
)
_BEFORE = re.compile(
    rf"(?:(?<![\w.])(?P<num>\d{{1,5}}[A-Za-z]?)[ \t]+)?"
    rf"(?P<words>(?:{_PREFIX}[ \t]+)?(?:{_PARTICLE}[ \t]+){{0,2}})\Z"
)
_AFTER = re.compile(
    rf"(?P<words>(?:[ \t]+{_TYPE_AFTER}(?![\w'’-])){{0,2}})"
    r"(?:,?[ \t]+(?P<num>\d{1,5}[a-zA-Z]?)"
    # the number ends the clause or comes before a function word: not "Smith 2 times",
    # no decimal, date or time
    r"(?=(?:[,;)]|:(?!\d)|\.(?!\d))(?![ \t]*\d)|[ \t]*(?:\n|\\n|$)|[ \t]+(?P<next>[a-z]+)\b))?"
)
# Where an address is spoken of: a strong word (lives, moved, address, deliver, ...), a block
# label on the line before ("Deliver to:"), or a weak preposition (at, on, to, from).
_STRONG = (
    r"rent(?:s|ed|ing)?|lives?|living|moved|moving|address|located|deliver(?:ed|y)?|ship(?:ped)?"
)
_CUE = re.compile(
    rf"(?i:\b(?:(?P<strong>{_STRONG})(?:[ \t]+(?:to|at|in|on|into))?|(?P<weak>at|on|to|from))"
    r"[ \t]*(?P<label>:[ \t]*(?:\n|\\n))?[ \t]*(?:the[ \t]+)?)\Z"
)
_PREFIX_AT = re.compile(_PREFIX)


def _endings() -> tuple[str, ...]:
    """Lower-case endings a word must have for :data:`_BEFORE` to match more than nothing: a
    street-type word before a name or a particle (with and without its optional dot)."""
    forms: list[str] = list(_PARTICLE_WORDS)
    for alt in _PREFIX.removeprefix("(?:").removesuffix(")").split("|"):
        if alt.endswith("\\.?"):
            forms += [alt[:-3].lower(), alt[:-3].lower() + "."]
        else:
            forms.append(alt.replace("\\.", ".").lower())
    return tuple(sorted(set(forms)))


_BEFORE_ENDINGS = _endings()
_DIGIT = re.compile(r"\d")
_SUFFIXED = re.compile(rf"\w{{3}}{_TYPE_AFTER}\Z")  # "Portugeesstraat", "Disenveien"
_YEAR = re.compile(r"(?:19|20)\d\d")
_COUNTED = re.compile(r"[a-z]+s|percent|pm|am|x|min|mins|hrs?|kg|km|mi|ft|mg|ml")
_FIELD_START = re.compile(r"(?:^|[,(\n]|(?<!\d):)[ \t]*\Z")  # not a time's "15:16"
_FIELD_END = re.compile(r"[ \t]*(?:,|\n|\\n|\Z)")
_MONTH = re.compile(r"(?i:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?")
_REACH = 48


def _placey(span: str, lex: TokenLexicon) -> bool:
    """Whether a found name has a word that is no listed given name or surname (a street's
    name part: ``Beethovengang``, ``Ifenpfad``), particles and initials aside."""
    words = [w.strip(".,'’").lower() for w in span.split()]
    return any(
        len(w) > 1 and w not in _PARTICLE_WORDS and w not in lex.first and w not in lex.last
        for w in words
    )


def _before(text: str, line: int, start: int) -> re.Match[str] | None:
    """:data:`_BEFORE` searched in ``text[line:start]``, or None where it can match nothing
    but the empty string (the same to :func:`street`). Every longer match ends in a space or
    tab right after a house number, a street-type word or a particle: when the word before
    ``start`` has no digit and no such ending, the search (which tries every position of the
    window, ~10 us) is not run."""
    end = start
    while end > line and text[end - 1] in " \t":
        end -= 1
    if end in (start, line):
        return None
    word = text[max(text.rfind(" ", line, end), text.rfind("\t", line, end), line - 1) + 1 : end]
    if _DIGIT.search(word) is None and not word.lower().endswith(_BEFORE_ENDINGS):
        return None
    return _BEFORE.search(text, line, start)


def street(text: str, f: Finding, lex: TokenLexicon) -> Finding:
    """``f`` grown into the street it names, as a STREET_ADDRESS (see the module docstring);
    ``f`` itself when it is no street's name or no house number is next to it."""
    if f.entity_type != "PERSON" or _MONTH.fullmatch(text, f.start, f.end):
        return f
    line = max(text.rfind("\n", max(0, f.start - _REACH), f.start) + 1, f.start - _REACH, 0)
    after = _AFTER.match(text, f.end)
    # Most names have no number beside them: no search before it then (a search anchored at
    # its end tries every position of the window).
    if _DIGIT.search(text, line, f.start) is None and (after is None or after.group("num") is None):
        return f
    before = _before(text, line, f.start)
    nxt = after.group("next") if after is not None else None
    # A word after the number other than a function word: "Smith 2 times" is no street; after
    # a word no list names an adverb or a verb may follow, where an address is spoken of
    # ("at Beethovengang 148 now", "Ifenpfad 680 is where I live"), a counted plural never.
    loose = bool(nxt) and nxt not in FUNCTION_WORDS
    placey: bool | None = None  # read from the lists only where it is needed
    if loose:
        placey = _placey(text[f.start : f.end], lex)
        if not placey or _COUNTED.fullmatch(nxt or ""):
            after = None
    num_before = before is not None and before.group("num") is not None
    num_after = after is not None and after.group("num") is not None
    if not (num_before or num_after):
        return f
    if placey is None:
        placey = _placey(text[f.start : f.end], lex)
    start = before.start() if before is not None and before.group() else f.start
    end = after.end("num") if num_after and after is not None else f.end
    if after is not None and not num_after and after.group("words"):
        end = after.end("words")
    typed = bool(
        (before is not None and _PREFIX_AT.match(before.group("words")))
        or (after is not None and after.group("words").strip())
        or _SUFFIXED.search(text, f.start, f.end)
    )
    cue = _CUE.search(text, max(0, start - 32), start)
    # A number before a bare name needs more than "at" ("meet at 3 John ..." is a time).
    strong = cue is not None and (cue.group("strong") or cue.group("label"))
    # Without a cue, a word no list names and a house number make an address: the number
    # after it ending the clause (no year: "April-June 2020"), or the number leading its line
    # or field ("1080 Xyzstone is where I live"); after a cue, a number of three digits or
    # more before it ("I'm at 478 Xyzstone now"; "at 3" is a time).
    year = num_after and after is not None and _YEAR.fullmatch(after.group("num"))
    alone = placey and (
        (
            num_after
            and after is not None
            and not loose
            and not year
            and "," not in text[f.end : after.start("num")]  # "Věra Raisová, 54, was named"
            and _FIELD_END.match(text, end)
        )
        or (num_before and _FIELD_START.search(text, line, start) is not None)
        or (cue is not None and before is not None and len(before.group("num") or "") >= 3)
    )
    if loose and cue is None and not typed:
        return f
    if not (typed or alone or (strong if num_before and not num_after else cue is not None)):
        return f
    return f.model_copy(
        update={
            "entity_type": "STREET_ADDRESS",
            "start": start,
            "end": end,
            "recognizer": "names+street",
        }
    )
