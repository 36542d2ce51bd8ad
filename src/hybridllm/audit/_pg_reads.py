"""Read-only queries across every instance of the PostgreSQL audit log (a mixin of
:class:`hybridllm.audit.postgres.PostgresSink`, kept apart to keep each module short)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from hybridllm.audit._pg_schema import PAGE, parse_row, time_bounds
from hybridllm.models import AuditRecord

__all__ = ["PgReads"]


class PgReads:
    """``iter_all``, ``count``, raw chain rows, ``has_tables``; the sink provides ``_rows``."""

    def _rows(self, sql: str, params: tuple[Any, ...]) -> list[Any]:
        raise NotImplementedError  # pragma: no cover - provided by PostgresSink

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
        where, bounds = time_bounds(since, until)
        after: tuple[Any, ...] = ()
        while True:
            keyset = " AND (ts, instance, seq) > (%s, %s, %s)" if after else ""
            rows = self._rows(
                "SELECT ts, instance, seq, body FROM hybridllm_audit WHERE "  # noqa: S608
                f"{where}{keyset} ORDER BY ts, instance, seq LIMIT %s",
                (*bounds, *after, PAGE),
            )
            if not rows:
                return
            for ts, name, seq, body in rows:
                after = (ts, name, seq)
                yield parse_row(name, seq, body)

    def count(self, *, since: str | None = None, until: str | None = None) -> int:
        """Number of records of every instance, optionally within a time range."""
        where, bounds = time_bounds(since, until)
        sql = f"SELECT COUNT(*) FROM hybridllm_audit WHERE {where}"  # noqa: S608
        return int(self._rows(sql, bounds)[0][0])

    def checkpoint_rows(self, instance: str) -> list[tuple[int, str, str]]:
        """One instance's signed checkpoints as ``(n, body, sig)``, in order."""
        exists = self._rows("SELECT to_regclass('hybridllm_audit_checkpoints') IS NOT NULL", ())
        if not exists[0][0]:  # a log written before checkpoints existed
            return []
        rows = self._rows(
            "SELECT n, body, sig FROM hybridllm_audit_checkpoints WHERE instance = %s ORDER BY n",
            (instance,),
        )
        return [(int(n), str(body), str(sig)) for n, body, sig in rows]

    def chain_rows(self, instance: str, after: int = 0) -> Iterator[tuple[int, str, str]]:
        """One instance's rows as ``(seq, body, sig)`` with ``seq > after``, in chain order."""
        last = after
        while True:
            rows = self._rows(
                "SELECT seq, body, sig FROM hybridllm_audit WHERE instance = %s AND seq > %s "
                "ORDER BY seq LIMIT %s",
                (instance, last, PAGE),
            )
            if not rows:
                return
            for seq, body, sig in rows:
                last = int(seq)
                yield last, str(body), str(sig)

    def count_after(self, instance: str, after: int = 0) -> int:
        """How many rows of one instance have ``seq > after``."""
        sql = "SELECT COUNT(*) FROM hybridllm_audit WHERE instance = %s AND seq > %s"
        return int(self._rows(sql, (instance, after))[0][0])

    def has_tables(self) -> bool:
        """True if the audit tables exist (a sink opened with ``create=False`` may find none)."""
        rows = self._rows(
            "SELECT to_regclass('hybridllm_audit') IS NOT NULL "
            "AND to_regclass('hybridllm_audit_heads') IS NOT NULL",
            (),
        )
        return bool(rows[0][0])
