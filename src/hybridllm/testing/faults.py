"""Wire-level faults that the loopback servers inject into the next requests.

A :class:`Fault` describes what goes wrong with one request; every server in
:mod:`hybridllm.testing` keeps a queue of them (see :meth:`LoopbackServer.inject` and its
shorthands ``fail_next``, ``delay_next``, ``disconnect_next``, ``malformed_next`` and
``cut_stream_next``). Each request takes the first queued fault whose ``path`` matches it, so a
fault aimed at ``/v1/chat/completions`` leaves a ``/v1/models`` probe alone.

Kinds:

``status``
    Answer with ``status`` (and ``Retry-After``, and ``body``) without forwarding.
``delay``
    Wait ``seconds`` before answering normally: makes a client's read timeout fire.
``hang``
    Accept the request and never answer (until the server stops): a cloud that hangs.
``disconnect``
    Close the connection without any response (``reset=True`` sends a TCP RST instead of FIN).
``malformed``
    Answer 200 with a body that does not parse: truncated JSON, or a broken SSE / NDJSON frame
    when the request asked for a stream; or with the given ``body`` (a wrong-shaped reply, an
    HTML page with ``content_type="text/html"``).
``mid_stream_disconnect``
    Answer normally but cut the connection after ``after_events`` events (SSE events or NDJSON
    lines) or ``after_bytes`` body bytes, without ending the body properly.
"""

from __future__ import annotations

import threading
from collections import deque
from dataclasses import dataclass
from typing import Literal

__all__ = ["AbortConnection", "Fault", "FaultKind", "FaultQueue", "StreamCut", "event_delimiter"]

FaultKind = Literal["status", "delay", "hang", "disconnect", "malformed", "mid_stream_disconnect"]


@dataclass(frozen=True)
class Fault:
    """One injected failure.

    Attributes:
        kind: What goes wrong (see the module docstring).
        status: HTTP status for ``status`` faults.
        retry_after: Seconds for a ``Retry-After`` header (``status`` faults); none when None.
        body: Response body for ``status`` and ``malformed`` faults; None: the server's default.
        seconds: How long a ``delay`` fault waits before answering.
        after_events: ``mid_stream_disconnect``: events relayed before the cut.
        after_bytes: ``mid_stream_disconnect``: body bytes relayed before the cut (used when
            ``after_events`` is None; both None: cut after the first event).
        reset: ``disconnect`` / ``mid_stream_disconnect``: abort with a TCP RST.
        path: Only requests whose path starts with this take the fault; None: any request.
        content_type: Content-Type of a ``malformed`` answer; None: the server's default.
        headers: Extra response headers of a ``status`` fault (e.g. ``retry-after-ms``).
    """

    kind: FaultKind = "status"
    status: int = 503
    retry_after: float | None = None
    body: bytes | None = None
    seconds: float = 0.0
    after_events: int | None = None
    after_bytes: int | None = None
    reset: bool = False
    path: str | None = None
    content_type: str | None = None
    headers: tuple[tuple[str, str], ...] = ()

    def __post_init__(self) -> None:
        if self.seconds < 0:
            raise ValueError("seconds must be >= 0")
        for name in ("after_events", "after_bytes"):
            value = getattr(self, name)
            if value is not None and value < 0:
                raise ValueError(f"{name} must be >= 0")

    def matches(self, path: str) -> bool:
        """Whether a request for ``path`` takes this fault."""
        return self.path is None or path.split("?", 1)[0].startswith(self.path)


class FaultQueue:
    """A thread-safe queue of faults, each taken by the first request it matches."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._faults: deque[Fault] = deque()

    def __len__(self) -> int:
        with self._lock:
            return len(self._faults)

    def add(self, fault: Fault, n: int = 1) -> None:
        """Queue ``fault`` for the next ``n`` matching requests."""
        if n < 0:
            raise ValueError("n must be >= 0")
        with self._lock:
            self._faults.extend([fault] * n)

    def take(self, path: str) -> Fault | None:
        """Remove and return the first fault that matches ``path``."""
        with self._lock:
            for i, fault in enumerate(self._faults):
                if fault.matches(path):
                    del self._faults[i]
                    return fault
        return None

    def clear(self) -> None:
        """Drop every pending fault."""
        with self._lock:
            self._faults.clear()


class AbortConnection(Exception):  # noqa: N818 - a control-flow signal, not an error
    """Raised inside a handler to drop the client connection without finishing the response."""

    def __init__(self, *, reset: bool = False) -> None:
        super().__init__("connection aborted by an injected fault")
        self.reset = reset


class StreamCut:
    """Counts what a response body has relayed and says when to cut the connection."""

    def __init__(self, fault: Fault) -> None:
        self.after_events = fault.after_events
        self.after_bytes = fault.after_bytes
        if self.after_events is None and self.after_bytes is None:
            self.after_events = 1
        self.reset = fault.reset
        self._pending = b""

    def take(self, data: bytes, delimiter: bytes) -> tuple[bytes, bool]:
        """Split ``data`` into what may still be sent and whether to cut right after it.

        Events are only relayed whole, so a partial event waits for the rest of its bytes.
        """
        if self.after_events is None:
            left = self.after_bytes or 0
            out = data[:left]
            self.after_bytes = left - len(out)
            return out, self.after_bytes <= 0
        self._pending += data
        out = b""
        while self.after_events > 0 and (i := self._pending.find(delimiter)) >= 0:
            end = i + len(delimiter)
            out, self._pending = out + self._pending[:end], self._pending[end:]
            self.after_events -= 1
        return out, self.after_events <= 0

    def flush(self) -> bytes:
        """Whatever is still held back when the body ends before the cut."""
        out, self._pending = self._pending, b""
        return out


def event_delimiter(content_type: str) -> bytes:
    """The byte sequence that ends one streamed event for a content type."""
    return b"\n\n" if "event-stream" in content_type.lower() else b"\n"
