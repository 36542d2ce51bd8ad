"""Inline SVG charts, styles and the page script of the HTML audit report.

Charts are plain SVG with a fixed ``viewBox`` (they scale with the page and print sharply).
Labels longer than their column are shortened with an ellipsis, the full text kept in a
``<title>`` tooltip, so nothing is cut off at the chart's edge. The page script checks that
itself once the page is laid out: it sets ``data-layout`` on ``<body>`` to ``ok`` or to the
list of text boxes that leave their chart or overlap (what the headless-browser tests read).
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from typing import Final

__all__ = ["ROUTE_COLORS", "SCRIPT", "STYLE", "e", "hbar_chart", "stacked_chart"]

ROUTE_COLORS: Final = {"local": "#2e7d32", "cloud": "#1565c0", "blocked": "#c62828"}
_BAR: Final = "#5c6bc0"
_CHAR_W: Final = 6.6
"""Average width of a 12px system-ui character, in SVG units (a safe upper estimate)."""


def e(value: object) -> str:
    """HTML-escape any value (quotes included)."""
    return html.escape(str(value), quote=True)


def _fit(label: str, width: float) -> str:
    most = max(int(width / _CHAR_W), 4)
    return label if len(label) <= most else label[: most - 1] + "…"


def stacked_chart(chart_id: str, buckets: list[str], series: dict[str, list[int]]) -> str:
    """Calls per time bucket, stacked by route, with a legend (hover a route to highlight)."""
    w, h, pad = 760, 220, 40
    n = max(len(buckets), 1)
    columns = list(zip(*series.values(), strict=True)) if buckets else []
    top = max((sum(col) for col in columns), default=0) or 1
    bw = (w - 2 * pad) / n
    parts = [
        f'<svg id="{chart_id}" class="chart" viewBox="0 0 {w} {h + 44}" role="img" '
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
                f'fill="{ROUTE_COLORS[route]}"><title>{e(key)}: {v} {route}</title></rect>'
            )
    ticks = sorted({0, n // 2, n - 1}) if buckets else []
    for i in ticks:
        # first tick left-aligned, last right-aligned, middle centred: none leaves the chart
        anchor = "start" if i == 0 else "end" if i == n - 1 else "middle"
        x = (
            pad + i * bw
            if anchor == "start"
            else pad + (i + 1) * bw
            if anchor == "end"
            else (pad + (i + 0.5) * bw)
        )
        if anchor == "middle" and n < 5:
            continue  # too close to the ends to fit a label
        parts.append(
            f'<text class="axis tick" x="{x:.1f}" y="{h + 16}" text-anchor="{anchor}">'
            f"{e(buckets[i])}</text>"
        )
    for j, (route, color) in enumerate(ROUTE_COLORS.items()):
        x = pad + j * 110
        parts.append(
            f'<g class="legend" data-route="{route}"><rect x="{x}" y="{h + 28}" width="10" '
            f'height="10" fill="{color}"/><text x="{x + 14}" y="{h + 37}">{route}</text></g>'
        )
    parts.append("</svg>")
    return "".join(parts)


def hbar_chart(chart_id: str, items: Sequence[tuple[str, float]], unit: str = "") -> str:
    """Horizontal bars, one per label (labels shortened to fit, full text in the tooltip)."""
    if not items:
        return f'<p class="empty" id="{chart_id}">None in this period.</p>'
    w, row, label_w, value_w = 760, 22, 250, 90
    top = max(v for _, v in items) or 1.0
    h = row * len(items) + 4
    parts = [
        f'<svg id="{chart_id}" class="chart" viewBox="0 0 {w} {h}" role="img" '
        'xmlns="http://www.w3.org/2000/svg">'
    ]
    for i, (label, value) in enumerate(items):
        y = i * row + 2
        bw = (w - label_w - value_w) * value / top
        shown = f"{value:.4f}" if unit == "$" else f"{value:g}"
        parts.append(
            f'<text class="label" x="{label_w - 8}" y="{y + 15}" text-anchor="end">'
            f"<title>{e(label)}</title>{e(_fit(label, label_w - 12))}</text>"
            f'<rect class="bar" x="{label_w}" y="{y}" width="{max(bw, 1):.1f}" height="{row - 6}" '
            f'fill="{_BAR}"><title>{e(label)}: {unit}{shown}</title></rect>'
            f'<text x="{label_w + bw + 6:.1f}" y="{y + 15}">{unit}{shown}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


STYLE: Final = """
body{font:14px/1.45 system-ui,sans-serif;margin:24px auto;max-width:900px;padding:0 16px;
color:#222}
h1{font-size:22px}h2{font-size:17px;margin-top:30px;border-bottom:1px solid #ddd}
.chart{width:100%;height:auto;overflow:hidden}.axis{font-size:11px;fill:#666}
svg text{font-size:12px}
.verify{padding:10px 14px;border-radius:6px;font-weight:600}
.ok{background:#e8f5e9;color:#1b5e20}.bad{background:#ffebee;color:#b71c1c}
.warn{background:#fff8e1;color:#8d5a00}
.stats{display:flex;flex-wrap:wrap;gap:10px}
.stats div{background:#f5f5f5;padding:8px 12px;border-radius:6px;min-width:90px}
table{border-collapse:collapse;width:100%;font-size:12px;margin:6px 0}
td,th{border:1px solid #ddd;padding:3px 5px;text-align:left;vertical-align:top;
overflow-wrap:anywhere}
th{background:#fafafa;overflow-wrap:normal;font-size:11px}
td.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
code{font-size:11px;word-break:break-all}
#records td{overflow-wrap:normal}#records td.caller{overflow-wrap:anywhere}
.dim{opacity:.25}.hidden{display:none}
.filters{display:flex;flex-wrap:wrap;gap:10px;align-items:center;margin:8px 0}
.filters label{font-size:12px}
details.record pre{white-space:pre-wrap;word-break:break-all;background:#fafafa;padding:6px;
font-size:11px}
.alert{color:#b71c1c;font-weight:600}
@media print{
 body{max-width:none;margin:0;font-size:11px}.filters,.noprint{display:none}
 h2{break-after:avoid}tr,svg,.stats{break-inside:avoid}
 .verify{border:1px solid currentColor}a{color:inherit;text-decoration:none}
}
"""

# Legend hover highlights a route; the record table filters by app, route, category, status
# and id; the last block checks the layout and marks the page for the headless-browser tests.
SCRIPT: Final = """
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
function applyFilters() {
  var want = {};
  document.querySelectorAll('.filters select').forEach(function (s) {
    want[s.getAttribute('data-key')] = s.value;
  });
  var text = (document.getElementById('filter-id') || {value: ''}).value.trim().toLowerCase();
  var shown = 0;
  document.querySelectorAll('#records tbody tr').forEach(function (tr) {
    var ok = Object.keys(want).every(function (k) {
      if (!want[k]) { return true; }
      return (' ' + tr.getAttribute('data-' + k) + ' ').indexOf(' ' + want[k] + ' ') >= 0;
    }) && (!text || tr.getAttribute('data-id').indexOf(text) >= 0);
    tr.classList.toggle('hidden', !ok);
    if (ok) { shown += 1; }
  });
  var count = document.getElementById('records-shown');
  if (count) { count.textContent = String(shown); }
}
document.querySelectorAll('.filters select, #filter-id').forEach(function (el) {
  el.addEventListener('input', applyFilters);
});
// ?app=...&route=...&category=...&status=...&id=... presets the filters (a shareable view).
(function presetFilters() {
  var params = new URLSearchParams(location.search);
  document.querySelectorAll('.filters select').forEach(function (s) {
    var v = params.get(s.getAttribute('data-key'));
    if (v !== null) { s.value = v; }
  });
  var id = document.getElementById('filter-id');
  if (id && params.get('id')) { id.value = params.get('id'); }
  applyFilters();
})();
function openHash() {
  var el = location.hash && document.getElementById(location.hash.slice(1));
  if (el && el.tagName === 'DETAILS') { el.open = true; }
}
window.addEventListener('hashchange', openHash);
openHash();
(function checkLayout() {
  var problems = [];
  document.querySelectorAll('svg.chart').forEach(function (svg) {
    var vb = svg.viewBox.baseVal;
    var boxes = [];
    svg.querySelectorAll('text').forEach(function (t) {
      var b = t.getBBox();
      if (b.x < vb.x - 0.5 || b.y < vb.y - 0.5 || b.x + b.width > vb.x + vb.width + 0.5 ||
          b.y + b.height > vb.y + vb.height + 0.5) {
        problems.push(svg.id + ': "' + t.textContent + '" leaves the chart');
      }
      boxes.push([b, t.textContent]);
    });
    for (var i = 0; i < boxes.length; i++) {
      for (var j = i + 1; j < boxes.length; j++) {
        var a = boxes[i][0], c = boxes[j][0];
        if (a.x < c.x + c.width - 0.5 && c.x < a.x + a.width - 0.5 &&
            a.y < c.y + c.height - 0.5 && c.y < a.y + a.height - 0.5) {
          problems.push(svg.id + ': "' + boxes[i][1] + '" overlaps "' + boxes[j][1] + '"');
        }
      }
    }
  });
  document.querySelectorAll('table').forEach(function (table) {
    if (table.scrollWidth > table.parentElement.clientWidth + 1) {
      problems.push((table.id || 'table') + ' is wider than the page');
    }
  });
  document.body.setAttribute('data-layout', problems.length ? JSON.stringify(problems) : 'ok');
  document.body.setAttribute('data-charts', String(document.querySelectorAll('svg.chart').length));
})();
"""
