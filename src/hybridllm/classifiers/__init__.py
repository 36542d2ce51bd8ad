"""Local classification of prompts into PII, PHI and SECRET findings.

``import hybridllm.classifiers`` is cheap: spaCy and presidio are imported (and the model loaded,
about a second) on the first call to :func:`get_classifier` or :func:`classify`, once per process.

Example:
    >>> from hybridllm.classifiers import classify
    >>> c = classify("Patient Jane Roe, MRN: 12345678")
    >>> sorted(c.categories)
    ['PHI']
"""

from __future__ import annotations

import os
import threading
from typing import TYPE_CHECKING

from hybridllm.errors import ClassificationError

if TYPE_CHECKING:
    from hybridllm.classifiers.combine import CompositeClassifier
    from hybridllm.models import Classification

__all__ = ["CompositeClassifier", "classify", "get_classifier"]

_lock = threading.Lock()
_classifier: CompositeClassifier | None = None


def _build() -> CompositeClassifier:
    # Before presidio is imported anywhere: no public-suffix-list download (see presidio.py).
    os.environ.setdefault("TLDEXTRACT_PUBLIC_SUFFIX_LIST_URLS", "")
    from hybridllm.classifiers.combine import CompositeClassifier
    from hybridllm.classifiers.patterns import build_pattern_recognizer
    from hybridllm.classifiers.phi import build_phi_recognizer
    from hybridllm.classifiers.presidio import PresidioRecognizer
    from hybridllm.classifiers.secrets import (
        DetectSecretsRecognizer,
        build_secret_regex_recognizer,
    )

    return CompositeClassifier(
        [
            build_secret_regex_recognizer(),
            DetectSecretsRecognizer(),
            build_phi_recognizer(),
            build_pattern_recognizer(),
            PresidioRecognizer(),
        ]
    )


def get_classifier() -> CompositeClassifier:
    """Return the process-wide classifier, building it on first use.

    Thread-safe: concurrent first calls build it once. A failed build is not cached, so a later
    call retries.

    Returns:
        The shared :class:`~hybridllm.classifiers.combine.CompositeClassifier`.

    Raises:
        ClassificationError: a dependency or the spaCy model could not be loaded.
    """
    global _classifier  # noqa: PLW0603 - a lazily built process-wide singleton
    if _classifier is not None:
        return _classifier
    with _lock:
        if _classifier is None:
            try:
                _classifier = _build()
            except Exception as exc:
                raise ClassificationError(
                    f"classifier failed to load: {type(exc).__name__}"
                ) from exc
        return _classifier


def classify(text: str) -> Classification:
    """Classify one text with the shared classifier.

    Args:
        text: the text to classify.

    Returns:
        The findings (offsets into ``text``, never the matched text) and the time taken.

    Raises:
        ClassificationError: classification failed; the message names the error type only.
    """
    return get_classifier().classify(text)


def __getattr__(name: str) -> object:
    # `CompositeClassifier` is listed in __all__ but lives in combine.py (which is light).
    if name == "CompositeClassifier":
        from hybridllm.classifiers.combine import CompositeClassifier

        return CompositeClassifier
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
