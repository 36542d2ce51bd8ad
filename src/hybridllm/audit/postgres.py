"""PostgreSQL audit sink: many application instances, one central log, one chain per instance.

Needs the ``postgres`` extra (``pip install 'hybridllm[postgres]'``: psycopg 3).

Each instance (by default the host name) keeps its own hash chain, so instances never wait on
each other's chain head; within an instance, many threads and processes may write at once: an
append locks that instance's head row (``SELECT ... FOR UPDATE``), links to it, inserts and
commits. A commit is durable (``synchronous_commit`` on, PostgreSQL's default). The head table
remembers the highest ``seq`` issued per instance, so rows deleted from the end show up as
truncation, like ``AUTOINCREMENT`` in the SQLite store. Records are signed as in SQLite.

Signed checkpoints and retention cuts work as in SQLite (:mod:`hybridllm.audit.checkpoints`
builds them, :mod:`hybridllm.audit.verify` checks them), with one checkpoint chain per instance
whose bodies also name the instance. :meth:`PostgresSink.checkpoint` pins an instance's head;
:meth:`PostgresSink.purge` deletes its old records and writes the signed cut in one transaction
(holding the instance's head row), so a purge that fails leaves the chain as it was.

Tables (created if missing)::

    hybridllm_audit(instance, seq, id, ts, status, route, prev_hash, hash, body, sig)
        PRIMARY KEY (instance, seq); body is the canonical JSON, the source of truth
    hybridllm_audit_heads(instance PRIMARY KEY, seq, hash)
    hybridllm_audit_checkpoints(instance, n, kind, seq, body, sig) PRIMARY KEY (instance, n)
"""

from __future__ import annotations

import contextlib
import os
import socket
import threading
from collections.abc import Iterator, Sequence
from datetime import datetime, timedelta
from types import TracebackType
from typing import Any, Self

from hybridllm.audit._group import GroupCommit
from hybridllm.audit._pg_reads import PgReads
from hybridllm.audit._pg_schema import (
    COLUMNS,
    PAGE,
    SCHEMA,
    SCHEMA_LOCK,
    parse_row,
    psycopg_module,
)
from hybridllm.audit._sqlite import Ticket
from hybridllm.audit.checkpoints import PurgeResult, cut_seq, cutoff_iso, signed_checkpoint
from hybridllm.audit.keys import Signer
from hybridllm.audit.record import seal
from hybridllm.audit.sinks import DuplicateAuditRecordError
from hybridllm.audit.verify import (
    VerifyResult,
    record_message,
)
from hybridllm.audit.witness import Anchors, HeadWitness, close_witness, open_witness
from hybridllm.errors import AuditError
from hybridllm.models import AuditRecord

__all__ = ["PostgresSink"]


class PostgresSink(PgReads):
    """Append-only audit log in PostgreSQL, one chain per ``instance``.

    Args:
        dsn: libpq connection string, e.g. ``"host=127.0.0.1 port=5432 dbname=audit user=app"``.
        instance: this writer's chain name; writers sharing a name share a chain. Default: the
            host name.
        signer: signs each record and the checkpoints; also the default for :meth:`verify`.
        create: create the tables if missing (False for read-only use).
        checkpoint_every: with a signer, sign a checkpoint of this instance's chain after every
            this many records (by seq) and when a sink that appended closes, as the SQLite store
            does. 0 (the default) signs checkpoints only on request (:meth:`checkpoint`) and at
            retention cuts (:meth:`purge`).
        witness: append every checkpoint this sink signs to this file as well (see
            :mod:`hybridllm.audit.witness`), after its transaction commits; or to any
            :class:`~hybridllm.audit.witness.HeadWitness` (e.g. a
            :class:`~hybridllm.audit.witness_pg.PgWitness` with ``log="postgres"``).
    """

    def __init__(
        self,
        dsn: str,
        *,
        instance: str | None = None,
        signer: Signer | None = None,
        create: bool = True,
        checkpoint_every: int = 0,
        witness: str | os.PathLike[str] | HeadWitness | None = None,
    ) -> None:
        """Connect (and create the tables, unless ``create`` is False)."""
        self._psycopg = psycopg_module()
        self.dsn = dsn
        self.instance = instance or socket.gethostname()
        self._signer = signer
        self._every = max(int(checkpoint_every), 0)
        self._since_checkpoint = 0
        self._witness = open_witness(witness)
        self._unwitnessed: list[tuple[str, str]] = []
        self._lock = threading.RLock()
        self._group = GroupCommit(self._write_group)
        self.commits = 0
        """Transactions that appended records (fewer than records under group commit)."""
        self._pid = os.getpid()
        self._conn: Any = self._connect()
        if create:
            self.create_tables()

    def create_tables(self) -> None:
        """Create the tables that are missing (the checkpoint table in an older log, too).

        Raises:
            AuditError: if the database cannot be written.
        """
        present = self._rows(
            "SELECT to_regclass('hybridllm_audit_checkpoints') IS NOT NULL "
            "AND to_regclass('hybridllm_audit') IS NOT NULL "
            "AND to_regclass('hybridllm_audit_heads') IS NOT NULL",
            (),
        )
        if present[0][0]:  # nothing to do, and no CREATE privilege needed
            return
        with self._lock:
            try:
                with self._conn.transaction():
                    self._conn.execute("SELECT pg_advisory_xact_lock(%s)", (SCHEMA_LOCK,))
                    for statement in SCHEMA:
                        self._conn.execute(statement)
            except self._psycopg.Error as exc:
                raise AuditError(f"cannot create the PostgreSQL audit tables: {exc}") from None

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

        Group commit: records that threads append while another append holds the sink are
        written by the next holder in one transaction (one commit, one WAL flush for all).

        Raises:
            AuditError: if the id exists already or the database cannot be written.
        """
        ticket = Ticket(record)
        return self._group.run(ticket)

    def _write_group(self, batch: list[Ticket]) -> None:
        """Write a group commit's batch; one bad record must not fail the others."""
        try:
            stored = self.append_many([t.base for t in batch])
        except AuditError as exc:
            if len(batch) == 1:
                batch[0].error = exc
                return
            for one in batch:  # one by one
                try:
                    one.stored = self.append_many([one.base])[0]
                except AuditError as single:
                    one.error = single
            return
        for one, done in zip(batch, stored, strict=True):
            one.stored = done

    def append_many(self, records: Sequence[AuditRecord]) -> list[AuditRecord]:
        """Link ``records`` to this instance's chain, in order, and commit them together.

        Returns:
            The records as stored (with ``prev_hash`` and ``hash``).

        Raises:
            DuplicateAuditRecordError: an id exists already (nothing of the batch is stored).
            AuditError: the database cannot be written (nothing of the batch is stored).
        """
        if not records:
            return []
        out: list[AuditRecord] = []
        rows: list[tuple[Any, ...]] = []
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
                    pins: list[tuple[int, AuditRecord]] = []
                    for record in records:
                        seq += 1
                        stored, body = seal(prev_hash, record)
                        prev_hash = stored.hash
                        sig = self._signer.sign(record_message(stored.hash)) if self._signer else ""
                        values = (*(getattr(stored, c) for c in COLUMNS), body)
                        rows.append((self.instance, seq, *values, sig))
                        out.append(stored)
                        if self._signer and self._every and seq % self._every == 0:
                            pins.append((seq, stored))
                    with conn.cursor() as cur:
                        cur.executemany(
                            "INSERT INTO hybridllm_audit (instance, seq, id, ts, status, route, "
                            "prev_hash, hash, body, sig) "
                            "VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s)",
                            rows,
                        )
                    conn.execute(
                        "UPDATE hybridllm_audit_heads SET seq = %s, hash = %s WHERE instance = %s",
                        (seq, prev_hash, self.instance),
                    )
                    for pinned_seq, pinned in pins:
                        self._write_checkpoint(
                            self.instance, "periodic", pinned_seq, pinned.id, pinned.hash
                        )
            except self._psycopg.errors.UniqueViolation:
                self._unwitnessed.clear()
                ids = ", ".join(r.id for r in records[:3])
                raise DuplicateAuditRecordError(
                    f"audit record id already exists (batch of {len(records)}: {ids}...)"
                    if len(records) > 1
                    else f"audit record id {records[0].id} already exists"
                ) from None
            except self._psycopg.Error as exc:
                self._unwitnessed.clear()
                raise AuditError(f"cannot write audit record {records[0].id}: {exc}") from None
            self.commits += 1
            self._to_witness(True)
            self._since_checkpoint = (
                seq - pins[-1][0] if pins else self._since_checkpoint + len(records)
            )
        return out

    # -- checkpoints and retention -------------------------------------------------------------

    def _require_signer(self, what: str) -> Signer:
        if self._signer is None:
            raise AuditError(f"{what} must be signed: open the sink with a signer (audit key)")
        return self._signer

    def _write_checkpoint(
        self, instance: str, kind: str, seq: int, record_id: str, record_hash: str
    ) -> None:
        """Insert the next signed checkpoint of ``instance``; the caller holds its head row."""
        conn = self._connection()
        last = conn.execute(
            "SELECT n, sig FROM hybridllm_audit_checkpoints WHERE instance = %s "
            "ORDER BY n DESC LIMIT 1",
            (instance,),
        ).fetchone()
        n = int(last[0]) + 1 if last else 1
        body, sig = signed_checkpoint(
            self._require_signer("a checkpoint"),
            n=n,
            kind=kind,
            seq=seq,
            record_id=record_id,
            record_hash=record_hash,
            prev_sig=str(last[1]) if last else "",
            instance=instance,
        )
        conn.execute(
            "INSERT INTO hybridllm_audit_checkpoints (instance, n, kind, seq, body, sig) "
            "VALUES (%s, %s, %s, %s, %s, %s)",
            (instance, n, kind, seq, body, sig),
        )
        self._unwitnessed.append((body, sig))

    def _to_witness(self, committed: bool) -> None:
        """After a transaction: copy its checkpoints to the witness (only if it committed)."""
        pending, self._unwitnessed = self._unwitnessed, []
        if committed and self._witness is not None:
            for body, sig in pending:
                self._witness.append(body, sig)

    def _lock_head(self, instance: str) -> int | None:
        """Lock ``instance``'s head row for this transaction; return its seq (None: no chain)."""
        row = (
            self._connection()
            .execute(
                "SELECT seq FROM hybridllm_audit_heads WHERE instance = %s FOR UPDATE", (instance,)
            )
            .fetchone()
        )
        return int(row[0]) if row else None

    def checkpoint(self, instance: str | None = None) -> int:
        """Sign a checkpoint at the head of one instance's chain (default: this one).

        Returns:
            The seq it pins (0 when the chain holds no record, where none is written).

        Raises:
            AuditError: without a signer, if the newest stored record is not the chain head
                (records were cut off the end: run ``verify``), or if the write fails.
        """
        self._require_signer("a checkpoint")
        name = instance or self.instance
        with self._lock:
            conn = self._connection()
            try:
                with conn.transaction():
                    head = self._lock_head(name)
                    row = conn.execute(
                        "SELECT seq, id, hash FROM hybridllm_audit WHERE instance = %s "
                        "ORDER BY seq DESC LIMIT 1",
                        (name,),
                    ).fetchone()
                    if head is None or row is None:
                        return 0
                    if int(row[0]) != head:
                        raise AuditError(
                            f"instance {name}: the newest record is seq {row[0]} but the chain "
                            f"head is seq {head}; run `hybridllm audit verify`"
                        )
                    self._write_checkpoint(name, "manual", head, str(row[1]), str(row[2]))
            except self._psycopg.Error as exc:
                self._unwitnessed.clear()
                raise AuditError(f"cannot write audit checkpoint: {exc}") from None
            self._to_witness(True)
            if name == self.instance:
                self._since_checkpoint = 0
        return head

    def purge(self, older_than: datetime | timedelta, instance: str | None = None) -> PurgeResult:
        """Delete one instance's records older than a time, leaving a signed cut.

        The same rule as ``AuditStore.purge``: records go from the start of the chain up to the
        last one before the first record at or after the cut-off; the cut checkpoint holds the
        hash of the last removed record, which the first kept record links to. The cut and the
        deletion commit together or not at all.

        Args:
            older_than: an aware UTC datetime, or an age (``timedelta(days=N)``) from now.
            instance: the chain to purge (default: this sink's).

        Returns:
            How many records were removed and the seq of the cut.

        Raises:
            AuditError: without a signer, if the record at the cut is missing, or if the write
                fails.
        """
        self._require_signer("a retention cut")
        cutoff = cutoff_iso(older_than)
        name = instance or self.instance
        with self._lock:
            conn = self._connection()
            try:
                with conn.transaction():
                    if self._lock_head(name) is None:
                        return PurgeResult(0, 0)
                    first, last = conn.execute(
                        "SELECT MIN(seq), MAX(seq) FROM hybridllm_audit WHERE instance = %s",
                        (name,),
                    ).fetchone()
                    keep = conn.execute(
                        "SELECT MIN(seq) FROM hybridllm_audit WHERE instance = %s AND ts >= %s",
                        (name, cutoff),
                    ).fetchone()[0]
                    cut = cut_seq(first, last, keep)
                    if cut is None:
                        return PurgeResult(0, 0)
                    row = conn.execute(
                        "SELECT id, hash FROM hybridllm_audit WHERE instance = %s AND seq = %s",
                        (name, cut),
                    ).fetchone()
                    if row is None:
                        raise AuditError(
                            f"instance {name}: record seq {cut} is missing, so no cut can be "
                            "signed there; run `hybridllm audit verify`"
                        )
                    self._write_checkpoint(name, "cut", cut, str(row[0]), str(row[1]))
                    removed = conn.execute(
                        "DELETE FROM hybridllm_audit WHERE instance = %s AND seq <= %s",
                        (name, cut),
                    ).rowcount
            except self._psycopg.Error as exc:
                self._unwitnessed.clear()
                raise AuditError(f"cannot purge audit records of {name}: {exc}") from None
            self._to_witness(True)
        return PurgeResult(int(removed), cut)

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
                (name, last, PAGE),
            )
            if not rows:
                return
            for seq, body in rows:
                last = int(seq)
                yield parse_row(name, last, body)

    def verify(
        self,
        instance: str | None = None,
        signer: Signer | None = None,
        anchors: Anchors | None = None,
    ) -> VerifyResult:
        """Verify one instance's chain (default: this one); see ``AuditStore.verify``.

        A witness file's entries are matched by the instance their checkpoint bodies name; a
        witness table in this database (:mod:`hybridllm.audit.witness_pg`) is checked too.
        """
        from hybridllm.audit._pg_verify import verify_instance

        name = instance or self.instance
        return verify_instance(self, name, signer if signer is not None else self._signer, anchors)

    def verify_all(
        self, signer: Signer | None = None, anchors: Anchors | None = None
    ) -> dict[str, VerifyResult]:
        """Verify every instance's chain; also flags rows of an instance with no head row.

        ``anchors`` apply to each instance (``expect_head`` / ``min_records`` suit a log with one
        instance; a witness file holds entries per instance).
        """
        results = {name: self.verify(name, signer, anchors) for name in self.instances()}
        orphans = self._rows(
            "SELECT DISTINCT instance FROM hybridllm_audit a WHERE NOT EXISTS "
            "(SELECT 1 FROM hybridllm_audit_heads h WHERE h.instance = a.instance)",
            (),
        )
        for (name,) in orphans:
            results[str(name)] = VerifyResult(False, 0, problem="chain head row was deleted")
        return results

    def close(self) -> None:
        """Close the connection (with ``checkpoint_every``, after pinning what it wrote)."""
        with self._lock:
            pinning = self._every and self._since_checkpoint and self._signer is not None
            if pinning and self._conn is not None and os.getpid() == self._pid:
                # Best effort, as in SQLite: a failure must not turn a clean close into an error.
                with contextlib.suppress(AuditError):
                    self.checkpoint()
            conn, self._conn = self._conn, None
        if conn is not None and os.getpid() == self._pid:
            conn.close()
            close_witness(self._witness)

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
