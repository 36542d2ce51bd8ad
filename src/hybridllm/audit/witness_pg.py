"""A witness of signed heads in PostgreSQL: one append-only table for a whole fleet.

A witness file (:mod:`hybridllm.audit.witness`) lives beside one machine; in a fleet of pods
that come and go, the machine and its file go with them. This module keeps the same entries in
a PostgreSQL table instead, one row per signed checkpoint, keyed by the writing instance and by
which log it pins (``sqlite``: the instance's local store, the durable primary; ``postgres``:
its chain in the shared PostgreSQL log)::

    hybridllm_audit_witness(instance, log, n, seq, hash, body, sig, witnessed_at)
        PRIMARY KEY (instance, log, n)

Triggers refuse ``UPDATE``, ``DELETE`` and ``TRUNCATE`` on the table, so the application's own
role can add heads but not take one back (the chain tables need ``DELETE`` for retention, the
witness never does). Create the table as another role and grant the application role only
``INSERT`` and ``SELECT``: a table's owner can drop its triggers, such a role cannot. This is
the "witness" of RFC 6962 / C2SP signed-note transparency logs, on storage the fleet already
runs: a head it holds must stay in the log.

Appends never fail a call: a checkpoint the witness could not take is kept in memory and sent
with the next one (the witness may lag the log, never lead it), and the failure is logged.
"""

from __future__ import annotations

import contextlib
import logging
import threading
from collections.abc import Callable
from typing import Any, Final

from hybridllm.audit.witness import WitnessEntry, witness_entry
from hybridllm.errors import AuditError

__all__ = [
    "LOG_POSTGRES",
    "LOG_SQLITE",
    "WITNESS_TABLE",
    "PgWitness",
    "read_pg_witness",
    "witness_rows",
]

WITNESS_TABLE: Final = "hybridllm_audit_witness"
LOG_SQLITE: Final = "sqlite"
"""Entries pinning an instance's local SQLite store."""
LOG_POSTGRES: Final = "postgres"
"""Entries pinning an instance's chain in the shared PostgreSQL log."""
_MAX_PENDING: Final = 1000
_log = logging.getLogger("hybridllm.audit")

SCHEMA: Final = (
    f"""
    CREATE TABLE IF NOT EXISTS {WITNESS_TABLE} (
        instance TEXT NOT NULL,
        log TEXT NOT NULL,
        n BIGINT NOT NULL,
        seq BIGINT NOT NULL,
        hash TEXT NOT NULL,
        body TEXT NOT NULL,
        sig TEXT NOT NULL,
        witnessed_at TIMESTAMPTZ NOT NULL DEFAULT now(),
        PRIMARY KEY (instance, log, n)
    )
    """,
    f"""
    CREATE OR REPLACE FUNCTION {WITNESS_TABLE}_append_only() RETURNS trigger
    LANGUAGE plpgsql AS $$
    BEGIN
        RAISE EXCEPTION '{WITNESS_TABLE} is append-only';
    END
    $$
    """,
    f"""
    CREATE OR REPLACE TRIGGER {WITNESS_TABLE}_no_change BEFORE UPDATE OR DELETE ON {WITNESS_TABLE}
    FOR EACH ROW EXECUTE FUNCTION {WITNESS_TABLE}_append_only()
    """,
    f"""
    CREATE OR REPLACE TRIGGER {WITNESS_TABLE}_no_truncate BEFORE TRUNCATE ON {WITNESS_TABLE}
    FOR EACH STATEMENT EXECUTE FUNCTION {WITNESS_TABLE}_append_only()
    """,
)
_SCHEMA_LOCK: Final = 7_406_412  # pg_advisory_xact_lock key (the audit tables use ...411)


class PgWitness:
    """Appends signed checkpoint heads of one instance's log to the PostgreSQL witness table.

    Args:
        dsn: libpq connection string of the database holding the witness (it may, and better
            should, be another database than the audit log's).
        instance: the writing instance's name (``audit_instance``).
        log: which log the checkpoints pin: :data:`LOG_SQLITE` or :data:`LOG_POSTGRES`.
    """

    def __init__(self, dsn: str, instance: str, log: str = LOG_SQLITE) -> None:
        """Remember where to write; the connection opens with the first append."""
        self.dsn = dsn
        self.instance = instance
        self.log = log
        self._lock = threading.Lock()
        self._conn: Any = None
        self._pending: list[tuple[str, str]] = []
        self.failures = 0
        """Appends that could not reach the witness (their entries stayed pending)."""

    @property
    def pending(self) -> int:
        """Checkpoints waiting for the witness to be reachable again."""
        return len(self._pending)

    def append(self, body: str, sig: str) -> None:
        """Witness one signed checkpoint (and any that are pending). Never raises."""
        with self._lock:
            self._pending.append((body, sig))
            del self._pending[:-_MAX_PENDING]  # the newest heads matter most
            try:
                self._flush()
            except Exception as exc:  # a witness outage must never fail a call
                self.failures += 1
                self._drop_connection()
                _log.warning(
                    "audit witness %s unreachable (%d checkpoint(s) pending): %s",
                    WITNESS_TABLE,
                    len(self._pending),
                    type(exc).__name__,
                )

    def _flush(self) -> None:
        if self._conn is None:
            from hybridllm.audit._pg_schema import psycopg_module

            self._conn = psycopg_module().connect(self.dsn, autocommit=True)
            create_witness_table(self._conn)
        with self._conn.transaction():
            for body, sig in self._pending:
                entry = witness_entry(body, sig)
                self._conn.execute(
                    f"INSERT INTO {WITNESS_TABLE} (instance, log, n, seq, hash, body, sig) "  # noqa: S608
                    "VALUES (%s, %s, %s, %s, %s, %s, %s) ON CONFLICT DO NOTHING",
                    (self.instance, self.log, entry.n, entry.seq, entry.hash, body, sig),
                )
        self._pending.clear()

    def _drop_connection(self) -> None:
        conn, self._conn = self._conn, None
        if conn is not None:
            with contextlib.suppress(Exception):  # closing a broken connection
                conn.close()

    def close(self) -> None:
        """Try once more to send what is pending, then close the connection."""
        with self._lock:
            if self._pending:
                try:
                    self._flush()
                except Exception:  # best effort on close
                    self.failures += 1
            self._drop_connection()

    def __repr__(self) -> str:
        """Name the instance and log (never the DSN: it may hold a password)."""
        return f"PgWitness(instance={self.instance!r}, log={self.log!r})"


def create_witness_table(conn: Any) -> None:
    """Create the witness table and its append-only triggers if missing."""
    exists = conn.execute(f"SELECT to_regclass('{WITNESS_TABLE}') IS NOT NULL").fetchone()
    if exists[0]:
        return
    with conn.transaction():
        conn.execute("SELECT pg_advisory_xact_lock(%s)", (_SCHEMA_LOCK,))
        for statement in SCHEMA:
            conn.execute(statement)


def witness_rows(
    rows_of: Callable[[str, tuple[Any, ...]], list[Any]], instance: str, log: str
) -> list[WitnessEntry]:
    """One instance's witnessed heads of one log, in order ([] when there is no witness table).

    Args:
        rows_of: runs a query and returns its rows (a sink's ``_rows``, inside its snapshot).
        instance: the instance.
        log: :data:`LOG_SQLITE` or :data:`LOG_POSTGRES`.

    Raises:
        AuditError: a row is not a witness entry.
    """
    exists = rows_of(f"SELECT to_regclass('{WITNESS_TABLE}') IS NOT NULL", ())
    if not exists[0][0]:
        return []
    rows = rows_of(
        f"SELECT n, body, sig FROM {WITNESS_TABLE} WHERE instance = %s AND log = %s "  # noqa: S608
        "ORDER BY n",
        (instance, log),
    )
    out = []
    for n, body, sig in rows:
        try:
            out.append(witness_entry(str(body), str(sig)))
        except (ValueError, KeyError, TypeError):
            raise AuditError(f"witness row {instance}/{log}#{n} is not a checkpoint") from None
    return out


def read_pg_witness(dsn: str, instance: str, log: str = LOG_SQLITE) -> list[WitnessEntry]:
    """Read one instance's witnessed heads from a PostgreSQL witness (for ``audit verify``).

    Raises:
        AuditError: the database cannot be read or holds no witness table.
    """
    from hybridllm.audit._pg_schema import psycopg_module

    psycopg = psycopg_module()
    try:
        with psycopg.connect(dsn, autocommit=True) as conn:

            def rows_of(sql: str, params: tuple[Any, ...]) -> list[Any]:
                return list(conn.execute(sql, params).fetchall())

            if not rows_of(f"SELECT to_regclass('{WITNESS_TABLE}') IS NOT NULL", ())[0][0]:
                raise AuditError(f"no {WITNESS_TABLE} table in that database")
            return witness_rows(rows_of, instance, log)
    except psycopg.Error as exc:
        raise AuditError(f"cannot read the PostgreSQL audit witness: {exc}") from None
