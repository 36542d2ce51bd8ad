"""Lower-case names that only their context gives away: what people do, who they are to whom.

:mod:`~hybridllm.classifiers.name_lower` counts a lower-case word as a name when its own lists
say so strongly enough (``liisa``, ``giles théorêt``), or after a naming cue. Chat-style text
also names people whose words the lists know only weakly or not at all (``tin is a very
sympathetic person``, ``carl had given raphael his address``, ``our 3 founders: hines, flowers
and rhodes``); there the *context* is the evidence, and it is one that only people have:

1. **a person's predicate after it**: ``X said / told / asked / replied``, ``X lives at``, ``X
   spent a year``, ``X had given``, ``X was born``, ``X is a very kind person``, ``X's kid``,
   ``X's song``; a record of the person (``X's phone number``, ``X at 555 ...``, ``X
   <x@y.org>``); ``i'm X`` / ``this is X`` at a clause end;
2. **a person's role before it**: ``starring X``, ``directed by X``, ``assistant to X``,
   ``tennis player X``, ``producer X``, ``married to X``; for a given name + surname (``ask
   maria lopez``, ``cc john hines``, ``from giles theoret``) an everyday cue is enough, and a
   greeting for a given name alone (``hi maria,``);
3. **given to someone**: ``had given X his address``, ``told X her password`` (the verb, the
   word, then a possessive pronoun);
4. **a list of people**: ``founders: X, Y and Z``, ``members are X and Y`` (most items must be
   name-like; ``team: design, marketing and sales`` is not).

Records (address blocks, titles, middle initials, speaker labels, lists around a found name)
are in :mod:`~hybridllm.classifiers.name_lower_records`.

A word is *name-like* when it is a listed given name or surname (even one that is an everyday
word: ``tin``, ``flowers``) or a word in no list (``sighniut``), and no function word. Rules 1-4
apply only in sentences written in lower case and not on lines of code; rule 4 only in English
text (the cues of rules 1-3 are English phrases themselves).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Mapping
from functools import cache
from typing import Any

from hybridllm.classifiers.name_tokens import (
    FUNCTION_WORDS,
    Kind,
    TokenLexicon,
    lexicon_cache,
    read_list,
    untracked,
)
from hybridllm.classifiers.prefilter import finditer, per_text

__all__ = [
    "GROUP_CUE",
    "bare_end",
    "blank_lines",
    "census_first",
    "code_line",
    "context_runs",
    "faker_last",
    "in_token",
    "name_like",
    "surname",
]

_MAX_RUN = 3
# 1. What only a person does or is, right after the name.
_AFTER = re.compile(
    r"(?:['’]s[ \t]+(?:kid|kids|son|daughter|wife|husband|mom|mother|dad|father|brother|sister"
    r"|boyfriend|girlfriend|parents|family|friend|song|songs|novel|novels|book|album|poem"
    r"|poems|tales?|painting|paintings|lyrics)\b"
    r"|[ \t]+(?:(?:just|also|then|never)[ \t]+)?(?:(?:had|has|have)[ \t]+given|gave|said|says"
    r"|told|asked|replied|lives[ \t]+(?:at|in|on|with)|lived[ \t]+(?:at|in|on|with)"
    r"|spent[ \t]+(?:a|the|two|three|\d+)|was[ \t]+born|is[ \t]+from"
    r"|(?:is|was)[ \t]+(?:a|an)[ \t]+(?:(?:very|really|so|such)[ \t]+)?[\w-]+[ \t]+(?:person"
    r"|man|woman|guy|girl|boy|lady|gentleman))\b"
    # a record of the person: "X's phone number", "X at 555 ...", "X <x@y.org>"
    r"|['’]s[ \t]+(?:phone|number|cell|mobile|email|e-mail|address|account|card|credit[ \t]+card"
    r"|ssn|social[ \t]+security|passport|licen[cs]e|birthday|date[ \t]+of[ \t]+birth|dob"
    r"|salary|password|review|manager|boss|team|office|desk|laptop|wedding|resume|cv|quote)\b"
    # what people do at work and in life
    r"|[ \t]+(?:(?:just|also|then|never|already)[ \t]+)?(?:accepted|signed|enjoyed|wants|wanted"
    r"|co-founded|merges|merged|emailed|texted|phoned|complained|apologi[sz]ed|resigned|retired"
    r"|married|divorced|died|promised|agreed|recommended|mentioned|thinks|believes|wrote|slams"
    r"|(?:is|was)[ \t]+(?:out|arrested|released|fired|hired|promoted|sick|pregnant)"
    r"|will[ \t]+(?:call|shadow|join|send|email|be[ \t]+out|review))\b"
    r"|[ \t]+(?:at|on|via)[ \t]+(?:\+?\(?\d{3}|[\w.+-]+@\w)|[ \t]*[(<][\w.+-]+@\w)"
)
# "X and Y co-founded ...": the first of two people one predicate is about.
_AND_NAME = re.compile(r"[ \t]+and[ \t]+[^\W\d_][\w'’-]*(?:[ \t][^\W\d_][\w'’-]*)?")
# "i'm X", "this is X": a person introducing themselves (see _introduced).
_INTRO_BEFORE = re.compile(r"(?:\b(?:i['’]?m|i[ \t]+am|this[ \t]+is|it['’]s)[ \t]+)$")
_INTRO_AFTER = re.compile(r"[ \t]*(?:[,.!;\n]|$|[ \t]+(?:and|from|here)\b)")
# 2. A role or a relation right before the name.
_BEFORE = re.compile(
    r"(?:\b(?:starring|co-starring|featuring|(?:directed|produced|written|sung|performed"
    r"|composed|painted|founded)[ \t]+by|(?:assistant|secretary|married|engaged)[ \t]+to"
    r"|producer|director|singer|actor|actress|player|coach|ceo|founder|co-founder|looping[ \t]+in"
    # a field or a role in a record: "assigned to X", "reporter: X", "author: X <...>"
    r"|assigned[ \t]+to|(?:reporter|assignee|author|owner|lead|manager|customer|client"
    r"|employee|policyholder|tenant|landlord|guest|attendee|signed-off-by|new[ \t]+hire"
    # minutes' fields only with their colon: "present: ..." but not "the present day"
    r"|reviewed-by|witness|(?:present|apologies|from|to|cc|bcc)(?=[ \t]*:))"
    r"[\"']?[ \t]*[:=]?[ \t]*[\"']?)[ \t]*)$"
)
# A given name and a surname after an everyday person cue: "ask maria lopez", "cc john hines".
_PAIR_BEFORE = re.compile(
    r"(?:\b(?:from|with|to|by|for|cc|ask|tell|hi|hello|hey|dear|thanks|thank[ \t]+you|contact"
    r"|email|call|text|meet|met|and|including|called|named|is|was|name)[,:]?[ \t]+"
    r"|\bname[\"']?[ \t]*[:=][ \t]*[\"'])$"
)
# A greeting to one person at a line start: "hi maria,", "dear kaarle".
_GREETING = re.compile(r"(?:^|\n)[ \t>]*(?:hi|hello|hey|dear|thanks|thank[ \t]+you)[ \t]+$")
_GREETING_END = re.compile(r"[ \t]*(?:[,!:\n]|$)")
# 3. "had given X his address": a verb of giving or telling, the name, a possessive pronoun.
_GIVE_BEFORE = re.compile(r"(?:\b(?:gave|given|give|gives|told|tell|sent|send|showed|paid)[ \t]+)$")
_POSSESSIVE_AFTER = re.compile(r"[ \t]+(?:his|her|their)\b")
# 4. A group of people, then a list (searched through the classifier's prefilter, see LOWER_RE).
GROUP_CUE = re.compile(
    r"\b(?:founders|co-founders|members|partners|authors|speakers|players|guests|owners|hosts"
    r"|judges|winners|children|kids|friends|siblings|teammates|colleagues|participants"
    r"|attendees|panelists|employees|ceos|cast)\b[^\n.:;]{0,24}?"
    r"(?::|[ \t]+(?:are|were|include|included|including))[ \t]*"
)
_ITEM = re.compile(r"([^\W\d_][\w'’-]*(?:[ \t]+(?!and\b|or\b)[^\W\d_][\w'’-]*){0,2})")
_SEP = re.compile(r"[ \t]*(?:,[ \t]*(?:and[ \t]+|&[ \t]+)?|[ \t]+(?:and|&)[ \t]+)")
_CODE = re.compile(r"[={}]|\w\(|\w\[|</?[a-z]+[ >]|^\s*(?:import|def|return)\b")
_OWNER_MARK = re.compile(r"(?i:\b(?:todo|fixme|xxx|hack|note)\([^()\s]{1,40}\))")
_LOOK_BACK = 32
_DETERMINERS = frozenset("the a an this that its his her their our your".split())  # noqa: SIM905
# Personal pronouns the surname lists hold too ("she": a Chinese surname): in a lower-case
# sentence they are pronouns ("while she is out").
_PRONOUNS = frozenset(("she", "her", "hers", "him", "his", "they", "them", "their"))
_MODALS = frozenset(("will", "may", "might", "can", "must", "shall"))
_ROLE_FIELD_END = re.compile(r"(?:[:=][\"']?|\b(?:to|in|by))[ \t]*$")
_INTRO_LAST = frozenset(("i'm", "i’m", "im", "am", "is", "it's", "it’s"))
# The last word of every cue of _BEFORE, _PAIR_BEFORE, _GREETING and _GIVE_BEFORE.
_CUE_LAST = frozenset(
    [
        "starring",
        "co-starring",
        "featuring",
        "by",
        "to",
        "producer",
        "director",
        "singer",
        "actor",
        "actress",
        "player",
        "coach",
        "ceo",
        "founder",
        "co-founder",
        "in",
        "reporter",
        "assignee",
        "author",
        "owner",
        "lead",
        "manager",
        "customer",
        "client",
        "employee",
        "policyholder",
        "tenant",
        "landlord",
        "guest",
        "attendee",
        "signed-off-by",
        "hire",
        "reviewed-by",
        "witness",
        "present",
        "apologies",
        "from",
        "cc",
        "bcc",
        "with",
        "for",
        "ask",
        "tell",
        "hi",
        "hello",
        "hey",
        "dear",
        "thanks",
        "you",
        "contact",
        "email",
        "call",
        "text",
        "meet",
        "met",
        "and",
        "including",
        "called",
        "named",
        "is",
        "was",
        "name",
        "gave",
        "given",
        "give",
        "gives",
        "told",
        "sent",
        "send",
        "showed",
        "paid",
    ]
)


@cache
def faker_last() -> Mapping[str, None]:
    """Surnames of Faker's person providers (a curated list: "gutierrez", not "held"); a dict
    the garbage collector does not walk (see :func:`~.name_tokens.untracked`)."""
    return untracked(read_list("surnames.txt"))


@cache
def census_first() -> frozenset[str]:
    """Given names of the census / SSA list."""
    return frozenset(read_list("census_first_names.txt"))


def name_like(lex: TokenLexicon, word: str) -> bool:
    """A listed given name or surname, or a word in no list (see the module docstring). An
    English word counts only as a census given name or a curated surname (``tin``,
    ``flowers``), not as a census-only surname (``given``, ``player``)."""
    return _name_like(lex, word)


@lexicon_cache(maxsize=16384)
def _name_like(lex: TokenLexicon, word: str) -> bool:
    w = word.removesuffix("'s").removesuffix("’s")
    if len(w) < 3 or w in FUNCTION_WORDS or w in _PRONOUNS or not w.replace("-", "").isalpha():
        return False
    if w in lex.vocab:
        return w in census_first() or w in faker_last() or lex.kind(w) is Kind.NAME
    return lex.kind(w) in (Kind.NAME, Kind.UNKNOWN) or not w.isascii()


def _runs(
    text: str, words: list[re.Match[str]], idx: list[int], lex: TokenLexicon
) -> list[tuple[int, int]]:
    """``(first, last)`` word indexes of runs of up to three lower-case name-like words, one
    space apart."""
    runs: list[tuple[int, int]] = []
    start = last = -1
    for i in idx:
        w = words[i].group()
        joined = (
            start >= 0
            and last == i - 1
            and text[words[last].end() : words[i].start()] == " "
            and i - start < _MAX_RUN
            and words[last].group()[-2:] not in ("'s", "’s")
        )
        # A listed surname continues a run even when it is an English word ("waldtraut dix").
        if joined and w.islower() and (name_like(lex, w) or surname(lex, w)):
            last = i
            continue
        if start >= 0:
            runs.append((start, last))
        start = last = -1
        if w.islower() and name_like(lex, w):
            start = last = i
    if start >= 0:
        runs.append((start, last))
    return runs


def surname(lex: TokenLexicon, word: str) -> bool:
    w = word.removesuffix("'s").removesuffix("’s")
    return (
        w in lex.last
        and w not in FUNCTION_WORDS
        and len(w) > 2
        and (w not in lex.vocab or w in faker_last() or lex.kind(w) is Kind.NAME)
    )


def _given_before(
    text: str, words: list[re.Match[str]], first: int, last: int, lex: TokenLexicon
) -> tuple[int, int]:
    """The run with a listed given name that is also a word before it, when the run starts
    with a word in no vocabulary and a cue for a full name comes first (``my name is jet
    nijweide``, ``name: mani menchaca``)."""
    k = first - 1
    if k < 0 or words[first].group() in lex.vocab:
        return first, last
    prev = words[k].group()
    if (
        k > 0
        and words[k - 1].group().lower() in _CUE_LAST
        and prev.islower()
        and prev in lex.first
        and prev not in FUNCTION_WORDS
        and text[words[k].end() : words[first].start()] == " "
        and _PAIR_BEFORE.search(text, max(0, words[k].start() - _LOOK_BACK), words[k].start())
    ):
        return k, last
    return first, last


def bare_end(m: re.Match[str]) -> int:
    return m.end() - (2 if m.group()[-2:] in ("'s", "’s") else 0)


def code_line(text: str, pos: int) -> bool:
    """Whether the line of ``pos`` reads as code (an owner's mark ``todo(viktor)`` does not make
    a comment code: "# todo(viktor): drop this once ádám merges the refactor")."""
    lo = text.rfind("\n", 0, pos) + 1
    hi = text.find("\n", pos)
    line = text[lo : hi if hi >= 0 else len(text)]
    # only the sentence of ``pos`` in a line of prose ("git blame says x wrote it. what does
    # ^[a-z] match?")
    at = pos - lo
    cut = max(line.rfind(". ", 0, at), line.rfind("? ", 0, at), line.rfind("! ", 0, at))
    ends = [k for k in (line.find(". ", at), line.find("? ", at), line.find("! ", at)) if k >= 0]
    line = line[cut + 1 : min(ends) + 1 if ends else len(line)]
    memo: dict[str, bool] = per_text(text, "code_line", _new_memo)  # (the words of a sentence)
    if line not in memo:
        memo[line] = bool(_CODE.search(_OWNER_MARK.sub("", line) if "(" in line else line))
    return memo[line]


def _new_memo(_text: str) -> dict[Any, bool]:
    return {}


# A ";" followed by a space and a letter joins two clauses of prose, not two statements.
_CODE_CHARS = re.compile(
    r"[={}]|;(?![ \t]+[^\W\d_])|\w\(|</?\w|\w\["
    r"|^\s*(?:#|//|import\b|from\b|def\b|return\b|elif\b|else\b)"
)


def code_chars_line(text: str, pos: int) -> bool:
    """Whether the line holding ``pos`` reads like code (operators, brackets, keywords); asked
    once per line of a classified text (for each lower-case word of it otherwise)."""
    lo = text.rfind("\n", 0, pos) + 1
    memo: dict[int, bool] = per_text(text, "code_chars_line", _new_memo)
    if lo not in memo:
        hi = text.find("\n", pos)
        memo[lo] = bool(_CODE_CHARS.search(text[lo : hi if hi >= 0 else len(text)]))
    return memo[lo]


def _in_context(
    text: str, words: list[re.Match[str]], first: int, last: int, lex: TokenLexicon
) -> bool:
    """Rules 1-3 for the run ``words[first..last]``."""
    end = words[last].end()
    prev = words[first - 1].group().lower() if first > 0 else ""
    if prev in _DETERMINERS:
        return False  # "the story told by": a thing
    after = bare_end(words[last])
    both = _AND_NAME.match(text, after) if text.startswith(" and ", after) else None
    if (
        _AFTER.match(text, after)
        or (both is not None and _AFTER.match(text, both.end()))
        or (text[end - 2 : end] in ("'s", "’s") and _AFTER.match(text, end - 2))
        or (prev in _INTRO_LAST and _introduced(text, words, first, last, lex))
    ):
        return True
    if prev not in _CUE_LAST:
        return False  # every pattern below ends with one of these words
    return _cue_before(text, words, first, last, lex)


def _cue_before(
    text: str, words: list[re.Match[str]], first: int, last: int, lex: TokenLexicon
) -> bool:
    """Rules 2-3 for the run ``words[first..last]`` (the cue patterns before it)."""
    start = words[first].start()
    end = words[last].end()
    lo = max(0, start - _LOOK_BACK)
    first_word = words[first].group()
    pair = (
        last > first
        and (first_word in census_first() or first_word in lex.first)
        and _PAIR_BEFORE.search(text, lo, start) is not None
    )
    greeting = (
        last == first
        and _GREETING.search(text, lo, start) is not None
        and _GREETING_END.match(text, end) is not None
        and (first_word in census_first() or lex.kind(first_word) in (Kind.NAME, Kind.UNKNOWN))
    )
    return (
        pair
        or greeting
        # (a bare role before a modal is the clause's subject: "the employee will benefit";
        # not "reporter: will", "assigned to will")
        or (
            _BEFORE.search(text, lo, start) is not None
            and (first_word not in _MODALS or _ROLE_FIELD_END.search(text, lo, start) is not None)
        )
        or (
            _GIVE_BEFORE.search(text, lo, start) is not None
            and _POSSESSIVE_AFTER.match(text, end) is not None
        )
    )


def _introduced(
    text: str, words: list[re.Match[str]], first: int, last: int, lex: TokenLexicon
) -> bool:
    """``i'm X``, ``this is X`` up to a clause end: two words, or one that is no English word
    (``i'm young.`` is no name)."""
    start = words[first].start()
    if not _INTRO_BEFORE.search(text, max(0, start - 12), start) or not _INTRO_AFTER.match(
        text, words[last].end()
    ):
        return False
    return last > first or words[first].group() not in lex.vocab


def _group_lists(text: str, lex: TokenLexicon) -> list[tuple[int, int]]:
    """Rule 4: the items of a list after a group of people, when most items are name-like."""
    out: list[tuple[int, int]] = []
    for g in finditer(GROUP_CUE, text):
        pos = g.end()
        items: list[tuple[int, int, bool]] = []
        while (m := _ITEM.match(text, pos)) is not None and len(items) < 12:
            item = m.group(1)
            if not item.islower():
                break
            items.append((m.start(1), m.end(1), all(name_like(lex, w) for w in item.split())))
            sep = _SEP.match(text, m.end(1))
            if sep is None:
                break
            pos = sep.end()
        named = [it for it in items if it[2]]
        if len(items) >= 2 and 2 * len(named) > len(items):
            out.extend((s, e) for s, e, ok in named)
    return out


def context_runs(
    text: str,
    words: list[re.Match[str]],
    lex: TokenLexicon,
    lower_words: set[int],
    english: Callable[[], bool],
) -> list[tuple[int, int]]:
    """Spans of lower-case names that their context marks (see the module docstring).

    Args:
        text: the text.
        words: word matches over ``text``.
        lex: the token lists.
        lower_words: indexes of the words of sentences written in lower case.
        english: whether the text is English (called at most once, when rule 4 needs it).

    Returns:
        ``(start, end)`` spans, possibly overlapping each other.
    """
    out: list[tuple[int, int]] = []
    if not lower_words:
        return out
    runs = [
        _given_before(text, words, a, b, lex)
        for a, b in _runs(text, words, sorted(lower_words), lex)
    ]
    found = [
        (words[a].start(), bare_end(words[b]))
        for a, b in runs
        if _in_context(text, words, a, b, lex) and not code_line(text, words[a].start())
    ]
    out.extend(found)
    groups = _group_lists(text, lex) if next(finditer(GROUP_CUE, text), None) else []
    if groups and english():
        starts = [m.start() for m in words]
        lower_starts = {words[i].start() for i in lower_words}
        out.extend(
            (s, e)
            for s, e in groups
            if (k := bisect.bisect_left(starts, s)) < len(starts)
            and starts[k] in lower_starts
            and not code_line(text, s)
        )
    return out


def blank_lines(part: str) -> str:
    """``part`` with every character but a newline a space (a copy's blanked lines)."""
    return "\n".join(" " * len(line) for line in part.split("\n"))


def in_token(text: str, start: int, end: int) -> bool:
    """Whether the word at ``start:end`` is part of a longer token: an e-mail address, a
    handle, a dotted or underscored name, a path (``maria.garcia@example.com``): such a token
    is the other recognizers' (NER on its capitalised part finds nothing worth a call)."""
    before = text[start - 1] if start else " "
    after = text[end] if end < len(text) else " "
    return (
        before in ".@_/\\"
        or after in "@_/\\"
        or (after == "." and end + 1 < len(text) and text[end + 1].isalnum())
    )
