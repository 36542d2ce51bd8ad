"""Run the gateway with uvicorn: in the foreground (``hybridllm serve``) or in a background
thread on a free loopback port (:class:`GatewayServer`, for tests, benches and notebooks).
"""

from __future__ import annotations

import contextlib
import socket
import threading
import time
from typing import Any

from hybridllm._imports import import_module
from hybridllm.client.clients import AsyncClient
from hybridllm.errors import MissingDependencyError
from hybridllm.gateway.auth import KeyStore

__all__ = ["GatewayServer", "uvicorn_module"]


def uvicorn_module() -> Any:
    """Import uvicorn, or say which extra installs it."""
    try:
        return import_module("uvicorn")
    except ImportError:
        raise MissingDependencyError(
            "the gateway needs uvicorn and starlette: pip install 'hybridllm[gateway]'"
        ) from None


class GatewayServer:
    """The gateway on ``127.0.0.1`` and a free port, served by uvicorn in a background thread.

    Example:
        >>> with GatewayServer(hybridllm.AsyncClient()) as gw:          # doctest: +SKIP
        ...     openai.OpenAI(base_url=gw.base_url + "/v1", api_key="x")

    Args:
        client: the client the gateway serves (closed when the server stops).
        keys: caller keys; None: no auth (acceptable on loopback only).
        host: the address to bind (loopback by default).
        port: 0 picks a free port.
        **options: passed to :func:`hybridllm.gateway.create_app`.
    """

    def __init__(
        self,
        client: AsyncClient,
        *,
        keys: KeyStore | None = None,
        host: str = "127.0.0.1",
        port: int = 0,
        **options: Any,
    ) -> None:
        from hybridllm.gateway.app import create_app

        self.app = create_app(client, keys=keys, close_client=True, **options)
        self.host = host
        self._port = port
        self._server: Any = None
        self._thread: threading.Thread | None = None
        self._sock: socket.socket | None = None

    @property
    def port(self) -> int:
        """The bound port (after :meth:`start`)."""
        assert self._sock is not None, "not started"
        return int(self._sock.getsockname()[1])

    @property
    def base_url(self) -> str:
        """``http://host:port`` (append ``/v1`` for the OpenAI SDK's ``base_url``)."""
        return f"http://{self.host}:{self.port}"

    def start(self, timeout: float = 60.0) -> GatewayServer:
        """Bind, start serving, and wait until the app has started up (classifier loaded)."""
        uvicorn = uvicorn_module()
        self._sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self._sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._sock.bind((self.host, self._port))
        config = uvicorn.Config(
            self.app, log_level="warning", access_log=False, lifespan="on", timeout_keep_alive=30
        )
        self._server = uvicorn.Server(config)
        self._thread = threading.Thread(
            target=self._server.run, kwargs={"sockets": [self._sock]}, daemon=True
        )
        self._thread.start()
        deadline = time.monotonic() + timeout
        while not self._server.started:
            if not self._thread.is_alive() or time.monotonic() > deadline:
                self.stop()
                raise RuntimeError("the gateway did not start")
            time.sleep(0.02)
        return self

    def stop(self) -> None:
        """Stop serving (open streams are closed), shut the app down, close the socket."""
        if self._server is not None:
            self._server.should_exit = True
        if self._thread is not None:
            self._thread.join(timeout=30)
            self._thread = None
        if self._sock is not None:
            with contextlib.suppress(OSError):
                self._sock.close()
        self._server = None

    def __enter__(self) -> GatewayServer:
        return self.start() if self._server is None else self

    def __exit__(self, *exc: object) -> None:
        self.stop()
