"""Client and AsyncClient: thin drivers that execute the effects of :mod:`hybridllm.core.flow`.

The only I/O orchestration in hybridllm lives in this folder: running the classifier, calling
adapters with tenacity retries, and appending audit records. Privacy decisions are made in the
flow. This module holds the two public faces; what they share is in :mod:`hybridllm.client.base`.
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from typing import Any, Literal, Unpack, overload

from hybridllm.adapters.base import EmbedInputType
from hybridllm.client.base import BaseClient, MessageClassifier, RestoreArg, aclose_all
from hybridllm.client.results import AsyncCompletionStream, CompletionStream, Conversation
from hybridllm.core.sampling import Sampling, sampling_options, stop_chunks, stopped
from hybridllm.embeddings import Embeddings
from hybridllm.models import Completion

__all__ = [
    "AsyncClient",
    "AsyncCompletionStream",
    "BaseClient",
    "Client",
    "CompletionStream",
    "Conversation",
    "MessageClassifier",
]


class Client(BaseClient):
    """The synchronous client.

    Example:
        >>> client = hybridllm.Client()                       # doctest: +SKIP
        >>> r = client.complete("Summarize: ...")            # doctest: +SKIP
        >>> r.route, r.target, r.decision.reason             # doctest: +SKIP
    """

    @overload
    def complete(
        self,
        prompt: Any = None,
        *,
        stream: Literal[False] = ...,
        target: str | None = ...,
        max_tokens: int | None = ...,
        temperature: float | None = ...,
        caller: str | None = ...,
        conversation: Conversation | None = ...,
        json_schema: dict[str, Any] | None = ...,
        tools: Sequence[Any] | None = ...,
        tool_choice: str | None = ...,
        restore: RestoreArg = ...,
        messages: Any = ...,
        **sampling: Unpack[Sampling],
    ) -> Completion: ...
    @overload
    def complete(
        self,
        prompt: Any = None,
        *,
        stream: Literal[True],
        target: str | None = ...,
        max_tokens: int | None = ...,
        temperature: float | None = ...,
        caller: str | None = ...,
        conversation: Conversation | None = ...,
        json_schema: dict[str, Any] | None = ...,
        tools: Sequence[Any] | None = ...,
        tool_choice: str | None = ...,
        restore: RestoreArg = ...,
        messages: Any = ...,
        **sampling: Unpack[Sampling],
    ) -> CompletionStream: ...

    def complete(
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
            json_schema: constrain the reply to this JSON schema where the target supports it
                (llama.cpp, OpenAI, Ollama); other targets ignore it.
            tools: functions the model may call (OpenAI or Anthropic tool format); the calls
                come back on ``Completion.tool_calls`` with arguments restored (non-streaming).
            tool_choice: ``auto``, ``none``, ``required`` or a tool name.
            restore: this call's restore policy, over the ``[restore]`` config (e.g.
                ``{"SECRET": {"text": True}}``, ``{"tool_arguments": {"send_mail": ["to"]}}``);
                see :class:`~hybridllm.redaction.RestoreConfig`.
            messages: the OpenAI SDK's name for ``prompt`` (pass one of the two).
            **sampling: ``stop``, ``top_p``, ``seed``, ``response_format`` as the OpenAI SDK
                takes them (see :class:`~hybridllm.core.sampling.Sampling`); ``stop`` is applied
                to the restored reply and never sent (a stream ends there, audited as cut
                short).

        Returns:
            A :class:`Completion` (``route`` is "blocked" when the policy blocks the call).

        Raises:
            InputError: bad input; nothing was classified or sent.
            NoTargetAvailableError: every target the policy allows failed (audited).
        """
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
        result = self._run_sync(flow)
        if isinstance(result, Completion):
            result = stopped(result, gen.stop)
            return CompletionStream(iter(()), None, result) if stream else result
        chunks = self._chunks_sync(result)
        chunks = stop_chunks(chunks, gen.stop) if gen.stop else chunks
        return CompletionStream(chunks, result, None, self.abandon)

    def embed(
        self,
        texts: Sequence[str] | str,
        *,
        space: str | None = None,
        caller: str | None = None,
        input_type: EmbedInputType | None = None,
    ) -> Embeddings:
        """Classify, decide, (redact,) embed and audit a list of texts.

        Args:
            texts: the texts (a single str counts as a list of one).
            space: a configured ``[spaces.<name>]`` (default: ``default_space``, the only space,
                or an implicit space on ``local_target``).
            caller: a name recorded in the audit log.
            input_type: what the texts are for: ``"query"`` (search queries) or ``"document"``
                (what they are matched against). Cohere v3+ models embed the two differently
                (``search_query`` / ``search_document``); ``None`` sends ``search_document``.
                OpenAI, llama.cpp and Ollama have no such parameter and ignore it.

        Returns:
            :class:`~hybridllm.embeddings.Embeddings`: vectors in input order, with the space
            and model identity they belong to.

        Raises:
            InputError: bad input (``input_type`` included) or an unknown space; nothing was
                classified or sent.
            EmbeddingRefusedError: the policy keeps these texts off the space's target (audited).
            NoTargetAvailableError: every target of the space failed (audited).
        """
        flow = self._embed_flow(texts, space, caller, coalesce=False, input_type=input_type)
        return self._run_embed_sync(flow)

    def close(self) -> None:
        """Close adapters (their sync and async HTTP clients) and the audit store, after
        writing the outcome records still queued for it.

        Raises:
            AuditError: an outcome record could not be written (everything is closed anyway).
        """
        try:
            with self._lock:
                adapters = list(self._adapters.values())
                self._adapters.clear()
                for adapter in adapters:
                    adapter.close()
                if self._store is not None:
                    self._close_audit()
        finally:
            # acomplete() on a sync Client opens async HTTP clients too; close them on a loop.
            try:
                loop = asyncio.get_running_loop()
            except RuntimeError:
                asyncio.run(aclose_all(adapters))
            else:  # called from async code: close them on the running loop
                self._closing = loop.create_task(aclose_all(adapters))

    def __enter__(self) -> Client:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class AsyncClient(BaseClient):
    """The asyncio client: same flow, same policy, same audit; ``await client.complete(...)``."""

    complete = BaseClient.acomplete
    embed = BaseClient.aembed

    async def __aenter__(self) -> AsyncClient:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.aclose()
