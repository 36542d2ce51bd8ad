"""Loopback HTTP plumbing shared by the test servers: a threaded HTTP/1.1 server that tracks
its connections (``stop()`` closes every socket it opened: pytest runs with warnings as
errors), request-body reading, and JSON / chunked responses."""

from __future__ import annotations

import contextlib
import json
import socket
import struct
import sys
import threading
from collections.abc import Iterator, Mapping
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import TYPE_CHECKING, Any, Self

import httpx

from hybridllm.testing.faults import AbortConnection, StreamCut, event_delimiter

if TYPE_CHECKING:
    from hybridllm.testing.recording import RecordedRequest

__all__ = [
    "ChunkedWriter",
    "LoopbackServer",
    "RequestHandler",
    "error_message",
    "json_or_empty",
    "read_body",
    "send_bytes",
    "send_json",
    "sse_events",
    "write_body",
]


class RequestHandler(BaseHTTPRequestHandler):
    """Routes every method to the owning :class:`LoopbackServer`."""

    protocol_version = "HTTP/1.1"
    timeout = 30  # an idle keep-alive connection is dropped instead of holding a thread forever
    # Headers and body go out in separate writes: with Nagle's algorithm on, a kept-alive
    # connection waits for the client's delayed ACK before the body (tens of ms per response).
    disable_nagle_algorithm = True
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

    def handle_error(self, request: Any, client_address: Any) -> None:
        """A client that hangs up (a closed keep-alive connection, a cut stream) is normal here;
        anything else is printed as socketserver does."""
        exc = sys.exc_info()[1]
        if isinstance(exc, ConnectionError):
            return
        super().handle_error(request, client_address)

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


def json_or_empty(response: httpx.Response) -> dict[str, Any]:
    """The response body as a JSON object, or {} when it is not one."""
    try:
        data = response.json()
    except ValueError:
        return {}
    return data if isinstance(data, dict) else {}


def error_message(data: dict[str, Any], response: httpx.Response) -> str:
    """An upstream (OpenAI-style) error as one line of text."""
    error = data.get("error")
    if isinstance(error, dict):
        return str(error.get("message") or error)
    if error:
        return str(error)
    return response.text or f"upstream returned HTTP {response.status_code}"


def sse_events(lines: Iterator[str]) -> Iterator[dict[str, Any]]:
    """The JSON objects of an OpenAI-style SSE stream (``data:`` lines up to ``[DONE]``)."""
    for line in lines:
        if not line.startswith("data:"):
            continue
        data = line[5:].strip()
        if data == "[DONE]":
            return
        try:
            event = json.loads(data)
        except ValueError:
            continue
        if isinstance(event, dict):
            if "error" in event:
                raise httpx.HTTPError(error_message(event, httpx.Response(500)))
            yield event
