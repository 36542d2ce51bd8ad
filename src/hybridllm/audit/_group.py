"""Group commit: many threads' records, one transaction, one fsync; each waits for its own.

A thread that appends queues a :class:`~hybridllm.audit._sqlite.Ticket`. If no other thread is
writing, it becomes the leader: it takes everything queued so far and writes it in one
transaction, then wakes the others. Threads that queued while a leader was writing wait on a
condition (not on the write lock, so nothing convoys behind the I/O); when woken, a thread
whose ticket was written returns, and the first one whose ticket was not becomes the next
leader with everything queued meanwhile. So a record is never acknowledged before the commit
that holds it, and N concurrent appends cost about one commit, not N.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

from hybridllm.audit._sqlite import Ticket
from hybridllm.errors import AuditError
from hybridllm.models import AuditRecord

__all__ = ["GroupCommit"]


class GroupCommit:
    """Batches concurrent appends; ``write`` stores a batch and fills each ticket's result.

    Args:
        write: writes the tickets in order, setting ``stored`` or ``error`` on each. It runs in
            the leader's thread, one batch at a time.
    """

    def __init__(self, write: Callable[[list[Ticket]], None]) -> None:
        """Nothing queued, no leader."""
        self._write = write
        self._cond = threading.Condition(threading.Lock())
        self._queue: list[Ticket] = []
        self._leading = False

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

    def _lead_or_wait(self, ticket: Ticket) -> None:
        with self._cond:
            self._queue.append(ticket)
            while self._leading and not _done(ticket):
                self._cond.wait()
            if _done(ticket):
                return
            self._leading = True
            batch, self._queue = self._queue, []
        try:
            self._write(batch)
        finally:
            for one in batch:
                if not _done(one):  # the leader was interrupted mid-write
                    one.error = AuditError(f"audit record {one.base.id} was not written")
            with self._cond:
                self._leading = False
                self._cond.notify_all()


def _done(ticket: Ticket) -> bool:
    return ticket.stored is not None or ticket.error is not None
