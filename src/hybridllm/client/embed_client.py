"""Embedding calls: the driver side of :mod:`hybridllm.core.embed_flow` (batching, coalescing).

Mixed into the clients; kept apart so that ``clients.py`` stays the completion driver.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from hybridllm.adapters import Adapter
from hybridllm.adapters.base import EmbedInputType, EmbedOptions, EmbedResponse
from hybridllm.audit.sinks import AuditSink
from hybridllm.audit.store import AuditStore
from hybridllm.client.resilience import Breakers, attempt_async, attempt_sync
from hybridllm.config import Settings
from hybridllm.core.embed_flow import EmbedCall, EmbedCallResult, EmbedFlow, embed_flow, split_usage
from hybridllm.core.embed_flow import space_identity as _space_identity
from hybridllm.core.flow import AuditContext
from hybridllm.core.scope import current_app, current_scope
from hybridllm.embeddings import Embeddings, EmbeddingSpace, ModelIdentity
from hybridllm.errors import InputError
from hybridllm.models import Usage

__all__ = ["EmbedMixin"]

_DEFAULT_SPACE = "default"


def _embed_texts(texts: Any, max_chars: int) -> tuple[str, ...]:
    """Validate ``embed`` input: a str or a list of non-empty str (never echoed in errors)."""
    if isinstance(texts, str):
        texts = [texts]
    if isinstance(texts, bytes | bytearray) or not isinstance(texts, Sequence):
        raise InputError(f"texts must be a list of str, not {type(texts).__name__}")
    if not texts:
        raise InputError("texts is empty")
    for i, text in enumerate(texts):
        if not isinstance(text, str):
            raise InputError(f"text {i} must be str, not {type(text).__name__}")
        if not text.strip():
            raise InputError(f"text {i} is empty")
        try:
            text.encode("utf-8")
        except UnicodeEncodeError:
            raise InputError(f"text {i} is not valid UTF-8 text") from None
    total = sum(len(t) for t in texts)
    if total > max_chars:
        raise InputError(f"texts are too large: {total} characters (max_input_chars={max_chars})")
    return tuple(texts)


def _embed_input_type(input_type: Any) -> EmbedInputType | None:
    """Validate ``embed``'s ``input_type`` (before anything is classified or sent)."""
    return EmbedOptions(input_type=input_type).input_type  # raises InputError on a bad value


def _merge_batches(parts: list[EmbedCallResult]) -> EmbedCallResult:
    """One result for the batches of one call: the first error, or every vector in order."""
    attempts = max((p.attempts for p in parts), default=0)
    latency = max((p.latency_ms for p in parts), default=0.0)
    for p in parts:
        if p.error is not None:
            return EmbedCallResult(error=p.error, attempts=attempts, latency_ms=latency)
    responses = [p.response for p in parts if p.response is not None]
    vectors = [v for r in responses for v in r.vectors]
    tokens = sum(r.usage.input_tokens for r in responses)
    model = responses[0].model if responses else ""
    response = EmbedResponse(vectors=vectors, model=model, usage=Usage(input_tokens=tokens))
    return EmbedCallResult(response=response, attempts=attempts, latency_ms=latency)


def _batches(call: EmbedCall) -> list[tuple[Any, ...]]:
    n = call.batch_size
    return [call.requests[i : i + n] for i in range(0, len(call.requests), n)]


class _Waiter:
    __slots__ = ("call", "future")

    def __init__(self, call: EmbedCall, future: asyncio.Future[EmbedCallResult]) -> None:
        self.call = call
        self.future = future


class _EmbedCoalescer:
    """Merges concurrent small ``aembed`` calls to one target into shared provider requests.

    Each call keeps its own classification, policy decision, redaction and audit record: only
    the already-built one-text requests are merged. A bucket is sent when it holds
    ``coalesce_max`` texts or ``coalesce_ms`` after its first call, whichever comes first;
    while the target's request slots (``max_concurrency``) are busy, new calls keep filling the
    next bucket, so a burst turns into a few large requests instead of many small ones.
    """

    def __init__(self, run: Any) -> None:
        self._run = run
        self._loop = asyncio.get_running_loop()
        self._buckets: dict[tuple[str, int, object], list[_Waiter]] = {}
        self._slots: dict[str, asyncio.Semaphore] = {}
        self._tasks: set[asyncio.Task[None]] = set()

    @property
    def loop(self) -> asyncio.AbstractEventLoop:
        return self._loop

    async def submit(self, call: EmbedCall) -> EmbedCallResult:
        # The options (dimensions, input_type) are part of the key: calls that differ in them
        # never share a provider request, since a request carries one set of options.
        key = (call.target, id(call.adapter), call.options)
        future: asyncio.Future[EmbedCallResult] = self._loop.create_future()
        bucket = self._buckets.get(key)
        if bucket is None:
            bucket = self._buckets[key] = []
            self._loop.call_later(call.coalesce_ms / 1000.0, self._flush, key, bucket)
        bucket.append(_Waiter(call, future))
        if sum(len(w.call.requests) for w in bucket) >= call.coalesce_max:
            self._flush(key, bucket)
        return await future

    def _flush(self, key: tuple[str, int, object], bucket: list[_Waiter]) -> None:
        if self._buckets.get(key) is not bucket:
            return  # already sent (full before its timer fired)
        del self._buckets[key]
        task = self._loop.create_task(self._send(bucket))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _send(self, bucket: list[_Waiter]) -> None:
        first = bucket[0].call
        slots = self._slots.setdefault(first.target, asyncio.Semaphore(first.max_concurrency))
        merged = replace(
            first,
            requests=tuple(r for w in bucket for r in w.call.requests),
            deadline_at=min(w.call.deadline_at for w in bucket),
        )
        try:
            async with slots:
                result: EmbedCallResult = await self._run(merged)
        except BaseException as exc:  # never leave a caller waiting forever
            for w in bucket:
                if not w.future.done():
                    w.future.set_exception(exc)
            raise
        sizes = [len(w.call.requests) for w in bucket]
        usages = split_usage(result.response.usage, sizes) if result.response else []
        at = 0
        for i, w in enumerate(bucket):
            n = sizes[i]
            part = EmbedCallResult(
                error=result.error, attempts=result.attempts, latency_ms=result.latency_ms
            )
            if result.response is not None:
                part.response = EmbedResponse(
                    vectors=result.response.vectors[at : at + n],
                    model=result.response.model,
                    usage=usages[i],
                )
            at += n
            if not w.future.done():
                w.future.set_result(part)


class EmbedMixin:
    """``embed`` / ``aembed`` and their drivers, mixed into :class:`.clients.BaseClient`."""

    settings: Settings
    breakers: Breakers

    if TYPE_CHECKING:  # provided by BaseClient

        def _adapter(self, name: str) -> Adapter: ...
        def _drive_sync(self, flow: Any, call: Callable[[Any], Any]) -> Any: ...
        async def _drive_async(self, flow: Any, call: Callable[[Any], Awaitable[Any]]) -> Any: ...
        def _audit_sinks(self) -> tuple[AuditStore, AuditSink, AuditContext]: ...

    def _space(self, space: str | None) -> tuple[str, EmbeddingSpace]:
        spaces = self.settings.spaces
        name = space or self.settings.default_space
        if name is None and len(spaces) == 1:
            name = next(iter(spaces))
        if name is None or (name == _DEFAULT_SPACE and name not in spaces):
            # No space configured: embed on the local target, which may take every text.
            return _DEFAULT_SPACE, EmbeddingSpace(target=self.settings.local_target)
        if name not in spaces:
            raise InputError(f"unknown space '{name}'; defined spaces: {sorted(spaces)}")
        return name, spaces[name]

    def space_identity(self, space: str | None = None) -> ModelIdentity:
        """The model identity of a space's vectors (for :func:`hybridllm.embeddings.index_status`).

        Dimensions are the configured ones, or the size seen by this client's last call.
        """
        name, cfg = self._space(space)
        identity = _space_identity(cfg, self.settings.targets[cfg.target])
        seen: dict[str, ModelIdentity] = getattr(self, "_seen_identities", {})
        last = seen.get(name)
        if identity.dimensions is None and last is not None and last.same_model(identity):
            return last
        return identity

    def _remember(self, result: Embeddings) -> Embeddings:
        seen: dict[str, ModelIdentity] = self.__dict__.setdefault("_seen_identities", {})
        seen[result.space] = result.identity
        return result

    def _embed_flow(
        self,
        texts: Any,
        space: str | None,
        caller: str | None,
        *,
        coalesce: bool,
        input_type: Any = None,
    ) -> EmbedFlow:
        checked = _embed_texts(texts, self.settings.max_input_chars)
        kind = _embed_input_type(input_type)
        name, cfg = self._space(space)
        scope = current_scope()
        settings = self.settings
        if scope is not None:
            caller = caller or scope.name
            if scope.actions:
                settings = settings.model_copy(
                    update={"policy": {**settings.policy, **scope.actions}}
                )
        return embed_flow(
            checked,
            name,
            cfg,
            settings,
            self._adapter,
            caller=caller or "",
            audit=replace(self._audit_sinks()[2], app=current_app() or self.settings.app_name),
            coalesce=coalesce,
            input_type=kind,
        )

    def _embed_cooling(self, call: EmbedCall) -> EmbedCallResult | None:
        err = self.breakers.refusal(call.target, call.config)
        notes = self.breakers.notes()
        return None if err is None else EmbedCallResult(error=err, attempts=0, notes=notes)

    def _embed_settle(self, call: EmbedCall, result: EmbedCallResult) -> EmbedCallResult:
        self.breakers.settle(call.target, call.config, result.error)
        if notes := self.breakers.notes():
            return replace(result, notes=notes)
        return result

    def _embed_attempt_sync(self, call: EmbedCall, batch: tuple[Any, ...]) -> EmbedCallResult:
        got = attempt_sync(
            call.target,
            call.config,
            call.deadline_at,
            lambda: call.adapter.embed(batch, call.options),
        )
        return EmbedCallResult(
            response=got.value, error=got.error, attempts=got.attempts, latency_ms=got.latency_ms
        )

    def _embed_call_sync(self, call: EmbedCall) -> EmbedCallResult:
        cooling = self._embed_cooling(call)
        if cooling is not None:
            return cooling
        batches = _batches(call)
        workers = min(call.max_concurrency, len(batches))
        if workers <= 1:
            parts = [self._embed_attempt_sync(call, b) for b in batches]
        else:
            from concurrent.futures import ThreadPoolExecutor

            with ThreadPoolExecutor(max_workers=workers) as pool:
                parts = list(pool.map(lambda b: self._embed_attempt_sync(call, b), batches))
        return self._embed_settle(call, _merge_batches(parts))

    def _run_embed_sync(self, flow: EmbedFlow) -> Embeddings:
        result: Embeddings = self._drive_sync(flow, self._embed_call_sync)
        return self._remember(result)

    async def _embed_attempt_async(
        self, call: EmbedCall, batch: tuple[Any, ...]
    ) -> EmbedCallResult:
        got = await attempt_async(
            call.target,
            call.config,
            call.deadline_at,
            lambda: call.adapter.aembed(batch, call.options),
        )
        return EmbedCallResult(
            response=got.value, error=got.error, attempts=got.attempts, latency_ms=got.latency_ms
        )

    async def _embed_batches_async(self, call: EmbedCall) -> EmbedCallResult:
        # Shared breakers ask Redis: in a worker thread, never on the event loop.
        shared = self.breakers.shared is not None
        cooling = (
            await asyncio.to_thread(self._embed_cooling, call)
            if shared
            else self._embed_cooling(call)
        )
        if cooling is not None:
            return cooling
        batches = _batches(call)
        if len(batches) == 1:
            parts = [await self._embed_attempt_async(call, batches[0])]
        else:
            slots = asyncio.Semaphore(call.max_concurrency)

            async def one(batch: tuple[Any, ...]) -> EmbedCallResult:
                async with slots:
                    return await self._embed_attempt_async(call, batch)

            parts = list(await asyncio.gather(*(one(b) for b in batches)))
        if shared:
            return await asyncio.to_thread(self._embed_settle, call, _merge_batches(parts))
        return self._embed_settle(call, _merge_batches(parts))

    async def _embed_call_async(self, call: EmbedCall) -> EmbedCallResult:
        if call.coalesce_ms <= 0 or len(call.requests) >= call.coalesce_max:
            return await self._embed_batches_async(call)
        loop = asyncio.get_running_loop()
        coalescer: _EmbedCoalescer | None = self.__dict__.get("_embed_coalescer")
        if coalescer is None or coalescer.loop is not loop:
            # one per event loop: asyncio primitives cannot be shared between loops
            coalescer = _EmbedCoalescer(self._embed_batches_async)
            self.__dict__["_embed_coalescer"] = coalescer
        return await coalescer.submit(call)

    async def _run_embed_async(self, flow: EmbedFlow) -> Embeddings:
        result: Embeddings = await self._drive_async(flow, self._embed_call_async)
        return self._remember(result)

    async def aembed(
        self,
        texts: Sequence[str] | str,
        *,
        space: str | None = None,
        caller: str | None = None,
        input_type: EmbedInputType | None = None,
    ) -> Embeddings:
        """Async :meth:`Client.embed`. Concurrent small calls are coalesced into shared requests
        (per the space's ``coalesce_ms`` / ``coalesce_max``); each is still classified, decided
        and audited on its own, and only calls with the same options (``input_type`` included)
        share a request."""
        flow = self._embed_flow(texts, space, caller, coalesce=True, input_type=input_type)
        return await self._run_embed_async(flow)
