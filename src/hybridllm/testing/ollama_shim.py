"""A loopback server that speaks Ollama's HTTP API and forwards to llama-server's OpenAI API.

No Ollama server can be installed on the project's machines, so the official ``ollama`` client is
tested against this shim: the wire format follows Ollama's ``docs/api.md`` (NDJSON streaming,
``done``/``done_reason`` and the nanosecond duration fields, ``{"error": ...}`` bodies, 404 for an
unknown model) while every answer comes from a real model behind llama-server.

Served: ``GET /``, ``GET /api/version``, ``GET /api/tags``, ``GET /api/ps``, ``POST /api/show``,
``POST /api/chat``, ``POST /api/generate``, ``POST /api/embed``, ``POST /api/embeddings``.
"""

from __future__ import annotations

import hashlib
import json
import math
import time
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

import httpx

from hybridllm.testing._http import (
    ChunkedWriter,
    RequestHandler,
    error_message,
    json_or_empty,
    send_bytes,
    send_json,
    sse_events,
)
from hybridllm.testing.recording import (
    RecordedRequest,
    RecordingServer,
)

__all__ = ["OllamaShim"]

# Ollama `options` -> OpenAI / llama-server request fields.
_OPTION_MAP = {
    "num_predict": "max_tokens",
    "temperature": "temperature",
    "top_p": "top_p",
    "top_k": "top_k",
    "min_p": "min_p",
    "seed": "seed",
    "stop": "stop",
    "repeat_penalty": "repeat_penalty",
    "presence_penalty": "presence_penalty",
    "frequency_penalty": "frequency_penalty",
}


class _ApiError(Exception):
    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


def _now() -> str:
    return datetime.now(UTC).isoformat().replace("+00:00", "Z")


def _normalize(name: str) -> str:
    return name if ":" in name.rsplit("/", 1)[-1] else f"{name}:latest"


def _l2(vector: Sequence[float]) -> list[float]:
    norm = math.sqrt(sum(x * x for x in vector))
    return [x / norm for x in vector] if norm else list(vector)


class OllamaShim(RecordingServer):
    """An Ollama-compatible server backed by an OpenAI-compatible upstream (llama-server).

    Args:
        upstream_base_url: llama-server base URL (without ``/v1``).
        models: Names this "Ollama" has pulled; defaults to the upstream's ``/v1/models`` ids.
            A name without a tag also answers to ``NAME:latest``.
        version: What ``GET /api/version`` reports.
        upstream_timeout: Seconds allowed for the upstream connect and for each read.

    Example:
        >>> with OllamaShim(llama.base_url) as shim:  # doctest: +SKIP
        ...     ollama.Client(host=shim.base_url).chat(model="smollm2", messages=[...])
    """

    def __init__(
        self,
        upstream_base_url: str,
        *,
        models: Sequence[str] | None = None,
        version: str = "0.6.8",
        upstream_timeout: float = 120.0,
    ) -> None:
        super().__init__(upstream_base_url, upstream_timeout=upstream_timeout)
        self.version = version
        self._models = [_normalize(m) for m in models] if models is not None else None
        self._upstream_model = "model"

    @property
    def models(self) -> list[str]:
        """The model names the shim serves, each with its tag."""
        return list(self._models or [])

    def start(self) -> OllamaShim:
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
            self._models = [_normalize(i) for i in ids]
        return self

    # ---- routing -------------------------------------------------------------------------

    def respond(self, handler: RequestHandler, record: RecordedRequest) -> None:
        """Route one recorded request to the matching Ollama endpoint."""
        body = record.body
        path = handler.path.split("?", 1)[0].rstrip("/") or "/"
        route = (handler.command, path)
        try:
            if route in {("GET", "/"), ("HEAD", "/")}:
                send_bytes(handler, 200, b"Ollama is running", "text/plain; charset=utf-8")
            elif route == ("GET", "/api/version"):
                send_json(handler, 200, {"version": self.version})
            elif route in {("GET", "/api/tags"), ("GET", "/api/ps")}:
                send_json(handler, 200, {"models": self._list(running=path == "/api/ps")})
            elif handler.command == "POST" and path in _POST_ROUTES:
                getattr(self, _POST_ROUTES[path])(handler, self._json(body))
            else:
                send_bytes(handler, 404, b"404 page not found", "text/plain")
        except _ApiError as exc:
            send_json(handler, exc.status, {"error": exc.message})

    def wants_stream(self, record: RecordedRequest) -> bool:
        """Ollama streams unless the request says ``"stream": false``."""
        return not (isinstance(record.json, dict) and record.json.get("stream") is False)

    def error_body(self, status: int) -> bytes:
        """Ollama's error shape: ``{"error": "..."}``."""
        return json.dumps({"error": f"injected failure (HTTP {status})"}).encode()

    def malformed_body(self, record: RecordedRequest) -> tuple[str, bytes]:
        """A truncated JSON object, or for a stream an NDJSON line cut off mid-object."""
        if self.wants_stream(record):
            return "application/x-ndjson", b'{"model":"broken","message":{"role":"assist\n'
        return "application/json; charset=utf-8", b'{"model":"broken","message":{"role":'

    @staticmethod
    def _json(body: bytes) -> dict[str, Any]:
        if not body:
            raise _ApiError(400, "missing request body")
        try:
            data = json.loads(body)
        except ValueError as exc:
            raise _ApiError(400, str(exc)) from None
        if not isinstance(data, dict):
            raise _ApiError(400, "json: cannot unmarshal into Go value of type api.Request")
        return data

    def _model(self, req: dict[str, Any], key: str = "model") -> str:
        name = req.get(key) or req.get("name")
        if not isinstance(name, str) or not name:
            raise _ApiError(400, "model is required")
        if _normalize(name) not in self.models:
            raise _ApiError(404, f'model "{name}" not found, try pulling it first')
        return name

    def _list(self, *, running: bool) -> list[dict[str, Any]]:
        out = []
        for name in self.models:
            entry: dict[str, Any] = {
                "name": name,
                "model": name,
                "size": 0,
                "digest": hashlib.sha256(name.encode()).hexdigest(),
                "details": self._details(),
            }
            if running:
                entry["expires_at"] = "2099-01-01T00:00:00Z"
                entry["size_vram"] = 0
            else:
                entry["modified_at"] = _now()
            out.append(entry)
        return out

    @staticmethod
    def _details() -> dict[str, Any]:
        return {
            "parent_model": "",
            "format": "gguf",
            "family": "llama",
            "families": ["llama"],
            "parameter_size": "",
            "quantization_level": "",
        }

    # ---- endpoints -----------------------------------------------------------------------

    def _show(self, handler: RequestHandler, req: dict[str, Any]) -> None:
        self._model(req)
        send_json(
            handler,
            200,
            {
                "modelfile": "",
                "parameters": "",
                "template": "",
                "details": self._details(),
                "model_info": {"general.architecture": "llama"},
                "capabilities": ["completion", "embedding"],
            },
        )

    def _chat(self, handler: RequestHandler, req: dict[str, Any]) -> None:
        model = self._model(req)
        messages = req.get("messages") or []
        if not messages:
            self._load_response(
                handler, req, model, {"message": {"role": "assistant", "content": ""}}
            )
            return
        payload = self._payload(req)
        payload["messages"] = [self._to_openai_message(m) for m in messages]
        if req.get("tools"):
            payload["tools"] = req["tools"]
        self._complete(handler, req, model, "/v1/chat/completions", payload, chat=True)

    def _generate(self, handler: RequestHandler, req: dict[str, Any]) -> None:
        model = self._model(req)
        prompt = req.get("prompt") or ""
        if not prompt:
            self._load_response(handler, req, model, {"response": ""})
            return
        payload = self._payload(req)
        if req.get("raw"):
            payload["prompt"] = prompt
            self._complete(handler, req, model, "/v1/completions", payload, chat=False)
            return
        messages = [{"role": "system", "content": req["system"]}] if req.get("system") else []
        payload["messages"] = [*messages, {"role": "user", "content": prompt}]
        self._complete(handler, req, model, "/v1/chat/completions", payload, chat=False)

    def _embed(self, handler: RequestHandler, req: dict[str, Any]) -> None:
        model = self._model(req)
        began = time.monotonic_ns()
        raw = req.get("input", [])
        inputs = [raw] if isinstance(raw, str) else list(raw)
        if not inputs:
            send_json(handler, 200, {"model": model, "embeddings": []})
            return
        data = self._upstream_json("/v1/embeddings", {"model": self._upstream_model,
                                                      "input": inputs})  # fmt: skip
        rows = sorted(data.get("data", []), key=lambda r: r.get("index", 0))
        usage = data.get("usage") or {}
        send_json(
            handler,
            200,
            {
                "model": model,
                "embeddings": [_l2(r["embedding"]) for r in rows],  # Ollama normalizes
                "total_duration": time.monotonic_ns() - began,
                "load_duration": 0,
                "prompt_eval_count": usage.get("prompt_tokens", 0),
            },
        )

    def _embeddings(self, handler: RequestHandler, req: dict[str, Any]) -> None:
        self._model(req)
        prompt = req.get("prompt") or ""
        if not prompt:
            send_json(handler, 200, {"embedding": []})
            return
        data = self._upstream_json("/v1/embeddings", {"model": self._upstream_model,
                                                      "input": prompt})  # fmt: skip
        send_json(handler, 200, {"embedding": data["data"][0]["embedding"]})

    # ---- helpers -------------------------------------------------------------------------

    @staticmethod
    def _load_response(
        handler: RequestHandler, req: dict[str, Any], model: str, extra: dict[str, Any]
    ) -> None:
        # An empty prompt/messages only loads the model, or unloads it with keep_alive 0.
        reason = "unload" if req.get("keep_alive") in (0, "0", "0s", "0m") else "load"
        send_json(handler, 200, {"model": model, "created_at": _now(), **extra,
                                 "done_reason": reason, "done": True})  # fmt: skip

    def _payload(self, req: dict[str, Any]) -> dict[str, Any]:
        payload: dict[str, Any] = {"model": self._upstream_model}
        options = req.get("options") or {}
        for key, target in _OPTION_MAP.items():
            if options.get(key) is not None:
                payload[target] = options[key]
        if payload.get("max_tokens", 0) < 0:  # -1: unlimited, -2: fill the context
            del payload["max_tokens"]
        fmt = req.get("format")
        if fmt == "json":
            payload["response_format"] = {"type": "json_object"}
        elif isinstance(fmt, dict):
            payload["response_format"] = {
                "type": "json_schema",
                "json_schema": {"name": "format", "schema": fmt},
            }
        return payload

    @staticmethod
    def _to_openai_message(message: dict[str, Any]) -> dict[str, Any]:
        out: dict[str, Any] = {"role": message.get("role", "user"),
                               "content": message.get("content") or ""}  # fmt: skip
        calls = message.get("tool_calls")
        if calls:
            out["tool_calls"] = [
                {
                    "id": f"call_{i}",
                    "type": "function",
                    "function": {
                        "name": c["function"]["name"],
                        "arguments": json.dumps(c["function"].get("arguments", {})),
                    },
                }
                for i, c in enumerate(calls)
            ]
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

    def _complete(
        self,
        handler: RequestHandler,
        req: dict[str, Any],
        model: str,
        path: str,
        payload: dict[str, Any],
        *,
        chat: bool,
    ) -> None:
        began = time.monotonic_ns()
        if req.get("stream", True) is False:
            data = self._upstream_json(path, payload)
            choice = (data.get("choices") or [{}])[0]
            text = (choice.get("message") or {}).get("content") or choice.get("text") or ""
            out = self._part(model, text, chat, (choice.get("message") or {}).get("tool_calls"))
            out.update(self._final_stats(data, choice.get("finish_reason"), began))
            send_json(handler, 200, out)
            return
        payload = {**payload, "stream": True, "stream_options": {"include_usage": True}}
        with self.upstream.stream("POST", path, json=payload) as response:
            if response.status_code != 200:
                response.read()
                data = json_or_empty(response)
                raise _ApiError(response.status_code, error_message(data, response))
            writer = ChunkedWriter(handler, 200, {"Content-Type": "application/x-ndjson"})
            summary: dict[str, Any] = {}
            finish: str | None = None
            try:
                for chunk in sse_events(response.iter_lines()):
                    for key in ("usage", "timings"):
                        if chunk.get(key):
                            summary[key] = chunk[key]
                    for choice in chunk.get("choices") or []:
                        finish = choice.get("finish_reason") or finish
                        delta = choice.get("delta") or {}
                        text = delta.get("content") if chat else choice.get("text")
                        if text is None and not chat:
                            text = delta.get("content")
                        if text:
                            writer.write(_line(self._part(model, text, chat, None, done=False)))
                final = self._part(model, "", chat, None)
                final.update(self._final_stats(summary, finish, began))
                writer.write(_line(final))
            except httpx.HTTPError as exc:
                writer.write(_line({"error": f"upstream failed: {exc!r}"}))
            writer.close()

    @staticmethod
    def _part(
        model: str, text: str, chat: bool, tool_calls: Any, *, done: bool = True
    ) -> dict[str, Any]:
        part: dict[str, Any] = {"model": model, "created_at": _now()}
        if chat:
            message: dict[str, Any] = {"role": "assistant", "content": text}
            if tool_calls:
                message["tool_calls"] = [
                    {"function": {"name": c["function"]["name"],
                                  "arguments": json.loads(c["function"]["arguments"] or "{}")}}
                    for c in tool_calls
                ]  # fmt: skip
            part["message"] = message
        else:
            part["response"] = text
        part["done"] = done
        return part

    @staticmethod
    def _final_stats(data: dict[str, Any], finish: str | None, began: int) -> dict[str, Any]:
        usage = data.get("usage") or {}
        timings = data.get("timings") or {}
        return {
            "done_reason": "length" if finish == "length" else "stop",
            "total_duration": time.monotonic_ns() - began,
            "load_duration": 0,
            "prompt_eval_count": usage.get("prompt_tokens", timings.get("prompt_n", 0)),
            "prompt_eval_duration": int(timings.get("prompt_ms", 0) * 1e6),
            "eval_count": usage.get("completion_tokens", timings.get("predicted_n", 0)),
            "eval_duration": int(timings.get("predicted_ms", 0) * 1e6),
        }


_POST_ROUTES = {
    "/api/chat": "_chat",
    "/api/generate": "_generate",
    "/api/embed": "_embed",
    "/api/embeddings": "_embeddings",
    "/api/show": "_show",
}


def _line(obj: dict[str, Any]) -> bytes:
    return json.dumps(obj, separators=(",", ":")).encode() + b"\n"
