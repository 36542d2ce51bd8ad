"""Checks that keep ordinary text out of the name stage's findings (precision on real prompts).

Measured on first turns of public ShareGPT conversations (``bench/data/names_ext``), most false
PERSON findings fell into a few shapes, each handled here without a model:

- **quoted words in code**: ``flashcard_info['Characteristics']``, ``status == 'Failed'``;
- **runs of everyday words** that NER calls a person: ``Nail Specialist``, ``Server Components``
  (every word an ordinary English word, none a listed name);
- **text in another language**: capitalised German nouns (``Tränen``, ``Gute Nacht``) are in no
  English list, so they look like unknown proper nouns. When most lower-case words of a text are
  not English words, an unknown capitalised word no longer counts as a name by itself; listed
  names still do.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from functools import cache

from hybridllm.classifiers.clinical import words
from hybridllm.classifiers.name_tokens import (
    TITLES,
    Kind,
    TokenLexicon,
    code_word,
    is_cap,
    plural_of,
    read_list,
    token_lexicon,
    untracked,
    with_folded,
)
from hybridllm.classifiers.normalize import SPACES
from hybridllm.classifiers.patterns import STREET_TYPES, US_STATE_CODES
from hybridllm.classifiers.prefilter import per_text
from hybridllm.models import Finding

__all__ = [
    "BARE_HEADS",
    "COMMON_WORDS",
    "EPONYM_HEADS",
    "GLUE_AFTER",
    "GLUE_BEFORE",
    "NOT_NAME_PARTS",
    "NOT_PEOPLE",
    "all_words",
    "ascii_spaces",
    "cue_at_end",
    "eponym_run",
    "first_free",
    "foreign_text",
    "glued",
    "lexicon",
    "measured",
    "place_or_measure",
    "plausible_person",
    "quoted",
    "rare_pair",
    "rare_word",
    "span_mask",
]


@cache
def lexicon(name: str) -> Mapping[str, None]:
    # Also the ASCII-folded form, so "Jurkovic" typed without diacritics is found; untracked
    # by the garbage collector (see name_tokens.untracked).
    return untracked(with_folded(read_list(name)))


# spaCy's small model tags many library and product names as PERSON in coding questions.
NOT_PEOPLE = lexicon("not_people.txt")

# Capitalised words that start sentences or name things but are also in the name lists.
COMMON_WORDS = lexicon("common_words.txt")

# Capitalised words that name peoples, events, institutions and products, not persons: they do not
# make a name candidate, alone or next to another capitalised word ("French Revolution").
NOT_NAME_PARTS = lexicon("not_name_parts.txt")


def rare_word(lex: TokenLexicon, w: str) -> bool:
    """A capitalised word of the vocabulary that no frequent English word (nor its plural),
    place or title is: ``Koku``, ``Tamarisk``, ``Maori``; not ``Tomorrow``, ``Bookstores``.
    Beside a name word, such a word is part of the name more often than not."""
    low = w.lower().removesuffix("'s").removesuffix("’s")
    return (
        is_cap(w)
        and low.isalpha()
        and lex.kind(w) is Kind.WORD
        and low not in lex.common
        and not plural_of(low, lex.common)
        and low not in lex.places
        and low not in TITLES
        and low not in NOT_NAME_PARTS
        and low not in NOT_PEOPLE
    )


def rare_pair(lex: TokenLexicon, label: str) -> bool:
    """Two words: a :func:`rare_word` and a capitalised listed or unknown name word (``Maori
    Oomori``): a given name and a surname, as a speaker's label."""
    first, _, last = label.partition(" ")
    return (
        bool(last)
        and " " not in last
        and is_cap(last)
        and lex.kind(last) in (Kind.NAME, Kind.UNKNOWN)
        and rare_word(lex, first)
    )


def span_mask(size: int, spans: list[tuple[int, int]]) -> bytearray:
    """One byte per character of the text: 1 inside any of ``spans``."""
    mask = bytearray(size)
    for start, end in spans:
        mask[start:end] = b"\x01" * (end - start)
    return mask


def first_free(
    size: int, found: Sequence[Finding], spans: Iterable[tuple[int, int]]
) -> list[tuple[int, int]]:
    """The ``spans``, in order, that overlap none of ``found`` nor a span kept before them: one
    mask lookup each, not a pass over every finding so far (a record holds hundreds of field
    values). ``size``: the text's length."""
    taken = [(f.start, f.end) for f in found]
    mask = span_mask(size, taken)
    kept: list[tuple[int, int]] = []
    hollow = any(a >= b for a, b in taken)  # an empty span, which the mask cannot hold
    for start, end in spans:
        if hollow or start >= end:
            if any(a < end and start < b for a, b in (*taken, *kept)):
                continue
            hollow = True
        elif 1 in mask[start:end]:
            continue
        kept.append((start, end))
        mask[start:end] = b"\x01" * (end - start)
    return kept


def plausible_person(span: str) -> bool:
    """Return False for PERSON spans that are identifiers, acronyms or tool names.

    Args:
        span: the text of a PERSON span.

    Returns:
        Whether the span can be a person's name.
    """
    if any(c.isdigit() or c in "_/\\()[]{}<>=@#$%*" for c in span):
        return False
    words = span.split()
    if not words or not any(c.isupper() for c in span):
        return False
    if len(words) == 1 and span.isupper() and len(span) <= 5:
        return False  # acronyms: JSON, API, AWS
    if any(code_word(w) for w in words):
        return False  # "name: GetPhotos", "- stage: FetchSecrets": identifiers
    if any(w.lower() in NOT_NAME_PARTS for w in words[1:]) and not _surname_too(words):
        return False  # "Halcyon Freight", "Corvid Systems", "Quarry Bay Capital"
    return not all(w.lower().removesuffix("'s") in NOT_PEOPLE for w in words)


# Words of company and place names that are common surnames too ("Hannah West", "Doris Day").
_SURNAME_TOO = frozenset(("west", "north", "south", "east", "day", "post", "lake", "christian"))


def _surname_too(words: list[str]) -> bool:
    """A listed given name and one of ``_SURNAME_TOO``, alone: a person ("Hannah West"), not
    a firm or a place ("Halcyon West", "West Coast")."""
    return (
        len(words) == 2
        and words[1].lower().removesuffix("'s") in _SURNAME_TOO
        and words[0].lower() in token_lexicon().first
    )


_QUOTES = "'\"`‘’“”"
# Lower-case words of running text, not parts of e-mail addresses, URLs or paths.
# Letters with diacritics count (a word of Vietnamese, French or German prose is seldom an
# English word); code identifiers and paths do not.
# So do lower-case words in Greek, Cyrillic or Armenian letters: none is an English word.
_LOWER = re.compile(r"(?<![\w'’@./-])[a-zß-öø-ÿā-žά-ώа-џա-և]{3,}(?![\w'’@./-])")
# Below this share of lower-case words that are English words, a text is taken as another
# language (English prose scores 0.9+, German or Spanish prose 0.1-0.4 on the word lists).
_ENGLISH_SHARE = 0.6
_MIN_WORDS = 8


def quoted(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` stands alone between quotes, as a string literal does."""
    return (
        start > 0
        and end < len(text)
        and text[start - 1] in _QUOTES
        and text[end] in _QUOTES
        and " " not in text[start:end]
    )


_WORD_GAPS = re.compile(r"[\s.]+")


def all_words(lex: TokenLexicon, span: str) -> bool:
    """``span`` reads as a title or heading, not a name: no word of it is a listed name or an
    unknown proper noun, and its last word is an ordinary noun ("Nail Specialist", "Account
    Manager"; not "Mark Brown", where every word is also a listed name)."""
    parts = [p for p in _WORD_GAPS.split(span) if len(p) > 1]
    kinds = [lex.kind(p) for p in parts]
    return (
        bool(parts)
        and kinds[-1] is Kind.WORD
        and not any(k in (Kind.NAME, Kind.UNKNOWN) for k in kinds)
    )


def foreign_text(lex: TokenLexicon, text: str) -> bool:
    """Whether most lower-case words of ``text`` are not English (see the module docstring);
    counted once per classified text (the cased rules and :mod:`.name_beside` ask)."""
    return per_text(text, f"foreign_text:{id(lex)}", lambda t: _foreign(lex, t))


def _foreign(lex: TokenLexicon, text: str) -> bool:
    words = _LOWER.findall(text[:4000])
    if len(words) < _MIN_WORDS:
        return False
    english = sum(w in lex.vocab for w in words)
    return english < _ENGLISH_SHARE * len(words)


# Characters that glue a word into a path, an escape, an identifier or markup: "%3Csvg",
# "Performer\\_Image\\_Gigapixel", "/Farticles", "x=Terminée".
GLUE_BEFORE = frozenset("_/\\\\%=|~^$#0123456789")
GLUE_AFTER = frozenset("_/\\\\=|0123456789")


def glued(text: str, start: int, end: int) -> bool:
    """Whether the word at ``text[start:end]`` is part of a path, escape or identifier."""
    return (start > 0 and text[start - 1] in GLUE_BEFORE) or (
        end < len(text) and text[end] in GLUE_AFTER
    )


# A cue pattern of the simple shape ``(?:word|word|...)\W*$`` (case-insensitive) ends a text
# only if the text's last word characters end as one of its words does. Most texts fail that
# two-letter test, which costs a set lookup instead of the regex's attempt at every position.
_CUE_SHAPE = re.compile(r"\(\?:([^()\[\]{}]*)\)\\W\*\$")
_CUE_ENDS: dict[re.Pattern[str], tuple[frozenset[str], frozenset[str]] | None] = {}


def _cue_ends(rx: re.Pattern[str]) -> tuple[frozenset[str], frozenset[str]] | None:
    r"""The last two letters of each word of ``rx`` and the punctuation a word ends with
    (``name\?``); None when ``rx`` has any other shape (then only the regex decides)."""
    shape = _CUE_SHAPE.fullmatch(rx.pattern)
    if shape is None or not rx.flags & re.IGNORECASE:
        return None
    pairs: set[str] = set()
    marks: set[str] = set()
    for branch in shape.group(1).split("|"):
        if len(branch) >= 2 and branch[-2] == "\\" and not branch[-1].isalnum():
            marks.add(branch[-1])  # an escaped punctuation mark ends this word
        elif (
            len(branch) >= 2
            and branch[-2:].isascii()
            and branch[-2:].isalpha()
            and (len(branch) == 2 or branch[-3] != "\\")
        ):
            pairs.add(branch[-2:].lower())
        else:
            return None
    return frozenset(pairs), frozenset(marks)


def cue_at_end(rx: re.Pattern[str], before: str) -> bool:
    """``bool(rx.search(before))`` for the name stage's cue patterns (``... \\W*$``), with a
    cheap exact test first that rules out most texts (see ``_cue_ends``).

    Args:
        rx: a cue pattern (any other pattern is simply searched).
        before: the text before a word.

    Returns:
        Whether ``rx`` matches at the end of ``before``.
    """
    try:  # one lookup, not two: a pattern's hash hashes its compiled code (~0.6 us)
        ends = _CUE_ENDS[rx]
    except KeyError:
        ends = _CUE_ENDS[rx] = _cue_ends(rx)
    if ends is None:
        return rx.search(before) is not None
    pairs, marks = ends
    k = len(before)
    while k and not (before[k - 1].isalnum() or before[k - 1] == "_"):
        k -= 1  # the \W* tail: a cue word must end right before it
    if marks and any(c in marks for c in before[k:]):
        return rx.search(before) is not None
    tail = before[k - 2 : k] if k >= 2 else ""
    if not tail:
        return False  # every word has two letters at least
    if tail.isascii() and tail.lower() not in pairs:
        return False  # (a non-ASCII tail may still match under Unicode case folding)
    return rx.search(before) is not None


def ascii_spaces(text: str) -> str:
    """``text`` with each :data:`~hybridllm.classifiers.normalize.SPACES` character as an ASCII
    space (the same object when there is none): what ``str.translate`` with that table gives,
    without its per-character lookups on a non-ASCII text (0.6-0.7 ms per 10 KB; one search,
    and a replace where present, per space character: ~20 us)."""
    if text.isascii():
        return text
    for space in SPACES:
        if space in text:
            text = text.replace(space, " ")
    return text


# Heads of clinical and scientific eponyms: "Glasgow Coma Scale", "Baker cyst", "Bell palsy",
# "Montreal Cognitive Assessment", "Tanner stage", "Wilson disease", "Krebs cycle".
EPONYM_HEADS = words(
    "sign signs syndrome disease scale assessment examination criteria criterion maneuver"
    " manoeuvre reflex phenomenon classification fracture palsy cyst stage staging tumor tumour"
    " disorder questionnaire inventory cycle theorem equation algorithm lemma conjecture"
    " paradox inequality principle response test"
)
# Heads that follow a name without a possessive only: "Faraday cage", "Doppler effect", "Cauchy
# distribution", "Killip class", "Wells score", "Fleischner guidelines"; "Maria's method",
# "Kowalczyk's index", "Ana's class" are a person's.
BARE_HEADS = words(
    "distribution coefficient constant transform integral formula diagram cage law effect"
    " method model index class score guideline guidelines"
)
# A disease or procedure by its Greek or Latin ending ("Wegener granulomatosis", "Hashimoto
# thyroiditis", "Burkitt lymphoma", "Wernicke encephalopathy", "Whipple procedure").
_MEDICAL_TERM = re.compile(
    r"[a-z]{3,}(?:osis|itis|emia|aemia|oma|pathy|plasia|trophy|algia|ectomy|otomy|ostomy|plasty"
    r"|scopy|uria|penia|megaly|rrhea|rrhoea|cele|lysis|procedure|operation)\Z"
)
# Heads of the names of care facilities, organisations and streets: "Oakford Surgery", "Ivybrook
# Hospice", "Elmbridge Children's Hospital", "Brightnest Realty Inc", "Laurel Avenue" (a street
# is the address rules'; types that are surnames too, "Park", "Lane", "Way", are left out).
_PLACE_HEADS = words(
    "hospital hospitals clinic clinics surgery hospice pediatrics paediatrics dialysis infirmary"
    " pharmacy laboratory laboratories labs imaging radiology pathology rehabilitation"
    " sanatorium university college academy institute foundation cathedral church hotel"
    " inc corp corporation llc ltd gmbh plc street avenue road boulevard crescent terrace"
    " parkway highway"
)
_HEADS = EPONYM_HEADS | _PLACE_HEADS
_CAP_GAP = re.compile(r"[ \t]*(?:-[ \t]*)?")


def eponym_run(text: str, words: list[re.Match[str]], i: int) -> bool:
    """Whether word ``i`` is in a run of capitalised words that names a disease, a scale, a
    sign or a theorem: the run ends with such a head, or the next word is one or a disease's
    Greek or Latin name ("Glasgow Coma Scale was 15", "Graves disease", "Wegener
    granulomatosis"); or a care facility or an
    organisation: the run ends with its head ("Oakford Surgery", "Ivybrook Hospice"). Such a
    run is vocabulary or a place, not a person, so NER need not be asked about its words."""
    j = i
    while (
        j + 1 < len(words)
        and words[j + 1].group()[:1].isupper()
        and _CAP_GAP.fullmatch(text, words[j].end(), words[j + 1].start())
        # a word in capitals after a capitalised one starts a label ("Pediatrics BILLING")
        and (words[j].group().isupper() or not words[j + 1].group().isupper())
    ):
        j += 1
    word = words[j].group().lower()
    last = word.removesuffix("'s").removesuffix("’s").rstrip(".")
    if last in _HEADS or (j > i and last == word and last in BARE_HEADS):
        return True
    if (
        j + 1 >= len(words)
        or _CAP_GAP.fullmatch(text, words[j].end(), words[j + 1].start()) is None
    ):
        return False
    after = words[j + 1].group().lower()
    return (
        after in EPONYM_HEADS
        or (last == word and after in BARE_HEADS)
        or _MEDICAL_TERM.match(after) is not None
    )


_STATE = "|".join(sorted(US_STATE_CODES))
# "..., Avel Crossing, OK 61279": the run is the town of a postal address (a US state and a ZIP).
_STATE_ZIP_AFTER = re.compile(rf",?[ \t]+(?:{_STATE})[ \t]+\d{{5}}(?:-\d{{4}})?\b")
# "Na 138 mmol/L", "Hb 13.2 g/dL", "Cr: 1.1 mg/dL": the word names a lab test or a vital sign
# measured in a clinical unit (a person is not followed by a value in mmol/L).
_MEASURE_AFTER = re.compile(
    r"[ \t]*[:=]?[ \t]*[<>≤≥]?[ \t]*\d+(?:[.,]\d+)?[ \t]*(?i:mmol/l|meq/l|mg/dl|g/dl|ng/ml"
    r"|pg/ml|u/l|iu/l|µmol/l|umol/l|mg/l|g/l|mosm/kg|ml/min|k/ul|/ul|/mm3|/mm\^3|mm[ \t]?hg|bpm"
    r"|ng/dl|[µu]g/dl|mcg/dl|nmol/l|pmol/l|m?iu/ml|[µu]iu/ml|miu/l|mu/l|mm/h|mm/hr"
    r"|(?:×|x)[ \t]?10(?:⁹|\^9|9|¹²|\^12)/l)(?![\w/])"
)


def place_or_measure(text: str, words: list[re.Match[str]], i: int) -> bool:
    """Whether word ``i`` starts or is in a run of capitalised words that is a town before a
    US state and a ZIP code (``Avel Crossing, OK 61279``) or a street after its house number
    (``8127 Quartz St``), or is a one-word lab test or vital sign before a value in a clinical
    unit (``Na 138 mmol/L``). None is a person (the address rules redact the town and the
    street), so NER need not be asked about its words."""
    j = i
    while (
        j + 1 < len(words)
        and j - i < 3
        and words[j + 1].group()[:1].isupper()
        and not words[j + 1].group().isupper()
        and _CAP_GAP.fullmatch(text, words[j].end(), words[j + 1].start())
    ):
        j += 1
    end = words[j].end()
    if text.startswith((",", " ", "\t"), end) and _STATE_ZIP_AFTER.match(text, end):
        return True
    if words[j].group().lower().rstrip(".") in STREET_TYPES and _street_number_before(
        text, words, i
    ):
        return True  # "8127 Quartz St", "3287 Grove Rd": a street, the address rules' to redact
    return j == i and measured(text, words[i].end())


def measured(text: str, end: int) -> bool:
    """Whether a value in a clinical unit follows the word ending at ``end`` (``Na 138
    mmol/L``, ``Triiodothyronine: 90 ng/dL``): the word names a lab test or a vital sign."""
    return _MEASURE_AFTER.match(text, end) is not None


_HOUSE_NUMBER = re.compile(r"(?<![\w.,/:-])\d{1,6}[A-Za-z]?[ \t]+\Z")


def _street_number_before(text: str, words: list[re.Match[str]], i: int) -> bool:
    """Whether a house number stands right before the run of capitalised words that holds word
    ``i`` (at most three words back)."""
    s = i
    while (
        s > 0
        and i - s < 3
        and words[s - 1].group()[:1].isupper()
        and _CAP_GAP.fullmatch(text, words[s - 1].end(), words[s].start())
    ):
        s -= 1
    start = words[s].start()
    return _HOUSE_NUMBER.search(text, max(0, start - 10), start) is not None
