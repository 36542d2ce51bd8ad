"""The public import paths are pinned (issue 18): moving modules between folders changes none.

``hybridllm.__all__`` is compared with a literal list, every public module path still imports
and exports what its ``__all__`` promises, and the ``hybridllm`` console script still points at
a callable. A change to any of these is a change of the public API and must be made here too.
"""

from __future__ import annotations

import importlib
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

import hybridllm

ROOT = Path(__file__).resolve().parent.parent

PUBLIC_ALL = [
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

# Public module paths and a few names each must keep exporting.
PUBLIC_MODULES: dict[str, list[str]] = {
    "hybridllm.testing": ["RecordingProxy"],
    "hybridllm.audit": ["AuditStore", "VerifyResult", "load_audit_key"],
    "hybridllm.cost": ["call_cost", "maintained_price", "cost_app", "read_audit_usage"],
    "hybridllm.local": ["LlamaServer", "setup", "start_background", "status"],
    "hybridllm.embeddings": ["Embeddings", "EmbeddingSpace", "ModelIdentity"],
    "hybridllm.adapters": ["Adapter", "build_adapter"],
    "hybridllm.redaction": ["Redaction", "redact_text", "Vault"],
    "hybridllm.classifiers": ["get_classifier"],
    "hybridllm.compat.openai": ["OpenAI", "AsyncOpenAI"],
    "hybridllm.gateway": ["Gateway", "create_app"],
    "hybridllm.models": ["Completion", "AuditRecord"],
    "hybridllm.errors": ["HybridLLMError"],
    "hybridllm.config": ["Settings", "load_settings"],
    "hybridllm.policy": ["decide"],
    "hybridllm.routing": ["estimate_complexity"],
    "hybridllm.observability": ["observe"],
    "hybridllm.decorators": ["task"],
}


def test_all_is_pinned() -> None:
    assert hybridllm.__all__ == PUBLIC_ALL
    for name in PUBLIC_ALL:
        assert getattr(hybridllm, name) is not None, name


def test_the_public_names_come_from_where_they_did() -> None:
    """The lazily loaded names still resolve, and to the classes the submodules define."""
    from hybridllm.compat.openai import OpenAI
    from hybridllm.embeddings import Embeddings
    from hybridllm.models import Completion

    assert hybridllm.Embeddings is Embeddings
    assert hybridllm.Completion is Completion
    assert hybridllm.OpenAI is OpenAI
    assert callable(hybridllm.policy)  # the scope decorator, not the policy engine module
    assert hybridllm.Client.__name__ == "Client"


@pytest.mark.parametrize("path", sorted(PUBLIC_MODULES))
def test_public_module_paths_import(path: str) -> None:
    module = importlib.import_module(path)
    exported = getattr(module, "__all__", [])
    for name in [*exported, *PUBLIC_MODULES[path]]:
        assert hasattr(module, name), f"{path}.{name}"
    for name in PUBLIC_MODULES[path]:
        assert name in exported, f"{path}.__all__ lost {name}"


def test_names_outside_all_that_callers_use() -> None:
    import typer

    from hybridllm.local import free_port, local_app

    assert callable(free_port)
    assert isinstance(local_app, typer.Typer)


def test_console_script_entry_point_resolves() -> None:
    scripts = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"][
        "scripts"
    ]
    assert scripts == {"hybridllm": "hybridllm.cli:main"}
    module, attr = scripts["hybridllm"].split(":")
    assert callable(getattr(importlib.import_module(module), attr))
    out = subprocess.run(
        [sys.executable, "-m", "hybridllm", "--help"], capture_output=True, text=True, check=True
    )
    for command in ("local", "audit", "cost", "serve"):
        assert command in out.stdout, command
