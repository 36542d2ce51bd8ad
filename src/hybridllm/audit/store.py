"""SQLite audit store: one row per call, linked into a hash chain, durable when ``append`` returns.

Why it is built this way:

- WAL mode with ``synchronous=FULL``: a record that ``append`` returned is on disk even if the
  machine loses power right after, and readers never block the writer.
- ``BEGIN IMMEDIATE`` around "read the last hash, insert the next record": it takes the write lock
  before reading, so two writers (threads or processes) can never link to the same predecessor.
  A busy timeout makes the losers wait instead of failing.
- ``seq INTEGER PRIMARY KEY AUTOINCREMENT``: SQLite never reuses an ``AUTOINCREMENT`` value and
  remembers the highest one issued, so a deleted row leaves a gap that :meth:`AuditStore.verify`
  sees, including at the tail of the log.
- ``body`` is the canonical JSON of the whole record and the single source of truth. The other
  columns exist for querying; verification checks that they agree with the body.
- Schema changes are a list of migrations applied in order, tracked with ``PRAGMA user_version``.
"""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
import threading
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import Any, Final, Self

from pydantic import ValidationError

from hybridllm.audit.record import compute_hash, record_body
from hybridllm.errors import AuditError, AuditVerificationError
from hybridllm.models import AuditRecord

__all__ = ["MIGRATIONS", "AuditStore", "VerifyResult"]

_TABLE: Final = "audit_records"
_BUSY_TIMEOUT_S: Final = 30.0
_PAGE: Final = 500

MIGRATIONS: Final[Sequence[Sequence[str]]] = (
    # 1: the chain table. Append-only by convention; verify() detects when that was not honoured.
    (
        f"""
        CREATE TABLE {_TABLE} (
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            id TEXT NOT NULL UNIQUE,
            ts TEXT NOT NULL,
            status TEXT NOT NULL,
            route TEXT NOT NULL,
            prev_hash TEXT NOT NULL,
            hash TEXT NOT NULL,
            body TEXT NOT NULL
        )
        """,
        f"CREATE INDEX {_TABLE}_ts ON {_TABLE} (ts)",
    ),
)
"""Schema migrations: entry ``i`` moves the database from ``user_version`` i to i + 1."""

_INDEXED: Final = ("id", "ts", "status", "route", "prev_hash", "hash")
"""Record fields copied into their own columns (for queries; the body stays authoritative)."""

_ROW_COLUMNS: Final = ", ".join(["seq", *(f"CAST({c} AS BLOB)" for c in (*_INDEXED, "body"))])
"""Columns read by verify(), as bytes: a corrupted (non-UTF-8) value is reported, not raised."""


@dataclass(frozen=True, slots=True)
class VerifyResult:
    """Outcome of :meth:`AuditStore.verify`.

    Attributes:
        ok: True when every record verified and the chain is complete.
        checked: number of records that verified (all of them when ``ok``).
        first_bad_id: id of the first record that failed, or None (when ``ok``, or when the
            failure is not tied to one record, e.g. an unreadable database).
        problem: what is wrong, in words; None when ``ok``.
        head_hash: hash of the last verified record (``""`` for an empty log). Keeping a copy of it
            elsewhere lets a later check prove that the log was not rewritten wholesale.
    """

    ok: bool
    checked: int
    first_bad_id: str | None = None
    problem: str | None = None
    head_hash: str = ""

    def raise_for_failure(self) -> None:
        """Raise if verification failed.

        Raises:
            AuditVerificationError: naming the first bad record, when ``ok`` is False.
        """
        if not self.ok:
            where = f" at record {self.first_bad_id}" if self.first_bad_id else ""
            raise AuditVerificationError(
                f"audit chain verification failed{where}: {self.problem}",
                record_id=self.first_bad_id or "",
            )


class _ChainBroken(Exception):  # noqa: N818  (internal control flow, not an error type)
    """Raised inside verify() to stop at the first bad record."""

    def __init__(self, record_id: str | None, problem: str) -> None:
        self.record_id = record_id
        self.problem = problem
        super().__init__(problem)


class AuditStore:
    """Append-only, hash-chained audit log in one SQLite file.

    Safe to share between threads (calls are serialised on one connection) and between processes
    (each opens its own store on the same path; SQLite's write lock orders the appends).

    Example::

        with AuditStore("audit.db") as store:
            stored = store.append(record)
            assert store.verify().ok
    """

    def __init__(self, path: str | os.PathLike[str], *, readonly: bool = False) -> None:
        """Open (and create, with its parent directories, unless ``readonly``) an audit database.

        Args:
            path: the SQLite file.
            readonly: open an existing database without creating or migrating it; ``append``
                then fails. Used by ``hybridllm audit verify/show``.

        Raises:
            AuditError: if the file cannot be opened, is not an audit database, or was written
                by a newer version of hybridllm.
        """
        self.path = Path(path)
        self._readonly = readonly
        self._lock = threading.RLock()
        self._conn: sqlite3.Connection | None = None
        self._pid = os.getpid()
        if readonly and not self.path.is_file():
            raise AuditError(f"audit database not found: {self.path}")
        if not readonly:
            try:
                self.path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise AuditError(f"cannot create directory for audit database {self.path}") from exc
        self._conn = self._connect()

    # -- connection management -------------------------------------------------------------

    def _connect(self) -> sqlite3.Connection:
        try:
            uri = f"{self.path.resolve().as_uri()}?mode={'ro' if self._readonly else 'rwc'}"
            # isolation_level=None: we issue BEGIN IMMEDIATE / COMMIT ourselves.
            conn = sqlite3.connect(
                uri,
                uri=True,
                timeout=_BUSY_TIMEOUT_S,
                isolation_level=None,
                check_same_thread=False,
            )
        except sqlite3.Error as exc:
            raise AuditError(f"cannot open audit database {self.path}: {exc}") from exc
        try:
            conn.execute(f"PRAGMA busy_timeout = {int(_BUSY_TIMEOUT_S * 1000)}")
            if not self._readonly:
                # journal_mode is persistent in the file; setting it again is cheap.
                mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
                if str(mode).lower() != "wal":
                    raise AuditError(f"cannot put audit database {self.path} in WAL mode")
            conn.execute("PRAGMA synchronous = FULL")
            self._migrate(conn)
        except BaseException:
            conn.close()
            raise
        return conn

    def _migrate(self, conn: sqlite3.Connection) -> None:
        try:
            version = int(conn.execute("PRAGMA user_version").fetchone()[0])
            if version > len(MIGRATIONS):
                raise AuditError(
                    f"audit database {self.path} has schema version {version}, newer than this "
                    f"hybridllm supports ({len(MIGRATIONS)}); upgrade hybridllm"
                )
            if self._readonly:
                if version != len(MIGRATIONS):
                    raise AuditError(
                        f"{self.path} is not a hybridllm audit database at schema version "
                        f"{len(MIGRATIONS)} (found user_version {version})"
                    )
                return
            if version == len(MIGRATIONS):
                return
            # Re-read the version under the write lock: another process may have migrated.
            conn.execute("BEGIN IMMEDIATE")
            try:
                version = int(conn.execute("PRAGMA user_version").fetchone()[0])
                for index in range(version, len(MIGRATIONS)):
                    for statement in MIGRATIONS[index]:
                        conn.execute(statement)
                    # PRAGMA does not take parameters; the value is our own int.
                    conn.execute(f"PRAGMA user_version = {index + 1}")
                conn.execute("COMMIT")
            except BaseException:
                conn.execute("ROLLBACK")
                raise
        except sqlite3.Error as exc:
            raise AuditError(f"cannot prepare audit database {self.path}: {exc}") from exc

    def _connection(self) -> sqlite3.Connection:
        """The live connection; reopened in a forked child, which must not reuse the parent's."""
        if self._conn is None:
            raise AuditError(f"audit store {self.path} is closed")
        if os.getpid() != self._pid:
            self._pid = os.getpid()
            self._conn = self._connect()
        return self._conn

    # -- writing -----------------------------------------------------------------------------

    def append(self, record: AuditRecord) -> AuditRecord:
        """Link ``record`` to the end of the chain and store it durably.

        Args:
            record: the record to store; its ``prev_hash`` and ``hash`` are overwritten.

        Returns:
            The record as stored, with ``prev_hash`` and ``hash`` filled in.

        Raises:
            AuditError: if the store is read-only or closed, the id is already present, or the
                database cannot be written.
        """
        if self._readonly:
            raise AuditError(f"audit store {self.path} was opened read-only")
        # Normalise through JSON first so that the stored body re-parses to exactly the record
        # that was hashed (e.g. an int given for a float field becomes a float here, not later).
        try:
            data = record.model_dump(mode="json")
            data.update(prev_hash="", hash="")
            base = AuditRecord.model_validate(data)
        except (ValidationError, ValueError, TypeError) as exc:
            # The exception text may quote field values; name only its type.
            problem = type(exc).__name__
            raise AuditError(f"audit record {record.id} is not serialisable ({problem})") from exc
        with self._lock:
            conn = self._connection()
            try:
                conn.execute("BEGIN IMMEDIATE")
                try:
                    row = conn.execute(
                        f"SELECT hash FROM {_TABLE} ORDER BY seq DESC LIMIT 1"  # noqa: S608
                    ).fetchone()
                    prev_hash = str(row[0]) if row else ""
                    stored = base.model_copy(update={"prev_hash": prev_hash})
                    stored = stored.model_copy(update={"hash": compute_hash(prev_hash, stored)})
                    values = [getattr(stored, name) for name in _INDEXED]
                    conn.execute(
                        f"INSERT INTO {_TABLE} ({', '.join(_INDEXED)}, body) "  # noqa: S608
                        "VALUES (?, ?, ?, ?, ?, ?, ?)",
                        (*values, record_body(stored)),
                    )
                    conn.execute("COMMIT")
                except BaseException:
                    if conn.in_transaction:
                        conn.execute("ROLLBACK")
                    raise
            except sqlite3.IntegrityError as exc:
                raise AuditError(f"audit record id {record.id} already exists") from exc
            except sqlite3.Error as exc:
                raise AuditError(f"cannot write audit record {record.id}: {exc}") from exc
        return stored

    # -- reading -----------------------------------------------------------------------------

    def _query(self, sql: str, params: Sequence[Any] = ()) -> list[Any]:
        with self._lock:
            try:
                return self._connection().execute(sql, params).fetchall()
            except sqlite3.Error as exc:
                raise AuditError(f"cannot read audit database {self.path}: {exc}") from exc

    @staticmethod
    def _parse(record_id: str, body: str) -> AuditRecord:
        try:
            return AuditRecord.model_validate_json(body)
        except ValidationError as exc:
            raise AuditError(f"audit record {record_id} has a corrupt body") from exc

    def get(self, record_id: str) -> AuditRecord | None:
        """Return the record with this id, or None.

        Args:
            record_id: the record's ``id``.

        Returns:
            The stored record, or None if there is none with that id.

        Raises:
            AuditError: if the database cannot be read or the stored body does not parse.
        """
        rows = self._query(f"SELECT body FROM {_TABLE} WHERE id = ?", (record_id,))  # noqa: S608
        return self._parse(record_id, rows[0][0]) if rows else None

    def iter_records(self) -> Iterator[AuditRecord]:
        """Iterate over all records in chain (``seq``) order.

        Records are fetched in pages, so appending while iterating neither deadlocks nor
        holds a read transaction open; records appended meanwhile may or may not be seen.

        Yields:
            Each stored record.

        Raises:
            AuditError: if the database cannot be read or a stored body does not parse.
        """
        last = 0
        while True:
            rows = self._query(
                f"SELECT seq, id, body FROM {_TABLE} WHERE seq > ? ORDER BY seq LIMIT ?",  # noqa: S608
                (last, _PAGE),
            )
            if not rows:
                return
            for seq, record_id, body in rows:
                last = seq
                yield self._parse(record_id, body)

    def tail(self, limit: int) -> list[AuditRecord]:
        """Return the latest ``limit`` records, oldest first.

        Args:
            limit: how many records at most.

        Returns:
            Up to ``limit`` records in chain order.

        Raises:
            AuditError: if the database cannot be read or a stored body does not parse.
        """
        rows = self._query(
            f"SELECT id, body FROM {_TABLE} ORDER BY seq DESC LIMIT ?",  # noqa: S608
            (max(limit, 0),),
        )
        return [self._parse(record_id, body) for record_id, body in reversed(rows)]

    def count(self) -> int:
        """Return the number of stored records.

        Raises:
            AuditError: if the database cannot be read.
        """
        return int(self._query(f"SELECT COUNT(*) FROM {_TABLE}")[0][0])  # noqa: S608

    # -- verification ------------------------------------------------------------------------

    def verify(self) -> VerifyResult:
        """Re-check the whole chain from the stored bodies.

        For each record in ``seq`` order it checks that: ``seq`` continues without a gap; the body
        is valid UTF-8, parses as an :class:`AuditRecord` and is byte-for-byte its canonical JSON
        (so no byte of it can change unnoticed); the indexed columns agree with the body;
        ``prev_hash`` is the previous record's hash (``""`` for the first); and ``hash`` is the
        recomputed hash. Finally, that no records were cut off the end.

        Returns:
            A :class:`VerifyResult`; it stops at the first bad record and names it.
        """
        # One read transaction: a snapshot, so appends by other threads or processes while
        # verifying can neither be half-seen nor look like a truncated tail.
        with self._lock:
            try:
                self._connection().execute("BEGIN")
            except sqlite3.Error as exc:
                return VerifyResult(ok=False, checked=0, problem=f"database unreadable: {exc}")
            try:
                return self._verify_snapshot()
            finally:
                with contextlib.suppress(sqlite3.Error):
                    self._connection().execute("COMMIT")

    def _verify_snapshot(self) -> VerifyResult:
        checked = 0
        prev_hash = ""
        prev_seq = 0
        last_id: str | None = None
        try:
            last = 0
            while True:
                rows = self._query(
                    f"SELECT {_ROW_COLUMNS} FROM {_TABLE} WHERE seq > ? ORDER BY seq LIMIT ?",  # noqa: S608
                    (last, _PAGE),
                )
                if not rows:
                    break
                for row in rows:
                    last = row[0]
                    record = _check_row(row, prev_seq, prev_hash)
                    prev_seq, prev_hash, last_id = row[0], record.hash, record.id
                    checked += 1
            issued = self._query("SELECT seq FROM sqlite_sequence WHERE name = ?", (_TABLE,))
            highest = int(issued[0][0]) if issued else 0
            if highest != prev_seq:
                raise _ChainBroken(
                    last_id,
                    f"log truncated: {highest - prev_seq} record(s) missing after seq {prev_seq}",
                )
        except _ChainBroken as bad:
            return VerifyResult(False, checked, bad.record_id, bad.problem, head_hash=prev_hash)
        except AuditError as exc:
            problem = f"database unreadable after {checked} record(s): {exc}"
            return VerifyResult(ok=False, checked=checked, problem=problem, head_hash=prev_hash)
        return VerifyResult(ok=True, checked=checked, head_hash=prev_hash)

    # -- lifecycle -----------------------------------------------------------------------------

    def close(self) -> None:
        """Checkpoint the WAL into the database file and close. Safe to call twice."""
        with self._lock:
            conn, self._conn = self._conn, None
            # In a forked child the connection belongs to the parent process: leave it alone.
            if conn is None or os.getpid() != self._pid:
                return
            # If another connection is reading, the checkpoint is skipped; SQLite does it later.
            with contextlib.suppress(sqlite3.Error):
                if not self._readonly:
                    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            conn.close()

    def __enter__(self) -> Self:
        """Return the store itself."""
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        """Close the store."""
        self.close()

    def __repr__(self) -> str:
        """Show the path and whether the store is open."""
        state = "closed" if self._conn is None else "open"
        return f"AuditStore({str(self.path)!r}, {state})"


def _text(raw: bytes | None, what: str, record_id: str | None) -> str:
    if raw is None:
        raise _ChainBroken(record_id, f"{what} is NULL")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        raise _ChainBroken(record_id, f"{what} is not valid UTF-8") from None


def _check_row(row: Sequence[Any], prev_seq: int, prev_hash: str) -> AuditRecord:
    """Check one row against its predecessor; return its record or raise :class:`_ChainBroken`."""
    seq = int(row[0])
    col_id = bytes(row[1]).decode("utf-8", errors="replace") if row[1] is not None else None
    body_text = _text(row[7], "body", col_id)
    # Prefer the id written inside the body; fall back to the column when the body is unreadable.
    try:
        loaded = json.loads(body_text)
    except ValueError:
        loaded = None
    body_id = loaded.get("id") if isinstance(loaded, dict) else None
    record_id = body_id if isinstance(body_id, str) else col_id

    if seq != prev_seq + 1:
        missing = seq - prev_seq - 1
        raise _ChainBroken(
            record_id, f"sequence gap: seq {seq} follows {prev_seq} ({missing} record(s) missing)"
        )
    if loaded is None:
        raise _ChainBroken(record_id, "body is not valid JSON")
    try:
        record = AuditRecord.model_validate(loaded)
    except ValidationError as exc:
        fields = ", ".join(sorted({".".join(map(str, e["loc"])) or "<root>" for e in exc.errors()}))
        problem = f"body is not a valid audit record (fields: {fields})"
        raise _ChainBroken(record_id, problem) from None
    try:
        canonical = record_body(record)
    except ValueError:
        raise _ChainBroken(record_id, "body holds a value with no canonical JSON form") from None
    if canonical != body_text:
        raise _ChainBroken(record_id, "body is not in canonical form (its bytes were changed)")
    for name, raw in zip(_INDEXED, row[1:7], strict=True):
        value = _text(raw, f"column {name}", record_id)
        if value != getattr(record, name):
            raise _ChainBroken(record_id, f"column {name} does not match the body")
    if record.prev_hash != prev_hash:
        raise _ChainBroken(
            record_id,
            "prev_hash does not link to the previous record"
            if prev_seq
            else "first record has a non-empty prev_hash (records missing before it)",
        )
    if compute_hash(prev_hash, record) != record.hash:
        raise _ChainBroken(record_id, "hash mismatch: the record was changed after it was written")
    return record
