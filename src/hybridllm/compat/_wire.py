"""OpenAI's wire format, translated to and from the Client API (shared by the gateway and the
in-process drop-ins, so both accept and return exactly the same things).

This module reads requests (:func:`parse_chat`, :func:`parse_embeddings`, the model list); the
replies are built in :mod:`hybridllm.compat._replies` and re-exported here.

Everything the caller sends that a model could read is turned into message text, so it is
classified like any prompt: tool results and earlier tool calls become text turns. Content that
cannot be classified (images, audio, files, token arrays) is refused, never passed through.
Stop sequences are applied here, to the restored text, so they never leave the machine.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from hybridllm.compat._replies import (
    ChunkMaker,
    ChunkStream,
    completion_dict,
    dumps,
    embeddings_dict,
    meta,
    tool_calls_dicts,
)
from hybridllm.config import Settings
from hybridllm.core.sampling import StopScanner, response_format_schema, truncate_at_stop
from hybridllm.errors import InputError, UnknownTargetError

__all__ = [
    "AUTO",
    "ChatCall",
    "ChunkMaker",
    "ChunkStream",
    "EmbedCall",
    "StopScanner",
    "WireError",
    "completion_dict",
    "dumps",
    "embeddings_dict",
    "meta",
    "model_list",
    "parse_chat",
    "parse_embeddings",
    "resolve_model",
    "tool_calls_dicts",
    "truncate_at_stop",
]

AUTO = "auto"
"""The model name that lets the policy choose the target."""

# Accepted and not forwarded: they change sampling or bookkeeping, never where data goes.
_IGNORED = frozenset(
    {
        "frequency_penalty",
        "presence_penalty",
        "logit_bias",
        "parallel_tool_calls",
        "metadata",
        "store",
        "service_tier",
        "stream_options",
        "user",
        "n",
        "logprobs",
        "top_logprobs",
        "reasoning_effort",
        "prediction",
        "modalities",
    }
)
_USED = frozenset(
    {
        "model",
        "messages",
        "stream",
        "max_tokens",
        "max_completion_tokens",
        "temperature",
        "stop",
        "top_p",
        "seed",
        "tools",
        "tool_choice",
        "response_format",
        "functions",
        "function_call",
    }
)


class WireError(InputError):
    """A request that does not fit the wire format (names the parameter, never its value)."""

    def __init__(self, message: str, *, param: str | None = None) -> None:
        self.param = param
        super().__init__(message)


@dataclass(frozen=True)
class ChatCall:
    """A parsed ``chat.completions.create`` request, ready for ``Client.complete``."""

    model: str
    messages: list[dict[str, str]] = field(repr=False)
    stream: bool = False
    include_usage: bool = False
    stop: tuple[str, ...] = field(default=(), repr=False)
    user: str | None = field(default=None, repr=False)
    options: dict[str, Any] = field(default_factory=dict, repr=False)
    """``max_tokens``, ``temperature``, ``json_schema``, ``tools``, ``tool_choice``."""


def _text_of(content: Any, where: str) -> str:
    if content is None:
        return ""
    if isinstance(content, str):
        return content
    if isinstance(content, list):
        parts: list[str] = []
        for part in content:
            kind = part.get("type") if isinstance(part, Mapping) else None
            if kind in ("text", "input_text", "output_text") and isinstance(part.get("text"), str):
                parts.append(part["text"])
            elif kind == "refusal" and isinstance(part.get("refusal"), str):
                parts.append(part["refusal"])
            else:
                raise WireError(
                    f"{where}: only text content parts are supported (images, audio and files "
                    "cannot be classified, so they are refused)",
                    param=where,
                )
        return "\n".join(parts)
    raise WireError(f"{where} must be a string or a list of content parts", param=where)


def _render_tool_calls(calls: Any, where: str) -> str:
    if not isinstance(calls, list):
        raise WireError(f"{where} must be a list", param=where)
    out = []
    for call in calls:
        fn = call.get("function") if isinstance(call, Mapping) else None
        if not isinstance(fn, Mapping):
            raise WireError(f"{where}: each tool call needs a function", param=where)
        out.append(
            f"[tool call {call.get('id', '')}: {fn.get('name', '')}({fn.get('arguments', '')})]"
        )
    return "\n".join(out)


def openai_messages(raw: Any) -> list[dict[str, str]]:
    """OpenAI chat messages as role/content text turns (every readable part kept as text)."""
    if not isinstance(raw, list) or not raw:
        raise WireError("messages must be a non-empty list", param="messages")
    out: list[dict[str, str]] = []
    for i, msg in enumerate(raw):
        where = f"messages[{i}]"
        if not isinstance(msg, Mapping):
            raise WireError(f"{where} must be an object", param=where)
        role = msg.get("role")
        text = _text_of(msg.get("content"), f"{where}.content")
        if role in ("system", "developer"):
            out.append({"role": "system", "content": text})
        elif role == "user":
            out.append({"role": "user", "content": text})
        elif role == "assistant":
            if msg.get("tool_calls"):
                calls = _render_tool_calls(msg["tool_calls"], f"{where}.tool_calls")
                text = f"{text}\n{calls}" if text else calls
            out.append({"role": "assistant", "content": text})
        elif role in ("tool", "function"):
            ref = msg.get("tool_call_id") or msg.get("name") or ""
            out.append({"role": "user", "content": f"[tool result {ref}]: {text}"})
        else:
            raise WireError(f"{where}.role is not a chat role", param=f"{where}.role")
    return out


def _stop(value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(s, str) and s for s in value):
        raise WireError("stop must be a string or a list of non-empty strings", param="stop")
    if len(value) > 4:
        raise WireError("stop takes at most 4 sequences", param="stop")
    return tuple(value)


def _json_schema(fmt: Any) -> dict[str, Any] | None:
    try:
        return response_format_schema(fmt)
    except InputError as exc:
        raise WireError(str(exc), param="response_format") from None


def _tools(body: Mapping[str, Any]) -> tuple[list[Any] | None, str | None]:
    tools = body.get("tools")
    choice = body.get("tool_choice")
    if tools is None and body.get("functions") is not None:  # the deprecated form
        tools = [{"type": "function", "function": f} for f in body["functions"]]
        choice = body.get("function_call")
    if tools is not None and not isinstance(tools, list):
        raise WireError("tools must be a list", param="tools")
    name: str | None = None
    if isinstance(choice, str):
        name = choice
    elif isinstance(choice, Mapping):
        fn = choice.get("function", choice)
        name = fn.get("name") if isinstance(fn, Mapping) else None
        if not isinstance(name, str):
            raise WireError("tool_choice must name a function", param="tool_choice")
    elif choice is not None:
        raise WireError("tool_choice must be a string or an object", param="tool_choice")
    return (tools or None), name


def parse_chat(body: Mapping[str, Any]) -> ChatCall:
    """Validate an OpenAI chat request body. Unknown parameters are refused, as OpenAI does.

    Raises:
        WireError: naming the parameter (never echoing message text).
    """
    unknown = sorted(set(body) - _USED - _IGNORED)
    if unknown:
        raise WireError(f"Unrecognized request argument supplied: {unknown[0]}", param=unknown[0])
    model = body.get("model")
    if not isinstance(model, str) or not model:
        raise WireError("model is required", param="model")
    if body.get("n") not in (None, 1):
        raise WireError("only n=1 is supported", param="n")
    if body.get("logprobs"):
        raise WireError("logprobs are not supported", param="logprobs")
    max_tokens = body.get("max_completion_tokens", body.get("max_tokens"))
    if max_tokens is not None and (not isinstance(max_tokens, int) or max_tokens < 1):
        raise WireError("max_tokens must be a positive integer", param="max_tokens")
    temperature = body.get("temperature")
    if temperature is not None and not isinstance(temperature, int | float):
        raise WireError("temperature must be a number", param="temperature")
    tools, tool_choice = _tools(body)
    stream_options = body.get("stream_options")
    user = body.get("user")
    options: dict[str, Any] = {
        "max_tokens": max_tokens,
        "temperature": None if temperature is None else float(temperature),
        "json_schema": _json_schema(body.get("response_format")),
        "tools": tools,
        "tool_choice": tool_choice,
    }
    for name in ("top_p", "seed"):  # checked by Client.complete (InputError -> 400)
        if body.get(name) is not None:
            options[name] = body[name]
    return ChatCall(
        model=model,
        messages=openai_messages(body.get("messages")),
        stream=bool(body.get("stream")),
        include_usage=isinstance(stream_options, Mapping)
        and bool(stream_options.get("include_usage")),
        stop=_stop(body.get("stop")),
        user=user if isinstance(user, str) and user else None,
        options=options,
    )


def resolve_model(settings: Settings, model: str, *, any_model: bool = False) -> str | None:
    """The target a model name asks for: None for ``auto`` (the policy chooses).

    Raises:
        UnknownTargetError: the name is neither ``auto`` nor a target (unless ``any_model``,
            which treats every unknown name as ``auto``).
    """
    if model == AUTO:
        return None
    if model in settings.targets:
        return model
    if any_model:
        return None
    raise UnknownTargetError(
        f"The model '{model}' does not exist; use 'auto' or one of {sorted(settings.targets)}"
    )


def model_list(settings: Settings) -> list[dict[str, Any]]:
    """``GET /v1/models``: ``auto``, every target and every embedding space."""
    rows: list[dict[str, Any]] = [
        {
            "id": AUTO,
            "object": "model",
            "created": 0,
            "owned_by": "hybridllm",
            "hybridllm": {"kind": "auto", "default_target": settings.default_target},
        },
    ]
    for name, cfg in settings.targets.items():
        rows.append(
            {
                "id": name,
                "object": "model",
                "created": 0,
                "owned_by": "hybridllm",
                "hybridllm": {
                    "kind": "target",
                    "locality": cfg.effective_locality,
                    "adapter": cfg.adapter,
                    "model": cfg.model,
                },
            }
        )
    for name, space in settings.spaces.items():
        if name not in settings.targets:
            rows.append(
                {
                    "id": name,
                    "object": "model",
                    "created": 0,
                    "owned_by": "hybridllm",
                    "hybridllm": {"kind": "embedding_space", "target": space.target},
                }
            )
    return rows


@dataclass(frozen=True)
class EmbedCall:
    """A parsed ``embeddings.create`` request."""

    model: str
    texts: list[str] = field(repr=False)
    encoding_format: str = "float"
    dimensions: int | None = None


def parse_embeddings(body: Mapping[str, Any]) -> EmbedCall:
    """Validate an OpenAI embeddings request (text input only: token arrays are refused)."""
    model = body.get("model")
    if not isinstance(model, str) or not model:
        raise WireError("model is required", param="model")
    raw = body.get("input")
    texts = [raw] if isinstance(raw, str) else raw
    if not isinstance(texts, list) or not texts or not all(isinstance(t, str) for t in texts):
        raise WireError(
            "input must be a string or a list of strings (token arrays cannot be classified)",
            param="input",
        )
    fmt = body.get("encoding_format") or "float"
    if fmt not in ("float", "base64"):
        raise WireError("encoding_format must be float or base64", param="encoding_format")
    dims = body.get("dimensions")
    if dims is not None and (not isinstance(dims, int) or dims < 1):
        raise WireError("dimensions must be a positive integer", param="dimensions")
    return EmbedCall(model=model, texts=texts, encoding_format=fmt, dimensions=dims)
