"""What NER's answer on the candidate windows means for names (the base of the name recognizer).

:class:`~hybridllm.classifiers.names.NameRecognizer` sends the words its rules leave open through
spaCy (:mod:`~hybridllm.classifiers.name_ner`); this module reads the entities back: PERSON spans
trimmed to the name, a lone known given name the small model calls ORG or GPE, and the verdict on
one-word names the token lists allowed unless NER calls them an organisation or a place.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from hybridllm.classifiers.name_context import STRONG_CUE, person_context
from hybridllm.classifiers.name_fame import famous_word
from hybridllm.classifiers.name_gate import (
    COMMON_WORDS,
    NOT_PEOPLE,
    cue_at_end,
    plausible_person,
)
from hybridllm.classifiers.name_held import HELD
from hybridllm.classifiers.name_lower_context import census_first
from hybridllm.classifiers.name_lower_cues import kin_before
from hybridllm.classifiers.name_ner import Entity, NerWindows
from hybridllm.classifiers.name_person_slot import person_slot
from hybridllm.classifiers.name_public import public_name
from hybridllm.classifiers.name_public_layout import PERSON_IN
from hybridllm.classifiers.name_runs import at_sentence_start as _at_sentence_start
from hybridllm.classifiers.name_shape import SPELT_LIKE_A_NAME, name_likeness
from hybridllm.classifiers.name_tokens import CUE_VERBS, Kind, TokenLexicon
from hybridllm.classifiers.name_tokens import is_cap as _is_cap
from hybridllm.models import Finding, new_finding

__all__ = ["NerVerdicts"]

# NER labels that settle a one-word candidate: PERSON (taken as a name) or one that says
# "not a person" with some reliability on this model.
_PERSON_OR_NOT = frozenset({"PERSON", "ORG", "GPE", "PRODUCT", "FAC", "LOC"})
# Below this name likeness, an unlisted capitalised word needs NER's PERSON: 2.3% of the unlisted
# name tokens of the development sets score lower, and 29 of the 126 unlisted one-word false
# finds on the development prompts (at -0.5: 1.1% and 17; at 0: 5.1%).
_SPELT_LIKE_A_WORD = -0.25
_HELD_PLACE = re.compile(r"(?i:\b(?:in|near|of|at|across|around|outside|inside)\s+(?:the\s+)?)\Z")
_OTHER_LABELS = frozenset({"ORG", "GPE", "NORP", "PRODUCT", "WORK_OF_ART", "LOC", "FAC"})
_PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
# A preposition of place right before a word: "in Britain", "near Oslo" ("to", "from" and
# "at" precede people as often: "forward it to Timonen", "a note from Dias").
_PLACE_BEFORE = re.compile(
    r"(?i:\b(?:in|near|across|around|outside|inside|into|via|towards?|throughout)\s+(?:the\s+)?)\Z"
)
# A journey before a word: its destination, whatever NER's label ("traveling to Mallorca",
# "a 3 day itinerary for Bali"; not "a trip to Sarah's").
_TRIP_TO = re.compile(
    r"(?i:\b(?:travel(?:l?ing|l?ed|s)?|trips?|flights?|fly(?:ing)?|itinerary|vacation|holidays?"
    r"|honeymoon|getaway|tour|relocat(?:e|ing|ed)|mov(?:e|ing|ed))[ \t]+(?:to|for|in|around)"
    r"[ \t]+)\Z"
)
_POSSESSIVE_AFTER = re.compile(r"['’]s?\b")
# A meeting or a talk with someone: before an unlisted word spelt half like a name, NER's
# "organisation" needs other support ("a meeting with Deloitte" is spelt less like a name).
_MET_WITH = re.compile(
    r"(?i:\b(?:discussions?|meetings?|calls?|chats?|conversations?|talks?|interviews?|sessions?"
    r"|catch-up|sync|1:1|one-on-one)[ \t]+with[ \t]+)\Z"
)
_MET_LIKENESS = 0.5
_NEXT_WORD = re.compile(r"[ \t]([A-Z][\w'’-]*)")
# The head of an eponym: a name before it names a result, a method or a sign, not a person
# ("the Krebs cycle", "Shapley values", "the Cobb angle", "a Wilcoxon test").
_EPONYM_HEAD = re.compile(
    r"(?:['’]s)?[ \t](?:cycle|angle|values?|tests?|equations?|theorem|law|effect|constant"
    r"|distribution|index|scale|score|method|algorithm|principle|criteria|criterion|syndrome"
    r"|disease|sign|reflex|number|transform|series|coefficient|function|matrix|space|curve"
    r"|model|process|reaction|rule|paradox|problem|conjecture|hypothesis|inequality|lemma"
    r"|formula|classification|procedure|maneuver|manoeuvre|plot|diagram|filter|operator)\b"
)


def _bare_low(word: str) -> str:
    return word.lower().removesuffix("'s").removesuffix("’s")


class NerVerdicts:
    """Findings from NER windows, and the name helpers they share with the rules.

    Attributes:
        name: the recognizer name of rule findings.
        first: listed first names.
        last: listed surnames.
        places: listed places.
        tokens: the token lists.
    """

    name = "names"
    first: Mapping[str, None]
    last: Mapping[str, None]
    places: Mapping[str, None]
    tokens: TokenLexicon
    _windows: NerWindows

    def _listed_in(self, span: str) -> bool:
        """Whether a word of ``span`` is a listed name that is not also an everyday word."""
        return any(self.tokens.kind(w) is Kind.NAME for w in span.split())

    @staticmethod
    def _bare(word: re.Match[str]) -> tuple[int, int]:
        """The span of a word without a possessive ``'s``."""
        end = word.end() - (2 if word.group()[-2:] in ("'s", "’s") else 0)
        return word.start(), end

    def _known(self, word: str) -> bool:
        low = word.lower()
        return (low in self.first or low in self.last) and low not in COMMON_WORDS

    def _given_before_surname(self, text: str, toks: list[tuple[int, int]]) -> bool:
        """A given name people bear (the census list: ``Will``, ``Mark``, ``Grace``, everyday
        words too) before a listed surname: "Will Smith starred" keeps its "Will"."""
        first = text[toks[0][0] : toks[0][1]].lower()
        second = text[toks[1][0] : toks[1][1]].lower()
        return first in census_first() and second in self.last

    def _known_given(self, word: str) -> bool:
        """A capitalised word that is a known first name and not a common English word."""
        low = word.lower().removesuffix("'s").removesuffix("’s")
        return (
            _is_cap(word)
            and low in self.first
            and low not in COMMON_WORDS
            and low not in NOT_PEOPLE
        )

    def _unknown_name(self, word: str) -> bool:
        """A word in no list that is not spelt like an English word or code (see
        :func:`~hybridllm.classifiers.name_shape.name_likeness`): ``Ejvind``, not ``Summarize``."""
        return self.tokens.kind(word) is Kind.UNKNOWN and name_likeness(word) >= _SPELT_LIKE_A_WORD

    def _finding(self, start: int, end: int, score: float, recognizer: str) -> Finding:
        # Offsets from the text and scores from the rules: valid by construction, so the
        # model is built without pydantic's validation (~5 us per finding, hundreds per 10 KB),
        # by new_finding's direct path (~1 us; model_construct took ~10).
        return new_finding(
            entity_type="PERSON",
            category="PII",
            start=start,
            end=end,
            score=score,
            recognizer=recognizer,
        )

    def _weak_verdicts(
        self,
        by_start: dict[int, re.Match[str]],
        window: tuple[int, int],
        ents: list[Entity],
        weak: dict[int, Kind],
        lists_over_ner: bool,
        *,
        alone_only: bool = False,
    ) -> list[Finding]:
        """A one-word name the lists allowed stands unless NER calls it an organisation or a
        place ("review with Initech", "moving to Brno") and, where ``lists_over_ner``, something
        else agrees (:meth:`_unsupported_veto`; with ``alone_only``, an entity of more than one
        word agrees too); a PERSON label is handled by the caller. A word
        in no list that is spelt like a word of English or code (``Synpress``, ``Invisalign``:
        :func:`~hybridllm.classifiers.name_shape.name_likeness` below -0.25) needs that label.
        ``ents`` are the entities of ``window`` (its start and end in the text)."""
        offset, end = window
        found: list[Finding] = []
        for pos, kind in weak.items():
            if not offset <= pos < end:
                continue
            covering = [e for e in ents if offset + e.start <= pos < offset + e.end]
            if (
                kind is Kind.UNKNOWN
                and not (covering and covering[0].label == "PERSON")
                and person_slot(by_start[pos].string, *self._bare(by_start[pos]))
                and public_name(by_start[pos].group()) is None  # "Copernicus founded"
            ):  # "feedback from Tjiriange": the slot holds a person, whatever NER says
                found.append(self._finding(*self._bare(by_start[pos]), 0.55, "names+context"))
                continue
            if kind is Kind.UNKNOWN and name_likeness(by_start[pos].group()) < _SPELT_LIKE_A_WORD:
                continue  # "Synpress", "Omnilab": spelt as words are, and NER says no person
            if kind is Kind.NAME and famous_word(_bare_low(by_start[pos].group())):
                continue  # "Okay great", "for Boeing and Amazon": a word people rarely bear
            if (
                not covering
                or covering[0].label not in _PERSON_OR_NOT
                or (
                    lists_over_ner
                    and (not alone_only or covering[0].size == 1)
                    and self._unsupported_veto(by_start[pos], kind, covering[0], offset)
                )
            ):
                found.append(self._finding(*self._bare(by_start[pos]), 0.55, "names+shape"))
            elif (  # held: a person's name where the text names people (see name_held)
                kind is Kind.UNKNOWN
                and covering[0].label != "PERSON"
                and by_start[pos].group().isascii()
                and not (  # "hiking in Truckee", "a trip to Banff", "the citizens of Brewarrina"
                    covering[0].label in _PLACE_LABELS
                    and (
                        _HELD_PLACE.search(by_start[pos].string, max(0, pos - 16), pos)
                        or _TRIP_TO.search(by_start[pos].string, max(0, pos - 30), pos)
                    )
                )
            ):
                found.append(self._finding(*self._bare(by_start[pos]), 0.45, HELD))
        return found

    def _unsupported_veto(self, word: re.Match[str], kind: Kind, ent: Entity, offset: int) -> bool:
        """Whether NER's "not a person" on a one-word name the lists allowed stands alone.

        The small model calls many lone surnames of other languages an organisation or a
        place ("the Wagner novel", "that Timonen was influenced", "Why is Zdzisława so ...").
        Its label is trusted when something else agrees:

        - the word is no listed name (or an unlisted one in plain ASCII, like most brands,
          unless it is spelt like a name: ``Kaarle``, a name likeness of 1.1 or more, or 0.5
          after a meeting or a talk with someone: ``the discussion with Haslinda``);
        - the entity or the phrase holds another capitalised word ("San Francisco",
          "Guilford College");
        - a preposition of place comes before a place label ("in Britain");
        - the head of an eponym follows ("the Krebs cycle");
        - a gazetteer names the word as no private person: a WordNet place or thing, a public
          figure, a name far more frequent in text than in life (``Siemens``).

        Otherwise the lists' evidence wins: what is not known to be safe is redacted.
        """
        span = word.group()
        likeness = name_likeness(span) if kind is Kind.UNKNOWN and span.isascii() else 0.0
        if kind is not Kind.NAME and not (
            kind is Kind.UNKNOWN
            and (
                not span.isascii()
                or likeness >= SPELT_LIKE_A_NAME
                # met or talked with: "the discussion with Haslinda in March"
                or (
                    likeness >= _MET_LIKENESS
                    and _MET_WITH.search(word.string, max(0, word.start() - 32), word.start())
                    is not None
                )
            )
        ):
            return False
        text = word.string
        # Another capitalised word in the entity, not the tail of a hyphenated lower-case word
        # ("ex-Zombie Dias" holds one name).
        # A cue verb that starts the entity is no part of a proper noun ("Contact Joachim").
        words = [(offset + a, offset + b) for a, b in ent.words]
        if any(
            text[a].isupper()
            and a != word.start()
            and text[a - 1] != "-"
            and not (b <= word.start() and text[a:b].lower() in CUE_VERBS)
            for a, b in words
        ):
            return False
        if _EPONYM_HEAD.match(text, word.end()):
            return False
        # The first word of a proper noun phrase: "Guilford College", "Hofstede Insights".
        nxt = _NEXT_WORD.match(text, word.end())
        if nxt and self.tokens.kind(nxt.group(1)) is Kind.WORD:
            return False
        # A place after a preposition of place ("in Britain"), or a trip's destination
        # whatever NER's label ("traveling to Mallorca", "itinerary for Bali").
        before = text[max(0, word.start() - 30) : word.start()]
        if (
            ent.label in _PLACE_LABELS
            and _PLACE_BEFORE.search(before[-12:])
            and not PERSON_IN.search(before)  # "confided in Wierzbicki"
        ) or (
            _TRIP_TO.search(before)
            and not span.endswith(("'s", "’s"))
            and not _POSSESSIVE_AFTER.match(text, word.end())
        ):
            return False
        return public_name(span) is None

    def _ner_windows(
        self,
        text: str,
        words: list[re.Match[str]],
        candidates: list[int],
        weak: dict[int, Kind],
        *,
        lists_over_ner: bool = True,
        alone_only: bool = False,
    ) -> list[Finding]:
        """Findings of NER on the windows of ``candidates``; ``weak`` are one-word names the
        lists allowed (see :meth:`_weak_verdicts`). ``lists_over_ner`` False: NER's "not a
        person" on them always stands (prose of another language, whose capitalised nouns are
        often surnames too). ``alone_only``: the lists win only over a one-word entity (a
        lower-case text capitalised by the rules: only the words with name evidence are, so a
        lower-case word beside one in the entity is ``hong kong``'s ``kong``)."""
        found: list[Finding] = []
        by_start = {words[i].start(): words[i] for i in candidates}
        for offset, stop, ents in self._windows.run(text, words, candidates):
            found.extend(
                self._weak_verdicts(
                    by_start, (offset, stop), ents, weak, lists_over_ner, alone_only=alone_only
                )
            )
            for ent in ents:
                if ent.label != "PERSON":
                    # The small model often calls a lone given name ORG or GPE ("Janice is ...",
                    # "Uwe, can I ..."): a known given name that is not a place counts, and
                    # one that is after a person's cue ("Tell Florence that ...").
                    ent_text = text[offset + ent.start : offset + ent.end]
                    if (
                        ent.label in _OTHER_LABELS
                        and ent.size == 1
                        and self._known_given(ent_text)
                        and (
                            ent_text.lower() not in self.places
                            or person_context(text, offset + ent.start, offset + ent.end)
                        )
                    ):
                        found.append(
                            self._finding(offset + ent.start, offset + ent.end, 0.6, "names+ner")
                        )
                    continue
                # The entity's words (no punctuation), as (start, end) in the text.
                toks = [(offset + s, offset + e) for s, e in ent.words]
                # Drop edge words that are not part of a name: "Compare Jira and", a
                # sentence-initial imperative ("Summarize Zendesk's"); a word in no list that
                # is not spelt like a word is no imperative ("1. Ejvind Hoffstad").
                while toks and (
                    not text[toks[-1][0] : toks[-1][0] + 1].isupper()
                    or text[toks[-1][0] : toks[-1][1]] in {"'s", "’s"}
                ):
                    toks.pop()
                while toks and (
                    not text[toks[0][0] : toks[0][0] + 1].isupper()
                    or (
                        len(toks) > 1
                        and _at_sentence_start(text, toks[0][0])
                        and not self._known(text[toks[0][0] : toks[0][1]])
                        and not self._given_before_surname(text, toks)
                        and not self._unknown_name(text[toks[0][0] : toks[0][1]])
                    )
                ):
                    toks.pop(0)
                if not toks:
                    continue
                start = toks[0][0]
                end = toks[-1][1]
                span = text[start:end]
                if not plausible_person(span):
                    continue
                if len(toks) == 1 and not (
                    start in weak
                    or cue_at_end(STRONG_CUE, text[max(0, start - 20) : start])
                    or (self._known_given(span) and span.lower() not in self.places)
                ):
                    continue
                # spaCy sometimes swallows a trailing "'s" or punctuation.
                while end > start and not text[end - 1].isalpha():
                    end -= 1
                # One word after someone's relation ("your colleague Rie said") stays a name
                # though English spells it (the caller drops other findings of English words).
                kin = "names+kin" if len(toks) == 1 and kin_before(text, start) else "names+ner"
                if end > start:
                    found.append(self._finding(start, end, 0.75, kin))
        return found
