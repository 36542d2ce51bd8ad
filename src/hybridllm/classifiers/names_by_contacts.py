"""Lower-case names beside a person's contact details: words no list holds, on the line of a
phone number, an e-mail address or a street address that the other recognizers found.

In chat typed in lower case a name has no capital to show it, and the lower-case rules take a
word in no list only with a person's cue or the spelling of a name. A contact detail is the
other evidence a text is about someone: ``leader kuku noabeb, phone +264 81 682 6297``,
``billed to miguelito coro, avenida las acacias 409``. There, on the same line and within
:data:`REACH` characters, a lower-case word that reads as nobody's but a person's is redacted
as one more name (the fail-safe reading where people are written about). It reads so when it
is

- in no list (no English word, no place), or a listed name that is no English word;
- of plain letters with a vowel, spelt like a name (a likeness of 0.25 or more) and no one-edit
  typo of a frequent English word (six letters or more);
- not glued into code (``@foo``, ``foo(``, ``foo.io``) nor a URI scheme (``mailto:``), not
  after a preposition of place (``a flat in vrbovec``), and not in a text mostly in another
  language.

It needs an anchor the other recognizers found, so it adds no finding to a text that had none.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from hybridllm.classifiers.name_beside import PLACE_BEFORE
from hybridllm.classifiers.name_gate import foreign_text, span_mask
from hybridllm.classifiers.name_held import in_code
from hybridllm.classifiers.name_lower_english import STRONG, UNKNOWN, strength
from hybridllm.classifiers.name_lower_lone import misspelt
from hybridllm.classifiers.name_shape import name_likeness
from hybridllm.classifiers.name_tokens import Kind, token_lexicon
from hybridllm.models import Finding, new_finding

__all__ = ["BY_CONTACT", "REACH", "names_by_contacts"]

BY_CONTACT = "names+contact"
"""The recognizer name of a word found beside a contact detail."""
REACH = 60
"""Characters between a word and a contact detail on its line, at most."""
_CONTACTS = frozenset(("PHONE_NUMBER", "EMAIL_ADDRESS", "STREET_ADDRESS"))
_LIKENESS = 0.25
_MIN_LEN = 3
# (not a URI scheme or a key glued to its value: "mailto:ann@x.org", "tel:+44...", "sip:...")
_WORD = re.compile(r"(?<![\w'’@./-])[a-z]+(?![\w@/-]|\.[a-z]|:[^\s/])")
_VOWEL = re.compile(r"[aeiouy]")


def names_by_contacts(text: str, found: Sequence[Finding]) -> list[Finding]:
    """The lower-case words beside contact details that read as names (see the module
    docstring).

    Args:
        text: the text.
        found: every recognizer's findings so far.

    Returns:
        New ``names+contact`` PERSON findings, none inside ``found``.
    """
    anchors = [f for f in found if f.entity_type in _CONTACTS]
    if not anchors:
        return []
    lex = token_lexicon()
    taken = span_mask(len(text), [(f.start, f.end) for f in found])
    out: list[Finding] = []
    for a in anchors:
        lo = max(text.rfind("\n", 0, a.start) + 1, a.start - REACH)
        hi = text.find("\n", a.end)
        hi = min(hi if hi >= 0 else len(text), a.end + REACH)
        for m in _WORD.finditer(text, lo, hi):
            start, end = m.span()
            if (
                any(taken[start:end])
                or not _reads_as_name(m.group())
                or in_code(text, start, end)
                or PLACE_BEFORE.search(text, max(0, start - 24), start)
            ):
                continue
            out.append(
                new_finding(
                    entity_type="PERSON",
                    category="PII",
                    start=start,
                    end=end,
                    score=0.45,
                    recognizer=BY_CONTACT,
                )
            )
            taken[start:end] = b"\x01" * (end - start)
    if out and foreign_text(lex, text):
        return []
    return out


def _reads_as_name(word: str) -> bool:
    """Whether a lower-case word reads as nobody's but a person's name (see the docstring)."""
    lex = token_lexicon()
    if len(word) < _MIN_LEN or word in lex.vocab or word in lex.places:
        return False
    if lex.kind(word) not in (Kind.UNKNOWN, Kind.NAME) or strength(lex, word) not in (
        UNKNOWN,
        STRONG,
    ):
        return False
    return (
        _VOWEL.search(word) is not None
        and name_likeness(word) >= _LIKENESS
        and not misspelt(word, lex)
    )
