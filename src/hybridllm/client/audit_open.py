"""Opening a client's audit log: the SQLite store, its copies, and the per-client context."""

from __future__ import annotations

from collections.abc import Callable

from hybridllm.audit.keys import Signer
from hybridllm.audit.record import policy_version
from hybridllm.audit.sinks import AuditSink
from hybridllm.audit.store import AuditStore
from hybridllm.audit.witness import FanoutWitness, HeadWitness, Witness
from hybridllm.config import Settings
from hybridllm.core.flow_state import AuditContext

__all__ = ["open_audit"]


def open_audit(s: Settings) -> tuple[AuditStore, AuditSink, AuditContext]:
    """Open the store and its copies together: all of them, or none (then raise).

    A PostgreSQL copy connects on first use and again after it went away
    (:class:`~hybridllm.audit.sinks.ResilientSink`); whether a call may go on while it is down
    is ``audit_copies_required``.
    """
    from hybridllm.audit.keys import HmacSigner, load_audit_key

    key = load_audit_key(s.audit_key_path)
    signer = HmacSigner(key)
    store = AuditStore(
        s.audit_path,
        signer=signer,
        checkpoint_every=s.audit_checkpoint_every,
        checkpoint_interval=s.audit_checkpoint_interval,
        witness=_witness(s, "sqlite"),
        sync="full" if s.audit_sync == "full" else "intent",
        busy_timeout=s.audit_busy_timeout,
    )
    sink: AuditSink = store
    try:
        extra: list[AuditSink] = []
        if s.audit_jsonl_path:
            from hybridllm.audit.sinks import JsonlSink

            extra.append(JsonlSink(s.audit_jsonl_path, signer=signer))
        if s.audit_postgres_dsn:
            from hybridllm.audit.sinks import ResilientSink

            extra.append(ResilientSink(_postgres_opener(s, signer), "PostgreSQL audit copy"))
        if s.audit_otel_logs:
            from hybridllm.audit.siem import OtelLogSink

            extra.append(OtelLogSink())
        if extra:
            from hybridllm.audit.sinks import TeeSink

            sink = TeeSink(store, *extra, strict=s.audit_copies_required)
    except BaseException:
        store.close()
        raise
    ctx = AuditContext(
        app=s.app_name,
        policy_version=policy_version(s.policy_fingerprint()),
        prompt_key=key.prompt_key,
        key_id=key.key_id,
    )
    return store, sink, ctx


def _postgres_opener(s: Settings, signer: Signer) -> Callable[[], AuditSink]:
    """Connects the PostgreSQL copy; it is checkpointed like the SQLite store (every
    ``audit_checkpoint_every`` records and on close) and shares its witness file."""

    def open_sink() -> AuditSink:
        from hybridllm.audit.postgres import PostgresSink

        return PostgresSink(
            s.audit_postgres_dsn or "",
            instance=s.audit_instance,
            signer=signer,
            checkpoint_every=s.audit_checkpoint_every,
            witness=_witness(s, "postgres"),
        )

    return open_sink


def _witness(s: Settings, log: str) -> HeadWitness | str | None:
    """Where a log's signed checkpoints are witnessed: the file, the PostgreSQL table, both."""
    if not s.audit_witness_dsn:
        return s.audit_witness_path
    from hybridllm.audit.witness_pg import PgWitness

    table = PgWitness(s.audit_witness_dsn, s.audit_instance, log)
    if not s.audit_witness_path:
        return table
    return FanoutWitness(Witness(s.audit_witness_path), table)
