"""The fail-safe Safe Harbor pass, run only on clinical payloads (see :mod:`.clinical`).

Philter's idea (UCSF): in a clinical note, what is not known to be safe is removed. Cue words
("MRN", "license") cannot list every way someone else labels an identifier, so this pass keys on
the *shape* of values instead and keeps only what it knows to be safe:

- **Identifier-shaped tokens**: a run of 5+ digits, digit groups joined by ``-/._#`` or spaces
  (6+ digits), letter+digit codes with 3+ digits (``MR217009``, ``ZX-1705-07``) are identifiers
  unless known safe: a quantity with its unit (``10000 units``), a blood pressure (``120/80``), a
  lab range, an ICD-10 code, a value after an allowed code label (CPT, ICD, LOINC, NDC).
- **Labels generalise**: after an identifier word (id, number, no., ref, record, account, member,
  policy, serial, plate, ...) any value with 3+ digits is an identifier. No validator vetoes it:
  ``SSN: 000-12-3456`` is an SSN-shaped identifier even though 000 is never issued.
- **Every date element but the year**: numeric dates in any order and separator, day-month-year
  with month names, month-day, month-year, month/day without a year; the whole date is removed.
- **Ages over 89** after an age word or before "years"/"yo".
- **Places below a state**: capitalised words after a place cue (in, from, near, lives in, home
  community, ...), "Town, ST 12345".
- **Names**: a title or a person's role before capitalised words (Dr., nurse, spouse, signed by),
  an initial before a capitalised word (``W. Valecrest``), all-caps runs that hold a name.
- **Unknown proper nouns**: a capitalised word that is neither an everyday word (the 40k most
  frequent), nor clinical vocabulary, nor a drug-name stem (mid-sentence; at a sentence start
  only if it is in no vocabulary at all), with the capitalised words next to it.

Entity types: :data:`STRONG` ones are identifiers on their own; :data:`WEAK` ones (unknown proper
nouns) are redacted only in a payload that also has an identifier (see combine). All are PHI.
Scores are low (0.4-0.45) on purpose: where a specific recognizer found the same value (an MRN,
a URL, a person), the merged finding keeps its more specific type.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache, lru_cache

from hybridllm.classifiers.clinical import clinical_vocabulary, clinical_word, words
from hybridllm.classifiers.name_tokens import Kind, token_lexicon
from hybridllm.classifiers.prefilter import finditer
from hybridllm.models import Finding

__all__ = ["STRONG", "WEAK", "SafeHarborRecognizer"]

STRONG: frozenset[str] = frozenset({"IDENTIFIER", "DATE_ELEMENT", "AGE_OVER_89", "PLACE", "NAME"})
"""Entity types of this pass that are identifiers by themselves."""
WEAK: frozenset[str] = frozenset({"PROPER_NOUN"})
"""Entity types of this pass redacted only next to an identifier."""

_MONTHS = (
    "Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    "|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?"
)
# Capitalised or upper case only: "may" and "march" in prose are not months.
_MONTH = f"(?:{_MONTHS}|{_MONTHS.upper()})\\.?"
_Add = Callable[..., None]
_DATES = re.compile(
    r"(?<![\w/.-])(?:"
    r"\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4}(?!\.\d)"
    rf"|\d{{1,2}}(?:st|nd|rd|th)?[\s/.-]+(?:of\s+)?{_MONTH}(?:[\s/,.-]+\d{{2,4}})?"
    rf"|{_MONTH}[\s/.-]*\d{{1,2}}(?:st|nd|rd|th)?\b(?:,?[\s/.-]*\d{{4}})?"
    rf"|{_MONTH},?\s+\d{{4}}"
    r"|\d{4}-\d{2}-\d{2}T[\d:.]+Z?"
    r")(?![\w/])"
)
_MONTH_DAY = re.compile(r"(?<![\w/.,-])(?P<a>\d{1,2})/(?P<b>\d{1,2})(?![\w/%-]|\.\d)")
_MONTH_ALONE = re.compile(
    r"\b(?:January|February|March|April|June|July|August|September|October|November|December)\b"
)
_SCORE_BEFORE = re.compile(
    r"\b(?:pain|score[ds]?|scale|strength|grade[ds]?|rated|gcs|moca|mmse|apgar|power|motor"
    r"|murmur|phq-?9|gad-?7|of)\b[^\n\d]{0,12}$",
    re.IGNORECASE,
)
_PHONE = re.compile(r"(?<![\w+])(?:\+?1[ .-]?)?\(?\d{3}\)?[ .-]?\d{3}[ .-]?\d{4}(?!\d)")
_FRACTION_AFTER = re.compile(r"\s*(?:tab|tablet|cap|dose|strength|cup|of|inch|in\b|mg|ml)", re.I)
_DATE_ALLOWED_FORM = re.compile(r"^(?:19|20)\d\d$")

_AGE = re.compile(
    r"\b(?:age[ds]?|a[ \t]g[ \t]e)\b[^\d\n]{0,40}?(?P<v>9\d|1[0-2]\d)(?!\d|\.\d|%)"
    r"|(?<![\d.])(?P<w>9\d|1[0-2]\d)[\s-]*(?:years?|yrs?|y/?o|y\.o\.)(?![a-z])",
    re.IGNORECASE,
)
_AGE_WORDS = re.compile(r"\b(?:nonagenarian|centenarian|supercentenarian)s?\b", re.IGNORECASE)

# A token with a digit, letters and digit groups joined by -/._# ("ZX-1705-07", "MR217009").
_CHUNK = re.compile(
    r"(?<![\w@])(?:[A-Za-z]+[-/._#]{1,2})*[A-Za-z]*\d[A-Za-z0-9]*(?:[-/._#]{1,2}[A-Za-z0-9]+)*"
)
_SPACED = re.compile(r"(?<![\w.,])\d{2,5}(?: \d{2,5}){1,4}(?![\w.,])")
_UNIT = re.compile(
    r"\s*(?:mg|mcg|µg|ug|g|kg|lbs?|oz|ml|cc|units?|iu|meq|mmol|mm\s?hg|bpm|cm|mm|ft"
    r"|kcal|cal|steps|cells|copies|/u?l|/mm3|/min|%|x\s?10|k/ul|mosm|ng|pg|ml/min|hours?|hrs?"
    r"|days?|weeks?|wks?|months?|years?|minutes?|mins?|seconds?|secs?|times?|mile|miles)\b",
    re.IGNORECASE,
)
_UNIT_GLUED = re.compile(
    r"^\d+(?:\.\d+)?(?:mg|mcg|g|kg|ml|l|cc|iu|units?|meq|cm|mm|kcal|hr?s?)$", re.I
)
_BP = re.compile(r"^(?P<a>\d{2,3})/(?P<b>\d{2,3})$")
_RANGE = re.compile(r"^(?P<a>\d{1,3})-(?P<b>\d{1,3})$")
_ICD10 = re.compile(r"^[A-TV-Z]\d{2}(?:\.[0-9A-Z]{1,4})?$")
# Cue words, looked up on the word just before a value (a regex over the whole text for each
# cue list cost more than the rest of the pass).
_CODE_WORDS = words(
    "cpt hcpcs icd icd-10 icd10 icd-9 icd-10-cm loinc snomed snomed-ct ndc rxnorm drg pmid pmcid"
    " doi pubmed"
)
_ID_WORDS = words(
    "id ids identifier identification number num no nr # ref reference code record account acct"
    " mrn ssn social security member policy license licence serial s/n plate vin chart key file"
    " badge pin device certificate passport case claim invoice ledger enrollment subscriber"
    " group npi dea fax phone tel ext extension beeper pager room bed unit"
)

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
_LINK = words("is was of as recorded")
_HOUSE = re.compile(
    r"(?<![\w.,/-])(?P<v>\d{1,6}[A-Za-z]?[ \t]+(?:[^\W\d_][^\W\d_'’.-]*[ \t]+){0,4}"
    r"[A-Z][^\W\d_'’-]+(?:['’-][^\W\d_]+)?)(?=,|[ \t]*\n|[ \t]+(?:Apt|Unit|Suite|Ste|#))"
)
_EPONYM_HEAD = words(
    "sign syndrome disease scale score test assessment criteria maneuver manoeuvre reflex"
    " phenomenon procedure classification index method equation formula fracture palsy"
    " questionnaire inventory rule stage staging grade tumor tumour disorder"
)
_STATE_ZIP = re.compile(r",[ \t]*[A-Z]{2}\b[ \t]*\d{5}")
# "Town, ST" with or without a ZIP: the code is a state only if it is one (Safe Harbor lets a
# state stay); any other code in that slot is not known to be safe ("Gorsehaven, ZZ").
_STATE_SLOT = re.compile(rf"(?<=[a-zà-ÿ]),[ \t]*(?P<v>[A-Z]{{2}})\b(?![ \t]*[,&]?[ \t]*{_CAPW})")
_STATE_CODES = words(
    "AL AK AZ AR CA CO CT DE DC FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH"
    " NJ NM NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY PR GU VI AS MP PW FM MH AA"
    " AE AP"
)
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
_EXT = re.compile(r"(?:\b(?:ext|extension)\.?|(?<=\d)[ \t]*x)[ \t]*(?P<v>\d{1,6})\b", re.IGNORECASE)
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
_DOMAIN = re.compile(
    r"(?<![\w@.-])(?P<v>(?:https?://|www\.)\S+[^\s.,;:!?)\]'\"]"
    r"|(?:[A-Za-z0-9-]++\.)++[A-Za-z]{2,24}/[^\s,;)\]'\"]*"
    r"|(?:[A-Za-z0-9-]++\.)++(?:com|org|net|edu|gov|io|us|health|info|biz|co)\b"
    r"(?:/[^\s,;)\]'\"]*)?)(?![\w@])"
)


@cache
def _safe_capitalised() -> frozenset[str]:
    """Capitalised words that are never an identifier in a clinical note."""
    return clinical_vocabulary() | words(
        "january february march april may june july august september october november december"
        " monday tuesday wednesday thursday friday saturday sunday today tomorrow yesterday"
        " emergency department unit floor ward service team clinic hospital center centre"
        " medical health care institute pharmacy laboratory lab home"
    )


def _digits(s: str) -> int:
    return sum(c.isdigit() for c in s)


def _prev_word(text: str, pos: int, *, through: frozenset[str] = frozenset()) -> str:
    """The lower-case word just before ``pos`` (skipping up to 4 separators, not a line break),
    and further back past linking words in ``through`` ("number is", "recorded as")."""
    for _ in range(3):
        i, skipped = pos, 0
        while i > 0 and skipped < 4 and text[i - 1] in _SEPARATORS:
            i -= 1
            skipped += 1
        if i > 0 and text[i - 1] == "#":
            return "#"
        j = i
        while j > 0 and (text[j - 1].isalnum() or text[j - 1] in "/'’-_"):
            j -= 1
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


class SafeHarborRecognizer:
    """The fail-safe pass (see the module docstring). Thread-safe: keeps no per-call state.

    Attributes:
        name: ``"safe-harbor"``.
    """

    prefilter_patterns = (
        _AGE,
        _AGE_WORDS,
        _EXT,
        _DOMAIN,
        _DATES,
        _MONTH_DAY,
        _MONTH_ALONE,
        _PHONE,
        _SPACED,
        _STATE_ZIP,
        _STATE_SLOT,
        _PLACE_LABEL,
        _SURNAME_FIRST,
    )
    """Patterns searched through the classifier's prefilter (see :mod:`.prefilter`)."""

    name = "safe-harbor"

    def find(self, text: str) -> list[Finding]:
        """Find identifiers, date elements, ages, places and names by shape and cue.

        Args:
            text: one message of a clinical payload.

        Returns:
            PHI findings (types in :data:`STRONG` and :data:`WEAK`).
        """
        out: list[Finding] = []

        def add(kind: str, start: int, end: int, score: float = 0.45) -> None:
            if end > start:
                out.append(
                    Finding(
                        entity_type=kind,
                        category="PHI",
                        start=start,
                        end=end,
                        score=score,
                        recognizer=self.name,
                    )
                )

        taken = self._dates(text, add)
        self._identifiers(text, add, taken)
        for m in finditer(_AGE, text):
            g = "v" if m.start("v") >= 0 else "w"
            add("AGE_OVER_89", m.start(g), m.end(g), 0.45)
        for m in finditer(_AGE_WORDS, text):
            add("AGE_OVER_89", m.start(), m.end(), 0.45)
        for m in finditer(_EXT, text):
            add("IDENTIFIER", m.start("v"), m.end("v"))
        for m in finditer(_DOMAIN, text):
            add("IDENTIFIER", m.start("v"), m.end("v"))
        self._words(text, add)
        return out

    def _dates(self, text: str, add: _Add) -> list[tuple[int, int]]:
        spans = []
        for m in finditer(_DATES, text):
            if _DATE_ALLOWED_FORM.match(m.group()):
                continue
            add("DATE_ELEMENT", *m.span(), score=0.45)
            spans.append(m.span())
        for m in finditer(_MONTH_DAY, text):
            a, b = int(m.group("a")), int(m.group("b"))
            day = 1 <= a <= 31 and 1 <= b <= 31 and a + b > 5  # not "1/2", "1/4", "3/4"
            if not (day or (1 <= a <= 12 and b >= 32)):  # or month/yy ("8/79")
                continue
            if _FRACTION_AFTER.match(text, m.end()) or _SCORE_BEFORE.search(
                text, max(0, m.start() - 24), m.start()
            ):
                continue
            add("DATE_ELEMENT", *m.span(), score=0.45)
            spans.append(m.span())
        for m in finditer(_MONTH_ALONE, text):
            add("DATE_ELEMENT", *m.span(), score=0.45)
        return spans

    def _identifiers(self, text: str, add: _Add, taken: list[tuple[int, int]]) -> None:
        in_date = bytearray(len(text) + 1)
        for a, b in taken:
            in_date[a:b] = b"\x01" * (b - a)
        for m in _CHUNK.finditer(text):
            start, end = m.span()
            if in_date[start] and in_date[end - 1]:
                continue
            token = m.group()
            digits = _digits(token)
            if digits < 3:
                continue
            label = _prev_word(text, start, through=_LINK)
            labelled = label in _ID_WORDS
            if label in _CODE_WORDS or self._safe(token, text, end, labelled):
                continue
            letters = sum(c.isalpha() for c in token)
            shaped = digits >= 5 or (letters > 0 and len(token) >= 5) or labelled
            if shaped:
                add("IDENTIFIER", start, end, 0.45)
        for m in finditer(_PHONE, text):
            add("IDENTIFIER", *m.span())
        for m in finditer(_SPACED, text):
            if _digits(m.group()) >= 6 and not _UNIT.match(text, m.end()):
                add("IDENTIFIER", *m.span())

    @staticmethod
    def _safe(token: str, text: str, end: int, labelled: bool) -> bool:
        if _ICD10.match(token) or _UNIT_GLUED.match(token):
            return True
        if labelled:
            return False
        if token.isdigit() and len(token) <= 4:
            return True  # a year, a count, a short lab value
        if _UNIT.match(text, end) and (token.replace(".", "").isdigit()):
            return True
        bp = _BP.match(token)
        if bp and 60 <= int(bp.group("a")) <= 260 and 30 <= int(bp.group("b")) <= 160:
            return True
        rng = _RANGE.match(token)
        return bool(rng and int(rng.group("a")) < int(rng.group("b")))

    def _words(self, text: str, add: _Add) -> None:
        lex = token_lexicon()
        safe = _safe_capitalised()
        known = _known

        for m in finditer(_STATE_ZIP, text):
            town = _TOWN_BEFORE.search(text, max(0, m.start() - 60), m.start())
            if town is not None:
                add("PLACE", town.start("v"), town.end("v"))
        for m in finditer(_STATE_SLOT, text):
            code = m.group("v")
            if code not in _STATE_CODES and code not in _CREDENTIALS:
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
            if (
                m.group("f").lower() in lex.first
                and surname not in safe
                and not clinical_word(surname)
            ):
                add("NAME", *m.span())
        for run in _cap_runs(text):
            self._run(text, run, add, known)

    @staticmethod
    def _run(
        text: str,
        run: list[_Tok],
        add: _Add,
        known: Callable[[str], bool],
    ) -> None:
        words = [w for _, _, w in run]
        if len(words) == 1 and known(words[0]):
            # The common case (a sentence's first word, a known word): a place cue alone can
            # still make it a place ("lives in Paris").
            low = words[0].lower()
            if low not in _safe_capitalised() and _prev_word(text, run[0][0]) in _PLACE_WORDS:
                add("PLACE", run[0][0], run[0][1])
            return
        after = _NEXT_WORD.match(text, run[-1][1])
        if words[-1].lower() in _EPONYM_HEAD or (
            after is not None and after.group(1).lower() in _EPONYM_HEAD
        ):
            return  # "Glasgow Coma Scale", "Kernig sign", "Ehlers-Danlos syndrome"
        safe = _safe_capitalised()
        if all(w.lower() in safe or clinical_word(w.lower()) for w in words):
            return
        lo, hi = _core(words, known)
        while hi < len(words) and words[hi].lower() in _GEO_TAIL:
            hi += 1  # "Bosk Quay": the generic word is part of the place's name
        start, end = run[lo][0], run[hi - 1][1]
        cue = _prev_word(text, start)
        if cue in _PERSON_WORDS:
            add("NAME", start, end)
        elif cue in _PLACE_WORDS:
            add("PLACE", start, end)
        elif all(known(w) for w in words):
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


@lru_cache(maxsize=50_000)
def _known(word: str) -> bool:
    """An ordinary or clinical word, an abbreviation ("SSN", "ICU"): not an identifier alone."""
    low = word.lower().strip(".'’-").removesuffix("'s").removesuffix("’s")
    if word.isupper() and len(low) <= 4:
        return True
    return (
        len(low) < 2
        or low in _safe_capitalised()
        or low in token_lexicon().common
        or clinical_word(low)
    )


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
_CAP_TOKEN = re.compile(r"(?<![\w-])(?:[A-Z]|[^\x00-\x7f])[^\W\d_]*(?:['’-][^\W\d_]+)*\.?(?!\w)")
_LEAD = re.compile(
    r"(?:\b(?:von|van|de|des|del|der|den|da|di|la|le|du|bin|al)[ \t]+|\b[dDoOlL]['’])$"
)
_RUN_GAP = re.compile(r"[ \t]+(?:(?:von|van|de|des|del|der|den|da|di|la|le|du|bin|al)[ \t]+)?")


def _is_initial(word: str) -> bool:
    return len(word) == 2 and word[0].isupper() and word[1] == "."


def _cap_runs(text: str) -> list[list[_Tok]]:
    """Runs of capitalised words on one line (initials and name particles inside a run)."""
    runs: list[list[_Tok]] = []
    cur: list[re.Match[str]] = []

    def flush() -> None:
        while cur and _is_initial(cur[-1].group()):
            cur.pop()
        if cur:
            toks: list[_Tok] = []
            for t in cur:
                w = t.group()
                cut = 1 if w.endswith(".") and not _is_initial(w) else 0
                toks.append((t.start(), t.end() - cut, w[: len(w) - cut]))
            lead = _LEAD.search(text, max(0, toks[0][0] - 5), toks[0][0])
            if lead is not None:
                toks[0] = (lead.start(), toks[0][1], toks[0][2])
            runs.append(toks)
        cur.clear()

    for t in _CAP_TOKEN.finditer(text):
        word = t.group()
        if not word[0].isupper() or len(word) < 2:
            continue
        if cur:
            prev = cur[-1].group()
            joined = _RUN_GAP.fullmatch(text, cur[-1].end(), t.start()) is not None
            if not joined or (prev.endswith(".") and not _is_initial(prev)):
                flush()
        cur.append(t)
    flush()
    return runs
