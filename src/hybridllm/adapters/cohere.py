"""Cohere's v2 Chat and Embed APIs through the official ``cohere`` SDK (``ClientV2``)."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator, Sequence
from typing import Any

from hybridllm._imports import import_module
from hybridllm.adapters.base import (
    SHAPE_ERRORS,
    BaseAdapter,
    CallOptions,
    ChatResponse,
    EmbedOptions,
    EmbedResponse,
    RawToolCall,
    StreamDelta,
    function_tools,
    import_sdk,
    status_error,
    transport_errors,
    wire_error,
)
from hybridllm.config import TargetConfig
from hybridllm.errors import PermanentProviderError, ProviderError, TransientProviderError
from hybridllm.models import Usage
from hybridllm.redaction import OutboundRequest

__all__ = ["CohereAdapter"]

# Cohere v2 finish reasons -> the finish reasons every adapter reports (OpenAI's vocabulary).
# ERROR and TIMEOUT are not answers: they raise (see `_check_finish`).
_FINISH = {
    "COMPLETE": "stop",
    "STOP_SEQUENCE": "stop",
    "MAX_TOKENS": "length",
    "TOOL_CALL": "tool_calls",
}

# What the texts are for: Cohere's v3+ embed models require an `input_type` and embed a search
# query differently from the documents it is matched against. A space holds documents, so a call
# that does not say (`input_type=None`) embeds documents.
_EMBED_INPUT_TYPES = {
    "query": "search_query",
    "document": "search_document",
    None: "search_document",
}


def _finish(reason: Any) -> str | None:
    if reason is None:
        return None
    text = str(reason)
    return _FINISH.get(text, text.lower())


def _tokens(usage: Any) -> Usage:
    """``usage.tokens`` (what the model processed), else ``usage.billed_units``."""
    if usage is None:
        return Usage()
    for part in (getattr(usage, "tokens", None), getattr(usage, "billed_units", None)):
        if part is not None and (part.input_tokens or part.output_tokens):
            return Usage(
                input_tokens=int(part.input_tokens or 0), output_tokens=int(part.output_tokens or 0)
            )
    return Usage()


class CohereAdapter(BaseAdapter):
    """A target reached with ``cohere.ClientV2`` / ``cohere.AsyncClientV2``.

    Messages go as they are (``system``, ``user``, ``assistant`` roles, string content). The
    SDK's own retries are off: retries and fallback live outside the adapter. The adapter owns
    the httpx clients it hands to the SDK, so :meth:`close` releases them.
    """

    extra = "cohere"

    def __init__(self, name: str, config: TargetConfig) -> None:
        super().__init__(name, config)
        self._sdk = import_sdk("cohere", self.extra)
        self._api_error: type[Exception] = import_sdk("cohere.core.api_error", self.extra).ApiError
        self._sync: Any = None
        self._async: Any = None
        self._http: Any = None
        self._ahttp: Any = None

    def _client_kwargs(self) -> dict[str, Any]:
        kwargs: dict[str, Any] = {
            "api_key": self._api_key(None if self.config.api_key_env else "unset"),
            "timeout": self.config.timeout,
            "max_retries": 0,
        }
        if self.config.base_url:
            kwargs["base_url"] = self.config.base_url.rstrip("/")
        return kwargs

    def _client(self) -> Any:
        if self._sync is None:
            httpx = import_module("httpx")
            self._http = httpx.Client(timeout=self.config.timeout, follow_redirects=True)
            self._sync = self._sdk.ClientV2(**self._client_kwargs(), httpx_client=self._http)
        return self._sync

    def _aclient(self) -> Any:
        if self._async is None:
            httpx = import_module("httpx")
            self._ahttp = httpx.AsyncClient(timeout=self.config.timeout, follow_redirects=True)
            self._async = self._sdk.AsyncClientV2(**self._client_kwargs(), httpx_client=self._ahttp)
        return self._async

    def _params(self, request: OutboundRequest, options: CallOptions) -> dict[str, Any]:
        self._guard(request)
        params: dict[str, Any] = {
            "model": self.model,
            "messages": [{"role": m.role, "content": m.content} for m in request.messages],
            "max_tokens": options.max_tokens,
        }
        if options.temperature is not None:
            params["temperature"] = options.temperature
        if options.top_p is not None:
            params["p"] = options.top_p
        if options.seed is not None:
            params["seed"] = options.seed
        if options.tools:
            params["tools"] = function_tools(options.tools)  # v2 tools use OpenAI's shape
        if options.tool_choice in ("required", "none"):
            params["tool_choice"] = options.tool_choice.upper()
        if options.json_schema is not None:
            params["response_format"] = {"type": "json_object", "json_schema": options.json_schema}
        return params

    def _map_error(self, exc: Exception) -> ProviderError:
        if isinstance(exc, ProviderError):
            return exc
        if isinstance(exc, self._api_error):
            status = getattr(exc, "status_code", None)
            kind = type(exc).__name__
            if status is None or 200 <= status < 300:
                # The SDK wraps a 2xx body that does not parse as an ApiError with that status.
                return PermanentProviderError(
                    f"{self.name}: malformed response ({kind})", target=self.name
                )
            headers = getattr(exc, "headers", None) or {}
            return status_error(self.name, status, headers, kind)
        return wire_error(self.name, exc)

    def _errors(self) -> tuple[type[Exception], ...]:
        # The SDK's status errors, a body that does not parse, a transport error (the SDK lets
        # httpx's through unwrapped, streamed or not), and our own checks below.
        return (self._api_error, ProviderError, *SHAPE_ERRORS, *transport_errors())

    def _check_finish(self, reason: Any, error: Any = None) -> None:
        if error or str(reason) in ("ERROR", "TIMEOUT"):
            raise TransientProviderError(
                f"{self.name}: the provider ended the reply with {reason or 'an error'}",
                target=self.name,
            )

    def _parse(self, resp: Any) -> ChatResponse:
        self._check_finish(resp.finish_reason)
        message = resp.message
        text = "".join(
            getattr(block, "text", "") or ""
            for block in (getattr(message, "content", None) or ())
            if getattr(block, "type", "") == "text"
        )
        calls = tuple(
            RawToolCall(
                id=call.id or "",
                name=call.function.name or "",
                arguments=call.function.arguments or "{}",
            )
            for call in (getattr(message, "tool_calls", None) or ())
            if getattr(call, "function", None) is not None
        )
        return ChatResponse(
            text=text,
            model=self.model,
            usage=_tokens(resp.usage),
            finish_reason=_finish(resp.finish_reason),
            tool_calls=calls,
        )

    class _StreamState:
        def __init__(self, adapter: CohereAdapter) -> None:
            self.adapter = adapter
            self.ended = False

        def delta(self, event: Any) -> StreamDelta | None:
            kind = getattr(event, "type", None)
            if kind == "content-delta":
                content = event.delta.message.content if event.delta else None
                text = getattr(content, "text", None) or ""
                return StreamDelta(text=text) if text else None
            if kind == "message-end":
                self.ended = True
                delta = event.delta
                reason = getattr(delta, "finish_reason", None)
                self.adapter._check_finish(reason, getattr(delta, "error", None))
                return StreamDelta(
                    usage=_tokens(getattr(delta, "usage", None)),
                    model=self.adapter.model,
                    finish_reason=_finish(reason) or "stop",
                )
            return None

        def done(self) -> None:
            # The SDK skips SSE events it cannot parse, so a malformed stream ends "cleanly"
            # without its message-end: that is not a whole answer.
            if not self.ended:
                raise PermanentProviderError(
                    f"{self.adapter.name}: malformed stream (no message-end event)",
                    target=self.adapter.name,
                )

    def complete(self, request: OutboundRequest, options: CallOptions) -> ChatResponse:
        """``POST /v2/chat`` and return the whole reply."""
        params = self._params(request, options)
        try:
            return self._parse(self._client().chat(**params))
        except self._errors() as exc:
            raise self._map_error(exc) from None

    def stream(self, request: OutboundRequest, options: CallOptions) -> Iterator[StreamDelta]:
        """Stream ``POST /v2/chat`` (text deltas, then usage and finish reason)."""
        params = self._params(request, options)
        state = self._StreamState(self)
        try:
            for event in self._client().chat_stream(**params):
                delta = state.delta(event)
                if delta is not None:
                    yield delta
            state.done()
        except self._errors() as exc:
            raise self._map_error(exc) from None

    async def acomplete(self, request: OutboundRequest, options: CallOptions) -> ChatResponse:
        """Async :meth:`complete`."""
        params = self._params(request, options)
        try:
            return self._parse(await self._aclient().chat(**params))
        except self._errors() as exc:
            raise self._map_error(exc) from None

    async def astream(
        self, request: OutboundRequest, options: CallOptions
    ) -> AsyncIterator[StreamDelta]:
        """Async :meth:`stream`."""
        params = self._params(request, options)
        state = self._StreamState(self)
        try:
            async for event in self._aclient().chat_stream(**params):
                delta = state.delta(event)
                if delta is not None:
                    yield delta
            state.done()
        except self._errors() as exc:
            raise self._map_error(exc) from None

    def _embed_params(
        self, requests: Sequence[OutboundRequest], options: EmbedOptions
    ) -> dict[str, Any]:
        params: dict[str, Any] = {
            "model": self.model,
            "texts": self._guard_all(requests),
            "input_type": _EMBED_INPUT_TYPES[options.input_type],
            "embedding_types": ["float"],
        }
        if options.dimensions is not None:
            params["output_dimension"] = options.dimensions
        return params

    def _parse_embeddings(self, resp: Any) -> EmbedResponse:
        vectors = getattr(resp.embeddings, "float_", None)
        if vectors is None:
            raise PermanentProviderError(
                f"{self.name}: malformed response (no float embeddings)", target=self.name
            )
        billed = getattr(getattr(resp, "meta", None), "billed_units", None)
        tokens = int(getattr(billed, "input_tokens", None) or 0)
        return EmbedResponse(
            vectors=[[float(x) for x in v] for v in vectors],
            model=self.model,
            usage=Usage(input_tokens=tokens),
        )

    def embed(self, requests: Sequence[OutboundRequest], options: EmbedOptions) -> EmbedResponse:
        """``POST /v2/embed`` for the texts of ``requests``, vectors in input order."""
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
        if self._http is not None:
            self._http.close()
        self._http = None
        self._sync = None

    async def aclose(self) -> None:
        """Close both HTTP clients."""
        self.close()
        if self._ahttp is not None:
            await self._ahttp.aclose()
        self._ahttp = None
        self._async = None
