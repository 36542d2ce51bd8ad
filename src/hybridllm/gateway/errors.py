"""Error bodies shaped as OpenAI (and, on ``/v1/messages``, Anthropic) send them.

Every failure the gateway answers has a JSON body an SDK can parse into its own exception type.
Messages come from hybridllm's errors, which never hold payload text; anything unexpected is
answered with a generic message (its type is logged, not its text).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import Any

from hybridllm.embeddings import EmbeddingRefusedError
from hybridllm.errors import (
    BlockedError,
    ConfigError,
    HybridLLMError,
    InputError,
    MissingDependencyError,
    NoTargetAvailableError,
    PrivacyViolationError,
    UnknownTargetError,
)

__all__ = ["GatewayError", "error_body", "from_exception"]

log = logging.getLogger("hybridllm.gateway")

_ANTHROPIC_TYPES = {
    400: "invalid_request_error",
    401: "authentication_error",
    403: "permission_error",
    404: "not_found_error",
    405: "invalid_request_error",
    413: "request_too_large",
    502: "api_error",
    503: "overloaded_error",
}


@dataclass
class GatewayError(Exception):
    """An error answer: HTTP status, OpenAI ``type``/``code``/``param`` and extra headers."""

    status: int
    message: str
    type: str = "invalid_request_error"
    code: str | None = None
    param: str | None = None
    headers: dict[str, str] = field(default_factory=dict)

    def __str__(self) -> str:
        return self.message


def error_body(err: GatewayError, *, anthropic: bool = False) -> dict[str, Any]:
    """The JSON body for ``err`` in OpenAI's (or Anthropic's) error shape."""
    if anthropic:
        kind = _ANTHROPIC_TYPES.get(err.status, "api_error")
        return {"type": "error", "error": {"type": kind, "message": err.message}}
    return {
        "error": {"message": err.message, "type": err.type, "param": err.param, "code": err.code}
    }


def _audit_headers(audit_id: str | None) -> dict[str, str]:
    return {"x-hybridllm-audit-id": audit_id} if audit_id else {}


def from_exception(exc: BaseException) -> GatewayError:  # noqa: PLR0911 - a mapping table
    """Map an exception from the flow onto an HTTP error (no payload text in any message)."""
    if isinstance(exc, GatewayError):
        return exc
    if isinstance(exc, UnknownTargetError):
        return GatewayError(404, str(exc), code="model_not_found", param="model")
    if isinstance(exc, InputError):
        return GatewayError(400, str(exc), param=getattr(exc, "param", None))
    if isinstance(exc, EmbeddingRefusedError):
        headers = {"x-hybridllm-route": "blocked", **_audit_headers(exc.audit_id)}
        return GatewayError(403, str(exc), "policy_blocked", "blocked_by_policy", headers=headers)
    if isinstance(exc, BlockedError | PrivacyViolationError):
        return GatewayError(403, str(exc), "policy_blocked", "blocked_by_policy")
    if isinstance(exc, NoTargetAvailableError):
        headers = {"x-should-retry": "false", **_audit_headers(exc.audit_id)}
        # hybridllm already retried and fell back: the SDK should not retry on top of it
        return GatewayError(502, str(exc), "api_error", "no_target_available", headers=headers)
    if isinstance(exc, ConfigError | MissingDependencyError):
        return GatewayError(500, f"gateway misconfigured: {type(exc).__name__}", "server_error")
    if isinstance(exc, HybridLLMError):
        return GatewayError(500, str(exc), "server_error")
    log.error("unexpected %s in the gateway", type(exc).__name__)
    return GatewayError(500, "internal error", "server_error")
