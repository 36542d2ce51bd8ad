"""The signed-checkpoint side of :class:`hybridllm.audit.store.AuditStore`: checkpoints, the
retention cut (purge), the witness copy and the ``synchronous`` switch they share with appends.

A mixin, kept apart so that each module stays short; the store provides the connection, its
lock, its signer and its witness.
"""

from __future__ import annotations

import sqlite3
import threading
import time
from datetime import datetime, timedelta
from pathlib import Path

from hybridllm.audit._sqlite import (
    TABLE,
    PurgeResult,
    fsync_wal,
    purge_locked,
    write_checkpoint,
)
from hybridllm.audit.checkpoints import cutoff_iso
from hybridllm.audit.keys import Signer
from hybridllm.audit.witness import HeadWitness
from hybridllm.errors import AuditError

__all__ = ["StoreCheckpoints"]


class StoreCheckpoints:
    """Signed checkpoints (by count, time, on close, on demand) and the retention purge."""

    path: Path
    _lock: threading.RLock
    _signer: Signer | None
    _version: int
    _readonly: bool
    _synchronous: str
    _since_checkpoint: int
    _last_checkpoint_at: float
    _witness: HeadWitness | None

    def _connection(self) -> sqlite3.Connection:
        raise NotImplementedError  # pragma: no cover - provided by AuditStore

    def _set_synchronous(self, conn: sqlite3.Connection, full: bool) -> None:
        """FULL (fsync on commit) or NORMAL (WAL write only) for the next transaction."""
        mode = "FULL" if full else "NORMAL"
        if mode != self._synchronous:
            # PRAGMA takes no parameters; the value is one of two constants. SQLite refuses to
            # change it inside a transaction, so it is set before BEGIN.
            conn.execute(f"PRAGMA synchronous = {mode}")
            self._synchronous = mode

    def _witnessed(self, written: tuple[str, str]) -> None:
        """A checkpoint was committed: make it durable, note the time, copy it to the witness.

        The witness never leads the store: the checkpoint is on disk before its copy is.
        """
        if self._synchronous != "FULL":
            fsync_wal(self.path)
        self._last_checkpoint_at = time.monotonic()
        if self._witness is not None:
            self._witness.append(*written)

    def _locked_write(self, kind: str) -> tuple[int, str, str] | None:
        """Checkpoint the current head; return (seq, id, hash) or None for an empty log."""
        written: tuple[str, str] | None = None
        with self._lock:
            conn = self._connection()
            self._set_synchronous(conn, True)
            conn.execute("BEGIN IMMEDIATE")
            try:
                row = conn.execute(
                    f"SELECT seq, id, hash FROM {TABLE} ORDER BY seq DESC LIMIT 1"  # noqa: S608
                ).fetchone()
                if row is not None and self._signer is not None:
                    written = write_checkpoint(
                        conn,
                        self._signer,
                        kind=kind,
                        seq=int(row[0]),
                        record_id=str(row[1]),
                        record_hash=str(row[2]),
                    )
                conn.execute("COMMIT")
            except BaseException:
                if conn.in_transaction:
                    conn.execute("ROLLBACK")
                raise
            self._since_checkpoint = 0
            if written is not None:
                self._witnessed(written)
        return (int(row[0]), str(row[1]), str(row[2])) if row else None

    def checkpoint(self) -> int:
        """Write a signed checkpoint at the current head of the chain.

        Returns:
            The ``seq`` it pins (0 for an empty log, where none is written).

        Raises:
            AuditError: without a signer, on a read-only store, or if the write fails.
        """
        self._require_signer("a checkpoint")
        try:
            head = self._locked_write("manual")
        except sqlite3.Error as exc:
            raise AuditError(f"cannot write audit checkpoint: {exc}") from exc
        return head[0] if head else 0

    def _require_signer(self, what: str) -> None:
        if self._readonly:
            raise AuditError(f"audit store {self.path} was opened read-only")
        if self._signer is None or self._version < 2:
            raise AuditError(f"{what} must be signed: open the store with a signer (audit key)")

    def purge(self, older_than: datetime | timedelta) -> PurgeResult:
        """Delete records older than a time, leaving a signed cut the chain goes on from.

        Records are removed from the start of the chain up to the last one before the first
        record at or after the cut-off, so a record never outlives an older one (nor the other
        way round). The cut checkpoint holds the hash of the last removed record: the first kept
        record links to it, and ``verify`` accepts the missing head only with a valid signature.

        Args:
            older_than: an aware UTC datetime, or an age (``timedelta(days=N)``) from now.

        Returns:
            How many records were removed and the seq of the cut.

        Raises:
            AuditError: without a signer, on a read-only store, or if the write fails.
        """
        self._require_signer("a retention cut")
        cutoff = cutoff_iso(older_than)
        with self._lock:
            conn = self._connection()
            try:
                self._set_synchronous(conn, True)
                conn.execute("BEGIN IMMEDIATE")
                try:
                    assert self._signer is not None
                    result, written = purge_locked(conn, self._signer, cutoff)
                    conn.execute("COMMIT")
                except BaseException:
                    if conn.in_transaction:
                        conn.execute("ROLLBACK")
                    raise
            except sqlite3.Error as exc:
                raise AuditError(f"cannot purge audit records: {exc}") from exc
            if written is not None:
                self._witnessed(written)
        return result
