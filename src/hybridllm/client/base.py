"""The machinery both clients share: configuration, adapters, audit, the classifier hook, calls.

:class:`BaseClient` builds the flow of a call (:mod:`hybridllm.core.flow`) and runs it through
the drivers (:mod:`hybridllm.client.drivers`); :class:`~hybridllm.client.clients.Client` and
``AsyncClient`` are its sync and async faces.
"""

from __future__ import annotations

import gc
import os
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, Any, Protocol, Unpack

from hybridllm.adapters import Adapter, CallOptions, build_adapter
from hybridllm.adapters.base import ToolSpec
from hybridllm.audit._sync import DONE, Durable
from hybridllm.audit.sinks import AuditSink
from hybridllm.audit.store import AuditStore
from hybridllm.client.audit_open import open_audit
from hybridllm.client.drivers import DriverMixin
from hybridllm.client.embed_client import EmbedMixin
from hybridllm.client.resilience import Breakers, TimeBoundError, run_bounded
from hybridllm.client.results import (
    AsyncCompletionStream,
    Conversation,
    no_chunks,
    run_deferred_finalisers,
)
from hybridllm.client.shared_breakers import shared_breakers
from hybridllm.config import Settings, load_settings
from hybridllm.core.flow import AuditContext, Flow, completion_flow
from hybridllm.core.input import check_options, normalize_prompt
from hybridllm.core.sampling import (
    Sampling,
    SamplingOptions,
    astop_chunks,
    sampling_options,
    stopped,
)
from hybridllm.core.scope import current_app, current_scope
from hybridllm.errors import InputError, UnknownTargetError
from hybridllm.models import AuditRecord, Category, Classification, Completion
from hybridllm.observability import CallHook, observe
from hybridllm.redaction.config import RestoreConfig

if TYPE_CHECKING:
    from hybridllm.classifiers.combine import CompositeClassifier

__all__ = ["BaseClient", "MessageClassifier", "RestoreArg", "aclose_all"]

RestoreArg = RestoreConfig | Mapping[str, Any] | None
"""A per-call restore policy: a full config, or overrides of the configured one."""


INLINE_CLASSIFY_CHARS = 1024
"""Texts up to this many characters (all messages of a call together) are classified by the
built-in classifier on the calling thread: the hand-off to the worker pool (0.02-0.1 ms) is a
large part of classifying a short prompt (~0.4 ms without names), and nothing in the built-in
fast engine can run away on a short text. From ~1 KB up a classification takes ~20 ms or more
(``bench/bench_inline_classify.py``), so the hand-off is noise there and the worker thread's
hard time bound is kept."""


def _inline(
    fn: Callable[[], Classification | Exception], timeout: float
) -> Classification | Exception:
    """``fn()`` on this thread; past ``timeout`` its result is dropped and the call fails
    closed exactly as when the worker overran (:class:`TimeBoundError`)."""
    start = time.monotonic()
    result = fn()
    if time.monotonic() - start > timeout:
        return TimeBoundError(f"no result within {timeout:.3g} s")
    return result


class MessageClassifier(Protocol):
    """What a client needs from a classifier."""

    def classify_messages(self, texts: Sequence[str]) -> Classification:
        """Classify each text; findings carry ``message_index``."""
        ...


def _tool_specs(tools: Sequence[Any] | None) -> tuple[ToolSpec, ...]:
    if not tools:
        return ()
    try:
        return tuple(ToolSpec.parse(t) for t in tools)
    except ValueError as exc:
        raise InputError(f"invalid tool definition: {exc}") from None


class BaseClient(DriverMixin, EmbedMixin):
    """Configuration, adapters, the audit store and the classifier hook, shared by both clients."""

    def __init__(
        self,
        config: str | os.PathLike[str] | None = None,
        *,
        audit_path: str | os.PathLike[str] | None = None,
        classifier: MessageClassifier | None = None,
        on_call: CallHook | None = None,
        **overrides: Any,
    ) -> None:
        """Create a client.

        Args:
            config: path of a ``hybridllm.toml`` (else ``$HYBRIDLLM_CONFIG``, ./hybridllm.toml).
            audit_path: where the audit database goes (overrides the config).
            classifier: a custom classifier (anything with ``classify_messages(texts)``); the
                default is :func:`hybridllm.classifiers.get_classifier` for the configured
                ``[classifier]`` (the fast engine: patterns, secrets, PHI, addresses, names).
            on_call: called with each call's stored audit record (payload-free), e.g. to export
                metrics; see :mod:`hybridllm.observability` for logs and OpenTelemetry spans.
            **overrides: explicit settings, the highest precedence (see :class:`Settings`).

        Raises:
            ConfigError: the effective configuration is invalid.
        """
        self._classifier = classifier
        self._on_call = on_call
        if audit_path is not None:
            overrides["audit_path"] = os.fspath(audit_path)
        self.settings: Settings = load_settings(config, **overrides)
        self._adapters: dict[str, Adapter] = {}
        self._lock = threading.Lock()
        self._store: AuditStore | None = None
        self._sink: AuditSink | None = None
        self._ctx: AuditContext | None = None
        self._builtin: tuple[Any, CompositeClassifier] | None = None
        self.breakers = Breakers(shared=shared_breakers(self.settings.breakers_redis_url))

    def _adapter(self, name: str) -> Adapter:
        with self._lock:
            adapter = self._adapters.get(name)
            if adapter is None:
                adapter = build_adapter(name, self.settings.targets[name])
                self._adapters[name] = adapter
            return adapter

    def warm_up(
        self, *, wait_for_ner: bool = True, timeout: float = 60.0, freeze_gc: bool = False
    ) -> None:
        """Do now what the first call would otherwise pay for: build the classifier (spaCy
        loads in the background, ~1-1.5 s), import the SDKs of every configured target and open
        the audit log. Call it at start-up (e.g. in a FastAPI lifespan; in async code it is
        fine to call it once before serving, or via ``asyncio.to_thread``).

        Args:
            wait_for_ner: block until the spaCy model is loaded (so that the first call whose
                text has a name candidate does not wait for it) and the regex prefilter is
                compiled (so that the first calls do not run every rule on the whole text).
            timeout: seconds to wait for each of them.
            freeze_gc: at the end, collect garbage once and ``gc.freeze()``: every object the
                process holds then (~100k the collector tracks once the classifier and spaCy
                are in) moves to the collector's permanent generation, so a full collection,
                which otherwise walks them all (~70-90 ms here) every few hundred calls, takes
                ~1-2 ms. Process-wide: it freezes the caller's objects of that moment too
                (kept until ``gc.unfreeze()``), hence off by default; for a service that warms
                up once at start-up (docs/concepts/detection.md, "Start-up"). Objects loaded
                later (``wait_for_ner=False``: the model) stay tracked.

        Raises:
            ClassificationError: the classifier could not be built.
            MissingDependencyError: a configured target's SDK is not installed.
        """
        from hybridllm.cost import maintained_price

        maintained_price("")  # loads the pinned price table (~1 s) that every call's cost uses
        if self._classifier is None:
            classifier = self._builtin_classifier()
            if wait_for_ner:
                # the spaCy model, then the regex prefilter (compiled once per process after
                # the model is in; until then every rule runs on the whole text)
                for waiter in (*classifier.recognizers, classifier):
                    wait = getattr(waiter, "wait_ready", None)
                    if callable(wait):
                        wait(timeout)
        for name in self.settings.targets:
            self._adapter(name)
        self._audit_sinks()
        if freeze_gc:
            gc.collect()  # garbage of the start-up is freed, not frozen
            gc.freeze()

    @property
    def audit(self) -> AuditStore:
        """The audit store this client appends to (opened, keyed and signed on first use)."""
        return self._audit_sinks()[0]

    def _audit_sinks(self) -> tuple[AuditStore, AuditSink, AuditContext]:
        with self._lock:
            if self._store is None:
                self._store, self._sink, self._ctx = open_audit(self.settings)
            assert self._sink is not None
            assert self._ctx is not None
            return self._store, self._sink, self._ctx

    def _defers(self, record: AuditRecord) -> bool:
        """Whether ``record`` is written off the call path: an outcome (never an intent),
        under ``audit_sync = "intent"``, to the SQLite store alone (copies stay in step)."""
        return (
            record.status != "intent"
            and self.settings.audit_sync == "intent"
            and self._sink is not None
            and self._sink is self._store
        )

    def _append(self, record: AuditRecord) -> AuditRecord:
        run_deferred_finalisers()  # streams the garbage collector dropped: their outcomes first
        store, sink, _ = self._audit_sinks()
        # every record here was built by the flow's AuditRecord constructor: already normalised
        if self._defers(record):
            stored = store.submit(record, normalised=True)
        else:
            stored = sink.append(record)
        if stored.status != "intent":  # one log line, span and hook call per call: its outcome
            target = self.settings.targets.get(stored.target or "")
            observe(stored, self._on_call, provider=target.adapter if target else None)
        return stored

    def _append_intent(self, record: AuditRecord) -> tuple[AuditRecord, Durable | None]:
        """Append an intent; with the SQLite store alone, return before its fsync is done
        (:meth:`AuditStore.append_early`): the second value must be waited for before the
        call's request leaves (the sync driver does it). With audit copies: :meth:`_append`."""
        run_deferred_finalisers()
        store, sink, _ = self._audit_sinks()
        if sink is not store:
            return self._append(record), None
        stored, durable = store.append_early(record, normalised=True)
        return stored, None if durable is DONE else durable

    def flush_audit(self) -> None:
        """Return once every outcome record of the calls made so far is committed, so that
        another connection (``hybridllm audit``, a report) sees it. Reads through
        :attr:`audit` need no flush.

        Raises:
            AuditError: an outcome record could not be written after its call returned.
        """
        run_deferred_finalisers()
        with self._lock:
            store = self._store
        if store is not None:
            store.flush()

    def _close_audit(self) -> None:
        # caller holds the lock (or owns the client exclusively while closing)
        run_deferred_finalisers()
        sink, store = self._sink, self._store
        self._store = self._sink = None
        self._ctx = None
        try:
            if sink is not None and sink is not store:
                sink.close()  # a TeeSink closes its primary (the store) and the others
        finally:
            if store is not None:
                store.close()  # writes the queued outcomes; raises if one failed

    def _builtin_classifier(self) -> CompositeClassifier:
        """The built-in classifier for the configured ``[classifier]``, looked up once (not
        once per call: the registry keys it by the config's JSON)."""
        cfg = self.settings.classifier
        cached = self._builtin
        if cached is None or cached[0] is not cfg:
            from hybridllm.classifiers import get_classifier

            cached = self._builtin = (cfg, get_classifier(cfg))
        return cached[1]

    def classifies_inline(self, texts: Sequence[str]) -> bool:
        """Whether these texts are classified on the calling thread (see
        :data:`INLINE_CLASSIFY_CHARS`): the built-in fast classifier without custom regex
        recognizers, on at most that many characters in all. Anything else runs on the
        bounded worker pool, so that a runaway classifier cannot hold the call past its
        deadline."""
        cfg = self.settings.classifier
        return (
            self._classifier is None
            and cfg.engine == "fast"
            and not cfg.recognizers
            and sum(len(t) for t in texts) <= INLINE_CLASSIFY_CHARS
        )

    def _classify(
        self, texts: tuple[str, ...], timeout: float | None = None
    ) -> Classification | Exception:
        # Any failure, of any type, is handed to the flow, which fails closed and audits it;
        # so is a classifier that overruns ``timeout`` (its share of the call deadline). The
        # caller's own interrupt while we wait is not a classifier failure: it propagates.
        if timeout is not None:
            if self.classifies_inline(texts):
                return _inline(lambda: self._classify(texts), timeout)
            try:
                return run_bounded(lambda: self._classify(texts), timeout)
            except TimeBoundError as exc:
                return exc
        try:
            classifier = self._classifier or self._builtin_classifier()
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
        json_schema: dict[str, Any] | None = None,
        tools: Sequence[Any] | None = None,
        tool_choice: str | None = None,
        restore: RestoreArg = None,
        gen: SamplingOptions | None = None,
        messages: Any = None,
    ) -> Flow:
        if (prompt is None) == (messages is None):
            raise InputError("pass a prompt or messages=, exactly one of them")
        prompt = messages if prompt is None else prompt
        gen = gen or SamplingOptions()
        json_schema = json_schema if gen.json_schema is None else gen.json_schema
        check_options(
            stream=stream,
            target=target,
            max_tokens=max_tokens,
            temperature=temperature,
            caller=caller,
            json_schema=json_schema,
            tool_choice=tool_choice,
        )
        messages = normalize_prompt(prompt, max_chars=self.settings.max_input_chars)
        if conversation is not None and conversation.client is not self:
            raise InputError("this conversation belongs to another client")
        settings = self.settings
        scope = current_scope()
        assume: frozenset[Category] = frozenset()
        if scope is not None:
            caller = caller or scope.name
            target = target or scope.target
            assume = scope.assume
            if scope.actions:
                settings = settings.model_copy(
                    update={"policy": {**settings.policy, **scope.actions}}
                )
        if target is not None and target not in self.settings.targets:
            raise UnknownTargetError(
                f"unknown target '{target}'; defined targets: {sorted(self.settings.targets)}"
            )
        first = target or self.settings.default_target
        options = CallOptions(
            max_tokens=max_tokens or self.settings.targets[first].max_tokens,
            temperature=temperature,
            json_schema=json_schema,
            tools=_tool_specs(tools),
            tool_choice=tool_choice,
            top_p=gen.top_p,
            seed=gen.seed,
        )
        return completion_flow(
            messages,
            settings,
            self._adapter,
            options=options,
            stream=stream,
            target=target,
            caller=caller or "",
            vault=conversation.vault if conversation is not None else None,
            audit=replace(
                ctx := self._audit_sinks()[2],
                conversation_id=conversation.id if conversation is not None else None,
                app=current_app() or ctx.app,
            ),
            assume=assume,
            requested_max_tokens=max_tokens,
            restore=restore,
        )

    async def aclose(self) -> None:
        """Close adapters (sync and async HTTP clients) and the audit store."""
        for adapter in list(self._adapters.values()):
            await adapter.aclose()
        self._adapters.clear()
        if self._store is not None:
            self._close_audit()

    def conversation(self, conversation_id: str | None = None) -> Conversation:
        """A redaction scope for a multi-turn chat: a value keeps its placeholder every turn.

        With ``[redaction] store = "memory"`` (the default) the scope's vault lives in this
        process only; drop the object to forget the mapping. With ``"encrypted"`` or
        ``"redis"``, ``conversation_id`` names a stored scope that other processes (or, with
        Redis, other machines) continue with the same placeholders.
        """
        return Conversation(self, conversation_id)

    def forget(self, conversation_id: str) -> None:
        """Erase a conversation's stored placeholder map (right to erasure), in every worker.

        Raises:
            VaultUnavailableError: the shared store could not be reached.
        """
        from hybridllm.redaction import forget

        forget(self.settings.redaction, conversation_id)

    async def acomplete(
        self,
        prompt: Any = None,
        *,
        stream: bool = False,
        target: str | None = None,
        max_tokens: int | None = None,
        temperature: float | None = None,
        caller: str | None = None,
        conversation: Conversation | None = None,
        json_schema: dict[str, Any] | None = None,
        tools: Sequence[Any] | None = None,
        tool_choice: str | None = None,
        restore: RestoreArg = None,
        messages: Any = None,
        **sampling: Unpack[Sampling],
    ) -> Completion | AsyncCompletionStream:
        """Async :meth:`Client.complete`; ``stream=True`` gives an async iterator of chunks."""
        gen = sampling_options(sampling, json_schema)
        flow = self._flow(
            prompt,
            stream=stream,
            target=target,
            max_tokens=max_tokens,
            temperature=temperature,
            caller=caller,
            conversation=conversation,
            json_schema=json_schema,
            tools=tools,
            tool_choice=tool_choice,
            restore=restore,
            gen=gen,
            messages=messages,
        )
        result = await self._run_async(flow)
        if isinstance(result, Completion):
            result = stopped(result, gen.stop)
            return AsyncCompletionStream(no_chunks(), None, result) if stream else result
        chunks = self._chunks_async(result)
        chunks = astop_chunks(chunks, gen.stop) if gen.stop else chunks
        return AsyncCompletionStream(chunks, result, None, self.abandon)


async def aclose_all(adapters: list[Adapter]) -> None:
    """Close every adapter, one after the other."""
    for adapter in adapters:
        await adapter.aclose()
