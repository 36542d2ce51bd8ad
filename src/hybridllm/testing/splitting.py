"""A wire-level OpenAI/Anthropic server whose replies are cut into chunks where a test says.

:class:`SplittingServer` answers ``POST /v1/chat/completions`` (OpenAI, plain or SSE) and
``POST /v1/messages`` (Anthropic, plain or stream events) with a reply text that the test
chooses, streamed in exactly the chunks the test chooses. It is a shape injector for the
streaming restorer: put a placeholder in the reply and cut it at every position, through the
official SDKs, and check what the caller sees. Every request is recorded, so a test can also
assert that the server never saw a raw value.

By default it echoes the last user message it received (which carries exactly the tokens the
client minted for that call); :meth:`SplittingServer.set_reply` fixes the text instead.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Sequence
from typing import Any

from hybridllm.testing._http import ChunkedWriter, RequestHandler, send_json
from hybridllm.testing.recording import (
    RecordedRequest,
    RecordingServer,
)

__all__ = ["SplittingServer", "cut"]


def cut(text: str, positions: Sequence[int]) -> list[str]:
    """Split ``text`` at ``positions`` (sorted, deduplicated, clamped); empty pieces dropped."""
    points = sorted({p for p in positions if 0 < p < len(text)})
    pieces, last = [], 0
    for p in [*points, len(text)]:
        if p > last:
            pieces.append(text[last:p])
        last = p
    return pieces


def _last_user_text(body: Any) -> str:
    messages = body.get("messages", []) if isinstance(body, dict) else []
    for m in reversed(messages):
        if isinstance(m, dict) and m.get("role") == "user":
            content = m.get("content", "")
            if isinstance(content, list):  # anthropic content blocks
                return "".join(b.get("text", "") for b in content if isinstance(b, dict))
            return str(content)
    return ""


class SplittingServer(RecordingServer):
    """OpenAI + Anthropic endpoints that stream a chosen text in chosen chunks.

    Requests are recorded by :class:`~hybridllm.testing.recording.RecordingServer`
    (``requests``, ``bodies_text()``), and its fault injection applies here too.

    Attributes:
        cuts: positions where the next replies are cut (applied to the echoed or fixed text).
    """

    def __init__(self) -> None:
        super().__init__("http://127.0.0.1:9")  # no upstream: this server answers itself
        self._lock = threading.Lock()
        self._reply: str | None = None
        self._tool: str | None = None
        self.cuts: list[int] = []

    def set_reply(
        self, text: str | None, cuts: Sequence[int] = (), *, tool: str | None = None
    ) -> None:
        """Reply with ``text`` (None: echo the last user message), cut at ``cuts``.

        With ``tool``, a non-streamed reply is a call of that tool whose arguments are ``text``
        (OpenAI: the ``arguments`` JSON string; Anthropic: ``input``, parsed from it).
        """
        with self._lock:
            self._reply = text
            self._tool = tool
            self.cuts = list(cuts)

    def respond(self, handler: RequestHandler, record: RecordedRequest) -> None:
        """Answer one request (see the module docstring)."""
        body = record.json if isinstance(record.json, dict) else {}
        path = handler.path.split("?", 1)[0]
        with self._lock:
            text = self._reply if self._reply is not None else _last_user_text(body)
            pieces = cut(text, self.cuts) or [""]
            tool = self._tool
        stream = bool(body.get("stream"))
        model = str(body.get("model", "splitter"))
        if handler.command == "POST" and path.endswith("/chat/completions"):
            if stream:
                self._openai_stream(handler, model, pieces)
            else:
                send_json(handler, 200, _openai_message(model, text, tool))
        elif handler.command == "POST" and path.endswith("/messages"):
            if stream:
                self._anthropic_stream(handler, model, pieces)
            else:
                send_json(handler, 200, _anthropic_message(model, text, tool))
        else:
            send_json(handler, 404, {"error": {"message": "not found", "type": "not_found"}})

    @staticmethod
    def _sse(writer: ChunkedWriter, payload: Any, event: str | None = None) -> None:
        head = f"event: {event}\n" if event else ""
        writer.write(f"{head}data: {json.dumps(payload)}\n\n".encode())

    def _openai_stream(self, handler: RequestHandler, model: str, pieces: list[str]) -> None:
        writer = ChunkedWriter(handler, 200, {"Content-Type": "text/event-stream"})
        base: dict[str, Any] = {"id": "chatcmpl-split", "object": "chat.completion.chunk"}
        base.update(model=model, created=int(time.time()))
        for i, piece in enumerate(pieces):
            delta: dict[str, Any] = {"content": piece}
            if i == 0:
                delta["role"] = "assistant"
            choice = {"index": 0, "delta": delta, "finish_reason": None}
            self._sse(writer, {**base, "choices": [choice]})
        stop = {"index": 0, "delta": {}, "finish_reason": "stop"}
        self._sse(writer, {**base, "choices": [stop]})
        usage = {"prompt_tokens": 1, "completion_tokens": len(pieces), "total_tokens": 1}
        usage["total_tokens"] += len(pieces)
        self._sse(writer, {**base, "choices": [], "usage": usage})
        writer.write(b"data: [DONE]\n\n")
        writer.close()

    def _anthropic_stream(self, handler: RequestHandler, model: str, pieces: list[str]) -> None:
        writer = ChunkedWriter(handler, 200, {"Content-Type": "text/event-stream"})
        start = _anthropic_message(model, "")
        start["usage"] = {"input_tokens": 1, "output_tokens": 0}
        self._sse(writer, {"type": "message_start", "message": start}, "message_start")
        block = {"type": "content_block_start", "index": 0}
        block["content_block"] = {"type": "text", "text": ""}
        self._sse(writer, block, "content_block_start")
        for piece in pieces:
            delta = {"type": "content_block_delta", "index": 0}
            delta["delta"] = {"type": "text_delta", "text": piece}
            self._sse(writer, delta, "content_block_delta")
        self._sse(writer, {"type": "content_block_stop", "index": 0}, "content_block_stop")
        end = {"type": "message_delta", "delta": {"stop_reason": "end_turn", "stop_sequence": None}}
        end["usage"] = {"output_tokens": len(pieces)}
        self._sse(writer, end, "message_delta")
        self._sse(writer, {"type": "message_stop"}, "message_stop")
        writer.close()


def _openai_message(model: str, text: str, tool: str | None = None) -> dict[str, Any]:
    message: dict[str, Any] = {"role": "assistant", "content": text}
    if tool is not None:
        call: dict[str, Any] = {"id": "call_split", "type": "function"}
        call["function"] = {"name": tool, "arguments": text}
        message = {"role": "assistant", "content": None, "tool_calls": [call]}
    return {
        "id": "chatcmpl-split",
        "object": "chat.completion",
        "created": int(time.time()),
        "model": model,
        "choices": [
            {
                "index": 0,
                "message": message,
                "finish_reason": "stop" if tool is None else "tool_calls",
            }
        ],
        "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2},
    }


def _anthropic_message(model: str, text: str, tool: str | None = None) -> dict[str, Any]:
    content: list[dict[str, Any]] = [{"type": "text", "text": text}] if text else []
    if tool is not None:
        content = [{"type": "tool_use", "id": "toolu_split", "name": tool}]
        content[0]["input"] = json.loads(text)
    return {
        "id": "msg_split",
        "type": "message",
        "role": "assistant",
        "model": model,
        "content": content,
        "stop_reason": ("tool_use" if tool else "end_turn") if text else None,
        "stop_sequence": None,
        "usage": {"input_tokens": 1, "output_tokens": 1},
    }
