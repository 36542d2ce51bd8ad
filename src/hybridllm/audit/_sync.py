"""An intent's fsync overlapped with the request building that follows it (issue 16).

An intent record must be on disk before its request leaves (DESIGN.md invariant 9), not before
the SDK starts building that request (~0.5-1 ms of Python: parameter transforms, headers, the
``httpx`` request). So an *early* intent is committed with ``synchronous=NORMAL`` (into the WAL,
visible to every reader at once, durable only with the next sync), and :class:`WalSync` fsyncs
the WAL file on a background thread while the caller goes on; the adapter's HTTP client waits
for that sync (:class:`Durable`) right before the first byte leaves. A NORMAL commit followed
by an fsync of the WAL is as durable as a FULL commit: a FULL commit is exactly that sync of
the WAL after its frames are written; the store's checkpoints already rely on it (see
``StoreCheckpoints._witnessed``).

Why a handshake: the fsync releases the GIL, but a thread woken while the caller runs Python
code would only get the GIL when the caller blocks (or after the 5 ms switch interval), i.e.
no overlap at all. So the caller waits until the syncer has the GIL and is about to enter the
fsync (two thread switches, ~0.03-0.1 ms), then runs on while the disk works.

Where a sync costs less than that hand-off (tmpfs, a fast disk), or where the hand-off itself
is slow (a machine whose cores are all busy: a woken thread waits for one), overlapping only
adds to the call: the store then commits intents ``synchronous=FULL`` as before. Which of the
two is chosen follows what each cost the caller lately (a moving average of the commit, plus
for an overlapped one the hand-off and the wait before sending); every :data:`PROBE_EVERY` th
intent takes the other way, to measure it again.
"""

from __future__ import annotations

import os
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from hybridllm.errors import AuditError

__all__ = ["DONE", "PROBE_EVERY", "PROBE_MAX", "Durable", "WalSync"]

PROBE_EVERY = 16
"""After this many intents, one takes the way not chosen (FULL or overlapped), to measure it
again; the interval doubles (up to :data:`PROBE_MAX`) while the choice stays the same."""

PROBE_MAX = 512


@dataclass(frozen=True, slots=True)
class Durable:
    """Waits until one early intent is on disk. ``wait()`` raises :class:`AuditError` if the
    sync failed (then the record must not be taken as durable: nothing may be sent)."""

    sync: WalSync | None
    generation: int = 0
    spent_ms: float = 0.0
    """What the caller spent on it so far (the commit and the hand-off)."""

    def wait(self) -> None:
        """Return once the record is durable.

        Raises:
            AuditError: the WAL could not be synced.
        """
        if self.sync is not None:
            self.sync.wait(self.generation, self.spent_ms)

    @property
    def done(self) -> bool:
        """Whether :meth:`wait` would return (or raise) at once."""
        return self.sync is None or self.sync.settled(self.generation)


DONE = Durable(None)
"""An intent committed with ``synchronous=FULL``: durable already."""


class WalSync:
    """Fsyncs one database's WAL on a background thread, one generation after the other.

    :meth:`start` asks for a sync of everything committed so far and returns its generation
    once the syncer is about to run it; :meth:`wait` blocks until a sync of that generation (or
    a later one: one fsync covers every commit before it) is done. After a failed sync, the
    failed generation and every later one raise: an fsync that fails once may "succeed" later
    without the earlier pages being on disk.
    """

    def __init__(self, path: Path) -> None:
        """Nothing asked yet; the thread starts with the first :meth:`start`."""
        self._wal = f"{path}-wal"
        self.full_ms: float | None = None
        """Moving average of what a FULL-committed intent cost its caller; None: unmeasured."""
        self.overlap_ms: float | None = None
        """The same for an overlapped one (commit, hand-off, and the wait before sending)."""
        self._count = 0
        self._interval = PROBE_EVERY
        self._prefer = False
        self._measured = 0
        self._reset()

    def _reset(self) -> None:
        self._cond = threading.Condition(threading.Lock())
        self._asked = self._started = self._done = 0
        self._failed_from: int | None = None
        self._error: AuditError | None = None
        self._fd: int | None = None
        self._ino = -1
        self._thread: threading.Thread | None = None
        self._stopping = False
        self._pid = os.getpid()

    @property
    def broken(self) -> bool:
        """A sync failed: the store commits every intent FULL from now on."""
        return self._failed_from is not None

    def wanted(self) -> bool:
        """Whether the next intent should be committed early and synced here (else FULL)."""
        full, overlap = self.full_ms, self.overlap_ms
        if self.broken or full is None:
            return False
        if overlap is None:
            return True
        prefer = overlap < full
        if prefer != self._prefer:  # the choice flipped: probe the other way soon again
            self._prefer, self._interval, self._count = prefer, PROBE_EVERY, 0
        self._count += 1
        if self._count < self._interval:
            return prefer
        self._count, self._interval = 0, min(self._interval * 2, PROBE_MAX)
        return not prefer

    def observe_full(self, ms: float) -> None:
        """Record what a FULL-committed intent cost (its commit)."""
        self.full_ms = _average(self.full_ms, ms)

    def start(self) -> int:
        """Ask for a sync of what is committed now; the generation to :meth:`wait` for.

        Returns once the syncer is about to fsync (or is busy with an earlier sync, which it
        follows with this one), so that the fsync runs while the caller goes on.

        Raises:
            AuditError: the WAL cannot be opened.
        """
        if os.getpid() != self._pid:  # a forked child: the parent's thread is not here
            if self._fd is not None:
                os.close(self._fd)  # the child's copy of the parent's fd
            self._reset()
        self._open()
        with self._cond:
            if self._thread is None or not self._thread.is_alive():
                self._stopping = False
                self._thread = threading.Thread(
                    target=self._loop, name="hybridllm-audit-sync", daemon=True
                )
                self._thread.start()
            self._asked += 1
            gen = self._asked
            idle = self._started == self._done
            self._cond.notify_all()
            while idle and self._started < gen and self._failed_from is None:
                self._cond.wait()
        return gen

    def _open(self) -> None:
        """Keep an fd of the current WAL file (a new one after SQLite recreated it)."""
        try:
            ino = os.stat(self._wal).st_ino
        except OSError as exc:
            raise AuditError(f"cannot sync audit WAL {self._wal}: {exc.strerror}") from None
        if ino == self._ino and self._fd is not None:
            return
        with self._cond:
            while self._started != self._done:  # never close an fd the syncer is using
                self._cond.wait()
            if self._fd is not None:
                os.close(self._fd)
                self._fd = None
            try:
                self._fd = os.open(self._wal, os.O_RDONLY)
                # A new file's directory entry must be durable too (SQLite syncs the
                # directory once for a new WAL).
                dirfd = os.open(os.path.dirname(self._wal) or ".", os.O_RDONLY)
                try:
                    os.fsync(dirfd)
                finally:
                    os.close(dirfd)
            except OSError as exc:
                raise AuditError(f"cannot sync audit WAL {self._wal}: {exc.strerror}") from None
            self._ino = ino

    def _loop(self) -> None:
        while True:
            with self._cond:
                while not self._stopping and self._asked <= self._started:
                    self._cond.wait()
                if self._asked <= self._started:
                    return
                gen = self._started = self._asked
                fd = self._fd
                self._cond.notify_all()
            error: OSError | None = None
            try:
                assert fd is not None
                os.fdatasync(fd)  # as SQLite syncs its WAL; releases the GIL meanwhile
            except OSError as exc:
                error = exc
            with self._cond:
                if error is not None and self._failed_from is None:
                    self._failed_from = gen
                    self._error = AuditError(f"cannot sync audit WAL {self._wal}: {error.strerror}")
                self._done = gen
                self._cond.notify_all()

    def settled(self, gen: int) -> bool:
        """Whether generation ``gen`` is synced or failed."""
        return self._done >= gen or (self._failed_from is not None and gen >= self._failed_from)

    def wait(self, gen: int, spent_ms: float = 0.0) -> None:
        """Block until generation ``gen`` is durable; the first wait for a generation records
        what it cost the caller (``spent_ms`` before, plus the time blocked here).

        Raises:
            AuditError: its sync (or an earlier one) failed.
        """
        t = time.perf_counter()
        with self._cond:
            while not self.settled(gen):
                self._cond.wait()
            failed = self._failed_from is not None and gen >= self._failed_from
            if gen > self._measured and not failed:
                self._measured = gen
                blocked = (time.perf_counter() - t) * 1000
                self.overlap_ms = _average(self.overlap_ms, spent_ms + blocked)
        if failed:
            assert self._error is not None
            raise AuditError(str(self._error))

    def stop(self) -> None:
        """Finish the syncs asked for, end the thread, close the fd."""
        with self._cond:
            self._stopping = True
            self._cond.notify_all()
            thread = self._thread
        if thread is not None and thread is not threading.current_thread():
            thread.join(timeout=5.0)
        with self._cond:
            if self._fd is not None and self._started == self._done:
                os.close(self._fd)
                self._fd = None
                self._ino = -1


def _average(avg: float | None, ms: float) -> float:
    return ms if avg is None else 0.8 * avg + 0.2 * ms
