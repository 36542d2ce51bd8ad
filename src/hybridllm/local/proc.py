"""Child-process helpers behind :mod:`hybridllm.local` (split from it; re-exported there).

:class:`LocalServerError`, :func:`free_port`, :func:`wait_for_health` and :func:`terminate` are
shared by :class:`hybridllm.local.LlamaServer` and the other local servers the SDK starts
(``hybridllm.testing``); import them from :mod:`hybridllm.local`.
"""

# No `from __future__ import annotations`, as in hybridllm.local: the signatures keep the
# evaluated annotations they had there.

import contextlib
import socket
import subprocess
import time
from pathlib import Path

import httpx

from hybridllm.errors import HybridLLMError

__all__ = ["LocalServerError", "free_port", "terminate", "wait_for_health"]


class LocalServerError(HybridLLMError, RuntimeError):
    """The local llama-server could not be started, reached or stopped."""

    # Public name: tracebacks and pickles say hybridllm.local, where it is imported from.
    __module__ = "hybridllm.local"


def free_port(host: str) -> int:
    """A port that was free on ``host`` a moment ago (bind to 0, read, release)."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as sock:
        sock.bind((host, 0))
        return int(sock.getsockname()[1])


def _tail(path: Path, lines: int = 30) -> str:
    try:
        text = path.read_text(errors="replace")
    except OSError:
        return "(no log)"
    return "\n".join(text.splitlines()[-lines:])


def wait_for_health(
    proc: subprocess.Popen[bytes],
    base_url: str,
    deadline: float,
    *,
    label: str,
    log_path: Path | None,
    headers: dict[str, str] | None = None,
) -> None:
    """Poll ``GET /health`` until it answers 200; fail with the log tail if the process dies."""
    with httpx.Client(timeout=2.0, headers=headers or {}) as client:
        while time.monotonic() < deadline:
            code = proc.poll()
            if code is not None:
                raise LocalServerError(
                    f"{label} exited with code {code} during start-up; log tail:\n"
                    + _tail(log_path or Path())
                )
            with contextlib.suppress(httpx.HTTPError):
                if client.get(f"{base_url}/health").status_code == 200:
                    return
            time.sleep(0.1)
    raise LocalServerError(
        f"{label} not ready at {base_url} in time; log tail:\n" + _tail(log_path or Path())
    )


def terminate(proc: subprocess.Popen[bytes] | None, timeout: float) -> None:
    """Stop a child process: SIGTERM, then SIGKILL after ``timeout``. None is a no-op."""
    if proc is not None and proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout)
