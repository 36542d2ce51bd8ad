"""Where audit records go besides the SQLite store: a JSONL file (for SIEMs), and a fan-out.

Every sink keeps its *own* chain: records reach sinks in different orders when many processes
write, so a sink re-links each record to its own predecessor (same ``id``, own ``prev_hash`` /
``hash``). Correlate copies across sinks by ``id``.

JSONL line format: the record's canonical JSON with one more key, ``"sig"`` (the signature of the
record's hash, ``""`` when unsigned), and the whole line in canonical form. Appends take an
exclusive ``flock`` on the file (threads and processes), write one line and ``fsync``. A writer
killed mid-line leaves a line without its newline: it was never acknowledged, so the next append
cuts it off and :func:`verify_jsonl` ignores it.
"""

from __future__ import annotations

import contextlib
import fcntl
import itertools
import json
import logging
import os
import random
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator
from pathlib import Path
from types import TracebackType
from typing import Protocol, Self, runtime_checkable

from hybridllm.audit.keys import Signer
from hybridllm.audit.record import canonical_json, compute_hash, record_dict
from hybridllm.audit.verify import ChainBroken, ChainChecker, VerifyResult, record_message
from hybridllm.errors import AuditError
from hybridllm.models import AuditRecord

__all__ = [
    "AuditCopyError",
    "AuditSink",
    "DuplicateAuditRecordError",
    "JsonlSink",
    "ResilientSink",
    "TeeSink",
    "iter_jsonl",
    "verify_jsonl",
]

_CHUNK = 8192
_BATCH = 500
"""Most records a ResilientSink writes in one transaction."""
_log = logging.getLogger("hybridllm.audit")


@runtime_checkable
class AuditSink(Protocol):
    """Anything that durably stores audit records (``AuditStore`` is one)."""

    def append(self, record: AuditRecord) -> AuditRecord:
        """Store ``record`` (linked into this sink's chain); return it as stored."""
        ...

    def close(self) -> None:
        """Release resources."""
        ...


def _line(record: AuditRecord, sig: str) -> str:
    data = record_dict(record)
    data["sig"] = sig
    return canonical_json(data)


def _last_complete_line(fd: int, size: int) -> tuple[bytes | None, int]:
    """The last newline-terminated line (without its newline) and the offset just after it."""
    buf = b""
    pos = size
    while pos > 0:
        start = max(0, pos - _CHUNK)
        buf = os.pread(fd, pos - start, start) + buf
        pos = start
        end = buf.rfind(b"\n")
        if end == -1:
            continue
        begin = buf.rfind(b"\n", 0, end)
        while begin == -1 and pos > 0:  # the line is longer than what was read so far
            start = max(0, pos - _CHUNK)
            chunk = os.pread(fd, pos - start, start)
            buf, pos, end = chunk + buf, start, end + len(chunk)
            begin = buf.rfind(b"\n", 0, end)
        return buf[begin + 1 : end], pos + end + 1
    return None, 0


class JsonlSink:
    """Append-only, hash-chained JSONL file; safe across threads and processes (``flock``)."""

    def __init__(self, path: str | os.PathLike[str], *, signer: Signer | None = None) -> None:
        """Open (creating it and its directory) the JSONL file at ``path``."""
        self.path = Path(path)
        self._signer = signer
        self._lock = threading.Lock()
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._fd: int | None = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o640)
        except OSError as exc:
            raise AuditError(f"cannot open JSONL audit file {self.path}: {exc.strerror}") from None

    def append(self, record: AuditRecord) -> AuditRecord:
        """Link ``record`` to the last line, write it and fsync.

        Raises:
            AuditError: if the sink is closed, the last line is unreadable, or the write fails.
        """
        with self._lock:
            if self._fd is None:
                raise AuditError(f"JSONL audit sink {self.path} is closed")
            fd = self._fd
            fcntl.flock(fd, fcntl.LOCK_EX)
            try:
                size = os.fstat(fd).st_size
                last, good_end = _last_complete_line(fd, size)
                if good_end != size:
                    os.ftruncate(fd, good_end)  # a torn line from a killed writer
                prev_hash = ""
                if last:
                    try:
                        prev_hash = str(json.loads(last)["hash"])
                    except (ValueError, KeyError, TypeError):
                        raise AuditError(f"last line of {self.path} is not a record") from None
                base = record.model_copy(update={"prev_hash": prev_hash, "hash": ""})
                stored = base.model_copy(update={"hash": compute_hash(prev_hash, base)})
                sig = self._signer.sign(record_message(stored.hash)) if self._signer else ""
                data = (_line(stored, sig) + "\n").encode("utf-8")
                os.pwrite(fd, data, good_end)
                os.fsync(fd)
            except OSError as exc:
                raise AuditError(f"cannot write JSONL audit file {self.path}: {exc}") from None
            finally:
                fcntl.flock(fd, fcntl.LOCK_UN)
        return stored

    def close(self) -> None:
        """Close the file. Safe to call twice."""
        with self._lock:
            fd, self._fd = self._fd, None
        if fd is not None:
            os.close(fd)

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


def _complete_lines(path: Path) -> Iterator[tuple[int, bytes]]:
    with path.open("rb") as fh:
        for number, raw in enumerate(fh, start=1):
            if raw.endswith(b"\n"):
                yield number, raw[:-1]


def iter_jsonl(path: str | os.PathLike[str]) -> Iterator[AuditRecord]:
    """Records of a JSONL sink file, or the matching records of an export, in order.

    A torn last line (no newline) is skipped.

    Raises:
        AuditError: naming the line, if a line is not a record.
    """
    lines = _complete_lines(Path(path))
    for number, raw in lines:
        if number == 1:
            from hybridllm.audit.evidence import is_export, iter_export

            if is_export(raw):  # an `audit export` file: its matching record lines
                yield from iter_export(text.decode("utf-8") for _, text in lines)
                return
        try:
            data = json.loads(raw)
            data.pop("sig", None)
            yield AuditRecord.model_validate(data)
        except (ValueError, TypeError, AttributeError):
            raise AuditError(f"{path}:{number} is not an audit record") from None


def verify_jsonl(path: str | os.PathLike[str], signer: Signer | None = None) -> VerifyResult:
    """Verify a JSONL sink file: canonical lines, hash chain, and signatures with ``signer``.

    Line ``n`` plays the part of ``seq`` ``n``: a deleted line breaks the next line's link, a
    changed byte its hash or canonical form, and without the key a recomputed chain still lacks
    valid signatures. An ``hybridllm audit export`` file is checked by
    :func:`hybridllm.audit.evidence_verify.verify_export` instead.

    Returns:
        A :class:`VerifyResult` naming the first bad record.
    """
    checker = ChainChecker(signer)
    try:
        for number, raw in _complete_lines(Path(path)):
            try:
                text = raw.decode("utf-8")
                data = json.loads(text)
                sig = data.pop("sig")
                body = canonical_json(data)
                if canonical_json({**data, "sig": sig}) != text:
                    raise ValueError
            except (ValueError, KeyError, TypeError, AttributeError):
                record_id = data.get("id") if isinstance(locals().get("data"), dict) else None
                raise ChainBroken(
                    record_id if isinstance(record_id, str) else None,
                    f"line {number} is not a canonical signed record line",
                ) from None
            checker.check(number, body, None, str(sig))
        checker.finish()
    except ChainBroken as bad:
        return checker.result(0, bad)
    except OSError as exc:
        return checker.result(0, ChainBroken(None, f"cannot read {path}: {exc.strerror}"))
    return checker.result(0)


class AuditCopyError(AuditError):
    """The primary store has the record, but a required copy (JSONL, PostgreSQL) failed.

    Attributes:
        stored: the record as the primary store keeps it.
    """

    def __init__(self, message: str, *, stored: AuditRecord) -> None:
        """Say what failed; keep the primary's stored record."""
        self.stored = stored
        super().__init__(message)


class DuplicateAuditRecordError(AuditError):
    """A record with this id is stored already (e.g. a retried append that had committed)."""


class TeeSink:
    """Writes each record to a primary store, then to further sinks (e.g. JSONL, PostgreSQL).

    The primary's stored record is returned (its ``id`` is what the caller sees as
    ``audit_id``). If a further sink fails, the others are still written; then, with
    ``strict=True``, :class:`AuditCopyError` is raised, so a lost copy is never silent; with
    ``strict=False`` the failure is counted in ``failures`` and logged (a
    :class:`ResilientSink` copy keeps the record queued and writes it once it is back).
    """

    def __init__(self, primary: AuditSink, *others: AuditSink, strict: bool = True) -> None:
        """Fan out to ``primary`` and ``others``."""
        self.primary = primary
        self.others = others
        self.strict = strict
        self.failures = 0

    def append(self, record: AuditRecord) -> AuditRecord:
        """Append to every sink; see the class docstring for failures."""
        stored = self.primary.append(record)
        failed: list[str] = []
        for sink in self.others:
            try:
                sink.append(stored)  # each re-links it; the primary's hash rides along
            except AuditError as exc:
                failed.append(f"{type(sink).__name__}: {exc}")
        if failed:
            self.failures += len(failed)
            message = f"audit record {stored.id} stored, but a copy failed: " + "; ".join(failed)
            if self.strict:
                raise AuditCopyError(message, stored=stored)
            _log.warning("%s (calls go on: audit_copies_required is false)", message)
        return stored

    def close(self) -> None:
        """Close every sink."""
        for sink in (self.primary, *self.others):
            sink.close()


class ResilientSink:
    """A copy sink that survives its database going away: queue, back off, reconnect.

    Every record is queued first, then the queue is written in order, so a copy that was down
    gets the records it missed (up to ``backlog``; beyond that the oldest are dropped and
    counted in ``dropped``) once it is back. After a failure the sink is closed and not tried
    again until a backoff delay passes (exponential with jitter, ``backoff`` seconds from the
    first to the largest delay), so a dead database costs a call nothing but a quick
    :class:`AuditError`; the next append after the delay opens a fresh sink with ``open_sink``.

    Args:
        open_sink: makes a connected sink (e.g. ``lambda: PostgresSink(dsn, ...)``).
        name: for messages, e.g. ``"PostgreSQL audit copy"``.
        backlog: most records kept while the copy is down.
        backoff: (first, largest) delay in seconds between reconnect attempts.
    """

    def __init__(
        self,
        open_sink: Callable[[], AuditSink],
        name: str,
        *,
        backlog: int = 10_000,
        backoff: tuple[float, float] = (0.5, 30.0),
    ) -> None:
        """Remember how to open the sink; nothing is connected until the first append."""
        self._open = open_sink
        self.name = name
        self._max = max(int(backlog), 1)
        self._backoff = backoff
        self._lock = threading.Lock()
        self._sink: AuditSink | None = None
        self._cond = threading.Condition(threading.Lock())
        self._draining = False
        self._queue: deque[tuple[int, AuditRecord]] = deque()
        self._issued = 0
        self._written = 0
        self._failures = 0
        self._retry_at = 0.0
        self.dropped = 0

    @property
    def pending(self) -> int:
        """Records queued for the copy (not written yet)."""
        return len(self._queue)

    def append(self, record: AuditRecord) -> AuditRecord:
        """Queue ``record`` and write the queue; raise AuditError while the copy is down.

        Group commit: one thread at a time writes everything queued (in one transaction per
        batch when the sink has ``append_many``, as
        :class:`~hybridllm.audit.postgres.PostgresSink` does); threads that queue meanwhile
        wait, and return as soon as a batch holding their record has committed.
        """
        with self._cond:
            if len(self._queue) >= self._max:
                self._queue.popleft()
                self.dropped += 1
            self._issued += 1
            mine = self._issued
            self._queue.append((mine, record))
            while self._draining and self._written < mine:
                self._cond.wait()
            if self._written >= mine:
                return record
            self._draining = True
        try:
            with self._lock:
                self._drain()
        finally:
            with self._cond:
                self._draining = False
                self._cond.notify_all()
        return record

    def flush(self) -> None:
        """Write what is queued now if the copy is reachable (ignoring the backoff delay).

        Raises:
            AuditError: the copy is still down.
        """
        with self._lock:
            self._retry_at = 0.0
            self._drain()

    def _drain(self) -> None:
        """Write what is queued now, in batches; the caller holds ``_lock``."""
        wait = self._retry_at - time.monotonic()
        if wait > 0:
            raise AuditError(
                f"{self.name} is down ({len(self._queue)} record(s) queued); "
                f"next reconnect in {wait:.1f} s"
            )
        with self._cond:
            upto = self._issued  # what arrives later is the next writer's
        try:
            if self._sink is None:
                self._sink = self._open()
            while True:
                with self._cond:
                    batch = [x for x in itertools.islice(self._queue, _BATCH) if x[0] <= upto]
                if not batch:
                    break
                self._write(self._sink, [r for _, r in batch])
                last = batch[-1][0]
                with self._cond:  # drops may have taken from the left meanwhile
                    while self._queue and self._queue[0][0] <= last:
                        self._queue.popleft()
                    self._written = last
                    self._cond.notify_all()
        except AuditError as exc:
            self._down()
            raise AuditError(f"{self.name} failed ({len(self._queue)} queued): {exc}") from None
        self._failures = 0

    @staticmethod
    def _write(sink: AuditSink, records: list[AuditRecord]) -> None:
        many = getattr(sink, "append_many", None)
        if many is not None:
            try:
                many(records)
            except DuplicateAuditRecordError:
                pass  # some committed before a drop: fall back to one by one
            else:
                return
        for record in records:
            with contextlib.suppress(DuplicateAuditRecordError):  # committed before a drop
                sink.append(record)

    def _down(self) -> None:
        sink, self._sink = self._sink, None
        if sink is not None:
            with contextlib.suppress(Exception):
                sink.close()
        self._failures += 1
        first, largest = self._backoff
        delay = min(largest, first * 2 ** (self._failures - 1))
        self._retry_at = time.monotonic() + delay * random.uniform(0.5, 1.0)  # noqa: S311

    def close(self) -> None:
        """Try once more to write the queue, then close the sink."""
        with self._lock:
            if self._queue:
                self._retry_at = 0.0
                with contextlib.suppress(AuditError):
                    self._drain()
            sink, self._sink = self._sink, None
        if sink is not None:
            sink.close()
