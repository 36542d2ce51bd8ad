"""Street addresses found by their context rather than by a street type.

A building number and a street name with no street type (``756 Schofield``, ``749 Oosthoek``,
``Lazna 316``) are not an address core in :mod:`.addresses`: alone they read like ``Windows 10
Pro`` or ``Chapter 5 Introduction``. What makes them one is what stands around them:

- a **secondary unit** (``Apt. 643``, ``Suite 12``, ``Flat 3``) on the line right after, or
  right before on the same line: ``756 Schofield\\n Apt. 643``, ``Apt. 242 346 Rex``;
- an **address label** right before: a form field (``Address:``, ``Adresse:``, ``Anschrift:``,
  ``Dirección:``...) or a phrase that says where someone lives or receives things (``lives at``,
  ``residing at``, ``tenant at``, ``his address:``, ``ship to``, ``deliver to``);
- a **postal-code line** right after (at most a city line between): ``220 Nairn\n Johns Creek,
  GA 30022``.

In a text all in lower case the capitalised cores of :mod:`.addresses` cannot match; there a
number, words and an unambiguous street type (``2076 pin oak drive``), or one word with a
street-type suffix (or one word and the type word) and a number (``marsveien 48``, ``bécsi utca
76.``) are cores too, without the suffixes that end English words (``during``, ``committee``).

The street is a building number and one to four words on one line, or one to four words and a
number. After a phrase label and around a unit the words must be capitalised, unless the whole
text is in lower case (then case tells nothing and the context alone decides); after a form
field label any case goes.

From there the span grows over the block that completes the address (:func:`extend`): pieces
after a comma or a line break (``\\n``, a literal ``\\n``, a quote prefix ``>`` or ``???``) that are
capitalised words, carry a digit (a postcode line), or fill a whole short line; a bounded
lower-case piece only at the end of the sentence. A partial mask is a leak, so the whole block
goes.
"""

from __future__ import annotations

import re

from hybridllm.classifiers.address_lower import PATTERNS as _LOWER_PATTERNS
from hybridllm.classifiers.address_lower import lower_street_spans
from hybridllm.classifiers.address_lower_run import run_street_spans
from hybridllm.classifiers.address_widen import UNIT_PIECE, widen_end, widen_start
from hybridllm.classifiers.patterns import STREET_SUFFIX
from hybridllm.classifiers.prefilter import finditer
from hybridllm.models import Finding, new_finding, replace_finding

__all__ = [
    "PREFILTER_PATTERNS",
    "context_spans",
    "extend",
    "trim_units",
    "widen",
    "with_context",
]

# A building number: "756", "12B", and the forms of Europe and Latin America with a second
# number (a flat, a building's part) after a slash or a hyphen: "14/96", "6b/6", "7-4".
_NUM = r"\d{1,6}[A-Za-z]?(?:[/-]\d{1,4}[A-Za-z]?(?![/-]?\d))?"
_WORD = r"(?:[^\W\d_][\w'’.-]*|\d{1,3}(?:st|nd|rd|th)\b)"  # or an ordinal: "43rd Avenue"
# English function words and units of count: no word of a street's name.
_FUNCTION = (
    r"(?:the|a|an|of|in|on|at|to|for|and|or|with|by|from|my|our|your|his|her|their|its|this"
    r"|that|these|those|is|are|was|were|be|am|pm|but|some|any|all|each|every|no|not"
    # units of time and distance: "in 10 minutes walk", "at 5 miles run" are no streets
    r"|minutes?|mins?|hours?|hrs?|days?|weeks?|months?|years?|miles?|km|steps?|times?)"
)
# One to four words on one line, none after the first an English function word ("1154 8th av
# in london" ends before "in"); not past a full stop after a word of four letters or more
# ("3811 Amersfoort. Call me" is no street; "St. Mary" goes on).
_WORDS = rf"{_WORD}(?:(?<![^\W\d_]{{4}}\.)[ \t]+(?!{_FUNCTION}\b){_WORD}){{0,3}}"
_NUM_STREET = rf"{_NUM}[ \t]+{_WORDS}(?:[ \t]+{_NUM}\b)?"  # "1093 Rua 16" too
_STREET_NUM = rf"{_WORDS},?[ \t]+{_NUM}\b"  # "Incrocio Giovanni, 8" too
# A line break with what may start the next line: spaces, a quote prefix "> " or "??? ".
_BREAK = r"[ \t]*(?:\r?\n|\\n)[ \t]*(?:>|\?{2,3})?[ \t]*"
_UNIT = r"(?:apt|apartment|suite|ste|flat)\.?[ \t]*#?[ \t]*\d{1,6}[A-Za-z]?\b"

# A street, then a unit on the next line or after a comma: "756 Schofield\n Apt. 643".
_STREET_UNIT = re.compile(
    rf"(?:^|(?<=\\n)|(?<=[\n>?]))[ \t]*(?P<s>{_NUM_STREET})(?:{_BREAK}|[ \t]*,[ \t]*)"
    rf"(?P<u>{_UNIT})",
    re.IGNORECASE,
)
# ... or anywhere in a line, after a comma or not: "send it to 028 Rasa Plains Apt. 878", "at
# 4698 jordan roads apt. 619": the street's words no function words ("3 of them apt 2"), the
# unit a word that names nothing else ("flat" is an adjective too).
_STREET_UNIT_INLINE = re.compile(
    rf"(?<![\w.,:/-])(?P<s>{_NUM}(?:[ \t]+(?!{_FUNCTION}\b)[^\W\d_][\w'’-]*\.?){{1,4}})"
    r"[ \t]*,?[ \t]+"
    r"(?P<u>(?:apt|apartment|suite|ste|dpto|depto)\.?[ \t]*#?[ \t]*\d{1,6}[A-Za-z]?\b)",
    re.IGNORECASE,
)
# A unit, then a street on the same line: "Apt. 242 346 Rex".
_UNIT_STREET = re.compile(
    rf"(?<![\w.-])(?P<u>{_UNIT})[ \t]*,?[ \t]+(?P<s>{_NUM_STREET})(?![\w'’-])",
    re.IGNORECASE,
)
# A unit, a comma, then a street with its type and no number: "Flat 20b, Molly Cape",
# "Studio 92z, Knowles Curve" (British usage).
_UNIT_TYPED = re.compile(
    rf"(?<![\w.-])(?P<u>(?i:{_UNIT}|studio[ \t]*\d{{1,6}}[A-Za-z]?\b)),[ \t]+"
    rf"(?P<s>(?:[A-Z][\w'’-]+[ \t]+){{1,3}}{STREET_SUFFIX}\b\.?)"
)
_FIELD = (
    r"(?:(?:home|street|postal|mailing|billing|shipping|delivery)[ \t]+)?address"
    r"|adresse|anschrift|adresa|adres|dirección|direccion|endereço|indirizzo|osoite"
)
_PHRASE = (
    r"(?:lives?|living|resides?|residing|resident|tenant|located|situated|based|stay(?:s|ing)?"
    r"|(?:my|his|her|their|our)[ \t]+(?:home|house|place|office|flat|apartment))"
    r"[ \t]+(?:is[ \t]+)?at"
    r"|(?:moved?|moving|relocated?|relocating)[ \t]+to"
    r"|(?:ship(?:ped|ping)?|deliver(?:ed|ing)?|mail(?:ed)?|send|sent|post(?:ed)?|forward(?:ed)?)"
    r"[ \t]+(?:(?:it|this|that|them|the[ \t]+\w+)[ \t]+)?to"
    r"|address[ \t]+(?:is|was)"
)
# The label alone (what the prefilter looks for), then the street right after it.
_LABEL = re.compile(rf"(?:\b|(?<=\\n))(?:(?P<f>{_FIELD})[ \t]*:|(?P<p>{_PHRASE})\b)", re.IGNORECASE)
_LABELLED = re.compile(
    # on the label's line or the next one ("Deliver to:\nEsplanadi 27")
    rf"[ \t]*:?[ \t]*(?:(?:\r?\n|\\n)[ \t]*)?(?P<s>{_NUM_STREET}|{_STREET_NUM})"
    # or a unit after it, of any language ("Apt. 5", "Piano 2", "Dpto. 517")
    # or a word that starts the clause's next part ("at 823 via marica in portici")
    rf"(?=[ \t]*(?:[,;(]|\r?\n|\\n|$|[.!?]+(?:\s|$))|[ \t]+{UNIT_PIECE}"
    r"|[ \t]+(?:in|near|since|last|next|for|until)\b)",
    re.IGNORECASE,
)
# In a text all in lower case the street-type core of :mod:`.addresses` (capitalised) cannot
# match: a number, one to three words and an unambiguous street type ("2076 pin oak drive").
_LOWER_TYPE = (
    r"(?:street|st|avenue|ave|road|rd|boulevard|blvd|lane|ln|drive|dr|court|ct|terrace"
    r"|crescent|parkway|pkwy|highway|hwy|place|pl|way|close|grove|gardens|square|sq)"
)
# Where an address is spoken of, a lower-case street may end in any singular USPS suffix
# (Publication 28: "1114 keyes center", "516 celandine mall", "43 lettice extension"); its
# words are no function words ("at 3 of the main ..."). Plurals are left out: "at 3 key
# points", "at 2 local parks" are no streets.
_USPS_SINGULAR = (
    r"(?:alley|av|branch|bridge|brook|burg|bypass|camp|canyon|cape|causeway|center|centre"
    r"|circle|cliff|club|common|corner|course|cove|creek|crest|crossing|crossroad|curve|dale"
    r"|divide|estate|expressway|extension|ferry|field|flat|ford|forest|forge|fork|freeway"
    r"|garden|gateway|glen|green|grove|harbor|haven|heights|hill|hollow|inlet|island|isle"
    r"|junction|knoll|lake|landing|lodge|loop|mall|manor|meadow|mews|mill|motorway|mount"
    r"|mountain|orchard|oval|overpass|pass|passage|path|pike|pine|plain|plaza|point|port"
    r"|prairie|ranch|ridge|river|row|run|shoal|shore|skyway|spring|spur|station|summit|trace"
    r"|trail|tunnel|turnpike|underpass|valley|viaduct|view|village|vista|walk|way|street|st"
    r"|avenue|ave|road|rd|boulevard|blvd|lane|ln|drive|dr|court|ct|terrace|crescent|parkway"
    r"|highway|place|pl|square|close)"
)
_LOWER_CORE = re.compile(
    rf"(?<![\w.,:/-]){_NUM}[ \t]+(?:(?!{_FUNCTION}\b)[^\W\d_][\w'’-]*\.?[ \t]+){{1,3}}"
    rf"{_LOWER_TYPE}\b\.?"
)
_CUED_LOWER_STREET = re.compile(
    r"(?i:\b(?:at|to|on|from|in|address(?:[ \t]+is)?:?|lives?[ \t]+at|moved[ \t]+to"
    r"|located[ \t]+at|deliver(?:ed)?[ \t]+to|ship(?:ped)?[ \t]+to))[ \t]+(?:the[ \t]+)?"
    rf"(?P<s>\d{{1,5}}[a-z]?[ \t]+(?:(?!{_FUNCTION}\b)[^\W\d_][\w'’-]*[ \t]+"
    rf"|\d{{1,3}}(?:st|nd|rd|th)[ \t]+){{1,3}}{_USPS_SINGULAR})\b(?![-'’])"
)
# ... nor the street-suffix core ("marsveien 48", "kronwiesenweg 95", "bécsi utca 76."): one word
# with more than the suffix, or one word and the type word, then a number. Not the suffixes that
# end English words ("during 2020", "aggregate 5", "committee 3").
_LOWER_SUFFIX = (
    r"(?:stra(?:ß|ss)e|str\.|weg|gasse|platz|allee|damm|ufer|laan|straat|gracht|plein"
    r"|singel|kade|dijk|steeg|veien|vegen|veg|vei|gata|gatan|vägen|väg|gränd|stigen"
    r"|gade|vej|allé|alléen|stræde|katu|tie|kuja|polku|iela|gatvė|utca|út|tér"
    r"|körút|ulice|náměstí|cesta|sokak|sokağı|caddesi|bulvarı|baan|stranda|ringen|torget"
    r"|høgda|bakken|haugen|stubben|brug|kuil)"
)
# Type words of their own only (a suffix "g." would end English words): "aia tn 313", "ąžuolų
# g. 99".
_TYPE_WORD = r"(?:tn|tänav|mnt|maantee|pst|puiestee|g\.|gatvė|prospektas)"
_LOWER_SUFFIX_CORE = re.compile(
    rf"(?<![\w.,:/-])(?:{_NUM}[ \t]+)?"
    rf"(?:[^\W\d_][\w'’-]+{_LOWER_SUFFIX}|[^\W\d_][\w'’-]*[ \t]+(?:{_LOWER_SUFFIX}|{_TYPE_WORD}))"
    rf"[ \t]+{_NUM}\b\.?"
)
# A street line right before a line with a postal code (at most a city line between):
# "220 Nairn\n Johns Creek, GA 30022", "346 Rex\nWeslaco CA-YT E0N 9Q0".
_POSTCODE = (
    r"(?:\d{4,6}(?:-\d{3,4})?|\d{3}[ \t]\d{2}|\d{2}-\d{3}|[A-Z]\d[A-Z][ \t]?\d[A-Z]\d"
    r"|[A-Z]{1,2}\d[A-Z\d]?[ \t]?\d[A-Z]{2})"
)
_CODE_LINE = rf"{_WORDS},?(?:[ \t]+[A-Z]{{2}}(?:-[A-Z\d]{{1,3}})?)?[ \t]+{_POSTCODE}"
_LINE_START = r"(?:^|(?<=\\n)|(?<=[\n>?]))[ \t]*"
_STREET_CODE = rf"{_LINE_START}(?P<s>{_NUM_STREET})(?:{_BREAK})+(?:(?P<c>{_WORDS})(?:{_BREAK})+)?"
_STREET_CODE += rf"(?P<p>{_CODE_LINE})[ \t]*(?=\r?\n|\\n|$)"
_STREET_POSTCODE = re.compile(_STREET_CODE)
_STREET_POSTCODE_LOWER = re.compile(_STREET_CODE, re.IGNORECASE)
# Where a street ends (for the capitalisation check): its words.
_WORD_RE = re.compile(_WORD)

_SEP = re.compile(rf"(?:[ \t]*,[ \t]*|(?:{_BREAK})+)")
_PIECE_WORD = r"[\w'’-]+(?:\.[\w'’-]+)*"  # dots inside only: a full stop ends the piece
_PIECE = re.compile(rf"{_PIECE_WORD}(?:[ \t]+{_PIECE_WORD}){{0,4}}")
_PIECE_END = re.compile(r"[ \t]*(?:,|\r?\n|\\n|$|\(|[.!?;](?:\s|$))")
_TOKEN = re.compile(r"\S+")
# The rest of a "city, state code and postcode" line, after the city's comma: "me 58637", "nt
# a8x6b1", "55047": in lower case the city before it is known by this line alone.
_CODE_REST = re.compile(
    r"[ \t]*(?:[a-z]{2}[ \t]+)?(?:\d{4,6}(?:-\d{3,4})?|[a-z]\d[a-z][ \t]?\d[a-z]\d)[ \t]*"
    r"(?=\r?\n|\\n|$)",
    re.IGNORECASE,
)
_LEAD = re.compile(r"[\w'’-]+(?:[ \t]+[\w'’-]+){0,3}")
_PARTICLES = frozenset(
    [
        "de",
        "da",
        "do",
        "das",
        "dos",
        "del",
        "della",
        "di",
        "du",
        "des",
        "la",
        "le",
        "les",
        "el",
        "van",
        "von",
        "der",
        "den",
        "ten",
        "ter",
        "te",
        "am",
        "an",
        "im",
        "auf",
        "zu",
        "y",
        "e",
        "i",
        "og",
        "och",
        "af",
        "na",
        "nad",
        "pod",
        "pri",
        "u",
        "v",
        "bei",
        "sur",
        "sous",
        "en",
        "et",
        "and",
        "of",
    ]
)
_MAX_PIECES = 5
# "Apt. 171", "Depto. 463", "Bl. 26  Sc. 85 Ap. 591" as one piece (its dot ends none)
_UNIT_PIECE = re.compile(rf"{UNIT_PIECE}(?:[ \t]+{UNIT_PIECE}){{0,3}}")


PREFILTER_PATTERNS = (
    _STREET_UNIT,
    _STREET_UNIT_INLINE,
    _UNIT_STREET,
    _UNIT_TYPED,
    _LABEL,
    _STREET_POSTCODE,
    _STREET_POSTCODE_LOWER,
    _LOWER_CORE,
    _LOWER_SUFFIX_CORE,
    _CUED_LOWER_STREET,
    *_LOWER_PATTERNS,
)
"""The patterns :func:`context_spans` runs through the classifier's prefilter."""


def _capitalised(words: str) -> bool:
    """Whether every word of ``words`` is capitalised (or a name particle, or has a digit)."""
    for w in words.split():
        if w[:1].isupper() or any(c.isdigit() for c in w) or w.lower() in _PARTICLES:
            continue
        return False
    return True


def _street_ok(street: str, lower_text: bool) -> bool:
    """A street has a capitalised word (a type or a given name may be in lower case:
    ``Järvevana tee``, ``Klapka györgy``, ``route de Lyon``), or the text gives case no
    meaning."""
    return lower_text or any(w[0].isupper() for w in _WORD_RE.findall(street))


def _capitalised_lead(text: str, at: int, end: int) -> int:
    """The end of the capitalised words that start at ``at`` (``end`` if there are none)."""
    lead = _LEAD.match(text, at)
    if lead is None:
        return end
    for word in _TOKEN.finditer(lead.group()):
        if not word.group()[0].isupper():
            break
        end = at + word.end()
    return end


def extend(text: str, end: int, lower_text: bool | None = None) -> int:
    """The end of the address block that starts before ``end`` (see the module docstring).

    ``lower_text``: whether ``text`` is all in lower case, when the caller knows already (each
    span of a text would otherwise scan the whole text again).
    """
    if lower_text is None:
        lower_text = text.islower()  # no upper-case letter (and some letter)
    for _ in range(_MAX_PIECES):
        sep = _SEP.match(text, end)
        if sep is None or sep.end() == end:
            break
        gap = sep.group()
        lines = gap.count("\n") + gap.count("\\n")
        unit = _UNIT_PIECE.match(text, sep.end())
        if unit is not None and lines <= 1:
            end = unit.end()
            continue
        piece = _PIECE.match(text, sep.end())
        if piece is None:
            break
        # the piece must be bounded: a comma, a line end, the end of the text or a sentence
        stop = _PIECE_END.match(text, piece.end())
        body = piece.group().rstrip(".")
        digits = sum(c.isdigit() for c in body)
        if digits >= 7:  # a phone number line, not a postcode
            break
        if lines > 2 or (lines == 2 and not digits):  # a blank line, unless a postcode follows
            break
        tail = "," if stop is None else stop.group().strip(" \t")
        whole_line = lines > 0 and tail in {"", "\n", "\r\n", "\\n"}
        ended = tail != "," and lines == 0
        first = body.split()[0]
        lead_ok = first[0].isupper() or first[0].isdigit()
        if stop is not None and (
            (_capitalised(body) and lead_ok)
            or (digits and (lead_ok or whole_line or lower_text))  # a postcode line
            or (whole_line and lower_text)
            or (ended and lower_text and len(body.split()) <= 3)
            or (lower_text and lines == 1 and tail == "," and _CODE_REST.match(text, stop.end()))
        ):
            end = sep.end() + len(body)
            continue
        # otherwise only its leading capitalised words go, and the address ends there
        # ("..., Brno was dead on arrival")
        if not lower_text and lines == 0:
            end = _capitalised_lead(text, sep.end(), end)
        break
    return end


def _by_words(text: str, lower_text: bool) -> list[tuple[int, int]]:
    """The streets that their words make (before :func:`extend`): the lower-case cores, or in
    a text with capitals the capitalised runs of :mod:`.address_lower_run`."""
    if not lower_text:
        return run_street_spans(text, cased=True)
    spans = [m.span() for core in (_LOWER_CORE, _LOWER_SUFFIX_CORE) for m in finditer(core, text)]
    return spans + lower_street_spans(text)


def context_spans(text: str) -> list[tuple[int, int]]:
    """Spans of the addresses that context makes (see the module docstring), each extended."""
    lower_text = text.islower()  # no upper-case letter (and some letter)
    spans: list[tuple[int, int]] = []
    for m in (*finditer(_STREET_UNIT, text), *finditer(_STREET_UNIT_INLINE, text)):
        if _street_ok(m.group("s"), lower_text):
            spans.append((m.start("s"), extend(text, m.end("u"), lower_text)))
    for m in (*finditer(_UNIT_STREET, text), *finditer(_UNIT_TYPED, text)):
        if _street_ok(m.group("s"), lower_text):
            spans.append((m.start("u"), extend(text, m.end("s"), lower_text)))
    spans += [(a, extend(text, b, lower_text)) for a, b in _by_words(text, lower_text)]
    for m in finditer(_CUED_LOWER_STREET, text):
        if m.group("s").islower():  # a cased one is the cased cores'
            spans.append((m.start("s"), extend(text, m.end("s"), lower_text)))
    for m in finditer(_STREET_POSTCODE_LOWER if lower_text else _STREET_POSTCODE, text):
        lines = [m.group("s"), m.group("p"), m.group("c") or "X"]
        cased = lower_text or all(line[0].isupper() for line in lines[1:])
        if cased and _street_ok(lines[0], lower_text):
            spans.append((m.start("s"), extend(text, m.end("p"), lower_text)))
    for m in finditer(_LABEL, text):
        b = _LABELLED.match(text, m.end())
        if b is not None and (m.group("f") is not None or _street_ok(b.group("s"), lower_text)):
            spans.append((b.start("s"), extend(text, b.end("s"), lower_text)))
    return spans


# A secondary-unit word that a name span ends with: "Chelsea Hughes Apt" before ". 242".
_UNIT_TAIL = re.compile(r"[ \t]+(?:apt|apartment|suite|ste|flat)$", re.IGNORECASE)
_UNIT_NUMBER = re.compile(r"\.?[ \t]*#?[ \t]*\d")


def trim_units(text: str, found: list[Finding]) -> list[Finding]:
    """``found`` (person names) without a last word that is the secondary unit of an address
    made by its context right after them (``Ms. Chelsea Hughes Apt. 242 346 Rex``): the unit
    belongs to that address, and a name that overlaps it would merge into the address
    finding."""
    out = found
    for i, f in enumerate(found):
        if not _UNIT_NUMBER.match(text, f.end):  # (before the search of the whole span)
            continue
        tail = _UNIT_TAIL.search(text, f.start, f.end)
        if tail is None or tail.start() <= f.start:
            continue
        unit = _UNIT_STREET.match(text, f.end - len(tail.group().lstrip(" \t")))
        if unit is not None and _street_ok(unit.group("s"), text.islower()):
            if out is found:
                out = list(found)
            out[i] = replace_finding(f, end=tail.start())
    return out


def with_context(
    found: list[Finding], spans: list[tuple[int, int]], recognizer: str
) -> list[Finding]:
    """``found`` joined with the context ``spans``: overlapping ones become their union."""
    if not spans:
        return found
    merged: list[list[int]] = []
    for start, end in sorted([(f.start, f.end) for f in found] + spans):
        if merged and start < merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return [
        new_finding(
            entity_type="STREET_ADDRESS",
            category="PII",
            start=start,
            end=end,
            score=0.8,
            recognizer=recognizer,
        )
        for start, end in merged
    ]


def widen(text: str, found: list[Finding], recognizer: str) -> list[Finding]:
    """``found`` (street addresses) grown over the words of their street found outside them
    (:func:`.widen_start`, :func:`.widen_end`): a partly masked street is a leak. Findings
    that come to overlap become one."""
    cased = not text.islower()
    spans = [
        (widen_start(text, f.start, cased=cased), widen_end(text, f.start, f.end)) for f in found
    ]
    if all((f.start, f.end) == span for f, span in zip(found, spans, strict=True)):
        return found
    return with_context([], spans, recognizer)
