"""OpenAI's wire format, the reply side: completions, stream chunks and embeddings as OpenAI
returns them, built from the Client API's results (restored text, usage, tool calls).

Requests are read in :mod:`hybridllm.compat._wire`, which re-exports everything here.
"""

from __future__ import annotations

import base64
import json
import struct
import time
import uuid
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from hybridllm.core.sampling import StopScanner, truncate_at_stop
from hybridllm.embeddings import Embeddings
from hybridllm.models import Completion, Usage

if TYPE_CHECKING:
    from hybridllm.compat._wire import ChatCall

__all__ = [
    "ChunkMaker",
    "ChunkStream",
    "completion_dict",
    "dumps",
    "embeddings_dict",
    "meta",
    "tool_calls_dicts",
]


def _usage(u: Usage) -> dict[str, int]:
    return {
        "prompt_tokens": u.input_tokens,
        "completion_tokens": u.output_tokens,
        "total_tokens": u.total_tokens,
    }


def tool_calls_dicts(c: Completion) -> list[dict[str, Any]]:
    """The completion's tool calls (arguments restored) in OpenAI's message form."""
    return [
        {
            "id": t.id or f"call_{i}",
            "type": "function",
            "function": {"name": t.name, "arguments": t.arguments},
        }
        for i, t in enumerate(c.tool_calls)
    ]


def _finish(c: Completion, stopped: bool) -> str:
    if c.tool_calls:
        return "tool_calls"
    if stopped:
        return "stop"
    return c.finish_reason if c.finish_reason in ("stop", "length", "content_filter") else "stop"


def completion_dict(c: Completion, *, model: str, stop: Sequence[str] = ()) -> dict[str, Any]:
    """A ``chat.completion`` object for a finished (not blocked) completion."""
    text, stopped = truncate_at_stop(c.text, stop)
    message: dict[str, Any] = {"role": "assistant", "content": text, "refusal": None}
    if c.tool_calls:
        message["tool_calls"] = tool_calls_dicts(c)
        message["content"] = text or None
    return {
        "id": f"chatcmpl-{c.audit_id}",
        "object": "chat.completion",
        "created": int(time.time()),
        "model": c.model or model,
        "choices": [
            {"index": 0, "message": message, "logprobs": None, "finish_reason": _finish(c, stopped)}
        ],
        "usage": _usage(c.usage),
        "system_fingerprint": None,
        "hybridllm": meta(c),
    }


def meta(c: Completion) -> dict[str, Any]:
    """What the gateway adds to a reply: where it went and its audit record (no payload)."""
    return {
        "route": c.route,
        "target": c.target,
        "audit_id": c.audit_id,
        "redacted_count": c.redacted_count,
    }


class ChunkMaker:
    """``chat.completion.chunk`` objects of one stream (same id, created and model)."""

    def __init__(self, model: str) -> None:
        self.id = f"chatcmpl-{uuid.uuid4().hex}"
        self.created = int(time.time())
        self.model = model

    def chunk(self, delta: dict[str, Any], finish: str | None = None) -> dict[str, Any]:
        """One chunk with one choice."""
        return {
            "id": self.id,
            "object": "chat.completion.chunk",
            "created": self.created,
            "model": self.model,
            "choices": [{"index": 0, "delta": delta, "logprobs": None, "finish_reason": finish}],
        }

    def final(self, c: Completion | None, *, stopped: bool = False) -> dict[str, Any]:
        """The chunk that carries the finish reason (and the gateway's metadata)."""
        out = self.chunk({}, "stop" if c is None else _finish(c, stopped))
        if c is not None:
            out["model"] = c.model or self.model
            out["hybridllm"] = meta(c)
        return out

    def usage(self, c: Completion) -> dict[str, Any]:
        """The extra last chunk of ``stream_options.include_usage``."""
        out = self.chunk({})
        out["choices"] = []
        out["usage"] = _usage(c.usage)
        return out

    def whole(self, c: Completion, stop: Sequence[str]) -> list[dict[str, Any]]:
        """A finished completion as chunks (streams with tools: arguments must be whole to be
        restored, so the call is made without streaming and replayed)."""
        text, stopped = truncate_at_stop(c.text, stop)
        out = [self.chunk({"role": "assistant", "content": ""})]
        if text:
            out.append(self.chunk({"content": text}))
        if c.tool_calls:
            calls = [{"index": i, **d} for i, d in enumerate(tool_calls_dicts(c))]
            out.append(self.chunk({"tool_calls": calls}))
        out.append(self.final(c, stopped=stopped))
        return out


class ChunkStream:
    """The chunks of one streamed completion, fed with restored text (stop sequences applied).

    Used by the gateway and the drop-ins alike: ``start()``, then ``feed(text)`` per restored
    piece, then ``end(completion)`` (finish reason, metadata, and usage when asked for).
    """

    def __init__(self, call: ChatCall) -> None:
        self.call = call
        self.maker = ChunkMaker(call.model)
        self.scanner = StopScanner(call.stop)

    def start(self) -> dict[str, Any]:
        """The opening chunk (the assistant role)."""
        return self.maker.chunk({"role": "assistant", "content": ""})

    def feed(self, text: str) -> list[dict[str, Any]]:
        """A content chunk for what may be released now (none while a stop might start)."""
        out = self.scanner.feed(text)
        return [self.maker.chunk({"content": out})] if out else []

    def end(self, c: Completion | None) -> list[dict[str, Any]]:
        """The held-back tail, the final chunk, and the usage chunk when asked for."""
        out = [self.maker.chunk({"content": tail})] if (tail := self.scanner.flush()) else []
        out.append(self.maker.final(c, stopped=self.scanner.stopped))
        if self.call.include_usage and c is not None:
            out.append(self.maker.usage(c))
        return out


def _b64(vector: list[float]) -> str:
    return base64.b64encode(struct.pack(f"<{len(vector)}f", *vector)).decode("ascii")


def embeddings_dict(e: Embeddings, encoding_format: str = "float") -> dict[str, Any]:
    """A ``list`` of ``embedding`` objects, as OpenAI returns them."""
    data = [
        {
            "object": "embedding",
            "index": d.index,
            "embedding": _b64(d.embedding) if encoding_format == "base64" else d.embedding,
        }
        for d in e.data
    ]
    return {
        "object": "list",
        "data": data,
        "model": e.model,
        "usage": {"prompt_tokens": e.usage.prompt_tokens, "total_tokens": e.usage.total_tokens},
        "hybridllm": {
            "route": e.route,
            "target": e.target,
            "audit_id": e.audit_id,
            "space": e.space,
            "model_id": e.model_id,
        },
    }


def dumps(obj: Any) -> str:
    """Compact JSON, as sent on the wire."""
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":"))
