"""The process's default client: created on first use, shared by ``hybridllm.complete`` & co.

The module-level functions of :mod:`hybridllm` and ``@hybridllm.task`` without ``client=`` use
it; its settings come from ``hybridllm.toml`` and the ``HYBRIDLLM_*`` environment.
"""

from __future__ import annotations

import threading

from hybridllm.client.clients import Client

__all__ = ["default_client"]

_default: Client | None = None
_lock = threading.Lock()


def default_client() -> Client:
    """The default client, created (once per process) on the first call."""
    global _default  # noqa: PLW0603 - one lazily created default client per process
    with _lock:
        if _default is None:
            _default = Client()
        return _default
