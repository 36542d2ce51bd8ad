"""A self-contained HTML report of an audit period: charts as inline SVG, no network at all.

Everything (styles, charts, the few lines of script) is inside the one file, so it opens the same
offline, in a mail attachment or in an archive years later. It shows only what the records hold:
counts, types, targets, callers, costs and the verification result; never prompt content (the
records have none). Every text taken from a record is HTML-escaped.
"""

from __future__ import annotations

import html
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Final

from hybridllm.audit.query import reached_remote
from hybridllm.audit.verify import VerifyResult
from hybridllm.models import AuditRecord

__all__ = ["ReportData", "build_report", "summarise"]

ROUTE_COLORS: Final = {"local": "#2e7d32", "cloud": "#1565c0", "blocked": "#c62828"}
_BAR: Final = "#5c6bc0"
_MAX_BUCKETS: Final = 400
_TOP: Final = 12
_MAX_LISTED: Final = 50


def _e(value: object) -> str:
    return html.escape(str(value), quote=True)


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
    cost_by_target: list[tuple[str, float]]
    top_callers: list[tuple[str, int]]
    remote_with_sensitive: int


def _bucket_keys(records: Sequence[AuditRecord]) -> tuple[list[str], int]:
    """Consecutive time buckets covering the records: hours for short periods, else days."""
    if not records:
        return [], 10
    first = datetime.fromisoformat(min(r.ts for r in records).replace("Z", "+00:00"))
    last = datetime.fromisoformat(max(r.ts for r in records).replace("Z", "+00:00"))
    hourly = last - first <= timedelta(days=2)
    width = 13 if hourly else 10  # "YYYY-MM-DDTHH" or "YYYY-MM-DD"
    step = timedelta(hours=1) if hourly else timedelta(days=1)
    fmt = "%Y-%m-%dT%H" if hourly else "%Y-%m-%d"
    keys: list[str] = []
    at = datetime.strptime(first.strftime(fmt), fmt).replace(tzinfo=first.tzinfo)
    while at <= last and len(keys) < _MAX_BUCKETS:
        keys.append(at.strftime(fmt))
        at += step
    if len(keys) >= _MAX_BUCKETS:  # very long period: months
        width = 7
        keys = sorted({r.ts[:7] for r in records})
    return keys, width


def summarise(records: Sequence[AuditRecord]) -> ReportData:
    """Aggregate records for the report (calls are outcome records; intents are not counted)."""
    records = [r for r in records if r.status != "intent"]
    keys, width = _bucket_keys(records)
    index = {k: i for i, k in enumerate(keys)}
    series = {route: [0] * len(keys) for route in ROUTE_COLORS}
    categories: Counter[str] = Counter()
    entities: Counter[str] = Counter()
    blocked: Counter[str] = Counter()
    cost: dict[str, float] = {}
    callers: Counter[str] = Counter()
    fallbacks: list[AuditRecord] = []
    remote_sensitive = 0
    for r in records:
        slot = index.get(r.ts[:width])
        if slot is not None and r.route in series:
            series[r.route][slot] += 1
        categories.update(r.categories)
        for entity, n in r.entities.items():
            entities[entity] += n
        if r.status == "blocked":
            blocked[r.reason] += 1
        if r.target:
            cost[r.target] = cost.get(r.target, 0.0) + r.cost_usd
        callers[r.caller or "(none)"] += 1
        if len(r.hops) > 1 or any(h.outcome != "ok" for h in r.hops):
            fallbacks.append(r)
        if r.categories and reached_remote(r):
            remote_sensitive += 1
    return ReportData(
        total=len(records),
        by_route={route: sum(values) for route, values in series.items()},
        buckets=keys,
        route_series=series,
        categories=sorted(categories.items()),
        entities=entities.most_common(_TOP),
        blocked=blocked.most_common(_TOP),
        fallbacks=fallbacks,
        cost_by_target=sorted(cost.items(), key=lambda kv: -kv[1]),
        top_callers=callers.most_common(_TOP),
        remote_with_sensitive=remote_sensitive,
    )


def _stacked_chart(chart_id: str, buckets: list[str], series: dict[str, list[int]]) -> str:
    w, h, pad = 760, 220, 30
    n = max(len(buckets), 1)
    top = max((sum(col) for col in zip(*series.values(), strict=True)), default=0) or 1
    bw = (w - 2 * pad) / n
    parts = [
        f'<svg id="{chart_id}" class="chart" viewBox="0 0 {w} {h + 40}" role="img" '
        f'aria-label="calls by route over time" xmlns="http://www.w3.org/2000/svg">',
        f'<line x1="{pad}" y1="{h}" x2="{w - pad}" y2="{h}" stroke="#999"/>',
        f'<text x="{pad}" y="14" class="axis">max {top} calls per bucket</text>',
    ]
    for i, key in enumerate(buckets):
        y = float(h)
        for route, values in series.items():
            v = values[i]
            if not v:
                continue
            bh = (h - 24) * v / top
            y -= bh
            parts.append(
                f'<rect class="bar route-{route}" data-route="{route}" x="{pad + i * bw:.1f}" '
                f'y="{y:.1f}" width="{max(bw - 1, 1):.1f}" height="{bh:.1f}" '
                f'fill="{ROUTE_COLORS[route]}"><title>{_e(key)}: {v} {route}</title></rect>'
            )
    for i in sorted({0, n // 2, n - 1}) if buckets else []:
        anchor = "end" if i == n - 1 and n > 1 else "start"
        x = pad + (i + 1) * bw if anchor == "end" else pad + i * bw
        parts.append(
            f'<text class="axis" x="{x:.1f}" y="{h + 16}" text-anchor="{anchor}">'
            f"{_e(buckets[i])}</text>"
        )
    for j, (route, color) in enumerate(ROUTE_COLORS.items()):
        x = pad + j * 110
        parts.append(
            f'<g class="legend" data-route="{route}"><rect x="{x}" y="{h + 24}" width="10" '
            f'height="10" fill="{color}"/><text x="{x + 14}" y="{h + 33}">{route}</text></g>'
        )
    parts.append("</svg>")
    return "".join(parts)


def _hbar_chart(chart_id: str, items: Sequence[tuple[str, float]], unit: str = "") -> str:
    if not items:
        return f'<p class="empty" id="{chart_id}">None in this period.</p>'
    w, row = 760, 22
    label_w = 260
    top = max(v for _, v in items) or 1.0
    h = row * len(items) + 4
    parts = [
        f'<svg id="{chart_id}" class="chart" viewBox="0 0 {w} {h}" role="img" '
        'xmlns="http://www.w3.org/2000/svg">'
    ]
    for i, (label, value) in enumerate(items):
        y = i * row + 2
        bw = (w - label_w - 90) * value / top
        shown = f"{value:.4f}" if unit == "$" else f"{value:g}"
        parts.append(
            f'<text x="{label_w - 6}" y="{y + 15}" text-anchor="end">{_e(label)}</text>'
            f'<rect class="bar" x="{label_w}" y="{y}" width="{max(bw, 1):.1f}" height="{row - 6}" '
            f'fill="{_BAR}"><title>{_e(label)}: {unit}{shown}</title></rect>'
            f'<text x="{label_w + bw + 6:.1f}" y="{y + 15}">{unit}{shown}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


def _fallback_table(records: Sequence[AuditRecord]) -> str:
    if not records:
        return '<p class="empty" id="fallback-table">No fallback events in this period.</p>'
    rows = []
    for r in records[-50:]:
        path = " → ".join(
            f"{h.target} ({h.outcome}{': ' + h.detail if h.detail else ''})" for h in r.hops
        )
        rows.append(
            f"<tr><td>{_e(r.ts)}</td><td>{_e(r.caller)}</td><td>{_e(r.status)}</td>"
            f"<td>{_e(path)}</td><td><code>{_e(r.id)}</code></td></tr>"
        )
    more = f"<p>Showing the latest 50 of {len(records)}.</p>" if len(records) > 50 else ""
    return (
        '<table id="fallback-table"><thead><tr><th>time</th><th>caller</th><th>status</th>'
        "<th>targets tried</th><th>record</th></tr></thead><tbody>"
        + "".join(rows)
        + "</tbody></table>"
        + more
    )


_STYLE: Final = """
body{font:14px/1.4 system-ui,sans-serif;margin:24px auto;max-width:820px;color:#222}
h1{font-size:22px}h2{font-size:17px;margin-top:28px;border-bottom:1px solid #ddd}
.chart{width:100%;height:auto}.axis{font-size:11px;fill:#666}svg text{font-size:12px}
.verify{padding:10px 14px;border-radius:6px;font-weight:600}
.ok{background:#e8f5e9;color:#1b5e20}.bad{background:#ffebee;color:#b71c1c}
.stats{display:flex;gap:18px}.stats div{background:#f5f5f5;padding:8px 12px;border-radius:6px}
table{border-collapse:collapse;width:100%;font-size:12px}td,th{border:1px solid #ddd;padding:3px}
.dim{opacity:.25}
"""

# Highlight one route when its legend entry is hovered; mark the page as rendered for checks.
_SCRIPT: Final = """
document.querySelectorAll('.legend').forEach(function (g) {
  var route = g.getAttribute('data-route');
  g.addEventListener('mouseenter', function () {
    document.querySelectorAll('#chart-routes .bar').forEach(function (b) {
      if (b.getAttribute('data-route') !== route) { b.classList.add('dim'); }
    });
  });
  g.addEventListener('mouseleave', function () {
    document.querySelectorAll('#chart-routes .bar').forEach(function (b) {
      b.classList.remove('dim');
    });
  });
});
document.body.setAttribute('data-charts', String(document.querySelectorAll('svg.chart').length));
"""


def _open_intents(ids: Sequence[str]) -> str:
    """Calls whose payload may have left but that have no outcome record: a crash, or running."""
    if not ids:
        return '<p id="open-intents">None: every intent record has its outcome.</p>'
    shown = "".join(f"<li><code>{_e(i)}</code></li>" for i in ids[:_MAX_LISTED])
    more = f"<p>... and {len(ids) - _MAX_LISTED} more.</p>" if len(ids) > _MAX_LISTED else ""
    return (
        f'<p id="open-intents">{len(ids)} open intent record(s): the payload may have reached '
        "the target, and no outcome was recorded (the process died, or the call is still "
        f"running).</p><ul>{shown}</ul>{more}"
    )


def build_report(
    records: Sequence[AuditRecord],
    verify: VerifyResult,
    *,
    title: str = "hybridllm audit report",
    period: str = "all records",
    source: str = "",
) -> str:
    """Render the HTML report.

    Args:
        records: the records of the period, in chain order.
        verify: the result of verifying the whole log (shown at the top).
        title: page title.
        period: how the period was chosen, in words (e.g. ``2026-01-01 .. 2026-03-31``).
        source: where the records came from (e.g. the database path).

    Returns:
        One HTML document, with no external references.
    """
    d = summarise(records)
    if verify.ok:
        how = "hash chain and signatures" if verify.signatures_checked else "hash chain only"
        banner = f"Log verified ({how}): {verify.checked} records intact."
    else:
        where = f" at record {verify.first_bad_id}" if verify.first_bad_id else ""
        banner = f"VERIFICATION FAILED{where}: {verify.problem}"
    cost_total = sum(v for _, v in d.cost_by_target)
    stats = "".join(
        f"<div><b>{_e(v)}</b><br>{_e(k)}</div>"
        for k, v in (
            ("calls", d.total),
            *((f"{route}", n) for route, n in d.by_route.items()),
            ("fallback events", len(d.fallbacks)),
            ("sensitive sent remote", d.remote_with_sensitive),
            ("est. cost", f"${cost_total:.4f}"),
            ("open intents", len(verify.open_intents)),
        )
    )
    sections = [
        f"<h1>{_e(title)}</h1>",
        f"<p>Period: {_e(period)}. Source: {_e(source)}.</p>",
        f'<p id="verify" class="verify {"ok" if verify.ok else "bad"}">{_e(banner)}</p>',
        f'<div class="stats" id="stats">{stats}</div>',
        "<h2>Calls by route over time</h2>",
        _stacked_chart("chart-routes", d.buckets, d.route_series),
        "<h2>Categories found</h2>",
        _hbar_chart("chart-categories", d.categories),
        "<h2>Entity types found</h2>",
        _hbar_chart("chart-entities", d.entities),
        "<h2>Blocked calls, by reason</h2>",
        _hbar_chart("chart-blocked", d.blocked),
        "<h2>Fallback events</h2>",
        _fallback_table(d.fallbacks),
        "<h2>Estimated cost by target</h2>",
        _hbar_chart("chart-cost", d.cost_by_target, unit="$"),
        "<h2>Top callers</h2>",
        _hbar_chart("chart-callers", d.top_callers),
        "<h2>Open intents</h2>",
        _open_intents(verify.open_intents),
    ]
    return (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        # No request may leave the page: block every fetch, even if a value slipped in.
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
        "style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:\">"
        f"<title>{_e(title)}</title><style>{_STYLE}</style></head><body>"
        + "\n".join(sections)
        + f"<script>{_SCRIPT}</script></body></html>\n"
    )
