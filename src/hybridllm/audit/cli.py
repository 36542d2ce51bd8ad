"""``hybridllm audit`` commands: verify the hash chain and show recent records.

This module defines :data:`audit_app` only; the top-level ``hybridllm`` command mounts it.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated, Final

import typer

from hybridllm.audit.store import AuditStore
from hybridllm.errors import AuditError
from hybridllm.models import AuditRecord

__all__ = ["DEFAULT_AUDIT_FILENAME", "ENV_AUDIT_PATH", "audit_app", "default_audit_path"]

ENV_AUDIT_PATH: Final = "HYBRIDLLM_AUDIT_PATH"
DEFAULT_AUDIT_FILENAME: Final = "hybridllm-audit.db"

EXIT_FAILED: Final = 1
EXIT_NO_DB: Final = 2

audit_app = typer.Typer(
    help="Inspect the tamper-evident audit log: verify its hash chain, show recent records.",
    no_args_is_help=True,
)

DbOption = Annotated[
    Path | None,
    typer.Option(
        "--db",
        help=f"Audit database file. Default: ${ENV_AUDIT_PATH}, else ./{DEFAULT_AUDIT_FILENAME}.",
        dir_okay=False,
    ),
]


def default_audit_path() -> Path:
    """Return the audit database path used when ``--db`` is not given.

    Returns:
        ``$HYBRIDLLM_AUDIT_PATH`` if set and non-empty, else ``audit_path`` from the effective
        config (``hybridllm.toml`` / ``$HYBRIDLLM_CONFIG``), whose default is
        ``hybridllm-audit.db`` in the current directory. A broken config raises ConfigError.
    """
    env = os.environ.get(ENV_AUDIT_PATH, "").strip()
    if env:
        return Path(env)
    from hybridllm.config import load_settings

    return Path(load_settings().audit_path)


def _open(db: Path | None) -> AuditStore:
    path = db if db is not None else default_audit_path()
    if not path.is_file():
        typer.echo(
            f"Audit database not found: {path} (pass --db PATH or set ${ENV_AUDIT_PATH})",
            err=True,
        )
        raise typer.Exit(EXIT_NO_DB)
    try:
        return AuditStore(path, readonly=True)
    except AuditError as exc:
        typer.echo(f"Cannot open audit database: {exc}", err=True)
        raise typer.Exit(EXIT_NO_DB) from None


@audit_app.command()
def verify(db: DbOption = None) -> None:
    """Recompute the hash chain; exit 0 if intact, 1 naming the first bad record, 2 if no file."""
    with _open(db) as store:
        result = store.verify()
    if result.ok:
        typer.echo(f"OK: {result.checked} records verified")
        return
    where = f" at record {result.first_bad_id}" if result.first_bad_id else ""
    typer.echo(f"FAILED{where}: {result.problem}", err=True)
    raise typer.Exit(EXIT_FAILED)


_WIDE: Final = 120
"""Terminal width from which ``show`` prints one table row per record."""
_TABLE_FIELDS: Final = ("id", "ts", "status", "route", "target", "model", "categories", "reason")


def _cell(record: AuditRecord, name: str) -> str:
    value = getattr(record, name)
    if value is None:
        return ""
    if isinstance(value, tuple):
        return ",".join(map(str, value))
    return str(value)


@audit_app.command()
def show(
    db: DbOption = None,
    limit: Annotated[int, typer.Option("--limit", "-n", min=1, help="How many records.")] = 20,
    as_json: Annotated[
        bool, typer.Option("--json", help="One JSON object per line instead of a table.")
    ] = False,
) -> None:
    """Show the latest records, oldest first (fields of the audit record only, never payloads)."""
    with _open(db) as store:
        try:
            records = store.tail(limit)
        except AuditError as exc:
            typer.echo(f"{exc} (run `hybridllm audit verify`)", err=True)
            raise typer.Exit(EXIT_FAILED) from None
    if as_json:
        for record in records:
            typer.echo(record.model_dump_json())
        return

    from rich import box
    from rich.console import Console
    from rich.table import Table

    console = Console()
    if console.width >= _WIDE:
        table = Table(title=f"Latest {len(records)} audit record(s)", box=box.SIMPLE_HEAD)
        for name in (*_TABLE_FIELDS, "hash"):
            table.add_column(name, no_wrap=name == "id", overflow="fold")
        for record in records:
            table.add_row(*(_cell(record, n) for n in _TABLE_FIELDS), record.hash[:8])
        console.print(table)
        return
    # Too narrow for nine columns: one key/value block per record reads better than a folded grid.
    for record in records:
        table = Table(box=box.SIMPLE_HEAD, show_header=False)
        table.add_column(style="bold", no_wrap=True)
        table.add_column(overflow="fold")
        for name in _TABLE_FIELDS:
            table.add_row(name, _cell(record, name))
        table.add_row("hash", record.hash[:16])
        console.print(table)
