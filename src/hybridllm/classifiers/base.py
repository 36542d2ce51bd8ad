"""The recognizer protocol and the small helpers every recognizer shares.

A recognizer looks at one text and returns :class:`~hybridllm.models.Finding` objects with
offsets into that text. It never returns (or keeps) the matched text itself.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Protocol, runtime_checkable

from hybridllm.classifiers.prefilter import finditer, per_text, possible
from hybridllm.classifiers.prefilter_words import Words
from hybridllm.models import Category, Finding, new_finding

__all__ = [
    "PERSON_IDENTIFYING",
    "PHI_CONTEXT",
    "PHI_QUASI",
    "PHI_SPECIFIC",
    "Classifier",
    "KeywordRule",
    "RegexRecognizer",
    "RegexRule",
    "first_words",
    "trie_pattern",
]

PHI_SPECIFIC: frozenset[str] = frozenset(
    {
        "MEDICAL_RECORD_NUMBER",
        "HEALTH_PLAN_ID",
        "DATE_OF_BIRTH",
        "AGE_OVER_89",
        "UK_NHS",
    }
)
"""Identifiers that are PHI on their own (HIPAA Safe Harbor identifiers tied to care)."""

PHI_CONTEXT: frozenset[str] = frozenset({"MEDICATION", "DIAGNOSIS"})
"""Clinical content: PHI only when the same payload also identifies a person (see combine)."""

PHI_QUASI: frozenset[str] = frozenset(
    {
        "DATE",
        "LOCATION",
        "ZIP_CODE",
        "URL",
        "INTERNAL_IP_ADDRESS",
        "DEVICE_ID",
        "VEHICLE_ID",
        "BIOMETRIC_ID",
        "OTHER_ID",
        "PHOTO_ID",
    }
)
"""Safe Harbor identifiers that are ordinary on their own (a date, a city, a URL): PHI only in a
payload that already has PHI; otherwise dropped (see combine)."""

PERSON_IDENTIFYING: frozenset[str] = frozenset(
    {
        "PERSON",
        "EMAIL_ADDRESS",
        "PHONE_NUMBER",
        "US_SSN",
        "US_ITIN",
        "US_DRIVER_LICENSE",
        "US_PASSPORT",
        "US_BANK_NUMBER",
        "CREDIT_CARD",
        "IBAN_CODE",
        "IP_ADDRESS",
        "STREET_ADDRESS",
        "ACCOUNT_NUMBER",
        "LICENSE_NUMBER",
    }
)
"""PII types that a payload with PHI upgrades to category PHI (a name plus clinical data is PHI)."""


@runtime_checkable
class Classifier(Protocol):
    """Anything that finds sensitive spans in one text.

    Attributes:
        name: short recognizer name, copied into ``Finding.recognizer``.
    """

    name: str

    def find(self, text: str) -> list[Finding]:
        """Return the sensitive spans of ``text``.

        Args:
            text: the text to scan.

        Returns:
            Findings with offsets into ``text`` and ``message_index`` 0.
        """
        ...


Validator = Callable[[str], bool]


@dataclass(frozen=True, slots=True)
class RegexRule:
    """One regular expression that yields one entity type.

    Attributes:
        entity_type: the entity type of a match.
        category: the category of a match.
        pattern: the compiled expression; if it has a group named ``v`` (or, for alternatives,
            ``w``) the first of them that matched is the span, otherwise the whole match is.
        score: confidence given to a match.
        validator: optional check (e.g. a checksum) on the span's text; a match is dropped if it
            returns False.
    """

    entity_type: str
    category: Category
    pattern: re.Pattern[str]
    score: float
    validator: Validator | None = None

    def spans(self, text: str) -> Iterator[tuple[int, int]]:
        """Yield ``(start, end)`` of every valid match in ``text``."""
        groups: list[str] | None = None
        for m in finditer(self.pattern, text):
            start, end = m.span()
            if groups is None:  # looked up on the first match only: most texts have none
                groups = [g for g in ("v", "w") if g in self.pattern.groupindex]
            for g in groups:
                start, end = m.span(g)
                if start >= 0:
                    break
            if start < 0 or start == end:
                continue
            if self.validator is not None and not self.validator(text[start:end]):
                continue
            yield start, end


_LETTERS = re.compile(r"[A-Za-z]+")


@dataclass(frozen=True, slots=True)
class KeywordRule(RegexRule):
    """A :class:`RegexRule` tried only where a keyword starts, for long word-list patterns.

    A big case-insensitive alternation (drug names, conditions) costs milliseconds per 10 KB
    when searched everywhere; finding where a word of ``keys`` occurs as a whole run of letters
    (one Hyperscan pass over the keys, :class:`~.prefilter_words.Words`) and matching
    ``pattern`` only there costs a fraction. ``pattern`` must match starting at the keyword.

    Attributes:
        keys: lower-case first words of the alternatives (see :func:`first_words`).
    """

    keys: frozenset[str] = frozenset()

    def spans(self, text: str) -> Iterator[tuple[int, int]]:
        """Yield ``(start, end)`` of every valid match in ``text`` that starts at a keyword."""
        keys = self.keys
        index = _words(keys).starts(text)  # where a keyword occurs as a whole word
        if index is None:  # no Hyperscan: one letter-run index per text for every rule
            index = per_text(text, "letter-runs", _letter_runs)
        starts = sorted(s for word, at in index.items() if word in keys for s in at)
        pos = 0
        for at in starts:
            if at < pos:
                continue
            m = self.pattern.match(text, at)
            if m is None:
                continue
            start, end = m.span("v") if "v" in self.pattern.groupindex else m.span()
            if start < 0 or start == end:
                continue
            if self.validator is not None and not self.validator(text[start:end]):
                continue
            pos = end
            yield start, end


@lru_cache(maxsize=16)
def _words(keys: frozenset[str]) -> Words:
    """The keyword database of one rule's ``keys`` (compiled on first use, ~10 ms)."""
    return Words(keys)


def _letter_runs(text: str) -> dict[str, list[int]]:
    """The start offsets of each (lower-cased) run of ASCII letters in ``text``."""
    index: dict[str, list[int]] = {}
    for w in _LETTERS.finditer(text):
        index.setdefault(w.group().lower(), []).append(w.start())
    return index


def first_words(*alternations: str) -> frozenset[str]:
    """The lower-case first letter run of each ``|``-separated alternative (for KeywordRule)."""
    keys: set[str] = set()
    for alternation in alternations:
        for alt in alternation.split("|"):
            m = _LETTERS.search(alt)
            if m is not None:
                keys.add(m.group().lower())
    return frozenset(keys)


class RegexRecognizer:
    """A :class:`Classifier` made of :class:`RegexRule` objects."""

    def __init__(self, name: str, rules: tuple[RegexRule, ...]) -> None:
        """Create a recognizer.

        Args:
            name: recognizer name recorded in findings.
            rules: the rules it runs, in order.
        """
        self.name = name
        self.rules = rules

    def warm_up(self) -> None:
        """Compile the keyword databases of its :class:`KeywordRule` rules now (see
        :mod:`.warm`), not in the first call that needs one."""
        for rule in self.rules:
            if isinstance(rule, KeywordRule):
                _words(rule.keys)

    def find(self, text: str) -> list[Finding]:
        """Run every rule over ``text``.

        Args:
            text: the text to scan.

        Returns:
            One finding per valid match (overlaps are resolved later, in ``combine``).
        """
        return [
            new_finding(
                entity_type=rule.entity_type,
                category=rule.category,
                start=start,
                end=end,
                score=rule.score,
                recognizer=self.name,
            )
            for rule in possible(self.rules, text)
            for start, end in rule.spans(text)
        ]


def trie_pattern(words: Iterable[str]) -> str:
    """A regex alternation of ``words`` shaped as a trie: shared prefixes factored out, so ``re``
    reads each letter once instead of trying every word in turn; longest match first. Not
    wrapped in a group: embed it as ``(?:...)``."""
    trie: dict[str, dict[str, Any]] = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict[str, Any]) -> str:
        alts = [re.escape(ch) + build(sub) for ch, sub in sorted(node.items()) if ch]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        return f"(?:{body})?" if "" in node else body

    return build(trie)
