"""hybridllm: use LLMs without leaking what must not leak.

Every call is classified locally (PII, PHI, secrets), routed by policy (local model, redacted to
the cloud, blocked, or allowed), restored, and recorded in a tamper-evident audit log.

Importing this package is cheap: spaCy and presidio load on the first classification.
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING, Any

from hybridllm._client import (
    AsyncClient,
    AsyncCompletionStream,
    Client,
    CompletionStream,
    Conversation,
)
from hybridllm._scope import policy
from hybridllm.decorators import TaskOutputError, task
from hybridllm.embeddings import Embeddings
from hybridllm.errors import (
    AuditError,
    AuditVerificationError,
    BlockedError,
    ClassificationError,
    ConfigError,
    HybridLLMError,
    InputError,
    MissingDependencyError,
    NoTargetAvailableError,
    PermanentProviderError,
    PolicyError,
    PrivacyViolationError,
    ProviderError,
    TransientProviderError,
    UnknownTargetError,
)
from hybridllm.models import (
    AuditRecord,
    Classification,
    Completion,
    Decision,
    Finding,
    Hop,
    Message,
    Usage,
)
from hybridllm.redaction import Redaction

if TYPE_CHECKING:
    from hybridllm.compat.openai import AsyncOpenAI, OpenAI

__all__ = [
    "AsyncClient",
    "AsyncCompletionStream",
    "AsyncOpenAI",
    "AuditError",
    "AuditRecord",
    "AuditVerificationError",
    "BlockedError",
    "Classification",
    "ClassificationError",
    "Client",
    "Completion",
    "CompletionStream",
    "ConfigError",
    "Conversation",
    "Decision",
    "Embeddings",
    "Finding",
    "Hop",
    "HybridLLMError",
    "InputError",
    "Message",
    "MissingDependencyError",
    "NoTargetAvailableError",
    "OpenAI",
    "PermanentProviderError",
    "PolicyError",
    "PrivacyViolationError",
    "ProviderError",
    "Redaction",
    "TaskOutputError",
    "TransientProviderError",
    "UnknownTargetError",
    "Usage",
    "__version__",
    "acomplete",
    "aembed",
    "classify",
    "complete",
    "embed",
    "policy",
    "redact",
    "task",
]

__version__ = "0.1.0"


def __getattr__(name: str) -> Any:
    # The OpenAI drop-ins load on first use: `import hybridllm` stays light.
    if name in ("AsyncOpenAI", "OpenAI"):
        from hybridllm.compat import openai as drop_in

        return getattr(drop_in, name)
    raise AttributeError(f"module 'hybridllm' has no attribute {name!r}")


_default_client: Client | None = None
_default_lock = threading.Lock()


def _client() -> Client:
    global _default_client  # noqa: PLW0603 - one lazily created default client per process
    with _default_lock:
        if _default_client is None:
            _default_client = Client()
        return _default_client


def complete(prompt: Any, **kwargs: Any) -> Any:
    """:meth:`Client.complete` on a default client (config from hybridllm.toml / env)."""
    return _client().complete(prompt, **kwargs)


async def acomplete(prompt: Any, **kwargs: Any) -> Any:
    """:meth:`Client.acomplete` on the default client."""
    return await _client().acomplete(prompt, **kwargs)


def embed(texts: Any, **kwargs: Any) -> Embeddings:
    """:meth:`Client.embed` on the default client."""
    return _client().embed(texts, **kwargs)


async def aembed(texts: Any, **kwargs: Any) -> Embeddings:
    """:meth:`Client.aembed` on the default client."""
    return await _client().aembed(texts, **kwargs)


def _check_text(text: object) -> str:
    if not isinstance(text, str):
        raise InputError(f"text must be str, not {type(text).__name__}")
    from hybridllm._input import normalize_prompt

    normalize_prompt(text, max_chars=10_000_000)  # UTF-8 and emptiness checks
    return text


def classify(text: str) -> Classification:
    """Find PII, PHI and secrets in ``text`` (locally; spaCy loads on first use).

    Raises:
        InputError: ``text`` is not a non-empty str.
        ClassificationError: the classifier failed.
    """
    from hybridllm.classifiers import get_classifier

    return get_classifier().classify(_check_text(text))


def redact(text: str) -> Redaction:
    """Replace every finding of every category by a placeholder; ``.restore()`` reverses it.

    This is exactly what a remote target receives under a redact-everything policy.
    """
    from hybridllm.classifiers import get_classifier
    from hybridllm.redaction import redact_text

    checked = _check_text(text)
    return redact_text(checked, get_classifier().classify(checked).findings)
