"""Build clients wired to the session's real servers (no mocks: only loopback wire servers)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import hybridllm


def make_client(
    *,
    local_url: str,
    cloud_url: str,
    audit_path: Path,
    default_target: str = "cloud",
    fallback: dict[str, list[str]] | None = None,
    claude_url: str | None = None,
    client_cls: type[Any] = hybridllm.Client,
    **extra: Any,
) -> Any:
    """A client whose local target is llama-server and whose cloud targets are wire proxies."""
    targets: dict[str, Any] = {
        "local": {"adapter": "llamacpp", "model": "smollm2", "base_url": local_url},
        "cloud": {
            "adapter": "openai",
            "model": "smollm2",
            "base_url": cloud_url + "/v1",
            "max_retries": 2,
        },
        "claude": {
            "adapter": "anthropic",
            "model": "smollm2",
            "base_url": claude_url or cloud_url,
            "max_retries": 2,
        },
    }
    return client_cls(
        targets=targets,
        default_target=default_target,
        local_target="local",
        fallback=fallback if fallback is not None else {"local": [], "cloud": []},
        audit_path=audit_path,
        **extra,
    )


PATIENT = "Jane Roe"
MRN = "48201177"
EMAIL = "carla.mendes@example.com"
AWS_KEY = "AKIAZ3MSJ7QXP4LKH2TD"
PHI_PROMPT = (
    f"Patient {PATIENT}, MRN: {MRN}, was admitted with pneumonia and started on amoxicillin. "
    "Summarize in one sentence."
)
SECRET_PROMPT = f"Repeat the following line exactly.\n{EMAIL} {AWS_KEY}"


SEND_MAIL_TOOL = {
    "type": "function",
    "function": {
        "name": "send_mail",
        "description": "Send an email.",
        # the caller lets PII into this argument (restore policy; the mark is not sent on)
        "parameters": {
            "type": "object",
            "properties": {"to": {"type": "string", "x-hybridllm-restore": True}},
        },
    },
}
"""A tool whose ``to`` argument the caller marks for PII restore (used by tool-call tests)."""


def stored_records(path: Path) -> list[Any]:
    """Every record of the audit database at ``path``, read through a connection of its own
    (as ``hybridllm audit`` and a second process do)."""
    from hybridllm.audit import AuditStore

    with AuditStore(path, readonly=True) as store:
        return list(store.iter_records())


def persons(text: str) -> list[str]:
    """The PERSON findings of the default classifier on ``text``, as their texts."""
    from hybridllm.classifiers import get_classifier

    c = get_classifier().classify(text)
    return [text[f.start : f.end] for f in c.findings if f.entity_type == "PERSON"]


@contextmanager
def windows_sent() -> Iterator[list[str]]:
    """The texts of the NER windows the default classifier's name stage runs while inside (an
    observer on the instance: the real NER still runs and its result is returned unchanged)."""
    from hybridllm.classifiers import get_classifier

    names: Any = get_classifier().recognizers[-1]
    ner = names._windows
    seen: list[str] = []
    real = ner.run

    def run(text: str, *args: Any, **kwargs: Any) -> Any:
        out = real(text, *args, **kwargs)
        seen.extend(text[s:e] for s, e, _ in out)
        return out

    ner.run = run
    try:
        yield seen
    finally:
        del ner.run
