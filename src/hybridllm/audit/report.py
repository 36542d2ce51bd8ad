"""A self-contained HTML report of an audit period: what a compliance officer hands an auditor.

Everything (styles, inline SVG charts, the few lines of script) is inside the one file, so it
opens the same offline, in a mail attachment or in an archive years later, and prints to PDF
(a print stylesheet hides the controls). It shows only what the records hold: counts, types,
targets, apps, callers, policy versions, costs and the verification result; never prompt
content (the records have none). Every text taken from a record is HTML-escaped.

Sections: the verify banner (green only when signatures were checked), key figures, calls per
application, sensitive data sent to remote targets (PHI redacted vs as is), calls by route over
time, categories and entity types, blocked calls, fail-closed decisions, withheld and
unrestored placeholders, policy versions in force, targets with their locality, region and
attributes (e.g. a BAA), fallback events, cost, callers, open intents, and the latest records
with filters (app, route, category, status, id) and a drill-down to every field of a record.

The aggregation is streamed (:mod:`hybridllm.audit.report_data`): memory does not grow with
the number of records.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from typing import Final

from hybridllm.audit.report_charts import SCRIPT, STYLE, e, hbar_chart, stacked_chart
from hybridllm.audit.report_data import MAX_LISTED, AppStats, ReportData, summarise
from hybridllm.audit.verify import VerifyResult
from hybridllm.models import AuditRecord

__all__ = ["ReportData", "build_report", "render_report", "summarise"]

_CSP: Final = (
    '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
    "style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:\">"
)


def _table(table_id: str, head: Sequence[str], rows: Iterable[Sequence[str]]) -> str:
    """A table; cells are already-escaped HTML; cells of numbers get class ``n``."""
    body = "".join(
        "<tr>"
        + "".join(f'<td class="n">{c}</td>' if _num(c) else f"<td>{c}</td>" for c in r)
        + "</tr>"
        for r in rows
    )
    header = "".join(f"<th>{e(h)}</th>" for h in head)
    return f'<table id="{table_id}"><thead><tr>{header}</tr></thead><tbody>{body}</tbody></table>'


def _num(cell: str) -> bool:
    return cell.replace(".", "", 1).replace("$", "", 1).isdigit()


def _banner(verify: VerifyResult) -> str:
    if not verify.ok:
        where = f" at record {verify.first_bad_id}" if verify.first_bad_id else ""
        text = f"VERIFICATION FAILED{where}: {verify.problem}"
        return f'<p id="verify" class="verify bad">{e(text)}</p>'
    if not verify.signatures_checked:
        text = (
            f"Hash chain intact ({verify.checked} records), but signatures were NOT checked "
            "(no audit key): a rewrite that recomputed every hash would pass. Run with the key "
            "(--key-file / --public-key) or --require-key."
        )
        return f'<p id="verify" class="verify warn">{e(text)}</p>'
    text = (
        f"Log verified (hash chain and signatures, {verify.checkpoints} signed checkpoint(s)): "
        f"{verify.checked} records intact."
    )
    if verify.unsigned_tail:
        text += f" {verify.unsigned_tail} newest record(s) after the last checkpoint."
    return f'<p id="verify" class="verify ok">{e(text)}</p>'


def _apps(d: ReportData) -> str:
    def row(name: str, a: AppStats) -> list[str]:
        return [
            e(name),
            str(a.calls),
            *(str(a.routes.get(route, 0)) for route in ("local", "cloud", "blocked")),
            str(a.errors),
            str(a.sensitive_remote),
            str(a.phi_remote_redacted),
            f'<span class="{"alert" if a.phi_remote_as_is else ""}">{a.phi_remote_as_is}</span>',
            str(a.fail_closed),
            str(a.withheld),
            f"${a.cost:.4f}",
        ]

    head = (
        "app", "calls", "local", "cloud", "blocked", "errors", "sensitive remote",
        "PHI redacted", "PHI as is", "fail-closed", "withheld", "cost",
    )  # fmt: skip
    note = (
        "<p>Sensitive remote: calls with findings whose payload reached a remote target; PHI "
        "redacted / as is: of those, with PHI redacted before leaving or sent unredacted; "
        "withheld: calls whose restores the restore policy withheld; cost: estimated, USD.</p>"
    )
    return note + _table("apps", head, (row(name, a) for name, a in d.apps.items()))


def _sensitive(d: ReportData) -> str:
    alert = ' class="alert"' if d.phi_remote_as_is else ""
    return (
        f'<p id="phi-remote">Calls with sensitive findings whose payload reached a remote target: '
        f"<b>{d.remote_with_sensitive}</b>. With PHI: <b>{d.phi_remote_redacted}</b> redacted "
        f"before leaving (the target saw placeholders), <b{alert}>{d.phi_remote_as_is}</b> sent "
        "as is (the policy allowed PHI unredacted); the rest recorded no redact/allow decision "
        "for PHI (e.g. a remote hop was tried before a local answer: see Fallback events).</p>"
    )


def _controls(d: ReportData) -> str:
    def options(key: str, values: Iterable[str]) -> str:
        opts = "".join(f'<option value="{e(v)}">{e(v)}</option>' for v in sorted(set(values)))
        return (
            f'<label>{key} <select data-key="{key}"><option value="">all</option>{opts}</select>'
            "</label>"
        )

    rs = d.records
    return (
        '<div class="filters noprint">'
        + options("app", (r.app or "(none)" for r in rs))
        + options("route", (r.route for r in rs))
        + options("category", (c for r in rs for c in r.categories))
        + options("status", (r.status for r in rs))
        + '<label>id <input id="filter-id" size="20" placeholder="record id"></label>'
        + f'<span><span id="records-shown">{len(rs)}</span> shown</span></div>'
    )


def _records(d: ReportData) -> str:
    if not d.records:
        return '<p class="empty" id="records">No calls in this period.</p>'
    rows = []
    for r in reversed(d.records):
        cats = " ".join(r.categories)
        fields = json.dumps(r.model_dump(mode="json"), indent=1, ensure_ascii=False)
        rows.append(
            f'<tr data-id="{e(r.id)}" data-app="{e(r.app or "(none)")}" data-route="{e(r.route)}" '
            f'data-category="{e(cats)}" data-status="{e(r.status)}">'
            f"<td>{e(r.ts[:19].replace('T', ' '))}</td><td>{e(r.app)}</td>"
            f'<td class="caller">{e(r.caller)}</td><td>{e(r.route)}</td><td>{e(r.status)}'
            f"</td><td>{e(cats)}</td><td>{e(r.target or '')}</td>"
            f'<td><details class="record" id="rec-{e(r.id)}"><summary><code>{e(r.id)}</code>'
            f"</summary><pre>{e(fields)}</pre></details></td></tr>"
        )
    head = "".join(
        f"<th>{h}</th>"
        for h in (
            "time (UTC)",
            "app",
            "caller",
            "route",
            "status",
            "categories",
            "target",
            "record",
        )
    )
    more = (
        f"<p>The latest {len(d.records)} of {d.total} calls; "
        "<code>hybridllm audit show --id ID</code> prints any record, "
        "<code>hybridllm audit query</code> lists them all.</p>"
        if d.total > len(d.records)
        else ""
    )
    return (
        _controls(d)
        + f'<table id="records"><thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody>'
        + f"</table>{more}"
    )


def _fallbacks(d: ReportData) -> str:
    if not d.fallbacks:
        return '<p class="empty" id="fallback-table">No fallback events in this period.</p>'
    rows = []
    for r in d.fallbacks:
        path = " → ".join(
            f"{h.target} ({h.outcome}{': ' + h.detail if h.detail else ''})" for h in r.hops
        )
        link = f'<a href="#rec-{e(r.id)}"><code>{e(r.id)}</code></a>'
        rows.append(
            [e(r.ts[:19].replace("T", " ")), e(r.app), e(r.caller), e(r.status), e(path), link]
        )
    table = _table(
        "fallback-table", ("time", "app", "caller", "status", "targets tried", "record"), rows
    )
    if d.fallback_count > len(d.fallbacks):
        table += f"<p>Showing the latest {len(d.fallbacks)} of {d.fallback_count}.</p>"
    return table


def _targets(d: ReportData) -> str:
    if not d.targets:
        return '<p class="empty" id="targets">No target answered in this period.</p>'
    rows = [
        [
            e(name),
            e(t.locality),
            e(t.region or "-"),
            e(", ".join(f"{k}={v}" for k, v in sorted(t.attributes.items())) or "-"),
            str(t.calls),
            f'<span class="alert">{t.phi_calls} (no BAA recorded)</span>'
            if t.phi_without_baa
            else str(t.phi_calls),
            f"${t.cost:.4f}",
        ]
        for name, t in d.targets.items()
    ]
    head = ("target", "locality", "region", "attributes", "calls", "PHI calls", "est. cost")
    return _table("targets", head, rows)


def _policies(d: ReportData) -> str:
    if not d.policy_versions:
        return '<p class="empty" id="policies">No calls in this period.</p>'
    rows = [
        [f"<code>{e(v)}</code>", str(n), e(a[:19]), e(b[:19])] for v, n, a, b in d.policy_versions
    ]
    note = (
        '<p class="alert">More than one policy was in force in this period.</p>'
        if len(d.policy_versions) > 1
        else ""
    )
    return _table("policies", ("policy version", "calls", "first seen", "last seen"), rows) + note


def _safeguards(d: ReportData) -> str:
    return (
        f'<p id="safeguards">Fail-closed decisions (the classifier failed, the call was routed '
        f"as if sensitive): <b>{d.fail_closed}</b>. Calls with restores withheld by the restore "
        f"policy: <b>{d.withheld_calls}</b>. Replies that kept placeholder-like text: "
        f"<b>{d.unrestored_calls}</b>.</p>" + hbar_chart("chart-withheld", d.withheld)
    )


def _open_intents(ids: Sequence[str]) -> str:
    """Calls whose payload may have left but that have no outcome record: a crash, or running."""
    if not ids:
        return '<p id="open-intents">None: every intent record has its outcome.</p>'
    shown = "".join(f"<li><code>{e(i)}</code></li>" for i in ids[:MAX_LISTED])
    more = f"<p>... and {len(ids) - MAX_LISTED} more.</p>" if len(ids) > MAX_LISTED else ""
    return (
        f'<p id="open-intents">{len(ids)} open intent record(s): the payload may have reached '
        "the target, and no outcome was recorded (the process died, or the call is still "
        f"running).</p><ul>{shown}</ul>{more}"
    )


def render_report(
    d: ReportData,
    verify: VerifyResult,
    *,
    title: str = "hybridllm audit report",
    period: str = "all records",
    source: str = "",
    filters: str = "",
) -> str:
    """Render the HTML report from aggregates (see :func:`build_report`)."""
    cost_total = sum(v for _, v in d.cost_by_target)
    stats = "".join(
        f"<div><b>{e(v)}</b><br>{e(k)}</div>"
        for k, v in (
            ("calls", d.total),
            *((route, n) for route, n in d.by_route.items()),
            ("apps", len(d.apps)),
            ("sensitive sent remote", d.remote_with_sensitive),
            ("PHI remote as is", d.phi_remote_as_is),
            ("fail-closed", d.fail_closed),
            ("fallback events", d.fallback_count),
            ("est. cost", f"${cost_total:.4f}"),
            ("open intents", len(verify.open_intents)),
        )
    )
    scope = f" Filters: {e(filters)}." if filters else ""
    sections = [
        f"<h1>{e(title)}</h1>",
        f'<p id="scope">Period: {e(period)}.{scope} Source: {e(source)}.</p>',
        _banner(verify),
        f'<div class="stats" id="stats">{stats}</div>',
        "<h2>Calls per application</h2>",
        _apps(d) if d.apps else '<p class="empty" id="apps">No calls in this period.</p>',
        "<h2>Sensitive data sent to remote targets</h2>",
        _sensitive(d),
        "<h2>Calls by route over time</h2>",
        stacked_chart("chart-routes", d.buckets, d.route_series),
        "<h2>Categories found</h2>",
        hbar_chart("chart-categories", d.categories),
        "<h2>Entity types found</h2>",
        hbar_chart("chart-entities", d.entities),
        "<h2>Blocked calls, by reason</h2>",
        hbar_chart("chart-blocked", d.blocked),
        "<h2>Fail-closed, withheld and unrestored</h2>",
        _safeguards(d),
        "<h2>Policy versions in force</h2>",
        _policies(d),
        "<h2>Targets: where payloads went</h2>",
        _targets(d),
        "<h2>Fallback events</h2>",
        _fallbacks(d),
        "<h2>Estimated cost by target</h2>",
        hbar_chart("chart-cost", d.cost_by_target, unit="$"),
        "<h2>Top callers</h2>",
        hbar_chart("chart-callers", d.top_callers),
        "<h2>Open intents</h2>",
        _open_intents(verify.open_intents),
        "<h2>Records</h2>",
        _records(d),
    ]
    return (
        f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">{_CSP}'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{e(title)}</title><style>{STYLE}</style></head><body>"
        + "\n".join(sections)
        + f"<script>{SCRIPT}</script></body></html>\n"
    )


def build_report(
    records: Iterable[AuditRecord],
    verify: VerifyResult,
    *,
    title: str = "hybridllm audit report",
    period: str = "all records",
    source: str = "",
    filters: str = "",
) -> str:
    """Render the HTML report.

    Args:
        records: the records of the period, in chain order (any iterable: aggregated in one
            streaming pass).
        verify: the result of verifying the whole log (shown at the top).
        title: page title.
        period: how the period was chosen, in words (e.g. ``2026-01-01 .. 2026-03-31``).
        source: where the records came from (e.g. the database path).
        filters: the other filters applied, in words (shown under the title).

    Returns:
        One HTML document, with no external references.
    """
    d = summarise(records)
    return render_report(d, verify, title=title, period=period, source=source, filters=filters)
