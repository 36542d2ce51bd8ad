"""SQLite layout of the audit store: migrations, connection setup, checkpoints and cuts.

Kept apart from :mod:`hybridllm.audit.store` (the public class) so that each stays short; only
the store calls these, inside its own locks and transactions.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Final

from tenacity import Retrying, retry_if_exception, stop_after_delay, wait_random_exponential

from hybridllm.audit._sync import DONE, Durable
from hybridllm.audit.checkpoints import PurgeResult, cut_seq, signed_checkpoint, stored_hash
from hybridllm.audit.keys import Signer
from hybridllm.errors import AuditError
from hybridllm.models import AuditRecord

__all__ = [
    "BUSY_TIMEOUT_S",
    "CHECKPOINTS",
    "INDEXED",
    "MIGRATIONS",
    "PAGE",
    "ROW_COLUMNS",
    "TABLE",
    "PurgeResult",
    "Ticket",
    "append_error",
    "connect",
    "cut_hash",
    "fsync_wal",
    "purge_locked",
    "write_checkpoint",
]

TABLE: Final = "audit_records"
CHECKPOINTS: Final = "audit_checkpoints"
BUSY_TIMEOUT_S: Final = 30.0
PAGE: Final = 500

MIGRATIONS: Final[Sequence[Sequence[str]]] = (
    # 1: the chain table. Append-only by convention; verify() detects when that was not honoured.
    (
        f"""
        CREATE TABLE {TABLE} (
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
        f"CREATE INDEX {TABLE}_ts ON {TABLE} (ts)",
    ),
    # 2: per-record signatures and signed checkpoints (periodic pins, retention cuts).
    (
        f"ALTER TABLE {TABLE} ADD COLUMN sig TEXT NOT NULL DEFAULT ''",
        f"""
        CREATE TABLE {CHECKPOINTS} (
            n INTEGER PRIMARY KEY AUTOINCREMENT,
            kind TEXT NOT NULL,
            seq INTEGER NOT NULL,
            body TEXT NOT NULL,
            sig TEXT NOT NULL
        )
        """,
    ),
)
"""Schema migrations: entry ``i`` moves the database from ``user_version`` i to i + 1."""

INDEXED: Final = ("id", "ts", "status", "route", "prev_hash", "hash")
"""Record fields copied into their own columns (for queries; the body stays authoritative)."""

ROW_COLUMNS: Final = ", ".join(["seq", *(f"CAST({c} AS BLOB)" for c in (*INDEXED, "body", "sig"))])
"""Columns read by verify(), as bytes: a corrupted (non-UTF-8) value is reported, not raised."""


def connect(
    path: Path, *, readonly: bool, busy_timeout: float = BUSY_TIMEOUT_S
) -> tuple[sqlite3.Connection, int]:
    """Open ``path`` (WAL, synchronous=FULL), migrating it unless ``readonly``.

    Returns:
        The connection and the schema version of the file (older files are read as they are).
    """
    try:
        uri = f"{path.resolve().as_uri()}?mode={'ro' if readonly else 'rwc'}"
        # isolation_level=None: we issue BEGIN IMMEDIATE / COMMIT ourselves.
        conn = sqlite3.connect(
            uri,
            uri=True,
            timeout=busy_timeout,
            isolation_level=None,
            check_same_thread=False,
        )
    except sqlite3.Error as exc:
        raise AuditError(f"cannot open audit database {path}: {exc}") from exc
    try:
        conn.execute(f"PRAGMA busy_timeout = {int(busy_timeout * 1000)}")
        if not readonly:
            # journal_mode is persistent in the file; setting it again is cheap.
            mode = _wal(conn, busy_timeout)
            if mode.lower() != "wal":
                raise AuditError(f"cannot put audit database {path} in WAL mode")
        conn.execute("PRAGMA synchronous = FULL")
        version = _migrate(conn, path, readonly=readonly)
    except sqlite3.DatabaseError as exc:  # e.g. "file is not a database"
        conn.close()
        raise AuditError(f"{path} is not a hybridllm audit database ({exc})") from None
    except BaseException:
        conn.close()
        raise
    return conn, version


def _locked(exc: BaseException) -> bool:
    return isinstance(exc, sqlite3.OperationalError) and "locked" in str(exc)


def _wal(conn: sqlite3.Connection, busy_timeout: float) -> str:
    """Put the file in WAL mode; the journal mode of a new file that other processes are
    creating at the same moment can answer "database is locked" at once, without waiting for
    the busy timeout (1 open in ~240 with six processes racing here): retried, with jitter,
    for as long as the busy timeout allows."""
    for attempt in Retrying(
        retry=retry_if_exception(_locked),
        stop=stop_after_delay(busy_timeout),
        wait=wait_random_exponential(multiplier=0.005, max=0.2),
        reraise=True,
    ):
        with attempt:
            return str(conn.execute("PRAGMA journal_mode = WAL").fetchone()[0])
    raise AssertionError("unreachable: tenacity reraises the last error")  # pragma: no cover


def _migrate(conn: sqlite3.Connection, path: Path, *, readonly: bool) -> int:
    try:
        version = int(conn.execute("PRAGMA user_version").fetchone()[0])
        if version > len(MIGRATIONS):
            raise AuditError(
                f"audit database {path} has schema version {version}, newer than this "
                f"hybridllm supports ({len(MIGRATIONS)}); upgrade hybridllm"
            )
        if readonly:
            if version < 1:
                raise AuditError(
                    f"{path} is not a hybridllm audit database (user_version {version})"
                )
            return version  # an older file is read as it is, never migrated
        if version == len(MIGRATIONS):
            return version
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
        raise AuditError(f"cannot prepare audit database {path}: {exc}") from exc
    return len(MIGRATIONS)


def cut_hash(conn: sqlite3.Connection, version: int) -> str:
    """Hash the chain continues from when the table is empty: the latest retention cut's."""
    if version < 2:
        return ""
    row = conn.execute(
        f"SELECT body FROM {CHECKPOINTS} WHERE kind = 'cut' ORDER BY n DESC LIMIT 1"  # noqa: S608
    ).fetchone()
    return stored_hash(str(row[0])) if row else ""


def write_checkpoint(
    conn: sqlite3.Connection,
    signer: Signer,
    *,
    kind: str,
    seq: int,
    record_id: str,
    record_hash: str,
) -> tuple[str, str]:
    """Insert a signed checkpoint; the caller holds the write transaction. Returns (body, sig)."""
    last = conn.execute(
        f"SELECT n, sig FROM {CHECKPOINTS} ORDER BY n DESC LIMIT 1"  # noqa: S608
    ).fetchone()
    issued = conn.execute(
        "SELECT seq FROM sqlite_sequence WHERE name = ?", (CHECKPOINTS,)
    ).fetchone()
    n = max(int(issued[0]) if issued else 0, int(last[0]) if last else 0) + 1
    body, sig = signed_checkpoint(
        signer,
        n=n,
        kind=kind,
        seq=seq,
        record_id=record_id,
        record_hash=record_hash,
        prev_sig=str(last[1]) if last else "",
    )
    conn.execute(
        f"INSERT INTO {CHECKPOINTS} (n, kind, seq, body, sig) VALUES (?, ?, ?, ?, ?)",  # noqa: S608
        (n, kind, seq, body, sig),
    )
    return body, sig


def purge_locked(
    conn: sqlite3.Connection, signer: Signer, cutoff: str
) -> tuple[PurgeResult, tuple[str, str] | None]:
    """Delete up to the cut and write the signed cut checkpoint; caller holds the lock.

    Returns:
        The result and the cut checkpoint's (body, sig), None when nothing was cut.
    """
    q = f"SELECT MIN(seq), MAX(seq) FROM {TABLE}"  # noqa: S608
    first, last = conn.execute(q).fetchone()
    keep = conn.execute(
        f"SELECT MIN(seq) FROM {TABLE} WHERE ts >= ?",  # noqa: S608
        (cutoff,),
    ).fetchone()[0]
    cut = cut_seq(first, last, keep)
    if cut is None:
        return PurgeResult(0, 0), None
    row = conn.execute(
        f"SELECT id, hash FROM {TABLE} WHERE seq = ?",  # noqa: S608
        (cut,),
    ).fetchone()
    written = write_checkpoint(
        conn, signer, kind="cut", seq=cut, record_id=str(row[0]), record_hash=str(row[1])
    )
    removed = conn.execute(f"DELETE FROM {TABLE} WHERE seq <= ?", (cut,)).rowcount  # noqa: S608
    return PurgeResult(int(removed), cut), written


@dataclass(slots=True)
class Ticket:
    """One append waiting for a group commit (see ``AuditStore.append``)."""

    base: AuditRecord
    stored: AuditRecord | None = None
    error: AuditError | None = None
    deferred: bool = False
    """Queued without a waiting caller (an outcome record written off the call path)."""
    raw: bool = False
    """``base`` is not normalised yet (the writer does it: see ``AuditStore.submit``)."""
    early: bool = False
    """An intent whose caller waits for its sync later (``AuditStore.append_early``)."""
    durable: Durable = DONE
    """When written: how to wait for it to be on disk (``DONE``: it is)."""


def append_error(record_id: str, exc: Exception) -> AuditError:
    """The AuditError an append that failed with ``exc`` raises (``exc`` is its cause)."""
    if isinstance(exc, AuditError):
        return exc
    if isinstance(exc, sqlite3.IntegrityError):
        err = AuditError(f"audit record id {record_id} already exists")
    else:
        err = AuditError(f"cannot write audit record {record_id}: {exc}")
    err.__cause__ = exc
    return err


def fsync_wal(path: Path) -> None:
    """Flush the WAL of ``path`` to disk (a NORMAL-synchronous commit wrote it without fsync)."""
    try:
        fd = os.open(f"{path}-wal", os.O_RDONLY)
    except FileNotFoundError:
        return  # checkpointed into the main file already (which SQLite synced)
    except OSError as exc:
        raise AuditError(f"cannot sync audit database {path}: {exc.strerror}") from None
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
