"""Whole names: a PERSON finding grows over the parts of the name right next to it.

A partial mask is a leak (issue 12, "a name keeps no part"). The name rules and NER often find
only one word of a longer name: the surname NER recognised after a given name it did not know
(``Auriville Gilbert``, ``Yulan Peres``), a surname without its particles (``Roxy van der
Torre``), a given name without its hyphenated second part and the surname (``Amy-leigh
Paterson``). :func:`widen` extends each PERSON finding, on its own line, over:

- to the left: name particles (``van``, ``der``, ``de`` ...) and capitalised words that are a
  listed given name or surname, or no common English word and no listed place (never a
  title, a function word, an acronym or a CamelCase word), each after a single space;
- to the right: a hyphenated part (``-leigh``), then such capitalised words and particles;
- in lower case, where capitals say nothing: one listed surname after a found listed given
  name (``melle seller``, ``una butt``; never a function word, an auxiliary or a verb of a
  person: ``john can``, ``sarah will``), one listed given name before a found lone word;
- after a capitalised name in an English line, one listed surname typed in lower case that is
  no frequent English word (``Maria lopez``, ``Ramon Kadar rodriguez``; not ``Anna green``,
  not the German ``Martina kam``).

:func:`repeated` finds the later mentions of a found name's parts.

Widening never creates a finding: the share of prompts with a finding is unchanged, only
the masked span grows to the whole name. A grown finding that is a street's name part next
to its house number becomes a STREET_ADDRESS (:func:`~.name_street.street`).
"""

from __future__ import annotations

import re

from hybridllm.classifiers.clinical import words
from hybridllm.classifiers.name_context import TITLE_WORDS
from hybridllm.classifiers.name_gate import COMMON_WORDS, NOT_NAME_PARTS, NOT_PEOPLE, span_mask
from hybridllm.classifiers.name_lower_context import faker_last
from hybridllm.classifiers.name_lower_pairs import HELPER_VERBS, PEOPLE_VERBS
from hybridllm.classifiers.name_runs import english_line
from hybridllm.classifiers.name_street import street
from hybridllm.classifiers.name_tokens import (
    CUE_VERBS,
    FUNCTION_WORDS,
    IRISH_PARTICLES,
    PARTICLES,
    Kind,
    TokenLexicon,
    fold,
    is_cap,
)
from hybridllm.classifiers.patterns import STREET_TYPES
from hybridllm.models import Finding

__all__ = ["repeated", "trim_leads", "widen"]

_WORD_AFTER = re.compile(r" ([\w’'-]+)")
# A word before a space, matched on the reversed text before it (a search for the word and the
# space at a position's end would try every position of the window).
_WORD_RUN = re.compile(r"[\w’'-]+")
_HYPHEN_PART = re.compile(r"-[A-Za-zÀ-ÖØ-öø-ÿ]{2,}\b")
_MAX_PARTS = 4  # words added on each side at most
# A particle that ends a found name ("mark van der" of "mark van der berg").
_PARTICLE_END = re.compile(
    r"(?<![\w’'-])(?:van|von|der|den|de|del|della|di|da|das|dos|du|la|le|ter|ten|ó|ní|uí)\Z"
)
_INITIAL_GAP = re.compile(r" [A-Za-z]\. ")


def _name_part(word: str, lex: TokenLexicon, *, given: bool = False) -> bool:
    """Whether ``word``, next to a found name, is a part of it by the lists' evidence:
    capitalised, no title or function word, and a listed name or no common English word.
    ``given``: the word stands before the name, where a listed given name is one even when it
    is also a brand's or product's name ("Alexa Deleon", "Mercedes Ortiz")."""
    if not word[:1].isupper() or len(word) < 2 or not word.replace("-", "").isalpha():
        return False
    low = word.lower()
    if (
        low in TITLE_WORDS
        or low in FUNCTION_WORDS
        or low in NOT_NAME_PARTS
        or low in COMMON_WORDS
        or word.isupper()
        or any(c.isupper() for c in word[1:])
    ):
        return False  # "Dear Jennifer", "CEO Cathie Wood", "iOS Gilbert"
    if low in NOT_PEOPLE or low in lex.not_people:
        return given and low in lex.first
    # A listed name or a rare word reads as a name next to one ("Auriville Gilbert", "Yulan
    # Peres"); a common English word or a listed place does not ("Meet Gilbert", "Active
    # Boston").
    if low in lex.first or low in lex.last:
        return True
    return low not in lex.common and low not in lex.places


def widen(text: str, findings: list[Finding], lex: TokenLexicon) -> list[Finding]:
    """``findings`` with each PERSON finding grown over the adjacent parts of its name.

    Args:
        text: the text the findings were made on.
        findings: findings of the name recognizer.
        lex: the token lists.

    Returns:
        The findings, widened where a name part is next to one (same objects otherwise);
        PERSON findings that overlap once grown become one.
    """
    others = [f for f in findings if f.entity_type != "PERSON"]
    grown: list[tuple[int, int, Finding]] = []
    for f in findings:
        if f.entity_type != "PERSON":
            continue
        span = text[f.start : f.end]
        lower = span.islower()
        one = lower and span.isalpha() and span not in _NO_SURNAME and span not in FUNCTION_WORDS
        start = _left(text, f.start, lex, lower=lower, alone=one)
        given = span if one and _given_before(span, lex) else None
        alone = not lower and span.istitle() and span.lower() in lex.first
        end = _right(text, f.end, lex, lower=lower, given=given, alone=alone)
        if others and any(  # (most texts: no finding of another kind, nothing to ask)
            o.start < end and start < o.end and not (o.start < f.end and f.start < o.end)
            for o in others
        ):
            start, end = f.start, f.end  # it would grow into a finding of another kind
        grown.append((start, end, f))
    grown.sort(key=lambda g: (g[0], -g[1]))
    groups: list[list[tuple[int, int, Finding]]] = []
    group_end = -1
    for g in grown:
        # overlapping, or two parts of one name with only a middle initial between them
        # ("gijsbrecht" l. "van hecke")
        if groups and (g[0] < group_end or _INITIAL_GAP.fullmatch(text, group_end, g[0])):
            groups[-1].append(g)
        else:
            groups.append([g])
        group_end = max(group_end, g[1])
    out = list(others)
    for group in groups:
        members = [g[2] for g in group]
        apart = len(members) > 1 and any(
            a.end <= b.start or b.end <= a.start for a in members for b in members if a is not b
        )
        if not apart:  # one name found by several rules: each keeps its own finding
            out.extend(
                f if (a, b) == (f.start, f.end) else f.model_copy(update={"start": a, "end": b})
                for a, b, f in group
            )
            continue
        # parts of one name found apart and grown into each other ("Katsuko" + "Koku")
        base = max(members, key=lambda f: f.end - f.start)
        start, end = min(g[0] for g in group), max(g[1] for g in group)
        out.append(base.model_copy(update={"start": start, "end": end}))
    return [street(text, f, lex) for f in out]


def _left(
    text: str, start: int, lex: TokenLexicon, *, lower: bool = False, alone: bool = False
) -> int:
    """Where the name ending at ``start`` begins: particles and name parts before it.
    ``lower``: the name was found written in lower case, where a listed given name in lower
    case before its particles is its part too (``demi van der horst``, ``seán ó griallais``),
    and, ``alone`` (the name is one word), before it (``buster lindberg``)."""
    best = start
    pos = start
    particle = particle_last = False
    for _ in range(_MAX_PARTS):
        # the word (within 40 characters) and the one space right before ``pos``
        if text[pos - 1 : pos] != " ":
            break
        run = _WORD_RUN.match(text[max(0, pos - 40) : pos - 1][::-1])
        if run is None:
            break
        word_start = pos - 1 - run.end()
        word = text[word_start : pos - 1]
        low = word.lower()
        next_to_particle = particle_last
        particle_last = False
        if (low in PARTICLES and word.islower()) or low in IRISH_PARTICLES:
            pos = word_start  # a particle counts only with a name part before or the name after
            best = pos
            particle = particle_last = True
            continue
        if lower and particle and word.islower() and _given_lower(low, lex):
            pos = best = word_start
            break
        if lower and alone and pos == start and word.islower() and _given_before(low, lex):
            pos = best = word_start
            break  # "buster lindberg": a listed given name before a found lone surname
        if low in CUE_VERBS or low in FUNCTION_WORDS or low in TITLE_WORDS:
            break  # "Ask" of "Ask Maria Lopez" addresses her, it is no part of her name
        # Any capitalised word right before the particles is a name part, an English word too
        # ("Roxy van der Torre", "Ancilla van Aken"; not "The van der Waals force").
        if not (_name_part(word, lex, given=True) or (next_to_particle and word.istitle())):
            break
        pos = best = word_start
    return best


def _given_lower(low: str, lex: TokenLexicon) -> bool:
    """A lower-case word before a found lower-case name and its particles that is a listed
    given name, no listed place, title, function word or cue (``demi`` of ``demi van der
    horst``, ``seán`` of ``seán ó griallais``; not ``with`` or ``ask``)."""
    return (
        (low in lex.first or fold(low) in lex.first)
        and low not in lex.places
        and low not in FUNCTION_WORDS
        and low not in TITLE_WORDS
        and low not in CUE_VERBS
    )


# Words after a lower-case given name that say what the person does, never a surname.
_NO_SURNAME = (
    PEOPLE_VERBS
    | CUE_VERBS
    | HELPER_VERBS
    | frozenset(
        "wants thinks spent lives works went loves likes called joined left just never also".split()  # noqa: SIM905
    )
)


def _surname_lower(low: str, lex: TokenLexicon) -> bool:
    """A listed surname in lower case, no function word, verb of a person or place."""
    return (
        len(low) >= 3
        and low.isalpha()
        and low.islower()
        and low in lex.last
        and low not in FUNCTION_WORDS
        and low not in TITLE_WORDS
        and low not in _NO_SURNAME
        and low not in lex.places
    )


def _careless_surname(low: str, lex: TokenLexicon) -> bool:
    """A listed surname typed in lower case after a capitalised name (``Maria lopez``): no
    function word, frequent English word, other English word unless Faker lists it as a
    surname (``rodriguez``), verb of a person, and no place but one that is a surname too
    (``Ramon Kadar rodriguez``; not ``Anna green``, ``Bill said``, ``Harry Potter fights``)."""
    return (
        (_surname_lower(low, lex) or (low in lex.place_surnames and low not in _NO_SURNAME))
        and low not in lex.common
        and (low not in lex.vocab or low in faker_last())
    )


def _given_before(low: str, lex: TokenLexicon) -> bool:
    """A listed given name before a found lower-case surname (``buster`` of ``buster
    lindberg``): no function word, title, cue, verb of a person or place."""
    return _given_lower(low, lex) and low not in _NO_SURNAME and len(low) >= 3


def _right(
    text: str,
    end: int,
    lex: TokenLexicon,
    *,
    lower: bool = False,
    given: str | None = None,
    alone: bool = False,
) -> int:
    """Where the name starting before ``end`` ends: a hyphenated part, particles, name parts.
    ``lower``: the name was found in lower case (the surname after its particle is too; and
    ``given``, the found name when it is one listed given name: a listed surname after it).
    ``alone``: the found name is one capitalised listed given name; a listed surname that ends
    the clause after it is its surname, an English word or a place too (``Toby West,``)."""
    m = _HYPHEN_PART.match(text, end)
    if m is not None:
        end = m.end()
    best = end
    pos = end
    # A name never ends in its particle: the word after one is its surname, whatever the
    # lists say of it ("mark van der berg", "Ana da Costa").
    tail = _PARTICLE_END.search(text, max(0, end - 6), end)
    for _ in range(_MAX_PARTS):
        m = _WORD_AFTER.match(text, pos)
        if m is None or text[pos - 2 : pos] in ("'s", "’s"):  # a possessive ends a name
            break
        word = m.group(1)
        if (word.lower() in PARTICLES and word.islower()) or word.lower() in IRISH_PARTICLES:
            pos = m.end()  # kept only when a name part follows
            tail = m
            continue
        if (
            tail is not None
            and word.isalpha()
            and word.lower() not in FUNCTION_WORDS
            and (word.islower() if lower else is_cap(word) and not word.isupper())
        ):
            pos = best = m.end()
            tail = None
            continue
        bare = _POSSESSIVE_END.sub("", word)
        if lower and given is not None and pos == end and _surname_lower(bare, lex):
            pos = best = m.start(1) + len(bare)
            break  # "una butt", "melle seller": one surname after a found given name
        if (
            not lower
            and pos == end
            and bare.islower()
            and _careless_surname(bare, lex)
            and english_line(text, m.start(1), lex)  # not "Martina kam", "a Juan antes de"
        ):
            pos = best = m.start(1) + len(bare)
            break  # "Ramon Kadar rodriguez's idea": a surname typed in lower case
        if alone and pos == end and _closing_surname(text, m.end(1), bare, lex):
            pos = best = m.start(1) + len(bare)
            break  # "I am Toby West, tenant at": "West" is a surname as much as a word
        if not _name_part(bare, lex):
            break
        pos = best = m.start(1) + len(bare)
        if bare != word:
            break  # "Katsuko Koku's discharge letter": the possessive ends the name
    return best


_POSSESSIVE_END = re.compile(r"['’]s$")
# The end of a clause right after a word: punctuation, a line's end or the text's.
_CLAUSE_END = re.compile(r"[ \t]*(?:[,;:.!?)]|\n|\\n|\Z)")
_CALENDAR = words(
    "january february march april may june july august september october november december"
    " monday tuesday wednesday thursday friday saturday sunday today tomorrow"
)


def _closing_surname(text: str, after: int, word: str, lex: TokenLexicon) -> bool:
    """Whether ``word`` (ending at ``after``) is a capitalised listed surname, no function
    word, title or day, that ends its clause."""
    low = word.lower()
    return (
        word.istitle()
        and word.isalpha()
        and low in lex.last
        and low not in FUNCTION_WORDS
        and low not in TITLE_WORDS
        and low not in _CALENDAR
        and _CLAUSE_END.match(text, after) is not None
    )


_POSSESSIVE_S = re.compile(r"['’]s\b")
_GROUP = re.Match.group  # a match's whole text, for map()


def repeated(
    text: str,
    words: list[re.Match[str]],
    found: list[Finding],
    lex: TokenLexicon,
    *,
    single: bool = False,
) -> list[re.Match[str]]:
    """Words that repeat a part of a found name: later mentions of a part of a full name
    ("Madison S. Leonard" ... "Madison reports ..."); with ``single``, of a one-word name that is
    no word ("Mrs. Langset ... Langset called"; the caller runs it on the names the
    public-figure rules kept, so a dropped brand leaves no repeats).

    Args:
        text: the text.
        words: word matches over ``text``.
        found: PERSON findings so far.
        lex: the token lists.
        single: take one-word names as sources instead of multi-word ones.

    Returns:
        The word matches outside every finding that repeat a part (possessive ``'s`` allowed).
    """
    parts: set[str] = set()
    for f in found:
        span = text[f.start : f.end]
        if not (
            " " not in span.strip() and lex.kind(span) in (Kind.NAME, Kind.UNKNOWN)
            if single
            else len(span.split()) > 1
        ):
            continue
        if "'" in span or "’" in span:  # (no possessive to remove: no substitution)
            span = _POSSESSIVE_S.sub("", span)
        for w in span.split():
            low = w.lower()
            if len(w) > 2 and is_cap(w) and low not in COMMON_WORDS and low not in TITLE_WORDS:
                parts.add(w)
    if not parts:
        return []
    taken = span_mask(len(text), [(f.start, f.end) for f in found])
    # A repeat is a part, bare or with 's (one set lookup per word, not a bare span of each).
    forms = {form for p in parts for form in (p, p + "'s", p + "’s")}
    texts = map(_GROUP, words)
    return [m for m, w in zip(words, texts, strict=True) if w in forms and not taken[m.start()]]


# A title's or a thing's article: "The Moon Landing".
_THE = re.compile(r"The[ \t]+[A-Z]")
# An imperative before a given name: "Send Maria the notes", "Check Maria's calendar".
_IMPERATIVE = re.compile(
    r"([A-Z][a-z]+)[ \t]+([A-Z][\w-]*)(?=['’]s\b|[ \t]+(?:the|an?|my|your|our|his|her|their|to)\b)"
)
_STOP_BEFORE = re.compile(r"(?:^|[.!?][\"')\]]*[ \t]+|\n[ \t>*-]*)$")


def _imperative(text: str, lead: re.Match[str], lex: TokenLexicon) -> bool:
    """Whether ``lead`` (:data:`_IMPERATIVE`) opens a sentence with an everyday word no given
    name is before a listed given name: an imperative, no part of the name."""
    verb = lead[1].lower()
    return (
        verb in lex.common
        and verb not in lex.first
        and lead[2].lower() in lex.first
        and _STOP_BEFORE.search(text, max(0, lead.start() - 6), lead.start()) is not None
    )


# Weekdays as rotas and schedules abbreviate them ("Mon Eustaquia, Tue Roman"); not "Sat" or
# "Sun", which are also names.
_WEEKDAY = re.compile(r"(?:Mon|Tue|Tues|Wed|Thu|Thur|Thurs|Fri)\.?(?:[ \t]+|\Z)")


def trim_leads(text: str, findings: list[Finding], lex: TokenLexicon) -> list[Finding]:
    """PERSON findings without a weekday abbreviation at their start (``Mon Eustaquia`` of
    ``rota: Mon Eustaquia, Tue Roman``); a finding that is only one is dropped. A finding that
    starts with ``The`` loses it, and is dropped when no word after it is a listed name (``The
    Moon Landing``: a title; ``The Lucas B Himmel version`` keeps ``Lucas B Himmel``, a name
    the lists hold and English does not); one whose
    three words or more are mostly listed places is dropped (``Copenhagen Larnaca Milan
    Naples``), and one of two words that ends in an everyday word no name list holds loses it
    or goes (:func:`_without_word_tail`: ``Kevin Dream``, ``Greenfield Project``)."""
    out: list[Finding] = []
    for f in findings:
        if f.entity_type == "PERSON" and _THE.match(text, f.start, f.end):
            rest = text[f.start + 4 : f.end]
            if not any(lex.kind(w) is Kind.NAME for w in rest.split()):
                continue  # "The Moon Landing": a title or a thing
            f = f.model_copy(update={"start": f.start + 4})  # noqa: PLW2901 - "The Lucas B Himmel version"
        lead = _IMPERATIVE.match(text, f.start) if f.entity_type == "PERSON" else None
        if lead is not None and lead.end(2) <= f.end and _imperative(text, lead, lex):
            f = f.model_copy(update={"start": lead.start(2)})  # noqa: PLW2901 - "Send Maria"
        if f.entity_type == "PERSON" and _all_places(text[f.start : f.end], lex):
            continue  # "Copenhagen Larnaca Milan Naples": places run together
        kept = _without_word_tail(text, f, lex) if f.entity_type == "PERSON" else f
        if kept is None:
            continue  # "Greenfield Project", "Slumdog Millionaire": a title or a thing
        if (trimmed := _without_weekday(text, kept)) is not None:
            out.append(trimmed)
    return out


def trim_weekdays(text: str, findings: list[Finding]) -> list[Finding]:
    """PERSON findings without a weekday abbreviation at their start, before they are judged
    (``Mon Pugh`` of a rota is no run of everyday words: ``Pugh`` is the name); a finding
    that is only one is dropped."""
    return [g for f in findings if (g := _without_weekday(text, f)) is not None]


def _without_weekday(text: str, f: Finding) -> Finding | None:
    m = _WEEKDAY.match(text, f.start, f.end) if f.entity_type == "PERSON" else None
    if m is None:
        return f
    return f.model_copy(update={"start": m.end()}) if m.end() < f.end else None


def _without_word_tail(text: str, f: Finding, lex: TokenLexicon) -> Finding | None:
    """A two-word finding whose last word is a frequent English word that no name list holds,
    not even the census's 160,000 surnames (``Project``, ``Millionaire``, ``Flame``): no
    labelled name of ~5,900 here ends so. It keeps a listed given name before it that is no
    word (``Kevin Dream``: ``Kevin``), else goes (``Greenfield Project``, ``Violet Flame``). A
    street type, a place or a building's word (``Brenda Concourse``, ``Lowe Apartment``,
    ``Kendal Practice``) ends an address or a facility, whose words stay found."""
    head, _, last = text[f.start : f.end].rpartition(" ")
    low = last.lower().removesuffix("'s").removesuffix("’s")
    if (
        not head
        or " " in head
        or low not in lex.common
        or low in lex.first
        or low in lex.last
        or low in lex.places
        or low in STREET_TYPES
        or low in _BUILDING_WORDS
        or not last[:1].isupper()
        or not low.isalpha()
    ):
        return f
    if lex.kind(head) is Kind.NAME and head.lower() in lex.first:
        return f.model_copy(update={"end": f.start + len(head)})
    return None


_BUILDING_WORDS = words(
    "apartment apartments suite unit floor building tower hall house lodge manor court practice"
    " surgery clinic hospital hospice pharmacy centre center institute school academy college"
    " university church chapel ward wing campus"
    # streets the USPS list lacks (British and Australian ones)
    " concourse esplanade promenade quay wharf close parade circus"
)


def _all_places(span: str, lex: TokenLexicon) -> bool:
    """Three words or more, most of them listed places: a list of places run together."""
    parts = [p for p in span.lower().split() if p not in PARTICLES]  # "van" is a town too
    places = sum(p in lex.places for p in parts)
    return len(parts) >= 3 and places >= 2 and 2 * places >= len(parts)
