"""hybridllm: use LLMs without leaking what must not leak.

Every call is classified locally (PII, PHI, secrets), routed by policy (local model, redacted to
the cloud, blocked, or allowed), restored, and recorded in a tamper-evident audit log.

Importing this package is cheap: the public names load on first use (PEP 562 ``__getattr__``),
and spaCy and presidio on the first classification.
"""

from __future__ import annotations

import sys
import types
from importlib import import_module
from typing import TYPE_CHECKING, Any

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
    ProviderTimeoutError,
    TransientProviderError,
    UnknownTargetError,
    UnrestoredPlaceholderError,
    VaultUnavailableError,
)

if TYPE_CHECKING:
    from hybridllm.client.clients import (
        AsyncClient,
        AsyncCompletionStream,
        Client,
        CompletionStream,
        Conversation,
    )
    from hybridllm.compat.openai import AsyncOpenAI, OpenAI
    from hybridllm.core.scope import policy
    from hybridllm.decorators import TaskOutputError, task
    from hybridllm.embeddings import Embeddings
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
    "ProviderTimeoutError",
    "Redaction",
    "TaskOutputError",
    "TransientProviderError",
    "UnknownTargetError",
    "UnrestoredPlaceholderError",
    "Usage",
    "VaultUnavailableError",
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

_LAZY: dict[str, str] = {
    "AsyncClient": "hybridllm.client.clients",
    "AsyncCompletionStream": "hybridllm.client.clients",
    "Client": "hybridllm.client.clients",
    "CompletionStream": "hybridllm.client.clients",
    "Conversation": "hybridllm.client.clients",
    "TaskOutputError": "hybridllm.decorators",
    "task": "hybridllm.decorators",
    "Embeddings": "hybridllm.embeddings",
    "AuditRecord": "hybridllm.models",
    "Classification": "hybridllm.models",
    "Completion": "hybridllm.models",
    "Decision": "hybridllm.models",
    "Finding": "hybridllm.models",
    "Hop": "hybridllm.models",
    "Message": "hybridllm.models",
    "Usage": "hybridllm.models",
    "Redaction": "hybridllm.redaction",
    "OpenAI": "hybridllm.compat.openai",  # the OpenAI drop-ins
    "AsyncOpenAI": "hybridllm.compat.openai",
}
"""Public names imported on first access (pydantic, the client and its flow cost ~150 ms)."""


class _Package(types.ModuleType):
    """The package's module type: ``hybridllm.policy`` stays the scope decorator.

    ``hybridllm/policy.py`` (the policy engine) is a submodule of the same name; importing it
    makes the import system bind the package attribute ``policy`` to that module, which used to
    be undone only because ``__init__`` imported everything eagerly. The property keeps the
    public name and ignores that binding (``from hybridllm.policy import decide`` still works).
    """

    @property
    def policy(self) -> Any:
        from hybridllm.core.scope import policy

        return policy

    @policy.setter
    def policy(self, value: Any) -> None:
        if not isinstance(value, types.ModuleType):
            raise AttributeError("hybridllm.policy cannot be replaced")


sys.modules[__name__].__class__ = _Package


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'hybridllm' has no attribute {name!r}")
    value = getattr(import_module(module), name)
    globals()[name] = value  # later look-ups skip this function
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})


def _get_default_client() -> Client:
    from hybridllm.client.default import default_client

    return default_client()


def complete(prompt: Any, **kwargs: Any) -> Any:
    """:meth:`Client.complete` on a default client (config from hybridllm.toml / env)."""
    return _get_default_client().complete(prompt, **kwargs)


async def acomplete(prompt: Any, **kwargs: Any) -> Any:
    """:meth:`Client.acomplete` on the default client."""
    return await _get_default_client().acomplete(prompt, **kwargs)


def embed(texts: Any, **kwargs: Any) -> Embeddings:
    """:meth:`Client.embed` on the default client."""
    return _get_default_client().embed(texts, **kwargs)


async def aembed(texts: Any, **kwargs: Any) -> Embeddings:
    """:meth:`Client.aembed` on the default client."""
    return await _get_default_client().aembed(texts, **kwargs)


def _check_text(text: object) -> str:
    if not isinstance(text, str):
        raise InputError(f"text must be str, not {type(text).__name__}")
    from hybridllm.core.input import normalize_prompt

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
