"""Anthropic's Messages API through the official ``anthropic`` SDK."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Iterator, Sequence
from typing import Any

from hybridllm.adapters._gate import hooked_http_client
from hybridllm.adapters._wire import AnthropicEvent, AnthropicMessage, validate
from hybridllm.adapters.base import (
    SHAPE_ERRORS,
    BaseAdapter,
    CallOptions,
    ChatResponse,
    EmbedOptions,
    EmbedResponse,
    RawToolCall,
    StreamDelta,
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

__all__ = ["AnthropicAdapter"]

# Anthropic stop reasons -> the finish reasons every adapter reports (OpenAI's vocabulary).
_FINISH = {
    "end_turn": "stop",
    "stop_sequence": "stop",
    "max_tokens": "length",
    "tool_use": "tool_calls",
    "refusal": "content_filter",
}


def _finish(stop_reason: str | None) -> str | None:
    return None if stop_reason is None else _FINISH.get(stop_reason, stop_reason)


class AnthropicAdapter(BaseAdapter):
    """A target reached with ``anthropic.Anthropic`` / ``anthropic.AsyncAnthropic``.

    System messages map to the ``system`` parameter; consecutive messages of the same role are
    joined, since the Messages API wants user and assistant turns to alternate.
    """

    extra = "anthropic"

    def __init__(self, name: str, config: TargetConfig) -> None:
        super().__init__(name, config)
        self._sdk = import_sdk("anthropic", self.extra)
        # The audit intent's fsync overlaps the SDK's request building: the HTTP client waits
        # for it right before sending (see hybridllm.adapters._gate).
        self.gates_send = hasattr(self._sdk, "DefaultHttpxClient")
        self._sync: Any = None
        self._async: Any = None

    def _client_kwargs(self) -> dict[str, Any]:
        return {
            "api_key": self._api_key(None if self.config.api_key_env else "unset"),
            "base_url": self.config.base_url,
            "timeout": self._sdk.Timeout(self.config.timeout, connect=self.config.connect_timeout),
            "max_retries": 0,
        }

    def _client(self) -> Any:
        if self._sync is None:
            self._sync = self._sdk.Anthropic(
                **self._client_kwargs(), **hooked_http_client(self._sdk)
            )
        return self._sync

    def _aclient(self) -> Any:
        if self._async is None:
            self._async = self._sdk.AsyncAnthropic(**self._client_kwargs())
        return self._async

    def _params(self, request: OutboundRequest, options: CallOptions) -> dict[str, Any]:
        self._guard(request)
        system = "\n\n".join(m.content for m in request.messages if m.role == "system")
        turns: list[dict[str, str]] = []
        for m in request.messages:
            if m.role == "system":
                continue
            if turns and turns[-1]["role"] == m.role:
                turns[-1]["content"] += "\n\n" + m.content
            else:
                turns.append({"role": m.role, "content": m.content})
        params: dict[str, Any] = {
            "model": self.model,
            "max_tokens": options.max_tokens,
            "messages": turns,
        }
        if system:
            params["system"] = system
        if options.temperature is not None:
            # anthropic>=2.x dropped `temperature` from the typed signature; the wire field stays.
            params["extra_body"] = {"temperature": options.temperature}
        if options.top_p is not None:
            params.setdefault("extra_body", {})["top_p"] = options.top_p
        if options.tools:
            params["tools"] = [
                {"name": t.name, "description": t.description, "input_schema": t.schema()}
                for t in options.tools
            ]
        if options.tool_choice is not None:
            choice = options.tool_choice
            params["tool_choice"] = (
                {"type": {"required": "any"}.get(choice, choice)}
                if choice in ("auto", "none", "required")
                else {"type": "tool", "name": choice}
            )
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
        if isinstance(exc, sdk.AnthropicError):
            return PermanentProviderError(f"{self.name}: {type(exc).__name__}", target=self.name)
        return wire_error(self.name, exc)

    def _errors(self) -> tuple[type[Exception], ...]:
        # The SDK's own errors, our typed ones, a body that does not parse or has the wrong
        # shape, and a transport error that escapes a stream iterator unwrapped. Not the
        # caller's own TimeoutError, KeyboardInterrupt or cancellation: those propagate.
        return (self._sdk.AnthropicError, ProviderError, *SHAPE_ERRORS, *transport_errors())

    def _parse(self, raw: Any) -> ChatResponse:
        msg = validate(AnthropicMessage, raw, self.name)
        text = "".join(b.text or "" for b in msg.content if b.type == "text")
        return ChatResponse(
            text=text,
            model=msg.model or self.model,
            usage=Usage(
                input_tokens=msg.usage.input_tokens or 0,
                output_tokens=msg.usage.output_tokens or 0,
            ),
            finish_reason=_finish(msg.stop_reason),
            tool_calls=tuple(
                RawToolCall(id=b.id or "", name=b.name or "", arguments=json.dumps(b.input))
                for b in msg.content
                if b.type == "tool_use"
            ),
        )

    class _StreamState:
        def __init__(self, target: str) -> None:
            self.target = target
            self.input_tokens = 0
            self.model: str | None = None

        def delta(self, raw: Any) -> StreamDelta | None:
            event = validate(AnthropicEvent, raw, self.target)
            kind = event.type
            if kind == "message_start" and event.message is not None:
                self.model = event.message.model
                self.input_tokens = event.message.usage.input_tokens or 0
            elif kind == "content_block_delta" and event.delta is not None:
                if event.delta.type == "text_delta":
                    return StreamDelta(text=event.delta.text or "")
            elif kind == "message_delta" and event.delta is not None and event.usage is not None:
                return StreamDelta(
                    usage=Usage(
                        input_tokens=self.input_tokens,
                        output_tokens=event.usage.output_tokens or 0,
                    ),
                    model=self.model,
                    finish_reason=_finish(event.delta.stop_reason),
                )
            return None

    def _check_stream(self, events: Any) -> None:
        # An HTML error page (a proxy, a captive portal) answered 200: not an empty success.
        kind = str(events.response.headers.get("content-type", "")).split(";", 1)[0].strip()
        if kind != "text/event-stream":
            raise malformed(self.name, f"stream reply is {kind or 'untyped'}")

    def complete(self, request: OutboundRequest, options: CallOptions) -> ChatResponse:
        """Create a message and return the whole reply."""
        params = self._params(request, options)
        try:
            return self._parse(self._client().messages.create(**params))
        except self._errors() as exc:
            raise self._map_error(exc) from None

    def stream(self, request: OutboundRequest, options: CallOptions) -> Iterator[StreamDelta]:
        """Stream a message (text deltas, then usage and stop reason)."""
        params = self._params(request, options)
        state = self._StreamState(self.name)
        try:
            with self._client().messages.create(stream=True, **params) as events:
                self._check_stream(events)
                for event in events:
                    delta = state.delta(event)
                    if delta is not None:
                        yield delta
        except self._errors() as exc:
            raise self._map_error(exc) from None

    async def acomplete(self, request: OutboundRequest, options: CallOptions) -> ChatResponse:
        """Async :meth:`complete`."""
        params = self._params(request, options)
        try:
            return self._parse(await self._aclient().messages.create(**params))
        except self._errors() as exc:
            raise self._map_error(exc) from None

    async def astream(
        self, request: OutboundRequest, options: CallOptions
    ) -> AsyncIterator[StreamDelta]:
        """Async :meth:`stream`."""
        params = self._params(request, options)
        state = self._StreamState(self.name)
        try:
            async with await self._aclient().messages.create(stream=True, **params) as events:
                self._check_stream(events)
                async for event in events:
                    delta = state.delta(event)
                    if delta is not None:
                        yield delta
        except self._errors() as exc:
            raise self._map_error(exc) from None

    def embed(self, requests: Sequence[OutboundRequest], options: EmbedOptions) -> EmbedResponse:
        """Anthropic has no embeddings API: always a permanent error (nothing is sent)."""
        raise PermanentProviderError(
            f"{self.name}: anthropic has no embeddings API", target=self.name
        )

    async def aembed(
        self, requests: Sequence[OutboundRequest], options: EmbedOptions
    ) -> EmbedResponse:
        """Async :meth:`embed` (always raises)."""
        return self.embed(requests, options)

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
