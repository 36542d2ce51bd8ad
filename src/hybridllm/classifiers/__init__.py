"""Stage 1 of the flow, classify: local detection of PII, PHI and SECRET findings in prompts.

``import hybridllm.classifiers`` is cheap. :func:`get_classifier` builds the regex recognizers
(milliseconds) and starts loading spaCy's NER in a background thread; only a call whose text has
a name candidate for NER waits for it (see :mod:`hybridllm.classifiers.names`).

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
    from hybridllm.classifiers.config import ClassifierConfig
    from hybridllm.models import Classification

__all__ = ["ClassifierConfig", "CompositeClassifier", "classify", "get_classifier"]

_lock = threading.Lock()
_classifiers: dict[object, CompositeClassifier] = {}


def _build(config: ClassifierConfig) -> CompositeClassifier:
    # Before presidio is imported anywhere: no public-suffix-list download (see presidio.py).
    os.environ.setdefault("TLDEXTRACT_PUBLIC_SUFFIX_LIST_URLS", "")
    from hybridllm.classifiers.addresses import AddressRecognizer
    from hybridllm.classifiers.base import Classifier
    from hybridllm.classifiers.combine import CompositeClassifier
    from hybridllm.classifiers.credentials import CredentialRecognizer
    from hybridllm.classifiers.custom import build_configured_recognizer
    from hybridllm.classifiers.interchange import InterchangeRecognizer
    from hybridllm.classifiers.names import NameRecognizer
    from hybridllm.classifiers.patterns import build_pattern_recognizer
    from hybridllm.classifiers.phi import build_phi_recognizer
    from hybridllm.classifiers.phones import NationalPhoneRecognizer
    from hybridllm.classifiers.secret_rules import ProviderRuleRecognizer
    from hybridllm.classifiers.secrets import build_secret_regex_recognizer

    recognizers: list[Classifier] = [
        build_secret_regex_recognizer(),
        ProviderRuleRecognizer(),
        CredentialRecognizer(),
        build_phi_recognizer(),
        build_pattern_recognizer(),
        AddressRecognizer(),
        NationalPhoneRecognizer(),
        InterchangeRecognizer(),
    ]
    custom = build_configured_recognizer(config)
    if custom is not None:
        recognizers.append(custom)
    if config.engine == "presidio":
        from hybridllm._imports import importing

        with importing():  # presidio imports spaCy (and httpx): see hybridllm._imports
            from hybridllm.classifiers.presidio import PresidioRecognizer

            recognizers.append(PresidioRecognizer())
    recognizers.append(NameRecognizer(ner=config.ner))
    from hybridllm.classifiers.clinical import PREFILTER_PATTERNS, is_clinical
    from hybridllm.classifiers.safe_harbor import SafeHarborRecognizer

    # The clinical decision is always made (the leak guard keys on it); the pass is optional.
    clinical_recognizers = [SafeHarborRecognizer()] if config.safe_harbor else []
    return CompositeClassifier(
        recognizers,
        normalize=config.normalize,
        allow_list=config.allow_list,
        time_budget_ms=config.time_budget_ms,
        clinical=is_clinical,
        clinical_recognizers=clinical_recognizers,
        prefilter_patterns=PREFILTER_PATTERNS,
    )


def get_classifier(config: ClassifierConfig | None = None) -> CompositeClassifier:
    """Return the classifier for ``config``, building it on first use (one per distinct config).

    Thread-safe: concurrent first calls build it once. A failed build is not cached, so a later
    call retries.

    Args:
        config: custom recognizers, allow/deny-lists, engine and time budget; None for defaults.

    Returns:
        The shared :class:`~hybridllm.classifiers.combine.CompositeClassifier` for this config.

    Raises:
        ClassificationError: a dependency or the spaCy model could not be loaded.
    """
    from hybridllm.classifiers.config import ClassifierConfig

    if config is None:
        config = ClassifierConfig()
    key = config.model_dump_json()
    found = _classifiers.get(key)
    if found is not None:
        return found
    with _lock:
        found = _classifiers.get(key)
        if found is None:
            try:
                found = _build(config)
            except Exception as exc:
                raise ClassificationError(
                    f"classifier failed to load: {type(exc).__name__}"
                ) from exc
            _classifiers[key] = found
        return found


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
    # Listed in __all__ but living in light submodules (no spaCy/presidio import).
    if name == "CompositeClassifier":
        from hybridllm.classifiers.combine import CompositeClassifier

        return CompositeClassifier
    if name == "ClassifierConfig":
        from hybridllm.classifiers.config import ClassifierConfig

        return ClassifierConfig
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
