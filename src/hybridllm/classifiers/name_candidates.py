"""Which capitalised words the name stage asks NER about (a mixin of ``NameRecognizer``).

A word is a candidate when it is listed, next to another capitalised word that could be part of
a name, or after a person's cue; not when its capital comes from its place at a sentence start
(an English word in no name list), when it belongs to an eponym (``Glasgow Coma Scale``), when
it has a digit, or when it is a surname that is also an English word alone at a sentence start
(NER could only return that one word, and a one-word NER name counts only for a given name or
after a cue). NER costs ~25 us per token here: a window it need not see is time saved on
every call (docs/benchmarks.md, names round 14).
"""

from __future__ import annotations

import re

from hybridllm.classifiers.clinical import words
from hybridllm.classifiers.name_context import (
    ADDRESSED_ROLES,
    CUE,
    STRONG_CUE,
    TITLE_WORDS,
    person_context,
)
from hybridllm.classifiers.name_gate import (
    COMMON_WORDS,
    NOT_NAME_PARTS,
    NOT_PEOPLE,
    cue_at_end,
    eponym_run,
    place_or_measure,
    rare_word,
)
from hybridllm.classifiers.name_tokens import CUE_VERBS, FUNCTION_WORDS, Kind
from hybridllm.classifiers.name_tokens import is_cap as _is_cap
from hybridllm.classifiers.name_verdicts import NerVerdicts
from hybridllm.models import Finding

__all__ = ["Gate", "NerCandidates"]

Gate = tuple[bool, bool, bool, bool, bool, bool, bool, bool]
"""What :meth:`NerCandidates._gate` tells from a word alone (see there)."""

_POSSESSIVE_S = re.compile(r"['’]s\b")
_GATE_CACHE = 16384
_SENTENCE_BREAK = re.compile(r"[.!?:;\n\"(]\s*$")
_CAP_AFTER = re.compile(r" [A-ZÀ-Þ]")  # a capitalised word after a pair: a longer run


_CALENDAR = words(
    "january february march april may june july august september october november december"
    " jan feb mar apr jun jul aug sep sept oct nov dec monday tuesday wednesday thursday"
    " friday saturday sunday"
)


class NerCandidates(NerVerdicts):
    """The NER-candidate checks of the name stage, with their per-word memo (``_gates``)."""

    _gates: dict[str, Gate]
    _ner: bool

    def _ner_candidate(
        self,
        text: str,
        words: list[re.Match[str]],
        i: int,
        taken: bytearray,
        gate: Gate | None = None,
    ) -> bool:
        """A capitalised word NER should look at: listed, next to another capitalised word, or
        after a cue. ``gate``: the word's :meth:`_gate`, when the caller has it."""
        w = words[i].group()
        if gate is None:
            gate = self._gates.get(w) or self._gate(w)
        possible, positional, listed, plain, _, _, _, _ = gate
        if not possible:
            return False
        before = text[max(0, words[i].start() - 20) : words[i].start()]
        if positional and (i == 0 or _SENTENCE_BREAK.search(before)):
            return False  # capitalised by its position at a sentence start
        # A run of everyday words ("Account Manager", "Cluster Sum of Squares") is a title or a
        # heading, not a name: NER is asked only when one of the words could be a name.
        after = not listed and self._beside(text, words, i, i + 1, taken=taken, plain=plain)
        ahead = (
            not listed
            and not after
            and self._beside(text, words, i, i - 1, taken=taken, plain=plain)
        )
        cue = not (listed or after or ahead) and cue_at_end(STRONG_CUE if plain else CUE, before)
        if not (listed or after or ahead or cue):
            return False
        # What follows is asked of the few words that pass (a cost per candidate, not per word).
        if eponym_run(text, words, i) or place_or_measure(text, words, i):
            return False  # "Glasgow Coma Scale", "Wilson disease", "Avelmere, TX 69064"
        # A new sentence, not the full stop of an initial ("T. Dalesworth").
        fresh = (i == 0 or _SENTENCE_BREAK.search(before) is not None) and not (
            i and len(words[i - 1].group()) == 1
        )
        if listed:
            # A listed surname that is also an English word, alone at a sentence start ("Born
            # 26-Aug-2010.", "Alert and oriented", "Policy no."): NER's verdict on it could
            # only be a one-word name, which counts only for a given name or after a cue.
            return not (
                fresh
                and self.tokens.kind(w) in (Kind.AMBIGUOUS, Kind.WORD)
                and not self._known_given(w)
                and not self._cap_after(text, words, i)
                and not cue_at_end(STRONG_CUE, before)
            )
        # The word before does not count if it ended the sentence before ("Dalesworth. Alert
        # and oriented").
        return after or cue or not fresh or cue_at_end(STRONG_CUE if plain else CUE, before)

    def _rare_surname(
        self, text: str, words: list[re.Match[str]], step: tuple[list[Finding], int]
    ) -> tuple[list[Finding], int]:
        """A rule's ``(findings, next word)``, where a one-word name it found (a listed or
        unknown given name) grows over a :func:`~.name_gate.rare_word` after it (``Katsuko Koku
        reports``, ``assigned to Mirela Tamarisk;``): the surname. NER was asked before, and
        called such a pair an organisation one time in four. A capitalised word after it makes
        a longer run, which NER still reads."""
        found, j = step
        if len(found) != 1 or j >= len(words) or found[0].end != words[j - 1].end():
            return step
        head = text[found[0].start : found[0].end]
        if (
            " " not in head
            and text[found[0].end : words[j].start()] == " "
            and self.tokens.kind(head) in (Kind.NAME, Kind.UNKNOWN)
            and rare_word(self.tokens, words[j].group())
            and not _CAP_AFTER.match(text, words[j].end())
        ):
            return [found[0].model_copy(update={"end": self._bare(words[j])[1]})], j + 1
        return step

    def _rare_given(
        self, text: str, words: list[re.Match[str]], i: int, gate: Gate
    ) -> tuple[list[Finding], int] | None:
        """A rare word (:func:`~.name_gate.rare_word`) after a person's cue, before a listed or
        unknown name word (``cc Maori Oomori.``, ``escalated to Sable Nakagawa;``): a given
        name and its surname, where NER was asked before (and called that pair a place). None
        where this does not hold; a capitalised word after the pair leaves the run to NER.
        (The caller asks it of rare words only: ``gate[7]``.)"""
        if gate[4] or i + 1 >= len(words):
            return None
        here, nxt = words[i], words[i + 1]
        if (
            text[here.end() : nxt.start()] == " "
            and self.tokens.kind(nxt.group()) in (Kind.NAME, Kind.UNKNOWN)
            and not _CAP_AFTER.match(text, nxt.end())
            and person_context(text, here.start(), here.end())
        ):
            return [self._finding(here.start(), self._bare(nxt)[1], 0.6, "names+context")], i + 2
        return None

    def _beside(
        self,
        text: str,
        words: list[re.Match[str]],
        i: int,
        j: int,
        *,
        taken: bytearray,
        plain: bool,
    ) -> bool:
        """Whether word ``j`` is a capitalised word that could be part of a name with word
        ``i``, next to it in one phrase ("Manager,Edward" or "Manager\\nEdward" is not a run)."""
        if not 0 <= j < len(words):
            return False
        other = words[j].group()
        low = other.lower()
        return (
            _is_cap(other)
            and not (plain and (self.tokens.kind(other) is Kind.WORD or low in COMMON_WORDS))
            and low not in TITLE_WORDS
            and low not in NOT_NAME_PARTS
            and low.rstrip(".") not in _CALENDAR  # "Study November 04", "Seen Monday"
            and not taken[words[j].start()]
            and text[
                min(words[i].end(), words[j].end()) : max(words[i].start(), words[j].start())
            ].strip(" .")
            == ""
        )

    @staticmethod
    def _cap_after(text: str, words: list[re.Match[str]], i: int) -> bool:
        """Whether a capitalised word follows word ``i`` in the same phrase (a month or a
        weekday is no part of a name: "Study November 04", "Seen Monday")."""
        j = i + 1
        return (
            j < len(words)
            and words[j].group()[:1].isupper()  # a capitalised word or an initial
            and not any(c.isdigit() for c in words[j].group())  # not a code: "Lot TX-2147"
            and text[words[i].end() : words[j].start()].strip(" .") == ""
            and words[j].group().lower().rstrip(".") not in _CALENDAR
        )

    def _gate(self, w: str) -> Gate:
        """What the rules tell from the word alone, memoised per word (words recur on every
        line of a note): NER candidate possible (and no month or weekday unless listed),
        everyday word at a sentence start, listed name, ordinary word, whether a word rule of
        :meth:`_cased` can start at it (their first checks ask the word alone and stop there
        for most words: "Patient", "DOB"), whether it is a cue verb (``Ask``, ``Email``:
        :data:`~.name_tokens.CUE_VERBS`), whether it passes ``_lone_given_name``'s first
        check (a known given name that is no role: "Otniel", "Milan", not "Sir"), and whether
        it is a rare word (:func:`~.name_gate.rare_word`: "Koku", "Maori")."""
        low = w.lower()
        bare = _POSSESSIVE_S.sub("", low)
        kind = self.tokens.kind(w)
        listed = (bare in self.first or bare in self.last) and bare not in COMMON_WORDS
        gate = (
            self._ner
            and _is_cap(w)
            # "Aug-2010", "COVID-19": no name (no letter is a digit: most words, no loop)
            and (w.isalpha() or not any(c.isdigit() for c in w))
            and low not in NOT_PEOPLE
            and low not in TITLE_WORDS
            and low not in NOT_NAME_PARTS
            # a month or a weekday that is no given name ("November", "Monday")
            and (low not in _CALENDAR or listed),
            low in COMMON_WORDS or self._positional_word(low),
            listed,
            kind is Kind.WORD,
            # _listed_pair's, _lone_given_name's and person_run's first checks.
            bare in self.first
            or (self._known_given(w) and bare not in self.places)
            or (
                _is_cap(w)
                and kind in (Kind.NAME, Kind.UNKNOWN, Kind.AMBIGUOUS)
                and low not in FUNCTION_WORDS
            ),
            low in CUE_VERBS,
            # _lone_given_name's first check: a known given name and no role (a place too, which
            # counts only greeted: "Hello Milan, how are you")
            self._known_given(w) and low not in ADDRESSED_ROLES,
            # a rare word of the vocabulary: what _rare_given asks of the word alone
            kind is Kind.WORD and rare_word(self.tokens, w),
        )
        if len(self._gates) >= _GATE_CACHE:
            self._gates.clear()  # bounded; a plain dict is thread-safe for get/set/clear
        self._gates[w] = gate
        return gate

    def _positional_word(self, low: str) -> bool:
        """An English word in no name list ("Referrer", "Mailing", "Ticket"): at a sentence or
        line start, or after a colon, its capital comes from its position, so by the lists' own
        evidence it is no name and needs no NER call (a name next to it is a candidate of its
        own, with its own window). Words that are also names, even only census surnames
        ("Born", "Alert", "Prior"), stay candidates."""
        bare = _POSSESSIVE_S.sub("", low)
        lex = self.tokens
        return (
            bare in lex.vocab
            and bare not in lex.first
            and bare not in lex.last
            and bare not in lex.places
            and bare not in lex.ambiguous
        )
