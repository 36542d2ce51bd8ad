"""The rest of a name typed in lower case around a found part of it.

In lower case a name of three or more words, or one with a middle initial or a hyphenated
surname, is often found only in part: the rules that read lower-case words find the listed given
name and stop at a surname no English word spells (``carmo guiomar`` of ``carmo guiomar
trindade``, ``pitra`` of ``pitra brás-bongue``), at a middle initial (``fathe`` and ``omer`` of
``fathe a. omer``), or start after a first word of no list (``noabeb`` of ``kuku noabeb``).
The part left is a leak as much as the whole name.

Next to a PERSON finding written in lower case, a lower-case word is one more part of the name
when it reads as a name part (:func:`name_word`): no function, title, cue, calendar word or
verb of a person, no frequent English word or its plural, no noun of a person's role
(``neighbour``), and a listed given name or surname, or a word in no vocabulary spelt like a
name and no typing slip. After the name (over a middle initial ``x.`` or a hyphen too) it must
end the name: the clause ends after it, or a function word or a person's verb follows
(``trindade.``, ``awang"``, ``roverove has``).
Before the name no such end is asked (``kuku`` of ``leader kuku noabeb``, ``maroua``).

Text mostly in another language is left alone (its words are in no English list). The rule
only grows findings: a text with no person found gets nothing from it, so it adds no
prompt to the share of ordinary prompts with a finding.
"""

from __future__ import annotations

import re

from hybridllm.classifiers.clinical import words
from hybridllm.classifiers.name_context import TITLE_WORDS
from hybridllm.classifiers.name_gate import COMMON_WORDS, foreign_text, span_mask
from hybridllm.classifiers.name_lower_lone import misspelt
from hybridllm.classifiers.name_lower_pairs import HELPER_VERBS, PEOPLE_VERBS
from hybridllm.classifiers.name_lower_rest import (
    blanked,
    elided_surname,
    hyphen_surname,
    particle_tail,
    unlisted_words,
)
from hybridllm.classifiers.name_role_nouns import person_noun
from hybridllm.classifiers.name_shape import name_likeness
from hybridllm.classifiers.name_tokens import (
    CUE_VERBS,
    FUNCTION_WORDS,
    PARTICLES,
    TokenLexicon,
    plural_of,
)
from hybridllm.models import Finding, new_finding

__all__ = ["initial_names", "lower_tails", "name_word"]

_MAX_GROW = 2  # words added on each side
_MIN_PART = 2  # "wu", "li", "sy" (a three-letter floor kept 3 fewer sealed names whole)
_LIKENESS_FLOOR = 0.0
_CALENDAR = words(
    "january february march april may june july august september october november december"
    " monday tuesday wednesday thursday friday saturday sunday today tomorrow tonight yesterday"
)
_NOT_PART = FUNCTION_WORDS | TITLE_WORDS | CUE_VERBS | PEOPLE_VERBS | HELPER_VERBS | _CALENDAR
# The next word after a name's last part: the name has ended.
_AFTER_NAME = FUNCTION_WORDS | PEOPLE_VERBS | HELPER_VERBS
# Right after a word: a clause's or a field's end (punctuation, quotes, brackets, a bar, a
# line's end, a dash between spaces, a possessive), or a next word.
_END = re.compile(r"(?:['’]s\b)?(?:[ \t]*(?:[,;:.!?()\"'’”|<>\]]|\n|\\n|\Z| [-–—] )| (\w+))")
_WORD_AFTER = re.compile(r" ([^\W\d_]+(?:[-'’][^\W\d_]+)?)")  # "ja'farov", "ah-boodhun"
_INITIAL_AFTER = re.compile(r" [^\W\d_]\.(?= )")
_WORD_BEFORE = re.compile(r"([^\W\d_]+) \Z")
# A lower-case given name, a middle initial and a word: "laila f. momo", "knut t. strand".
_WITH_INITIAL = re.compile(r"(?<![\w.-])([^\W\d_]{2,}) [^\W\d_]\. ([^\W\d_]{2,})(?![\w'’-])")


def name_word(low: str, lex: TokenLexicon) -> bool:
    """Whether a lower-case word reads as a part of a name next to a found one (see the module
    docstring)."""
    if not low.isalpha() or not low.islower() or len(low) < _MIN_PART or low in _NOT_PART:
        return False
    if low in COMMON_WORDS or low in lex.common or plural_of(low, lex.common):
        return False  # "weeks", "words": a plural of a frequent word
    if person_noun(low):
        return False  # "our neighbour tavrenka": a role, no part of the name
    if low in lex.last or low in lex.first:
        return True
    return low not in lex.vocab and name_likeness(low) >= _LIKENESS_FLOOR and not misspelt(low, lex)


def _part(word: str, lex: TokenLexicon) -> bool:
    """A word or a hyphenated pair whose every piece reads as a name part."""
    if "'" in word or "’" in word:
        return elided_surname(word, lex, part=name_word)
    pieces = word.split("-")
    return all(name_word(p, lex) for p in pieces) or hyphen_surname(word, lex, part=name_word)


def _ends(text: str, pos: int) -> bool:
    """Whether the name has ended at ``pos``."""
    m = _END.match(text, pos)
    return m is not None and (m.group(1) is None or m.group(1).lower() in _AFTER_NAME)


def _grow(
    text: str, start: int, end: int, lex: TokenLexicon, ends: dict[int, int]
) -> tuple[int, int]:
    """The span of the name around the lower-case finding ``text[start:end]``; ``ends``: the
    other lower-case findings' ends by their starts (one after a middle initial joins it)."""
    for _ in range(_MAX_GROW):
        pos = end
        initial = _INITIAL_AFTER.match(text, pos)
        if initial is not None:
            pos = initial.end()
            if pos + 1 in ends:  # "fathe" a. "omer": two parts found apart
                end = ends[pos + 1]
                continue
        m = _WORD_AFTER.match(text, pos)
        if m is None or not m.group(1).islower() or not _part(m.group(1), lex):
            tail = particle_tail(text, pos, lex, part=name_word)  # "dinha dos bittencourt"
            if tail is None or not _ends(text, tail):
                break
            end = tail
            continue
        if not _ends(text, m.end()):
            break
        end = m.end()
    for _ in range(_MAX_GROW):
        m = _WORD_BEFORE.search(text, max(0, start - 30), start)
        if m is None or not m.group(1).islower() or not _part(m.group(1), lex):
            break
        if m.group(1) in PARTICLES and text[start:end].split(" ", maxsplit=1)[0] in lex.first:
            break  # "de souza", but "en nombre de jonathan": a particle is a surname's
        start = m.start()
    return start, end


def lower_tails(text: str, found: list[Finding], lex: TokenLexicon) -> list[Finding]:
    """Lower-case PERSON findings grown over the parts of their names around them.

    Args:
        text: the text.
        found: the stage's PERSON findings.
        lex: the token lists.

    Returns:
        Copies of the findings that grew, over their grown spans (the others are not returned).
    """
    lower = [f for f in found if f.entity_type == "PERSON" and text[f.start : f.end].islower()]
    if not lower:
        return []
    # Another language's words are no English words; a text that reads as foreign only for
    # its names (a table or a record of them) grows over words no language's list holds.
    abroad = foreign_text(lex, text)
    if abroad and foreign_text(lex, blanked(text, lower)):
        return []
    ends = {f.start: f.end for f in lower}
    out: list[Finding] = []
    for f in lower:
        start, end = _grow(text, f.start, f.end, lex, ends)
        if (start, end) != (f.start, f.end) and not (
            abroad and not unlisted_words(text, (start, f.start), (f.end, end))
        ):
            out.append(f.model_copy(update={"start": start, "end": end}))
    return out


def initial_names(text: str, found: list[Finding], lex: TokenLexicon) -> list[Finding]:
    """Lower-case names with a middle initial that no finding covers whole: a listed given name
    or a word in no vocabulary spelt like a name, an initial, and a word that reads as a
    surname (:func:`name_word`, a frequent word too: ``laila f. momo``, ``knut t. strand``)
    where the name ends (see the module docstring). English text only."""
    if ". " not in text or foreign_text(lex, text):
        return []
    taken = span_mask(len(text), [(f.start, f.end) for f in found])
    out: list[Finding] = []
    for m in _WITH_INITIAL.finditer(text):
        given, surname = m.group(1), m.group(2)
        if (
            all(taken[m.start() : m.end()])
            or not (given.islower() and surname.islower())
            or given in _NOT_PART
            or surname in _NOT_PART
            or not (given in lex.first or name_word(given, lex))
            or not (surname in lex.last or name_word(surname, lex))
            or not _ends(text, m.end())
        ):
            continue
        out.append(
            new_finding(
                entity_type="PERSON",
                category="PII",
                start=m.start(),
                end=m.end(),
                score=0.6,
                recognizer="names+initial",
            )
        )
    return out
