"""PostgreSQL audit sink: table schema and row helpers (used by :mod:`hybridllm.audit.postgres`).

Tables::

    hybridllm_audit             one row per record: instance, seq, id, ts, status, route,
                                prev_hash, hash, body (the record's JSON), sig
    hybridllm_audit_heads       each instance's chain head (seq, hash), locked while appending
    hybridllm_audit_checkpoints signed checkpoints and retention cuts, per instance
"""

from __future__ import annotations

from typing import Any, Final

from pydantic import ValidationError

from hybridllm.errors import AuditError
from hybridllm.models import AuditRecord

COLUMNS: Final = ("id", "ts", "status", "route", "prev_hash", "hash")
SCHEMA: Final = (
    """
    CREATE TABLE IF NOT EXISTS hybridllm_audit (
        instance TEXT NOT NULL,
        seq BIGINT NOT NULL,
        id TEXT NOT NULL UNIQUE,
        ts TEXT NOT NULL,
        status TEXT NOT NULL,
        route TEXT NOT NULL,
        prev_hash TEXT NOT NULL,
        hash TEXT NOT NULL,
        body TEXT NOT NULL,
        sig TEXT NOT NULL DEFAULT '',
        PRIMARY KEY (instance, seq)
    )
    """,
    "CREATE INDEX IF NOT EXISTS hybridllm_audit_ts ON hybridllm_audit (ts)",
    """
    CREATE TABLE IF NOT EXISTS hybridllm_audit_heads (
        instance TEXT PRIMARY KEY,
        seq BIGINT NOT NULL,
        hash TEXT NOT NULL
    )
    """,
    """
    CREATE TABLE IF NOT EXISTS hybridllm_audit_checkpoints (
        instance TEXT NOT NULL,
        n BIGINT NOT NULL,
        kind TEXT NOT NULL,
        seq BIGINT NOT NULL,
        body TEXT NOT NULL,
        sig TEXT NOT NULL,
        PRIMARY KEY (instance, n)
    )
    """,
)
SCHEMA_LOCK: Final = 7_406_411  # pg_advisory_xact_lock key: serialises CREATE TABLE IF NOT EXISTS
PAGE: Final = 1000


def psycopg_module() -> Any:
    try:
        import psycopg
    except ImportError:
        raise ImportError(
            "the PostgreSQL audit sink needs psycopg 3: pip install 'hybridllm[postgres]'"
        ) from None
    return psycopg


def parse_row(instance: str, seq: int, body: str) -> AuditRecord:
    try:
        return AuditRecord.model_validate_json(body)
    except ValidationError as exc:
        raise AuditError(f"audit record {instance}#{seq} has a corrupt body") from exc


def time_bounds(since: str | None, until: str | None) -> tuple[str, tuple[str, ...]]:
    """A constant WHERE fragment for ``since <= ts < until`` and its parameters."""
    if since is not None and until is not None:
        return "ts >= %s AND ts < %s", (since, until)
    if since is not None:
        return "ts >= %s", (since,)
    if until is not None:
        return "ts < %s", (until,)
    return "TRUE", ()
