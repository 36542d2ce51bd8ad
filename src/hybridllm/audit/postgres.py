"""PostgreSQL audit sink: many application instances, one central log, one chain per instance.

Needs the ``postgres`` extra (``pip install 'hybridllm[postgres]'``: psycopg 3).

Each instance (by default the host name) keeps its own hash chain, so instances never wait on
each other's chain head; within an instance, many threads and processes may write at once: an
append locks that instance's head row (``SELECT ... FOR UPDATE``), links to it, inserts and
commits. A commit is durable (``synchronous_commit`` on, PostgreSQL's default). The head table
remembers the highest ``seq`` issued per instance, so rows deleted from the end show up as
truncation, like ``AUTOINCREMENT`` in the SQLite store. Records are signed as in SQLite.

Tables (created if missing)::

    hybridllm_audit(instance, seq, id, ts, status, route, prev_hash, hash, body, sig)
        PRIMARY KEY (instance, seq); body is the canonical JSON, the source of truth
    hybridllm_audit_heads(instance PRIMARY KEY, seq, hash)
"""

from __future__ import annotations

import os
import socket
import threading
from collections.abc import Iterator
from types import TracebackType
from typing import Any, Final, Self

from pydantic import ValidationError

from hybridllm.audit.keys import Signer
from hybridllm.audit.record import compute_hash, record_body
from hybridllm.audit.verify import ChainBroken, ChainChecker, VerifyResult, record_message
from hybridllm.errors import AuditError
from hybridllm.models import AuditRecord

__all__ = ["PostgresSink"]

_COLUMNS: Final = ("id", "ts", "status", "route", "prev_hash", "hash")
_SCHEMA: Final = (
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
)
_SCHEMA_LOCK: Final = 7_406_411  # pg_advisory_xact_lock key: serialises CREATE TABLE IF NOT EXISTS
_PAGE: Final = 1000


def _psycopg() -> Any:
    try:
        import psycopg
    except ImportError:
        raise ImportError(
            "the PostgreSQL audit sink needs psycopg 3: pip install 'hybridllm[postgres]'"
        ) from None
    return psycopg


def _parse(instance: str, seq: int, body: str) -> AuditRecord:
    try:
        return AuditRecord.model_validate_json(body)
    except ValidationError as exc:
        raise AuditError(f"audit record {instance}#{seq} has a corrupt body") from exc


def _time_bounds(since: str | None, until: str | None) -> tuple[str, tuple[str, ...]]:
    """A constant WHERE fragment for ``since <= ts < until`` and its parameters."""
    if since is not None and until is not None:
        return "ts >= %s AND ts < %s", (since, until)
    if since is not None:
        return "ts >= %s", (since,)
    if until is not None:
        return "ts < %s", (until,)
    return "TRUE", ()


class PostgresSink:
    """Append-only audit log in PostgreSQL, one chain per ``instance``.

    Args:
        dsn: libpq connection string, e.g. ``"host=127.0.0.1 port=5432 dbname=audit user=app"``.
        instance: this writer's chain name; writers sharing a name share a chain. Default: the
            host name.
        signer: signs each record; also the default for :meth:`verify`.
        create: create the tables if missing (False for read-only use).
    """

    def __init__(
        self,
        dsn: str,
        *,
        instance: str | None = None,
        signer: Signer | None = None,
        create: bool = True,
    ) -> None:
        """Connect (and create the tables, unless ``create`` is False)."""
        self._psycopg = _psycopg()
        self.dsn = dsn
        self.instance = instance or socket.gethostname()
        self._signer = signer
        self._lock = threading.RLock()
        self._pid = os.getpid()
        self._conn: Any = self._connect()
        if create:
            with self._lock, self._conn.transaction():
                self._conn.execute("SELECT pg_advisory_xact_lock(%s)", (_SCHEMA_LOCK,))
                for statement in _SCHEMA:
                    self._conn.execute(statement)

    def _connect(self) -> Any:
        try:
            return self._psycopg.connect(self.dsn, autocommit=True)
        except self._psycopg.Error as exc:
            raise AuditError(f"cannot connect to PostgreSQL audit log: {exc}") from None

    def _connection(self) -> Any:
        if self._conn is None:
            raise AuditError("PostgreSQL audit sink is closed")
        if os.getpid() != self._pid:  # a forked child must not share the parent's socket
            self._pid = os.getpid()
            self._conn = self._connect()
        return self._conn

    def append(self, record: AuditRecord) -> AuditRecord:
        """Link ``record`` to this instance's chain and commit it.

        Raises:
            AuditError: if the id exists already or the database cannot be written.
        """
        with self._lock:
            conn = self._connection()
            try:
                with conn.transaction():
                    conn.execute(
                        "INSERT INTO hybridllm_audit_heads (instance, seq, hash) "
                        "VALUES (%s, 0, '') ON CONFLICT (instance) DO NOTHING",
                        (self.instance,),
                    )
                    seq, prev_hash = conn.execute(
                        "SELECT seq, hash FROM hybridllm_audit_heads WHERE instance = %s "
                        "FOR UPDATE",
                        (self.instance,),
                    ).fetchone()
                    base = record.model_copy(update={"prev_hash": prev_hash, "hash": ""})
                    stored = base.model_copy(update={"hash": compute_hash(prev_hash, base)})
                    sig = self._signer.sign(record_message(stored.hash)) if self._signer else ""
                    conn.execute(
                        "INSERT INTO hybridllm_audit (instance, seq, id, ts, status, route, "
                        "prev_hash, hash, body, sig) "
                        "VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s)",
                        (
                            self.instance,
                            seq + 1,
                            *(getattr(stored, c) for c in _COLUMNS),
                            record_body(stored),
                            sig,
                        ),
                    )
                    conn.execute(
                        "UPDATE hybridllm_audit_heads SET seq = %s, hash = %s WHERE instance = %s",
                        (seq + 1, stored.hash, self.instance),
                    )
            except self._psycopg.errors.UniqueViolation:
                raise AuditError(f"audit record id {record.id} already exists") from None
            except self._psycopg.Error as exc:
                raise AuditError(f"cannot write audit record {record.id}: {exc}") from None
        return stored

    def _rows(self, sql: str, params: tuple[Any, ...]) -> list[Any]:
        with self._lock:
            try:
                return list(self._connection().execute(sql, params).fetchall())
            except self._psycopg.Error as exc:
                raise AuditError(f"cannot read PostgreSQL audit log: {exc}") from None

    def instances(self) -> list[str]:
        """Every instance that has written (from the head table), sorted."""
        rows = self._rows("SELECT instance FROM hybridllm_audit_heads ORDER BY instance", ())
        return [str(r[0]) for r in rows]

    def iter_records(self, instance: str | None = None) -> Iterator[AuditRecord]:
        """Records of one instance (default: this one), in chain order."""
        name = instance or self.instance
        last = 0
        while True:
            rows = self._rows(
                "SELECT seq, body FROM hybridllm_audit WHERE instance = %s AND seq > %s "
                "ORDER BY seq LIMIT %s",
                (name, last, _PAGE),
            )
            if not rows:
                return
            for seq, body in rows:
                last = int(seq)
                yield _parse(name, last, body)

    def iter_all(
        self, *, since: str | None = None, until: str | None = None
    ) -> Iterator[AuditRecord]:
        """Records of every instance in time order (ties: instance, then chain order).

        Fetched in pages like :meth:`iter_records`; the time bounds are applied in SQL (``ts`` is
        indexed).

        Args:
            since: keep records with ``ts >= since`` (an ISO 8601 UTC string, like ``ts``).
            until: keep records with ``ts < until``.
        """
        where, bounds = _time_bounds(since, until)
        after: tuple[Any, ...] = ()
        while True:
            keyset = " AND (ts, instance, seq) > (%s, %s, %s)" if after else ""
            rows = self._rows(
                "SELECT ts, instance, seq, body FROM hybridllm_audit WHERE "  # noqa: S608
                f"{where}{keyset} ORDER BY ts, instance, seq LIMIT %s",
                (*bounds, *after, _PAGE),
            )
            if not rows:
                return
            for ts, name, seq, body in rows:
                after = (ts, name, seq)
                yield _parse(name, seq, body)

    def count(self, *, since: str | None = None, until: str | None = None) -> int:
        """Number of records of every instance, optionally within a time range."""
        where, bounds = _time_bounds(since, until)
        sql = f"SELECT COUNT(*) FROM hybridllm_audit WHERE {where}"  # noqa: S608
        return int(self._rows(sql, bounds)[0][0])

    def has_tables(self) -> bool:
        """True if the audit tables exist (a sink opened with ``create=False`` may find none)."""
        rows = self._rows(
            "SELECT to_regclass('hybridllm_audit') IS NOT NULL "
            "AND to_regclass('hybridllm_audit_heads') IS NOT NULL",
            (),
        )
        return bool(rows[0][0])

    def verify(self, instance: str | None = None, signer: Signer | None = None) -> VerifyResult:
        """Verify one instance's chain (default: this one); see ``AuditStore.verify``."""
        name = instance or self.instance
        checker = ChainChecker(signer if signer is not None else self._signer, (), _COLUMNS)
        try:
            with self._lock, self._connection().transaction():
                # One snapshot for the rows and the head, as in SQLite.
                self._connection().execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
                last = 0
                while True:
                    rows = self._rows(
                        "SELECT seq, id, ts, status, route, prev_hash, hash, body, sig "
                        "FROM hybridllm_audit WHERE instance = %s AND seq > %s "
                        "ORDER BY seq LIMIT %s",
                        (name, last, _PAGE),
                    )
                    if not rows:
                        break
                    for row in rows:
                        last = int(row[0])
                        columns = dict(zip(_COLUMNS, row[1:7], strict=True))
                        checker.check(last, row[7], columns, row[8])
                head = self._rows(
                    "SELECT seq FROM hybridllm_audit_heads WHERE instance = %s", (name,)
                )
                checker.finish(int(head[0][0]) if head else 0)
        except ChainBroken as bad:
            return checker.result(0, bad)
        except AuditError as exc:
            return checker.result(0, ChainBroken(None, str(exc)))
        return checker.result(0)

    def verify_all(self, signer: Signer | None = None) -> dict[str, VerifyResult]:
        """Verify every instance's chain; also flags rows of an instance with no head row."""
        results = {name: self.verify(name, signer) for name in self.instances()}
        orphans = self._rows(
            "SELECT DISTINCT instance FROM hybridllm_audit a WHERE NOT EXISTS "
            "(SELECT 1 FROM hybridllm_audit_heads h WHERE h.instance = a.instance)",
            (),
        )
        for (name,) in orphans:
            results[str(name)] = VerifyResult(False, 0, problem="chain head row was deleted")
        return results

    def close(self) -> None:
        """Close the connection. Safe to call twice."""
        with self._lock:
            conn, self._conn = self._conn, None
        if conn is not None and os.getpid() == self._pid:
            conn.close()

    def __enter__(self) -> Self:
        """Return the sink."""
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        """Close the sink."""
        self.close()
