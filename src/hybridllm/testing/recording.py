"""A wire-level stand-in for a cloud LLM API that records what it is sent.

:class:`RecordingProxy` listens on 127.0.0.1, records every request (headers without
credentials, raw body, parsed JSON) and forwards it to an upstream server such as a local
llama-server, relaying the answer byte for byte, streamed (SSE) answers chunk by chunk. Point an
official SDK at it (``openai.OpenAI(base_url=proxy.base_url + "/v1")`` or
``anthropic.Anthropic(base_url=proxy.base_url)``) and a test can assert on exactly what left the
process.

The module also holds the bases shared with :class:`hybridllm.testing.OllamaShim`:
:class:`LoopbackServer`, a threaded HTTP/1.1 server that tracks its connections so that
``stop()`` closes every socket it opened (pytest runs with warnings as errors), and
:class:`RecordingServer`, which records every request and injects wire-level faults into the
next ones (HTTP errors with ``Retry-After``, delays, dropped connections, malformed bodies,
streams cut mid-way: see :mod:`hybridllm.testing.faults`).
"""

from __future__ import annotations

import contextlib
import json
import threading
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import httpx

from hybridllm.testing._http import (
    ChunkedWriter,
    LoopbackServer,
    RequestHandler,
    read_body,
    send_bytes,
    send_json,
    write_body,
)
from hybridllm.testing.faults import (
    AbortConnection,
    Fault,
    FaultQueue,
    StreamCut,
)

__all__ = ["Fault", "LoopbackServer", "RecordedRequest", "RecordingProxy", "RecordingServer"]


# Headers that describe one hop only; a proxy must not relay them (RFC 9110 section 7.6.1).
HOP_BY_HOP = frozenset(
    {
        "connection",
        "keep-alive",
        "proxy-authenticate",
        "proxy-authorization",
        "te",
        "trailer",
        "transfer-encoding",
        "upgrade",
    }
)


# Credentials are never kept in a recording.
_SECRET_HEADERS = frozenset(
    {"authorization", "x-api-key", "api-key", "proxy-authorization", "cookie", "x-goog-api-key"}
)


@dataclass
class RecordedRequest:
    """One request as a loopback server received it.

    Attributes:
        method: HTTP method, e.g. ``"POST"``.
        path: Path with query string, e.g. ``"/v1/chat/completions"``.
        headers: Request headers (lower-cased names) without credentials.
        body: Raw body bytes.
        json: Parsed JSON body, or None when the body is empty or not JSON.
        injected: True when an injected fault (any kind) applied to this request.
        status: Status code sent back, None until the response has started (and for a
            ``disconnect`` fault, which sends none).
        fault: The kind of the injected fault, None when there was none.
    """

    method: str
    path: str
    headers: dict[str, str]
    body: bytes
    json: Any
    injected: bool = False
    status: int | None = None
    fault: str | None = None

    @property
    def text(self) -> str:
        """The body decoded as UTF-8 (undecodable bytes replaced)."""
        return self.body.decode("utf-8", errors="replace")


def _as_bytes(body: bytes | str | Mapping[str, Any] | None) -> bytes | None:
    if body is None or isinstance(body, bytes):
        return body
    if isinstance(body, str):
        return body.encode()
    return json.dumps(body).encode()


class RecordingServer(LoopbackServer):
    """A :class:`LoopbackServer` that records every request and injects faults.

    Every request is recorded (:attr:`requests`), then either takes the next queued fault
    (:meth:`inject` and its shorthands) or goes to :meth:`respond`, which subclasses implement.
    :class:`RecordingProxy` and :class:`hybridllm.testing.OllamaShim` are recording servers.

    Args:
        upstream_base_url: Base URL of the server requests are forwarded to.
        upstream_timeout: Seconds to wait on the upstream for connect and for each read.
    """

    def __init__(self, upstream_base_url: str, *, upstream_timeout: float = 120.0) -> None:
        super().__init__(upstream_base_url, upstream_timeout=upstream_timeout)
        self._record_lock = threading.Lock()
        self._requests: list[RecordedRequest] = []
        self._faults = FaultQueue()

    # ---- recording -----------------------------------------------------------------------

    @property
    def requests(self) -> list[RecordedRequest]:
        """A snapshot of the requests recorded so far, oldest first."""
        with self._record_lock:
            return list(self._requests)

    def bodies_text(self) -> str:
        """Every recorded body decoded as UTF-8, joined with newlines."""
        return "\n".join(r.text for r in self.requests)

    def clear(self) -> None:
        """Forget the recorded requests and any pending injected faults."""
        with self._record_lock:
            self._requests.clear()
        self._faults.clear()

    # ---- fault injection -----------------------------------------------------------------

    @property
    def pending_faults(self) -> int:
        """How many injected faults are still waiting for a request."""
        return len(self._faults)

    def inject(self, fault: Fault, n: int = 1) -> None:
        """Apply ``fault`` to the next ``n`` requests that match its ``path``.

        Faulted requests are still recorded, with ``injected=True`` and ``fault`` set.
        """
        self._faults.add(fault, n)

    def fail_next(
        self,
        n: int = 1,
        status: int = 503,
        retry_after: float | None = None,
        body: bytes | str | Mapping[str, Any] | None = None,
        *,
        path: str | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> None:
        """Answer the next ``n`` requests with ``status`` instead of forwarding them.

        Args:
            n: How many requests fail.
            status: HTTP status code to send.
            retry_after: Seconds to put in a ``Retry-After`` header; no header when None.
            body: Response body; a mapping is sent as JSON. Defaults to the error object of
                the API the server speaks (:meth:`error_body`).
            path: Only requests whose path starts with this fail.
            headers: Extra response headers, e.g. ``{"retry-after-ms": "250"}`` or an HTTP-date
                ``Retry-After``.
        """
        fault = Fault("status", status=status, retry_after=retry_after, body=_as_bytes(body),
                      path=path, headers=tuple((headers or {}).items()))  # fmt: skip
        self.inject(fault, n)

    def delay_next(self, n: int = 1, seconds: float = 1.0, *, path: str | None = None) -> None:
        """Wait ``seconds`` before answering each of the next ``n`` requests (then answer)."""
        self.inject(Fault("delay", seconds=seconds, path=path), n)

    def hang_next(self, n: int = 1, *, path: str | None = None) -> None:
        """Accept the next ``n`` requests and never answer them (until the server stops)."""
        self.inject(Fault("hang", path=path), n)

    def disconnect_next(self, n: int = 1, *, reset: bool = False, path: str | None = None) -> None:
        """Close the connection of the next ``n`` requests without a response (RST if reset)."""
        self.inject(Fault("disconnect", reset=reset, path=path), n)

    def malformed_next(
        self,
        n: int = 1,
        body: bytes | str | None = None,
        *,
        path: str | None = None,
        content_type: str | None = None,
    ) -> None:
        """Answer the next ``n`` requests with 200 and a body that does not parse.

        Args:
            n: How many requests get the malformed answer.
            body: The exact body; default: :meth:`malformed_body` (truncated JSON, or a broken
                SSE / NDJSON frame when the request asked for a stream).
            path: Only requests whose path starts with this.
            content_type: The answer's Content-Type (default: what a good answer would have).
        """
        fault = Fault("malformed", body=_as_bytes(body), path=path, content_type=content_type)
        self.inject(fault, n)

    def cut_stream_next(
        self,
        n: int = 1,
        *,
        after_events: int | None = None,
        after_bytes: int | None = None,
        reset: bool = False,
        path: str | None = None,
    ) -> None:
        """Answer the next ``n`` requests normally but drop the connection part-way.

        Args:
            n: How many responses are cut.
            after_events: Whole events (SSE events or NDJSON lines) relayed before the cut;
                0 cuts right after the headers.
            after_bytes: Body bytes relayed before the cut (when ``after_events`` is None).
                Both None: one event.
            reset: Abort with a TCP RST instead of FIN.
            path: Only requests whose path starts with this.
        """
        fault = Fault("mid_stream_disconnect", after_events=after_events,
                      after_bytes=after_bytes, reset=reset, path=path)  # fmt: skip
        self.inject(fault, n)

    # ---- request handling ----------------------------------------------------------------

    def handle(self, handler: RequestHandler) -> None:
        """Record the request, then apply the next matching fault or :meth:`respond`."""
        body = read_body(handler)
        headers = {
            k.lower(): v for k, v in handler.headers.items() if k.lower() not in _SECRET_HEADERS
        }
        parsed: Any = None
        if body:
            with contextlib.suppress(ValueError):
                parsed = json.loads(body)
        fault = self._faults.take(handler.path)
        record = RecordedRequest(
            method=handler.command,
            path=handler.path,
            headers=headers,
            body=body,
            json=parsed,
            injected=fault is not None,
            fault=None if fault is None else fault.kind,
        )
        with self._record_lock:
            self._requests.append(record)
        handler.record = record
        if fault is not None and not self._apply(fault, handler, record):
            return
        self.respond(handler, record)

    def _apply(self, fault: Fault, handler: RequestHandler, record: RecordedRequest) -> bool:
        """Carry out a fault; True when the request should still get its normal answer."""
        if fault.kind == "status":
            extra = {} if fault.retry_after is None else {"Retry-After": f"{fault.retry_after:g}"}
            extra.update(fault.headers)
            record.status = fault.status
            body = fault.body if fault.body is not None else self.error_body(fault.status)
            send_bytes(handler, fault.status, body, headers=extra)
            return False
        if fault.kind == "disconnect":
            raise AbortConnection(reset=fault.reset)
        if fault.kind == "malformed":
            content_type, body = self.malformed_body(record)
            if fault.body is not None:
                body = fault.body
            content_type = fault.content_type or content_type
            record.status = 200
            send_bytes(handler, 200, body, content_type)
            return False
        if fault.kind == "delay":
            if self._stopping.wait(fault.seconds):  # the server is stopping: do not answer
                raise AbortConnection
            return True
        if fault.kind == "hang":
            self._stopping.wait()  # until the server stops; then drop the connection
            raise AbortConnection
        handler.stream_cut = StreamCut(fault)  # mid_stream_disconnect: the writers cut
        return True

    def respond(self, handler: RequestHandler, record: RecordedRequest) -> None:
        """Answer one recorded request. Subclasses must override this."""
        raise NotImplementedError

    def wants_stream(self, record: RecordedRequest) -> bool:
        """Whether the request asked for a streamed answer (``"stream": true``)."""
        return isinstance(record.json, dict) and record.json.get("stream") is True

    def error_body(self, status: int) -> bytes:
        """Default body of an injected ``status`` fault: OpenAI's and Anthropic's error shape."""
        error = {
            "type": "error",
            "error": {
                "type": "api_error",
                "message": f"injected failure (HTTP {status})",
                "code": status,
            },
        }
        return json.dumps(error).encode()

    def malformed_body(self, record: RecordedRequest) -> tuple[str, bytes]:
        """Content type and body of a ``malformed`` fault's 200 answer.

        A stream gets one SSE event named like Anthropic's first event (OpenAI's SDK parses
        every event, Anthropic's only named ones) whose data is cut off mid-object.
        """
        if self.wants_stream(record):
            frame = b'event: message_start\ndata: {"id":"broken","choices":[{"delta":{"con\n\n'
            return "text/event-stream", frame
        return "application/json", b'{"id":"broken","object":"chat.completion","choices":[{'


class RecordingProxy(RecordingServer):
    """Records every request, then forwards it to ``upstream_base_url`` and relays the answer.

    Args:
        upstream_base_url: Where requests go, e.g. a ``LlamaServer.base_url``.
        upstream_timeout: Seconds allowed for the upstream connect and for each read.

    Example:
        >>> with RecordingProxy(llama.base_url) as proxy:  # doctest: +SKIP
        ...     client = openai.OpenAI(base_url=proxy.base_url + "/v1", api_key="x")
        ...     client.chat.completions.create(model="m", messages=[...])
        ...     assert "secret" not in proxy.bodies_text()
    """

    def __init__(
        self,
        upstream_base_url: str,
        *,
        upstream_timeout: float = 120.0,
        echo_last_line: bool = False,
    ) -> None:
        super().__init__(upstream_base_url, upstream_timeout=upstream_timeout)
        self.echo_last_line = echo_last_line

    def _forward_body(self, handler: RequestHandler, record: RecordedRequest) -> bytes | None:
        """The body to send upstream: as recorded, or with an echo grammar (``echo_last_line``).

        With ``echo_last_line`` a chat completion request to a llama-server gets a GBNF grammar
        that lets the (real) model write only the last line of the last user message. A 135M
        model's greedy reply to "repeat this line" varies with the CPU llama.cpp was built for;
        tests of restore need the placeholders echoed, and the recording stays the original.
        """
        body = record.body
        if not (self.echo_last_line and body and handler.path.endswith("/chat/completions")):
            return body
        try:
            payload = json.loads(body)
            users = [m for m in payload.get("messages", []) if m.get("role") == "user"]
            line = str(users[-1]["content"]).rstrip().splitlines()[-1]
        except (ValueError, LookupError, AttributeError, TypeError):
            return body
        literal = line.replace("\\", "\\\\").replace('"', '\\"')
        payload["grammar"] = f'root ::= "{literal}"'
        return json.dumps(payload).encode()

    def respond(self, handler: RequestHandler, record: RecordedRequest) -> None:
        """Forward the request upstream and relay the answer."""
        out_headers = {
            k: v
            for k, v in handler.headers.items()
            if k.lower() not in HOP_BY_HOP | {"host", "content-length", "accept-encoding"}
        }
        request = self.upstream.build_request(
            handler.command,
            handler.path,
            headers=out_headers,
            content=self._forward_body(handler, record),
        )
        try:
            response = self.upstream.send(request, stream=True)
        except httpx.HTTPError as exc:
            record.status = 502
            error = {"error": {"type": "proxy_error", "message": f"upstream failed: {exc!r}"}}
            send_json(handler, 502, error)
            return
        try:
            record.status = response.status_code
            relay = {
                k: v
                for k, v in response.headers.items()
                if k.lower() not in HOP_BY_HOP | {"content-length", "server", "date"}
            }
            if "content-length" in response.headers or handler.command == "HEAD":
                data = response.read()
                handler.send_response(response.status_code)
                for name, value in relay.items():
                    handler.send_header(name, value)
                length = str(len(data))
                if handler.command == "HEAD":  # no body came, but the length describes GET's
                    length = response.headers.get("content-length", "0")
                handler.send_header("Content-Length", length)
                handler.end_headers()
                write_body(handler, data, response.headers.get("content-type", ""))
                return
            writer = ChunkedWriter(handler, response.status_code, relay)
            for chunk in response.iter_raw():
                writer.write(chunk)
            writer.close()
        except httpx.HTTPError:
            # The upstream broke mid-body; the client must not take a truncated body as whole.
            handler.close_connection = True
        finally:
            response.close()
