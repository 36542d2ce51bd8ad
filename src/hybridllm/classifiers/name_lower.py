"""Person names written in lower case (chat style): token evidence plus context.

In ``i'm so jealous! said liisa to kaarle`` or ``ask maria lopez about the invoice`` nothing is
capitalised, so the shape rules of :mod:`~hybridllm.classifiers.name_tokens` cannot start.
Here each lower-case word gets a strength from the token lists:

- **strong**: a listed first name or surname that is not an everyday English word (``liisa``,
  ``haynes``, ``kevin``; the lists and their sources are in ``data/SOURCES.md``);
- **weak**: a listed name that is also a word (``bill``, ``kelly``, ``santos``);
- **unknown**: in no list at all (``théorêt``, ``kaarle``);
- ordinary words have none.

and a run of words is a name when the evidence adds up:

1. a **given name + surname** run (``giles théorêt``, ``bill harrington``, ``stacey de wilde``):
   the first word a listed first name, the last a listed surname or unknown, one of them strong;
2. a **strong** word with a person's context: a cue before it (``said``, ``ask``, ``with``,
   ``ms.``, ``my kid``, ``and`` after a name, ...) or a person's verb after it (``is``, ``had``,
   ``spent``, ``said``, a possessive);
3. any listed or unknown word after a **naming cue** (``my name is``, ``call me``, ``named
   him``, ``last name?``, ``ms.``), in any case: the cue says a name follows.

Rules 1 and 2 apply only in sentences written in lower case (their first letter is), where
missing capitals say nothing; in ordinary prose a lower-case word is no name. They apply only
to English text: most of its lower-case words that are no listed name are English words
(unlisted words spelt like names, :mod:`~hybridllm.classifiers.name_shape`, are left out of
that count when six others remain: names say nothing of the language).

Before these rules, :func:`restore_case` gives the name recognizer a copy of the text where the
words of lower-case English sentences that carry name evidence (strong or unknown, or a listed
surname right after a listed given name; not on lines that read like code) are capitalised; the
cased rules and NER then read it (``dewi lauwers`` after ``tennis player``, ``X lives at``), and
only their findings that start at a capitalised word and span two words or a strong name count.
"""

from __future__ import annotations

import bisect
import re

from hybridllm.classifiers.name_columns import column_values
from hybridllm.classifiers.name_context import (
    SPEECH_CUE,
    STRONG_CUE,
    TIME_STAMP,
    person_context,
    thing_named,
)
from hybridllm.classifiers.name_cues_abroad import ABROAD_RE
from hybridllm.classifiers.name_lower_context import GROUP_CUE, blank_lines, in_token
from hybridllm.classifiers.name_lower_context import census_first as _census_first
from hybridllm.classifiers.name_lower_context import code_chars_line as _code_line
from hybridllm.classifiers.name_lower_context import faker_last as _faker_last
from hybridllm.classifiers.name_lower_cues import addressed, cue_run, kin_name, line_start
from hybridllm.classifiers.name_lower_english import NONE as _NONE
from hybridllm.classifiers.name_lower_english import STRONG as _STRONG
from hybridllm.classifiers.name_lower_english import UNKNOWN as _UNKNOWN
from hybridllm.classifiers.name_lower_english import WEAK as _WEAK
from hybridllm.classifiers.name_lower_english import english_once as _english_once
from hybridllm.classifiers.name_lower_english import strength as _strength
from hybridllm.classifiers.name_lower_lone import licensed as lone_licensed
from hybridllm.classifiers.name_lower_lone import lone_name
from hybridllm.classifiers.name_lower_pairs import (
    HELPER_VERBS,
    PEOPLE_VERBS,
    PERSON_AFTER,
    PERSON_BEFORE,
    VOCATIVE,
    field_values,
    inverted_pair,
    mentions,
    subject_pair,
    told_or_related,
)
from hybridllm.classifiers.name_lower_records import with_context
from hybridllm.classifiers.name_signoff import signoff_names
from hybridllm.classifiers.name_tokens import (
    FUNCTION_WORDS,
    PARTICLES,
    Kind,
    TokenLexicon,
)
from hybridllm.classifiers.prefilter import finditer

__all__ = ["LOWER_RE", "lower_names", "lower_sentences", "restore_case", "strong_name"]


# A naming cue: what follows is a name, whatever its case or lists say.
NAMING_CUE = re.compile(
    r"(?i:\b(?:name\s+is|name\s*[:?]|names?\s+(?:is|are)\s+|call(?:s|ed)?\s+(?:me|him|her)"
    r"|named(?:\s+(?:him|her|me|them))?|(?:was|is|were|be|being)\s+called|(?:ms|mrs|mr|dr|miss|mx)\.?|maiden\s+name\s+is"
    r"|(?:last|first|family|given)\s+name\s*(?:is|[:?])?|said\s+\w+\s+to|my\s+(?:kid|son|daughter|wife|husband"
    r"|boyfriend|girlfriend|partner|mom|dad|mother|father|brother|sister|cousin|grandson"
    r"|granddaughter|friend|boss|colleague|coworker|manager)(?:'s)?)[ \t]*)"
)
LOWER_RE = (NAMING_CUE, GROUP_CUE, *ABROAD_RE)  # what the lower-case rules search texts for
# The first letter of each sentence, line or quotation, also after a time stamp, a comment's
# mark or a chat mention ("[09:15] stella: ...", "# todo: ...", "@channel reminder that ...").
_SENTENCE_START = re.compile(
    rf"(?:^|[.!?][\"')\]]*[ \t]+|\n)[ \t>*\-\"'(\[]*(?:(?:#+|//+)[ \t]*|@[\w.-]+[ \t:,]+)?"
    rf"(?:{TIME_STAMP})?"
    r"([^\W\d_])"
)
_GAP = re.compile(r"[ \t]")
# Nouns for a person: never the surname of a lower-case pair ("young man", "old lady").
_PERSON_NOUNS = frozenset(
    ("man", "men", "woman", "women", "guy", "guys", "girl", "girls", "boy", "boys", "lady", "kid")
)
# What only a person does next, for a given name English knows as a word too.
_PEOPLE_DO = re.compile(
    r"[ \t]+(?:just|never|said|says|told|asked|replied|texted|emailed|called|wants|thinks)\b"
)
# A determiner or a preposition before the word: a thing ("the bill just", "of will said").
_THING_BEFORE = re.compile(
    r"\b(?:a|an|the|this|that|my|your|our|their|its|his|her|of|in|on|at|for|to|with)[ \t]+$"
)
_PLAIN_GAP = re.compile(r"[ \t]+(?:\w+[ \t]+)*")


def _lower_starts(text: str) -> tuple[list[int], list[bool]]:
    """Sentence start offsets and whether each sentence starts in lower case."""
    starts: list[int] = [0]
    lower: list[bool] = [False]
    for m in _SENTENCE_START.finditer(text):
        starts.append(m.start(1))
        lower.append(m.group(1).islower())
    return starts, lower


# A numbered list's item marker before a word, and what ends an item after one.
_NUMBERED = re.compile(r"(?:^|(?<=[\s:(]))\d{1,2}[.)][ \t]+$")
_ITEM_END = re.compile(r"[ \t]*(?:[,;\n]|$|[ \t]\d{1,2}[.)][ \t])")


def lower_names(
    text: str,
    words: list[re.Match[str]],
    lex: TokenLexicon,
    taken: bytearray,
    sentences: list[tuple[int, int]],
    *,
    memo: dict[str, bool] | None = None,
) -> list[tuple[int, int, float]]:
    """Spans of names written in lower case, or after a naming cue (see the module docstring).

    Args:
        text: the text.
        words: word matches over ``text``.
        lex: the token lists.
        taken: one byte per character, 1 where a finding already is.
        sentences: the lower-case sentences (:func:`lower_sentences`).
        memo: per-text results shared with :func:`restore_case` (the English check).

    Returns:
        ``(start, end, score)`` spans.
    """
    # Words right after a naming cue (one pass over the text), and the words of sentences
    # written in lower case: no other word can start a name here.
    cued = {m.end() for m in finditer(NAMING_CUE, text)}
    lower_words = _lower_sentence_words(words, sentences)
    fields = [
        *field_values(text, lex),
        *mentions(text, lex),
        *column_values(text, lex),
        *signoff_names(text, lex),
    ]
    if not cued and not lower_words and not fields:
        return []
    out: list[tuple[int, int, float]] = []
    english: bool | None = None  # computed on first need
    after_cue = (k for k, m in enumerate(words) if m.start() in cued) if cued else ()
    for i in sorted(lower_words.union(after_cue)):
        m = words[i]
        w = m.group()
        bare = w.removesuffix("'s").removesuffix("’s")
        if (
            taken[m.start()]
            or (out and m.start() < out[-1][1])
            or not (w.islower() or lex.kind(w) in (Kind.NAME, Kind.UNKNOWN))
            or _strength(lex, bare.lower()) == _NONE
        ):
            continue
        cue = (
            cue_run(text, words, i, lex)
            if m.start() in cued and not thing_named(text, m.start())
            else None
        )
        if cue is not None:
            out.append((words[cue[0]].start(), _bare_end(words[cue[1]]), 0.6))
            continue
        if not w.islower() or i not in lower_words:
            continue
        if english is None:
            english = _english_once(words, lex, memo)
        run = _line_name(text, words, i, lex) if line_start(text, m.start()) else None
        if run is None and (pair := _pair(text, words, i, lex)) is not None:
            # Outside English text a pair needs an English person's verb or cue beside it
            # ("petronilla halberg lives at 660 emilsvej").
            person = (
                PERSON_AFTER.match(text, _bare_end(words[pair]))
                or PERSON_BEFORE.search(text, max(0, m.start() - 16), m.start())
                # ... or it is an item of a numbered list ("1. aukusti kauhanen 2. kalevi uljas")
                or (
                    _NUMBERED.search(text, max(0, m.start() - 6), m.start())
                    and _ITEM_END.match(text, _bare_end(words[pair]))
                )
            )
            run = pair if english or person else None
        if run is None and english:
            run = subject_pair(text, words, i, lex) or inverted_pair(text, words, i, lex)
        if run is not None:
            out.append((m.start(), _bare_end(words[run]), 0.55))
            continue
        if (
            (
                _strength(lex, bare) == _STRONG
                and bare not in lex.places
                and english
                and (
                    (
                        bare in lex.first
                        and PERSON_BEFORE.search(text, max(0, m.start() - 16), m.start())
                    )
                    or (
                        (bare in lex.first or bare not in lex.vocab)
                        and (
                            PERSON_AFTER.match(text, m.start() + len(bare))
                            or VOCATIVE.match(text, m.start() + len(bare))
                        )
                    )
                )
            )
            or (
                english  # in no list, or a listed name in no vocabulary ("dragomir", not "held")
                and _strength(lex, bare) in (_UNKNOWN, _STRONG)
                and (_strength(lex, bare) == _UNKNOWN or bare not in lex.vocab)
                and lone_name(text, m.start(), bare, lex)
            )
            or (
                # after "my kid", "our boss": a census given name even if English knows it too
                english and bare in _census_first() and kin_name(text, m.start(), bare)
            )
            or (
                # before what a person says or does: "lol kim just fell asleep", "mark said"
                english
                and bare in _census_first()
                and bare not in HELPER_VERBS  # "it will never add", "Game will just choose"
                and _PEOPLE_DO.match(text, m.start() + len(bare))
                and not _THING_BEFORE.search(text, max(0, m.start() - 12), m.start())
            )
            or (
                # told what or asked to do ("emilio told stella that"), or a relation after it
                # ("it was sylvester, my mother's cousin")
                english
                and bare in _census_first()
                and bare not in HELPER_VERBS
                and told_or_related(text, m.start(), m.start() + len(bare))
            )
            or addressed(text, m.start(), bare, lex)
        ):
            out.append((m.start(), m.start() + len(bare), 0.5))
    return with_context(
        text,
        words,
        lex,
        taken,
        lower_words=lower_words,
        out=out,
        fields=fields,
        english=lambda: _english_once(words, lex, memo),
    )


def lower_sentences(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of the sentences (lines, quotations) whose first letter is lower case."""
    starts, lower = _lower_starts(text)
    if not any(lower):
        return []
    bounds = [*starts[1:], len(text)]
    return [(lo, hi) for k, (lo, hi) in enumerate(zip(starts, bounds, strict=True)) if lower[k]]


def _lower_sentence_words(words: list[re.Match[str]], sentences: list[tuple[int, int]]) -> set[int]:
    """Indexes of the words of the given sentences."""
    if not sentences:
        return set()
    positions = [m.start() for m in words]
    out: set[int] = set()
    for lo, hi in sentences:
        out.update(range(bisect.bisect_left(positions, lo), bisect.bisect_left(positions, hi)))
    return out


def _bare_end(m: re.Match[str]) -> int:
    return m.end() - (2 if m.group()[-2:] in ("'s", "’s") else 0)


def _pair(text: str, words: list[re.Match[str]], i: int, lex: TokenLexicon) -> int | None:
    """Index of the last word of a lower-case given name + surname run starting at ``i``."""
    first = words[i].group()
    s0 = _strength(lex, first)
    # Places that are also names ("elizabeth", "warren") count: plain places are words already.
    if not (s0 == _UNKNOWN or (s0 >= _WEAK and first in lex.first)):
        return None
    strong = s0 == _STRONG
    j = i + 1
    last = None
    while j < len(words) and j < i + 4:
        if not _GAP.fullmatch(text[words[j - 1].end() : words[j].start()]):
            break
        w = words[j].group()
        if w in PARTICLES and w.islower():
            j += 1
            continue
        bare = w.removesuffix("'s").removesuffix("’s")
        if bare in PEOPLE_VERBS or bare in _PERSON_NOUNS:
            break  # "bill said", "young man": a verb or a person's noun is no surname here
        s = _strength(lex, bare)
        listed = bare in _faker_last()
        if s == _NONE and s0 == _STRONG and listed and lex.kind(bare) is Kind.AMBIGUOUS:
            s = _WEAK  # "jacob green", "aaron price": a surname that is also a word
        if not w.islower() or s == _NONE:
            break
        if (bare in lex.last and (s0 != _UNKNOWN or s == _STRONG)) or (
            s == _UNKNOWN and s0 != _UNKNOWN
        ):
            last = j
            # Two weak words make a name when they are a listed given name and a curated surname.
            strong = strong or s == _STRONG or (s0 == _WEAK and listed)
        j += 1
    if last is None or not strong:
        return None
    return last


def restore_case(
    text: str,
    words: list[re.Match[str]],
    lex: TokenLexicon,
    taken: bytearray,
    sentences: list[tuple[int, int]],
    *,
    memo: dict[str, bool] | None = None,
) -> tuple[str, bytearray] | None:
    """A copy of ``text`` for the cased rules: the lower-case English sentences that hold a word
    with name evidence (a listed name that is no everyday word, a word in no list, or a listed
    surname right after a listed given name), with those words capitalised; everything else
    blanked (newlines kept, offsets unchanged). And a mask of the capitalised word starts.

    Args:
        text: the text.
        words: word matches over ``text``.
        lex: the token lists.
        taken: one byte per character, 1 where a finding already is.
        sentences: the lower-case sentences (:func:`lower_sentences`).
        memo: per-text results shared with :func:`lower_names` (the English check).

    Returns:
        ``(copy, starts)``, or None when no word was capitalised.
    """
    lower_words = _lower_sentence_words(words, sentences)
    if not lower_words:
        return None
    chars: list[str] | None = None
    starts = bytearray(0)
    keep: set[int] = set()  # indexes into ``sentences``
    first_of = [lo for lo, _ in sentences]
    prev = -1  # index of the last word capitalised
    for i in sorted(lower_words):
        m = words[i]
        w = m.group()
        if taken[m.start()] or not w.islower():
            continue
        bare = w.removesuffix("'s").removesuffix("’s")
        # A surname that is also a word counts right after a capitalised given name ("yuonne
        # sellers", "jacob green"), a given name that is one where only people stand ("colleague
        # sandy said").
        after_name = prev == i - 1 and words[prev].group() in lex.first and bare in _faker_last()
        known = (after_name and bare not in FUNCTION_WORDS) or lone_licensed(
            text, m.start(), m.start() + len(bare), lex
        )
        if not known and (w in lex.common or _strength(lex, bare) not in (_STRONG, _UNKNOWN)):
            continue
        up = w[0].upper()
        if len(up) != 1 or in_token(text, m.start(), m.end()) or _code_line(text, m.start()):
            continue
        if not (known or strong_name(lex, bare) or _may_count(text, words, i, lex)):
            continue  # would not count alone (see NameRecognizer._restored): no NER for it
        if chars is None:
            if not _english_once(words, lex, memo):
                return None
            chars = list(text)
            starts = bytearray(len(text))
        chars[m.start()] = up
        starts[m.start()] = 1
        keep.add(bisect.bisect_right(first_of, m.start()) - 1)
        prev = i
    if chars is None:
        return None
    out: list[str] = []
    pos = 0
    for k in sorted(keep):
        lo, hi = sentences[k]
        out.append(blank_lines(text[pos:lo]))
        out.append("".join(chars[lo:hi]))
        pos = hi
    out.append(blank_lines(text[pos:]))
    return "".join(out), starts


def _may_count(text: str, words: list[re.Match[str]], i: int, lex: TokenLexicon) -> bool:
    """Whether a word that is no name alone can be part of one the cased rules keep: next to
    another word with name evidence, particles aside ("dewi lauwers", "stacey de wilde"), or
    in a person's context ("said bediz", "ask rünno")."""
    for step in (-1, 1):
        j = i + step
        while 0 <= j < len(words) and words[j].group() in PARTICLES:
            j += step
        if not 0 <= j < len(words):
            continue
        lo, hi = sorted((i, j))
        gap = text[words[lo].end() : words[hi].start()]
        if not _PLAIN_GAP.fullmatch(gap) or not all(t in PARTICLES for t in gap.split()):
            continue
        w = words[j].group().lower()
        if _strength(lex, w) in (_STRONG, _UNKNOWN) or w in lex.last:
            return True
    start, end = words[i].span()
    before = text[max(0, start - 24) : start]
    return bool(
        person_context(text, start, end) or SPEECH_CUE.search(before) or STRONG_CUE.search(before)
    )


def strong_name(lex: TokenLexicon, word: str) -> bool:
    """A listed given name, a curated surname (not only the census's: ``sed``), a double or an
    elided name, that is no everyday word (``liisa``, ``haynes``, ``satu-maria``, ``d'souza``)."""
    bare = word.removesuffix("'s").removesuffix("’s").lower()
    listed = bare in lex.first or bare in _faker_last() or not bare.isalpha()  # by its parts
    return listed and _strength(lex, bare) == _STRONG


def _line_name(text: str, words: list[re.Match[str]], i: int, lex: TokenLexicon) -> int | None:
    """Index of the last word when the line from word ``i`` on is a name alone, in any language
    (an address block, a signature): two or three words, particles aside, each a listed name
    or unknown, one of them strong (``imani weijninck``, ``emmitt foreman``)."""
    j = i
    strong = False
    names = 0
    while j < len(words) and names < 4:
        if j > i and not _GAP.fullmatch(text[words[j - 1].end() : words[j].start()]):
            break
        w = words[j].group()
        if not w.islower():
            return None
        if w not in PARTICLES:
            s = _strength(lex, w)
            if s == _NONE and not (j > i and w in lex.last and w not in FUNCTION_WORDS):
                return None
            # a line alone is evidence enough for a listed given name before an unknown
            # surname ("anna lyberth, ceo" in a signature block)
            strong = (
                strong
                or s == _STRONG
                or (j > i and s == _UNKNOWN and words[i].group() in lex.first)
            )
            names += 1
        j += 1
    last = j - 1
    if not 2 <= names <= 3 or not strong or not _line_end(text, words[last].end()):
        return None
    return last


# Before a line's first word: quoting marks, bullets and a list item's number ("2.", "(b)").
# After a name that is its line's content: punctuation, an aside in brackets ("(bluepeak
# analytics)") or a role after a comma ("anna lyberth, ceo").
_LINE_TAIL = re.compile(
    r"[ \t.,;]*(?:\([^()\n]{1,60}\)|,[ \t]*[^\W\d_]+(?:[ \t]+[^\W\d_]+)?)?[ \t.,;]*\Z"
)


def _line_end(text: str, pos: int) -> bool:
    """Whether only punctuation, spaces, an aside in brackets or a short role after a comma
    come after ``pos`` on its line."""
    hi = text.find("\n", pos)
    return _LINE_TAIL.match(text, pos, hi if hi >= 0 else len(text)) is not None
