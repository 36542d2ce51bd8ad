"""Lower-case names by the slot of the clause they fill: where only a person goes.

The other lower-case rules read a name's own lists (:mod:`.name_lower_tokens`), a phrase about
someone (:mod:`.name_lower_context`) or a record's form (:mod:`.name_lower_records`). These
read the grammar of the clause around one word, whatever the template: some positions take a
person and (almost) nothing else, and there a word that the lists know as a name, or know
not at all, is one:

15. **the object of a verb of people**: ``ask jelinek if``, ``thank villani and``, ``covering
    for narzymska while``, ``a follow-up to gaarder at``, ``slams rochefort over``, ``cc
    hampl``; the clause goes on with a conjunction, a preposition or punctuation after the word
    (not ``email jenkins pipeline``);
16. **an address**: a greeting before the word (``hi simmons,``, ``thanks ambroziak!``) or a
    comma before it and the sentence ending right after it (``don't go to town, glennie!``);
17. **a reply header**: ``cyndy wilder wrote:``, ``on 2024-09-14, rio acosta <r@x.org>
    wrote:``: one to three name-like words;
18. **an apposition**: a name and a role between commas after it at a sentence start
    (``neoma barnes, the thermal insulator, said``), or a person's role and a name between
    commas after it (``the employee, linn jeppsson, shall``);
19. **a work named after its maker**: ``the tóth novel``, ``the ambrosini paintings``;
21. **a person's role before it** (after a determiner, a possessive, a preposition or at a
    sentence start): ``the florist hbibe``, ``hygienist magui``, ``gym trainer ming``;
20. **the subject of a clause**: a word that starts a clause (a sentence, or after a comma or
    a conjunction) with a verb of people after it (``biri is moving to lyon``, ``so nunes
    decided``, ``aires and ary keep double-booking``); a word in no list only before a verb
    that things do not do (``said``, ``apologised``, ``was born``: not ``needs``, ``works``);
    a listed given name that is also an English word (``lucy``, ``maria``) only before such a
    verb or ``presented``, ``witnessed``, ``enjoyed``, ``wrote``, ``merged``; the owner of a
    bulleted action item (``- sellier to send the budget``).

The word must carry a name's evidence itself: a listed given name or surname that is no
everyday English word, or a word in no list that is no misspelling of one; where the slot is
an address or the object of a person's verb, also a listed name that English knows only as a
rare word (``simmons``, ``lex``). Only in sentences written in lower case, in text that is
mostly English, and not on lines of code.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from hybridllm.classifiers.name_lower_context import code_line, faker_last, name_like
from hybridllm.classifiers.name_lower_lone import misspelt
from hybridllm.classifiers.name_lower_pairs import PEOPLE_VERBS, foreign_form
from hybridllm.classifiers.name_role_nouns import person_role
from hybridllm.classifiers.name_tokens import FUNCTION_WORDS, PARTICLES, Kind, TokenLexicon

__all__ = ["slot_runs"]

# 15. A verb whose object is a person (the last word of each alternative is in _OBJECT_LAST).
_OBJECT_BEFORE = re.compile(
    r"(?:\b(?:ask|asking|tell|telling|thank|ping|pinged|pinging|remind|reminding|invite"
    r"|inviting|cc|bcc|congratulate|congrats|hire|hired|promote|promoted|introduce|introducing"
    r"|interview|interviewed|slams?|slammed|blames?|blamed|praises?|praised|shadows?"
    r"|(?:cover|covers|covering|covered|ask|asking|asked|sub|subbing|vouch|vouching|toast"
    r"|speech|card|gift|summari[sz]e|summary|notes)[ \t]+for"
    r"|(?:follow[- ]?up|reply|replying|forward|forwarding|talk|talked|talking|speak|speaking"
    r"|spoke|report|reports|reporting|reported|write|writing|escalate[ds]?|hand[ \t]+(?:it|this)"
    r"|send[ \t]+(?:it|this)|introduce[ \t]+me|married|engaged)[ \t]+to"
    r"|(?:meet|meeting|met|sync|synced|syncing|chat|chatted|pair|paired|pairing"
    r"|(?:follow|followed|following|check|checked|catch|caught)[ \t]+up)[ \t]+with"
    r"|loop(?:ing|ed)?[ \t]+in)[ \t]+)$"
)
_OBJECT_WORDS = (
    "ask asking tell telling thank ping pinged pinging remind reminding invite inviting cc "
    "bcc congratulate congrats hire hired promote promoted introduce introducing interview "
    "interviewed slam slams slammed blame blames blamed praise praises praised shadow "
    "shadows for to with in"
)
_OBJECT_LAST = frozenset(_OBJECT_WORDS.split())
# The clause goes on after the object: punctuation, a conjunction or a preposition.
_OBJECT_AFTER = re.compile(
    r"[ \t]*(?:[,.!?;:)\n]|$)|[ \t]+(?:and|or|if|while|who|whom|whose|about|over|on|at|for"
    r"|from|to|in|re|regarding|before|after|when|whether|so|since|because|today|tomorrow"
    r"|tonight|asap|please|pls|again|too|yet|back|know|that)\b"
)
# 16. A greeting before the word; the word then ends its clause.
_GREETING_WORDS = (
    "hi hey hello heya hiya dear thanks thx ty cheers bye congrats morning evening yo welcome sorry"
)
_GREETING_LAST = frozenset(_GREETING_WORDS.split())
_GREETING_BEFORE = re.compile(
    r"(?<![\w-])(?:hi|hey|hello|heya|hiya|dear|thanks|thx|ty|cheers|bye|congrats"
    r"|(?:good[ \t]+)?(?:morning|evening)|yo|welcome(?:[ \t]+back)?|sorry)[ \t]+$"
)
_ADDRESS_END = re.compile(r"[ \t]*(?:[,!?:;.]|$|\n|[ \t]+and\b)")
# A comma before the word, the sentence ending right after it, and a clause before the comma
# that speaks to someone (a second person, an imperative, thanks, a wish): "don't go to town,
# glennie!", "see you tomorrow, ingeborg." ("this error, sigsegv!" names nobody).
_COMMA_BEFORE = re.compile(r"[^\W\d_][\w'’]*,[ \t]+$")
_ADDRESSING = re.compile(
    r"\b(?:you|your|yours|you're|youre|ya|u|ur|please|pls|thanks|thank|thx|don't|dont|do[ \t]+not"
    r"|let's|lets|congrats|congratulations|welcome|sorry|good|great|nice|well[ \t]+done|miss"
    r"|love|hope|bye|see|come|go|wait|stop|listen|look)\b"
)
_SENTENCE_BREAK = re.compile(r"[.!?\n][^.!?\n]*$")
_VOCATIVE_END = re.compile(r"[ \t]*(?:[!?]|\.?[ \t]*(?:\n|$))")
# 17. A reply header: "cyndy wilder wrote:", "rio acosta <r@x.org> wrote:".
_WROTE = re.compile(r"(?:[ \t]*<[^<>\s]+@[^<>\s]+>)?[ \t]+wrote:")
_HEADER_LEAD = re.compile(r"(?:^|\n|,)[ \t>]*$")
# 18. An apposition: "X, the role," after a name at a sentence start; "the role, X," before one.
_APPOSITION_AFTER = re.compile(
    r",[ \t]+(?:the|a|an|our|my|your|their|his|her)[ \t]+[^\W\d_][^,\n.!?;:()]{1,40},"
)
_RUN_LEAD = re.compile(r"(?:^|\n|[.!?;][ \t]+)[ \t>*\"'-]*$")
_ROLE_WORDS = (
    "employee tenant client customer candidate applicant patient contractor landlord landlady "
    "buyer seller borrower guarantor claimant defendant plaintiff witness member student teacher "
    "manager director author intern colleague friend neighbour neighbor husband wife son "
    "daughter boss owner partner doctor nurse lawyer attorney agent recipient sender caller "
    "driver officer volunteer buyer lessee lessor licensee employer consultant"
)
_ROLES = frozenset(_ROLE_WORDS.split())
_ROLE_BEFORE = re.compile(
    r"\b(?:the|our|my|your|their|his|her|this|a|an)[ \t]+(?:[^\W\d_][\w-]*[ \t]+)?"
    r"[^\W\d_][\w-]*[ \t]*,[ \t]+$"
)
# 19. A creative work named after its maker: "the tóth novel".
_WORK_AFTER = re.compile(
    r"[ \t]+(?:novels?|books?|films?|movies?|albums?|songs?|paintings?|operas?|symphon(?:y|ies)"
    r"|poems?|plays?|biograph(?:y|ies)|memoirs?|essays?|lectures?|sculptures?|trilogy|sonatas?"
    r"|concertos?|portraits?|photographs?|quotes?|speech(?:es)?|interviews?)\b"
)
# 20. A clause starts after a conjunction, punctuation or a line break; a verb of people
# after the word (and after "and Y").
_CONJUNCTION_WORDS = (
    "and but so because when while if that then since although though until after before once"
)
# An adverb before a clause's subject ("but only maria witnessed it", "even koch agreed").
_CONJUNCTIONS = frozenset(_CONJUNCTION_WORDS.split()) | {"only", "even"}
_THINGS_DO = (
    r"is[ \t]+(?:moving|leaving|coming|joining|out|away|sick|on[ \t]+leave|retiring)|keeps?|kept"
    r"|needs|needed|wants|wanted|works|worked|lives|lived|went|came|spent|started|booked|ordered"
    r"|received|accepted|declined|won|lost|moved|paid|pays|owes|bought|sold|signed|met|meets"
    r"|called|calls|gave|gives|joined|left|reported|confirmed|mentioned|recommended|loves|loved"
    r"|likes|liked|prefers|visited|arrived|will[ \t]+(?:call|join|be|send|review|shadow)"
)
_PEOPLE_DO = (
    r"said|says|told|tells|asked|asks|replied|thinks|thought|knows|knew|believes|feels|felt"
    r"|hates|hated|agreed|agrees|decided|promised|explained|suggested|complained|apologi[sz]ed"
    r"|married|divorced|died|studied|graduated|quit|resigned|retired|emailed|texted|smiled"
    r"|laughed|cried|nodded|was[ \t]+born"
)
_PERSON_VERB = re.compile(
    r"[ \t]+(?:(?:just|also|then|never|already|finally|still|always)[ \t]+)?(?:"
    + _PEOPLE_DO
    + "|"
    + _THINGS_DO
    + r")\b"
)
_PEOPLE_VERB = re.compile(
    r"[ \t]+(?:(?:just|also|then|never|already|finally|still|always)[ \t]+)?(?:"
    + _PEOPLE_DO
    + r")\b"
)
# The one-word verbs of people (PEOPLE_VERBS: _PEOPLE_DO's and "witnessed", "presented",
# "enjoyed", "wrote", "merged") and "was born".
_GIVEN_VERB = re.compile(
    r"[ \t]+(?:(?:just|also|then|never|already|finally|still|always)[ \t]+)?(?:"
    + "|".join(sorted(PEOPLE_VERBS))
    + r"|was[ \t]+born)\b"
)
# Cheap first test for rule 20: a space and a letter after the word (a verb or "and").
_CLAUSE_START = re.compile(r"(?:['’]s)?[ \t]+[a-z]")
# An action item: a bullet on its own line, the owner, "to" and a verb ("- loring to book the
# venue"; not "- how to", whose word no list holds as a name).
_BULLET_GAP = re.compile(r"(?:^|.*\n)[ \t]*(?:[-*•–]|\d{1,2}[.)])[ \t]+", re.DOTALL)
_ACTION_TO = re.compile(r"[ \t]+to[ \t]+(?!the\b|a\b|an\b|be\b|do\b)[a-z]{2,}\b")
_AND_WORD = re.compile(r"[ \t]+and[ \t]+([^\W\d_][\w'’-]*)")
_LOOK_BACK = 40
# 21. Before a person's role right before the word: a determiner or a possessive (and a word
# of the role: "the letting agent dorra"), a preposition, or a sentence's start.
_ROLE_LEAD = re.compile(
    r"(?:\b(?:the|my|our|your|his|her|their)[ \t]+(?:[a-z]+[ \t]+)?"
    r"|\b(?:with|by|from|for)[ \t]+|^[ \t]*|[.!?:;,][ \t]+)\Z"
)
_MIN_LEN = 3
_LONE_MIN = 4


def _strong(lex: TokenLexicon, word: str) -> bool:
    """A name's evidence of its own: a listed given name or surname that is no everyday English
    word (surnames from the curated lists or in no vocabulary), or a word in no list that is no
    misspelling (see the module docstring)."""
    if len(word) < _MIN_LEN or not word.isalpha() or word in lex.places:
        return False
    kind = lex.kind(word)
    if kind is Kind.NAME:
        if word in lex.common:
            return False
        return word in lex.first or word in faker_last() or word not in lex.vocab
    if kind is Kind.UNKNOWN or (kind is Kind.WORD and foreign_form(lex, word)):
        return len(word) >= _LONE_MIN and not misspelt(word, lex)
    return False


def _rare(lex: TokenLexicon, word: str) -> bool:
    """A listed name that English knows only as a rare word (``simmons``, ``lex``, ``bosi``)."""
    return (
        len(word) >= _MIN_LEN
        and word.isalpha()
        and (word in lex.first or word in faker_last())
        and word not in lex.common
        and word not in FUNCTION_WORDS
        and word not in PARTICLES
        and word not in lex.places
        and lex.kind(word) in (Kind.NAME, Kind.AMBIGUOUS)
    )


def _addressing(text: str, lo: int, hi: int) -> bool:
    """Whether the clause in ``text[lo:hi]`` (from its sentence's start) speaks to someone."""
    brk = _SENTENCE_BREAK.search(text, lo, hi)
    return _ADDRESSING.search(text, brk.start() + 1 if brk else lo, hi) is not None


def _header_word(lex: TokenLexicon, word: str) -> bool:
    """A word of a name in a reply header: lower case, name-like or any listed name."""
    return word.islower() and (
        name_like(lex, word)
        or ((word in lex.first or word in lex.last) and word not in FUNCTION_WORDS)
    )


def _header(
    text: str, words: list[re.Match[str]], lex: TokenLexicon, lower_words: set[int]
) -> list[tuple[int, int]]:
    """Rule 17: the one to three name-like words before ``wrote:``."""
    out: list[tuple[int, int]] = []
    for k, m in enumerate(words):
        if m.group() != "wrote" or k == 0:
            continue
        w = _WROTE.match(text, words[k - 1].end())
        if w is None or w.end() != m.end() + 1:
            continue
        last = k - 1
        first = last
        while (
            first > 0
            and last - first < 2
            and text[words[first - 1].end() : words[first].start()] == " "
        ):
            first -= 1
        while first <= last and not _header_word(lex, words[first].group()):
            first += 1
        parts = [words[j].group() for j in range(first, last + 1)]
        if (
            first > last
            or last not in lower_words
            or not all(_header_word(lex, p) for p in parts)
            or not any(_strong(lex, p) or _rare(lex, p) for p in parts)
            or not _HEADER_LEAD.search(
                text, max(0, words[first].start() - 30), words[first].start()
            )
        ):
            continue
        out.append((words[first].start(), words[last].end()))
    return out


def _run_from(text: str, words: list[re.Match[str]], i: int, lex: TokenLexicon) -> int:
    """Index of the last word of the run of up to three reply-header words from word ``i``
    (``i - 1`` when word ``i`` is none), one space apart."""
    last = i - 1
    j = i
    while j < len(words) and j < i + 3 and _header_word(lex, _bare(words[j].group())):
        if j > i and text[words[j - 1].end() : words[j].start()] != " ":
            break
        last = j
        j += 1
    return last


def _bare(word: str) -> str:
    return word.removesuffix("'s").removesuffix("’s")


def _appositions(
    text: str, words: list[re.Match[str]], lex: TokenLexicon, lower_words: set[int]
) -> list[tuple[int, int]]:
    """Rule 18, a name before its role: the one to three words between a sentence start and
    ``, the <role>,``; each a name-like or listed word (the first of two may be any word that
    is no everyday one: ``nixie hudak``), one of them a name by its own evidence."""
    out: list[tuple[int, int]] = []
    ends = {m.end(): k for k, m in enumerate(words)}
    for a in _APPOSITION_AFTER.finditer(text):
        last = ends.get(a.start())
        if last is None or last not in lower_words:
            continue
        first = last
        while first > 0 and last - first < 2 and _header_word(lex, words[first - 1].group()):
            if text[words[first - 1].end() : words[first].start()] != " ":
                break
            first -= 1
        if (
            first == last
            and last > 0
            and text[words[last - 1].end() : words[last].start()] == " "
            and words[last - 1].group().isalpha()
            and words[last - 1].group() not in lex.common
        ):
            first = last - 1  # "nixie hudak": a given name the lists do not hold
        parts = [words[j].group() for j in range(first, last + 1)]
        if (
            not all(p.islower() and p not in FUNCTION_WORDS for p in parts)
            or not any(_strong(lex, p) for p in parts)
            or not _RUN_LEAD.search(text, max(0, words[first].start() - 12), words[first].start())
        ):
            continue
        out.append((words[first].start(), words[last].end()))
    return out


def _role_apposition(
    text: str, words: list[re.Match[str]], i: int, lex: TokenLexicon, lo: int
) -> int | None:
    """Rule 18, a role before the name: ``the employee, linn jeppsson,``: the end of the run of
    one to three name words from word ``i`` closed by a comma, one of them a name by its own
    evidence."""
    last = _run_from(text, words, i, lex)
    if last < i:
        return None
    parts = [_bare(words[j].group()) for j in range(i, last + 1)]
    end = words[last].start() + len(parts[-1])
    if (
        text.startswith(",", end)
        and any(_strong(lex, p) or _rare(lex, p) for p in parts)
        and _ROLE_BEFORE.search(text, lo, words[i].start()) is not None
    ):
        return end
    return None


def _slot(text: str, words: list[re.Match[str]], i: int, lex: TokenLexicon) -> int | None:
    """The end of the name at word ``i`` when its slot is one of rules 15, 16, 18 (a role
    before it) or 19."""
    bare = _bare(words[i].group())
    if not bare.islower() or bare in FUNCTION_WORDS:
        return None
    prev = words[i - 1].group().lower()
    start, end = words[i].start(), words[i].start() + len(bare)
    lo = max(0, start - _LOOK_BACK)
    comma = text[start - 2 : start] == ", "
    role = person_role(prev)
    if not (comma or role or prev == "the" or prev in _OBJECT_LAST or prev in _GREETING_LAST):
        return None  # most words: one look-up
    evidence = _strong(lex, bare)
    lead = max(0, words[i - 1].start() - 24)
    if (  # rule 21: "the florist hbibe", "gym trainer ming"
        role
        # right after the role, or between commas after it ("the handyman, garrcia, quoted")
        and (
            text[words[i - 1].end() : start] == " "
            or (text[words[i - 1].end() : start] == ", " and text.startswith(",", end))
        )
        and (evidence or _rare(lex, bare))
        and _ROLE_LEAD.search(text, lead, words[i - 1].start())
    ):
        return end
    if (
        (
            prev in _OBJECT_LAST
            and (evidence or _rare(lex, bare))
            and _OBJECT_BEFORE.search(text, lo, start) is not None
            and _OBJECT_AFTER.match(text, end) is not None
        )
        or (
            prev in _GREETING_LAST
            and (evidence or _rare(lex, bare))
            and _GREETING_BEFORE.search(text, lo, start) is not None
            and _ADDRESS_END.match(text, end) is not None
        )
        or (
            evidence
            and comma
            and _VOCATIVE_END.match(text, end) is not None
            and _COMMA_BEFORE.search(text, lo, start) is not None
            and "," not in text[lo : start - 2]
            and _addressing(text, lo, start - 2)
        )
        or (evidence and prev == "the" and _WORK_AFTER.match(text, end) is not None)
    ):
        return end
    if comma and prev in _ROLES:
        return _role_apposition(text, words, i, lex, lo)
    return None


def _listed(lex: TokenLexicon, word: str) -> bool:
    return lex.kind(word) is Kind.NAME or _rare(lex, word)


def _subject(
    text: str, words: list[re.Match[str]], i: int, lex: TokenLexicon
) -> list[tuple[int, int]]:
    """Rule 20: the spans of the subject at word ``i`` (``X``, or ``X`` and ``Y``)."""
    bare = _bare(words[i].group())
    start, end = words[i].start(), words[i].start() + len(bare)
    gap = text[words[i - 1].end() if i else 0 : start]
    lead = gap.strip(" \t>*\"'(-")
    if not (
        (i == 0 and not lead)
        or "\n" in gap
        or (len(lead) == 1 and lead in ".!?;:,")
        or (gap == " " and words[i - 1].group() in _CONJUNCTIONS)
    ):
        return []  # most words: no clause starts here
    listed = _listed(lex, bare) and bare not in lex.common and bare not in lex.places
    if not (listed or _strong(lex, bare)):
        # A listed given name that English also knows ("lucy", "maria", "betty") before a
        # verb only people do: "lucy presented q3 numbers", "only maria witnessed it".
        given = bare in lex.first and bare not in FUNCTION_WORDS and len(bare) >= _MIN_LEN
        return [(start, end)] if given and _GIVEN_VERB.match(text, end) else []
    verb = _PERSON_VERB if listed else _PEOPLE_VERB
    # ... or the owner of a bulleted action item: "- sellier to send the budget".
    if verb.match(text, end) or (_ACTION_TO.match(text, end) and _BULLET_GAP.fullmatch(gap)):
        return [(start, end)]
    both = _AND_WORD.match(text, end)
    if both is None:
        return []
    other = _bare(both.group(1))
    if not other.islower() or not (_listed(lex, other) or _strong(lex, other)):
        return []
    other_end = both.start(1) + len(other)
    verb = _PERSON_VERB if listed and _listed(lex, other) else _PEOPLE_VERB
    return [(start, end), (both.start(1), other_end)] if verb.match(text, other_end) else []


def slot_runs(
    text: str,
    words: list[re.Match[str]],
    lex: TokenLexicon,
    lower_words: set[int],
    english: Callable[[], bool],
) -> list[tuple[int, int]]:
    """Spans of lower-case names that the slot of their clause marks (see the module
    docstring).

    Args:
        text: the text.
        words: word matches over ``text``.
        lex: the token lists.
        lower_words: indexes of the words of sentences written in lower case.
        english: whether the text is English (called at most once, when a slot matches).

    Returns:
        ``(start, end)`` spans, possibly overlapping each other.
    """
    out: list[tuple[int, int]] = []
    if not lower_words:
        return out
    for i in sorted(lower_words):
        end = _slot(text, words, i, lex) if i > 0 else None
        spans = [(words[i].start(), end)] if end is not None else []
        if not spans and _CLAUSE_START.match(text, words[i].end()) is not None:
            spans = _subject(text, words, i, lex)
        if not spans or code_line(text, words[i].start()):
            continue
        if not english():
            return []
        out.extend(spans)
    if ", " in text:
        out.extend(_appositions(text, words, lex, lower_words))
    if " wrote:" in text:
        out.extend(_header(text, words, lex, lower_words))
    return out
