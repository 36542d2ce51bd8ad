"""OpenAI chat completions through the official ``openai`` SDK (any compatible endpoint)."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator, Sequence
from typing import Any

import httpx

from hybridllm.adapters._gate import hooked_http_client
from hybridllm.adapters._wire import OpenAIChunk, OpenAICompletion, validate, validate_json
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
    malformed,
    raise_callers_own,
    status_error,
    transport_errors,
    wire_error,
)
from hybridllm.config import TargetConfig
from hybridllm.errors import (
    PermanentProviderError,
    ProviderError,
    ProviderTimeoutError,
    TransientProviderError,
)
from hybridllm.models import Usage
from hybridllm.redaction import OutboundRequest

__all__ = ["OpenAIAdapter"]

_CHAT = "/chat/completions"


class OpenAIAdapter(BaseAdapter):
    """A target reached with ``openai.OpenAI`` / ``openai.AsyncOpenAI``.

    SDK retries are off (``max_retries=0``): hybridllm retries with tenacity, so that retry,
    cooldown and fallback decisions happen in one place and are audited.
    """

    extra = "openai"
    default_api_key: str | None = None

    def __init__(self, name: str, config: TargetConfig) -> None:
        super().__init__(name, config)
        self._sdk = import_sdk("openai", self.extra)
        # The audit intent's fsync overlaps the SDK's request building: the HTTP client waits
        # for it right before sending (see hybridllm.adapters._gate).
        self.gates_send = hasattr(self._sdk, "DefaultHttpxClient")
        self._sync: Any = None
        self._async: Any = None

    def _base_url(self) -> str | None:
        return self.config.base_url

    def _client_kwargs(self) -> dict[str, Any]:
        return {
            "api_key": self._api_key(self.default_api_key) or "unset",
            "base_url": self._base_url(),
            "timeout": self._sdk.Timeout(self.config.timeout, connect=self.config.connect_timeout),
            "max_retries": 0,
        }

    def _client(self) -> Any:
        if self._sync is None:
            self._sync = self._sdk.OpenAI(**self._client_kwargs(), **hooked_http_client(self._sdk))
        return self._sync

    def _aclient(self) -> Any:
        if self._async is None:
            self._async = self._sdk.AsyncOpenAI(**self._client_kwargs())
        return self._async

    def _params(
        self, request: OutboundRequest, options: CallOptions, stream: bool
    ) -> dict[str, Any]:
        self._guard(request)
        params: dict[str, Any] = {
            "model": self.model,
            "messages": [{"role": m.role, "content": m.content} for m in request.messages],
            "max_tokens": options.max_tokens,
        }
        if options.temperature is not None:
            params["temperature"] = options.temperature
        if options.top_p is not None:
            params["top_p"] = options.top_p
        if options.seed is not None:
            params["seed"] = options.seed
        if options.tools:
            params["tools"] = function_tools(options.tools)
        if options.tool_choice is not None:
            params["tool_choice"] = (
                options.tool_choice
                if options.tool_choice in ("auto", "none", "required")
                else {"type": "function", "function": {"name": options.tool_choice}}
            )
        if options.json_schema is not None:
            params["response_format"] = {
                "type": "json_schema",
                "json_schema": {"name": "output", "schema": options.json_schema, "strict": True},
            }
        if stream:
            params["stream"] = True
            params["stream_options"] = {"include_usage": True}
        if options.timeouts is not None:
            params["timeout"] = self._sdk.Timeout(
                options.timeouts.read, connect=options.timeouts.connect
            )
        return params

    def _map_error(self, exc: Exception) -> ProviderError:
        sdk = self._sdk
        if isinstance(exc, ProviderError):
            return exc
        if isinstance(exc, sdk.APITimeoutError):
            raise_callers_own(exc)
            return ProviderTimeoutError(f"{self.name}: {type(exc).__name__}", target=self.name)
        if isinstance(exc, sdk.APIConnectionError):
            return TransientProviderError(f"{self.name}: {type(exc).__name__}", target=self.name)
        if isinstance(exc, sdk.APIStatusError):
            return status_error(
                self.name, exc.status_code, exc.response.headers, type(exc).__name__
            )
        if isinstance(exc, sdk.OpenAIError):
            return PermanentProviderError(f"{self.name}: {type(exc).__name__}", target=self.name)
        return wire_error(self.name, exc)

    def _errors(self) -> tuple[type[Exception], ...]:
        # The SDK's own errors, our typed ones, a body that does not parse or has the wrong
        # shape, and a transport error that escapes a stream iterator unwrapped. Not the
        # caller's own TimeoutError, KeyboardInterrupt or cancellation: those propagate.
        return (self._sdk.OpenAIError, ProviderError, *SHAPE_ERRORS, *transport_errors())

    def _parse(self, raw: Any) -> ChatResponse:
        # The raw reply (an ``httpx.Response``): its JSON body is validated into our types in
        # one pass; the SDK's own response object, which nothing here reads, is never built.
        reply = validate_json(OpenAICompletion, raw.content, self.name)
        choice = reply.choices[0]
        usage = reply.usage
        return ChatResponse(
            text=choice.message.content or "",
            model=reply.model or self.model,
            usage=Usage(
                input_tokens=(usage.prompt_tokens if usage else 0) or 0,
                output_tokens=(usage.completion_tokens if usage else 0) or 0,
            ),
            finish_reason=choice.finish_reason,
            tool_calls=tuple(
                RawToolCall(id=tc.id or "", name=tc.function.name, arguments=tc.function.arguments)
                for tc in (choice.message.tool_calls or ())
                if tc.function is not None
            ),
        )

    def _delta(self, raw: Any) -> StreamDelta:
        chunk = validate(OpenAIChunk, raw, self.name)
        text = ""
        finish = None
        if chunk.choices:
            text = chunk.choices[0].delta.content or ""
            finish = chunk.choices[0].finish_reason
        usage = None
        if chunk.usage is not None:
            usage = Usage(
                input_tokens=chunk.usage.prompt_tokens or 0,
                output_tokens=chunk.usage.completion_tokens or 0,
            )
        return StreamDelta(text=text, usage=usage, model=chunk.model, finish_reason=finish)

    def _check_stream(self, chunks: Any) -> None:
        # An HTML error page (a proxy, a captive portal) answered 200: not an empty success.
        kind = str(chunks.response.headers.get("content-type", "")).split(";", 1)[0].strip()
        if kind != "text/event-stream":
            raise malformed(self.name, f"stream reply is {kind or 'untyped'}")

    @staticmethod
    def _post_args(params: dict[str, Any]) -> dict[str, Any]:
        """``client.post`` arguments for a whole chat completion (see :meth:`complete`)."""
        body = dict(params)
        opts: dict[str, Any] = {"security": {"bearer_auth": True}}  # what create() asks for
        timeout = body.pop("timeout", None)
        if timeout is not None:
            opts["timeout"] = timeout
        return {"body": body, "options": opts, "cast_to": httpx.Response}

    def complete(self, request: OutboundRequest, options: CallOptions) -> ChatResponse:
        """Send a chat completion and return the whole reply.

        Through the SDK's documented ``client.post`` (its HTTP client, auth, headers, timeouts
        and status errors), not ``chat.completions.create``: ``create`` walks every one of its
        ~40 parameters against its TypedDicts (``maybe_transform``, a third of the SDK's CPU
        per call) to rename aliased keys, and no chat request parameter has an alias; and the
        reply is read raw and validated once into our types (:meth:`_parse`), so the SDK's
        own response object, which nothing here reads, is never built.
        """
        params = self._params(request, options, stream=False)
        try:
            return self._parse(self._client().post(_CHAT, **self._post_args(params)))
        except self._errors() as exc:
            raise self._map_error(exc) from None

    def stream(self, request: OutboundRequest, options: CallOptions) -> Iterator[StreamDelta]:
        """Stream a chat completion."""
        params = self._params(request, options, stream=True)
        try:
            with self._client().chat.completions.create(**params) as chunks:
                self._check_stream(chunks)
                for chunk in chunks:
                    yield self._delta(chunk)
        except self._errors() as exc:
            raise self._map_error(exc) from None

    async def acomplete(self, request: OutboundRequest, options: CallOptions) -> ChatResponse:
        """Async :meth:`complete`."""
        params = self._params(request, options, stream=False)
        try:
            raw = await self._aclient().post(_CHAT, **self._post_args(params))
            return self._parse(raw)
        except self._errors() as exc:
            raise self._map_error(exc) from None

    async def astream(
        self, request: OutboundRequest, options: CallOptions
    ) -> AsyncIterator[StreamDelta]:
        """Async :meth:`stream`."""
        params = self._params(request, options, stream=True)
        try:
            async with await self._aclient().chat.completions.create(**params) as chunks:
                self._check_stream(chunks)
                async for chunk in chunks:
                    yield self._delta(chunk)
        except self._errors() as exc:
            raise self._map_error(exc) from None

    def _embed_params(
        self, requests: Sequence[OutboundRequest], options: EmbedOptions
    ) -> dict[str, Any]:
        params: dict[str, Any] = {
            "model": self.model,
            "input": self._guard_all(requests),
            # floats on the wire: the SDK's base64 default is not served by every compatible
            # endpoint (older llama-server builds), and floats are what the caller gets anyway
            "encoding_format": "float",
        }
        if options.dimensions is not None:
            params["dimensions"] = options.dimensions
        return params

    def _parse_embeddings(self, resp: Any) -> EmbedResponse:
        rows = sorted(resp.data, key=lambda d: d.index)
        usage = resp.usage
        return EmbedResponse(
            vectors=[list(r.embedding) for r in rows],
            model=resp.model or self.model,
            usage=Usage(input_tokens=getattr(usage, "prompt_tokens", 0) or 0),
        )

    def embed(self, requests: Sequence[OutboundRequest], options: EmbedOptions) -> EmbedResponse:
        """``POST /embeddings`` for the texts of ``requests``, vectors in input order."""
        params = self._embed_params(requests, options)
        try:
            return self._parse_embeddings(self._client().embeddings.create(**params))
        except self._errors() as exc:
            raise self._map_error(exc) from None

    async def aembed(
        self, requests: Sequence[OutboundRequest], options: EmbedOptions
    ) -> EmbedResponse:
        """Async :meth:`embed`."""
        params = self._embed_params(requests, options)
        try:
            return self._parse_embeddings(await self._aclient().embeddings.create(**params))
        except self._errors() as exc:
            raise self._map_error(exc) from None

    def close(self) -> None:
        """Close the sync HTTP client."""
        if self._sync is not None:
            self._sync.close()
            self._sync = None

    async def aclose(self) -> None:
        """Close both HTTP clients."""
        self.close()
        if self._async is not None:
            await self._async.close()
            self._async = None
