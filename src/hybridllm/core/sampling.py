"""OpenAI-style generation options of ``Client.complete``: ``stop``, ``top_p``, ``seed``,
``response_format``, checked before anything is classified or sent.

Stop sequences are applied here, on the *restored* reply, and never sent to a provider: the
model sees placeholders where the caller's text has values, so a provider-side stop on a value
would never match, and a stop sequence is caller text that could itself carry one.
"""

from __future__ import annotations

import math
from collections.abc import AsyncIterator, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, TypedDict

from hybridllm.errors import InputError
from hybridllm.models import Completion

__all__ = [
    "Sampling",
    "SamplingOptions",
    "StopScanner",
    "astop_chunks",
    "response_format_schema",
    "sampling_options",
    "stop_chunks",
    "stopped",
    "truncate_at_stop",
]

MAX_STOPS = 4
MAX_STOP_CHARS = 256


class Sampling(TypedDict, total=False):
    """Optional keyword arguments of ``complete()``, as the OpenAI SDK names them."""

    stop: str | Sequence[str] | None
    """Up to 4 sequences; the reply ends before the first one (applied to the restored text)."""
    top_p: float | None
    """Nucleus sampling, 0 to 1 (passed to the target; Anthropic, Cohere and Ollama too)."""
    seed: int | None
    """Best-effort determinism (OpenAI, llama.cpp, Ollama, Cohere; Anthropic has none)."""
    response_format: Mapping[str, Any] | None
    """``{"type": "json_object"}`` or ``{"type": "json_schema", "json_schema": {"schema":
    ...}}`` (same as ``json_schema=``); ``{"type": "text"}``: no constraint."""


@dataclass(frozen=True, slots=True)
class SamplingOptions:
    """Checked :class:`Sampling` values."""

    stop: tuple[str, ...] = ()
    top_p: float | None = None
    seed: int | None = None
    json_schema: dict[str, Any] | None = None


def response_format_schema(fmt: Any) -> dict[str, Any] | None:
    """The JSON schema an OpenAI ``response_format`` asks for (None: plain text).

    Raises:
        InputError: not one of OpenAI's three forms.
    """
    if fmt is None:
        return None
    kind = fmt.get("type") if isinstance(fmt, Mapping) else None
    if kind == "text":
        return None
    if kind == "json_object":
        return {"type": "object"}
    if kind == "json_schema":
        spec = fmt.get("json_schema")
        schema = spec.get("schema") if isinstance(spec, Mapping) else None
        if not isinstance(schema, dict):
            raise InputError("response_format.json_schema.schema must be an object")
        return schema
    raise InputError("response_format.type must be text, json_object or json_schema")


def _stops(stop: Any) -> tuple[str, ...]:
    if stop is None:
        return ()
    stops = [stop] if isinstance(stop, str) else stop
    if not isinstance(stops, Sequence) or not all(isinstance(s, str) for s in stops):
        raise InputError("stop must be a string or a list of strings")
    if len(stops) > MAX_STOPS or not all(0 < len(s) <= MAX_STOP_CHARS for s in stops):
        raise InputError(f"stop takes up to {MAX_STOPS} non-empty sequences of <= 256 characters")
    return tuple(stops)


def sampling_options(sampling: Mapping[str, Any], json_schema: Any = None) -> SamplingOptions:
    """Check ``complete()``'s :class:`Sampling` keywords.

    Raises:
        InputError: an unknown keyword or a bad value (named, never echoed).
    """
    unknown = sorted(set(sampling) - set(Sampling.__annotations__))
    if unknown:
        raise InputError(f"unexpected keyword argument(s): {', '.join(unknown)}")
    top_p = sampling.get("top_p")
    if top_p is not None:
        if isinstance(top_p, bool) or not isinstance(top_p, int | float):
            raise InputError("top_p must be a number between 0 and 1")
        if not (math.isfinite(top_p) and 0 <= top_p <= 1):
            raise InputError("top_p must be a number between 0 and 1")
    seed = sampling.get("seed")
    if seed is not None and (isinstance(seed, bool) or not isinstance(seed, int)):
        raise InputError("seed must be an integer")
    schema = response_format_schema(sampling.get("response_format"))
    if schema is not None and json_schema is not None:
        raise InputError("pass json_schema or response_format, not both")
    return SamplingOptions(
        stop=_stops(sampling.get("stop")),
        top_p=None if top_p is None else float(top_p),
        seed=seed,
        json_schema=schema,
    )


def truncate_at_stop(text: str, stop: Sequence[str]) -> tuple[str, bool]:
    """``text`` cut before the first stop sequence, and whether one was found."""
    cut = min((i for s in stop if (i := text.find(s)) >= 0), default=-1)
    return (text, False) if cut < 0 else (text[:cut], True)


class StopScanner:
    """Streaming stop sequences: holds back what could still become one."""

    def __init__(self, stop: Sequence[str]) -> None:
        self._stop = tuple(stop)
        self._hold = max((len(s) for s in stop), default=1) - 1
        self._buf = ""
        self.stopped = False

    def feed(self, text: str) -> str:
        """Take restored text; return what may be sent now ("" once a stop sequence was seen)."""
        if self.stopped:
            return ""
        if not self._stop:
            return text
        self._buf += text
        head, found = truncate_at_stop(self._buf, self._stop)
        if found:
            self.stopped = True
            self._buf = ""
            return head
        keep = len(self._buf) - self._hold if self._hold else len(self._buf)
        out, self._buf = self._buf[: max(keep, 0)], self._buf[max(keep, 0) :]
        return out

    def flush(self) -> str:
        """The held-back tail at the end of the stream."""
        out, self._buf = ("" if self.stopped else self._buf), ""
        return out


def stop_chunks(chunks: Iterator[str], stop: Sequence[str]) -> Iterator[str]:
    """Restored chunks up to the first stop sequence; then the source is closed (cut short)."""
    scanner = StopScanner(stop)
    try:
        for chunk in chunks:
            out = scanner.feed(chunk)
            if out:
                yield out
            if scanner.stopped:
                return
        tail = scanner.flush()
        if tail:
            yield tail
    finally:
        close = getattr(chunks, "close", None)
        if callable(close):
            close()


async def astop_chunks(chunks: AsyncIterator[str], stop: Sequence[str]) -> AsyncIterator[str]:
    """Async :func:`stop_chunks`."""
    scanner = StopScanner(stop)
    try:
        async for chunk in chunks:
            out = scanner.feed(chunk)
            if out:
                yield out
            if scanner.stopped:
                return
        tail = scanner.flush()
        if tail:
            yield tail
    finally:
        aclose = getattr(chunks, "aclose", None)
        if callable(aclose):
            await aclose()


def stopped(completion: Completion, stop: Sequence[str]) -> Completion:
    """A finished completion cut before its first stop sequence (``finish_reason`` "stop")."""
    if not stop:
        return completion
    text, found = truncate_at_stop(completion.text, stop)
    return (
        completion.model_copy(update={"text": text, "finish_reason": "stop"})
        if found
        else completion
    )
