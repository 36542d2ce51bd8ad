"""Validate what callers pass in, before anything is classified or sent."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, get_args

from hybridllm.errors import InputError
from hybridllm.models import Message, Role

__all__ = ["normalize_prompt"]

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
