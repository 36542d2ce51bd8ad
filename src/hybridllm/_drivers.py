"""The sync and async drivers of :mod:`hybridllm._flow`: run its effects, retry, cool down.

Mixed into the clients. Retries are tenacity's (``retry_kwargs``); the per-target cooldown is
shared by all calls of a client; a stream commits to a target only once text has arrived.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator, Iterator
from typing import TYPE_CHECKING, Any

from tenacity import AsyncRetrying, Retrying

from hybridllm._flow import Call, CallResult, Classify, Flow, StreamSession, WriteAudit
from hybridllm._resilience import Breakers, as_hop_error, retry_kwargs
from hybridllm.adapters import StreamDelta
from hybridllm.models import AuditRecord, Classification, Completion

__all__ = ["DriverMixin"]


class DriverMixin:
    """Runs completion flows: ``_run_sync`` / ``_run_async`` and the stream pumps."""

    breakers: Breakers

    if TYPE_CHECKING:  # provided by _BaseClient

        def _classify(self, texts: tuple[str, ...]) -> Classification | Exception: ...
        def _append(self, record: AuditRecord) -> AuditRecord: ...

    # -- sync driver -------------------------------------------------------------

    def _cooling(self, call: Call) -> CallResult | None:
        err = self.breakers.refusal(call.target, call.config)
        return None if err is None else CallResult(error=err, attempts=0)

    def _settle(self, call: Call, result: CallResult) -> CallResult:
        self.breakers.settle(call.target, call.config, result.error)
        return result

    def _call_sync(self, call: Call) -> CallResult:
        return self._cooling(call) or self._settle(call, self._attempt_sync(call))

    def _attempt_sync(self, call: Call) -> CallResult:
        t = time.perf_counter()
        attempts = 0
        try:
            for attempt in Retrying(**retry_kwargs(call.config, call.deadline_at)):
                with attempt:
                    attempts = attempt.retry_state.attempt_number
                    if call.stream:
                        it = iter(call.adapter.stream(call.request, call.options))
                        # Commit to this target only once real text arrived (OpenAI's first
                        # event carries only the role): until then a failure can fall back.
                        head: list[StreamDelta] = []
                        for delta in it:
                            head.append(delta)
                            if delta.text:
                                break
                        return CallResult(
                            head=head,
                            rest=it,
                            attempts=attempts,
                            latency_ms=(time.perf_counter() - t) * 1000,
                        )
                    resp = call.adapter.complete(call.request, call.options)
                    return CallResult(
                        response=resp,
                        attempts=attempts,
                        latency_ms=(time.perf_counter() - t) * 1000,
                    )
        except Exception as exc:
            return CallResult(
                error=as_hop_error(exc, call.target),
                attempts=attempts,
                latency_ms=(time.perf_counter() - t) * 1000,
            )
        raise AssertionError("unreachable")  # pragma: no cover

    def _run_sync(self, flow: Flow) -> Completion | StreamSession:
        send: Any = None
        while True:
            try:
                effect = flow.send(send)
            except StopIteration as stop:
                result: Completion | StreamSession = stop.value
                return result
            if isinstance(effect, Classify):
                send = self._classify(effect.texts)
            elif isinstance(effect, Call):
                send = self._call_sync(effect)
            else:
                send = self._append(effect.record)

    def _chunks_sync(self, session: StreamSession) -> Iterator[str]:
        try:
            for delta in session.head:
                if out := session.feed(delta):
                    yield out
            for delta in session.rest:
                if out := session.feed(delta):
                    yield out
        except BaseException as exc:
            self._append(session.failed(exc))
            raise
        tail, record = session.finish()
        if tail:
            yield tail
        session.done(self._append(record))

    # -- async driver ------------------------------------------------------------

    async def _call_async(self, call: Call) -> CallResult:
        return self._cooling(call) or self._settle(call, await self._attempt_async(call))

    async def _attempt_async(self, call: Call) -> CallResult:
        t = time.perf_counter()
        attempts = 0
        try:
            async for attempt in AsyncRetrying(**retry_kwargs(call.config, call.deadline_at)):
                with attempt:
                    attempts = attempt.retry_state.attempt_number
                    if call.stream:
                        it = call.adapter.astream(call.request, call.options).__aiter__()
                        ahead: list[StreamDelta] = []
                        async for delta in it:
                            ahead.append(delta)
                            if delta.text:
                                break
                        return CallResult(
                            head=ahead,
                            rest=it,
                            attempts=attempts,
                            latency_ms=(time.perf_counter() - t) * 1000,
                        )
                    resp = await call.adapter.acomplete(call.request, call.options)
                    return CallResult(
                        response=resp,
                        attempts=attempts,
                        latency_ms=(time.perf_counter() - t) * 1000,
                    )
        except Exception as exc:
            return CallResult(
                error=as_hop_error(exc, call.target),
                attempts=attempts,
                latency_ms=(time.perf_counter() - t) * 1000,
            )
        raise AssertionError("unreachable")  # pragma: no cover

    async def _aappend(self, record: AuditRecord) -> AuditRecord:
        return await asyncio.to_thread(self._append, record)

    async def _run_async(self, flow: Flow) -> Completion | StreamSession:
        send: Any = None
        while True:
            try:
                effect = flow.send(send)
            except StopIteration as stop:
                result: Completion | StreamSession = stop.value
                return result
            if isinstance(effect, Classify):
                send = await asyncio.to_thread(self._classify, effect.texts)
            elif isinstance(effect, Call):
                send = await self._call_async(effect)
            elif isinstance(effect, WriteAudit):
                send = await self._aappend(effect.record)

    async def _chunks_async(self, session: StreamSession) -> AsyncIterator[str]:
        try:
            for delta in session.head:
                if out := session.feed(delta):
                    yield out
            async for delta in session.rest:
                if out := session.feed(delta):
                    yield out
        except BaseException as exc:
            await self._aappend(session.failed(exc))
            raise
        tail, record = session.finish()
        if tail:
            yield tail
        session.done(await self._aappend(record))
