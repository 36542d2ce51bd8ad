"""The read side of :class:`hybridllm.audit.store.AuditStore`: get, iterate, tail, count.

A mixin, kept apart so that each module stays short; the store provides the connection, its
lock and its path.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from hybridllm.audit._sqlite import PAGE, TABLE
from hybridllm.errors import AuditError
from hybridllm.models import AuditRecord

__all__ = ["StoreReads"]


class StoreReads:
    """Queries over the records table (paged, each under the store's lock)."""

    path: Path
    _lock: threading.RLock

    def _connection(self) -> sqlite3.Connection:
        raise NotImplementedError  # pragma: no cover - provided by AuditStore

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
        rows = self._query(
            f"SELECT id, body FROM {TABLE} ORDER BY seq DESC LIMIT ?",  # noqa: S608
            (max(limit, 0),),
        )
        return [self._parse(record_id, body) for record_id, body in reversed(rows)]

    def count(self) -> int:
        """Return the number of stored records.

        Raises:
            AuditError: if the database cannot be read.
        """
        return int(self._query(f"SELECT COUNT(*) FROM {TABLE}")[0][0])  # noqa: S608
