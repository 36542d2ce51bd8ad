"""The part of each provider's reply that hybridllm reads, as strict pydantic models.

The SDKs build their response objects without validation (``construct``), so a server that
sends ``"content": 123`` or ``"delta": null`` hands us an object whose fields have the wrong
type, and the first ``str`` operation on it fails far from the wire, as an untyped error and
after the hop was counted as a success. Every reply is validated into these models first
(straight from the SDK objects, ``from_attributes``); a mismatch is a
:class:`~hybridllm.errors.PermanentProviderError` that names the field, never its value.

Only fields we use are declared; unknown fields are ignored, as the providers add fields often.
"""

from __future__ import annotations

from typing import Any, TypeVar

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StrictInt,
    StrictStr,
    ValidationError,
    model_validator,
)

from hybridllm.adapters.base import malformed
from hybridllm.errors import PermanentProviderError

__all__ = [
    "AnthropicEvent",
    "AnthropicMessage",
    "OpenAIChunk",
    "OpenAICompletion",
    "validate",
    "validate_json",
]

M = TypeVar("M", bound=BaseModel)


class _Wire(BaseModel):
    model_config = ConfigDict(from_attributes=True, extra="ignore", frozen=True)


class _Usage(_Wire):
    prompt_tokens: StrictInt | None = None
    completion_tokens: StrictInt | None = None
    input_tokens: StrictInt | None = None
    output_tokens: StrictInt | None = None


# -- OpenAI chat completions (also llama.cpp, and every compatible endpoint) ------------------


class _Function(_Wire):
    name: StrictStr
    arguments: StrictStr = ""


class _ToolCall(_Wire):
    id: StrictStr | None = None
    function: _Function | None = None


class _Message(_Wire):
    content: StrictStr | None = None
    tool_calls: list[_ToolCall] | None = None


class _Choice(_Wire):
    message: _Message
    finish_reason: StrictStr | None = None


class OpenAICompletion(_Wire):
    """A whole ``chat.completion``: at least one choice, text or tool calls."""

    model: StrictStr | None = None
    choices: list[_Choice] = Field(min_length=1)
    usage: _Usage | None = None


class _Delta(_Wire):
    content: StrictStr | None = None


class _ChunkChoice(_Wire):
    delta: _Delta
    finish_reason: StrictStr | None = None


class OpenAIChunk(_Wire):
    """One ``chat.completion.chunk`` event (the last may carry only usage)."""

    model: StrictStr | None = None
    choices: list[_ChunkChoice] = Field(default_factory=list)
    usage: _Usage | None = None


# -- Anthropic messages ------------------------------------------------------------------------


class _Block(_Wire):
    type: StrictStr
    text: StrictStr | None = None
    id: StrictStr | None = None
    name: StrictStr | None = None
    input: dict[str, Any] | None = None

    @model_validator(mode="after")
    def _complete(self) -> _Block:
        if self.type == "text" and self.text is None:
            raise ValueError("a text block needs text")
        if self.type == "tool_use" and (self.id is None or self.name is None or self.input is None):
            raise ValueError("a tool_use block needs id, name and input")
        return self


class _StartUsage(_Wire):
    input_tokens: StrictInt | None = None


class AnthropicMessage(_Wire):
    """A whole ``message``: content blocks, usage and stop reason."""

    model: StrictStr | None = None
    content: list[_Block]
    usage: _Usage
    stop_reason: StrictStr | None = None


class _StartMessage(_Wire):
    model: StrictStr | None = None
    usage: _StartUsage


class _EventDelta(_Wire):
    type: StrictStr | None = None
    text: StrictStr | None = None
    stop_reason: StrictStr | None = None


class _DeltaUsage(_Wire):
    output_tokens: StrictInt | None = None


class AnthropicEvent(_Wire):
    """One streamed event; the fields each event type needs are required for that type."""

    type: StrictStr
    message: _StartMessage | None = None
    delta: _EventDelta | None = None
    usage: _DeltaUsage | None = None

    @model_validator(mode="after")
    def _complete(self) -> AnthropicEvent:
        need: dict[str, tuple[str, ...]] = {
            "message_start": ("message",),
            "content_block_delta": ("delta",),
            "message_delta": ("delta", "usage"),
        }
        missing = [f for f in need.get(self.type, ()) if getattr(self, f) is None]
        if missing:
            raise ValueError(f"{self.type} without {', '.join(missing)}")
        if (
            self.type == "content_block_delta"
            and self.delta is not None
            and self.delta.type == "text_delta"
            and self.delta.text is None
        ):
            raise ValueError("text_delta without text")
        return self


def validate(model: type[M], obj: object, target: str) -> M:
    """``obj`` (an SDK object, a dict, anything) as ``model``, or a typed error naming the
    first bad field (its location, never its value)."""
    try:
        return model.model_validate(obj)
    except ValidationError as exc:
        raise _malformed(model, exc, target) from None


def validate_json(model: type[M], body: bytes, target: str) -> M:
    """A reply's raw JSON body as ``model`` (parsed and validated in one pass by pydantic-core,
    without building the SDK's response object first), or the typed error of :func:`validate`
    (a body that is not JSON at all included)."""
    try:
        return model.model_validate_json(body)
    except ValidationError as exc:
        raise _malformed(model, exc, target) from None


def _malformed(model: type[BaseModel], exc: ValidationError, target: str) -> PermanentProviderError:
    # pydantic's messages name the expectation, never the input; ours name fields only
    first = exc.errors(include_url=False, include_input=False, include_context=False)[0]
    where = ".".join(str(p) for p in first["loc"])
    detail = f"{where}: {first['msg']}" if where else first["msg"]
    return malformed(target, f"{model.__name__}: {detail}")
