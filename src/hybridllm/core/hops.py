"""One hop of the fallback chain: how long it may take, and the error of a target cooling down.

Pure arithmetic on the targets' configured timeouts (and the clock): the flow uses it to give each
hop its deadline, and the drivers (:mod:`hybridllm.client.resilience`) to size its attempts and
to refuse a target whose circuit breaker is open.
"""

from __future__ import annotations

import time

from hybridllm.config import TargetConfig
from hybridllm.errors import TransientProviderError

__all__ = ["TargetCoolingDownError", "hop_deadline", "hop_reserve"]


class TargetCoolingDownError(TransientProviderError):
    """The target failed repeatedly and is skipped until its cooldown ends."""


def hop_reserve(config: TargetConfig, *, max_tokens: int) -> float:
    """Seconds of the call deadline kept for a later hop: one attempt that connects, waits for
    its first token and receives ``max_tokens`` at ``min_tokens_per_second``."""
    first = config.first_token_timeout or config.timeout
    need = config.connect_timeout + first + max_tokens / config.min_tokens_per_second
    return min(config.timeout, need)


def hop_deadline(
    deadline_at: float, own: TargetConfig, later: list[TargetConfig], max_tokens: int
) -> float:
    """When one hop must give up: the call's deadline less what the ``later`` hops are
    guaranteed (:func:`hop_reserve`); when that leaves it (almost) nothing, still time to
    connect and hear a first token, within the call's deadline."""
    reserve = sum(hop_reserve(c, max_tokens=max_tokens) for c in later)
    least = own.connect_timeout + (own.first_token_timeout or 1.0)
    return max(deadline_at - reserve, min(deadline_at, time.monotonic() + least))
