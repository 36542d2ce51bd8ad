"""``hybridllm audit query | export | report | purge | checkpoint``: the compliance tools.

Registered on :data:`hybridllm.cli.audit.audit_app` when that module is imported.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Final, get_args

import typer

from hybridllm.audit.keys import Ed25519Signer, HmacSigner, Signer, find_audit_key
from hybridllm.audit.query import AuditQuery, ValueCensus, parse_time
from hybridllm.audit.store import AuditStore
from hybridllm.cli.audit import (
    EXIT_FAILED,
    EXIT_NO_DB,
    DbOption,
    KeyFileOption,
    PostgresOption,
    audit_app,
    default_audit_path,
    open_source,
    print_records,
    resolve_dsn,
)
from hybridllm.errors import AuditError
from hybridllm.models import Action, AuditRecord, Category, Route

if TYPE_CHECKING:
    from hybridllm.audit.postgres import PostgresSink

__all__ = ["FILTERS", "build_query", "query_from"]

_Multi = list[str] | None

SinceOption = Annotated[
    str | None,
    typer.Option("--since", help="From this date/time, inclusive (YYYY-MM-DD or ISO 8601, UTC)."),
]
UntilOption = Annotated[
    str | None,
    typer.Option("--until", help="Up to this date/time; a bare date includes that whole day."),
]
RouteOpt = Annotated[_Multi, typer.Option("--route", help="local | cloud | blocked (repeatable).")]
StatusOpt = Annotated[
    _Multi, typer.Option("--status", help="ok | blocked | error | intent (repeatable).")
]
CategoryOpt = Annotated[
    _Multi, typer.Option("--category", help="Found this category: PII | PHI | SECRET.")
]
EntityOpt = Annotated[
    _Multi, typer.Option("--entity", help="Found this entity type, e.g. MEDICAL_RECORD_NUMBER.")
]
TargetOpt = Annotated[_Multi, typer.Option("--target", help="Target answered or was tried.")]
ModelOpt = Annotated[_Multi, typer.Option("--model", help="Model that answered.")]
CallerOpt = Annotated[_Multi, typer.Option("--caller", help="Caller (decorated function).")]
AppOpt = Annotated[_Multi, typer.Option("--app", help="Application name.")]
RegionOpt = Annotated[_Multi, typer.Option("--region", help="Region of the answering target.")]
LocalityOpt = Annotated[
    str | None,
    typer.Option(
        "--locality",
        help="remote: a payload was sent to a remote target (answered or not); local: it was not.",
    ),
]
ActionOpt = Annotated[
    _Multi,
    typer.Option("--action", help="Decision applied CATEGORY=ACTION, e.g. PHI=allow (unredacted)."),
]


def build_query(
    *,
    since: str | None = None,
    until: str | None = None,
    route: _Multi = None,
    status: _Multi = None,
    category: _Multi = None,
    entity: _Multi = None,
    target: _Multi = None,
    model: _Multi = None,
    caller: _Multi = None,
    app: _Multi = None,
    region: _Multi = None,
    locality: str | None = None,
    action: _Multi = None,
) -> AuditQuery:
    """Turn CLI options into an :class:`AuditQuery` (exit 2 with a message on a bad value).

    Every enumerated value is checked: a typo such as ``--category PHl`` must not match
    nothing and so pass an ``--expect-none`` compliance check as a false all-clear.
    """
    try:
        actions = []
        for item in action or []:
            cat, sep, act = item.partition("=")
            if not sep:
                raise ValueError(f"--action expects CATEGORY=ACTION, got {item!r}")
            pair = (cat.strip().upper(), act.strip().lower())
            _check("--action category", pair[0], get_args(Category))
            _check("--action action", pair[1], get_args(Action))
            actions.append(pair)
        if locality not in (None, "local", "remote"):
            raise ValueError("--locality must be local or remote")
        for c in category or ():
            _check("--category", c.upper(), get_args(Category))
        for r in route or ():
            _check("--route", r, get_args(Route))
        for st in status or ():
            _check("--status", st, _STATUSES)
        return AuditQuery(
            since=parse_time(since) if since else None,
            until=parse_time(until, end=True) if until else None,
            routes=tuple(route or ()),
            statuses=tuple(status or ()),
            categories=tuple(c.upper() for c in category or ()),
            entities=tuple(e.upper() for e in entity or ()),
            targets=tuple(target or ()),
            models=tuple(model or ()),
            callers=tuple(caller or ()),
            apps=tuple(app or ()),
            regions=tuple(region or ()),
            locality=locality,
            actions=tuple(actions),
        )
    except ValueError as exc:
        typer.echo(f"Bad filter: {exc}", err=True)
        raise typer.Exit(EXIT_NO_DB) from None


_STATUSES: Final = get_args(AuditRecord.model_fields["status"].annotation)
FILTERS: Final = (
    "since", "until", "route", "status", "category", "entity", "target", "model", "caller",
    "app", "region", "locality", "action",
)  # fmt: skip
"""The filter options every reading command takes (the parameters of :func:`build_query`)."""


def query_from(options: dict[str, Any]) -> AuditQuery:
    """:func:`build_query` from a command's parameters (``locals()``), keeping the filters."""
    return build_query(**{name: options[name] for name in FILTERS})


def _check(option: str, value: str, allowed: tuple[str, ...]) -> None:
    if value not in allowed:
        raise ValueError(f"{option} {value!r} is not one of {', '.join(allowed)}")


@audit_app.command()
def query(  # noqa: PLR0917 - typer turns each parameter into an option
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
    limit: Annotated[int | None, typer.Option("--limit", "-n", min=1)] = None,
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object per line.")] = False,
    count: Annotated[bool, typer.Option("--count", help="Print only the number.")] = False,
    expect_none: Annotated[
        bool,
        typer.Option("--expect-none", help="Exit 1 if anything matches (for compliance checks)."),
    ] = False,
) -> None:
    """Records matching every filter given (repeat a filter to allow several values).

    Enumerated values (category, route, status, action, locality) must be valid; a free-form
    value (app, caller, target, model, region, entity) that no record of the period holds is
    reported as a probable typo, and refused (exit 2) with --expect-none.
    """
    q = query_from(locals())
    census = ValueCensus(q)
    with open_source(db, postgres) as source:
        try:
            found = list(
                q.filter(census.observe(source.iter_records(since=q.since, until=q.until)))
            )
        except AuditError as exc:
            typer.echo(f"{exc} (run `hybridllm audit verify`)", err=True)
            raise typer.Exit(EXIT_FAILED) from None
    unseen = census.unseen()
    if unseen:
        typer.echo(f"No record of the period has {', '.join(unseen)} (a typo?)", err=True)
        if expect_none:  # "nothing matched" would only say that the value is unknown
            typer.echo("Refusing the all-clear (--expect-none): fix or drop that filter", err=True)
            raise typer.Exit(EXIT_NO_DB)
    shown = found[-limit:] if limit else found
    if count:
        typer.echo(str(len(found)))
    else:
        print_records(shown, as_json=as_json, title=f"{len(found)} matching audit record(s)")
    if expect_none and found:
        typer.echo(f"{len(found)} record(s) matched; expected none", err=True)
        raise typer.Exit(EXIT_FAILED)


_PrivateKeyOption: Final = typer.Option(
    "--private-key", help="Ed25519 private key (PEM) instead of the HMAC audit key."
)
WritePostgresOption = Annotated[
    str | None,
    typer.Option(
        "--postgres",
        help="Work on a PostgreSQL audit log instead of --db (every instance chain, or the one "
        "given with --instance): a libpq DSN or postgresql:// URI, or `config` for "
        "audit_postgres_dsn.",
    ),
]
InstanceOption = Annotated[
    str | None,
    typer.Option("--instance", help="With --postgres: only this instance's chain."),
]


def _writing_signer(key_file: Path | None, private_key: Path | None) -> Signer:
    try:
        signer: Signer | None
        if private_key is not None:
            signer = Ed25519Signer.from_pem_private(private_key)
        else:
            key = find_audit_key(key_file)
            signer = HmacSigner(key) if key else None
    except AuditError as exc:
        typer.echo(f"Cannot load the audit key: {exc}", err=True)
        raise typer.Exit(EXIT_NO_DB) from None
    if signer is None:
        typer.echo("No audit key found: checkpoints and cuts must be signed", err=True)
        raise typer.Exit(EXIT_FAILED)
    return signer


def _writer(db: Path | None, key_file: Path | None, private_key: Path | None) -> AuditStore:
    path = db if db is not None else default_audit_path()
    if not path.is_file():
        typer.echo(f"Audit database not found: {path}", err=True)
        raise typer.Exit(EXIT_NO_DB)
    signer = _writing_signer(key_file, private_key)
    try:
        return AuditStore(path, signer=signer)
    except AuditError as exc:
        typer.echo(f"Cannot open audit database for writing: {exc}", err=True)
        raise typer.Exit(EXIT_NO_DB) from None


def _pg_writer(
    db: Path | None, postgres: str, key_file: Path | None, private_key: Path | None
) -> PostgresSink:
    """Open a PostgreSQL audit log for checkpoints and purges (exit 2 if unusable)."""
    if db is not None:
        typer.echo("Give --db or --postgres, not both", err=True)
        raise typer.Exit(EXIT_NO_DB)
    from hybridllm.audit.postgres import PostgresSink
    from hybridllm.audit.source import READER_INSTANCE, public_dsn

    dsn = resolve_dsn(postgres)
    signer = _writing_signer(key_file, private_key)
    sink: PostgresSink | None = None
    try:
        sink = PostgresSink(dsn, instance=READER_INSTANCE, signer=signer, create=False)
        if not sink.has_tables():
            raise AuditError(f"no hybridllm audit tables in {public_dsn(dsn)}")
        sink.create_tables()  # the checkpoint table, in a log written by an older hybridllm
    except (AuditError, ImportError) as exc:
        if sink is not None:
            sink.close()
        typer.echo(f"Cannot open PostgreSQL audit log for writing: {exc}", err=True)
        raise typer.Exit(EXIT_NO_DB) from None
    return sink


def _chains(sink: PostgresSink, instance: str | None) -> list[str]:
    names = sink.instances()
    if instance is None:
        return names
    if instance not in names:
        typer.echo(f"No chain for instance {instance!r} in this log", err=True)
        raise typer.Exit(EXIT_NO_DB)
    return [instance]


@audit_app.command()
def purge(  # noqa: PLR0917 - typer turns each parameter into an option
    older_than_days: Annotated[
        float, typer.Option("--older-than-days", min=0, help="Remove records older than this.")
    ],
    db: DbOption = None,
    key_file: KeyFileOption = None,
    private_key: Annotated[Path | None, _PrivateKeyOption] = None,
    postgres: WritePostgresOption = None,
    instance: InstanceOption = None,
) -> None:
    """Retention: remove old records, leaving a signed cut so the rest still verifies."""
    cutoff = datetime.now(UTC) - timedelta(days=older_than_days)
    if postgres is None:
        with _writer(db, key_file, private_key) as store:
            result = store.purge(cutoff)
            check = store.verify()
        typer.echo(f"Removed {result.removed} record(s); cut after seq {result.cut_seq}")
        if not check.ok:
            typer.echo(f"FAILED after purge: {check.problem}", err=True)
            raise typer.Exit(EXIT_FAILED)
        return
    failed = False
    with _pg_writer(db, postgres, key_file, private_key) as sink:
        for name in _chains(sink, instance):
            try:
                result = sink.purge(cutoff, name)
            except AuditError as exc:
                typer.echo(f"FAILED ({name}): {exc}", err=True)
                failed = True
                continue
            typer.echo(
                f"{name}: removed {result.removed} record(s); cut after seq {result.cut_seq}"
            )
            check = sink.verify(name)
            if not check.ok:
                typer.echo(f"FAILED ({name}) after purge: {check.problem}", err=True)
                failed = True
    if failed:
        raise typer.Exit(EXIT_FAILED)


@audit_app.command()
def checkpoint(
    db: DbOption = None,
    key_file: KeyFileOption = None,
    private_key: Annotated[Path | None, _PrivateKeyOption] = None,
    postgres: WritePostgresOption = None,
    instance: InstanceOption = None,
) -> None:
    """Sign a checkpoint at the current head now (e.g. from cron, before shipping a copy)."""
    if postgres is None:
        with _writer(db, key_file, private_key) as store:
            seq = store.checkpoint()
        typer.echo(f"Signed checkpoint at seq {seq}")
        return
    failed = False
    with _pg_writer(db, postgres, key_file, private_key) as sink:
        for name in _chains(sink, instance):
            try:
                seq = sink.checkpoint(name)
            except AuditError as exc:
                typer.echo(f"FAILED ({name}): {exc}", err=True)
                failed = True
                continue
            typer.echo(f"{name}: signed checkpoint at seq {seq}")
    if failed:
        raise typer.Exit(EXIT_FAILED)


# export and report live in their own module; importing it registers them.
import hybridllm.cli.audit_evidence  # noqa: E402, F401
