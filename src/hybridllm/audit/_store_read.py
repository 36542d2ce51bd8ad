"""The read side of :class:`hybridllm.audit.store.AuditStore`: get, iterate, tail, count, verify.

A mixin, kept apart so that each module stays short; the store provides the connection, its
lock and its path.
"""

from __future__ import annotations

import contextlib
import sqlite3
import threading
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from hybridllm.audit._sqlite import CHECKPOINTS, INDEXED, PAGE, ROW_COLUMNS, TABLE
from hybridllm.audit.keys import Signer
from hybridllm.audit.verify import (
    ChainBroken,
    ChainChecker,
    Checkpoint,
    VerifyResult,
    parse_checkpoints,
)
from hybridllm.audit.witness import Anchors, check_anchors
from hybridllm.errors import AuditError
from hybridllm.models import AuditRecord

__all__ = ["StoreReads"]


class StoreReads:
    """Queries over the records table (paged, each under the store's lock), and verification."""

    path: Path
    _lock: threading.RLock
    _signer: Signer | None
    _version: int

    def _connection(self) -> sqlite3.Connection:
        raise NotImplementedError  # pragma: no cover - provided by AuditStore

    def _before_read(self) -> None:
        """Called by every public read before it takes the lock (the store writes what it
        queued, so a read through it sees every record appended before the read)."""

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
        self._before_read()
        rows = self._query(f"SELECT body FROM {TABLE} WHERE id = ?", (record_id,))  # noqa: S608
        return self._parse(record_id, rows[0][0]) if rows else None

    def iter_records(
        self, *, since: str | None = None, until: str | None = None
    ) -> Iterator[AuditRecord]:
        """Iterate over records in chain (``seq``) order, optionally within a time range.

        Records are fetched in pages, so appending while iterating neither deadlocks nor
        holds a read transaction open; records appended meanwhile may or may not be seen.

        Args:
            since: keep records with ``ts >= since`` (an ISO 8601 UTC string, like ``ts``).
            until: keep records with ``ts < until``.

        Yields:
            Each stored record.

        Raises:
            AuditError: if the database cannot be read or a stored body does not parse.
        """
        self._before_read()
        where = ["seq > ?"]
        bounds: list[str] = []
        if since is not None:
            where.append("ts >= ?")
            bounds.append(since)
        if until is not None:
            where.append("ts < ?")
            bounds.append(until)
        sql = (
            f"SELECT seq, id, body FROM {TABLE} WHERE {' AND '.join(where)} "  # noqa: S608
            "ORDER BY seq LIMIT ?"
        )
        last = 0
        while True:
            rows = self._query(sql, (last, *bounds, PAGE))
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
        self._before_read()
        rows = self._query(
            f"SELECT id, body FROM {TABLE} ORDER BY seq DESC LIMIT ?",  # noqa: S608
            (max(limit, 0),),
        )
        return [self._parse(record_id, body) for record_id, body in reversed(rows)]

    def checkpoint_rows(self) -> list[tuple[int, str, str]]:
        """The stored checkpoints as ``(n, body, sig)``, in order (none in a version-1 file).

        Raises:
            AuditError: if the database cannot be read.
        """
        self._before_read()
        if self._version < 2:
            return []
        rows = self._query(f"SELECT n, body, sig FROM {CHECKPOINTS} ORDER BY n")  # noqa: S608
        return [(int(n), str(body), str(sig)) for n, body, sig in rows]

    def iter_rows(self, after: int = 0) -> Iterator[tuple[int, str, str]]:
        """Stored rows as ``(seq, body, sig)`` with ``seq > after``, in chain order (paged).

        The bodies are the stored text, not re-serialised: what an export must carry.

        Raises:
            AuditError: if the database cannot be read.
        """
        self._before_read()
        sig = "sig" if self._version >= 2 else "''"
        sql = f"SELECT seq, body, {sig} FROM {TABLE} WHERE seq > ? ORDER BY seq LIMIT ?"  # noqa: S608
        last = after
        while True:
            rows = self._query(sql, (last, PAGE))
            if not rows:
                return
            for seq, body, signature in rows:
                last = int(seq)
                yield last, str(body), str(signature)

    def count_after(self, after: int = 0) -> int:
        """How many rows have ``seq > after``.

        Raises:
            AuditError: if the database cannot be read.
        """
        self._before_read()
        sql = f"SELECT COUNT(*) FROM {TABLE} WHERE seq > ?"  # noqa: S608
        return int(self._query(sql, (after,))[0][0])

    def count(self) -> int:
        """Return the number of stored records.

        Raises:
            AuditError: if the database cannot be read.
        """
        self._before_read()
        return int(self._query(f"SELECT COUNT(*) FROM {TABLE}")[0][0])  # noqa: S608

    # -- verification ------------------------------------------------------------------------

    def verify(self, signer: Signer | None = None, anchors: Anchors | None = None) -> VerifyResult:
        """Re-check the whole chain from the stored bodies, and its signatures when keyed.

        For each record in ``seq`` order it checks that: ``seq`` continues without a gap; the body
        is valid UTF-8, parses as an :class:`AuditRecord` and is byte-for-byte its canonical JSON
        (so no byte of it can change unnoticed); the indexed columns agree with the body;
        ``prev_hash`` is the previous record's hash (``""`` for the first); and ``hash`` is the
        recomputed hash. Finally, that no records were cut off the end. With a signer it also
        checks every record's signature and the chain of signed checkpoints (each pins a record
        hash; a retention cut is where the chain may start).

        Args:
            signer: key to check signatures with; defaults to the store's own signer. Without
                one only the hash chain is checked (``signatures_checked`` is False).
            anchors: what the log must agree with besides itself: a witness file, a head hash
                seen earlier, a minimum record count (:class:`~hybridllm.audit.witness.Anchors`).
                Without them a log cut back to an earlier valid state (newest checkpoint and the
                records after it deleted, or everything) still verifies.

        Returns:
            A :class:`VerifyResult`; it stops at the first bad record and names it.
        """
        self._before_read()
        signer = signer if signer is not None else self._signer
        # One read transaction: a snapshot, so appends by other threads or processes while
        # verifying can neither be half-seen nor look like a truncated tail.
        with self._lock:
            try:
                self._connection().execute("BEGIN")
            except sqlite3.Error as exc:
                return VerifyResult(ok=False, checked=0, problem=f"database unreadable: {exc}")
            try:
                return self._verify_snapshot(signer, anchors)
            finally:
                with contextlib.suppress(sqlite3.Error):
                    self._connection().execute("COMMIT")

    def _verify_snapshot(self, signer: Signer | None, anchors: Anchors | None) -> VerifyResult:
        checker = ChainChecker(signer)
        checkpoints: list[Checkpoint] = []
        n_checkpoints = 0
        try:
            if self._version >= 2:
                rows = self._query(
                    f"SELECT n, CAST(body AS BLOB), CAST(sig AS BLOB) FROM {CHECKPOINTS} "  # noqa: S608
                    "ORDER BY n"
                )
                checkpoints = parse_checkpoints(rows, signer)
                n_checkpoints = len(checkpoints)
                checker = ChainChecker(signer, checkpoints, INDEXED)
            if anchors is not None:
                anchors.collect_hashes(checker)
            columns = ROW_COLUMNS if self._version >= 2 else ROW_COLUMNS.rsplit(",", 1)[0]
            last = 0
            while True:
                rows = self._query(
                    f"SELECT {columns} FROM {TABLE} WHERE seq > ? ORDER BY seq LIMIT ?",  # noqa: S608
                    (last, PAGE),
                )
                if not rows:
                    break
                for row in rows:
                    last = row[0]
                    values = dict(zip(INDEXED, row[1:7], strict=True))
                    checker.check(int(row[0]), row[7], values, row[8] if len(row) > 8 else None)
            issued = self._query("SELECT seq FROM sqlite_sequence WHERE name = ?", (TABLE,))
            checker.finish(int(issued[0][0]) if issued else 0)
            check_anchors(anchors, checker, checkpoints, signer)
        except ChainBroken as bad:
            return checker.result(n_checkpoints, bad)
        except AuditError as exc:
            problem = f"database unreadable after {checker.checked} record(s): {exc}"
            return checker.result(n_checkpoints, ChainBroken(None, problem))
        return checker.result(n_checkpoints)
