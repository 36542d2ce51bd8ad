"""The last moment before a request leaves: the call's audit intent must be durable by then.

The sync driver commits a call's intent record and lets its fsync run while the SDK builds the
request (:mod:`hybridllm.audit._sync`); it sets the pending sync here (a context variable, so
per thread and per task) for the duration of the provider call. An adapter whose HTTP client
runs :func:`request_hook` just before each request is sent says so with ``gates_send = True``;
for any other adapter the driver waits for the sync before calling it.
"""

from __future__ import annotations

import contextlib
import functools
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any, Protocol

from hybridllm.errors import AuditError

__all__ = ["SendGate", "before_send", "gate_failure", "gated", "request_hook"]


class SendGate(Protocol):
    """A pending durability: ``wait()`` returns once it holds, raises ``AuditError`` if not."""

    def wait(self) -> None:
        """Block until durable; raise :class:`AuditError` if it cannot be."""
        ...

    @property
    def done(self) -> bool:
        """Whether ``wait()`` would return or raise at once."""
        ...


_GATE: ContextVar[SendGate | None] = ContextVar("hybridllm_send_gate", default=None)


@contextmanager
def gated(gate: SendGate) -> Iterator[None]:
    """Requests sent by this thread (task) inside the block wait for ``gate`` first."""
    token = _GATE.set(gate)
    try:
        yield
    finally:
        _GATE.reset(token)


def before_send() -> None:
    """Wait until the current call's intent record is durable (no-op outside a gated call).

    Raises:
        AuditError: it could not be made durable: the request must not be sent.
    """
    gate = _GATE.get()
    if gate is not None:
        gate.wait()


def request_hook(request: Any) -> None:
    """An ``httpx`` request event hook running :func:`before_send` (``request`` unused)."""
    before_send()


def gate_failure() -> AuditError | None:
    """The error of the current call's gate if it failed (an SDK wraps what a hook raises in
    its own connection error, which must not be retried or failed over as a provider fault)."""
    gate = _GATE.get()
    if gate is None or not gate.done:
        return None
    try:
        gate.wait()
    except AuditError as exc:
        return exc
    return None


def hooked_http_client(sdk: Any) -> dict[str, Any]:
    """``http_client=`` for a Stainless-generated SDK (``openai``, ``anthropic``): its
    ``DefaultHttpxClient`` (the SDK's own limits and redirects) with :func:`request_hook`; empty
    if the SDK has none (then the adapter must not claim ``gates_send``). Like the client the
    SDK makes for itself, it closes its connections when it is garbage-collected."""
    factory = getattr(sdk, "DefaultHttpxClient", None)
    if factory is None:
        return {}
    return {"http_client": _closing(factory)(event_hooks={"request": [request_hook]})}


@functools.cache
def _closing(base: type) -> type:
    return type(f"Closing{base.__name__}", (base,), {"__del__": _close})


def _close(client: Any) -> None:
    if not client.is_closed:
        with contextlib.suppress(Exception):
            client.close()
