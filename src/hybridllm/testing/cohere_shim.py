"""A loopback server that speaks Cohere's v2 HTTP API and forwards to llama-server's OpenAI API.

No Cohere endpoint is reachable from the project's machines, so the official ``cohere`` client
(``cohere.ClientV2``) is tested against this shim: the wire format follows Cohere's v2 API
reference (``POST /v2/chat`` with ``message.content`` blocks, ``finish_reason`` in
``COMPLETE``/``MAX_TOKENS``/``TOOL_CALL``, ``usage.billed_units`` and ``usage.tokens``; streamed
answers as server-sent events ``message-start``, ``content-start``, ``content-delta``,
``content-end``, ``message-end``; ``POST /v2/embed`` with ``embeddings.float``; errors as
``{"id": ..., "message": ...}`` and 404 for an unknown model) while every answer comes from a
real model behind llama-server.

Served: ``POST /v2/chat`` (whole or ``"stream": true``), ``POST /v2/embed``.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Sequence
from typing import Any

import httpx

from hybridllm.testing._http import (
    ChunkedWriter,
    RequestHandler,
    error_message,
    json_or_empty,
    send_json,
    sse_events,
)
from hybridllm.testing.recording import RecordedRequest, RecordingServer

__all__ = ["CohereShim"]

# OpenAI finish reasons (llama-server) -> Cohere v2 finish reasons.
_FINISH = {"stop": "COMPLETE", "length": "MAX_TOKENS", "tool_calls": "TOOL_CALL"}

# Cohere v2 chat fields -> OpenAI / llama-server request fields.
_PARAM_MAP = {
    "max_tokens": "max_tokens",
    "temperature": "temperature",
    "p": "top_p",
    "k": "top_k",
    "seed": "seed",
    "stop_sequences": "stop",
    "frequency_penalty": "frequency_penalty",
    "presence_penalty": "presence_penalty",
}


class _ApiError(Exception):
    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


def _error(message: str) -> dict[str, str]:
    return {"id": str(uuid.uuid4()), "message": message}


def _text(content: Any) -> str:
    """A v2 message ``content``: a string, or a list of ``{"type": "text", "text": ...}``."""
    if content is None:
        return ""
    if isinstance(content, str):
        return content
    if isinstance(content, dict):
        content = [content]
    if not isinstance(content, list):
        raise _ApiError(400, "invalid request: message content must be a string or a list")
    parts = []
    for block in content:
        if isinstance(block, dict) and block.get("type", "text") == "text":
            parts.append(str(block.get("text") or ""))
        elif isinstance(block, dict) and block.get("type") == "document":
            parts.append(json.dumps(block.get("document", {}).get("data", {})))
    return "".join(parts)


def _usage(prompt: int, completion: int) -> dict[str, Any]:
    return {
        "billed_units": {"input_tokens": prompt, "output_tokens": completion},
        "tokens": {"input_tokens": prompt, "output_tokens": completion},
    }


def _event(kind: str, payload: dict[str, Any]) -> bytes:
    data = json.dumps({"type": kind, **payload}, separators=(",", ":"))
    return f"event: {kind}\ndata: {data}\n\n".encode()


class CohereShim(RecordingServer):
    """A Cohere v2-compatible server backed by an OpenAI-compatible upstream (llama-server).

    Args:
        upstream_base_url: llama-server base URL (without ``/v1``).
        models: Model names this "Cohere" serves; defaults to the upstream's ``/v1/models``
            ids. Any other name gets Cohere's 404.
        upstream_timeout: Seconds allowed for the upstream connect and for each read.

    Example:
        >>> with CohereShim(llama.base_url) as shim:  # doctest: +SKIP
        ...     co = cohere.ClientV2(api_key="x", base_url=shim.base_url)
        ...     co.chat(model="smollm2", messages=[{"role": "user", "content": "hi"}])
    """

    def __init__(
        self,
        upstream_base_url: str,
        *,
        models: Sequence[str] | None = None,
        upstream_timeout: float = 120.0,
    ) -> None:
        super().__init__(upstream_base_url, upstream_timeout=upstream_timeout)
        self._models = list(models) if models is not None else None
        self._upstream_model = "model"

    @property
    def models(self) -> list[str]:
        """The model names the shim serves."""
        return list(self._models or [])

    def start(self) -> CohereShim:
        """Start serving; asks the upstream for its model names when none were given."""
        super().start()
        try:
            data = self.upstream.get("/v1/models").json()
            ids = [str(m["id"]) for m in data.get("data", [])]
        except (httpx.HTTPError, ValueError, KeyError, TypeError):
            ids = []
        if ids:
            self._upstream_model = ids[0]
        if self._models is None:
            self._models = ids
        return self

    # ---- routing -------------------------------------------------------------------------

    def respond(self, handler: RequestHandler, record: RecordedRequest) -> None:
        """Route one recorded request to the matching Cohere endpoint."""
        path = handler.path.split("?", 1)[0].rstrip("/")
        try:
            if handler.command == "POST" and path == "/v2/chat":
                self._chat(handler, self._json(record.body))
            elif handler.command == "POST" and path == "/v2/embed":
                self._embed(handler, self._json(record.body))
            else:
                raise _ApiError(404, "404 page not found")
        except _ApiError as exc:
            send_json(handler, exc.status, _error(exc.message))

    def error_body(self, status: int) -> bytes:
        """Cohere's error shape: ``{"id": "...", "message": "..."}``."""
        return json.dumps(_error(f"injected failure (HTTP {status})")).encode()

    def malformed_body(self, record: RecordedRequest) -> tuple[str, bytes]:
        """A truncated JSON object, or for a stream an SSE event whose data is cut off."""
        if self.wants_stream(record):
            frame = b'event: message-start\ndata: {"id":"broken","type":"message-start","del\n\n'
            return "text/event-stream", frame
        return "application/json", b'{"id":"broken","finish_reason":"COMPLETE","message":{'

    @staticmethod
    def _json(body: bytes) -> dict[str, Any]:
        if not body:
            raise _ApiError(400, "invalid request: missing request body")
        try:
            data = json.loads(body)
        except ValueError:
            raise _ApiError(400, "invalid request: body is not valid JSON") from None
        if not isinstance(data, dict):
            raise _ApiError(400, "invalid request: body must be a JSON object")
        return data

    def _model(self, req: dict[str, Any]) -> str:
        name = req.get("model")
        if not isinstance(name, str) or not name:
            raise _ApiError(400, "invalid request: model must be specified")
        if name not in self.models:
            raise _ApiError(
                404,
                f"model '{name}' not found, make sure the correct model ID was used "
                "and that you have access to the model.",
            )
        return name

    # ---- endpoints -----------------------------------------------------------------------

    def _chat(self, handler: RequestHandler, req: dict[str, Any]) -> None:
        self._model(req)
        messages = req.get("messages")
        if not isinstance(messages, list) or not messages:
            raise _ApiError(400, "invalid request: messages must not be empty")
        payload: dict[str, Any] = {
            "model": self._upstream_model,
            "messages": [self._to_openai_message(m) for m in messages],
        }
        for key, target in _PARAM_MAP.items():
            if req.get(key) is not None:
                payload[target] = req[key]
        fmt = req.get("response_format")
        if isinstance(fmt, dict) and fmt.get("type") == "json_object":
            schema = fmt.get("json_schema") or fmt.get("schema")
            payload["response_format"] = (
                {"type": "json_schema", "json_schema": {"name": "output", "schema": schema}}
                if schema
                else {"type": "json_object"}
            )
        if req.get("tools"):
            payload["tools"] = req["tools"]  # v2 tools are OpenAI's function-tool objects
        choice = req.get("tool_choice")
        if isinstance(choice, str) and choice.upper() in ("REQUIRED", "NONE"):
            payload["tool_choice"] = choice.lower()
        if req.get("stream") is True:
            self._chat_stream(handler, payload)
            return
        data = self._upstream_json("/v1/chat/completions", payload)
        first = (data.get("choices") or [{}])[0]
        msg = first.get("message") or {}
        usage = data.get("usage") or {}
        message: dict[str, Any] = {"role": "assistant"}
        text = msg.get("content") or ""
        calls = msg.get("tool_calls") or []
        if calls:
            message["tool_plan"] = text
            message["tool_calls"] = [
                {
                    "id": c.get("id") or f"call_{i}",
                    "type": "function",
                    "function": {
                        "name": c["function"]["name"],
                        "arguments": c["function"].get("arguments") or "{}",
                    },
                }
                for i, c in enumerate(calls)
            ]
        else:
            message["content"] = [{"type": "text", "text": text}]
        send_json(
            handler,
            200,
            {
                "id": str(uuid.uuid4()),
                "message": message,
                "finish_reason": _FINISH.get(first.get("finish_reason") or "stop", "COMPLETE"),
                "usage": _usage(usage.get("prompt_tokens", 0), usage.get("completion_tokens", 0)),
            },
        )

    def _chat_stream(self, handler: RequestHandler, payload: dict[str, Any]) -> None:
        payload = {**payload, "stream": True, "stream_options": {"include_usage": True}}
        with self.upstream.stream("POST", "/v1/chat/completions", json=payload) as response:
            if response.status_code != 200:
                response.read()
                data = json_or_empty(response)
                raise _ApiError(response.status_code, error_message(data, response))
            writer = ChunkedWriter(
                handler, 200, {"Content-Type": "text/event-stream", "Cache-Control": "no-cache"}
            )
            start = {
                "id": str(uuid.uuid4()),
                "delta": {
                    "message": {
                        "role": "assistant",
                        "content": [],
                        "tool_plan": "",
                        "tool_calls": [],
                        "citations": [],
                    }
                },
            }
            writer.write(_event("message-start", start))
            usage: dict[str, Any] = {}
            finish: str | None = None
            started = False
            try:
                for chunk in sse_events(response.iter_lines()):
                    usage = chunk.get("usage") or usage
                    for choice in chunk.get("choices") or []:
                        finish = choice.get("finish_reason") or finish
                        text = (choice.get("delta") or {}).get("content")
                        if not text:
                            continue
                        if not started:
                            started = True
                            block = {"message": {"content": {"type": "text", "text": ""}}}
                            writer.write(_event("content-start", {"index": 0, "delta": block}))
                        delta = {"message": {"content": {"text": text}}}
                        writer.write(_event("content-delta", {"index": 0, "delta": delta}))
            except httpx.HTTPError as exc:
                end = {"delta": {"finish_reason": "ERROR", "error": f"upstream failed: {exc!r}"}}
                writer.write(_event("message-end", end))
                writer.close()
                return
            if started:
                writer.write(_event("content-end", {"index": 0}))
            end_delta = {
                "finish_reason": _FINISH.get(finish or "stop", "COMPLETE"),
                "usage": _usage(usage.get("prompt_tokens", 0), usage.get("completion_tokens", 0)),
            }
            writer.write(_event("message-end", {"delta": end_delta}))
            writer.close()

    def _embed(self, handler: RequestHandler, req: dict[str, Any]) -> None:
        self._model(req)
        texts = req.get("texts")
        if texts is None and isinstance(req.get("inputs"), list):
            texts = [_text(i.get("content")) for i in req["inputs"] if isinstance(i, dict)]
        if not isinstance(texts, list) or not texts:
            raise _ApiError(400, "invalid request: texts must not be empty")
        types = req.get("embedding_types") or ["float"]
        if [t for t in types if t != "float"]:
            raise _ApiError(400, "invalid request: this server only supports float embeddings")
        data = self._upstream_json(
            "/v1/embeddings", {"model": self._upstream_model, "input": [str(t) for t in texts]}
        )
        rows = sorted(data.get("data", []), key=lambda r: r.get("index", 0))
        tokens = (data.get("usage") or {}).get("prompt_tokens", 0)
        send_json(
            handler,
            200,
            {
                "id": str(uuid.uuid4()),
                "embeddings": {"float": [r["embedding"] for r in rows]},
                "texts": texts,
                "meta": {"api_version": {"version": "2"}, "billed_units": {"input_tokens": tokens}},
                "response_type": "embeddings_by_type",
            },
        )

    # ---- helpers -------------------------------------------------------------------------

    @staticmethod
    def _to_openai_message(message: Any) -> dict[str, Any]:
        if not isinstance(message, dict):
            raise _ApiError(400, "invalid request: each message must be an object")
        role = message.get("role")
        if role not in ("system", "user", "assistant", "tool"):
            raise _ApiError(400, f"invalid request: unknown message role '{role}'")
        out: dict[str, Any] = {"role": role, "content": _text(message.get("content"))}
        if role == "assistant" and message.get("tool_calls"):
            out["content"] = out["content"] or message.get("tool_plan") or ""
            out["tool_calls"] = message["tool_calls"]
        if role == "tool":
            out["tool_call_id"] = message.get("tool_call_id", "")
        return out

    def _upstream_json(self, path: str, payload: dict[str, Any]) -> dict[str, Any]:
        try:
            response = self.upstream.post(path, json=payload)
        except httpx.HTTPError as exc:
            raise _ApiError(500, f"upstream failed: {exc!r}") from None
        data = json_or_empty(response)
        if response.status_code != 200:
            raise _ApiError(response.status_code, error_message(data, response))
        return data
