"""``hybridllm audit export | report``: evidence for an auditor (registered on import).

``export`` writes a verifiable JSONL export (:mod:`hybridllm.audit.evidence`) or CSV;
``report`` the self-contained HTML report (:mod:`hybridllm.audit.report`). Both take every
filter ``query`` takes (:data:`~hybridllm.cli.audit_tools.FILTERS`), checked the same way.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Annotated

import typer

from hybridllm.audit.query import AuditQuery
from hybridllm.audit.source import AuditSource
from hybridllm.cli.audit import (
    EXIT_FAILED,
    EXIT_NO_DB,
    DbOption,
    KeyFileOption,
    PostgresOption,
    PublicKeyOption,
    audit_app,
    open_source,
    verifier_from_options,
)
from hybridllm.cli.audit_tools import (
    ActionOpt,
    AppOpt,
    CallerOpt,
    CategoryOpt,
    EntityOpt,
    LocalityOpt,
    ModelOpt,
    RegionOpt,
    RouteOpt,
    SinceOption,
    StatusOpt,
    TargetOpt,
    UntilOption,
    query_from,
)
from hybridllm.errors import AuditError
from hybridllm.models import AuditRecord

__all__: list[str] = []


@audit_app.command()
def export(  # noqa: PLR0917 - typer turns each parameter into an option
    out: Annotated[Path, typer.Argument(help="File to write (- for standard output).")],
    db: DbOption = None,
    postgres: PostgresOption = None,
    fmt: Annotated[
        str,
        typer.Option(
            "--format", "-f", help="jsonl (verifiable), csv, or ecs (flat JSON lines for SIEMs)."
        ),
    ] = "jsonl",
    since: SinceOption = None,
    until: UntilOption = None,
    route: RouteOpt = None,
    status: StatusOpt = None,
    category: CategoryOpt = None,
    entity: EntityOpt = None,
    target: TargetOpt = None,
    model: ModelOpt = None,
    caller: CallerOpt = None,
    app: AppOpt = None,
    region: RegionOpt = None,
    locality: LocalityOpt = None,
    action: ActionOpt = None,
    full_chain: Annotated[
        bool,
        typer.Option(
            "--full-chain",
            help="JSONL: write the non-matching rows of the range in full (marked) instead of "
            "as links, so the verifier can prove nothing matching was withheld.",
        ),
    ] = False,
) -> None:
    """Export matching records: JSONL that `audit verify --export` re-checks offline, CSV, or
    ECS-style JSON lines for a SIEM (`--format ecs`: flat dotted keys, no chain evidence).

    The JSONL holds the stored records with their signatures, chain links for the rows that do
    not match, the signed checkpoints and the head (see docs/compliance.md). Same filters as
    `query`; the progress bar counts exported records against rows scanned.
    """
    if fmt not in ("jsonl", "csv", "ecs"):
        typer.echo("--format must be jsonl, csv or ecs", err=True)
        raise typer.Exit(EXIT_NO_DB)
    q = query_from(locals())
    with open_source(db, postgres) as source:
        try:
            written = _export(source, q, out, fmt, full_chain=full_chain)
        except AuditError as exc:
            typer.echo(f"{exc} (run `hybridllm audit verify`)", err=True)
            raise typer.Exit(EXIT_FAILED) from None
    typer.echo(f"Exported {written} record(s) to {out}", err=True)


def _export(source: AuditSource, q: AuditQuery, out: Path, fmt: str, *, full_chain: bool) -> int:
    """Write the export with a progress bar (on stderr; transient when writing to stdout)."""
    import contextlib
    import sys

    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    from hybridllm.audit.evidence import write_export
    from hybridllm.audit.export import export_records

    to_stdout = str(out) == "-"
    columns = (
        TextColumn("exported {task.fields[exported]} record(s); rows scanned"),
        BarColumn(),
        MofNCompleteColumn(),
    )
    progress = Progress(*columns, console=Console(stderr=True), transient=to_stdout)
    with progress, contextlib.ExitStack() as stack:
        task = progress.add_task("export", total=None, exported=0)
        fh = (
            sys.stdout
            if to_stdout
            else stack.enter_context(out.open("w", encoding="utf-8", newline=""))
        )

        def tick(scanned: int, exported: int) -> None:
            progress.update(task, completed=scanned, exported=exported)

        if fmt == "jsonl":
            stats = write_export(
                source,
                q,
                fh,
                full_chain=full_chain,
                progress=tick,
                totals=lambda n: progress.update(task, total=n),
            )
            return stats.records
        progress.update(task, total=source.count(since=q.since, until=q.until))
        scanned = 0

        def counted(records: Iterator[AuditRecord]) -> Iterator[AuditRecord]:
            nonlocal scanned
            for r in records:
                scanned += 1
                progress.update(task, completed=scanned)
                yield r

        exported = 0

        def wrote(n: int) -> None:
            nonlocal exported
            exported += n
            progress.update(task, exported=exported)

        rows = counted(source.iter_records(since=q.since, until=q.until))
        return export_records(q.filter(rows), fh, "ecs" if fmt == "ecs" else "csv", progress=wrote)


@audit_app.command()
def report(  # noqa: PLR0917 - typer turns each parameter into an option
    out: Annotated[Path, typer.Argument(help="HTML file to write.")],
    db: DbOption = None,
    postgres: PostgresOption = None,
    since: SinceOption = None,
    until: UntilOption = None,
    route: RouteOpt = None,
    status: StatusOpt = None,
    category: CategoryOpt = None,
    entity: EntityOpt = None,
    target: TargetOpt = None,
    model: ModelOpt = None,
    caller: CallerOpt = None,
    app: AppOpt = None,
    region: RegionOpt = None,
    locality: LocalityOpt = None,
    action: ActionOpt = None,
    key_file: KeyFileOption = None,
    public_key: PublicKeyOption = None,
    require_key: Annotated[
        bool,
        typer.Option(
            "--require-key",
            help="Refuse (exit 1, no report) unless the log verifies with its signatures.",
        ),
    ] = False,
    title: Annotated[str, typer.Option("--title")] = "hybridllm audit report",
) -> None:
    """A self-contained HTML report (inline charts, no network) with the verify result.

    Same filters as `query` (period, app, category, route, ...). Per-app table, PHI sent remote
    redacted vs as is, policy versions, targets with region and attributes, fail-closed and
    withheld counts, and the latest records with filters and a drill-down. Exit 1 if the log
    does not verify (with --require-key: also without a key, and no report is written).
    """
    from hybridllm.audit.report import render_report
    from hybridllm.audit.report_data import ReportAggregator
    from hybridllm.audit.source import combine_results

    if not out.parent.is_dir():
        typer.echo(f"Cannot write {out}: folder {out.parent} does not exist", err=True)
        raise typer.Exit(EXIT_NO_DB)
    q = query_from(locals())
    signer = verifier_from_options(key_file, public_key)
    if require_key and signer is None:
        typer.echo("No audit key found: refusing to report on an unchecked log (--require-key)")
        raise typer.Exit(EXIT_FAILED)
    agg = ReportAggregator()
    with open_source(db, postgres) as source:
        try:
            result = combine_results(source.verify(signer))
            if require_key and not (result.ok and result.signatures_checked):
                typer.echo(f"FAILED: {result.problem}; no report written (--require-key)", err=True)
                raise typer.Exit(EXIT_FAILED)
            for record in q.run(source):  # streamed: memory does not grow with the log
                agg.add(record)
        except AuditError as exc:
            typer.echo(f"{exc} (run `hybridllm audit verify`)", err=True)
            raise typer.Exit(EXIT_FAILED) from None
        label = source.label
    period = f"{since or 'start'} .. {until or 'now'}"
    words = q.describe(skip=("since", "until"))
    data = agg.finish()
    page = render_report(data, result, title=title, period=period, source=label, filters=words)
    out.write_text(page, encoding="utf-8")
    state = (
        "VERIFICATION FAILED"
        if not result.ok
        else "verified"
        if result.signatures_checked
        else "hash chain only (no key)"
    )
    typer.echo(f"Wrote {out}: {data.total} call(s), log {state}")
    if not result.ok:
        raise typer.Exit(EXIT_FAILED)
