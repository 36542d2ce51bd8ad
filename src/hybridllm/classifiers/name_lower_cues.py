"""Lower-case names that a naming cue ends a clause with, later mentions of a found name, and
names after a relative pronoun of people or an honorific.

Rules that read no list of verbs or roles, only what the sentence does with a name:

12. **a naming cue closing a clause**: ``sometimes people call me mora``, ``her maiden name is
    benn``, ``what's your last name? li``, ``call me jåp``. The cue says a name follows, and the
    clause ending right after it says nothing else does: one to three words (particles inside:
    ``lo bue``, ``ten gantenfordt``), then the end of the text, a line or a clause (a
    punctuation mark, ``but``, ``and``, ``who``). The words are names or words in no list; an
    English word is none (``call me crazy``, ``the name is required``), and a cue that is also
    an everyday phrase (``call me``, ``last name:``) takes an everyday English word only when
    it is a listed given name (``call me back`` is no name, ``call me cherry`` is).
13. **a later mention of a found name**: once a full name is found (``thrugot baun``,
    ``mr. drina``), each lower-case word elsewhere that is one of its parts is the same person
    (``mention that baun enjoyed``, ``drina called agnes``), as for capitalised text; a part
    that is an everyday English word (``amber``, ``will``) does not count alone.

14. **a relative pronoun of people**: ``pls summarise for üüve who missed standup``, ``thank
    bernardes, whose team shipped it``: ``who``, ``whom`` and ``whose`` refer to people, so the
    word right before them names one when it is no English word (a listed name that is no
    everyday word, a word in no list, or letters English does not use); ``users who`` and
    ``anyone who`` are words.

15. **an honorific**: ``signed off by mr sham``, ``ask mrs green``: the word after ``mr`` or
    ``mrs`` is a surname, an English word too (``ms`` and ``dr`` also begin ``ms word`` and
    ``dr visit``; ``miss`` is a verb), unless it is a function word or a verb of people.

Rule 12 holds in any language and in text that is not all lower case (the cue says it is a
name, not the missing capitals); rules 13 and 14 only in sentences written in lower case (in cased
prose a lower-case word is no name: ``als`` in German is no repeat of a found ``Als``); rule 15
wherever the lower-case rules read (both words in lower case). None applies on lines of code.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence

from hybridllm.classifiers.name_context import thing_named
from hybridllm.classifiers.name_lower_context import code_line, faker_last
from hybridllm.classifiers.name_lower_english import NONE, WEAK, strength
from hybridllm.classifiers.name_lower_pairs import HELPER_VERBS, PEOPLE_VERBS, VOCATIVE
from hybridllm.classifiers.name_tokens import FUNCTION_WORDS, PARTICLES, TITLES, Kind, TokenLexicon

__all__ = [
    "addressed",
    "cue_final",
    "cue_run",
    "honorific_names",
    "kin_before",
    "kin_name",
    "line_start",
    "relative",
    "repeats",
]

# A cue that names someone. Group "p": said of a person ("my name is", "named him"), so any
# listed name may follow; otherwise an everyday phrase too ("call me back", "name: string").
_CUE = re.compile(
    r"(?i:(?P<p>\b(?:my|his|her|their|your|whose|our)[ \t]+(?:(?:last|first|family|given"
    r"|maiden|middle|full|real|sur)[ \t]*)?name[ \t]+(?:is|was)|\bnamed[ \t]+(?:him|her|me|them)"
    r"|\b(?:was|is|were|being|be|am)[ \t]+(?:called|named)|\bgoes[ \t]+by)"
    r"|(?P<s>\b(?:last|family|sur)[ \t]*name[ \t]*[?:])"
    r"|\b(?:call(?:s|ed)?[ \t]+(?:me|him|her)|(?:first|given|maiden)[ \t]+name"
    r"[ \t]*[?:]|name[ \t]*\?))[ \t]+"
)
_PRONOUN = re.compile(r"(?i:\b(?:him|her|me|them|my|his|their|your|our|whose)\b)")
_ANCHOR = re.compile(r"(?i:nam|cal|goe)")
_CUE_BACK = 40  # the longest cue before its anchor word ("their family name is")
_CUE_AHEAD = 12
_WORD = re.compile(r"[^\W\d_][\w'’-]*")
_GAP = re.compile(r"[ \t]+")
# The end of the clause the name closes.
_CLAUSE_END = re.compile(
    r"[ \t]*(?:$|\r?\n|\\n|[.,!?;:)\"'’]|[ \t](?:but|and|because|since|so|who|from|here)\b)"
)
_MAX_WORDS = 3


def _cue_word(
    lex: TokenLexicon, word: str, personal: bool, surname: bool = False, *, pronoun: bool = False
) -> bool:
    """A word that can be (part of) a name after a naming cue (see the module docstring)."""
    low = word.lower().removesuffix("'s").removesuffix("’s")
    if len(low) < 2 or low in FUNCTION_WORDS or low in TITLES or not low.replace("-", "").isalpha():
        return False
    kind = lex.kind(low)
    if kind is Kind.WORD:
        # English words are no names; a word in no list whose letters English does not use is
        # one whose plain form happens to be a word ("jåp" is not "jap"); after a cue that
        # names a person by a pronoun, a rare word is one too ("she named him aimer"; not
        # "my name is unknown", "the table is called users").
        return (not low.isascii() and low not in lex.vocab) or (
            pronoun and low not in lex.common and low.isalpha()
        )
    if low in lex.common and low not in lex.first:
        # "her maiden name is benn", "last name? bell" (a curated surname after a surname
        # cue); not "call me back"
        return personal or (surname and low in faker_last())
    return True


def _cues(text: str) -> list[re.Match[str]]:
    """The matches of ``_CUE``, searched only around its anchor words (one cheap scan of the
    text for ``name``, ``call`` and ``goes``, instead of trying the cue at every word)."""
    found: list[re.Match[str]] = []
    end = 0
    for a in _ANCHOR.finditer(text):
        if a.start() < end:
            continue
        m = _CUE.search(text, max(end, a.start() - _CUE_BACK), a.end() + _CUE_AHEAD)
        if m is not None and m.end() > a.start():
            found.append(m)
            end = m.end()
    return found


def cue_final(text: str, lex: TokenLexicon) -> list[tuple[int, int]]:
    """Spans of rule 12 (see the module docstring)."""
    out: list[tuple[int, int]] = []
    for m in _cues(text):
        at = m.end()
        if thing_named(text, at) or code_line(text, at):
            continue
        personal = m.group("p") is not None
        surname = m.group("s") is not None
        pronoun = personal and _PRONOUN.search(m.group()) is not None
        end = -1
        count = 0
        pos = at
        while count < _MAX_WORDS + 2:
            w = _WORD.match(text, pos)
            if w is None:
                break
            low = w.group().lower()
            particle = end >= 0 and low in PARTICLES
            if not particle and not _cue_word(lex, w.group(), personal, surname, pronoun=pronoun):
                end = -1  # a word that is no name: the clause goes on, no name closes it
                break
            if not particle:
                end = w.end()
                count += 1
            if count >= _MAX_WORDS or _CLAUSE_END.match(text, w.end()):
                break
            gap = _GAP.match(text, w.end())
            if gap is None:
                break
            pos = gap.end()
        if end > at and _CLAUSE_END.match(text, end):
            out.append((at, end))
    return out


def repeats(
    text: str,
    words: Sequence[re.Match[str]],
    lex: TokenLexicon,
    found: Sequence[tuple[int, int]],
    lower_words: set[int],
) -> list[tuple[int, int]]:
    """Spans of rule 13: words of lower-case sentences (``lower_words``, indexes into
    ``words``) that are a part of a name in ``found``."""
    # Only a word of a lower-case sentence can be a repeat: look in the found names for those.
    candidates: dict[str, list[int]] = {}
    for k in lower_words:
        w = words[k].group()
        bare = w.removesuffix("'s").removesuffix("’s")
        if len(bare) >= 3 and bare.islower():
            candidates.setdefault(bare, []).append(words[k].start())
    if not candidates or not found:
        return []
    parts: set[str] = set()
    for a, b in found:
        span = text[a:b].lower().split()
        hits = [w for w in span if _strip(w) in candidates]
        if not hits or (len(span) < 2 and _TITLE_BEFORE.search(text, max(0, a - 8), a) is None):
            continue
        parts.update(low for w in hits if _part(lex, low := _strip(w)))
    if not parts:
        return []
    inside = sorted(found)
    starts = [a for a, _ in inside]
    out: list[tuple[int, int]] = []
    for part in parts:
        for s in candidates[part]:
            k = bisect.bisect_right(starts, s) - 1
            if (k >= 0 and s < inside[k][1]) or code_line(text, s):
                continue  # inside a found span (the name itself), or code
            out.append((s, s + len(part)))
    return sorted(out)


def _strip(word: str) -> str:
    return word.strip(".,;:'\"()").removesuffix("'s").removesuffix("’s")


def _part(lex: TokenLexicon, low: str) -> bool:
    """A part of a found name that can stand for it alone: no everyday English word."""
    return (
        low.isalpha()
        and low not in FUNCTION_WORDS
        and low not in TITLES
        and low not in PARTICLES
        and low not in lex.common
        and lex.kind(low) is not Kind.WORD
    )


_TITLE_BEFORE = re.compile(r"\b(?:mr|mrs|ms|mx|dr|prof|miss)\.?[ \t]+$", re.IGNORECASE)


_WHO = re.compile(r"\bwho(?:m|se)?\b")
_BEFORE_WHO = re.compile(r"(?:^|(?<=[^\w'’-]))([^\W\d_][\w'’-]*),?[ \t]+$")


def relative(
    text: str, words: Sequence[re.Match[str]], lex: TokenLexicon, lower_words: set[int]
) -> list[tuple[int, int]]:
    """Spans of rule 14: a word that is no English word right before ``who``/``whom``/``whose``,
    in a sentence written in lower case (``lower_words``, indexes into ``words``)."""
    starts = {words[k].start() for k in lower_words}
    out: list[tuple[int, int]] = []
    for who in _WHO.finditer(text):
        m = _BEFORE_WHO.search(text, max(0, who.start() - 40), who.start())
        if m is None:
            continue
        w = m.group(1)
        if m.start(1) not in starts or not w.islower() or code_line(text, m.start(1)):
            continue
        if _no_english(lex, w):
            out.append(m.span(1))
    return out


def _no_english(lex: TokenLexicon, w: str) -> bool:
    """A listed name that is no everyday word, a word in no list, or letters English does not
    use (three letters at least)."""
    if len(w) < 3 or not w.replace("-", "").isalpha() or w in FUNCTION_WORDS:
        return False
    if w in lex.vocab or w in lex.common:
        return w in lex.first and w not in lex.common and lex.kind(w) is Kind.NAME
    kind = lex.kind(w)
    return kind is not Kind.WORD or not w.isascii()


# The writer's own relation right before a lower-case given name ("my kid kelly"; not a story's
# "his cousin faith").
_KIN = (
    r"(?:kid|son|daughter|child|wife|husband|partner"
    r"|mom|mum|dad|mother|father|brother|sister|friend|colleague|coworker|co-worker|boss"
    r"|manager|cousin|aunt|uncle|niece|nephew|grandson|granddaughter|grandma|grandpa|neighbou?r"
    r"|roommate|girlfriend|boyfriend|fianc[eé]e?|tenant|landlord)"
)
_KIN_BEFORE = re.compile(rf"(?i:\b(?:my|our)[ \t]+{_KIN}[ \t]+)$")


# Census given names that are also auxiliaries or adverbs: "my friend will help".
_AUXILIARIES = HELPER_VERBS | frozenset(("just", "also", "always", "never"))


def kin_name(text: str, start: int, word: str) -> bool:
    """Whether the lower-case ``word`` at ``start`` follows a person's relation to the writer
    (``my kid kelly``, ``our boss mark``) and is no function word, auxiliary or verb of people
    (``my friend will help``, ``my friend said``); the caller checks that it is a census given
    name."""
    return (
        word not in FUNCTION_WORDS
        and word not in _AUXILIARIES
        and word not in PEOPLE_VERBS  # "my friend said hi"
        and _KIN_BEFORE.search(text, max(0, start - 28), start) is not None
    )


_GAP = re.compile(r"[ \t]")
_NAMED = re.compile(
    r"(?i:\b(?:named(?:\s+(?:him|her|me|them))?|called|calls?\s+(?:me|him|her)|name\s+is)\W*$)"
)
_TITLE_BEFORE = re.compile(r"(?i:\b(?:mr|mrs|ms|dr|miss|mx|prof)\.?[ \t]+)$")
_LINE_LEAD = re.compile(r"[ \t>*?•·-]*(?:\(?(?:\d{1,3}|[a-z])[.)][ \t]*)?\Z")


def cue_run(
    text: str, words: list[re.Match[str]], i: int, lex: TokenLexicon
) -> tuple[int, int] | None:
    """The words after a naming cue at word ``i``, up to three, each a listed name or an unknown
    word, as (first, last) word indices; None when the first is neither."""
    j = i
    end = -1
    named = _NAMED.search(text, max(0, words[i].start() - 24), words[i].start()) is not None
    # After a title a listed name counts even when it is an everyday word ("dr buck").
    titled = _TITLE_BEFORE.search(text, max(0, words[i].start() - 8), words[i].start()) is not None
    while j < len(words) and j < i + 3:
        w = words[j].group()
        if j > i and not _GAP.fullmatch(text[words[j - 1].end() : words[j].start()]):
            break
        if j > i and w.lower() in PARTICLES:
            j += 1
            continue
        bare = w.lower().removesuffix("'s")
        if bare in HELPER_VERBS or bare in PEOPLE_VERBS:
            break  # "my friend has been running": what the person does, not a name
        word_strength = strength(lex, bare)
        # After the first word, a listed surname counts even when it is a word ("kafka"); after
        # "named", "call me" ... a listed name may be an everyday word ("she named him marcel").
        surname = j > i and bare in lex.last and bare not in FUNCTION_WORDS
        listed = titled and (bare in lex.last or bare in lex.first) and bare not in FUNCTION_WORDS
        if not (surname or listed) and (
            word_strength == NONE or (w.islower() and w in lex.common and not named)
        ):
            break
        end = j
        j += 1
    return None if end < 0 else (i, end)


def line_start(text: str, pos: int) -> bool:
    """Whether only quoting marks, a bullet or a list item's number and spaces come before
    ``pos`` on its line."""
    lo = text.rfind("\n", 0, pos) + 1
    return _LINE_LEAD.match(text, lo, pos) is not None


def addressed(text: str, start: int, word: str, lex: TokenLexicon) -> bool:
    """Whether the lower-case ``word`` at ``start`` is a listed given name that English knows too
    (a weak one: ``eric``, ``stella``, ``mark``) addressed at the start of a line before a
    pronoun (``eric, i have checked with accounts``, ``stella, you left your keys``)."""
    return (
        word in lex.first
        and strength(lex, word) == WEAK
        and VOCATIVE.match(text, start + len(word)) is not None
        and line_start(text, start)
    )


_KIN_ANY = re.compile(rf"(?i:\b(?:my|our|your|his|her|their)[ \t]+{_KIN}[ \t]+)$")


def kin_before(text: str, start: int) -> bool:
    """Whether someone's relation stands right before ``start``: ``my colleague``, ``your
    friend``, ``her husband`` (a name may follow that is an English word too: ``Rie``)."""
    return _KIN_ANY.search(text, max(0, start - 28), start) is not None


_HONORIFIC = re.compile(r"(?<![\w.])mrs?\.?[ \t]+([^\W\d_][\w'’-]*)")


def honorific_names(text: str, lex: TokenLexicon) -> list[tuple[int, int]]:
    """Spans of rule 15 (see the module docstring): lower-case words after ``mr`` / ``mrs``."""
    if "mr" not in text:
        return []
    out: list[tuple[int, int]] = []
    for m in _HONORIFIC.finditer(text):
        word = m.group(1).removesuffix("'s").removesuffix("’s")
        if (
            word.islower()
            and len(word) >= 2
            and word not in FUNCTION_WORDS
            and word not in HELPER_VERBS
            and word not in PEOPLE_VERBS
            and not code_line(text, m.start())
        ):
            out.append((m.start(1), m.start(1) + len(word)))
    return out
