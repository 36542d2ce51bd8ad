"""SQLite audit store: one row per call, linked into a hash chain, durable when ``append`` returns.

Why it is built this way:

- WAL mode with ``synchronous=FULL``: a record that ``append`` returned is on disk even if the
  machine loses power right after, and readers never block the writer.
- ``BEGIN IMMEDIATE`` around "read the last hash, insert the next record": it takes the write lock
  before reading, so two writers (threads or processes) can never link to the same predecessor.
  A busy timeout makes the losers wait instead of failing. A writer killed mid-append leaves an
  uncommitted transaction that SQLite rolls back on the next open: never a half-written record.
- ``seq INTEGER PRIMARY KEY AUTOINCREMENT``: SQLite never reuses an ``AUTOINCREMENT`` value and
  remembers the highest one issued, so a deleted row leaves a gap that :meth:`AuditStore.verify`
  sees, including at the tail of the log.
- ``body`` is the canonical JSON of the whole record and the single source of truth. The other
  columns exist for querying; verification checks that they agree with the body.
- With a signer (:mod:`hybridllm.audit.keys`), each record's hash is signed (``sig``) and every
  ``checkpoint_every`` records a signed checkpoint pins the chain (``audit_checkpoints``), so a
  rewrite with recomputed hashes is caught without a key, and a retention purge
  (:meth:`AuditStore.purge`) leaves a signed cut that the remaining chain starts from.
- Schema changes are a list of migrations applied in order, tracked with ``PRAGMA user_version``.
"""

from __future__ import annotations

import contextlib
import logging
import os
import sqlite3
import threading
import time
from pathlib import Path
from types import TracebackType
from typing import Literal, Self

from pydantic import ValidationError

from hybridllm.audit._group import GroupCommit
from hybridllm.audit._sqlite import (
    BUSY_TIMEOUT_S,
    INDEXED,
    MIGRATIONS,
    TABLE,
    PurgeResult,
    Ticket,
    append_error,
    connect,
    cut_hash,
    write_checkpoint,
)
from hybridllm.audit._store_checkpoints import StoreCheckpoints
from hybridllm.audit._store_read import StoreReads
from hybridllm.audit._sync import Durable, WalSync
from hybridllm.audit.keys import Signer
from hybridllm.audit.record import seal
from hybridllm.audit.verify import (
    VerifyResult,
    record_message,
)
from hybridllm.audit.witness import HeadWitness, close_witness, open_witness
from hybridllm.errors import AuditError
from hybridllm.models import AuditRecord

__all__ = ["MIGRATIONS", "AuditStore", "PurgeResult", "VerifyResult"]

_log = logging.getLogger("hybridllm.audit")


def _normalised(record: AuditRecord) -> AuditRecord:
    """``record`` through JSON and back, unlinked: the stored body then re-parses to exactly
    the record that was hashed (e.g. an int given for a float field becomes a float here)."""
    try:
        data = record.model_dump(mode="json")
        data.update(prev_hash="", hash="")
        return AuditRecord.model_validate(data)
    except (ValidationError, ValueError, TypeError) as exc:
        # The exception text may quote field values; name only its type.
        problem = type(exc).__name__
        raise AuditError(f"audit record {record.id} is not serialisable ({problem})") from exc


class AuditStore(StoreCheckpoints, StoreReads):
    """Append-only, hash-chained audit log in one SQLite file.

    Safe to share between threads (calls are serialised on one connection) and between processes
    (each opens its own store on the same path; SQLite's write lock orders the appends).

    Example::

        signer = HmacSigner(load_audit_key())
        with AuditStore("audit.db", signer=signer) as store:
            stored = store.append(record)
            assert store.verify().ok
    """

    def __init__(
        self,
        path: str | os.PathLike[str],
        *,
        readonly: bool = False,
        signer: Signer | None = None,
        checkpoint_every: int = 1000,
        checkpoint_interval: float | None = None,
        witness: str | os.PathLike[str] | HeadWitness | None = None,
        sync: Literal["full", "intent"] = "full",
        busy_timeout: float = BUSY_TIMEOUT_S,
    ) -> None:
        """Open (and create, with its parent directories, unless ``readonly``) an audit database.

        Args:
            path: the SQLite file.
            readonly: open an existing database without creating or migrating it; ``append``
                then fails. Used by ``hybridllm audit verify/show``.
            signer: signs each record and the checkpoints; also the default for :meth:`verify`.
            checkpoint_every: write a signed checkpoint after every this many records (and when
                a store that appended closes). Needs a signer.
            checkpoint_interval: also write one with the first append at least this many
                seconds after the last checkpoint (None: by count only), so the unpinned tail
                covers a bounded time as well as a bounded count.
            witness: also append every checkpoint this store signs to this file
                (:class:`~hybridllm.audit.witness.Witness`): keep it outside the store's
                directory, so ``verify`` can show a rollback of the whole store. Or any
                :class:`~hybridllm.audit.witness.HeadWitness`, e.g. a PostgreSQL table
                (:class:`~hybridllm.audit.witness_pg.PgWitness`).
            sync: ``"full"``: every append is fsync'd before it returns. ``"intent"``: only
                ``intent`` records (and checkpoints) are; any other record is committed to the
                WAL at once (it survives the process being killed) and reaches the disk with the
                next fsync'd commit or on close, so a power cut in between can only turn a
                finished call back into an open intent, never lose the intent.
            busy_timeout: seconds to wait for another writer's lock before an append fails.

        Raises:
            AuditError: if the file cannot be opened, is not an audit database, or was written
                by a newer version of hybridllm.
        """
        self.path = Path(path)
        self._readonly = readonly
        self._signer = signer
        self._every = max(int(checkpoint_every), 1)
        self._since_checkpoint = 0
        self._interval = checkpoint_interval
        self._last_checkpoint_at = time.monotonic()
        self._witness = open_witness(witness)
        self._sync_all = sync == "full"
        self._busy = busy_timeout
        self._synchronous = "FULL"  # what connect() set
        self._lock = threading.RLock()
        self._group = GroupCommit(self._write_group, self._deferred_failed)
        self._wal_sync = WalSync(self.path)
        self._overlapping = False  # the last intent was committed early
        self.sync_overlap: bool | None = None
        """Whether :meth:`append_early` overlaps the intent's sync with the caller's work:
        None (the default) decides by the measured cost of a sync (see
        :mod:`hybridllm.audit._sync`), True always, False never (a FULL commit)."""
        self._deferred_error: AuditError | None = None
        self.deferred_failures = 0
        """Records queued with :meth:`submit` whose write failed (each also logged)."""
        self.commits = 0
        """Transactions that appended records (fewer than records under group commit)."""
        self._conn: sqlite3.Connection | None = None
        self._pid = os.getpid()
        self._version = len(MIGRATIONS)
        if readonly and not self.path.is_file():
            raise AuditError(f"audit database not found: {self.path}")
        if not readonly:
            try:
                self.path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise AuditError(f"cannot create directory for audit database {self.path}") from exc
        self._conn, self._version = connect(
            self.path, readonly=self._readonly, busy_timeout=self._busy
        )

    @property
    def signer(self) -> Signer | None:
        """The signer given at open time, if any."""
        return self._signer

    # -- connection management -------------------------------------------------------------

    def _connection(self) -> sqlite3.Connection:
        """The live connection; reopened in a forked child, which must not reuse the parent's."""
        if self._conn is None:
            raise AuditError(f"audit store {self.path} is closed")
        if os.getpid() != self._pid:
            self._pid = os.getpid()
            self._conn, self._version = connect(
                self.path, readonly=self._readonly, busy_timeout=self._busy
            )
        return self._conn

    # -- writing -----------------------------------------------------------------------------

    def append(self, record: AuditRecord) -> AuditRecord:
        """Link ``record`` to the end of the chain and store it durably.

        Group commit: records that threads append while another append is being written are
        written together by the next writer, in one transaction (one fsync for all of them);
        each append returns only once the commit holding its record is done.

        Args:
            record: the record to store; its ``prev_hash`` and ``hash`` are overwritten.

        Returns:
            The record as stored, with ``prev_hash`` and ``hash`` filled in.

        Raises:
            AuditError: if the store is read-only or closed, the id is already present, or the
                database cannot be written.
        """
        self._check_writable()
        return self._group.run(Ticket(_normalised(record)))

    def append_early(
        self, record: AuditRecord, *, normalised: bool = False
    ) -> tuple[AuditRecord, Durable]:
        """:meth:`append` an intent record, returning before its fsync is done.

        The record is committed (every reader sees it, and it survives the process being
        killed); it is on disk once the returned :class:`~hybridllm.audit._sync.Durable`'s
        ``wait()`` returns, which the caller must call before anything the record announces
        leaves the machine (an adapter's HTTP client does it right before sending). Where a
        sync is cheap (tmpfs) the record is committed durably at once and ``wait()`` returns
        immediately.

        ``normalised=True`` says that ``record`` was built by validating its fields (the
        ``AuditRecord`` constructor, as every call's records are), so that its JSON already
        parses back to exactly the record and the round trip through JSON is skipped.

        Raises:
            AuditError: as :meth:`append`; ``wait()`` raises it if the sync failed.
        """
        self._check_writable()
        ticket = Ticket(record if normalised else _normalised(record), early=True)
        stored = self._group.run(ticket)
        return stored, ticket.durable

    def submit(self, record: AuditRecord, *, normalised: bool = False) -> AuditRecord:
        """Queue ``record`` to be appended off the caller's path (an outcome record).

        A background writer links and commits it (``synchronous=NORMAL`` unless the store is
        ``sync="full"``), in the order records were queued, or the next :meth:`append` takes it
        into its own transaction ahead of its record. A write that fails is logged, counted in
        :attr:`deferred_failures` and raised as :class:`AuditError` by the next
        :meth:`append`, :meth:`submit`, :meth:`flush` or :meth:`close`. Reads through this
        store (``get``, ``iter_records``, ``verify``, ...) write the queue first; other
        connections see the record once :meth:`flush` returned. ``normalised`` as in
        :meth:`append_early`.

        Returns:
            ``record`` as given (not linked yet: ``hash`` is empty).

        Raises:
            AuditError: the store is read-only or closed, or an earlier queued write failed.
        """
        self._check_writable()
        self._group.submit(Ticket(record, deferred=True, raw=not normalised))
        return record

    def flush(self) -> None:
        """Return once every record queued with :meth:`submit` so far is committed.

        Raises:
            AuditError: a queued record could not be written (see :meth:`submit`).
        """
        self._group.drain()
        self._raise_deferred()

    def _check_writable(self) -> None:
        if self._readonly:
            raise AuditError(f"audit store {self.path} was opened read-only")
        if self._conn is None:
            raise AuditError(f"audit store {self.path} is closed")
        self._raise_deferred()

    def _raise_deferred(self) -> None:
        err, self._deferred_error = self._deferred_error, None
        if err is not None:
            raise err

    def _deferred_failed(self, ticket: Ticket) -> None:
        """A queued (outcome) record was not written: log it, count it, raise it next time."""
        self.deferred_failures += 1
        _log.error(
            "audit record %s (%s) was not written: %s; the next audit write raises it",
            ticket.base.id,
            ticket.base.status,
            ticket.error,
        )
        if self._deferred_error is None:
            self._deferred_error = AuditError(
                f"audit record {ticket.base.id} ({ticket.base.status}) could not be written "
                f"after its call returned: {ticket.error}"
            )

    def _before_read(self) -> None:
        """Reads through this store see every record queued before them."""
        if self._group.pending:
            self._group.drain()

    def _write_group(self, batch: list[Ticket]) -> None:
        """Write a group commit's batch (see :class:`~hybridllm.audit._group.GroupCommit`)."""
        for one in batch:
            if one.raw:  # a deferred record: normalised here, off the caller's path
                one.raw = False
                try:
                    one.base = _normalised(one.base)
                except AuditError as exc:
                    one.error = exc
        batch = [one for one in batch if one.error is None]
        if not batch:
            return
        with self._lock:
            if not self._write_batch(batch) and len(batch) > 1:
                for one in batch:  # one bad record must not fail the others: one by one
                    self._write_batch([one])

    def _write_batch(self, batch: list[Ticket]) -> bool:
        """Write ``batch`` in one transaction; the caller holds the lock. False if it failed."""
        intents = [t for t in batch if t.base.status == "intent"]
        early = bool(intents) and not self._sync_all and self._early(intents)
        if intents:
            self._overlapping = early
        need_sync = self._sync_all or (bool(intents) and not early)
        try:
            conn = self._connection()
            self._set_synchronous(conn, need_sync)
            conn.execute("BEGIN IMMEDIATE")
            try:
                done, written, pinned = self._link(conn, batch)
                t = time.perf_counter()
                conn.execute("COMMIT")
                if intents and need_sync:
                    self._wal_sync.observe_full((time.perf_counter() - t) * 1000)
            except BaseException:
                if conn.in_transaction:
                    conn.execute("ROLLBACK")
                raise
            if early:  # on disk once the syncer's fsync is done; it starts now
                gen = self._wal_sync.start()
                durable = Durable(self._wal_sync, gen, (time.perf_counter() - t) * 1000)
                for intent in intents:
                    intent.durable = durable
        except (sqlite3.Error, AuditError) as exc:
            for ticket in batch:
                ticket.error = append_error(ticket.base.id, exc)
            return False
        self.commits += 1
        for ticket, stored in zip(batch, done, strict=True):
            ticket.stored, ticket.error = stored, None
        self._since_checkpoint = 0 if pinned else self._since_checkpoint + len(batch)
        for one in written:
            self._witnessed(one)
        if not need_sync and all(t.deferred for t in batch) and not self._overlapping:
            # the audit writer's batch: switch back here, off the call path, so that the next
            # call's intent does not pay for it
            with contextlib.suppress(sqlite3.Error):
                self._set_synchronous(conn, True)
        return True

    def _link(
        self, conn: sqlite3.Connection, batch: list[Ticket]
    ) -> tuple[list[AuditRecord], list[tuple[str, str]], bool]:
        """Insert ``batch`` after the head (in the open transaction): the records as stored,
        the checkpoints written (body, sig), and whether one pins the last record."""
        written: list[tuple[str, str]] = []
        done: list[AuditRecord] = []
        pinned = False
        row = conn.execute(
            f"SELECT seq, hash FROM {TABLE} ORDER BY seq DESC LIMIT 1"  # noqa: S608
        ).fetchone()
        prev_hash = str(row[1]) if row else cut_hash(conn, self._version)
        for ticket in batch:
            stored, seq = self._insert(conn, ticket.base, prev_hash)
            prev_hash = stored.hash
            done.append(stored)
            signer = self._signer
            if signer is not None and (seq % self._every == 0 or self._due()):
                pinned = True
                written.append(
                    write_checkpoint(
                        conn,
                        signer,
                        kind="periodic",
                        seq=seq,
                        record_id=stored.id,
                        record_hash=stored.hash,
                    )
                )
        return done, written, pinned

    def _insert(
        self, conn: sqlite3.Connection, base: AuditRecord, prev_hash: str
    ) -> tuple[AuditRecord, int]:
        """Link, hash, sign and insert one record; return it as stored and its seq."""
        stored, body = seal(prev_hash, base)
        values = [getattr(stored, name) for name in INDEXED]
        sig = self._signer.sign(record_message(stored.hash)) if self._signer else ""
        cur = conn.execute(
            f"INSERT INTO {TABLE} ({', '.join(INDEXED)}, body, sig) "  # noqa: S608
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (*values, body, sig),
        )
        return stored, int(cur.lastrowid or 0)

    def _early(self, intents: list[Ticket]) -> bool:
        """Whether these intents are committed early, their sync overlapped (see
        :meth:`append_early`): only when every one of them has a caller that waits for it."""
        if not all(t.early for t in intents) or self._wal_sync.broken:
            return False
        if self.sync_overlap is None:
            return self._wal_sync.wanted()
        return self.sync_overlap

    def _due(self) -> bool:
        """A time-based checkpoint is due (``checkpoint_interval`` passed since the last one)."""
        return (
            self._interval is not None
            and time.monotonic() - self._last_checkpoint_at >= self._interval
        )

    # -- lifecycle -----------------------------------------------------------------------------

    def close(self) -> None:
        """Write what :meth:`submit` queued, checkpoint the WAL into the database file and
        close. Safe to call twice.

        Raises:
            AuditError: a queued record could not be written (the store is closed anyway).
        """
        if self._conn is not None and os.getpid() == self._pid:
            self._group.stop()
            self._wal_sync.stop()
        self._close()
        self._raise_deferred()

    def _close(self) -> None:
        with self._lock:
            conn, self._conn = self._conn, None
            # In a forked child the connection belongs to the parent process: leave it alone.
            if conn is None or os.getpid() != self._pid:
                return
            if self._since_checkpoint and self._signer is not None and not self._readonly:
                # Pin what this store wrote, so cutting it off the end shows. Best effort: a
                # failure here must not turn a clean close into an error.
                self._conn = conn
                with contextlib.suppress(sqlite3.Error, AuditError):
                    self._locked_write("close")
                self._conn = None
            # If another connection is reading, the checkpoint is skipped; SQLite does it later.
            with contextlib.suppress(sqlite3.Error):
                if not self._readonly:
                    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            conn.close()
            close_witness(self._witness)

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
