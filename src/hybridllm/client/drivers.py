"""The sync and async drivers of :mod:`hybridllm.core.flow`: run its effects, retry, cool down.

Mixed into the clients. Retries are tenacity's (``retry_kwargs``); the per-target cooldown is
shared by all calls of a client; a stream commits to a target only once text has arrived.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator, Awaitable, Callable, Generator, Iterator
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from hybridllm.adapters import CallOptions, StreamDelta
from hybridllm.adapters._gate import gated
from hybridllm.adapters.base import malformed
from hybridllm.audit._sync import Durable
from hybridllm.client.resilience import (
    Attempted,
    Breakers,
    TimeBoundError,
    arun_bounded,
    attempt_async,
    attempt_sync,
    attempt_timeouts,
)
from hybridllm.core.flow import Call, CallResult, Classify, Flow, StreamSession, WriteAudit
from hybridllm.errors import AuditError, HybridLLMError
from hybridllm.models import AuditRecord, Classification, Completion

__all__ = ["DriverMixin"]


def _stream_result(opened: Attempted[tuple[list[StreamDelta], Any]]) -> CallResult:
    head, rest = opened.value if opened.value is not None else ([], None)
    return CallResult(
        head=head,
        rest=rest,
        error=opened.error,
        attempts=opened.attempts,
        latency_ms=opened.latency_ms,
    )


def _options(call: Call) -> CallOptions:
    """The call's options with this attempt's timeouts (computed when the attempt starts)."""
    timeouts = attempt_timeouts(
        call.config,
        call.deadline_at,
        stream=call.stream,
        max_tokens=call.options.max_tokens,
        has_next=call.has_next,
        prompt_chars=sum(len(m.content) for m in call.request.messages),
    )
    return replace(call.options, timeouts=timeouts)


class _NotDurable(BaseException):
    """An early intent's sync failed: carries the ``AuditError`` past the flow (see
    :meth:`DriverMixin._drive_sync`)."""

    def __init__(self, error: AuditError) -> None:
        super().__init__()
        self.error = error


def _settle(gate: Durable) -> None:
    """Wait for an early intent's sync; :class:`_NotDurable` if it failed."""
    try:
        gate.wait()
    except AuditError as exc:
        raise _NotDurable(exc) from None


def _no_send(effect: Any) -> bool:
    return isinstance(effect, Classify | WriteAudit)


def _gated_call(call: Callable[[Any], Any], effect: Any, gate: Durable) -> Any:
    """Run a provider call whose intent may not be on disk yet (see ``_drive_sync``)."""
    if not getattr(getattr(effect, "adapter", None), "gates_send", False):
        _settle(gate)
        return call(effect)
    try:
        with gated(gate):
            return call(effect)
    finally:
        _settle(gate)  # done long ago unless the adapter never reached its send


def _opened(call: Call, head: list[StreamDelta]) -> None:
    """A stream that ended before any text or finish reason is no reply (an empty event
    stream): an error, so that the next target can answer."""
    if not any(d.text for d in head) and not any(d.finish_reason for d in head):
        raise malformed(call.target, "stream ended without a reply")


class DriverMixin:
    """Runs completion flows: ``_run_sync`` / ``_run_async`` and the stream pumps."""

    breakers: Breakers

    if TYPE_CHECKING:  # provided by BaseClient

        def _classify(
            self, texts: tuple[str, ...], timeout: float | None = None
        ) -> Classification | Exception: ...
        def _append(self, record: AuditRecord) -> AuditRecord: ...
        def _append_intent(self, record: AuditRecord) -> tuple[AuditRecord, Durable | None]: ...
        def _defers(self, record: AuditRecord) -> bool: ...

    # -- sync driver -------------------------------------------------------------

    def _check(self, call: Call) -> CallResult:
        """The breaker's verdict on ``call``: refused (an error), or go ahead (notes only)."""
        err = self.breakers.refusal(call.target, call.config)
        return CallResult(error=err, attempts=0, notes=self.breakers.notes())

    def _settle(self, call: Call, result: CallResult, notes: tuple[str, ...] = ()) -> CallResult:
        if call.stream and result.error is None:
            # A stream is judged when it ends (see _stream_settle): one that breaks after its
            # first token is a failure of this target, and must count toward its breaker.
            self.breakers.release(call.target)
        else:
            self.breakers.settle(call.target, call.config, result.error)
        every = (*result.notes, *notes, *self.breakers.notes())
        if every:
            result.notes = tuple(dict.fromkeys(every))
        return result

    def _stream_settle(self, session: StreamSession, error: BaseException | None) -> None:
        call = session.call
        if error is None:
            self.breakers.settle(call.target, call.config, None)
        elif isinstance(error, HybridLLMError):
            self.breakers.settle(call.target, call.config, error)

    def _call_sync(self, call: Call) -> CallResult:
        checked = self._check(call)
        if checked.error is not None:
            return checked
        return self._settle(call, self._attempt_sync(call), checked.notes)

    def _attempt_sync(self, call: Call) -> CallResult:
        if not call.stream:
            whole = attempt_sync(
                call.target,
                call.config,
                call.deadline_at,
                lambda: call.adapter.complete(call.request, _options(call)),
                has_next=call.has_next,
            )
            return CallResult(
                response=whole.value,
                error=whole.error,
                attempts=whole.attempts,
                latency_ms=whole.latency_ms,
            )

        def open_stream() -> tuple[list[StreamDelta], Iterator[StreamDelta]]:
            # Commit to this target only once real text arrived (OpenAI's first event carries
            # only the role): until then a failure can still fall back.
            it = iter(call.adapter.stream(call.request, _options(call)))
            head: list[StreamDelta] = []
            for delta in it:
                head.append(delta)
                if delta.text:
                    break
            else:
                _opened(call, head)
            return head, it

        opened = attempt_sync(
            call.target, call.config, call.deadline_at, open_stream, has_next=call.has_next
        )
        return _stream_result(opened)

    def _run_sync(self, flow: Flow) -> Completion | StreamSession:
        result: Completion | StreamSession = self._drive_sync(flow, self._call_sync)
        return result

    def _drive_sync(self, flow: Generator[Any, Any, Any], call: Callable[[Any], Any]) -> Any:
        """Run a flow's effects (``call`` runs its provider calls); the flow's return value.

        An exception while running an effect (``KeyboardInterrupt``, an audit error) is thrown
        into the flow, which records the interrupted call and re-raises.

        An intent record may come back before its fsync is done (``AuditStore.append_early``):
        the provider call that follows runs with it as its send gate (the adapter's HTTP client
        waits for it just before sending; for an adapter without that hook, the driver waits
        first), so the sync overlaps the SDK's request building. If the intent cannot be made
        durable, nothing was sent: the flow is closed and the ``AuditError`` raised, exactly
        as when the intent's write fails.
        """
        send: Any = None
        interrupted: BaseException | None = None
        gate: Durable | None = None
        while True:
            try:
                effect = flow.send(send) if interrupted is None else flow.throw(interrupted)
            except StopIteration as stop:
                return stop.value
            try:
                if gate is not None and (interrupted is not None or _no_send(effect)):
                    pending, gate = gate, None
                    _settle(pending)  # nothing else runs before the intent is on disk
                if isinstance(effect, Classify):
                    send = self._classify(effect.texts, effect.timeout)
                elif isinstance(effect, WriteAudit):
                    if effect.record.status == "intent" and interrupted is None:
                        send, gate = self._append_intent(effect.record)
                    else:
                        send = self._append_or_abort(flow, effect.record, interrupted)
                elif gate is None:
                    send = call(effect)
                else:
                    pending, gate = gate, None
                    send = _gated_call(call, effect, pending)
            except _NotDurable as failed:
                flow.close()
                raise failed.error from None
            except BaseException as exc:  # KeyboardInterrupt, an audit error: the flow decides
                interrupted = exc
                continue
            interrupted = None

    def _append_or_abort(
        self, flow: Generator[Any, Any, Any], record: AuditRecord, interrupted: BaseException | None
    ) -> AuditRecord:
        """Append; while recording an interrupted call, a failed write yields to the interrupt.

        The interrupted call's intent is already durable, so if its outcome cannot be written the
        log shows an intent without an outcome (as after a crash), and the caller gets the
        original exception rather than the audit error.
        """
        if interrupted is None:
            return self._append(record)
        try:
            return self._append(record)
        except Exception:
            flow.close()
            raise interrupted from None

    def abandon(self, session: StreamSession) -> None:
        """Record a stream that was dropped before it was read to the end (best effort).

        The payload already reached the target when the stream opened, so the intent needs an
        outcome: ``error`` / ``StreamAbandoned``.
        """
        if not session.settled:
            with contextlib.suppress(Exception):
                self._append(session.failed("StreamAbandoned"))

    def _chunks_sync(self, session: StreamSession) -> Iterator[str]:
        try:
            for delta in session.head:
                if out := session.feed(delta):
                    yield out
            for delta in session.rest:
                if out := session.feed(delta):
                    yield out
        except BaseException as exc:
            self._stream_settle(session, exc)
            if not session.settled:
                self._append(session.failed(exc))
            raise
        self._stream_settle(session, None)
        tail, record = session.finish()
        session.done(self._append(record))  # before the last chunk: the caller may stop there
        if tail:
            yield tail

    # -- async driver ------------------------------------------------------------

    async def _call_async(self, call: Call) -> CallResult:
        # Shared breakers ask Redis: in a worker thread, never on the event loop.
        shared = self.breakers.shared is not None
        checked = await asyncio.to_thread(self._check, call) if shared else self._check(call)
        if checked.error is not None:
            return checked
        result = await self._attempt_async(call)
        if shared:
            return await asyncio.to_thread(self._settle, call, result, checked.notes)
        return self._settle(call, result, checked.notes)

    async def _attempt_async(self, call: Call) -> CallResult:
        if not call.stream:
            whole = await attempt_async(
                call.target,
                call.config,
                call.deadline_at,
                lambda: call.adapter.acomplete(call.request, _options(call)),
                has_next=call.has_next,
            )
            return CallResult(
                response=whole.value,
                error=whole.error,
                attempts=whole.attempts,
                latency_ms=whole.latency_ms,
            )

        async def open_stream() -> tuple[list[StreamDelta], AsyncIterator[StreamDelta]]:
            it = call.adapter.astream(call.request, _options(call)).__aiter__()
            head: list[StreamDelta] = []
            async for delta in it:
                head.append(delta)
                if delta.text:
                    break
            else:
                _opened(call, head)
            return head, it

        opened = await attempt_async(
            call.target, call.config, call.deadline_at, open_stream, has_next=call.has_next
        )
        return _stream_result(opened)

    async def _aclassify(self, effect: Classify) -> Classification | Exception:
        # Bounded on the loop, run on the bounded pool (see run_bounded): a classifier that
        # overruns fails the call closed, and its abandoned thread holds no slot of the loop's
        # default executor; the caller's cancellation propagates.
        if effect.timeout is None:
            return await asyncio.to_thread(self._classify, effect.texts)
        try:
            return await arun_bounded(lambda: self._classify(effect.texts), effect.timeout)
        except TimeBoundError as exc:
            return exc

    async def _aappend(self, record: AuditRecord) -> AuditRecord:
        if self._defers(record):  # queued for the audit writer: nothing to wait for
            return self._append(record)
        return await asyncio.to_thread(self._append, record)

    async def _run_async(self, flow: Flow) -> Completion | StreamSession:
        result: Completion | StreamSession = await self._drive_async(flow, self._call_async)
        return result

    async def _drive_async(
        self, flow: Generator[Any, Any, Any], call: Callable[[Any], Awaitable[Any]]
    ) -> Any:
        """Async :meth:`_drive_sync`."""
        send: Any = None
        interrupted: BaseException | None = None
        while True:
            try:
                effect = flow.send(send) if interrupted is None else flow.throw(interrupted)
            except StopIteration as stop:
                return stop.value
            try:
                if isinstance(effect, Classify):
                    send = await self._aclassify(effect)
                elif not isinstance(effect, WriteAudit):
                    send = await call(effect)
                elif interrupted is not None:
                    # On the loop thread: a cancelled task must not await again.
                    send = self._append_or_abort(flow, effect.record, interrupted)
                else:
                    send = await self._aappend(effect.record)
            except BaseException as exc:  # cancelled, an audit error: the flow decides
                interrupted = exc
                continue
            interrupted = None

    async def _chunks_async(self, session: StreamSession) -> AsyncIterator[str]:
        try:
            for delta in session.head:
                if out := session.feed(delta):
                    yield out
            async for delta in session.rest:
                if out := session.feed(delta):
                    yield out
        except BaseException as exc:
            self._stream_settle(session, exc)
            if not session.settled:
                # On the loop thread: after a cancellation, awaiting again may be cancelled too.
                self._append(session.failed(exc))
            raise
        self._stream_settle(session, None)
        tail, record = session.finish()
        session.done(await self._aappend(record))
        if tail:
            yield tail
