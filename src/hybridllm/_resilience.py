"""Retry policy (tenacity) and per-target cooldown (a small circuit breaker).

Both are shared by the sync and async drivers; neither does I/O.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from tenacity import (
    AsyncRetrying,
    RetryCallState,
    Retrying,
    retry_if_exception_type,
    stop_after_attempt,
    stop_before_delay,
    wait_random_exponential,
)

from hybridllm.config import TargetConfig
from hybridllm.errors import (
    HybridLLMError,
    MissingDependencyError,
    PermanentProviderError,
    PrivacyViolationError,
    ProviderError,
    TransientProviderError,
)

__all__ = [
    "Attempted",
    "Breakers",
    "TargetCoolingDownError",
    "as_hop_error",
    "attempt_async",
    "attempt_sync",
    "retry_kwargs",
]

T = TypeVar("T")


class TargetCoolingDownError(TransientProviderError):
    """The target failed repeatedly and is skipped until its cooldown ends."""


def retry_kwargs(target: TargetConfig, deadline_at: float) -> dict[str, Any]:
    """Arguments for ``tenacity.Retrying`` / ``AsyncRetrying`` for one target.

    Transient errors only; exponential backoff with full jitter, or the provider's Retry-After
    (capped); never past the call's overall deadline.
    """
    backoff = wait_random_exponential(multiplier=target.backoff_multiplier, max=target.backoff_max)

    def wait(state: RetryCallState) -> float:
        exc = state.outcome.exception() if state.outcome is not None else None
        retry_after = getattr(exc, "retry_after", None)
        if isinstance(retry_after, int | float):
            return min(float(retry_after), target.retry_after_cap)
        return float(backoff(state))

    remaining = max(0.0, deadline_at - time.monotonic())
    return {
        "stop": stop_after_attempt(target.max_retries + 1) | stop_before_delay(remaining),
        "wait": wait,
        "retry": retry_if_exception_type(TransientProviderError),
        "reraise": True,
    }


@dataclass
class _State:
    failures: int = 0
    opened_at: float | None = None
    probing: bool = False


class Breakers:
    """Per-target cooldown shared by every call of one client; thread-safe.

    After ``cooldown_after`` consecutive failed calls a target is skipped for
    ``cooldown_seconds``; then exactly one call probes it. Success closes the breaker; failure
    re-opens it for another period.
    """

    def __init__(self, clock: Any = time.monotonic) -> None:
        self._clock = clock
        self._lock = threading.Lock()
        self._states: dict[str, _State] = {}

    def allow(self, name: str, target: TargetConfig) -> bool:
        """Whether a call may try ``name`` now (claims the probe when half-open)."""
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

    def is_open(self, name: str) -> bool:
        """Whether ``name`` is currently cooling down."""
        with self._lock:
            st = self._states.get(name)
            return st is not None and st.opened_at is not None


def as_hop_error(exc: Exception, target: str) -> HybridLLMError:
    """What a failed attempt becomes in the hop list (a privacy violation is re-raised)."""
    if isinstance(exc, PrivacyViolationError):
        raise exc  # never swallowed into a fallback: this is a bug and must be loud
    if isinstance(exc, ProviderError | MissingDependencyError):
        return exc
    return PermanentProviderError(f"{target}: unexpected {type(exc).__name__}", target=target)


@dataclass
class Attempted(Generic[T]):
    """The outcome of one target's retried call: a value, or the error of the last attempt."""

    value: T | None
    error: HybridLLMError | None
    attempts: int
    latency_ms: float


def attempt_sync(
    target: str, config: TargetConfig, deadline_at: float, fn: Callable[[], T]
) -> Attempted[T]:
    """Call ``fn`` under the target's retry policy; never raises a provider error."""
    t = time.perf_counter()
    attempts = 0
    try:
        for attempt in Retrying(**retry_kwargs(config, deadline_at)):
            with attempt:
                attempts = attempt.retry_state.attempt_number
                value = fn()
                return Attempted(value, None, attempts, (time.perf_counter() - t) * 1000)
    except Exception as exc:
        return Attempted(
            None, as_hop_error(exc, target), attempts, (time.perf_counter() - t) * 1000
        )
    raise AssertionError("unreachable")  # pragma: no cover


async def attempt_async(
    target: str, config: TargetConfig, deadline_at: float, fn: Callable[[], Awaitable[T]]
) -> Attempted[T]:
    """Async :func:`attempt_sync`."""
    t = time.perf_counter()
    attempts = 0
    try:
        async for attempt in AsyncRetrying(**retry_kwargs(config, deadline_at)):
            with attempt:
                attempts = attempt.retry_state.attempt_number
                value = await fn()
                return Attempted(value, None, attempts, (time.perf_counter() - t) * 1000)
    except Exception as exc:
        return Attempted(
            None, as_hop_error(exc, target), attempts, (time.perf_counter() - t) * 1000
        )
    raise AssertionError("unreachable")  # pragma: no cover
