"""Retry policy (tenacity) and per-target cooldown (a small circuit breaker).

Both are shared by the sync and async drivers; neither does I/O, except a breaker given a
shared backend (``breakers_redis_url``), which asks Redis (see
:mod:`hybridllm.client.shared_breakers`).
"""

from __future__ import annotations

import asyncio
import contextvars
import threading
import time
from collections.abc import Awaitable, Callable
from concurrent.futures import Future, ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import dataclass
from typing import Any, Final, Generic, Protocol, TypeVar

from tenacity import (
    AsyncRetrying,
    RetryCallState,
    Retrying,
    retry_if_exception_type,
    wait_random_exponential,
)

from hybridllm.adapters._gate import gate_failure
from hybridllm.adapters.base import Timeouts
from hybridllm.config import TargetConfig
from hybridllm.core.flow_state import elapsed_ms
from hybridllm.core.hops import TargetCoolingDownError, hop_deadline, hop_reserve
from hybridllm.errors import (
    HybridLLMError,
    PrivacyViolationError,
    ProviderTimeoutError,
    TransientProviderError,
)

__all__ = [
    "Attempted",
    "BreakerBackend",
    "Breakers",
    "TargetCoolingDownError",
    "TimeBoundError",
    "arun_bounded",
    "as_hop_error",
    "attempt_async",
    "attempt_sync",
    "attempt_timeouts",
    "hop_deadline",
    "hop_reserve",
    "retry_kwargs",
    "run_bounded",
]

T = TypeVar("T")


def _retry_after(state: RetryCallState) -> float | None:
    exc = state.outcome.exception() if state.outcome is not None else None
    value = getattr(exc, "retry_after", None)
    return float(value) if isinstance(value, int | float) else None


def retry_kwargs(
    target: TargetConfig, deadline_at: float, *, has_next: bool = False
) -> dict[str, Any]:
    """Arguments for ``tenacity.Retrying`` / ``AsyncRetrying`` for one target.

    Transient errors only, exponential backoff with full jitter, never past ``deadline_at`` (the
    hop's share of the call deadline). A provider's Retry-After (``retry_after`` on the error)
    is honoured, but ``retry_after_cap`` bounds the waiting of the whole call on this target, not
    each wait: when the next wait would pass it (or the hop's deadline), the target is given up
    at once rather than waited on in vain. While a later target could take the call
    (``has_next``), a timeout is not retried: the call fails over.
    """
    backoff = wait_random_exponential(multiplier=target.backoff_multiplier, max=target.backoff_max)

    def left() -> float:
        return deadline_at - time.monotonic()

    def wait(state: RetryCallState) -> float:
        asked = _retry_after(state)
        pause = float(backoff(state)) if asked is None else asked
        return max(0.0, min(pause, left()))

    def stop(state: RetryCallState) -> bool:
        if state.attempt_number >= target.max_retries + 1:
            return True
        exc = state.outcome.exception() if state.outcome is not None else None
        if has_next and isinstance(exc, ProviderTimeoutError):
            return True
        asked = _retry_after(state)
        if asked is not None and state.idle_for + asked > target.retry_after_cap:
            return True
        pause = asked if asked is not None else (state.upcoming_sleep or 0.0)
        return pause >= left()

    return {
        "stop": stop,
        "wait": wait,
        "retry": retry_if_exception_type(TransientProviderError),
        "reraise": True,
    }


PREFILL_CHARS_PER_SECOND = 50_000.0
"""Prompt characters a provider reads per second before its first token (generous: cloud
prefill runs at thousands of tokens per second); a long prompt earns a longer first wait."""


def attempt_timeouts(
    config: TargetConfig,
    deadline_at: float,
    *,
    stream: bool,
    max_tokens: int,
    has_next: bool,
    prompt_chars: int = 0,
) -> Timeouts:
    """How long the next attempt may wait to connect and for each read.

    While a later target could take the call, a hang must not eat its time: a stream may be
    silent for ``first_token_timeout`` (plus prefill time for a long prompt); a whole reply is
    awaited that long plus ``max_tokens / min_tokens_per_second``. The last target waits up to
    ``timeout``. Never past the hop's deadline.
    """
    left = max(0.05, deadline_at - time.monotonic())
    read = config.timeout
    first = config.first_token_timeout
    if has_next and first is not None:
        patience = first + prompt_chars / PREFILL_CHARS_PER_SECOND
        if not stream:
            patience += max_tokens / config.min_tokens_per_second
        read = min(read, patience)
    return Timeouts(connect=min(config.connect_timeout, left), read=min(read, left))


_bounded_pool: ThreadPoolExecutor | None = None
_bounded_lock = threading.Lock()
BOUNDED_WORKERS = 8
"""Threads of the pool that bounded work (classification) runs on."""


class TimeBoundError(TimeoutError):
    """Work run under :func:`run_bounded` did not finish in time."""


def _submit_bounded(fn: Callable[[], T]) -> Future[T]:
    # A pool of its own, not the event loop's default executor nor anyio's: a thread whose work
    # overran is abandoned still busy (a thread cannot be killed), and must not take a slot
    # that audit appends or DNS lookups need. When every slot is held, new work waits in the
    # queue, times out and is cancelled there: bounded work fails (closed), nothing else does.
    global _bounded_pool  # noqa: PLW0603 - one pool per process, created on first use
    with _bounded_lock:
        if _bounded_pool is None:
            _bounded_pool = ThreadPoolExecutor(
                max_workers=BOUNDED_WORKERS, thread_name_prefix="hybridllm-bound"
            )
        pool = _bounded_pool
    ctx = contextvars.copy_context()  # as asyncio.to_thread does: the caller's scope goes along
    return pool.submit(ctx.run, fn)


def run_bounded(fn: Callable[[], T], timeout: float) -> T:
    """``fn()`` on a worker thread, or :class:`TimeBoundError` once ``timeout`` seconds passed.

    ``fn`` runs on a small pool of worker threads of its own; when it overruns, its result is
    dropped (a thread cannot be killed) and the caller moves on at once. An exception raised in
    the calling thread while it waits (a signal handler's ``TimeoutError``, ``KeyboardInterrupt``)
    is the caller's and propagates as it is.
    """
    future = _submit_bounded(fn)
    try:
        return future.result(timeout=max(0.0, timeout))
    except FutureTimeout:
        future.cancel()
        raise TimeBoundError(f"no result within {timeout:.3g} s") from None


async def arun_bounded(fn: Callable[[], T], seconds: float) -> T:
    """Async :func:`run_bounded` (``seconds`` is its ``timeout``): awaited on the loop, run on
    the same pool, never on the loop's default executor. The caller's cancellation propagates
    (and cancels ``fn`` if it has not started)."""
    future = _submit_bounded(fn)
    try:
        return await asyncio.wait_for(asyncio.wrap_future(future), max(0.0, seconds))
    except TimeoutError:
        future.cancel()
        raise TimeBoundError(f"no result within {seconds:.3g} s") from None


@dataclass
class _State:
    failures: int = 0
    opened_at: float | None = None
    probing: bool = False


class BreakerBackend(Protocol):
    """Evidence shared between processes (see :mod:`hybridllm.client.shared_breakers`); it must
    never raise: when it cannot answer, the per-process breaker decides alone."""

    def is_open(self, name: str, target: TargetConfig) -> bool:
        """Whether another process's evidence has ``name`` cooling down."""
        ...

    def failed(self, name: str, target: TargetConfig) -> None:
        """Share one transient failure of ``name``."""
        ...

    def succeeded(self, name: str, target: TargetConfig) -> None:
        """Share that a call to ``name`` went through."""
        ...

    @property
    def available(self) -> bool:
        """False while the shared state cannot be reached (only per-process state is used)."""
        ...


SHARED_UNAVAILABLE: Final = "shared_breakers_unavailable"
"""Audit warning: the shared breaker state could not be reached; per-process state decided."""


class Breakers:
    """Per-target cooldown shared by every call of one client; thread-safe.

    After ``cooldown_after`` consecutive failed calls a target is skipped for
    ``cooldown_seconds``; then exactly one call probes it. Success closes the breaker; failure
    re-opens it for another period. With ``shared``, other processes' evidence counts too.
    """

    def __init__(self, clock: Any = time.monotonic, shared: BreakerBackend | None = None) -> None:
        self._clock = clock
        self._lock = threading.Lock()
        self._states: dict[str, _State] = {}
        self.shared = shared

    def allow(self, name: str, target: TargetConfig) -> bool:
        """Whether a call may try ``name`` now (claims the probe when half-open)."""
        if self.shared is not None and self.shared.is_open(name, target):
            return False
        with self._lock:
            st = self._states.setdefault(name, _State())
            if st.opened_at is None:
                return True
            if self._clock() - st.opened_at < target.cooldown_seconds or st.probing:
                return False
            st.probing = True
            return True

    def record(self, name: str, target: TargetConfig, *, ok: bool) -> None:
        """Record the outcome of a call to ``name``."""
        if self.shared is not None:
            (self.shared.succeeded if ok else self.shared.failed)(name, target)
        with self._lock:
            st = self._states.setdefault(name, _State())
            st.probing = False
            if ok:
                st.failures = 0
                st.opened_at = None
                return
            st.failures += 1
            if st.opened_at is not None or st.failures >= target.cooldown_after:
                st.opened_at = self._clock()

    def release(self, name: str) -> None:
        """End a probe without a verdict (a stream that opened: it is judged when it ends)."""
        with self._lock:
            st = self._states.get(name)
            if st is not None:
                st.probing = False

    def refusal(self, name: str, target: TargetConfig) -> TargetCoolingDownError | None:
        """The error to report instead of calling ``name`` now, or None when it may be called."""
        if self.allow(name, target):
            return None
        return TargetCoolingDownError(f"{name}: cooling down", target=name)

    def settle(self, name: str, target: TargetConfig, error: BaseException | None) -> None:
        """Record a call's outcome. Only transient failures count: a 401 or a 404 is a config
        error, and cooling down would only hide it."""
        if error is None:
            self.record(name, target, ok=True)
        elif isinstance(error, TransientProviderError):
            self.record(name, target, ok=False)

    def notes(self) -> tuple[str, ...]:
        """What to audit about the breaker state a call was just judged with."""
        if self.shared is not None and not self.shared.available:
            return (SHARED_UNAVAILABLE,)
        return ()

    def is_open(self, name: str) -> bool:
        """Whether ``name`` is currently cooling down."""
        with self._lock:
            st = self._states.get(name)
            return st is not None and st.opened_at is not None


def as_hop_error(exc: HybridLLMError) -> HybridLLMError:
    """What a failed attempt becomes in the hop list (a privacy violation is re-raised)."""
    if isinstance(exc, PrivacyViolationError):
        raise exc  # never swallowed into a fallback: this is a bug and must be loud
    return exc


@dataclass
class Attempted(Generic[T]):
    """The outcome of one target's retried call: a value, or the error of the last attempt."""

    value: T | None
    error: HybridLLMError | None
    attempts: int
    latency_ms: float


def attempt_sync(
    target: str,
    config: TargetConfig,
    deadline_at: float,
    fn: Callable[[], T],
    *,
    has_next: bool = False,
) -> Attempted[T]:
    """Call ``fn`` under the target's retry policy.

    Returns our typed errors (provider faults) in :class:`Attempted`; anything else is not a
    provider fault and propagates: the caller's own ``TimeoutError``, ``KeyboardInterrupt`` or
    cancellation must never send the payload on to the next target.
    """
    t = time.perf_counter()
    # The first attempt runs outside tenacity: most calls succeed at once, and building the
    # retry machinery costs more than the rest of a hop's own work. A transient failure is
    # handed to tenacity as its first attempt's outcome, so the policy is exactly the same.
    try:
        value = fn()
        return Attempted(value, None, 1, elapsed_ms(t))
    except TransientProviderError as exc:
        first: BaseException | None = exc
        if (unsent := gate_failure()) is not None:
            # the intent could not be made durable, so the request was never sent: an audit
            # failure (no retry, no failover), not the connection error the SDK made of it
            return Attempted(None, unsent, 1, elapsed_ms(t))
    except HybridLLMError as exc:
        return Attempted(None, as_hop_error(exc), 1, elapsed_ms(t))
    attempts = 1
    try:
        for attempt in Retrying(**retry_kwargs(config, deadline_at, has_next=has_next)):
            with attempt:
                attempts = attempt.retry_state.attempt_number
                if first is not None:
                    again, first = first, None
                    raise again
                value = fn()
                return Attempted(value, None, attempts, elapsed_ms(t))
    except HybridLLMError as exc:
        return Attempted(None, as_hop_error(exc), attempts, elapsed_ms(t))
    raise AssertionError("unreachable")  # pragma: no cover


async def attempt_async(
    target: str,
    config: TargetConfig,
    deadline_at: float,
    fn: Callable[[], Awaitable[T]],
    *,
    has_next: bool = False,
) -> Attempted[T]:
    """Async :func:`attempt_sync`."""
    t = time.perf_counter()
    try:
        value = await fn()
        return Attempted(value, None, 1, elapsed_ms(t))
    except TransientProviderError as exc:
        first: BaseException | None = exc
    except HybridLLMError as exc:
        return Attempted(None, as_hop_error(exc), 1, elapsed_ms(t))
    attempts = 1
    try:
        async for attempt in AsyncRetrying(**retry_kwargs(config, deadline_at, has_next=has_next)):
            with attempt:
                attempts = attempt.retry_state.attempt_number
                if first is not None:
                    again, first = first, None
                    raise again
                value = await fn()
                return Attempted(value, None, attempts, elapsed_ms(t))
    except HybridLLMError as exc:
        return Attempted(None, as_hop_error(exc), attempts, elapsed_ms(t))
    raise AssertionError("unreachable")  # pragma: no cover
