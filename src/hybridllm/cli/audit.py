"""``hybridllm audit`` commands: verify, show, query, export, report, purge, checkpoint.

This module defines :data:`audit_app` only; the top-level ``hybridllm`` command mounts it. The
filtering and rendering live in :mod:`hybridllm.audit.query`, :mod:`~hybridllm.audit.export` and
:mod:`~hybridllm.audit.report`; this module only parses options and prints.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated, Final

import typer

from hybridllm.audit.keys import Ed25519Verifier, HmacSigner, Signer, find_audit_key
from hybridllm.audit.source import AuditSource, SqliteSource
from hybridllm.audit.store import AuditStore
from hybridllm.audit.verify import VerifyResult
from hybridllm.audit.witness import Anchors
from hybridllm.cli.audit_fleet import load_pg_witness, print_summary
from hybridllm.errors import AuditError
from hybridllm.models import AuditRecord

__all__ = [
    "DEFAULT_AUDIT_FILENAME",
    "ENV_AUDIT_PATH",
    "audit_app",
    "default_audit_path",
    "open_source",
    "open_store",
    "print_records",
    "resolve_dsn",
    "verifier_from_options",
]

ENV_AUDIT_PATH: Final = "HYBRIDLLM_AUDIT_PATH"
DEFAULT_AUDIT_FILENAME: Final = "hybridllm-audit.db"
POSTGRES_FROM_CONFIG: Final = "config"
"""``--postgres config``: use ``audit_postgres_dsn`` from the effective configuration."""

EXIT_FAILED: Final = 1
"""``audit verify``: the log was tampered with (or fails an anchor); other commands: it failed."""
EXIT_NO_DB: Final = 2
"""No audit log to work on: missing, not an audit database, unreadable (and typer's bad usage)."""
_MAX_OPEN_LISTED: Final = 20

audit_app = typer.Typer(
    help="Verify, query, export and report on the tamper-evident audit log.",
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


def open_store(db: Path | None) -> AuditStore:
    """Open the audit database read-only, or exit 2 with a message."""
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


PostgresOption = Annotated[
    str | None,
    typer.Option(
        "--postgres",
        help="Read a PostgreSQL audit log (every instance) instead of --db: a libpq DSN or "
        "postgresql:// URI, or `config` for audit_postgres_dsn "
        "($HYBRIDLLM_AUDIT_POSTGRES_DSN / hybridllm.toml).",
    ),
]


def _configured_dsn() -> str:
    from hybridllm.config import load_settings
    from hybridllm.errors import ConfigError

    try:
        dsn = load_settings().audit_postgres_dsn
    except ConfigError as exc:
        typer.echo(f"Cannot read the configuration: {exc}", err=True)
        raise typer.Exit(EXIT_NO_DB) from None
    if not dsn:
        typer.echo(
            "--postgres config: audit_postgres_dsn is not set "
            "(hybridllm.toml or $HYBRIDLLM_AUDIT_POSTGRES_DSN)",
            err=True,
        )
        raise typer.Exit(EXIT_NO_DB)
    return dsn


def resolve_dsn(postgres: str) -> str:
    """The DSN a ``--postgres`` value means (``config``: the configured one; exit 2 if unset)."""
    return _configured_dsn() if postgres.strip() == POSTGRES_FROM_CONFIG else postgres


def open_source(db: Path | None, postgres: str | None) -> AuditSource:
    """Open the log to read: PostgreSQL with ``--postgres``, else SQLite; exit 2 if unusable."""
    if postgres is None:
        path = db if db is not None else default_audit_path()
        return SqliteSource(open_store(db), path)
    if db is not None:
        typer.echo("Give --db or --postgres, not both", err=True)
        raise typer.Exit(EXIT_NO_DB)
    from hybridllm.audit.source import open_postgres

    dsn = resolve_dsn(postgres)
    try:
        return open_postgres(dsn)
    except (AuditError, ImportError) as exc:
        typer.echo(f"Cannot read PostgreSQL audit log: {exc}", err=True)
        raise typer.Exit(EXIT_NO_DB) from None


KeyFileOption = Annotated[
    Path | None,
    typer.Option(
        "--key-file",
        help="Audit key file (HMAC). Default: $HYBRIDLLM_AUDIT_KEY, $HYBRIDLLM_AUDIT_KEY_FILE, "
        "else ~/.config/hybridllm/audit.key if present.",
        dir_okay=False,
    ),
]
PublicKeyOption = Annotated[
    Path | None,
    typer.Option(
        "--public-key", help="Ed25519 public key (PEM) to check signatures with.", dir_okay=False
    ),
]


def verifier_from_options(key_file: Path | None, public_key: Path | None) -> Signer | None:
    try:
        if public_key is not None:
            return Ed25519Verifier.from_pem(public_key)
        key = find_audit_key(key_file)
    except AuditError as exc:
        typer.echo(f"Cannot load the audit key: {exc}", err=True)
        raise typer.Exit(EXIT_NO_DB) from None
    return HmacSigner(key) if key is not None else None


def _describe(result: VerifyResult, unit: str = "records") -> str:
    how = "chain and signatures" if result.signatures_checked else "hash chain only, no key"
    extra = f", {result.checkpoints} signed checkpoint(s)" if result.signatures_checked else ""
    if result.purged_through:
        extra += f", retention cut after seq {result.purged_through}"
    if result.witnessed:
        extra += f", {result.witnessed} witnessed checkpoint(s) match"
    return f"{result.checked} {unit} verified ({how}{extra})"


def _report_verify(result: VerifyResult, name: str = "", unit: str = "records") -> bool:
    label = f"{name}: " if name else ""
    if result.ok:
        typer.echo(f"OK: {label}{_describe(result, unit)}")
        # What to keep elsewhere and pass back next time (--expect-head / --min-records).
        typer.echo(f"  head: seq {result.head_seq} hash {result.head_hash or '-'}")
        if result.open_intents:
            typer.echo(
                f"  {len(result.open_intents)} open intent(s): a payload may have left with no "
                "outcome recorded (the process died, or the call is still running):"
            )
            for record_id in result.open_intents[:_MAX_OPEN_LISTED]:
                typer.echo(f"    {record_id}")
        return True
    where = f" at record {result.first_bad_id}" if result.first_bad_id else ""
    named = f" ({name})" if name else ""
    typer.echo(f"FAILED{named}{where}: {result.problem}", err=True)
    return False


ExpectHeadOption = Annotated[
    str | None,
    typer.Option(
        "--expect-head",
        help="A head hash printed by an earlier verify: fail unless the log still holds that "
        "record (it may have grown since).",
    ),
]
MinRecordsOption = Annotated[
    int | None,
    typer.Option(
        "--min-records",
        min=0,
        help="Fail unless the log has held at least this many records (its head seq).",
    ),
]
WitnessOption = Annotated[
    Path | None,
    typer.Option(
        "--witness",
        help="Witness file the log's checkpoints were copied to (audit_witness_path): fail if "
        "the log lost or changed any of them. Default: audit_witness_path from the config.",
        dir_okay=False,
    ),
]


def _anchors(
    witness: Path | None, expect_head: str | None, min_records: int | None
) -> Anchors | None:
    if witness is None:
        witness = _configured_witness()
    if witness is not None and not witness.is_file():
        typer.echo(f"FAILED: witness file not found: {witness}", err=True)
        raise typer.Exit(EXIT_FAILED)  # the anchor is gone: that is not a clean log
    if witness is None and expect_head is None and min_records is None:
        return None
    return Anchors(witness=witness, expect_head=expect_head, min_records=min_records)


def _configured_witness() -> Path | None:
    from hybridllm.config import load_settings
    from hybridllm.errors import ConfigError

    try:
        configured = load_settings().audit_witness_path
    except ConfigError:
        return None
    return Path(configured) if configured else None


@audit_app.command()
def verify(  # noqa: PLR0917 - typer turns each parameter into an option
    db: DbOption = None,
    key_file: KeyFileOption = None,
    public_key: PublicKeyOption = None,
    require_key: Annotated[
        bool, typer.Option("--require-key", help="Fail unless signatures could be checked.")
    ] = False,
    jsonl: Annotated[
        Path | None,
        typer.Option("--jsonl", help="Verify a JSONL sink file (or an export) instead."),
    ] = None,
    export: Annotated[
        Path | None,
        typer.Option(
            "--export",
            help="Verify a JSONL file written by `audit export`, offline.",
            dir_okay=False,
        ),
    ] = None,
    postgres: PostgresOption = None,
    witness: WitnessOption = None,
    expect_head: ExpectHeadOption = None,
    min_records: MinRecordsOption = None,
    witness_dsn: Annotated[
        str | None,
        typer.Option(
            "--witness-dsn",
            help="PostgreSQL database holding the witness table (audit_witness_dsn): fail if "
            "the --db log lost or changed a head witnessed for --instance; with --postgres, if "
            "any instance's chain did (default there: a witness table in the log's database).",
        ),
    ] = None,
    instance: Annotated[
        str | None,
        typer.Option("--instance", help="This log's instance name for --witness-dsn."),
    ] = None,
) -> None:
    """Check chains, signatures and anchors.

    Exit 0: intact. 1: tampered (names the first bad record, or the anchor the log fails).
    2: nothing to check (missing, not an audit database, unreadable, bad options).
    """
    signer = verifier_from_options(key_file, public_key)
    if require_key and signer is None:
        typer.echo("No audit key found: cannot check signatures (--require-key)", err=True)
        raise typer.Exit(EXIT_FAILED)
    if jsonl is not None and export is None and _is_export(jsonl):
        export, jsonl = jsonl, None
    if export is not None:
        _verify_export(export, signer, _anchors(witness, expect_head, min_records))
        return
    if jsonl is not None:
        from hybridllm.audit.sinks import verify_jsonl

        if not jsonl.is_file():
            typer.echo(f"JSONL audit file not found: {jsonl}", err=True)
            raise typer.Exit(EXIT_NO_DB)
        results = {"": verify_jsonl(jsonl, signer)}
    else:
        from dataclasses import replace

        anchors = _anchors(witness, expect_head, min_records)
        if witness_dsn is not None and postgres is None:
            heads = load_pg_witness(witness_dsn, instance)
            anchors = replace(anchors or Anchors(), witnessed=heads)
        elif witness_dsn is not None:
            load_pg_witness(witness_dsn, instance or "")  # reachable, or exit 2 before verifying
            anchors = replace(anchors or Anchors(), witness_dsn=witness_dsn)
        with open_source(db, postgres) as source:
            try:
                results = source.verify(signer, anchors)
            except AuditError as exc:  # e.g. the connection dropped while listing instances
                typer.echo(f"Cannot read the audit log: {exc}", err=True)
                raise typer.Exit(EXIT_NO_DB) from None
    if not results:
        if min_records or expect_head:
            typer.echo("FAILED: the log is empty, but --min-records/--expect-head say otherwise")
            raise typer.Exit(EXIT_FAILED)
        typer.echo("OK: 0 records verified (no instance has written to this log yet)")
        return
    oks = [_report_verify(r, name) for name, r in results.items()]
    print_summary(results)
    if not all(oks):
        raise typer.Exit(EXIT_FAILED)


def _is_export(path: Path) -> bool:
    from hybridllm.audit.evidence import is_export

    try:
        with path.open("rb") as fh:
            return is_export(fh.readline())
    except OSError:
        return False


def _verify_export(path: Path, signer: Signer | None, anchors: Anchors | None) -> None:
    """``verify --export``: print one line per chain; exit 1 if anything fails."""
    from hybridllm.audit.evidence_verify import verify_export

    if not path.is_file():
        typer.echo(f"Export file not found: {path}", err=True)
        raise typer.Exit(EXIT_NO_DB)
    check = verify_export(path, signer, anchors)
    if check.problem is not None:
        typer.echo(f"FAILED: {check.problem}", err=True)
        raise typer.Exit(EXIT_FAILED)
    how = "every row in full" if check.full_chain else "links for the rows withheld"
    typer.echo(
        f"Export of filters [{check.filters}]: {check.records} matching record(s), "
        f"{check.links} link(s) ({how})"
    )
    if not check.results:
        typer.echo("OK: the export holds no chain (the log was empty)")
    unit = "rows" if check.links else "records"  # a link's body is not there to check
    oks = [_report_verify(r, name, unit) for name, r in check.results.items()]
    if not all(oks):
        raise typer.Exit(EXIT_FAILED)


_WIDE: Final = 120
"""Terminal width from which ``show`` prints one table row per record."""
_TABLE_FIELDS: Final = (
    "id",
    "ts",
    "caller",
    "status",
    "route",
    "target",
    "locality",
    "categories",
    "reason",
)


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
    record_id: Annotated[
        str | None,
        typer.Option("--id", help="Show every field of this one record (e.g. from the report)."),
    ] = None,
) -> None:
    """Show the latest records, oldest first, or one record in full with --id.

    Fields of the audit record only, never payloads (records hold none). Exit 1 when --id
    names no record.
    """
    with open_store(db) as store:
        try:
            records = [store.get(record_id)] if record_id else store.tail(limit)
        except AuditError as exc:
            typer.echo(f"{exc} (run `hybridllm audit verify`)", err=True)
            raise typer.Exit(EXIT_FAILED) from None
    if record_id:
        found = records[0]
        if found is None:
            typer.echo(f"No audit record with id {record_id}", err=True)
            raise typer.Exit(EXIT_FAILED)
        _print_one(found, as_json=as_json)
        return
    latest = [r for r in records if r is not None]
    print_records(latest, as_json=as_json, title=f"Latest {len(latest)} audit record(s)")


def _print_one(record: AuditRecord, *, as_json: bool) -> None:
    """Every field of one record: JSON, or one ``name  value`` line per field."""
    if as_json:
        typer.echo(record.model_dump_json())
        return
    import json

    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    table = Table(title=f"Audit record {record.id}", show_header=False)
    table.add_column(style="bold", no_wrap=True)
    table.add_column(overflow="fold")
    for name, value in record.model_dump(mode="json").items():
        shown = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
        table.add_row(name, Text("" if value is None else shown))  # Text: no markup
    Console(width=max(Console().width, 100)).print(table)


def print_records(records: list[AuditRecord], *, as_json: bool, title: str) -> None:
    """Print records as JSON lines, or as a rich table (one block per record when narrow)."""
    if as_json:
        for record in records:
            typer.echo(record.model_dump_json())
        return

    from rich import box
    from rich.console import Console
    from rich.table import Table

    console = Console()
    if console.width >= _WIDE:
        table = Table(title=title, box=box.SIMPLE_HEAD)
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


# The query/export/report/purge commands live in their own module; importing it registers them.
import hybridllm.cli.audit_tools  # noqa: E402, F401
