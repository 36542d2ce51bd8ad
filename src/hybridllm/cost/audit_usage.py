"""Traffic read from the audit log, for the cost report (split from :mod:`hybridllm.cost`).

:func:`read_audit_usage` sums the calls, tokens and sensitive calls of the audit log's last days
and measures p50/p95 latency per target; :class:`AuditUsage` projects that to a month and feeds
:func:`hybridllm.cost.recommend` and ``hybridllm cost --from-audit``. Everything public here is
re-exported by :mod:`hybridllm.cost`; import it from there.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from hybridllm.audit.store import AuditStore

__all__ = ["DAYS_PER_MONTH", "HOURS_PER_MONTH", "AuditUsage", "TargetStats", "read_audit_usage"]

HOURS_PER_MONTH = 730.0
"""Hours in an average month (365 * 24 / 12); re-exported by :mod:`hybridllm.cost`."""
DAYS_PER_MONTH = HOURS_PER_MONTH / 24.0
"""Days in the month an audit window is scaled to."""


@dataclass(frozen=True)
class TargetStats:
    """Measured traffic and latency of one target over the audit window."""

    target: str
    locality: str | None
    model: str | None
    """The most frequent model."""
    calls: int
    input_tokens: int
    output_tokens: int
    p50_ms: float
    p95_ms: float


@dataclass(frozen=True)
class AuditUsage:
    """Traffic read from the audit log, and its projection to a month."""

    days: float
    """Days the window actually covers (from its start or the first record, at least 1)."""
    calls: int
    sensitive_calls: int
    input_tokens: int
    output_tokens: int
    targets: dict[str, TargetStats] = field(default_factory=dict)

    @property
    def privacy_share(self) -> float:
        """Share of calls with any PII/PHI/SECRET finding."""
        return self.sensitive_calls / self.calls if self.calls else 0.0

    @property
    def monthly_tokens(self) -> float:
        """Input plus output tokens, scaled to a month."""
        return (self.input_tokens + self.output_tokens) * DAYS_PER_MONTH / self.days

    @property
    def input_share(self) -> float:
        """Share of input tokens (0.75 when nothing was recorded)."""
        total = self.input_tokens + self.output_tokens
        return self.input_tokens / total if total else 0.75

    @property
    def local_targets(self) -> frozenset[str]:
        """Targets whose records say ``locality == "local"``."""
        return frozenset(t for t, s in self.targets.items() if s.locality == "local")


def _percentile(values: list[float], pct: float) -> float:
    """Nearest-rank percentile: the smallest value with at least ``pct``% of values <= it."""
    if not values:
        return 0.0
    ordered = sorted(values)
    rank = max(1, math.ceil(pct / 100.0 * len(ordered)))
    return ordered[rank - 1]


def read_audit_usage(
    store: AuditStore | str | Path, days: int = 30, *, now: datetime | None = None
) -> AuditUsage:
    """Volume, privacy share and per-target p50/p95 latency over the audit log's last ``days``.

    Latency is the provider's (``latency_ms["provider"]``, else ``"total"``) of successful calls.

    Args:
        store: an open :class:`AuditStore` or the path of its database (opened read-only).
        days: window length.
        now: end of the window (default: the current UTC time).
    """
    from hybridllm.audit.store import AuditStore

    end = now or datetime.now(UTC)
    start = end - timedelta(days=days)
    since = start.strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    owned = not isinstance(store, AuditStore)
    opened = AuditStore(store, readonly=True) if not isinstance(store, AuditStore) else store
    try:
        records = list(opened.iter_records(since=since))
    finally:
        if owned:
            opened.close()
    first = min((_parse_ts(r.ts) for r in records), default=start)
    covered = (end - max(start, first)).total_seconds() / 86400.0
    latencies: dict[str, list[float]] = {}
    models: dict[str, Counter[str]] = {}
    sums: dict[str, list[int]] = {}
    locality: dict[str, str | None] = {}
    for r in records:
        if r.target is None:
            continue
        sums.setdefault(r.target, [0, 0, 0])
        acc = sums[r.target]
        acc[0] += 1
        acc[1] += r.input_tokens
        acc[2] += r.output_tokens
        locality[r.target] = r.locality or locality.get(r.target)
        if r.model:
            models.setdefault(r.target, Counter())[r.model] += 1
        ms = r.latency_ms.get("provider", r.latency_ms.get("total"))
        if r.status == "ok" and ms is not None:
            latencies.setdefault(r.target, []).append(ms)
    targets = {
        t: TargetStats(
            target=t,
            locality=locality.get(t),
            model=models[t].most_common(1)[0][0] if t in models else None,
            calls=acc[0],
            input_tokens=acc[1],
            output_tokens=acc[2],
            p50_ms=_percentile(latencies.get(t, []), 50),
            p95_ms=_percentile(latencies.get(t, []), 95),
        )
        for t, acc in sorted(sums.items())
    }
    return AuditUsage(
        days=max(1.0, min(float(days), covered)),
        calls=len(records),
        sensitive_calls=sum(1 for r in records if r.categories),
        input_tokens=sum(r.input_tokens for r in records),
        output_tokens=sum(r.output_tokens for r in records),
        targets=targets,
    )


def _parse_ts(ts: str) -> datetime:
    parsed = datetime.fromisoformat(ts.replace("Z", "+00:00"))
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)
