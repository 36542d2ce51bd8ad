"""Validate what callers pass in, before anything is classified or sent."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Any, get_args

from pydantic import BaseModel, ConfigDict, Field, StrictBool, StrictInt, StrictStr, ValidationError

from hybridllm.errors import InputError
from hybridllm.models import Message, Role

__all__ = ["check_options", "normalize_prompt"]


class _Options(BaseModel):
    """The per-call options a caller passes; strict: ``"hot"`` is not a temperature."""

    model_config = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False)

    stream: StrictBool = False
    target: StrictStr | None = None
    max_tokens: StrictInt | None = Field(default=None, gt=0, le=1_000_000)
    temperature: float | None = Field(default=None, ge=0.0, le=2.0, strict=True)
    caller: StrictStr | None = None
    json_schema: dict[str, Any] | None = None
    tool_choice: StrictStr | None = None


def check_options(**options: Any) -> None:
    """Validate a call's options before anything is classified or sent.

    Raises:
        InputError: naming each bad option and what it must be (never the value a caller
            passed, which could be anything).
    """
    temperature = options.get("temperature")
    if isinstance(temperature, int) and not isinstance(temperature, bool):
        options["temperature"] = float(temperature)  # 1 is a fine temperature
    elif isinstance(temperature, float) and not math.isfinite(temperature):
        raise InputError("temperature must be a finite number between 0 and 2")
    try:
        _Options.model_validate(options)
    except ValidationError as exc:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in e['loc'])}: {e['msg']}"
            for e in exc.errors(include_url=False, include_input=False, include_context=False)
        )
        raise InputError(f"invalid options: {problems}") from None


_ROLES: frozenset[str] = frozenset(get_args(Role))


def _check_text(text: str, where: str) -> None:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        # lone surrogates: typically bytes decoded with errors="surrogateescape"
        raise InputError(f"{where} is not valid UTF-8 text (contains lone surrogates)") from None


def _one_message(i: int, item: Any) -> Message:
    role: object
    content: object
    if isinstance(item, Message):
        role, content = item.role, item.content
    elif isinstance(item, Mapping):
        role, content = item.get("role"), item.get("content")
    else:
        raise InputError(f"message {i} must be a mapping with role and content")
    if not isinstance(role, str) or role not in _ROLES:
        raise InputError(f"message {i} has an invalid role; expected one of {sorted(_ROLES)}")
    if isinstance(content, bytes | bytearray):
        raise InputError(f"message {i} content must be str, not bytes")
    if not isinstance(content, str):
        raise InputError(f"message {i} content must be str, not {type(content).__name__}")
    _check_text(content, f"message {i} content")
    return Message.model_validate({"role": role, "content": content})


def normalize_prompt(prompt: Any, *, max_chars: int) -> tuple[Message, ...]:
    """Turn a prompt (str, or a list of role/content mappings or Messages) into Messages.

    Raises:
        InputError: for empty input, wrong types, unknown roles, invalid UTF-8 or oversize input.
            The message never includes the prompt text.
    """
    if isinstance(prompt, bytes | bytearray | memoryview):
        raise InputError("prompt must be str, not bytes: decode it (UTF-8) before calling")
    if isinstance(prompt, str):
        items: Sequence[Any] = [{"role": "user", "content": prompt}]
    elif isinstance(prompt, Sequence):
        items = prompt
    else:
        raise InputError(f"prompt must be a str or a list of messages, not {type(prompt).__name__}")
    if not items:
        raise InputError("prompt has no messages")
    messages = [_one_message(i, item) for i, item in enumerate(items)]
    total = sum(len(m.content) for m in messages)
    if not any(m.content.strip() for m in messages):
        raise InputError("prompt is empty")
    if total > max_chars:
        raise InputError(f"prompt is too large: {total} characters (max_input_chars={max_chars})")
    return tuple(messages)
