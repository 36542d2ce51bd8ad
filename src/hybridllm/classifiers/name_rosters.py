"""Lower-case rosters: a block of lines each holding one name and at most a number or a bullet.

A team sheet, a seating plan, a results table or an attendee list pasted in lower case puts
one person on each line, with at most a mark before the name: a bullet, a row number, a shirt or
seat number or an ID (``3 kuku noabeb`` / ``14 ashneel roverove`` / ``128 iko na kia``). Nothing
else in such a line is English, and no cue marks the names: every other rule of the stage
reads a name by its cue or its neighbours, so a roster of names the lists lack kept them all
(:mod:`.names_in_lists` needs one found row first).

A block of three lines or more, one after another, each an optional mark and two to four words
and nothing else, is a roster of names when at least two thirds of its rows (two at least) are
names by their words alone: the first and the last word could be part of a name
(:func:`.name_part.name_part`: a listed given name, a listed surname that is no frequent English
word, a word in no list spelt like a name with nothing English in it) and a word between is one
too or a surname's particle (``eyleen de rangel``). Those rows are taken, and the block's other
rows with a word that could be part of a name (``ashneel roverove``: a list holds one kind of
thing).

Not taken: a block with a capital (the cased rules read it), a code line, a block in a text
whose other lower-case words are mostly not English (a list of words of that language), a row
of one word (``3 eggs``), a row holding an English word (``2 tbsp sugar``, ``1 cup flour``);
a line of English words only (``please rank them``) is no row and ends a block. Numbered items
on one line, counted up from one, are rows too (``shortlisted: 1. kuku noabeb 2. imen
mihoubi 3. iko kia``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from hybridllm.classifiers.name_lower_context import code_line
from hybridllm.classifiers.name_part import name_part
from hybridllm.classifiers.name_tokens import PARTICLES, TokenLexicon, token_lexicon
from hybridllm.models import Finding, new_finding

__all__ = ["ROSTER", "roster_names"]

ROSTER = "names+roster"
"""The recognizer name of a name found as a row of a lower-case roster."""

# One row: an optional mark (a bullet, a number or an ID of up to six digits, "#12", "7.",
# "3)"), then two to four lower-case words apart by spaces (a tab parts a table's columns:
# :mod:`.name_columns` reads those), then the line's end.
_ROW = re.compile(
    r"^[ \t]*(?:(?:[-*•]|#?\d{1,6}[.)]?)[ \t]+)?"
    r"(?P<name>[a-zß-öø-ÿā-ž][\w'’-]*(?: +[a-zß-öø-ÿā-ž][\w'’-]*){1,3})[ \t]*$",
    re.M,
)
# An inline numbered list: "shortlisted: 1. kuku noabeb 2. imen mihoubi 3. ...".
_INLINE = re.compile(
    r"(?<![\w.])(?P<n>\d)[.)][ \t]+"
    r"(?P<name>[a-zß-öø-ÿā-ž][\w'’-]*(?:[ \t]+[a-zß-öø-ÿā-ž][\w'’-]*){1,3}?)"
    r"(?=[ \t]*(?:,|;)?[ \t]+\d[.)][ \t]|[ \t]*(?:[.?!;:](?=\s|$)|$))",
    re.M,
)
_WORD = re.compile(r"[^ \t]+")
_LOWER = re.compile(r"\b[a-z]{2,}\b")
_MIN_ROWS = 3
_MIN_NAMED = 2
_ENGLISH_SHARE = 0.5
_MIN_OUTSIDE = 4  # lower-case words outside the roster before their language is judged


def roster_names(text: str, found: Sequence[Finding]) -> list[Finding]:
    """The names of lower-case rosters (see the module docstring), none inside a finding of
    ``found`` (one over a part of a row, ``ashneel`` of ``ashneel roverove``, grows to it).

    Args:
        text: the text.
        found: every recognizer's findings so far.

    Returns:
        New ``names+roster`` PERSON findings.
    """
    lex = token_lexicon()
    blocks: list[list[re.Match[str]]] = _inline(text) if ". " in text or ") " in text else []
    for m in _ROW.finditer(text) if text.count("\n") >= _MIN_ROWS - 1 else ():
        if _english(lex, m["name"]):
            continue  # a line of English ends the block: "please rank them"
        prev = blocks[-1][-1] if blocks else None
        if prev is not None and text.count("\n", prev.end(), m.start()) == 1:
            blocks[-1].append(m)
        else:
            blocks.append([m])
    blocks = [b for b in blocks if len(b) >= _MIN_ROWS]
    if not blocks:
        return []
    out: list[tuple[int, int]] = []
    for block in blocks:
        block = [m for m in block if not code_line(text, m.start("name"))]  # noqa: PLW2901
        named = [m for m in block if _named(lex, m["name"])]
        if len(named) < _MIN_NAMED or 3 * len(named) < 2 * len(block):
            continue
        if not _english_around(lex, text, block[0].start(), block[-1].end()):
            continue
        # a list holds one kind of thing: its other rows are names too where a word could be
        out.extend(
            m.span("name")
            for m in block
            if m in named or any(name_part(lex, w, after=True) for w in _WORD.findall(m["name"]))
        )
    return [
        new_finding(
            entity_type="PERSON", category="PII", start=a, end=b, score=0.5, recognizer=ROSTER
        )
        for a, b in out
        if not any(f.start <= a and b <= f.end for f in found)
    ]


def _inline(text: str) -> list[list[re.Match[str]]]:
    """Runs of inline numbered items counted up from one on one line (``1. ... 2. ... 3. ...``)."""
    runs: list[list[re.Match[str]]] = []
    for m in _INLINE.finditer(text):
        prev = runs[-1][-1] if runs else None
        if (
            prev is not None
            and int(m["n"]) == int(prev["n"]) + 1
            and "\n" not in text[prev.end() : m.start()]
        ):
            runs[-1].append(m)
        elif m["n"] == "1":
            runs.append([m])
    return runs


def _english(lex: TokenLexicon, row: str) -> bool:
    """Whether every word of a row is an English word and none a listed given name."""
    return all(w in lex.vocab and w not in lex.first for w in _WORD.findall(row))


def _named(lex: TokenLexicon, row: str) -> bool:
    """Whether a row's two to four words read as one name."""
    words = _WORD.findall(row)
    if not name_part(lex, words[0]) or not name_part(lex, words[-1], after=True):
        return False
    return all(w in PARTICLES or name_part(lex, w, after=True) for w in words[1:-1])


def _english_around(lex: TokenLexicon, text: str, start: int, end: int) -> bool:
    """Whether the text outside ``text[start:end]`` is English or too short to tell."""
    words = _LOWER.findall(text[max(0, start - 2000) : start] + " " + text[end : end + 2000])
    if len(words) < _MIN_OUTSIDE:
        return True
    return sum(w in lex.vocab for w in words) >= _ENGLISH_SHARE * len(words)
