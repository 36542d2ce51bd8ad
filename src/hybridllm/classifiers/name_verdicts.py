"""What NER's answer on the candidate windows means for names (the base of the name recognizer).

:class:`~hybridllm.classifiers.names.NameRecognizer` sends the words its rules leave open through
spaCy (:mod:`~hybridllm.classifiers.name_ner`); this module reads the entities back: PERSON spans
trimmed to the name, a lone known given name the small model calls ORG or GPE, and the verdict on
one-word names the token lists allowed unless NER calls them an organisation or a place.
"""

from __future__ import annotations

import re

from hybridllm.classifiers.name_context import STRONG_CUE
from hybridllm.classifiers.name_gate import (
    COMMON_WORDS,
    NOT_PEOPLE,
    cue_at_end,
    plausible_person,
)
from hybridllm.classifiers.name_ner import Entity, NerWindows
from hybridllm.classifiers.name_tokens import Kind
from hybridllm.classifiers.name_tokens import at_sentence_start as _at_sentence_start
from hybridllm.classifiers.name_tokens import is_cap as _is_cap
from hybridllm.models import Finding, new_finding

__all__ = ["NerVerdicts"]

# NER labels that settle a one-word candidate: PERSON (taken as a name) or one that says
# "not a person" with some reliability on this model.
_PERSON_OR_NOT = frozenset({"PERSON", "ORG", "GPE", "PRODUCT", "FAC", "LOC"})
_OTHER_LABELS = frozenset({"ORG", "GPE", "NORP", "PRODUCT", "WORK_OF_ART", "LOC", "FAC"})


class NerVerdicts:
    """Findings from NER windows, and the name helpers they share with the rules.

    Attributes:
        name: the recognizer name of rule findings.
        first: listed first names.
        last: listed surnames.
        places: listed places.
    """

    name = "names"
    first: frozenset[str]
    last: frozenset[str]
    places: frozenset[str]
    _windows: NerWindows

    @staticmethod
    def _bare(word: re.Match[str]) -> tuple[int, int]:
        """The span of a word without a possessive ``'s``."""
        end = word.end() - (2 if word.group()[-2:] in ("'s", "’s") else 0)
        return word.start(), end

    def _known(self, word: str) -> bool:
        low = word.lower()
        return (low in self.first or low in self.last) and low not in COMMON_WORDS

    def _known_given(self, word: str) -> bool:
        """A capitalised word that is a known first name and not a common English word."""
        low = word.lower().removesuffix("'s").removesuffix("’s")
        return (
            _is_cap(word)
            and low in self.first
            and low not in COMMON_WORDS
            and low not in NOT_PEOPLE
        )

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
        offset: int,
        end: int,
        ents: list[Entity],
        weak: dict[int, Kind],
    ) -> list[Finding]:
        """A one-word name the lists allowed stands unless NER calls it an organisation or a
        place ("review with Initech", "moving to Brno"); a PERSON label is handled by the caller.
        ``ents`` are the entities of the window ``offset:end``."""
        found: list[Finding] = []
        for pos in weak:
            if not offset <= pos < end:
                continue
            labels = [e.label for e in ents if offset + e.start <= pos < offset + e.end]
            if not labels or labels[0] not in _PERSON_OR_NOT:
                found.append(self._finding(*self._bare(by_start[pos]), 0.55, "names+shape"))
        return found

    def _ner_windows(
        self,
        text: str,
        words: list[re.Match[str]],
        candidates: list[int],
        weak: dict[int, Kind],
    ) -> list[Finding]:
        found: list[Finding] = []
        by_start = {words[i].start(): words[i] for i in candidates}
        for offset, stop, ents in self._windows.run(text, words, candidates):
            found.extend(self._weak_verdicts(by_start, offset, stop, ents, weak))
            for ent in ents:
                if ent.label != "PERSON":
                    # The small model often calls a lone given name ORG or GPE ("Janice is ...",
                    # "Uwe, can I ..."): a known given name that is not a place counts.
                    ent_text = text[offset + ent.start : offset + ent.end]
                    if (
                        ent.label in _OTHER_LABELS
                        and ent.size == 1
                        and self._known_given(ent_text)
                        and ent_text.lower() not in self.places
                    ):
                        found.append(
                            self._finding(offset + ent.start, offset + ent.end, 0.6, "names+ner")
                        )
                    continue
                # The entity's words (no punctuation), as (start, end) in the text.
                toks = [(offset + s, offset + e) for s, e in ent.words]
                # Drop edge words that are not part of a name: "Compare Jira and", a
                # sentence-initial imperative ("Summarize Zendesk's").
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
                if end > start:
                    found.append(self._finding(start, end, 0.75, "names+ner"))
        return found
