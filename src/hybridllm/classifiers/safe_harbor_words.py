"""The words part of the Safe Harbor pass (see :mod:`.safe_harbor`): places, names, proper nouns.

Places below a state (capitalised words after a place cue, "Town, ST 12345", a place label in
any wording), names (a title or a person's role before capitalised words, an initial before a
capitalised word, all-caps runs, "Surname, Given"), street addresses, and unknown proper nouns:
a capitalised word that is neither an everyday word, nor clinical vocabulary, nor a drug-name
stem, with the capitalised words next to it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache, lru_cache

from hybridllm.classifiers.clinical import clinical_vocabulary, clinical_word, words
from hybridllm.classifiers.name_gate import measured
from hybridllm.classifiers.name_tokens import Kind, token_lexicon
from hybridllm.classifiers.patterns import US_STATE_CODES
from hybridllm.classifiers.prefilter import finditer
from hybridllm.classifiers.safe_harbor_regions import is_region

__all__ = ["WORD_PATTERNS", "Add", "find_words", "prev_word", "repeated"]

Add = Callable[..., None]
"""``add(kind, start, end, score=...)``: reports one finding."""

_CAPW = r"[A-Z][^\W\d_]*(?:['’-][^\W\d_]+)*"
_SURNAME_FIRST = re.compile(
    rf"(?<![\w,'’-])(?P<s>{_CAPW}),[ \t]+(?P<f>{_CAPW})\b(?![ \t]*[,&]|[ \t]+and\b)"
)
_PERSON_WORDS = words(
    "dr mr mrs ms miss mx prof sr rev patient pt nurse clinician consultant physician surgeon"
    " therapist guardian spouse husband wife partner son daughter mother father sister brother"
    " caregiver witness witnessed signed seen referred attending provider prescriber contact"
    " accompanied name resident interpreter cc yours sincerely regards by with for dear per"
    " from"
)
_PLACE_WORDS = words(
    "in from near within to of at resides residence hometown town city village county born"
    " moved relocated is as was"
)
# Cues that make even an everyday word a place ("lives in Reading", "born in Mobile"); the
# other cues ("to", "of", "is", "as", "was") only before a word in no vocabulary: "according
# to Chapter 9", "the use of LED lighting", "sensitivity to UV" are no places.
_STRONG_PLACE_WORDS = _PLACE_WORDS - words("to of is as was")
# (The first character before the look-behind, here and in _CAP_TOKEN: a pattern that starts
# with a character class is searched for that class first, not tried at every position.)
_HOUSE = re.compile(
    r"(?P<v>\d(?<![\w.,/-]\d)\d{0,5}[A-Za-z]?[ \t]+(?:[^\W\d_][^\W\d_'’.-]*[ \t]+){0,4}"
    r"[A-Z][^\W\d_'’-]+(?:['’-][^\W\d_]+)?)(?=,|[ \t]*\n|[ \t]+(?:Apt|Unit|Suite|Ste|#))"
)
_EPONYM_HEAD = words(
    "sign syndrome disease scale score test assessment criteria maneuver manoeuvre reflex"
    " phenomenon procedure classification index method equation formula fracture palsy"
    " questionnaire inventory rule stage staging grade tumor tumour disorder class guideline"
    " guidelines"
    # a lab test's measure: "Leukocyte count", "Troponin levels", "Ferritin concentration"
    " count counts level levels concentration titer titre"
)
_STATE_ZIP = re.compile(r",[ \t]*[A-Z]{2}\b[ \t]*\d{5}")
# "Town, ST" with or without a ZIP: the code is a state only if it is one (Safe Harbor lets a
# state stay); any other code in that slot is not known to be safe ("Gorsehaven, ZZ").
_STATE_SLOT = re.compile(rf"(?<=[a-zà-ÿ]),[ \t]*(?P<v>[A-Z]{{2}})\b(?![ \t]*[,&]?[ \t]*{_CAPW})")
_STATE_CODES = US_STATE_CODES
# Credentials and degrees after a name ("Lee, RN", "Ortiz, NP"): not a place.
_CREDENTIALS = words("RN NP PT OT DO MD PA DC PH LPN CNA MS BS BA MA DR JR SR II IV")
# A unit after a street address ("4489 Elm St, Unit 59"): the rest of the address.
_UNIT_AFTER = re.compile(
    r"(?:,[ \t]*|[ \t]+)(?:Apt|Apartment|Unit|Suite|Ste|Room|Rm|Floor|Fl|Bldg|Building|Lot|#)"
    r"\.?[ \t]*#?[ \t]*[A-Za-z]?\d+[A-Za-z]?\b"
)
# Geographic generic words that end a place name ("Bosk Quay", "Velden Bay", "Cedar Falls"):
# part of the name, though each is an ordinary word.
_GEO_TAIL = words(
    "bay quay heights falls park springs spring harbor harbour crossing hollow valley ridge"
    " point beach lake lakes hill hills creek grove meadow meadows landing junction city town"
    " village island isle port mills mill forest woods field fields glen vale view haven shore"
    " shores cove bend bluff bluffs station square gardens green commons flats plains rapids"
    " river rock rocks summit terrace row end cross bridge ford wells marsh moor downs sound"
    " run reach gap pass gate wharf narrows key keys water waters"
)
_TOWN_BEFORE = re.compile(rf"(?<![\w'’-])(?P<v>{_CAPW}(?:[ \t]+{_CAPW}){{0,2}})$")
_BREAKS = frozenset('.!?:;\n"([{|•*>-')
# "<label naming a place>: Value" ("Home region on the referral: Saffrondale", "HOME
# COMMUNITY | Fennel Sound", "Residential location (Saffron Falls)", "community — Dapple
# Sound"): labels generalise to places as they do to identifiers.
_PLACE_LABEL = re.compile(
    r"\b(?:community|region|area|locality|location|city|town|village|residence|residential"
    r"|origin|geography|district|county|hometown|neighbou?rhood|municipality|suburb|borough"
    r"|parish|settlement)\b(?:[ \t]+(?:[a-z]+|on|of|for|the)){0,4}[ \t]*"
    r"(?:[:=|(\[]|[—–]|[ \t]-[ \t])[ \t]*"
    rf"(?P<v>(?-i:{_CAPW}(?:[ \t]+{_CAPW}){{0,3}}))",
    re.IGNORECASE,
)

WORD_PATTERNS = (_STATE_ZIP, _STATE_SLOT, _PLACE_LABEL, _SURNAME_FIRST)
"""Patterns searched through the classifier's prefilter (see :mod:`.prefilter`)."""


@cache
def _safe_capitalised() -> frozenset[str]:
    """Capitalised words that are never an identifier in a clinical note."""
    return clinical_vocabulary() | words(
        "january february march april may june july august september october november december"
        " monday tuesday wednesday thursday friday saturday sunday today tomorrow yesterday"
        " emergency department unit floor ward service team clinic hospital center centre"
        " medical health care institute pharmacy laboratory lab home"
    )


def prev_word(text: str, pos: int, *, through: frozenset[str] = frozenset()) -> str:
    """The lower-case word just before ``pos`` (skipping up to 4 separators, not a line break),
    and further back past linking words in ``through`` ("number is", "recorded as")."""
    seps = _SEPARATORS
    for _ in range(3):
        i = pos
        stop = pos - 4 if pos > 4 else 0
        while i > stop and text[i - 1] in seps:
            i -= 1
        if i > 0 and text[i - 1] == "#":
            return "#"
        j = i
        while j > 0 and (text[j - 1].isalnum() or text[j - 1] in "/'’-_"):
            j -= 1
        if j == i:
            return ""
        word = text[j:i].lower()
        if not word or not word[0].isalpha():
            return ""
        if word not in through:
            return word
        pos = j
    return ""


_SEPARATORS = frozenset(" \t\r:=,.;()[]{}/-–—|\"'*")


def _sentence_start(text: str, pos: int) -> bool:
    i = pos - 1
    while i >= 0 and text[i] in " \t\r":
        i -= 1
    return i < 0 or text[i] in _BREAKS


def find_words(text: str, add: Add) -> None:
    """Places, names and unknown proper nouns of ``text``, reported through ``add``."""
    lex = token_lexicon()
    safe = _safe_capitalised()
    known = _known

    for m in finditer(_STATE_ZIP, text):
        town = _TOWN_BEFORE.search(text, max(0, m.start() - 60), m.start())
        if town is not None:
            add("PLACE", town.start("v"), town.end("v"))
    for m in finditer(_STATE_SLOT, text):
        code = m.group("v")
        # Nor a clinical abbreviation after a finding ("hypertension, BP 142/88").
        if (
            code not in _STATE_CODES
            and code not in _CREDENTIALS
            and not clinical_word(code.lower())
        ):
            add("PLACE", m.start("v"), m.end("v"))
    for m in finditer(_PLACE_LABEL, text):
        value = m.group("v")
        if not all(w.lower() in safe for w in value.split()):
            add("PLACE", m.start("v"), m.end("v"))
    for m in _HOUSE.finditer(text):
        unit = _UNIT_AFTER.match(text, m.end("v"))
        add("PLACE", m.start("v"), m.end("v") if unit is None else unit.end())
    for m in finditer(_SURNAME_FIRST, text):
        surname = m.group("s").lower()
        if m.group("f").lower() in lex.first and surname not in safe and not clinical_word(surname):
            add("NAME", *m.span())
    _runs(text, add, known, safe)


def _runs(text: str, add: Add, known: Callable[[str], bool], safe: frozenset[str]) -> None:
    strong = _STRONG_PLACE_WORDS
    for run in _cap_runs(text):
        if len(run) == 1:
            start, end, word = run[0]
            if known(word):
                # The common case (a sentence's first word, a known word): a place cue alone
                # can still make it a place ("lives in Paris").
                # (Not a state or a country: Safe Harbor lets it stay.)
                low = word.lower()
                if low not in safe and prev_word(text, start) in strong and not _state_level(word):
                    add("PLACE", start, end)
                continue
        _run(text, run, add, known)


def _run(
    text: str,
    run: list[_Tok],
    add: Add,
    known: Callable[[str], bool],
) -> None:
    words = [w for _, _, w in run]  # (a single known word is find_words' fast path)
    after = _NEXT_WORD.match(text, run[-1][1])
    if words[-1].lower() in _EPONYM_HEAD or (
        after is not None and after.group(1).lower() in _EPONYM_HEAD
    ):
        return  # "Glasgow Coma Scale", "Kernig sign", "Ehlers-Danlos syndrome"
    if (
        (len(words) == 1 or all(w.isupper() for w in words))
        and not words[-1].endswith(("'s", "’s"))
        and _lab_value(text, run[-1][1])
    ):
        return  # a lab test before its value, in any language ("CREATININA 0.9 mg/dL"; not
        # "Rhea Fernwick's WBC 7.4 g/dL": a person's name and a test)
    shape = _shape(tuple(words)) if known is _known else _shape_of(words, known)
    if shape is None:
        return
    lo, hi, all_known = shape
    start, end = run[lo][0], run[hi - 1][1]
    cue = prev_word(text, start)
    if cue in _PERSON_WORDS:
        add("NAME", start, end)
    elif cue in _PLACE_WORDS:
        if not _state_level(text[start:end]):
            add("PLACE", start, end)
    elif all_known:
        return
    elif hi - lo > 1 and (words[lo].isupper() or _is_initial(words[lo])):
        add("NAME", start, end)
    else:
        first = start == run[0][0] and _sentence_start(text, start)
        lex = token_lexicon()
        odd = [
            w
            for w in words[lo:hi]
            if not known(w)
            and (not first or hi - lo > 1 or lex.kind(w) in (Kind.NAME, Kind.UNKNOWN))
        ]
        if odd:
            add("PROPER_NOUN", start, end, 0.4)


_Tok = tuple[int, int, str]
# A test's abbreviation in brackets, then a percentage ("HEMOGLOBINA GLUCOSILADA (HbA1c) 8.3%").
_ABBR_GAP = re.compile(r"[ \t]*(?:\([^()\n]{1,12}\)[ \t]*)?")
_PERCENT = re.compile(r"[:=]?[ \t]*[<>≤≥]?[ \t]*\d+(?:[.,]\d+)?[ \t]*%")


def _lab_value(text: str, end: int) -> bool:
    """Whether a lab value follows the run ending at ``end``: a value in a clinical unit, or a
    percentage after the test's abbreviation in brackets (a person is not measured so)."""
    gap = _ABBR_GAP.match(text, end)
    pos = gap.end() if gap is not None else end
    if measured(text, pos):
        return True
    return pos > end and text[end:pos].strip() != "" and _PERCENT.match(text, pos) is not None


def _state_level(value: str) -> bool:
    """A state, a province or a country that is no given name: Safe Harbor lets it stay."""
    return is_region(value) and value.lower() not in token_lexicon().first


def _shape_of(words: list[str], known: Callable[[str], bool]) -> tuple[int, int, bool] | None:
    """What a run's words alone decide: None when every word is safe or clinical, else the
    value's word range (ordinary words trimmed, a geographic tail kept) and whether every word
    is known."""
    safe = _safe_capitalised()
    if all(w.lower() in safe or clinical_word(w.lower()) for w in words):
        return None
    lo, hi = _core(words, known)
    while hi < len(words) and words[hi].lower() in _GEO_TAIL:
        hi += 1  # "Bosk Quay": the generic word is part of the place's name
    return lo, hi, all(known(w) for w in words)


@lru_cache(maxsize=8192)
def _shape(words: tuple[str, ...]) -> tuple[int, int, bool] | None:
    """:func:`_shape_of` with :func:`_known`, once per distinct run (headings recur)."""
    return _shape_of(list(words), _known)


# An English contraction: a word and "'m", "'d", "'ll", "'ve", "'re", "'s" or "n't" ("I'm",
# "You've", "Don't"): a pronoun or an auxiliary, never an identifier. (A name's
# apostrophe is followed by more letters: "O'Neil", "D'Arcy".)
_CONTRACTION = re.compile(r"([a-z]+?)(?:n['’]t|['’](?:m|d|ll|ve|re|s))")


@lru_cache(maxsize=50_000)
def _known(word: str) -> bool:
    """An ordinary or clinical word, an abbreviation ("SSN", "ICU"): not an identifier alone."""
    low = word.lower().strip(".'’-").removesuffix("'s").removesuffix("’s")
    if word.isupper() and len(low) <= 4:
        return True
    if (compound := _ABBR_COMPOUND.fullmatch(word)) is not None:
        return _known(compound["w"])  # "T-score", "ST-segment", "X-ray", "B-cell"
    contraction = _CONTRACTION.fullmatch(low)
    return (
        len(low) < 2
        or (
            contraction is not None
            and (len(stem := contraction.group(1)) <= 2 or stem in token_lexicon().vocab)
        )
        or low in _safe_capitalised()
        or low in token_lexicon().common
        or clinical_word(low)
    )


# A capital letter or an abbreviation joined to a lower-case word: a term ("T-score",
# "ST-segment", "X-ray", "B-cell"), as ordinary or clinical as the word.
_ABBR_COMPOUND = re.compile(r"[A-Z]{1,3}-(?P<w>[a-z]{3,})")


def _core(words: list[str], known: Callable[[str], bool]) -> tuple[int, int]:
    """Leading and trailing ordinary words ("Patient", "Dear", "Unit") are not the value,
    unless the run is all upper case ("JASPER CEDARVALE") or nothing else is left."""
    lo, hi = 0, len(words)
    if not all(w.isupper() for w in words):
        while lo < hi and known(words[lo]) and not _is_initial(words[lo]):
            lo += 1
        while hi > lo and known(words[hi - 1]) and not _is_initial(words[hi - 1]):
            hi -= 1
    return (0, len(words)) if lo == hi else (lo, hi)


_NEXT_WORD = re.compile(r"(?:['’]s)?[ \t]*([^\W\d_]+)")
# A word that starts with an upper-case ASCII letter or any non-ASCII letter (checked below).
_CAP_TOKEN = re.compile(r"[A-Z\x80-\U0010ffff](?<![\w-].)[^\W\d_]*(?:['’-][^\W\d_]+)*\.?(?!\w)")
_LEAD = re.compile(
    r"(?:\b(?:von|van|de|des|del|der|den|da|di|la|le|du|bin|al)[ \t]+|\b[dDoOlL]['’])$"
)
_RUN_GAP = re.compile(r"[ \t]+(?:(?:von|van|de|des|del|der|den|da|di|la|le|du|bin|al)[ \t]+)?")


def _is_initial(word: str) -> bool:
    return len(word) == 2 and word[0].isupper() and word[1] == "."


def _cap_runs(text: str) -> list[list[_Tok]]:
    """Runs of capitalised words on one line (initials and name particles inside a run)."""
    runs: list[list[_Tok]] = []
    cur: list[_Tok] = []  # (start, end, word) of the words of the current run

    def flush() -> None:
        # (Every word here is capitalised: an initial is two characters ending in a dot.)
        while cur and len(cur[-1][2]) == 2 and cur[-1][2][1] == ".":
            cur.pop()
        if cur:
            # Only the last word can end in a dot that is no initial's: such a word ends a run.
            s, e, w = cur[-1]
            if w[-1] == ".":
                cur[-1] = (s, e - 1, w[:-1])
            first = cur[0][0]
            # A particle or "d'" before the first word (its pattern ends in a space or quote).
            if first and text[first - 1] in _LEAD_END:
                lead = _LEAD.search(text, max(0, first - 5), first)
                if lead is not None:
                    cur[0] = (lead.start(), cur[0][1], cur[0][2])
            runs.append(cur[:])
        cur.clear()

    gap = _RUN_GAP.fullmatch
    for t in _CAP_TOKEN.finditer(text):
        word = t.group()
        if len(word) < 2 or not word[0].isupper():
            continue
        start = t.start()
        if cur:
            _, end, prev = cur[-1]
            joined = (start == end + 1 and text[end] == " ") or gap(text, end, start) is not None
            if not joined or (prev[-1] == "." and len(prev) != 2):
                flush()
        cur.append((start, t.end(), word))
    flush()
    return runs


_LEAD_END = frozenset(" \t\n'’")  # ("$" of _LEAD also matches before a final line break)


def repeated(text: str, found: list[tuple[str, int, int]]) -> list[tuple[str, int, int]]:
    """Other mentions of a place or name found once: an identifier is one wherever it stands
    ("lives in Maple Hollow" ... "attends Maple Hollow Pediatrics"). The whole value, and each of
    its words that is no ordinary or clinical word, as a whole word elsewhere in ``text``.

    Args:
        text: the note.
        found: ``(kind, start, end)`` of the places and names found in it.

    Returns:
        ``(kind, start, end)`` of the other mentions.
    """
    values: dict[str, str] = {}
    for kind, start, end in found:
        value = text[start:end]
        if len(value) >= 4:
            values.setdefault(value, kind)
        for part in value.split():
            w = part.strip(".,")
            if len(w) >= 4 and w[0].isupper() and not _known(w):
                values.setdefault(w, kind)
    spans = {(start, end) for _, start, end in found}
    out: list[tuple[str, int, int]] = []
    taken = bytearray(len(text) + 1)
    for value in sorted(values, key=len, reverse=True):  # the longest value wins a place
        i = text.find(value)
        while i >= 0:
            end = i + len(value)
            if (
                not taken[i]
                and (i == 0 or not _glued(text[i - 1]))
                and (end == len(text) or not _glued(text[end]))
            ):
                taken[i:end] = b"\x01" * len(value)
                if (i, end) not in spans:
                    out.append((values[value], i, end))
            i = text.find(value, i + 1)
    return sorted(out, key=lambda r: r[1])


def _glued(c: str) -> bool:
    return c.isalnum() or c in "_'’-"
