"""Recognizers built from :class:`~hybridllm.classifiers.config.ClassifierConfig` (no code)."""

from __future__ import annotations

import re
from collections.abc import Callable

from hybridllm.classifiers.config import ClassifierConfig, CustomRecognizer
from hybridllm.classifiers.patterns import iban_valid, luhn_valid, mod11_valid
from hybridllm.models import Finding

__all__ = ["ConfiguredRecognizer", "build_configured_recognizer"]

_CHECKSUMS: dict[str, Callable[[str], bool]] = {
    "luhn": luhn_valid,
    "iban": iban_valid,
    "mod11": mod11_valid,
}


class _Rule:
    def __init__(self, spec: CustomRecognizer) -> None:
        self.spec = spec
        self.pattern = re.compile(spec.pattern, re.IGNORECASE if spec.ignore_case else 0)
        self.context = (
            re.compile(r"\b(?:" + "|".join(map(re.escape, spec.context)) + r")\b", re.IGNORECASE)
            if spec.context
            else None
        )
        self.checksum = _CHECKSUMS[spec.checksum] if spec.checksum else None

    def spans(self, text: str) -> list[tuple[int, int]]:
        out: list[tuple[int, int]] = []
        has_group = "v" in self.pattern.groupindex
        for m in self.pattern.finditer(text):
            start, end = m.span("v") if has_group else m.span()
            if start < 0 or start == end:
                continue
            if self.checksum is not None and not self.checksum(text[start:end]):
                continue
            if self.context is not None:
                window = text[max(0, m.start() - self.spec.context_window) : m.start()]
                if self.context.search(window) is None and self.context.search(m.group()) is None:
                    continue
            out.append((start, end))
        return out


class ConfiguredRecognizer:
    """User-defined regexes and deny-lists.

    Attributes:
        name: ``"custom"``.
    """

    name = "custom"

    def __init__(self, config: ClassifierConfig) -> None:
        """Compile the config's recognizers and deny-lists.

        Args:
            config: the classifier configuration.
        """
        self._rules = [_Rule(r) for r in config.recognizers]
        self._deny = [
            (
                d,
                re.compile(
                    r"(?<!\w)(?:"
                    + "|".join(re.escape(t) for t in sorted(d.terms, key=len, reverse=True))
                    + r")(?!\w)",
                    re.IGNORECASE if d.ignore_case else 0,
                ),
            )
            for d in config.deny_lists
        ]

    def find(self, text: str) -> list[Finding]:
        """Run the custom rules and deny-lists over ``text``.

        Args:
            text: the text to scan.

        Returns:
            One finding per match.
        """
        found = [
            Finding(
                entity_type=rule.spec.entity_type,
                category=rule.spec.category,
                start=start,
                end=end,
                score=rule.spec.score,
                recognizer="custom",
            )
            for rule in self._rules
            for start, end in rule.spans(text)
        ]
        found.extend(
            Finding(
                entity_type=spec.entity_type,
                category=spec.category,
                start=m.start(),
                end=m.end(),
                score=1.0,
                recognizer="deny-list",
            )
            for spec, regex in self._deny
            for m in regex.finditer(text)
        )
        return found


def build_configured_recognizer(config: ClassifierConfig) -> ConfiguredRecognizer | None:
    """Return a recognizer for the config's custom rules, or None if it has none."""
    if not config.recognizers and not config.deny_lists:
        return None
    return ConfiguredRecognizer(config)
