"""Anthropic's Messages API (``POST /v1/messages``) translated to and from the Client API.

As with OpenAI's format, every block a model could read becomes text that is classified
(``tool_use`` and ``tool_result`` blocks included); images and documents are refused.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from hybridllm.compat._wire import WireError, meta, truncate_at_stop
from hybridllm.models import Completion

__all__ = ["MessagesCall", "message_dict", "parse_messages", "stream_events"]

_KNOWN = frozenset(
    {
        "model",
        "messages",
        "max_tokens",
        "system",
        "stream",
        "temperature",
        "tools",
        "tool_choice",
        "stop_sequences",
        "top_p",
        "top_k",
        "metadata",
        "service_tier",
        "thinking",
    }
)
_STOP_REASON = {"stop": "end_turn", "length": "max_tokens", "tool_calls": "tool_use"}


@dataclass(frozen=True)
class MessagesCall:
    """A parsed ``messages.create`` request."""

    model: str
    messages: list[dict[str, str]] = field(repr=False)
    stream: bool = False
    stop: tuple[str, ...] = field(default=(), repr=False)
    user: str | None = field(default=None, repr=False)
    options: dict[str, Any] = field(default_factory=dict, repr=False)


def _blocks_text(content: Any, where: str) -> str:
    if isinstance(content, str):
        return content
    if not isinstance(content, list):
        raise WireError(f"{where} must be a string or a list of blocks", param=where)
    parts: list[str] = []
    for block in content:
        kind = block.get("type") if isinstance(block, Mapping) else None
        if kind == "text" and isinstance(block.get("text"), str):
            parts.append(block["text"])
        elif kind == "tool_use":
            args = json.dumps(block.get("input", {}), ensure_ascii=False)
            parts.append(f"[tool call {block.get('id', '')}: {block.get('name', '')}({args})]")
        elif kind == "tool_result":
            inner = _blocks_text(block.get("content", ""), f"{where}.tool_result")
            parts.append(f"[tool result {block.get('tool_use_id', '')}]: {inner}")
        else:
            raise WireError(
                f"{where}: only text, tool_use and tool_result blocks are supported (images and "
                "documents cannot be classified, so they are refused)",
                param=where,
            )
    return "\n".join(parts)


def _tool_choice(choice: Any) -> str | None:
    if choice is None:
        return None
    kind = choice.get("type") if isinstance(choice, Mapping) else None
    if kind == "auto":
        return "auto"
    if kind == "any":
        return "required"
    if kind == "none":
        return "none"
    if kind == "tool" and isinstance(choice.get("name"), str):
        return str(choice["name"])
    raise WireError("tool_choice must be auto, any, none or tool", param="tool_choice")


def parse_messages(body: Mapping[str, Any]) -> MessagesCall:
    """Validate an Anthropic Messages request body.

    Raises:
        WireError: naming the parameter (never echoing message text).
    """
    unknown = sorted(set(body) - _KNOWN)
    if unknown:
        raise WireError(f"{unknown[0]}: Extra inputs are not permitted", param=unknown[0])
    model = body.get("model")
    if not isinstance(model, str) or not model:
        raise WireError("model: Field required", param="model")
    max_tokens = body.get("max_tokens")
    if not isinstance(max_tokens, int) or max_tokens < 1:
        raise WireError("max_tokens: must be a positive integer", param="max_tokens")
    raw = body.get("messages")
    if not isinstance(raw, list) or not raw:
        raise WireError("messages: must be a non-empty list", param="messages")
    messages: list[dict[str, str]] = []
    if body.get("system"):
        messages.append({"role": "system", "content": _blocks_text(body["system"], "system")})
    for i, msg in enumerate(raw):
        where = f"messages.{i}"
        role = msg.get("role") if isinstance(msg, Mapping) else None
        if role not in ("user", "assistant"):
            raise WireError(f"{where}.role: must be user or assistant", param=f"{where}.role")
        assert isinstance(msg, Mapping)
        messages.append({"role": role, "content": _blocks_text(msg.get("content"), where)})
    stop = body.get("stop_sequences") or []
    if not isinstance(stop, list) or not all(isinstance(s, str) and s for s in stop):
        raise WireError("stop_sequences: must be a list of strings", param="stop_sequences")
    temperature = body.get("temperature")
    if temperature is not None and not isinstance(temperature, int | float):
        raise WireError("temperature: must be a number", param="temperature")
    metadata = body.get("metadata")
    user = metadata.get("user_id") if isinstance(metadata, Mapping) else None
    tools = body.get("tools")
    if tools is not None and not isinstance(tools, list):
        raise WireError("tools: must be a list", param="tools")
    return MessagesCall(
        model=model,
        messages=messages,
        stream=bool(body.get("stream")),
        stop=tuple(stop),
        user=user if isinstance(user, str) and user else None,
        options={
            "max_tokens": max_tokens,
            "temperature": None if temperature is None else float(temperature),
            "tools": tools or None,
            "tool_choice": _tool_choice(body.get("tool_choice")),
        },
    )


def _stop_reason(c: Completion, stopped: bool) -> str:
    if c.tool_calls:
        return "tool_use"
    if stopped:
        return "stop_sequence"
    return _STOP_REASON.get(c.finish_reason or "stop", "end_turn")


def _content(c: Completion, text: str) -> list[dict[str, Any]]:
    blocks: list[dict[str, Any]] = []
    if text or not c.tool_calls:
        blocks.append({"type": "text", "text": text})
    for i, t in enumerate(c.tool_calls):
        try:
            args = json.loads(t.arguments) if t.arguments else {}
        except ValueError:
            args = {}
        blocks.append(
            {"type": "tool_use", "id": t.id or f"toolu_{i}", "name": t.name, "input": args}
        )
    return blocks


def message_dict(c: Completion, *, model: str, stop: tuple[str, ...] = ()) -> dict[str, Any]:
    """A ``message`` object for a finished completion."""
    text, stopped = truncate_at_stop(c.text, stop)
    found = next((s for s in stop if stopped and s in c.text), None)
    return {
        "id": f"msg_{c.audit_id}",
        "type": "message",
        "role": "assistant",
        "model": c.model or model,
        "content": _content(c, text),
        "stop_reason": _stop_reason(c, stopped),
        "stop_sequence": found,
        "usage": {"input_tokens": c.usage.input_tokens, "output_tokens": c.usage.output_tokens},
        "hybridllm": meta(c),
    }


class stream_events:  # noqa: N801 - a small namespace of event builders, used like functions
    """Builders for the events of one Anthropic stream."""

    def __init__(self, model: str) -> None:
        self.id = f"msg_{uuid.uuid4().hex}"
        self.model = model

    def start(self) -> list[dict[str, Any]]:
        """``message_start`` and the opening of the text block."""
        message: dict[str, Any] = {
            "id": self.id,
            "type": "message",
            "role": "assistant",
            "model": self.model,
            "content": [],
            "stop_reason": None,
            "stop_sequence": None,
            "usage": {"input_tokens": 0, "output_tokens": 0},
        }
        return [
            {"type": "message_start", "message": message},
            {
                "type": "content_block_start",
                "index": 0,
                "content_block": {"type": "text", "text": ""},
            },
        ]

    @staticmethod
    def text(text: str) -> dict[str, Any]:
        """One ``text_delta``."""
        return {
            "type": "content_block_delta",
            "index": 0,
            "delta": {"type": "text_delta", "text": text},
        }

    def end(self, c: Completion | None, *, stopped: bool = False) -> list[dict[str, Any]]:
        """Close the text block; then ``message_delta`` (stop reason, usage), ``message_stop``."""
        reason = "end_turn" if c is None else _stop_reason(c, stopped)
        usage = {
            "input_tokens": 0 if c is None else c.usage.input_tokens,
            "output_tokens": 0 if c is None else c.usage.output_tokens,
        }
        delta: dict[str, Any] = {
            "type": "message_delta",
            "delta": {"stop_reason": reason, "stop_sequence": None},
            "usage": usage,
        }
        if c is not None:
            delta["hybridllm"] = meta(c)
        return [{"type": "content_block_stop", "index": 0}, delta, {"type": "message_stop"}]

    def whole(self, c: Completion, stop: tuple[str, ...]) -> list[dict[str, Any]]:
        """A finished completion (with tool calls) replayed as a stream."""
        text, stopped = truncate_at_stop(c.text, stop)
        events = self.start()
        if text:
            events.append(self.text(text))
        events.append({"type": "content_block_stop", "index": 0})
        for i, block in enumerate(b for b in _content(c, text) if b["type"] == "tool_use"):
            start = {**block, "input": {}}
            events.append({"type": "content_block_start", "index": i + 1, "content_block": start})
            partial = json.dumps(block["input"], ensure_ascii=False)
            events.append(
                {
                    "type": "content_block_delta",
                    "index": i + 1,
                    "delta": {"type": "input_json_delta", "partial_json": partial},
                }
            )
            events.append({"type": "content_block_stop", "index": i + 1})
        events.extend(self.end(c, stopped=stopped)[1:])
        return events
