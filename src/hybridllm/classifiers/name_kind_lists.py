"""The items of a list whose lead-in says what they are are those things, not people.

A prompt that lists places, brands or kinds of things often says so before the list: ``list the
counties underneath: Manatee ... Lee ... Marion ... Charlotte``, ``these 6 regions for the
project : College Park, Hyattsville, Adelphi, Berwyn Heights``, ``its locations in Eldoret,
Bungoma, Migori, Kikuyu, and Meru``, ``a list of flavors as the following: Grape Honeydew,
Strawberry Froyo``, ``bike types including Cruiser, Bobber, Scrambler``. Many such items are
given names or surnames too (``Lee``, ``Marion``, ``Bobber``), and were found as people.

:func:`kind_item` takes a finding for such an item where

- the finding is a whole item: nothing but a bullet, a number or spaces before it since the
  line's start or the last comma, semicolon or ``and``, nothing but punctuation after it up to
  the next one or the line's end;
- a lead-in stands before the list: a plural noun of a kind of thing no person is
  (:data:`_KINDS`: ``counties``, ``cities``, ``regions``, ``locations``, ``brands``,
  ``flavors``, ``types``, ``songs`` ...) followed, within four words on its line none of which
  is a person's noun, by the last colon before the item, or by ``in``, ``including``, ``such
  as`` or ``like`` on the item's own line (``DreamCatcher Games is the brainchild of our 3
  founders: Hines, Flowers and Rhodes`` lists founders);
- between the lead-in and the finding stand only such items (short pieces of four words or
  fewer, no colon: another field's label ends the list, ``Contact: Jane Roe``), over at most
  :data:`_REACH` characters;
- no record, form, table or personal cue is near the item
  (:func:`~.name_public_record.record_like`: ``stores like Target and Kowalczyk, call
  415-555-0134`` names a contact).
"""

from __future__ import annotations

import re

from hybridllm.classifiers.name_public_record import Records, record_like
from hybridllm.classifiers.name_role_nouns import person_noun
from hybridllm.models import Finding

__all__ = ["kind_item", "kind_lists"]

_KINDS = (
    r"counties|cities|towns|villages|places|countries|states|provinces|regions|locations"
    r"|neighbou?rhoods|districts|suburbs|destinations|airports|islands|brands|products"
    r"|companies|colou?rs|flavou?rs|songs|albums|films|movies|books|games|apps|dishes"
    r"|ingredients|spices|types|genres|breeds|species|fonts|languages|frameworks|libraries"
    r"|restaurants|hotels|stores|shops|universities|schools|cars|vehicles|models"
)
# Every lead-in holds one of those nouns: a text that holds none (the plain substrings, of its
# lower-cased copy with the folds a case-blind pattern makes too: a long s is "s", a dotless i
# and a dotted capital I are "i") is asked nothing per finding (see kind_lists).
_KIND_NOUNS = tuple(
    form
    for noun in _KINDS.split("|")
    for form in ((noun.replace("u?", "u"), noun.replace("u?", "")) if "u?" in noun else (noun,))
)
_FOLDS = ("\u017f", "\u0131", "\u0307")
# A lead-in: the kind's noun, then a few words on its line up to a colon (``the counties
# underneath:``), or up to ``in``, ``including``, ``such as``, ``like`` on the item's line.
_BEFORE_COLON = re.compile(
    r"\b(?:" + _KINDS + r")\b(?P<rest>(?:[ \t]+[^\s:.?!]+){0,4})[ \t]*\Z", re.IGNORECASE
)
_INLINE = re.compile(
    r"\b(?:" + _KINDS + r")\b(?P<rest>(?:[ \t]+[^\s:.?!]+){0,3}?)[ \t]+"
    r"(?:in|including|such as|like)[ \t]+",
    re.IGNORECASE,
)
_BEFORE = re.compile(r"(?:^|[,;\n]|\band\b)[ \t]*(?:[-*\u2022]|\d{1,3}[.)])?[ \t]*\Z", re.MULTILINE)
_AFTER = re.compile(r"[ \t.!]*(?:$|[,;\n]|\band\b)", re.MULTILINE)
_PIECES = re.compile(r"[,;\n]|\band\b")
_REACH = 1500  # characters from a lead-in to an item of its list
_MAX_WORDS = 4  # words of a piece between the lead-in and the item
_SENTENCE = re.compile(r"[.?!][ \t]+[A-Z]|:")


def _lead_in(text: str, start: int) -> int:
    """The end of the lead-in of the list the item at ``start`` may belong to; -1 for none. A
    colon within :data:`_REACH` characters before the item, with a kind's noun in the 60 before
    it; else ``in`` / ``including`` / ``such as`` / ``like`` after one in the 200 characters of
    the item's line before it. (Windows only: no scan of the whole text per finding.)"""
    colon = text.rfind(":", max(0, start - _REACH), start)
    if colon >= 0:
        m = _BEFORE_COLON.search(text, max(0, colon - 60), colon)
        if m is not None and _no_person(m.group("rest")):
            return colon + 1
    line = text.rfind("\n", 0, start) + 1
    last = -1
    for m in _INLINE.finditer(text, max(line, start - 200), start):
        if _no_person(m.group("rest")):
            last = m.end()
    return last


def _no_person(words: str) -> bool:
    """No noun of a person among the words between a kind's noun and the list (``games ... our
    3 founders:`` lists founders)."""
    return not any(person_noun(w.lower().strip(",;()")) for w in words.split())


def kind_lists(text: str) -> bool:
    """Whether ``text`` holds a kind's noun (:data:`_KINDS`) at all, which every lead-in holds:
    without one, :func:`kind_item` is False for every finding (most texts; asked once, not a
    search around each finding).

    Args:
        text: the text.

    Returns:
        False when no finding of ``text`` can be a kind's item.
    """
    low = text.lower()
    if any(c in low for c in _FOLDS):
        low = low.replace("\u017f", "s").replace("\u0131", "i").replace("i\u0307", "i")
    return any(noun in low for noun in _KIND_NOUNS)


def kind_item(text: str, f: Finding) -> bool:
    """Whether the finding ``f`` is an item of a list whose lead-in names a kind of thing (see
    the module docstring).

    Args:
        text: the text the finding was found in.
        f: a PERSON finding.

    Returns:
        True for ``Lee`` in ``the counties underneath: Manatee\\n\\nLee``; False for a name
        that is no whole item or under no such lead-in.
    """
    line = text.rfind("\n", 0, f.start) + 1
    if not _BEFORE.search(text, max(line, f.start - 24), f.start):
        return False
    if not _AFTER.match(text, f.end):
        return False
    lead = _lead_in(text, f.start)
    if lead < 0:
        return False
    between = text[lead : f.start]
    if _SENTENCE.search(between):
        return False
    if not all(len(piece.split()) <= _MAX_WORDS for piece in _PIECES.split(between)):
        return False
    # A name with a record near it stays one ("stores like Target and Kowalczyk, call 415-...").
    return not record_like(Records(text), f.start, f.end, named=False)
