"""Stage 6 of the flow, audit: a tamper-evident log of canonical records in a SHA-256 chain.

Records are signed with the audit key (:mod:`hybridllm.audit.keys`) and pinned by signed
checkpoints, so history cannot be rewritten unnoticed by someone without the key. Stores: SQLite
(:class:`AuditStore`, the default), JSONL (:class:`JsonlSink`) and PostgreSQL
(:mod:`hybridllm.audit.postgres`, needs the ``postgres`` extra).

The ``hybridllm audit`` commands live with the other commands (:mod:`hybridllm.cli.audit`): they
read the configuration, which sits above this stage, and importing the SDK does not pull in typer
or rich.
"""

from __future__ import annotations

from hybridllm.audit.keys import (
    AuditKey,
    Ed25519Signer,
    Ed25519Verifier,
    HmacSigner,
    Signer,
    find_audit_key,
    load_audit_key,
)
from hybridllm.audit.record import (
    canonical_json,
    compute_hash,
    new_record_id,
    policy_version,
    prompt_hmac,
    record_body,
    utc_now_iso,
)
from hybridllm.audit.store import AuditStore, PurgeResult
from hybridllm.audit.verify import VerifyResult

__all__ = [
    "AuditKey",
    "AuditStore",
    "Ed25519Signer",
    "Ed25519Verifier",
    "HmacSigner",
    "PurgeResult",
    "Signer",
    "VerifyResult",
    "canonical_json",
    "compute_hash",
    "find_audit_key",
    "load_audit_key",
    "new_record_id",
    "policy_version",
    "prompt_hmac",
    "record_body",
    "utc_now_iso",
]
