"""``audit verify`` across a fleet: the per-instance summary table and the PostgreSQL witness.

Kept apart from :mod:`hybridllm.cli.audit` (which defines the command) to keep it short.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final

import typer

from hybridllm.audit.verify import VerifyResult
from hybridllm.audit.witness import WitnessEntry
from hybridllm.errors import AuditError

__all__ = ["load_pg_witness", "print_summary"]

_EXIT_NO_DB: Final = 2


def load_pg_witness(dsn: str, instance: str | None) -> tuple[WitnessEntry, ...]:
    """The heads a PostgreSQL witness holds for this instance's SQLite store; exit 2 if unread.

    Args:
        dsn: the witness database (``audit_witness_dsn``).
        instance: the instance name (default: ``audit_instance`` from the configuration).
    """
    from hybridllm.audit.witness_pg import LOG_SQLITE, read_pg_witness

    if instance is None:
        from hybridllm.config import load_settings
        from hybridllm.errors import ConfigError

        try:
            instance = load_settings().audit_instance
        except ConfigError as exc:
            typer.echo(f"Cannot read the configuration: {exc}", err=True)
            raise typer.Exit(_EXIT_NO_DB) from None
    try:
        return tuple(read_pg_witness(dsn, instance, LOG_SQLITE))
    except (AuditError, ImportError) as exc:
        typer.echo(f"Cannot read the PostgreSQL witness: {exc}", err=True)
        raise typer.Exit(_EXIT_NO_DB) from None


def print_summary(results: Mapping[str, VerifyResult]) -> None:
    """One row per instance (records, head, witnessed heads, result) and a total line."""
    if len(results) < 2:
        return
    width = max(len("instance"), *(len(name) for name in results))
    typer.echo("")
    typer.echo(
        f"{'instance':<{width}}  {'records':>8}  {'head seq':>8}  {'head hash':<16}  "
        f"{'witnessed':>9}  result"
    )
    for name, r in sorted(results.items()):
        verdict = "ok" if r.ok else "TAMPERED"
        typer.echo(
            f"{name:<{width}}  {r.checked:>8}  {r.head_seq:>8}  {(r.head_hash or '-')[:16]:<16}  "
            f"{r.witnessed:>9}  {verdict}"
        )
    bad = sum(not r.ok for r in results.values())
    total = sum(r.checked for r in results.values())
    typer.echo(
        f"{len(results)} instance(s), {total} record(s): {len(results) - bad} ok, {bad} tampered"
    )
