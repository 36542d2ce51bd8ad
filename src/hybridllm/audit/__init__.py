"""Tamper-evident audit log: canonical JSON records linked by a SHA-256 hash chain.

The CLI (:mod:`hybridllm.audit.cli`) is not imported here, so that importing the SDK does not pull
in typer or rich.
"""

from __future__ import annotations

from hybridllm.audit.record import (
    canonical_json,
    compute_hash,
    new_record_id,
    record_body,
    utc_now_iso,
)
from hybridllm.audit.store import AuditStore, VerifyResult

__all__ = [
    "AuditStore",
    "VerifyResult",
    "canonical_json",
    "compute_hash",
    "new_record_id",
    "record_body",
    "utc_now_iso",
]
