"""Lower-case names that share a list with names already found: the other rows of a list whose
rows start with names, and the other items of a list or a pair that holds a name.

A list holds one kind of thing. A ladder, a roster, an attendee list or a list of actions gives
each row to someone (``1. v. montes⏎2. k. weaver⏎3. j. cerdas``, ``- yvonne to send the
budget⏎- jenna to book the venue``), and items joined by commas, ``and`` or ``or`` are of one
kind too (``contact maryus or giota``, ``def mahmoudi, abidi``, ``["arbër nazeraj", "bona"]``).
In lower case nothing else marks such a name, and every rule of the stage reads one name at a
time: when the rows or the items beside it are names the other recognizers found, a lower-case
word there that could be a name is one (the fail-safe reading where people are listed).

- **rows** (:func:`_rows`): a run of two or more lines with the same mark (a bullet, a number
  or a one-word key and a colon: ``first: claire small``), at least half of them (one at least)
  starting with a found name (after a title such as ``mrs.``); another row's first one to three
  words are a name when each could be one (:func:`.name_part.name_part`: a listed given name,
  a listed surname that is no frequent English word, an initial, or a word in no list spelt
  like a name) and one is not an initial. A run of three or more keyed rows at least two and
  half of whose keys are found names (a chat's or a stand-up's speakers) makes its other keys
  that could be names names (:func:`_keys`: ``brooklyn: yes, merged`` among ``micheal:``
  rows).
- **items** (:func:`_items`): a word joined to a found lower-case name by a comma, a semicolon,
  a slash, ``and``, ``or`` or ``&`` (quotes, a bracketed note such as ``(1 day)`` and a title
  such as ``prof.`` may stand between: ``martin, prof. cantrell``), that ends its item, and
  that could be a name as above; not a letter's close (``love, ana``). Found items spread
  along the list.

Both need a name the other recognizers found, so they add no finding to a text that had none.
Nothing is taken on a code line (``lab_list = ['sheemei', 'winston']``), after a preposition
of place, or in a text mostly in another language (read without the names).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from hybridllm.classifiers.name_beside import PLACE_BEFORE
from hybridllm.classifiers.name_cues_abroad import abroad_names
from hybridllm.classifiers.name_gate import foreign_text, span_mask
from hybridllm.classifiers.name_held import in_code
from hybridllm.classifiers.name_lower_context import code_line
from hybridllm.classifiers.name_lower_pairs import HELPER_VERBS, PEOPLE_VERBS
from hybridllm.classifiers.name_lower_tails import initial_names, lower_tails
from hybridllm.classifiers.name_part import name_part
from hybridllm.classifiers.name_rosters import roster_names
from hybridllm.classifiers.name_tokens import FUNCTION_WORDS, TokenLexicon, token_lexicon
from hybridllm.classifiers.names_by_contacts import names_by_contacts
from hybridllm.models import Finding, new_finding

__all__ = ["IN_LIST", "late_names", "names_in_lists"]

IN_LIST = "names+list-item"
"""The recognizer name of a word found as a row or an item of a list of names."""
_ROUNDS = 4
_MAX_PARTS = 3
_LANGUAGE_SAMPLE = 4000
# A row's mark and an optional title: "- ", "2. ", "first: ", "mrs. ".
_ROW = re.compile(
    r"^[ \t]*(?P<mark>[-*•]|\d{1,2}[.)]|[a-z]{2,12}[ \t]*:)[ \t]*"
    r"(?:(?:mr|mrs|ms|dr|prof)\.?[ \t]+)?(?=[^\W\d_])",
    re.M,
)
_PART = re.compile(r"[^\W\d_](?:\.|[\w'’-]*)")
_NOTE = r"(?:[ \t]*\([^()\n]{1,30}\))?[\"'”’]?"
_SEP = (
    rf"{_NOTE}(?:[ \t]*[,;/&][ \t]*(?:(?:and|or)[ \t]+)?|[ \t]+(?:and|or|&)[ \t]+)[\"'“‘]?"
    # an item's title: "table 2: martin, prof. cantrell"
    r"(?:(?:mr|mrs|ms|dr|prof)\.?[ \t]+)?"
)
_SEP_AFTER = re.compile(_SEP)
_TITLE_END = re.compile(r"(?<![\w.])(?:mr|mrs|ms|dr|prof)\.?[ \t]+\Z")
_SEP_BEFORE = re.compile(_SEP + r"\Z")
_WORD_AFTER = re.compile(r"([a-zß-öø-ÿ](?:[\w'’-]*\w)?)(?![\w@./-])")
_WORD_BEFORE = re.compile(r"(?<![\w'’@./-])([a-zß-öø-ÿ](?:[\w'’-]*\w)?)\Z")
_SEP_CHARS = frozenset(",;/&")
_MIN_KEY_ROWS = 3
_MIN_KEY_NAMES = 2
_ITEM_END = re.compile(_SEP + r"|" + _NOTE + r"[ \t]*(?:[.!?:)\]}\n]|\Z)")
# Words that may follow a name in a row: "- seth to send the budget", "- ana said yes".
_GOES_ON = FUNCTION_WORDS | HELPER_VERBS | PEOPLE_VERBS


def late_names(text: str, found: Sequence[Finding]) -> list[Finding]:
    """The last person stages, after every recognizer: the words beside contact details
    (:func:`.names_by_contacts.names_by_contacts`), the names after another language's person
    cues (:func:`.name_cues_abroad.abroad_names`), the rows of lower-case rosters
    (:func:`.name_rosters.roster_names`), the rows and items of lists of names
    (:func:`names_in_lists`), lower-case names with a middle initial, then the lower-case names
    grown over the rest of their words (:mod:`.name_lower_tails`).

    Args:
        text: the text.
        found: every recognizer's findings so far.

    Returns:
        New PERSON findings, none inside ``found`` (a grown one covers one of ``found``).
    """
    new = names_by_contacts(text, found)
    new += abroad_names(text, [*found, *new])
    new += roster_names(text, [*found, *new])
    new += names_in_lists(text, [*found, *new])
    new += initial_names(text, [*found, *new], lex := token_lexicon())
    return new + lower_tails(text, [*found, *new], lex)


def names_in_lists(text: str, found: Sequence[Finding]) -> list[Finding]:
    """The lower-case rows and items of lists whose other rows or items are found names (see
    the module docstring).

    Args:
        text: the text.
        found: every recognizer's findings so far.

    Returns:
        New ``names+list-item`` PERSON findings, none inside ``found``.
    """
    people = [(f.start, f.end) for f in found if f.entity_type == "PERSON"]
    if not people:
        return []
    lex = token_lexicon()
    taken = span_mask(len(text), [(f.start, f.end) for f in found])
    starts = {a for a, _ in people}
    new: list[tuple[int, int]] = []
    frontier = [(a, b) for a, b in people if text[a:b].islower()]
    rows_done = False
    for _ in range(_ROUNDS):
        grown = [] if rows_done else _rows(text, lex, starts, taken)
        rows_done = True
        grown += _items(text, lex, frontier + grown, taken)
        if not grown:
            break
        starts.update(a for a, _ in grown)
        new.extend(grown)
        frontier = grown
    if not new or foreign_text(lex, _blanked(text, [*people, *new])):
        return []
    return [
        new_finding(
            entity_type="PERSON", category="PII", start=a, end=b, score=0.45, recognizer=IN_LIST
        )
        for a, b in sorted(new)
    ]


def _rows(
    text: str, lex: TokenLexicon, starts: set[int], taken: bytearray
) -> list[tuple[int, int]]:
    """The first words of rows in runs of marked lines whose other rows start with names."""
    if "\n" not in text:
        return []
    runs: list[list[re.Match[str]]] = []
    for m in _ROW.finditer(text):
        prev = runs[-1][-1] if runs else None
        if (
            prev is not None
            and _kind(prev) == _kind(m)
            and text.count("\n", prev.end(), m.start()) == 1
        ):
            runs[-1].append(m)
        else:
            runs.append([m])
    out: list[tuple[int, int]] = []
    for run in runs:
        out.extend(_keys(text, lex, run, starts, taken))
        named = sum(m.end() in starts for m in run)
        if len(run) < 2 or not named or 2 * named < len(run):
            continue
        for m in run:
            if m.end() in starts or taken[m.end()]:
                continue
            span = _lead(text, lex, m.end())
            if span is not None and _free(text, span, taken):
                out.append(span)
                taken[span[0] : span[1]] = b"\x01" * (span[1] - span[0])
    return out


def _keys(
    text: str, lex: TokenLexicon, run: list[re.Match[str]], starts: set[int], taken: bytearray
) -> list[tuple[int, int]]:
    """The keys of a run of keyed rows (a chat's or a stand-up's speakers: ``micheal: did you
    push the fix?``) when at least two and half of its keys are found names: the others that
    could be names (three rows at least)."""
    if len(run) < _MIN_KEY_ROWS or _kind(run[0]) != "key":
        return []
    named = sum(m.start("mark") in starts for m in run)
    if named < _MIN_KEY_NAMES or 2 * named < len(run):
        return []
    out: list[tuple[int, int]] = []
    for m in run:
        a = m.start("mark")
        b = a + len(m["mark"].rstrip(": \t"))
        if a not in starts and name_part(lex, text[a:b]) and _free(text, (a, b), taken):
            out.append((a, b))
            taken[a:b] = b"\x01" * (b - a)
    return out


def _kind(row: re.Match[str]) -> str:
    """A row mark's kind: a bullet, a number or a key."""
    mark = row["mark"]
    return "number" if mark[0].isdigit() else "key" if mark.endswith(":") else mark


def _lead(text: str, lex: TokenLexicon, start: int) -> tuple[int, int] | None:
    """The span of the one to three words at ``start`` that could make a name, or None (also
    when the row goes on with a word that is no name's, no function word and no verb of
    people: ``- sandy beach cleanup``)."""
    parts: list[str] = []
    pos = end = start
    while len(parts) < _MAX_PARTS:
        m = _PART.match(text, pos)
        initial = bool(parts) and parts[-1].endswith(".")  # "k. weaver"
        if m is None or not m.group().islower() or not name_part(lex, m.group(), after=initial):
            break
        parts.append(m.group())
        end = m.end()
        if text[end : end + 1] != " ":
            break
        pos = end + 1
    if not parts or all(p.endswith(".") for p in parts):
        return None
    nxt = _PART.match(text, end + 1) if text[end : end + 1] == " " else None
    if nxt is not None and len(parts) < _MAX_PARTS and nxt.group() not in _GOES_ON:
        return None
    return start, end


def _items(
    text: str, lex: TokenLexicon, anchors: list[tuple[int, int]], taken: bytearray
) -> list[tuple[int, int]]:
    """Words joined to a found lower-case name as the next or the previous item of a list."""
    out: list[tuple[int, int]] = []
    for a, b in anchors:
        right = _SEP_AFTER.match(text, b)
        w = _WORD_AFTER.match(text, right.end()) if right is not None else None
        if w is not None and _ITEM_END.match(text, w.end()) is not None:
            out.extend(_take(text, lex, w.span(1), taken))
        pre = _TITLE_END.sub("", text[max(0, a - 14) : a]).rstrip(" \t\"'“‘")
        if not (pre[-1:] in _SEP_CHARS or pre.endswith((" and", " or"))):
            continue  # most names: no separator before them (a cheap test before the search)
        left = _SEP_BEFORE.search(text, max(0, a - 48), a)
        if left is None:
            continue
        w = _WORD_BEFORE.search(text, max(0, left.start() - 40), left.start())
        if w is not None:
            out.extend(_take(text, lex, w.span(1), taken))
    return out


def _take(
    text: str, lex: TokenLexicon, span: tuple[int, int], taken: bytearray
) -> list[tuple[int, int]]:
    """``[span]`` when its word could be a name there and is free, else ``[]`` (marks it)."""
    if not name_part(lex, text[span[0] : span[1]]) or not _free(text, span, taken):
        return []
    taken[span[0] : span[1]] = b"\x01" * (span[1] - span[0])
    return [span]


def _free(text: str, span: tuple[int, int], taken: bytearray) -> bool:
    """Whether no finding covers the span and it is neither code nor after a place's
    preposition."""
    a, b = span
    return not (
        any(taken[a:b])
        or in_code(text, a, b)
        or code_line(text, a)
        or PLACE_BEFORE.search(text, max(0, a - 24), a) is not None
    )


def _blanked(text: str, spans: list[tuple[int, int]]) -> str:
    """The start of ``text`` with the given spans replaced by spaces."""
    chars = list(text[:_LANGUAGE_SAMPLE])
    for a, b in spans:
        if a < len(chars):
            chars[a:b] = " " * (min(b, len(chars)) - a)
    return "".join(chars)
