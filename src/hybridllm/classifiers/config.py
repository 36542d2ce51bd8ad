"""Classifier configuration: custom recognizers, deny-lists and allow-lists, without code.

The settings' ``[classifier]`` table maps onto :class:`ClassifierConfig`::

    [classifier]
    engine = "fast"                 # "fast" (default) or "presidio" (slower, presidio's own NER)
    ner = true                      # run spaCy NER on name candidates (fast engine)
    time_budget_ms = 500            # raise ClassificationError past this (the call fails closed)
    allow_list = ["Acme Corp", "Jordan"]   # never flagged (case-insensitive, whole finding)

    [[classifier.recognizers]]
    entity_type = "EMPLOYEE_ID"
    category = "PII"
    pattern = '\\bEMP-\\d{6}\\b'
    context = ["employee", "staff"]  # optional: one must appear within context_window chars before
    checksum = "luhn"                # optional: "luhn" | "iban" | "mod11"
    score = 0.8

    [[classifier.deny_lists]]
    entity_type = "PROJECT_CODENAME"
    category = "SECRET"
    terms = ["Project Nightingale", "Bluebird"]

The model is frozen and hashable: :func:`hybridllm.classifiers.get_classifier` builds one
classifier per distinct configuration and caches it.
"""

from __future__ import annotations

import re
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from hybridllm.models import Category

__all__ = ["ClassifierConfig", "CustomRecognizer", "DenyList"]

Checksum = Literal["luhn", "iban", "mod11"]


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class CustomRecognizer(_Frozen):
    """A user-defined regex recognizer.

    Attributes:
        entity_type: entity type of a match (upper-case, e.g. ``EMPLOYEE_ID``).
        category: ``PII``, ``PHI`` or ``SECRET``.
        pattern: a Python regular expression; a group named ``v`` (if any) is the span.
        context: words of which one must occur within ``context_window`` characters before the
            match (case-insensitive); empty means no context is required.
        context_window: how far back to look for a context word.
        checksum: optional validation of the match's digits/characters.
        ignore_case: compile the pattern case-insensitively.
        score: confidence given to a match.
    """

    entity_type: str = Field(pattern=r"^[A-Z][A-Z0-9_]{1,63}$")
    category: Category
    pattern: str = Field(min_length=1, max_length=2000)
    context: tuple[str, ...] = ()
    context_window: int = Field(default=40, ge=1, le=500)
    checksum: Checksum | None = None
    ignore_case: bool = False
    score: float = Field(default=0.8, ge=0.0, le=1.0)

    @field_validator("pattern")
    @classmethod
    def _compiles(cls, value: str) -> str:
        try:
            compiled = re.compile(value)
        except re.error as exc:
            raise ValueError(f"invalid regular expression: {exc.msg}") from None
        if compiled.match(""):
            raise ValueError("pattern matches the empty string")
        return value


class DenyList(_Frozen):
    """Terms that are always flagged (whole words, case-insensitive unless ``ignore_case`` off).

    Attributes:
        entity_type: entity type of a match.
        category: ``PII``, ``PHI`` or ``SECRET``.
        terms: the terms.
        ignore_case: match regardless of case.
    """

    entity_type: str = Field(pattern=r"^[A-Z][A-Z0-9_]{1,63}$")
    category: Category
    terms: tuple[str, ...] = Field(min_length=1)
    ignore_case: bool = True


class ClassifierConfig(_Frozen):
    """Everything that changes what the classifier finds (see the module docstring for TOML).

    Attributes:
        engine: ``"fast"``: regexes, checksums, a name lexicon and spaCy NER only on name
            candidates; ``"presidio"``: the fast recognizers plus presidio's analyzer over the
            whole text (more NER recall on unusual names, ~10x slower).
        ner: run spaCy NER on name candidates (fast engine). Off: lexicon and patterns only.
        normalize: undo evasions (zero-width characters, full-width forms, URL-encoding, spaced
            digits, split tokens) before matching; offsets still refer to the original text.
        time_budget_ms: a classification taking longer raises ClassificationError (the call then
            fails closed). None: no budget.
        safe_harbor: in a clinical payload, also run the fail-safe Safe Harbor pass
            (:mod:`hybridllm.classifiers.safe_harbor`). Off only to compare or to test the leak
            guard: clinical notes then leak what the ordinary recognizers miss.
        allow_list: terms never flagged: a finding whose text equals one (case-insensitive) is
            dropped. For your own company, product and team names.
        recognizers: custom regex recognizers.
        deny_lists: terms always flagged.
    """

    engine: Literal["fast", "presidio"] = "fast"
    ner: bool = True
    normalize: bool = True
    time_budget_ms: float | None = Field(default=None, gt=0)
    safe_harbor: bool = True
    allow_list: tuple[str, ...] = ()
    recognizers: tuple[CustomRecognizer, ...] = ()
    deny_lists: tuple[DenyList, ...] = ()
