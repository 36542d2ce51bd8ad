"""Reversible redaction: the only code that builds what a remote adapter may receive."""

from hybridllm.redaction.redact import (
    OutboundRequest,
    Redaction,
    local_request,
    redact_messages,
    redact_text,
)
from hybridllm.redaction.restore import StreamRestorer, restore
from hybridllm.redaction.vault import Vault

__all__ = [
    "OutboundRequest",
    "Redaction",
    "StreamRestorer",
    "Vault",
    "local_request",
    "redact_messages",
    "redact_text",
    "restore",
]
