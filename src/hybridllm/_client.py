"""Client and AsyncClient: thin drivers that execute the effects of :mod:`hybridllm._flow`.

The only I/O orchestration in hybridllm lives here: running the classifier, calling adapters
with tenacity retries, and appending audit records. Privacy decisions are made in the flow.
"""

from __future__ import annotations

import asyncio
import os
import threading
import time
import uuid
from collections.abc import AsyncIterator, Iterator, Sequence
from typing import Any, Literal, Protocol, overload

from tenacity import (
    AsyncRetrying,
    RetryCallState,
    Retrying,
    retry_if_exception_type,
    stop_after_attempt,
    wait_random_exponential,
)

from hybridllm._flow import (
    Call,
    CallResult,
    Classify,
    Flow,
    StreamSession,
    WriteAudit,
    completion_flow,
)
from hybridllm._input import normalize_prompt
from hybridllm.adapters import Adapter, CallOptions, StreamDelta, build_adapter
from hybridllm.audit.store import AuditStore
from hybridllm.config import Settings, load_settings
from hybridllm.errors import (
    HybridLLMError,
    InputError,
    MissingDependencyError,
    PermanentProviderError,
    PrivacyViolationError,
    ProviderError,
    TransientProviderError,
    UnknownTargetError,
)
from hybridllm.models import AuditRecord, Classification, Completion
from hybridllm.redaction import Vault

__all__ = [
    "AsyncClient",
    "AsyncCompletionStream",
    "Client",
    "CompletionStream",
    "Conversation",
    "MessageClassifier",
]


class MessageClassifier(Protocol):
    """What a client needs from a classifier."""

    def classify_messages(self, texts: Sequence[str]) -> Classification:
        """Classify each text; findings carry ``message_index``."""
        ...


RETRY_AFTER_CAP_S = 30.0
_backoff = wait_random_exponential(multiplier=0.25, max=4.0)


def _wait(state: RetryCallState) -> float:
    """Honour a provider's Retry-After (capped); otherwise exponential backoff with jitter."""
    exc = state.outcome.exception() if state.outcome is not None else None
    retry_after = getattr(exc, "retry_after", None)
    if isinstance(retry_after, int | float):
        return min(float(retry_after), RETRY_AFTER_CAP_S)
    return _backoff(state)


def _retry_kwargs(max_retries: int) -> dict[str, Any]:
    return {
        "stop": stop_after_attempt(max_retries + 1),
        "wait": _wait,
        "retry": retry_if_exception_type(TransientProviderError),
        "reraise": True,
    }


def _as_hop_error(exc: Exception, target: str) -> HybridLLMError:
    if isinstance(exc, PrivacyViolationError):
        raise exc  # never swallowed into a fallback: this is a bug and must be loud
    if isinstance(exc, ProviderError | MissingDependencyError):
        return exc
    return PermanentProviderError(f"{target}: unexpected {type(exc).__name__}", target=target)


class _BaseClient:
    """Configuration, adapters, the audit store and the classifier hook, shared by both clients."""

    def __init__(
        self,
        config: str | os.PathLike[str] | None = None,
        *,
        audit_path: str | os.PathLike[str] | None = None,
        classifier: MessageClassifier | None = None,
        **overrides: Any,
    ) -> None:
        """Create a client.

        Args:
            config: path of a ``hybridllm.toml`` (else ``$HYBRIDLLM_CONFIG``, ./hybridllm.toml).
            audit_path: where the audit database goes (overrides the config).
            classifier: a custom classifier (anything with ``classify_messages(texts)``); the
                default is presidio + spaCy + hybridllm's own recognizers.
            **overrides: explicit settings, the highest precedence (see :class:`Settings`).

        Raises:
            ConfigError: the effective configuration is invalid.
        """
        self._classifier = classifier
        if audit_path is not None:
            overrides["audit_path"] = os.fspath(audit_path)
        self.settings: Settings = load_settings(config, **overrides)
        self._adapters: dict[str, Adapter] = {}
        self._lock = threading.Lock()
        self._store: AuditStore | None = None

    def _adapter(self, name: str) -> Adapter:
        with self._lock:
            adapter = self._adapters.get(name)
            if adapter is None:
                adapter = build_adapter(name, self.settings.targets[name])
                self._adapters[name] = adapter
            return adapter

    @property
    def audit(self) -> AuditStore:
        """The audit store this client appends to (opened on first use)."""
        with self._lock:
            if self._store is None:
                self._store = AuditStore(self.settings.audit_path)
            return self._store

    def _classify(self, texts: tuple[str, ...]) -> Classification | Exception:
        # Any failure, of any type, is handed to the flow, which fails closed and audits it.
        try:
            classifier = self._classifier
            if classifier is None:
                from hybridllm.classifiers import get_classifier

                classifier = get_classifier()
            result = classifier.classify_messages(texts)
            if not isinstance(result, Classification):
                raise TypeError("classifier returned something other than a Classification")
            return result
        except Exception as exc:
            return exc

    def _flow(
        self,
        prompt: Any,
        *,
        stream: bool,
        target: str | None,
        max_tokens: int | None,
        temperature: float | None,
        caller: str | None,
        conversation: Conversation | None = None,
    ) -> Flow:
        messages = normalize_prompt(prompt, max_chars=self.settings.max_input_chars)
        if conversation is not None and conversation.client is not self:
            raise InputError("this conversation belongs to another client")
        if target is not None and target not in self.settings.targets:
            raise UnknownTargetError(
                f"unknown target '{target}'; defined targets: {sorted(self.settings.targets)}"
            )
        first = target or self.settings.default_target
        options = CallOptions(
            max_tokens=max_tokens or self.settings.targets[first].max_tokens,
            temperature=temperature,
        )
        return completion_flow(
            messages,
            self.settings,
            self._adapter,
            options=options,
            stream=stream,
            target=target,
            caller=caller or "",
            vault=conversation.vault if conversation is not None else None,
        )

    def conversation(self, conversation_id: str | None = None) -> Conversation:
        """A redaction scope for a multi-turn chat: a value keeps its placeholder every turn.

        The scope's vault lives in this process only; drop the object to forget the mapping.
        """
        return Conversation(self, conversation_id)

    # -- sync driver -------------------------------------------------------------

    def _call_sync(self, call: Call) -> CallResult:
        t = time.perf_counter()
        attempts = 0
        try:
            for attempt in Retrying(**_retry_kwargs(call.max_retries)):
                with attempt:
                    attempts = attempt.retry_state.attempt_number
                    if call.stream:
                        it = iter(call.adapter.stream(call.request, call.options))
                        first = next(it, StreamDelta())
                        return CallResult(
                            first=first,
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
                error=_as_hop_error(exc, call.target),
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
                send = self.audit.append(effect.record)

    def _chunks_sync(self, session: StreamSession) -> Iterator[str]:
        try:
            if session.first and (out := session.feed(session.first)):
                yield out
            for delta in session.rest:
                if out := session.feed(delta):
                    yield out
        except BaseException as exc:
            self.audit.append(session.failed(exc))
            raise
        tail, record = session.finish()
        if tail:
            yield tail
        session.done(self.audit.append(record))

    # -- async driver ------------------------------------------------------------

    async def _call_async(self, call: Call) -> CallResult:
        t = time.perf_counter()
        attempts = 0
        try:
            async for attempt in AsyncRetrying(**_retry_kwargs(call.max_retries)):
                with attempt:
                    attempts = attempt.retry_state.attempt_number
                    if call.stream:
                        it = call.adapter.astream(call.request, call.options).__aiter__()
                        first = await anext(it, StreamDelta())
                        return CallResult(
                            first=first,
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
                error=_as_hop_error(exc, call.target),
                attempts=attempts,
                latency_ms=(time.perf_counter() - t) * 1000,
            )
        raise AssertionError("unreachable")  # pragma: no cover

    async def _append(self, record: AuditRecord) -> AuditRecord:
        return await asyncio.to_thread(self.audit.append, record)

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
                send = await self._append(effect.record)

    async def _chunks_async(self, session: StreamSession) -> AsyncIterator[str]:
        try:
            if session.first and (out := session.feed(session.first)):
                yield out
            async for delta in session.rest:
                if out := session.feed(delta):
                    yield out
        except BaseException as exc:
            await self._append(session.failed(exc))
            raise
        tail, record = session.finish()
        if tail:
            yield tail
        session.done(await self._append(record))

    async def acomplete(
        self,
        prompt: Any,
        *,
        stream: bool = False,
        target: str | None = None,
        max_tokens: int | None = None,
        temperature: float | None = None,
        caller: str | None = None,
        conversation: Conversation | None = None,
    ) -> Completion | AsyncCompletionStream:
        """Async :meth:`Client.complete`; ``stream=True`` gives an async iterator of chunks."""
        flow = self._flow(
            prompt,
            stream=stream,
            target=target,
            max_tokens=max_tokens,
            temperature=temperature,
            caller=caller,
            conversation=conversation,
        )
        result = await self._run_async(flow)
        if isinstance(result, Completion):
            return AsyncCompletionStream(_no_chunks(), None, result) if stream else result
        return AsyncCompletionStream(self._chunks_async(result), result, None)


class Conversation:
    """A redaction scope over several calls of one client (see :meth:`Client.conversation`)."""

    def __init__(self, client: _BaseClient, conversation_id: str | None = None) -> None:
        self.client = client
        self.id = conversation_id or uuid.uuid4().hex
        self.vault = Vault()

    def __repr__(self) -> str:
        return f"Conversation(id={self.id!r}, {self.vault!r})"

    def complete(self, prompt: Any, **kwargs: Any) -> Any:
        """``client.complete(prompt, conversation=self, ...)`` (sync clients only)."""
        if not isinstance(self.client, Client):
            raise TypeError("use `await conversation.acomplete(...)` with an AsyncClient")
        return self.client.complete(prompt, conversation=self, **kwargs)

    async def acomplete(self, prompt: Any, **kwargs: Any) -> Any:
        """``await client.acomplete(prompt, conversation=self, ...)``."""
        return await self.client.acomplete(prompt, conversation=self, **kwargs)


class CompletionStream:
    """Iterate over restored text chunks. ``completion`` is set once the stream has ended."""

    def __init__(
        self, chunks: Iterator[str], session: StreamSession | None, blocked: Completion | None
    ):
        self._chunks = chunks
        self._session = session
        self._blocked = blocked

    def __iter__(self) -> Iterator[str]:
        return self._chunks

    @property
    def completion(self) -> Completion | None:
        """The final result (route, target, usage, audit_id), after the last chunk."""
        return self._blocked if self._session is None else self._session.completion


class AsyncCompletionStream:
    """Async twin of :class:`CompletionStream`."""

    def __init__(
        self, chunks: AsyncIterator[str], session: StreamSession | None, blocked: Completion | None
    ):
        self._chunks = chunks
        self._session = session
        self._blocked = blocked

    def __aiter__(self) -> AsyncIterator[str]:
        return self._chunks

    @property
    def completion(self) -> Completion | None:
        """The final result, after the last chunk."""
        return self._blocked if self._session is None else self._session.completion


async def _no_chunks() -> AsyncIterator[str]:
    return
    yield  # pragma: no cover


class Client(_BaseClient):
    """The synchronous client.

    Example:
        >>> client = hybridllm.Client()                       # doctest: +SKIP
        >>> r = client.complete("Summarize: ...")            # doctest: +SKIP
        >>> r.route, r.target, r.decision.reason             # doctest: +SKIP
    """

    @overload
    def complete(
        self,
        prompt: Any,
        *,
        stream: Literal[False] = ...,
        target: str | None = ...,
        max_tokens: int | None = ...,
        temperature: float | None = ...,
        caller: str | None = ...,
        conversation: Conversation | None = ...,
    ) -> Completion: ...
    @overload
    def complete(
        self,
        prompt: Any,
        *,
        stream: Literal[True],
        target: str | None = ...,
        max_tokens: int | None = ...,
        temperature: float | None = ...,
        caller: str | None = ...,
        conversation: Conversation | None = ...,
    ) -> CompletionStream: ...

    def complete(
        self,
        prompt: Any,
        *,
        stream: bool = False,
        target: str | None = None,
        max_tokens: int | None = None,
        temperature: float | None = None,
        caller: str | None = None,
        conversation: Conversation | None = None,
    ) -> Completion | CompletionStream:
        """Classify, decide, redact, call, restore and audit one completion.

        Args:
            prompt: a string, or a list of ``{"role", "content"}`` messages.
            stream: return a :class:`CompletionStream` of restored text chunks.
            target: force one configured target (the policy still applies to it).
            max_tokens: cap on generated tokens (default: the target's ``max_tokens``).
            temperature: sampling temperature, passed through.
            caller: a name recorded in the audit log (e.g. the calling function).
            conversation: a scope from :meth:`conversation`, so placeholders stay stable
                across turns.

        Returns:
            A :class:`Completion` (``route`` is "blocked" when the policy blocks the call).

        Raises:
            InputError: bad input; nothing was classified or sent.
            NoTargetAvailableError: every target the policy allows failed (audited).
        """
        flow = self._flow(
            prompt,
            stream=stream,
            target=target,
            max_tokens=max_tokens,
            temperature=temperature,
            caller=caller,
            conversation=conversation,
        )
        result = self._run_sync(flow)
        if isinstance(result, Completion):
            return CompletionStream(iter(()), None, result) if stream else result
        return CompletionStream(self._chunks_sync(result), result, None)

    def close(self) -> None:
        """Close adapters and the audit store."""
        with self._lock:
            for adapter in self._adapters.values():
                adapter.close()
            self._adapters.clear()
            if self._store is not None:
                self._store.close()
                self._store = None

    def __enter__(self) -> Client:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class AsyncClient(_BaseClient):
    """The asyncio client: same flow, same policy, same audit; ``await client.complete(...)``."""

    complete = _BaseClient.acomplete

    async def aclose(self) -> None:
        """Close adapters and the audit store."""
        for adapter in list(self._adapters.values()):
            await adapter.aclose()
        self._adapters.clear()
        if self._store is not None:
            self._store.close()
            self._store = None

    async def __aenter__(self) -> AsyncClient:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.aclose()
