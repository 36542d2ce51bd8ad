"""Where the compliance tools read records from: the SQLite store or a PostgreSQL log.

``hybridllm audit verify | query | export | report`` work on an :class:`AuditSource`, so the
filtering (:class:`~hybridllm.audit.query.AuditQuery`) and the rendering (export, report, the
tables) are one code path whichever backend holds the records. A source yields records within a
time range (the bounds go to SQL), counts them, and verifies its chain(s).

- :class:`SqliteSource`: one chain, in chain (``seq``) order.
- :class:`PostgresSource`: every instance's chain, merged in time order; verification is per
  instance (:func:`combine_results` folds the results into one for the report).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from types import TracebackType
from typing import TYPE_CHECKING, Final, Protocol, Self

from hybridllm.audit.keys import Signer
from hybridllm.audit.verify import VerifyResult
from hybridllm.audit.witness import Anchors
from hybridllm.errors import AuditError
from hybridllm.models import AuditRecord

if TYPE_CHECKING:
    from pathlib import Path

    from hybridllm.audit.postgres import PostgresSink
    from hybridllm.audit.store import AuditStore

__all__ = [
    "AuditSource",
    "PostgresSource",
    "SqliteSource",
    "combine_results",
    "open_postgres",
    "public_dsn",
]

READER_INSTANCE: Final = "hybridllm-audit-reader"
"""Instance name of the read-only connection (it never appends, so it never has a chain)."""


class AuditSource(Protocol):
    """A readable audit log (see the module docstring)."""

    label: str
    """Where the records come from, for humans (a path, or a DSN without its password)."""

    def iter_records(
        self, *, since: str | None = None, until: str | None = None
    ) -> Iterator[AuditRecord]:
        """Records with ``since <= ts < until`` (bounds optional, applied in SQL)."""
        ...

    def count(self, *, since: str | None = None, until: str | None = None) -> int:
        """How many records :meth:`iter_records` will yield at most (for a progress bar)."""
        ...

    def verify(
        self, signer: Signer | None, anchors: Anchors | None = None
    ) -> dict[str, VerifyResult]:
        """Verify every chain: ``{"": result}`` for one unnamed chain, else one per instance."""
        ...

    def chains(self) -> list[str]:
        """The chains of the log: ``[""]`` for one unnamed chain, else the instance names."""
        ...

    def checkpoint_rows(self, chain: str) -> list[tuple[int, str, str]]:
        """One chain's stored checkpoints as ``(n, body, sig)``, in order."""
        ...

    def chain_rows(self, chain: str, after: int = 0) -> Iterator[tuple[int, str, str]]:
        """One chain's stored rows as ``(seq, body, sig)`` with ``seq > after``, in order."""
        ...

    def count_after(self, chain: str, after: int = 0) -> int:
        """How many rows of one chain have ``seq > after`` (for a progress bar)."""
        ...

    def close(self) -> None:
        """Release the connection."""
        ...

    def __enter__(self) -> Self:
        """Return the source."""
        ...

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        """Close the source."""
        ...


class _Closing:
    def close(self) -> None:
        raise NotImplementedError

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()


class SqliteSource(_Closing):
    """The SQLite audit store (one chain, read in ``seq`` order)."""

    def __init__(self, store: AuditStore, path: Path) -> None:
        """Wrap an open store; ``path`` is its file (the label)."""
        self.store = store
        self.label = str(path)

    def iter_records(
        self, *, since: str | None = None, until: str | None = None
    ) -> Iterator[AuditRecord]:
        """See :meth:`AuditStore.iter_records`."""
        return self.store.iter_records(since=since, until=until)

    def count(self, *, since: str | None = None, until: str | None = None) -> int:
        """All stored records (an upper bound when a time range is given)."""
        return self.store.count()

    def verify(
        self, signer: Signer | None, anchors: Anchors | None = None
    ) -> dict[str, VerifyResult]:
        """``{"": store.verify(signer, anchors)}``."""
        return {"": self.store.verify(signer, anchors)}

    def chains(self) -> list[str]:
        """One unnamed chain."""
        return [""]

    def checkpoint_rows(self, chain: str) -> list[tuple[int, str, str]]:
        """See :meth:`AuditStore.checkpoint_rows`."""
        return self.store.checkpoint_rows()

    def chain_rows(self, chain: str, after: int = 0) -> Iterator[tuple[int, str, str]]:
        """See :meth:`AuditStore.iter_rows`."""
        return self.store.iter_rows(after)

    def count_after(self, chain: str, after: int = 0) -> int:
        """See :meth:`AuditStore.count_after`."""
        return self.store.count_after(after)

    def close(self) -> None:
        """Close the store."""
        self.store.close()


class PostgresSource(_Closing):
    """A PostgreSQL audit log: every instance's records, merged in time order."""

    def __init__(self, sink: PostgresSink) -> None:
        """Wrap an open (read-only) sink."""
        self.sink = sink
        self.label = public_dsn(sink.dsn)

    def iter_records(
        self, *, since: str | None = None, until: str | None = None
    ) -> Iterator[AuditRecord]:
        """See :meth:`PostgresSink.iter_all`."""
        return self.sink.iter_all(since=since, until=until)

    def count(self, *, since: str | None = None, until: str | None = None) -> int:
        """Records of every instance within the time range."""
        return self.sink.count(since=since, until=until)

    def verify(
        self, signer: Signer | None, anchors: Anchors | None = None
    ) -> dict[str, VerifyResult]:
        """One result per instance (see :meth:`PostgresSink.verify_all`)."""
        return self.sink.verify_all(signer, anchors)

    def chains(self) -> list[str]:
        """Every instance that has written, sorted."""
        return self.sink.instances()

    def checkpoint_rows(self, chain: str) -> list[tuple[int, str, str]]:
        """See :meth:`PostgresSink.checkpoint_rows`."""
        return self.sink.checkpoint_rows(chain)

    def chain_rows(self, chain: str, after: int = 0) -> Iterator[tuple[int, str, str]]:
        """See :meth:`PostgresSink.chain_rows`."""
        return self.sink.chain_rows(chain, after)

    def count_after(self, chain: str, after: int = 0) -> int:
        """See :meth:`PostgresSink.count_after`."""
        return self.sink.count_after(chain, after)

    def close(self) -> None:
        """Close the connection."""
        self.sink.close()


def open_postgres(dsn: str) -> PostgresSource:
    """Connect read-only to a PostgreSQL audit log (creates nothing).

    Raises:
        AuditError: if the server cannot be reached or holds no hybridllm audit tables.
        ImportError: without psycopg (the ``postgres`` extra).
    """
    from hybridllm.audit.postgres import PostgresSink

    sink = PostgresSink(dsn, instance=READER_INSTANCE, create=False)
    try:
        if not sink.has_tables():
            raise AuditError(f"no hybridllm audit tables in {public_dsn(dsn)}")
    except AuditError:
        sink.close()
        raise
    return PostgresSource(sink)


def public_dsn(dsn: str) -> str:
    """The DSN without its password (safe to print or put in a report)."""
    try:
        import psycopg
        from psycopg.conninfo import conninfo_to_dict, make_conninfo
    except ImportError:  # pragma: no cover - open_postgres needs psycopg anyway
        return "PostgreSQL"
    try:
        params = conninfo_to_dict(dsn)
    except psycopg.Error:  # an unparsable DSN: show nothing of it
        return "PostgreSQL"
    params.pop("password", None)
    return "PostgreSQL " + make_conninfo(**{k: str(v) for k, v in params.items()})


def combine_results(results: Mapping[str, VerifyResult]) -> VerifyResult:
    """Fold per-instance results into one (for the report banner).

    One unnamed result is returned as is. Otherwise: ok only if every chain is; counts are summed;
    the first failing instance (in name order) gives ``first_bad_id`` and the problem, prefixed
    with its name. An empty log (no instance) is ok with 0 records.
    """
    if list(results) == [""]:
        return results[""]
    items = sorted(results.items())
    bad = next(((name, r) for name, r in items if not r.ok), None)
    values = [r for _, r in items]
    return VerifyResult(
        ok=bad is None,
        checked=sum(r.checked for r in values),
        first_bad_id=bad[1].first_bad_id if bad else None,
        problem=f"{bad[0]}: {bad[1].problem}" if bad else None,
        signatures_checked=bool(values) and all(r.signatures_checked for r in values),
        checkpoints=sum(r.checkpoints for r in values),
        unsigned_tail=sum(r.unsigned_tail for r in values),
        open_intents=tuple(i for r in values for i in r.open_intents),
    )
