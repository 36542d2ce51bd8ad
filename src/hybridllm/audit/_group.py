"""Group commit: many threads' records, one transaction, one fsync; each waits for its own.

A thread that appends queues a :class:`~hybridllm.audit._sqlite.Ticket`. If no other thread is
writing, it becomes the leader: it takes everything queued so far and writes it in one
transaction, then wakes the others. Threads that queued while a leader was writing wait on a
condition (not on the write lock, so nothing convoys behind the I/O); when woken, a thread
whose ticket was written returns, and the first one whose ticket was not becomes the next
leader with everything queued meanwhile. So a record is never acknowledged before the commit
that holds it, and N concurrent appends cost about one commit, not N.

Deferred tickets (:meth:`GroupCommit.submit`, the outcome records of calls) join the same queue
without waiting: a background writer thread leads their commit, or the next appender takes
them into its own transaction, ahead of its record. So records reach the log in the order they
were queued, and a failed deferred write is reported to ``on_failed`` (never dropped silently).
"""

from __future__ import annotations

import atexit
import contextlib
import os
import threading
import weakref
from collections.abc import Callable

from hybridllm.audit._sqlite import Ticket
from hybridllm.errors import AuditError
from hybridllm.models import AuditRecord

__all__ = ["GroupCommit", "drain_at_exit"]

_live: weakref.WeakSet[GroupCommit] = weakref.WeakSet()


class GroupCommit:
    """Batches concurrent appends; ``write`` stores a batch and fills each ticket's result.

    Args:
        write: writes the tickets in order, setting ``stored`` or ``error`` on each. It runs in
            the leader's thread, one batch at a time.
        on_failed: called (in the leader's thread, outside any lock, before the leadership is
            handed over) with each deferred ticket whose write failed.
    """

    def __init__(
        self,
        write: Callable[[list[Ticket]], None],
        on_failed: Callable[[Ticket], None] | None = None,
    ) -> None:
        """Nothing queued, no leader, no background writer yet."""
        self._write = write
        self._on_failed = on_failed
        lock = threading.Lock()
        self._cond = threading.Condition(lock)
        # the background writer waits on a condition of its own (same lock), so that a commit
        # wakes it only when deferred work is left, not after every append
        self._work = threading.Condition(lock)
        self._queue: list[Ticket] = []
        self._leading = False
        self._writer: threading.Thread | None = None
        self._stopping = False
        _live.add(self)

    def run(self, ticket: Ticket) -> AuditRecord:
        """Queue ``ticket``; once a commit has written it, return the record as stored.

        Raises:
            AuditError: the commit failed for this record.
        """
        self._lead_or_wait(ticket)
        if ticket.error is not None:
            raise ticket.error
        assert ticket.stored is not None
        return ticket.stored

    def submit(self, ticket: Ticket) -> None:
        """Queue a deferred ticket and return at once; the background writer commits it."""
        with self._cond:
            self._queue.append(ticket)
            if self._writer is None or not self._writer.is_alive():
                self._stopping = False
                self._writer = threading.Thread(
                    target=self._write_loop, name="hybridllm-audit-writer", daemon=True
                )
                self._writer.start()
            if not self._leading:
                self._work.notify()

    @property
    def pending(self) -> bool:
        """Something is queued or being written."""
        return bool(self._queue) or self._leading

    def drain(self) -> None:
        """Return once everything queued before this call is written (or has failed)."""
        while True:
            with self._cond:
                while self._leading:
                    self._cond.wait()
                if not self._queue:
                    return
                self._leading = True
                batch, self._queue = self._queue, []
            self._lead(batch)

    def stop(self) -> None:
        """Write what is queued, then end the background writer."""
        self.drain()
        with self._cond:
            self._stopping = True
            self._work.notify()
            writer = self._writer
        if writer is not None and writer is not threading.current_thread():
            writer.join(timeout=5.0)

    def _write_loop(self) -> None:
        while True:
            with self._cond:
                while not self._stopping and (self._leading or not self._queue):
                    self._work.wait()
                if self._stopping:
                    return
                self._leading = True
                batch, self._queue = self._queue, []
            self._lead(batch)

    def _lead_or_wait(self, ticket: Ticket) -> None:
        with self._cond:
            self._queue.append(ticket)
            while self._leading and not _done(ticket):
                self._cond.wait()
            if _done(ticket):
                return
            self._leading = True
            batch, self._queue = self._queue, []
        self._lead(batch)

    def _lead(self, batch: list[Ticket]) -> None:
        """Write ``batch`` as the leader (``_leading`` is set), then hand over."""
        try:
            self._write(batch)
        finally:
            for one in batch:
                if not _done(one):  # the leader was interrupted mid-write
                    one.error = AuditError(f"audit record {one.base.id} was not written")
            try:
                # Reported before the leadership is handed over: a drain() that returns has
                # seen every failure of what it waited for (reported after it, a flush() on
                # another thread returned first and raised nothing; seen under load).
                if self._on_failed is not None:
                    for one in batch:
                        if one.deferred and one.error is not None:
                            self._on_failed(one)
            finally:
                with self._cond:
                    self._leading = False
                    self._cond.notify_all()
                    if self._queue:  # queued meanwhile: the writer takes it if no appender does
                        self._work.notify()

    def _after_fork(self) -> None:
        # The parent's writer thread does not exist here, and its queue is the parent's to
        # write (writing it here too would duplicate records).
        lock = threading.Lock()
        self._cond = threading.Condition(lock)
        self._work = threading.Condition(lock)
        self._queue = []
        self._leading = False
        self._writer = None


def _done(ticket: Ticket) -> bool:
    return ticket.stored is not None or ticket.error is not None


def _reset_after_fork() -> None:
    for group in list(_live):
        group._after_fork()


@atexit.register
def drain_at_exit() -> None:
    """Process exit: write every deferred record still queued (the writer is a daemon)."""
    for group in list(_live):
        with contextlib.suppress(Exception):
            group.drain()


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_reset_after_fork)
