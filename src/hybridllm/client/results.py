"""Result and scope objects handed to callers: streams of restored chunks, conversations."""

from __future__ import annotations

import atexit
import contextlib
import gc
import queue
import uuid
from collections.abc import AsyncIterator, Callable, Iterator
from typing import TYPE_CHECKING, Any

from hybridllm.core.flow import StreamSession
from hybridllm.models import Completion, Route
from hybridllm.redaction import forget, open_vault

if TYPE_CHECKING:
    from hybridllm.client.base import BaseClient

__all__ = [
    "AsyncCompletionStream",
    "CompletionStream",
    "Conversation",
    "no_chunks",
    "run_deferred_finalisers",
]

# A stream's finaliser writes its outcome record. When the cyclic garbage collector runs it, it
# may have interrupted this very thread inside a lock that write needs (the group commit's, the
# client's): writing there would deadlock. So a finaliser called during a collection only
# queues its work (``SimpleQueue.put`` is reentrant: made for ``__del__``), and the next audit
# write, ``flush_audit()``, ``close()`` or the process exit runs it. A stream dropped by its
# last reference (no collection running) is still recorded at once.
_collecting = False
_deferred: queue.SimpleQueue[Callable[[], object]] = queue.SimpleQueue()


def _gc_phase(phase: str, _info: dict[str, int]) -> None:
    global _collecting  # noqa: PLW0603 - one process-wide flag, set by the collector only
    _collecting = phase == "start"


gc.callbacks.append(_gc_phase)


def _finalise(job: Callable[[], object]) -> None:
    if _collecting:
        _deferred.put(job)
    else:
        with contextlib.suppress(Exception):
            job()


def run_deferred_finalisers() -> None:
    """Run the stream finalisers queued during garbage collections (best effort)."""
    while not _deferred.empty():
        try:
            job = _deferred.get_nowait()
        except queue.Empty:
            return
        with contextlib.suppress(Exception):
            job()


@atexit.register
def _at_exit() -> None:
    run_deferred_finalisers()
    # what they queued for the audit writer is written now (whichever exit hook ran first)
    from hybridllm.audit._group import drain_at_exit

    drain_at_exit()


class _StreamInfo:
    """Where a stream goes, known as soon as it has started (before its audit record)."""

    _session: StreamSession | None
    _blocked: Completion | None

    @property
    def target(self) -> str | None:
        """The target answering this stream (None when blocked)."""
        if self._session is None:
            return self._blocked.target if self._blocked is not None else None
        return self._session._call.target

    @property
    def route(self) -> Route:
        """``local`` or ``cloud`` (where the payload went), or ``blocked``."""
        if self._session is None:
            return self._blocked.route if self._blocked is not None else "blocked"
        return "local" if self._session._call.adapter.locality == "local" else "cloud"


class Conversation:
    """A redaction scope over several calls of one client (see :meth:`Client.conversation`)."""

    def __init__(self, client: BaseClient, conversation_id: str | None = None) -> None:
        self.client = client
        self.id = conversation_id or uuid.uuid4().hex
        self.vault = open_vault(client.settings.redaction, self.id)

    def __repr__(self) -> str:
        return f"Conversation(id={self.id!r}, {self.vault!r})"

    def forget(self) -> None:
        """Erase this conversation's placeholder map here and in its store (right to erasure).

        Raises:
            VaultUnavailableError: the shared store could not be reached.
        """
        forget(self.client.settings.redaction, self.id)
        self.vault._clear()

    def complete(self, prompt: Any, **kwargs: Any) -> Any:
        """``client.complete(prompt, conversation=self, ...)`` (sync clients only)."""
        from hybridllm.client.clients import Client

        if not isinstance(self.client, Client):
            raise TypeError("use `await conversation.acomplete(...)` with an AsyncClient")
        return self.client.complete(prompt, conversation=self, **kwargs)

    async def acomplete(self, prompt: Any, **kwargs: Any) -> Any:
        """``await client.acomplete(prompt, conversation=self, ...)``."""
        return await self.client.acomplete(prompt, conversation=self, **kwargs)


class CompletionStream(_StreamInfo):
    """Iterate over restored text chunks. ``completion`` is set once the stream has ended.

    The payload reached the target when the stream was opened, so a stream that is dropped
    unread (or closed early) still gets its outcome audit record: ``close()`` (also on ``with``
    exit and when the object is garbage-collected) records it as ``StreamAbandoned``.
    """

    def __init__(
        self,
        chunks: Iterator[str],
        session: StreamSession | None,
        blocked: Completion | None,
        abandon: Callable[[StreamSession], None] | None = None,
    ):
        self._chunks = chunks
        self._session = session
        self._blocked = blocked
        self._abandon = abandon

    def __iter__(self) -> Iterator[str]:
        # The stream is its own iterator: a ``for`` loop then keeps it (and its finaliser) alive.
        return self

    def __next__(self) -> str:
        return next(self._chunks)

    @property
    def completion(self) -> Completion | None:
        """The final result (route, target, usage, audit_id), after the last chunk."""
        return self._blocked if self._session is None else self._session.completion

    def close(self) -> None:
        """Stop reading; an unfinished stream is audited as abandoned. Safe to call twice."""
        close = getattr(self._chunks, "close", None)
        if callable(close):
            close()
        if self._session is not None and self._abandon is not None:
            self._abandon(self._session)

    def __enter__(self) -> CompletionStream:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __del__(self) -> None:
        _finalise(self.close)


class AsyncCompletionStream(_StreamInfo):
    """Async twin of :class:`CompletionStream` (``aclose()``, ``async with``)."""

    def __init__(
        self,
        chunks: AsyncIterator[str],
        session: StreamSession | None,
        blocked: Completion | None,
        abandon: Callable[[StreamSession], None] | None = None,
    ):
        self._chunks = chunks
        self._session = session
        self._blocked = blocked
        self._abandon = abandon

    def __aiter__(self) -> AsyncIterator[str]:
        return self

    async def __anext__(self) -> str:
        return await self._chunks.__anext__()

    @property
    def completion(self) -> Completion | None:
        """The final result, after the last chunk."""
        return self._blocked if self._session is None else self._session.completion

    def _settle(self) -> None:
        if self._session is not None and self._abandon is not None:
            self._abandon(self._session)

    async def aclose(self) -> None:
        """Stop reading; an unfinished stream is audited as abandoned. Safe to call twice."""
        aclose = getattr(self._chunks, "aclose", None)
        if callable(aclose):
            await aclose()
        self._settle()

    async def __aenter__(self) -> AsyncCompletionStream:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.aclose()

    def __del__(self) -> None:
        # No loop to run aclose() on here: record the outcome directly; an async generator
        # that was part-read is finalised by asyncio later and sees the outcome already written.
        _finalise(self._settle)


async def no_chunks() -> AsyncIterator[str]:
    return
    yield  # pragma: no cover
