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
import socket
import struct
import threading
from collections.abc import Mapping
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import Any, Self

import httpx

from hybridllm.testing.faults import (
    AbortConnection,
    Fault,
    FaultQueue,
    StreamCut,
    event_delimiter,
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


class RequestHandler(BaseHTTPRequestHandler):
    """Routes every method to the owning :class:`LoopbackServer`."""

    protocol_version = "HTTP/1.1"
    timeout = 30  # an idle keep-alive connection is dropped instead of holding a thread forever
    server: _TrackingServer
    stream_cut: StreamCut | None = None
    """Set by a ``mid_stream_disconnect`` fault: the body writers cut the connection."""
    record: RecordedRequest | None = None
    """The request being answered; :meth:`send_response` notes its status there."""

    def send_response(self, code: int, message: str | None = None) -> None:
        """Send the status line and note the status in the recording."""
        if self.record is not None:
            self.record.status = code
        super().send_response(code, message)

    def _dispatch(self) -> None:
        self.stream_cut = None
        self.record = None
        try:
            self.server.owner.handle(self)
        except (BrokenPipeError, ConnectionResetError):  # client went away mid-response
            self.close_connection = True
        except AbortConnection as abort:
            self.abort(reset=abort.reset)

    def abort(self, *, reset: bool = False) -> None:
        """Drop the connection now: FIN (``reset=False``) or RST, no more bytes sent."""
        self.close_connection = True
        with contextlib.suppress(OSError):
            if reset:
                # linger on, timeout 0: close() sends RST instead of FIN
                self.connection.setsockopt(
                    socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0)
                )
                self.connection.close()
            else:
                self.wfile.flush()
                self.connection.shutdown(socket.SHUT_RDWR)

    def do_GET(self) -> None:
        """Handle a GET request."""
        self._dispatch()

    def do_POST(self) -> None:
        """Handle a POST request."""
        self._dispatch()

    def do_PUT(self) -> None:
        """Handle a PUT request."""
        self._dispatch()

    def do_PATCH(self) -> None:
        """Handle a PATCH request."""
        self._dispatch()

    def do_DELETE(self) -> None:
        """Handle a DELETE request."""
        self._dispatch()

    def do_HEAD(self) -> None:
        """Handle a HEAD request."""
        self._dispatch()

    def do_OPTIONS(self) -> None:
        """Handle an OPTIONS request."""
        self._dispatch()

    def log_message(self, format: str, *args: Any) -> None:
        """Keep test output quiet; requests are recorded by the servers that care."""


class _TrackingServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, owner: LoopbackServer, address: tuple[str, int]) -> None:
        self.owner = owner
        self._lock = threading.Lock()
        self._conns: set[socket.socket] = set()
        self._handler_threads: set[threading.Thread] = set()
        super().__init__(address, RequestHandler)

    def process_request(self, request: Any, client_address: Any) -> None:
        thread = threading.Thread(
            target=self.process_request_thread, args=(request, client_address), daemon=True
        )
        with self._lock:
            self._handler_threads.add(thread)
            if isinstance(request, socket.socket):
                self._conns.add(request)
        thread.start()

    def process_request_thread(self, request: Any, client_address: Any) -> None:
        try:
            super().process_request_thread(request, client_address)
        finally:
            with self._lock:
                self._handler_threads.discard(threading.current_thread())

    def shutdown_request(self, request: Any) -> None:
        with self._lock:
            self._conns.discard(request)
        super().shutdown_request(request)

    def close_connections(self, timeout: float) -> None:
        """Wake every handler blocked on a client socket, then wait for the threads to end."""
        with self._lock:
            conns = list(self._conns)
            threads = list(self._handler_threads)
        for conn in conns:
            with contextlib.suppress(OSError):
                conn.shutdown(socket.SHUT_RDWR)
        for thread in threads:
            thread.join(timeout)


def read_body(handler: RequestHandler) -> bytes:
    """Read a request body sent with Content-Length or chunked transfer coding."""
    if handler.headers.get("Transfer-Encoding", "").lower() == "chunked":
        parts: list[bytes] = []
        while True:
            size_line = handler.rfile.readline(1024)
            size = int(size_line.split(b";", 1)[0].strip() or b"0", 16)
            if size == 0:
                # Drain optional trailers up to the blank line.
                while handler.rfile.readline(1024) not in (b"\r\n", b"\n", b""):
                    pass
                return b"".join(parts)
            parts.append(handler.rfile.read(size))
            handler.rfile.readline(8)  # CRLF after each chunk
    length = int(handler.headers.get("Content-Length") or 0)
    return handler.rfile.read(length) if length > 0 else b""


def write_body(handler: RequestHandler, body: bytes, content_type: str) -> None:
    """Write a whole (Content-Length) body, honouring an armed ``mid_stream_disconnect``.

    A cut response never arrives whole: when the body holds fewer events (or bytes) than the
    cut allows, half of it is sent before the connection drops.
    """
    cut = handler.stream_cut
    if cut is None or handler.command == "HEAD":
        if handler.command != "HEAD":
            handler.wfile.write(body)
        handler.wfile.flush()
        return
    out, _ = cut.take(body, event_delimiter(content_type))
    if not 0 < len(out) < len(body):
        out = body[: len(body) // 2]
    handler.wfile.write(out)
    handler.wfile.flush()
    raise AbortConnection(reset=cut.reset)


def send_bytes(
    handler: RequestHandler,
    status: int,
    body: bytes,
    content_type: str = "application/json; charset=utf-8",
    headers: Mapping[str, str] | None = None,
) -> None:
    """Send a complete response with Content-Length."""
    handler.send_response(status)
    handler.send_header("Content-Type", content_type)
    handler.send_header("Content-Length", str(len(body)))
    for name, value in (headers or {}).items():
        handler.send_header(name, value)
    handler.end_headers()
    write_body(handler, body, content_type)


def send_json(
    handler: RequestHandler,
    status: int,
    payload: Any,
    headers: Mapping[str, str] | None = None,
) -> None:
    """Send ``payload`` as compact JSON."""
    body = json.dumps(payload, separators=(",", ":")).encode()
    send_bytes(handler, status, body, headers=headers)


class ChunkedWriter:
    """Writes a response body with chunked transfer coding, flushing each chunk.

    When the request carries a ``mid_stream_disconnect`` fault, the writer relays whole events
    (SSE events or NDJSON lines, by Content-Type) up to the cut and then drops the connection
    without the last chunk, as a server that dies mid-answer would. A stream shorter than the
    cut loses only its last chunk: a cut response never ends cleanly.
    """

    def __init__(self, handler: RequestHandler, status: int, headers: Mapping[str, str]) -> None:
        self._handler = handler
        content_type = next((v for k, v in headers.items() if k.lower() == "content-type"), "")
        self._delimiter = event_delimiter(content_type)
        handler.send_response(status)
        for name, value in headers.items():
            handler.send_header(name, value)
        handler.send_header("Transfer-Encoding", "chunked")
        handler.end_headers()
        handler.wfile.flush()

    def _chunk(self, data: bytes) -> None:
        if data:
            self._handler.wfile.write(b"%x\r\n%s\r\n" % (len(data), data))
            self._handler.wfile.flush()

    def write(self, data: bytes) -> None:
        """Send one chunk (empty data is skipped: a zero-size chunk ends the body)."""
        cut = self._handler.stream_cut
        if cut is None:
            self._chunk(data)
            return
        out, stop = cut.take(data, self._delimiter)
        self._chunk(out)
        if stop:
            raise AbortConnection(reset=cut.reset)

    def close(self) -> None:
        """Send the last chunk (a cut armed but not reached yet drops the connection instead)."""
        cut = self._handler.stream_cut
        if cut is not None:
            self._chunk(cut.flush())
            raise AbortConnection(reset=cut.reset)
        self._handler.wfile.write(b"0\r\n\r\n")
        self._handler.wfile.flush()


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


class LoopbackServer:
    """Base class: a threaded HTTP/1.1 server on 127.0.0.1 with an httpx client upstream.

    Subclasses implement :meth:`handle` (or derive from :class:`RecordingServer`, which records
    requests and injects faults, and implement ``respond``). Use as a context manager or call
    ``start()``/``stop()``.

    Args:
        upstream_base_url: Base URL of the server requests are forwarded to.
        upstream_timeout: Seconds to wait on the upstream for connect and for each read.
    """

    def __init__(self, upstream_base_url: str, *, upstream_timeout: float = 120.0) -> None:
        self.upstream_base_url = upstream_base_url.rstrip("/")
        self._upstream_timeout = upstream_timeout
        self._server: _TrackingServer | None = None
        self._thread: threading.Thread | None = None
        self._client: httpx.Client | None = None
        self._stopping = threading.Event()

    @property
    def base_url(self) -> str:
        """``http://127.0.0.1:PORT`` of the running server."""
        if self._server is None:
            raise RuntimeError(f"{type(self).__name__} is not running; call start() first")
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    @property
    def port(self) -> int:
        """TCP port the server listens on."""
        return int(self.base_url.rsplit(":", 1)[1])

    @property
    def upstream(self) -> httpx.Client:
        """The shared httpx client that talks to the upstream server."""
        if self._client is None:
            raise RuntimeError(f"{type(self).__name__} is not running")
        return self._client

    def start(self) -> Self:
        """Bind a free loopback port and serve from a daemon thread.

        Returns:
            The server itself, so ``server = Server(url).start()`` reads well.
        """
        if self._server is not None:
            return self
        self._stopping.clear()
        self._client = httpx.Client(
            base_url=self.upstream_base_url,
            timeout=httpx.Timeout(self._upstream_timeout, connect=5.0),
        )
        self._server = _TrackingServer(self, ("127.0.0.1", 0))
        self._thread = threading.Thread(
            target=self._server.serve_forever,
            kwargs={"poll_interval": 0.1},
            name=f"{type(self).__name__}-{self._server.server_address[1]}",
            daemon=True,
        )
        self._thread.start()
        return self

    def stop(self, timeout: float = 5.0) -> None:
        """Stop serving, close every client connection and the upstream client. Idempotent."""
        self._stopping.set()  # wakes handlers sleeping in a delay fault
        server, self._server = self._server, None
        if server is not None:
            server.shutdown()
            server.close_connections(timeout)
            server.server_close()
        if self._thread is not None:
            self._thread.join(timeout)
            self._thread = None
        if self._client is not None:
            self._client.close()
            self._client = None

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    def handle(self, handler: RequestHandler) -> None:
        """Answer one request. Subclasses must override this."""
        raise NotImplementedError


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
    ) -> None:
        """Answer the next ``n`` requests with ``status`` instead of forwarding them.

        Args:
            n: How many requests fail.
            status: HTTP status code to send.
            retry_after: Seconds to put in a ``Retry-After`` header; no header when None.
            body: Response body; a mapping is sent as JSON. Defaults to the error object of
                the API the server speaks (:meth:`error_body`).
            path: Only requests whose path starts with this fail.
        """
        fault = Fault("status", status=status, retry_after=retry_after, body=_as_bytes(body),
                      path=path)  # fmt: skip
        self.inject(fault, n)

    def delay_next(self, n: int = 1, seconds: float = 1.0, *, path: str | None = None) -> None:
        """Wait ``seconds`` before answering each of the next ``n`` requests (then answer)."""
        self.inject(Fault("delay", seconds=seconds, path=path), n)

    def disconnect_next(self, n: int = 1, *, reset: bool = False, path: str | None = None) -> None:
        """Close the connection of the next ``n`` requests without a response (RST if reset)."""
        self.inject(Fault("disconnect", reset=reset, path=path), n)

    def malformed_next(
        self, n: int = 1, body: bytes | str | None = None, *, path: str | None = None
    ) -> None:
        """Answer the next ``n`` requests with 200 and a body that does not parse.

        Args:
            n: How many requests get the malformed answer.
            body: The exact body; default: :meth:`malformed_body` (truncated JSON, or a broken
                SSE / NDJSON frame when the request asked for a stream).
            path: Only requests whose path starts with this.
        """
        self.inject(Fault("malformed", body=_as_bytes(body), path=path), n)

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
            record.status = 200
            send_bytes(handler, 200, body, content_type)
            return False
        if fault.kind == "delay":
            if self._stopping.wait(fault.seconds):  # the server is stopping: do not answer
                raise AbortConnection
            return True
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

    def respond(self, handler: RequestHandler, record: RecordedRequest) -> None:
        """Forward the request upstream and relay the answer."""
        out_headers = {
            k: v
            for k, v in handler.headers.items()
            if k.lower() not in HOP_BY_HOP | {"host", "content-length", "accept-encoding"}
        }
        request = self.upstream.build_request(
            handler.command, handler.path, headers=out_headers, content=record.body
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
