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
  community, ...), "Town, ST 12345"; not a state, a province or a country
  (:mod:`.safe_harbor_regions`).
- **Names**: a title or a person's role before capitalised words (Dr., nurse, spouse, signed by),
  an initial before a capitalised word (``W. Valecrest``), all-caps runs that hold a name.
- **Unknown proper nouns**: a capitalised word that is neither an everyday word (the 40k most
  frequent), nor clinical vocabulary, nor a drug-name stem (mid-sentence; at a sentence start
  only if it is in no vocabulary at all), with the capitalised words next to it.

The words (places, names, unknown proper nouns) are :mod:`.safe_harbor_words`.

Entity types: :data:`STRONG` ones are identifiers on their own; :data:`WEAK` ones (unknown proper
nouns) are redacted only in a payload that also has an identifier (see combine). All are PHI.
Scores are low (0.4-0.45) on purpose: where a specific recognizer found the same value (an MRN,
a URL, a person), the merged finding keeps its more specific type.
"""

from __future__ import annotations

import re

from hybridllm.classifiers.clinical import words
from hybridllm.classifiers.name_tokens import token_lexicon
from hybridllm.classifiers.phi import personal_url
from hybridllm.classifiers.prefilter import finditer
from hybridllm.classifiers.safe_harbor_words import (
    WORD_PATTERNS,
    Add,
    find_words,
    prev_word,
    repeated,
)
from hybridllm.models import Finding, new_finding

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
_DATES = re.compile(
    r"(?<![\w/.-])(?:"
    r"\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4}(?!\.\d)"
    rf"|\d{{1,2}}(?:st|nd|rd|th)?[\s/.-]+(?:of\s+)?{_MONTH}(?:[\s/,.-]+\d{{2,4}})?"
    rf"|{_MONTH}[\s/.-]*\d{{1,2}}(?:st|nd|rd|th)?\b(?:,?[\s/.-]*\d{{4}})?"
    rf"|{_MONTH},?\s+\d{{4}}"
    r"|\d{4}-\d{2}-\d{2}T[\d:.]+Z?"
    r")(?![\w/])"
)
# A day named without its month ("Tuesday the 14th", "on the 3rd") or by its holiday
# ("Christmas Eve", "xmas day 2011", "on Thanksgiving"): a date element all the same. (The
# year after a holiday may stay; the holiday goes.)
_HOLIDAY = (
    r"(?:christmas|xmas|thanksgiving|easter|new[ \t]+year'?s|halloween|hanukkah|ramadan|diwali"
    r"|independence[ \t]+day|boxing[ \t]+day|memorial[ \t]+day|labou?r[ \t]+day"
    r"|valentine'?s|mother'?s[ \t]+day|father'?s[ \t]+day|st\.?[ \t]+patrick'?s)"
)
_DAY_WORDS = re.compile(
    r"\b(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?[ \t]+(?:the[ \t]+)?"
    r"|on[ \t]+the[ \t]+)\d{1,2}(?:st|nd|rd|th)\b"
    r"(?![ \t]+(?:floor|day|week|month|year|time|percentile|centile|grade|cycle|dose|visit|of))"
    rf"|\b(?:(?:on|since|over|at|before|after|around|until)[ \t]+)?{_HOLIDAY}"
    r"(?:[ \t]+(?:day|eve))?(?=[ \t]+(?:19|20)\d\d\b)"
    rf"|\b(?:on|since|over|before|after|around|until)[ \t]+{_HOLIDAY}(?:[ \t]+(?:day|eve))?\b"
    rf"|\b{_HOLIDAY}[ \t]+(?:day|eve)\b",
    re.IGNORECASE,
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
_REPEATED = frozenset({"PLACE", "NAME"})
_DATE_ALLOWED_FORM = re.compile(r"^(?:19|20)\d\d$")

_AGE = re.compile(
    r"\b(?:age[ds]?|a[ \t]g[ \t]e|turn(?:ed|s|ing)|(?:nonagenarian|centenarian)s?)\b"
    r"[^\d\n]{0,40}?(?P<v>9\d|1[0-2]\d)(?!\d|\.\d|%)"
    r"|(?<![\d.])(?P<w>9\d|1[0-2]\d)[\s-]*(?:years?|yrs?|y/?o|y\.o\.|y\b\.?)(?![a-z])"
    # age and sex: "92F", "92 M admitted", "Age/Sex: 91/F"
    r"|(?<![\d.,/:])(?P<x>9\d|1[0-2]\d)[ \t]?(?-i:[MF])(?![\w'’-])",
    re.IGNORECASE,
)
# A place given as the corner of two streets ("corner of 5th and Main", "at Elm & 3rd").
_STREET_WORD = (
    r"(?:\d{1,3}(?:st|nd|rd|th)|[A-Z][a-z]+)(?:[ \t]+(?:St|Ave|Rd|Street|Avenue|Road)\b\.?)?"
)
_NUMBERED = r"\d{1,3}(?:st|nd|rd|th)(?:[ \t]+(?:St|Ave|Rd|Street|Avenue|Road)\b\.?)?"
_CORNER = re.compile(
    rf"\b(?:corner|intersection)[ \t]+of[ \t]+(?P<v>{_STREET_WORD}[ \t]+(?:and|&)[ \t]+"
    rf"{_STREET_WORD})"
    # after a bare "at", one of the two must be a numbered street ("at Main and 5th")
    rf"|\bat[ \t]+(?P<w>{_NUMBERED}[ \t]+(?:and|&)[ \t]+{_STREET_WORD}"
    rf"|{_STREET_WORD}[ \t]+(?:and|&)[ \t]+{_NUMBERED})"
)
# A staff login after a role label ("Nurse: jsmith", "entered by: mlopez2"): a person's account.
_LOGIN = re.compile(
    r"(?i:\b(?:nurse|rn|np|md|provider|clinician|attending|resident|author|user(?:name)?|login"
    r"|signed[ \t]+by|entered[ \t]+by|documented[ \t]+by)[ \t]*:[ \t]*)"
    r"(?P<v>[a-z][a-z0-9._-]{2,31})\b(?![@-])"
)
_PLAIN = words(
    "none unknown pending present absent yes no n/a na self patient family staff admin system"
    " auto automatic charge nursing triage see"
)
_TEMPERATURE = re.compile(
    r"\b(?:t|temp\w*|tmax|tm|fever\w*|febrile|pyrexi\w*|spiked?|degrees?)\b[^\n\d]{0,12}$",
    re.IGNORECASE,
)
# An age over 89 in words, by "year(s)" or an age cue: "ninety-two years old", "aged ninety",
# "a hundred and one-year-old".
_UNITS_WORD = r"(?:one|two|three|four|five|six|seven|eight|nine)"
_AGE_SPELLED = (
    rf"(?:ninety(?:[- ]{_UNITS_WORD})?|(?:one|a)[- ]hundred(?:[- ](?:and[- ])?"
    rf"(?:{_UNITS_WORD}|ten|eleven|twelve|(?:thir|four|fif|six|seven|eigh|nine)teen))?)"
)
_AGE_WORDS = re.compile(
    r"\b(?:nonagenarian|centenarian|supercentenarian)s?\b"
    rf"|\b(?:age[ds]?[ \t:]+(?:of[ \t]+)?){_AGE_SPELLED}\b"
    rf"|\b{_AGE_SPELLED}[- ](?:years?|yrs?)(?:[- ]old|[- ]of[- ]age)?\b"
    rf"|\b{_AGE_SPELLED}[ \t]*y/?o\b",
    re.IGNORECASE,
)

# A token with a digit, letters and digit groups joined by -/._# ("ZX-1705-07", "MR217009").
# (The look-ahead only says what the rest implies, a digit after letters and joiners: a word
# without one fails at once instead of after backtracking over it.)
_CHUNK = re.compile(
    r"(?<![\w@])(?=[A-Za-z/._#-]*+\d)"
    r"(?:[A-Za-z]+[-/._#]{1,2})*[A-Za-z]*\d[A-Za-z0-9]*(?:[-/._#]{1,2}[A-Za-z0-9]+)*"
)
_SPACED = re.compile(r"(?<![\w.,])\d{2,5}(?: \d{2,5}){1,4}(?![\w.,])")
_UNIT = re.compile(
    r"\s*(?:mg|mcg|µg|ug|g|kg|lbs?|oz|ml|cc|units?|iu|meq|mmol|mm\s?hg|bpm|cm|mm|ft"
    r"|kcal|cal|steps|cells|copies|/u?l|/mm3|/min|%|x\s?10|k/ul|mosm|ng|pg|ml/min|hours?|hrs?"
    r"|days?|weeks?|wks?|months?|years?|minutes?|mins?|seconds?|secs?|times?|mile|miles)\b",
    re.IGNORECASE,
)
# A dose or an amount glued to its unit, a range of them or one per time, weight or volume
# ("240mg", "300-400mg", "10mg/day", "0.20mg/ml"): a measurement, not an identifier.
_UNIT_GLUED = re.compile(
    r"^\d+(?:\.\d+)?(?:-\d+(?:\.\d+)?)?(?:mg|mcg|g|kg|ml|l|cc|iu|units?|meq|cm|mm|kcal|hr?s?)"
    r"(?:/(?:day|d|kg|dose|ml|dl|l|h|hr|min|wk|week))?$",
    re.I,
)
# A body temperature glued to its scale ("99.9F", "38.5C") and a blood pressure glued to its
# name ("bp130/85"), unless a label makes the token an identifier ("Room 104F").
_TEMP_GLUED = re.compile(r"^(?:(?:9[3-9]|10\d)(?:\.\d)?°?F|(?:3[4-9]|4[0-3])(?:\.\d)?°?C)$")
_BP_GLUED = re.compile(r"^(?i:bp)(?P<a>\d{2,3})/(?P<b>\d{2,3})$")
# A count per volume or time glued to its unit ("10,670/mm^3" reads "670/mm", "12/hpf", "98/min"):
# a lab value or a rate, not an identifier.
_PER_UNIT = re.compile(r"^\d+(?:\.\d+)?/(?:mm3?|µl|ul|l|dl|ml|hpf|lpf|min|h|hr)$", re.I)
_BP = re.compile(r"^(?P<a>\d{2,3})/(?P<b>\d{2,3})$")
_RANGE = re.compile(r"^(?P<a>\d{1,3})-(?P<b>\d{1,3})$")
_YEARS = re.compile(r"^(?P<a>(?:19|20)\d\d)-(?P<b>(?:19|20)?\d\d)$")
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

_LINK = words("is was of as recorded")
_EXT = re.compile(r"(?:\b(?:ext|extension)\.?|(?<=\d)[ \t]*x)[ \t]*(?P<v>\d{1,6})\b", re.IGNORECASE)
_DOMAIN = re.compile(
    r"(?<![\w@.-])(?P<v>(?:(?i:https?)://|(?i:www)\.)\S+[^\s.,;:!?)\]'\"]"
    r"|(?:[A-Za-z0-9-]++\.)++[A-Za-z]{2,24}/[^\s,;)\]'\"]*"
    r"|(?:[A-Za-z0-9-]++\.)++(?i:com|org|net|edu|gov|io|us|health|info|biz|co)\b"
    r"(?:/[^\s,;)\]'\"]*)?)(?![\w@])"
)


_NO_DIGITS = str.maketrans("", "", "0123456789")
_has_letter = re.compile(r"[^\W\d_]").search


def _digits(s: str) -> int:
    if s.isascii():
        return len(s) - len(s.translate(_NO_DIGITS))
    return sum(c.isdigit() for c in s)


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
        _DAY_WORDS,
        _CORNER,
        _LOGIN,
        _PHONE,
        _SPACED,
        *WORD_PATTERNS,
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
                    new_finding(
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
            g = next(k for k in "vwx" if m.start(k) >= 0)
            if g == "x" and _TEMPERATURE.search(text, max(0, m.start() - 24), m.start()):
                continue  # "Temp 101F", "fever to 102 F": degrees Fahrenheit, not an age
            add("AGE_OVER_89", m.start(g), m.end(g), 0.45)
        for m in finditer(_AGE_WORDS, text):
            add("AGE_OVER_89", m.start(), m.end(), 0.45)
        for m in finditer(_EXT, text):
            add("IDENTIFIER", m.start("v"), m.end("v"))
        for m in finditer(_DOMAIN, text):
            if personal_url(m.group("v")):  # not an institution's home page ("www.aap.org")
                add("IDENTIFIER", m.start("v"), m.end("v"))
        for m in finditer(_CORNER, text):
            g = "v" if m.start("v") >= 0 else "w"
            add("PLACE", m.start(g), m.end(g))
        for m in finditer(_LOGIN, text):
            login = m.group("v")
            if any(c in login for c in "0123456789._") or not (
                login in _PLAIN or login in token_lexicon().vocab
            ):
                add("NAME", m.start("v"), m.end("v"))
        find_words(text, add)
        places = [(f.entity_type, f.start, f.end) for f in out if f.entity_type in _REPEATED]
        for kind, start, end in repeated(text, places):
            add(kind, start, end)
        return out

    def _dates(self, text: str, add: Add) -> list[tuple[int, int]]:
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
        for m in finditer(_DAY_WORDS, text):
            add("DATE_ELEMENT", *m.span(), score=0.45)
            spans.append(m.span())
        return spans

    def _identifiers(self, text: str, add: Add, taken: list[tuple[int, int]]) -> None:
        in_date = bytearray(len(text) + 1)
        for a, b in taken:
            in_date[a:b] = b"\x01" * (b - a)
        for m in _CHUNK.finditer(text):
            token = m.group()
            digits = _digits(token)
            if digits < 3:
                continue
            start, end = m.span()
            if in_date[start] and in_date[end - 1]:
                continue
            label = prev_word(text, start, through=_LINK)
            labelled = label in _ID_WORDS
            if label in _CODE_WORDS or self._safe(token, text, end, labelled):
                continue
            shaped = digits >= 5 or labelled or (len(token) >= 5 and _has_letter(token))
            if shaped:
                add("IDENTIFIER", start, end, 0.45)
        for m in finditer(_PHONE, text):
            add("IDENTIFIER", *m.span())
        for m in finditer(_SPACED, text):
            if _digits(m.group()) >= 6 and not _UNIT.match(text, m.end()):
                add("IDENTIFIER", *m.span())

    @staticmethod
    def _safe(token: str, text: str, end: int, labelled: bool) -> bool:
        if not labelled and len(token) <= 4 and token.isdigit():
            return True  # a year, a count, a short lab value (a third of the tokens: first)
        if _ICD10.match(token) or _UNIT_GLUED.match(token) or _PER_UNIT.match(token):
            return True
        if labelled:
            return False
        if (token.replace(".", "").isdigit() and _UNIT.match(text, end)) or _TEMP_GLUED.match(
            token
        ):
            return True
        bp = (_BP.match(token) or _BP_GLUED.match(token)) if "/" in token else None
        if bp and 60 <= int(bp.group("a")) <= 260 and 30 <= int(bp.group("b")) <= 160:
            return True
        return "-" in token and _a_range(token)


def _a_range(token: str) -> bool:
    """A rising range of small numbers ("10-20"), or of years, which Safe Harbor lets stand
    ("2019-2020", "2019-20": a season, a school year)."""
    rng = _RANGE.match(token)
    if rng is not None:
        return int(rng.group("a")) < int(rng.group("b"))
    years = _YEARS.match(token)
    if years is None:
        return False
    a, b = int(years.group("a")), years.group("b")
    return a < (int(b) if len(b) == 4 else a // 100 * 100 + int(b))
