"""Streaming aggregation for the HTML audit report: one pass, memory bounded by what is shown.

:class:`ReportAggregator` takes records one at a time (``add``) and keeps only counters keyed by
low-cardinality values (route, category, entity type, app, target, policy version, hour) and
the latest few records of each list the report shows, so a report over millions of records
needs no more memory than one over a thousand. :func:`summarise` is the one-call form.
"""

from __future__ import annotations

from collections import Counter, deque
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Final

from hybridllm.audit.query import reached_remote
from hybridllm.models import AuditRecord

__all__ = ["AppStats", "ReportAggregator", "ReportData", "TargetStats", "summarise"]

ROUTES: Final = ("local", "cloud", "blocked")
TOP: Final = 12
MAX_LISTED: Final = 50
MAX_RECORDS: Final = 300
"""Latest records kept for the page's record table (the drill-down); the rest are counted."""
_MAX_BUCKETS: Final = 400


@dataclass(slots=True)
class AppStats:
    """Per-application counts (one row of the report's per-app table)."""

    calls: int = 0
    routes: Counter[str] = field(default_factory=Counter)
    errors: int = 0
    sensitive_remote: int = 0
    phi_remote_redacted: int = 0
    phi_remote_as_is: int = 0
    fail_closed: int = 0
    withheld: int = 0
    cost: float = 0.0


@dataclass(slots=True)
class TargetStats:
    """Per-target counts and where it runs (locality, region, attributes such as a BAA)."""

    calls: int = 0
    phi_calls: int = 0
    locality: str = ""
    region: str = ""
    attributes: dict[str, str] = field(default_factory=dict)
    cost: float = 0.0

    @property
    def phi_without_baa(self) -> bool:
        """PHI went to this remote target, and its configuration does not record a BAA."""
        return (
            bool(self.phi_calls)
            and self.locality == "remote"
            and self.attributes.get("baa") != "yes"
        )


@dataclass(frozen=True, slots=True)
class ReportData:
    """Aggregates shown by the report (also handy for tests and other renderers)."""

    total: int
    by_route: dict[str, int]
    buckets: list[str]
    route_series: dict[str, list[int]]
    categories: list[tuple[str, int]]
    entities: list[tuple[str, int]]
    blocked: list[tuple[str, int]]
    fallbacks: list[AuditRecord]
    fallback_count: int
    cost_by_target: list[tuple[str, float]]
    top_callers: list[tuple[str, int]]
    remote_with_sensitive: int
    apps: dict[str, AppStats]
    targets: dict[str, TargetStats]
    policy_versions: list[tuple[str, int, str, str]]
    """``(version, calls, first ts, last ts)``, oldest first."""
    phi_remote_redacted: int
    phi_remote_as_is: int
    fail_closed: int
    withheld: list[tuple[str, int]]
    withheld_calls: int
    unrestored_calls: int
    records: list[AuditRecord]
    """The latest :data:`MAX_RECORDS` calls, for the drill-down table."""


class ReportAggregator:
    """Adds records one by one; :meth:`finish` gives the :class:`ReportData`."""

    def __init__(self) -> None:
        """Start empty."""
        self.total = 0
        self.hours: Counter[tuple[str, str]] = Counter()
        self.categories: Counter[str] = Counter()
        self.entities: Counter[str] = Counter()
        self.blocked: Counter[str] = Counter()
        self.cost: dict[str, float] = {}
        self.callers: Counter[str] = Counter()
        self.fallbacks: deque[AuditRecord] = deque(maxlen=MAX_LISTED)
        self.fallback_count = 0
        self.remote_sensitive = 0
        self.apps: dict[str, AppStats] = {}
        self.targets: dict[str, TargetStats] = {}
        self.policies: dict[str, tuple[int, str, str]] = {}
        self.phi_redacted = 0
        self.phi_as_is = 0
        self.fail_closed = 0
        self.withheld: Counter[str] = Counter()
        self.withheld_calls = 0
        self.unrestored_calls = 0
        self.records: deque[AuditRecord] = deque(maxlen=MAX_RECORDS)

    def add(self, r: AuditRecord) -> None:
        """Count one record (``intent`` records are not calls: skipped)."""
        if r.status == "intent":
            return
        self.total += 1
        self.hours[(r.ts[:13], r.route)] += 1
        self.categories.update(r.categories)
        self.entities.update(r.entities)
        if r.status == "blocked":
            self.blocked[r.reason] += 1
        self.callers[r.caller or "(none)"] += 1
        if len(r.hops) > 1 or any(h.outcome != "ok" for h in r.hops):
            self.fallbacks.append(r)
            self.fallback_count += 1
        app = self.apps.setdefault(r.app or "(none)", AppStats())
        app.calls += 1
        app.routes[r.route] += 1
        app.errors += r.status == "error"
        app.cost += r.cost_usd
        remote = reached_remote(r)
        if r.categories and remote:
            self.remote_sensitive += 1
            app.sensitive_remote += 1
        if "PHI" in r.categories and remote:
            action = r.actions.get("PHI")
            self.phi_as_is += action == "allow"
            self.phi_redacted += action == "redact"
            app.phi_remote_as_is += action == "allow"
            app.phi_remote_redacted += action == "redact"
        if r.fail_closed:
            self.fail_closed += 1
            app.fail_closed += 1
        if r.withheld:
            self.withheld_calls += 1
            app.withheld += 1
            self.withheld.update(r.withheld)
        self.unrestored_calls += bool(r.unrestored)
        self._target(r)
        version = r.policy_version or "(not recorded)"
        n, first, last = self.policies.get(version, (0, r.ts, r.ts))
        self.policies[version] = (n + 1, min(first, r.ts), max(last, r.ts))
        self.records.append(r)

    def _target(self, r: AuditRecord) -> None:
        if not r.target:
            return
        self.cost[r.target] = self.cost.get(r.target, 0.0) + r.cost_usd
        t = self.targets.setdefault(r.target, TargetStats())
        t.calls += 1
        t.phi_calls += "PHI" in r.categories
        t.cost += r.cost_usd
        t.locality = r.locality or t.locality
        t.region = r.region or t.region
        for key, value in r.target_attributes.items():
            if key in ("locality", "region") or value is None:
                continue  # their own columns; None: not configured
            t.attributes[key] = (
                ("yes" if value else "no") if isinstance(value, bool) else str(value)
            )

    def finish(self) -> ReportData:
        """The aggregates (the aggregator can go on adding afterwards)."""
        buckets, series = self._series()
        return ReportData(
            total=self.total,
            by_route={route: sum(values) for route, values in series.items()},
            buckets=buckets,
            route_series=series,
            categories=sorted(self.categories.items()),
            entities=self.entities.most_common(TOP),
            blocked=self.blocked.most_common(TOP),
            fallbacks=list(self.fallbacks),
            fallback_count=self.fallback_count,
            cost_by_target=sorted(self.cost.items(), key=lambda kv: -kv[1]),
            top_callers=self.callers.most_common(TOP),
            remote_with_sensitive=self.remote_sensitive,
            apps=dict(sorted(self.apps.items())),
            targets=dict(sorted(self.targets.items())),
            policy_versions=sorted(
                ((v, *seen) for v, seen in self.policies.items()), key=lambda p: p[2]
            ),
            phi_remote_redacted=self.phi_redacted,
            phi_remote_as_is=self.phi_as_is,
            fail_closed=self.fail_closed,
            withheld=self.withheld.most_common(TOP),
            withheld_calls=self.withheld_calls,
            unrestored_calls=self.unrestored_calls,
            records=list(self.records),
        )

    def _series(self) -> tuple[list[str], dict[str, list[int]]]:
        """Consecutive buckets covering the period: hours up to two days, else days, else months."""
        if not self.hours:
            return [], {route: [] for route in ROUTES}
        hours = sorted({h for h, _ in self.hours})
        first = datetime.strptime(hours[0], "%Y-%m-%dT%H")
        last = datetime.strptime(hours[-1], "%Y-%m-%dT%H")
        if last - first <= timedelta(days=2):
            width, step, fmt = 13, timedelta(hours=1), "%Y-%m-%dT%H"
        else:
            width, step, fmt = 10, timedelta(days=1), "%Y-%m-%d"
        keys: list[str] = []
        at = datetime.strptime(first.strftime(fmt), fmt)
        while at <= last and len(keys) < _MAX_BUCKETS:
            keys.append(at.strftime(fmt))
            at += step
        if len(keys) >= _MAX_BUCKETS:  # a very long period: months
            width = 7
            keys = sorted({h[:7] for h in hours})
        index = {k: i for i, k in enumerate(keys)}
        series = {route: [0] * len(keys) for route in ROUTES}
        for (hour, route), n in self.hours.items():
            slot = index.get(hour[:width])
            if slot is not None and route in series:
                series[route][slot] += n
        return keys, series


def summarise(records: Iterable[AuditRecord]) -> ReportData:
    """Aggregate records for the report in one pass (calls only; intents are not counted)."""
    agg = ReportAggregator()
    for r in records:
        agg.add(r)
    return agg.finish()
