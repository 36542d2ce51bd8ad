"""Ollama through the official ``ollama`` client (``/api/chat``, NDJSON streaming)."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

import httpx

from hybridllm.adapters.base import (
    SHAPE_ERRORS,
    BaseAdapter,
    CallOptions,
    ChatResponse,
    EmbedOptions,
    EmbedResponse,
    RawToolCall,
    StreamDelta,
    Timeouts,
    function_tools,
    import_sdk,
    malformed,
    status_error,
    wire_error,
)
from hybridllm.config import TargetConfig
from hybridllm.errors import PermanentProviderError, ProviderError
from hybridllm.models import Usage
from hybridllm.redaction import OutboundRequest

__all__ = ["OllamaAdapter"]

# The ollama client takes no per-request timeout; an httpx request hook applies this attempt's.
_timeouts: ContextVar[Timeouts | None] = ContextVar("hybridllm_ollama_timeouts", default=None)


def _set_timeout(request: httpx.Request) -> None:
    t = _timeouts.get()
    if t is not None:
        request.extensions["timeout"] = httpx.Timeout(t.read, connect=t.connect).as_dict()


async def _aset_timeout(request: httpx.Request) -> None:
    _set_timeout(request)


@contextmanager
def _attempt_timeouts(options: CallOptions) -> Iterator[None]:
    token = _timeouts.set(options.timeouts)
    try:
        yield
    finally:
        _timeouts.reset(token)


class OllamaAdapter(BaseAdapter):
    """A target reached with ``ollama.Client`` / ``ollama.AsyncClient``.

    Local by default when ``base_url`` is a loopback address; an Ollama on another host is remote.
    """

    extra = "ollama"

    def __init__(self, name: str, config: TargetConfig) -> None:
        super().__init__(name, config)
        self._sdk = import_sdk("ollama", self.extra)
        self._sync: Any = None
        self._async: Any = None

    def _kwargs(self) -> dict[str, Any]:
        return {
            "host": self.config.base_url,
            "timeout": httpx.Timeout(self.config.timeout, connect=self.config.connect_timeout),
        }

    def _client(self) -> Any:
        if self._sync is None:
            hooks = {"request": [_set_timeout]}
            self._sync = self._sdk.Client(**self._kwargs(), event_hooks=hooks)
        return self._sync

    def _aclient(self) -> Any:
        if self._async is None:
            hooks = {"request": [_aset_timeout]}
            self._async = self._sdk.AsyncClient(**self._kwargs(), event_hooks=hooks)
        return self._async

    def _params(
        self, request: OutboundRequest, options: CallOptions, stream: bool
    ) -> dict[str, Any]:
        self._guard(request)
        opts: dict[str, Any] = {"num_predict": options.max_tokens}
        if options.temperature is not None:
            opts["temperature"] = options.temperature
        if options.top_p is not None:
            opts["top_p"] = options.top_p
        if options.seed is not None:
            opts["seed"] = options.seed
        params: dict[str, Any] = {
            "model": self.model,
            "messages": [{"role": m.role, "content": m.content} for m in request.messages],
            "stream": stream,
            "options": opts,
        }
        if options.json_schema is not None:
            params["format"] = options.json_schema  # Ollama's structured outputs
        if options.tools:
            params["tools"] = function_tools(options.tools)
        return params

    def _map_error(self, exc: Exception) -> ProviderError:
        if isinstance(exc, self._sdk.ResponseError):
            status = int(getattr(exc, "status_code", 0) or 0)
            if status == 404:
                return PermanentProviderError(
                    f"{self.name}: model '{self.model}' is not available on this Ollama server "
                    f"(run `ollama pull {self.model}`)",
                    target=self.name,
                    status=404,
                )
            # The client drops the response, but the HTTPStatusError it came from keeps it.
            cause = getattr(exc.__context__, "response", None)
            headers = getattr(cause, "headers", None)
            return status_error(self.name, status, headers, "ResponseError")
        if isinstance(exc, ProviderError):
            return exc
        return wire_error(self.name, exc)

    def _errors(self) -> tuple[type[Exception], ...]:
        # SHAPE_ERRORS: a body or NDJSON line that does not parse or has the wrong shape (a JSON
        # list where an object belongs), permanent, see wire_error. Not the caller's own
        # TimeoutError, KeyboardInterrupt or cancellation: those propagate.
        return (
            self._sdk.ResponseError,
            ProviderError,
            ConnectionError,
            httpx.TransportError,
            *SHAPE_ERRORS,
        )

    def _parse(self, resp: Any) -> ChatResponse:
        return ChatResponse(
            text=resp.message.content or "",
            model=resp.model or self.model,
            usage=Usage(
                input_tokens=resp.prompt_eval_count or 0, output_tokens=resp.eval_count or 0
            ),
            finish_reason=resp.done_reason,
            tool_calls=tuple(
                RawToolCall(
                    id=f"call_{i}",
                    name=tc.function.name,
                    arguments=json.dumps(dict(tc.function.arguments or {})),
                )
                for i, tc in enumerate(resp.message.tool_calls or ())
            ),
        )

    @staticmethod
    def _delta(part: Any) -> StreamDelta:
        if part.done:
            return StreamDelta(
                text=part.message.content or "",
                usage=Usage(
                    input_tokens=part.prompt_eval_count or 0, output_tokens=part.eval_count or 0
                ),
                model=part.model,
                finish_reason=part.done_reason,
            )
        return StreamDelta(text=part.message.content or "")

    def complete(self, request: OutboundRequest, options: CallOptions) -> ChatResponse:
        """Chat (``stream=false``) and return the whole reply."""
        params = self._params(request, options, stream=False)
        try:
            with _attempt_timeouts(options):
                return self._parse(self._client().chat(**params))
        except self._errors() as exc:
            raise self._map_error(exc) from None

    def stream(self, request: OutboundRequest, options: CallOptions) -> Iterator[StreamDelta]:
        """Chat with NDJSON streaming."""
        params = self._params(request, options, stream=True)
        try:
            with _attempt_timeouts(options):  # the request is sent on the first read
                parts = iter(self._client().chat(**params))
                first = next(parts, None)
            if first is None:
                raise malformed(self.name, "empty stream")
            yield self._delta(first)
            for part in parts:
                yield self._delta(part)
        except self._errors() as exc:
            raise self._map_error(exc) from None

    async def acomplete(self, request: OutboundRequest, options: CallOptions) -> ChatResponse:
        """Async :meth:`complete`."""
        params = self._params(request, options, stream=False)
        try:
            with _attempt_timeouts(options):
                return self._parse(await self._aclient().chat(**params))
        except self._errors() as exc:
            raise self._map_error(exc) from None

    async def astream(
        self, request: OutboundRequest, options: CallOptions
    ) -> AsyncIterator[StreamDelta]:
        """Async :meth:`stream`."""
        params = self._params(request, options, stream=True)
        try:
            with _attempt_timeouts(options):  # the request is sent on the first read
                parts = (await self._aclient().chat(**params)).__aiter__()
                first = await anext(parts, None)
            if first is None:
                raise malformed(self.name, "empty stream")
            yield self._delta(first)
            async for part in parts:
                yield self._delta(part)
        except self._errors() as exc:
            raise self._map_error(exc) from None

    def _embed_params(
        self, requests: Sequence[OutboundRequest], options: EmbedOptions
    ) -> dict[str, Any]:
        params: dict[str, Any] = {"model": self.model, "input": self._guard_all(requests)}
        if options.dimensions is not None:
            params["dimensions"] = options.dimensions
        return params

    def _parse_embeddings(self, resp: Any) -> EmbedResponse:
        return EmbedResponse(
            vectors=[list(v) for v in resp.embeddings],
            model=resp.model or self.model,
            usage=Usage(input_tokens=resp.prompt_eval_count or 0),
        )

    def embed(self, requests: Sequence[OutboundRequest], options: EmbedOptions) -> EmbedResponse:
        """``POST /api/embed`` (Ollama returns L2-normalized vectors, in input order)."""
        params = self._embed_params(requests, options)
        try:
            return self._parse_embeddings(self._client().embed(**params))
        except self._errors() as exc:
            raise self._map_error(exc) from None

    async def aembed(
        self, requests: Sequence[OutboundRequest], options: EmbedOptions
    ) -> EmbedResponse:
        """Async :meth:`embed`."""
        params = self._embed_params(requests, options)
        try:
            return self._parse_embeddings(await self._aclient().embed(**params))
        except self._errors() as exc:
            raise self._map_error(exc) from None

    def close(self) -> None:
        """Close the sync HTTP client."""
        if self._sync is not None:
            self._sync._client.close()
            self._sync = None

    async def aclose(self) -> None:
        """Close both HTTP clients."""
        self.close()
        if self._async is not None:
            await self._async._client.aclose()
            self._async = None
