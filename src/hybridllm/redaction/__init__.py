"""Stages 3 and 5, redact and restore: the only code that builds what a remote adapter receives."""

from hybridllm.redaction.config import (
    CategoryRestore,
    OperatorConfig,
    RedactionConfig,
    RestoreConfig,
)
from hybridllm.redaction.policy import RestorePolicy
from hybridllm.redaction.redact import (
    OutboundRequest,
    Redaction,
    local_request,
    redact_messages,
    redact_text,
    retry_request,
)
from hybridllm.redaction.restore import (
    RestoreReport,
    StreamRestorer,
    restore,
    restore_json,
    restore_tool_arguments,
    restore_value,
)
from hybridllm.redaction.store import (
    EncryptedFileStore,
    VaultStore,
    forget,
    generate_key,
    open_vault,
)
from hybridllm.redaction.vault import Vault

__all__ = [
    "CategoryRestore",
    "EncryptedFileStore",
    "OperatorConfig",
    "OutboundRequest",
    "Redaction",
    "RedactionConfig",
    "RestoreConfig",
    "RestorePolicy",
    "RestoreReport",
    "StreamRestorer",
    "Vault",
    "VaultStore",
    "forget",
    "generate_key",
    "local_request",
    "open_vault",
    "redact_messages",
    "redact_text",
    "restore",
    "restore_json",
    "restore_tool_arguments",
    "restore_value",
    "retry_request",
]
