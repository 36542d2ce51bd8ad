"""Front door over HTTP: ``hybridllm serve``, an OpenAI- and Anthropic-compatible gateway.

Point an existing app's ``base_url`` at it and every call is classified, routed by policy
(local model / redacted for the cloud / blocked), restored and audited, exactly as
``hybridllm.AsyncClient`` does in process:

- ``POST /v1/chat/completions`` (plain and SSE streaming, tools, ``response_format``),
- ``POST /v1/embeddings``, ``GET /v1/models`` (``auto``, targets, embedding spaces),
- ``POST /v1/messages`` (Anthropic's Messages API, plain and streaming).

Any other path is a 404 with an OpenAI error body: nothing is passed through unscanned.
Needs the ``gateway`` extra (Starlette and uvicorn).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from hybridllm.gateway.app import CONVERSATION_HEADER, Gateway, create_app
    from hybridllm.gateway.auth import KeyStore
    from hybridllm.gateway.server import GatewayServer

__all__ = ["CONVERSATION_HEADER", "Gateway", "GatewayServer", "KeyStore", "create_app"]

# Lazy: `hybridllm serve --help` (and the CLI module, which lives here) must not need Starlette.
_WHERE = {
    "CONVERSATION_HEADER": "app",
    "Gateway": "app",
    "create_app": "app",
    "KeyStore": "auth",
    "GatewayServer": "server",
}


def __getattr__(name: str) -> Any:
    if name in _WHERE:
        return getattr(importlib.import_module(f"hybridllm.gateway.{_WHERE[name]}"), name)
    raise AttributeError(f"module 'hybridllm.gateway' has no attribute {name!r}")
