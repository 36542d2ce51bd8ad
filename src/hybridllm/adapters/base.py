"""The Adapter protocol: one target, reached through its official SDK.

An adapter does one thing, like an httpx transport: send an :class:`OutboundRequest` and return
the reply (whole, or as a stream of deltas). Retries and fallback live outside it. Every adapter
knows its ``locality``; a remote adapter refuses a payload built for local use only.
"""

from __future__ import annotations

import functools
import os
import time
from collections.abc import AsyncIterator, Iterator, Mapping, Sequence
from dataclasses import dataclass
from email.utils import parsedate_to_datetime
from types import ModuleType
from typing import Any, Literal, Protocol, get_args, runtime_checkable

from hybridllm._imports import import_module
from hybridllm.config import TargetConfig
from hybridllm.errors import (
    InputError,
    MissingDependencyError,
    PermanentProviderError,
    PrivacyViolationError,
    ProviderError,
    ProviderTimeoutError,
    TransientProviderError,
)
from hybridllm.models import Locality, Usage
from hybridllm.redaction import OutboundRequest

__all__ = [
    "SHAPE_ERRORS",
    "Adapter",
    "BaseAdapter",
    "CallOptions",
    "ChatResponse",
    "EmbedInputType",
    "EmbedOptions",
    "EmbedResponse",
    "RawToolCall",
    "StreamDelta",
    "Timeouts",
    "ToolSpec",
    "embed_inputs",
    "function_tools",
    "import_sdk",
    "malformed",
    "raise_callers_own",
    "retry_after_seconds",
    "status_error",
    "transport_errors",
    "wire_error",
]

TRANSIENT_STATUS = frozenset({408, 409, 425, 429, 500, 502, 503, 504, 529})


@dataclass(frozen=True, slots=True)
class Timeouts:
    """How long one attempt may wait: to connect, and for each read (first byte, next chunk)."""

    connect: float
    read: float


@dataclass(frozen=True, slots=True)
class CallOptions:
    """Per-call generation options."""

    max_tokens: int = 512
    temperature: float | None = None
    json_schema: dict[str, Any] | None = None
    """Constrain the reply to JSON matching this schema, where the target supports it."""
    tools: tuple[ToolSpec, ...] = ()
    """Functions the model may call (developer-defined schemas, sent as they are)."""
    tool_choice: str | None = None
    """``auto``, ``none``, ``required``, or a tool name."""
    top_p: float | None = None
    """Nucleus sampling, where the target has it."""
    seed: int | None = None
    """Best-effort determinism, where the target has it (not Anthropic)."""
    timeouts: Timeouts | None = None
    """Set by the driver for each attempt (from the target's timeouts and the hop's budget);
    None: the adapter's client defaults."""


@dataclass(frozen=True, slots=True)
class ToolSpec:
    """One callable tool: a name, a description and a JSON schema for its arguments."""

    name: str
    description: str = ""
    parameters: dict[str, Any] | None = None

    @classmethod
    def parse(cls, tool: Any) -> ToolSpec:
        """Accept OpenAI's ``{"type": "function", "function": {...}}``, Anthropic's
        ``{"name", "input_schema"}``, or a plain ``{"name", "description", "parameters"}``."""
        if isinstance(tool, ToolSpec):
            return tool
        if not isinstance(tool, dict) or not isinstance((fn := tool.get("function", tool)), dict):
            raise ValueError("a tool must be a mapping")
        name = fn.get("name")
        if not isinstance(name, str) or not name:
            raise ValueError("a tool needs a name")
        params = fn.get("parameters", fn.get("input_schema"))
        return cls(name=name, description=str(fn.get("description", "")), parameters=params)

    def schema(self) -> dict[str, Any]:
        """The argument schema (an empty object schema when none was given)."""
        return self.parameters or {"type": "object", "properties": {}}


def function_tools(tools: tuple[ToolSpec, ...]) -> list[dict[str, Any]]:
    """Tools in OpenAI's ``{"type": "function", "function": {...}}`` form (OpenAI, Ollama)."""
    return [
        {
            "type": "function",
            "function": {"name": t.name, "description": t.description, "parameters": t.schema()},
        }
        for t in tools
    ]


@dataclass(frozen=True, slots=True)
class RawToolCall:
    """A tool call as the provider returned it (arguments still carry placeholders)."""

    id: str
    name: str
    arguments: str


@dataclass(frozen=True, slots=True)
class ChatResponse:
    """A whole reply, as the target produced it (placeholders not yet restored)."""

    text: str
    model: str
    usage: Usage
    finish_reason: str | None = None
    tool_calls: tuple[RawToolCall, ...] = ()


@dataclass(frozen=True, slots=True)
class StreamDelta:
    """One streamed event: a text delta, and/or final usage/model/finish reason."""

    text: str = ""
    usage: Usage | None = None
    model: str | None = None
    finish_reason: str | None = None


EmbedInputType = Literal["query", "document"]
"""What embedded texts are for: search queries, or the documents they are matched against."""


@dataclass(frozen=True, slots=True)
class EmbedOptions:
    """Per-call embedding options (hashable: coalesced calls must have equal options)."""

    dimensions: int | None = None
    """Ask the provider for vectors of this size, where it supports it (OpenAI v3 models)."""
    input_type: EmbedInputType | None = None
    """What the texts are for, where the provider distinguishes (Cohere v3+: ``search_query`` /
    ``search_document``); ``None`` means documents. Other adapters ignore it."""

    def __post_init__(self) -> None:
        if self.input_type not in (None, *get_args(EmbedInputType)):
            raise InputError(
                f"input_type must be one of {get_args(EmbedInputType)} or None, "
                f"not {self.input_type!r}"
            )


@dataclass(frozen=True, slots=True)
class EmbedResponse:
    """Vectors in input order, as the target produced them (not normalized here)."""

    vectors: list[list[float]]
    model: str
    usage: Usage


def embed_inputs(requests: Sequence[OutboundRequest]) -> list[str]:
    """The texts to embed: one message per request (see ``hybridllm.core.embed_flow``)."""
    return [m.content for r in requests for m in r.messages]


@runtime_checkable
class Adapter(Protocol):
    """What the flow needs from a target."""

    name: str
    model: str
    locality: Locality

    def complete(self, request: OutboundRequest, options: CallOptions) -> ChatResponse:
        """Send the request and wait for the whole reply."""
        ...

    def stream(self, request: OutboundRequest, options: CallOptions) -> Iterator[StreamDelta]:
        """Send the request and yield the reply as it arrives."""
        ...

    async def acomplete(self, request: OutboundRequest, options: CallOptions) -> ChatResponse:
        """Async :meth:`complete`."""
        ...

    def astream(self, request: OutboundRequest, options: CallOptions) -> AsyncIterator[StreamDelta]:
        """Async :meth:`stream`."""
        ...

    def embed(self, requests: Sequence[OutboundRequest], options: EmbedOptions) -> EmbedResponse:
        """Embed the texts of ``requests`` (one vector per message, in order)."""
        ...

    async def aembed(
        self, requests: Sequence[OutboundRequest], options: EmbedOptions
    ) -> EmbedResponse:
        """Async :meth:`embed`."""
        ...

    def close(self) -> None:
        """Release sync resources."""
        ...

    async def aclose(self) -> None:
        """Release async resources."""
        ...


def import_sdk(module: str, extra: str) -> ModuleType:
    """Import an optional provider SDK or raise an error that names the extra to install."""
    try:
        return import_module(module)  # serialised with spaCy's background load
    except ImportError:
        raise MissingDependencyError(
            f"the '{module}' package is needed for this target: pip install 'hybridllm[{extra}]'"
        ) from None


def _seconds(value: str, scale: float = 1.0) -> float | None:
    try:
        return max(0.0, float(value) * scale)
    except ValueError:
        return None


def retry_after_seconds(headers: Mapping[str, str] | None) -> float | None:
    """Seconds a provider asked us to wait: ``retry-after-ms`` (OpenAI, Anthropic), else
    ``Retry-After`` as delta-seconds or an HTTP-date (RFC 9110 section 10.2.3). None when absent
    or unreadable."""
    lower = {k.lower(): v for k, v in (headers or {}).items()}
    ms = _seconds(lower.get("retry-after-ms") or "x", 0.001)
    if ms is not None:
        return ms
    value = (lower.get("retry-after") or "").strip()
    if not value or (seconds := _seconds(value)) is not None:
        return seconds if value else None
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:  # not an HTTP-date, which is always GMT
        return None
    return max(0.0, when.timestamp() - time.time())


def status_error(
    target: str, status: int, headers: Mapping[str, str] | str | None, kind: str
) -> ProviderError:
    """Map an HTTP status onto the error tree (transient vs permanent), with the Retry-After
    the provider sent (``headers``: the response headers, or a bare Retry-After value)."""
    if isinstance(headers, str):
        headers = {"retry-after": headers}
    seconds = retry_after_seconds(headers)
    cls = TransientProviderError if status in TRANSIENT_STATUS else PermanentProviderError
    return cls(
        f"{target}: HTTP {status} ({kind})", target=target, status=status, retry_after=seconds
    )


def malformed(target: str, what: str) -> PermanentProviderError:
    """A reply that does not have the provider's documented shape (``what`` names the field or
    the exception type, never a value)."""
    return PermanentProviderError(f"{target}: malformed response ({what})", target=target)


@functools.cache
def transport_errors() -> tuple[type[Exception], ...]:
    """The transport error bases of the HTTP stacks the SDKs use (httpx, and httpx2 if present).

    Some SDK versions let these escape from a stream iterator unwrapped (a connection cut
    mid-body); they are connection faults, so they map onto :class:`TransientProviderError`.
    """
    found: list[type[Exception]] = []
    for module in ("httpx", "httpx2"):
        try:
            found.append(import_module(module).TransportError)
        except (ImportError, AttributeError):
            continue
    return tuple(found)


_TRANSPORT_MODULES = ("httpcore", "httpx", "anyio", "h11", "ssl", "socket", "selectors")


def raise_callers_own(exc: BaseException) -> None:
    """Re-raise the caller's own exception when a transport timeout merely wraps it.

    httpcore maps every ``TimeoutError`` raised during a socket read to its ``ReadTimeout``,
    including one that the caller's signal handler raised (``signal.alarm``-style deadlines):
    that is the caller giving up, not a provider fault, and must not fail over. A genuine
    socket timeout is raised by the socket itself, so the innermost frame of its traceback is
    transport code; the caller's is raised by the caller's own code.
    """
    root: BaseException = exc
    seen = {id(exc)}
    while (inner := root.__cause__ or root.__context__) is not None and id(inner) not in seen:
        seen.add(id(inner))
        root = inner
    if root is exc or not isinstance(root, TimeoutError) or root.__traceback__ is None:
        return
    tb = root.__traceback__
    while tb.tb_next is not None:
        tb = tb.tb_next
    module = str(tb.tb_frame.f_globals.get("__name__", ""))
    if not module.startswith(_TRANSPORT_MODULES):
        raise root


# Exceptions a wrong-shaped reply raises inside an SDK or while we read it (a JSON list where
# an object belongs, a null where an object belongs): a provider fault, not a caller's.
SHAPE_ERRORS: tuple[type[Exception], ...] = (ValueError, TypeError, AttributeError, LookupError)


def wire_error(target: str, exc: Exception) -> ProviderError:
    """Map a fault below the SDK's own error types: a dropped connection or a malformed body.

    A transport timeout is a :class:`ProviderTimeoutError`; another transport error (connection
    reset, cut mid-stream) is transient. A body that does not parse or has the wrong shape
    (``json.JSONDecodeError``, a pydantic ``ValidationError``, a ``TypeError`` on a null) is
    permanent: the same server would most likely send the same bytes again. Only the exception
    type goes into the message, never body text.
    """
    raise_callers_own(exc)
    kind = type(exc).__name__
    if isinstance(exc, transport_errors()):
        if "Timeout" in kind:  # httpx's ConnectTimeout, ReadTimeout, WriteTimeout, PoolTimeout
            return ProviderTimeoutError(f"{target}: no answer in time ({kind})", target=target)
        return TransientProviderError(f"{target}: connection failed ({kind})", target=target)
    if isinstance(exc, ConnectionError):
        return TransientProviderError(f"{target}: connection failed ({kind})", target=target)
    if isinstance(exc, SHAPE_ERRORS):
        return malformed(target, kind)
    return PermanentProviderError(f"{target}: {kind}", target=target)


class BaseAdapter:
    """Shared construction and the privacy guard."""

    extra: str = ""
    gates_send: bool = False
    """Whether the sync client waits for the call's audit intent right before a request
    leaves (:func:`hybridllm.adapters._gate.request_hook`); if not, the driver waits first."""

    def __init__(self, name: str, config: TargetConfig) -> None:
        self.name = name
        self.config = config
        self.model = config.model
        self.locality: Locality = config.effective_locality

    def __repr__(self) -> str:
        kind = type(self).__name__
        return f"{kind}(name={self.name!r}, model={self.model!r}, locality={self.locality!r})"

    def _guard(self, request: OutboundRequest) -> None:
        # The last line of defence for invariants 1-3: policy and fallback should never get here.
        if self.locality == "remote" and request.local_only:
            raise PrivacyViolationError(
                f"refusing to send a local-only payload to remote target '{self.name}'"
            )

    def _guard_all(self, requests: Sequence[OutboundRequest]) -> list[str]:
        for request in requests:
            self._guard(request)
        return embed_inputs(requests)

    def _api_key(self, default: str | None) -> str | None:
        env = self.config.api_key_env
        if env:
            key = os.environ.get(env)
            if key:
                return key
            if default is None:
                raise PermanentProviderError(
                    f"{self.name}: environment variable {env} is not set", target=self.name
                )
        return default
