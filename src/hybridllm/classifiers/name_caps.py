"""Names that documents print in capitals, in the shapes those documents fix.

- A machine-readable zone (ICAO 9303): the name field ``SURNAME<<GIVEN<NAMES`` of the first line
  of a passport, visa or TD2 card (after the document code and the issuing state) or the third
  line of a TD1 card, on a line of capitals, digits and ``<`` beside another such line.
- An airline passenger (IATA BCBP, a GDS display): ``SURNAME/GIVEN NAMES`` before a passenger
  title (``MR``, ``MRS``, ``MS``, ``MSTR`` ...) or in a bar-code string's 20-character name
  field (``M1`` + the field + ``E`` + the booking reference + two airports); without either, a
  listed given name after the slash and a name-like surname before it (``SHI/YANG``, not
  ``TCP/IP``).
- The value of a label that asks for a person's name (``SURNAME:``, ``BENEFICIARY:``,
  ``CARDHOLDER:``, ``SHIP TO:`` ..., a bare ``NAME:`` only at a line start), written in capitals
  on its line or the next, every word of it a name's word: no everyday English word, no company
  suffix (``NAME: FAUST THILO``, not ``RECIPIENT: ALL STAFF`` nor ``SHIP TO: ACME GMBH``).

Lower- and title-case values are the other rules' (the label rules read those).
"""

from __future__ import annotations

import re

from hybridllm.classifiers.name_tokens import FUNCTION_WORDS, Kind, TokenLexicon
from hybridllm.classifiers.prefilter import finditer

__all__ = ["CAPS_PATTERNS", "caps_names"]

_UP = "A-ZÀ-ÖØ-ÞĀ-ſƀ-ɏȘ-țḀ-ỿ"  # capitals of Latin scripts (the ranges hold small letters too)
_WORD = rf"[{_UP}][{_UP}'’.-]*"
_MRZ_FIELD = r"(?P<v>[A-Z]+(?:<[A-Z]+)*<<[A-Z]+(?:<[A-Z]+)*)<*)[ \t]*$"
_MRZ_NAME = re.compile(r"(?m)^(?P<line>[ACIPV][A-Z<][A-Z<]{3}" + _MRZ_FIELD)  # TD2, TD3, visas
_MRZ_TD1 = re.compile(r"(?m)^(?P<line>" + _MRZ_FIELD)  # a TD1 card's third line
_MRZ_LINE = re.compile(r"[A-Z0-9<]{25,46}")
_MRZ_MIN, _MRZ_MAX = 25, 46  # 30 (TD1), 36 (TD2) or 44 (TD3) characters, a few lost or gained
_TD1_WIDTH = 32  # a longer line is a TD2/TD3 first line, which starts with the prefix
_TITLES = "MR|MRS|MS|MISS|MSTR|MSTER|MX|DR|PROF|REV|CHD|INF"
_SLASH = re.compile(
    rf"(?<![A-Za-z/])(?P<v>[A-Z][A-Z'-]+(?:[ ][A-Z][A-Z'-]+)?/[A-Z][A-Z'-]*"
    rf"(?:[ ](?!(?:{_TITLES})(?![A-Za-z]))[A-Z][A-Z'-]*){{0,3}})"
    rf"(?:[ ]+(?P<t>{_TITLES}))?(?![A-Za-z/])"
)
_BCBP = re.compile(r"(?<![A-Za-z0-9])M[1-4](?P<f>[A-Z][A-Z/'. -]{19})[E ][A-Z0-9 ]{7}[A-Z]{6}")
_TITLE_TAIL = re.compile(rf"(?:[ ]+(?:{_TITLES}))?[ ]*$")
_NAME_LABEL = (  # labels that ask for nothing but a person's name
    r"(?:sur|family[ ]|last[ ]|given[ ]|first[ ]|fore|middle[ ]|full[ ]|maiden[ ]"
    r"|print(?:ed)?[ ])names?"
    r"|name[ ]of[ ](?:the[ ])?(?:passenger|holder|account[ ]holder|applicant|beneficiary|bearer)"
    r"|passenger(?:[ ]name)?|beneficiary(?:[ ]customer|[ ]name)?|ordering[ ]customer|remitter"
    r"|payee|payer|account[ ]holder|card[ ]?holder(?:[ ]name)?|name[ ]on[ ]card"
)
_PERSON_LABEL = (  # labels whose value is mostly a person's name
    r"holder|bearer|patient(?:[ ]name)?|applicant(?:[ ]name)?|employee(?:[ ]name)?|signatory"
    r"|signed[ ]by|recipient|addressee|consignee|ship[ ]to|deliver[ ]to|attn|attention"
    r"|guest(?:[ ]name)?|tenant|next[ ]of[ ]kin|spouse|(?:father|mother)(?:'s)?[ ]name"
    r"|candidate|student(?:[ ]name)?"
)
_LABEL = re.compile(
    rf"(?i:(?<![\w-])(?:(?P<strong>{_NAME_LABEL})|{_PERSON_LABEL})|(?m:^)[ \t]*name)"
    r"[ \t]*(?:\([^()\n]{1,30}\))?[ \t]*:[ \t]*(?:\n[ \t]*)?"
    rf"(?P<v>{_WORD}(?:[ ]{_WORD}){{0,4}}(?:,[ ]{_WORD}(?:[ ]{_WORD}){{0,3}})?)(?![\w(\[<{{=])"
)
_TRAILING = frozenset(
    ("iban", "bic", "swift", "dob", "ref", "acct", "id", "no", "tel", "mr", "mrs", "ms")
)
_PARTICLES = frozenset(
    (
        *("da", "de", "do", "dos", "das", "del", "della", "di", "van", "von", "der", "den", "ter"),
        *("le", "la", "du", "des", "bin", "binti", "al", "el", "ibn", "mac", "ben", "y", "e"),
    )
)
_COMPANY = frozenset(
    (
        *("gmbh", "ltd", "llc", "inc", "ag", "sa", "sas", "bv", "plc", "co", "corp", "srl", "spa"),
        *("kg", "oy", "ab", "as", "nv", "pty", "limited", "group", "team", "staff", "dept"),
        "department",
    )
)
CAPS_PATTERNS = (_MRZ_NAME, _MRZ_TD1, _SLASH, _BCBP, _LABEL)
"""What the prefilter scans texts for."""


def _mrz(text: str) -> list[tuple[int, int]]:
    out = []
    for m in (*finditer(_MRZ_NAME, text), *finditer(_MRZ_TD1, text)):
        width = len(m.group("line"))
        if not _MRZ_MIN <= width <= _MRZ_MAX or (width > _TD1_WIDTH) != (m.re is _MRZ_NAME):
            continue  # a TD2/TD3 first line starts with the document code and the state
        above = text.rfind("\n", 0, max(0, m.start() - 1)) + 1
        below = text.find("\n", m.end())
        before = text[above : max(above, m.start() - 1)]
        near = (before, "" if below < 0 else text[below + 1 :].split("\n", 1)[0])
        if any(_MRZ_LINE.fullmatch(n.strip()) and "<" in n for n in near):
            out.append(m.span("v"))
    return out


def _word_ok(lex: TokenLexicon, word: str) -> bool:
    low = _low(word)
    if len(low) < 2:
        return word[:1].isalpha()  # an initial
    if low in _COMPANY or (low in FUNCTION_WORDS and low not in _PARTICLES):
        return False
    return low in _PARTICLES or lex.kind(low) is not Kind.WORD


def _value_ok(lex: TokenLexicon, value: str, *, strong: bool = False) -> bool:
    """Every word a name's word, and one of them no everyday word too (``KISS MÁRIA`` but not
    ``NAME: STRING`` nor ``GRADE A``); ``strong`` (a passenger's title, a label that asks for
    a name only): or a listed given name (``GIVEN NAMES: MARC``, ``SHI/YANG MS``)."""
    if any(c.islower() for c in value):
        return False
    words = value.replace(",", " ").split()
    named = [_low(w) for w in words if len(_low(w)) > 1 and _low(w) not in _PARTICLES]
    return any(w not in lex.common or (strong and w in lex.first) for w in named) and all(
        _word_ok(lex, w) for w in words
    )


def _low(word: str) -> str:
    return word.lower().strip(".'’-").removesuffix("'s").removesuffix("’s").replace("i\u0307", "i")


def _slash(text: str, lex: TokenLexicon) -> list[tuple[int, int]]:
    out = []
    for m in finditer(_SLASH, text):
        surname, _, given = m.group("v").partition("/")
        if not _value_ok(lex, m.group("v").replace("/", " "), strong=bool(m.group("t"))):
            continue
        first = given.split()[0].lower() if given.strip() else ""
        listed = first in lex.first and first not in lex.common
        if m.group("t") or (listed and lex.kind(surname) is not Kind.WORD):
            out.append(m.span("v"))
    for m in finditer(_BCBP, text):
        field = m.group("f")
        if "/" in field:
            name = _TITLE_TAIL.sub("", field)
            out.append((m.start("f"), m.start("f") + len(name)))
    return out


def caps_names(text: str, lex: TokenLexicon) -> list[tuple[int, int]]:
    """Spans of names in capitals in a document's fixed shapes (see the module docstring).

    Args:
        text: the text.
        lex: the token lists.

    Returns:
        ``(start, end)`` spans of the names.
    """
    out = _mrz(text) if "<<" in text else []
    if "/" in text:
        out.extend(_slash(text, lex))
    for m in finditer(_LABEL, text):
        value = m.group("v")
        words = value.split()
        while words and words[-1].lower() in _TRAILING:
            words.pop()
        if words:
            kept = value[: value.rfind(words[-1]) + len(words[-1])]
            if _value_ok(lex, kept, strong=bool(m.group("strong"))):
                out.append((m.start("v"), m.start("v") + len(kept)))
    return out
