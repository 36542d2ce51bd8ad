"""Cost report, chart and the ``hybridllm cost`` command (split from :mod:`hybridllm.cost`)."""

from __future__ import annotations

import functools
import html
import typing
from collections.abc import Collection
from pathlib import Path
from typing import Annotated, Any

from hybridllm import cost
from hybridllm.cost import (
    AuditUsage,
    CostConfig,
    LocalCostModel,
    ModelPrice,
    api_monthly_cost,
    crossover_volume,
    find_price,
    format_tokens,
    read_audit_usage,
    recommend,
)
from hybridllm.errors import HybridLLMError

__all__ = ["cost_app", "cost_command", "write_chart"]

# -- report and chart --------------------------------------------------------------------------


def cost_command(
    *,
    monthly_tokens: float,
    model: str,
    config: CostConfig | None = None,
    input_share: float | None = None,
    usage: AuditUsage | None = None,
    privacy_share: float = 0.0,
    chart: str | Path | None = None,
) -> str:
    """The text that ``hybridllm cost`` prints (and the chart it writes, if ``chart``).

    Args:
        monthly_tokens: input + output tokens per month.
        model: API model to compare with.
        config: prices and local cost model.
        input_share: share of input tokens (default: from ``usage``, else the config).
        usage: measured traffic from :func:`read_audit_usage` (latency, privacy share, targets).
        privacy_share: used when ``usage`` is None.
        chart: where to write the chart (``.html`` or ``.svg``).
    """
    cfg = config or CostConfig()
    share = (
        input_share
        if input_share is not None
        else (usage.input_share if usage is not None else cfg.input_share)
    )
    lines: list[str] = []
    latency: dict[str, float] = {}
    local_targets: Collection[str] = ("local",)
    if usage is not None:
        lines.append(
            f"Audit log: {usage.calls} calls over {usage.days:.1f} days, "
            f"{usage.input_tokens + usage.output_tokens:,} tokens "
            f"({share:.0%} input), {usage.privacy_share:.0%} with sensitive data."
        )
        for s in usage.targets.values():
            lines.append(
                f"  {s.target:12} {s.locality or '?':6} {s.model or '?':24} calls={s.calls:<6} "
                f"p50={s.p50_ms:,.0f} ms p95={s.p95_ms:,.0f} ms"
            )
        latency = {t: s.p50_ms for t, s in usage.targets.items() if s.p50_ms}
        local_targets = usage.local_targets
        privacy_share = usage.privacy_share
    rec = recommend(
        monthly_tokens,
        latency,
        privacy_share,
        model=model,
        config=cfg,
        local_targets=local_targets,
        input_share=share,
    )
    cross = crossover_volume(model, cfg.local, input_share=share, prices=cfg.price_table())
    lines += [
        f"Monthly volume: {format_tokens(monthly_tokens)} tokens ({share:.0%} input)",
        f"API ({model}):  ${rec.api_cost:,.2f}/month",
        f"Local:  ${rec.local_cost:,.2f}/month "
        f"({cfg.local.machines(monthly_tokens)} machine(s), "
        f"${cfg.local.marginal_cost_per_token() * 1e6:.4f} per million tokens marginal)",
        f"Crossover: {format_tokens(cross) + ' tokens/month' if cross is not None else 'never'}",
        f"Recommendation: {rec.choice.upper()} ({rec.routing})",
        *(f"  - {r}" for r in rec.reasons),
    ]
    if chart is not None:
        path = write_chart(
            chart, model=model, config=cfg, input_share=share, current_volume=monthly_tokens
        )
        lines.append(f"Chart: {path}")
    return "\n".join(lines)


def write_chart(
    path: str | Path,
    *,
    model: str,
    config: CostConfig | None = None,
    input_share: float | None = None,
    current_volume: float | None = None,
    max_volume: float | None = None,
) -> Path:
    """Write monthly cost against monthly volume for the API model and local, as HTML or SVG.

    Self-contained (inline SVG, no script, no network). The two series are the ``<polyline>``
    elements with ids ``series-api`` and ``series-local``.

    Raises:
        ValueError: for a suffix other than ``.html``/``.htm``/``.svg``.
    """
    out = Path(path)
    if out.suffix.lower() not in (".html", ".htm", ".svg"):
        raise ValueError("the cost chart is written as .html or .svg (no PNG backend installed)")
    cfg = config or CostConfig()
    share = cfg.input_share if input_share is None else input_share
    prices = cfg.price_table()
    cross = crossover_volume(model, cfg.local, input_share=share, prices=prices)
    top = max_volume or max(
        2 * (current_volume or 0), 2 * (cross or 0), 2 * cfg.local.capacity_per_machine()
    )
    xs = [top * i / 200 for i in range(201)]
    series = {
        "api": [api_monthly_cost(model, x * share, x * (1 - share), prices=prices) for x in xs],
        "local": [cfg.local.monthly_cost(x) for x in xs],
    }
    svg = _svg(xs, series, model=model, marks={"crossover": cross, "current": current_volume})
    if out.suffix.lower() == ".svg":
        text = svg
    else:
        text = (
            '<!doctype html>\n<html lang="en"><head><meta charset="utf-8">'
            f"<title>hybridllm cost: {html.escape(model)} vs local</title></head>"
            f'<body style="font-family:sans-serif">\n<h1>Monthly cost vs volume</h1>\n{svg}\n'
            f"<p>Prices as of {cost.PRICES_AS_OF} unless overridden; input share {share:.0%}.</p>"
            "</body></html>\n"
        )
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(text, encoding="utf-8")
    return out


def _svg(
    xs: list[float], series: dict[str, list[float]], *, model: str, marks: dict[str, Any]
) -> str:
    w, h, left, bottom, pad = 720, 420, 80, 50, 20
    x_max = xs[-1] or 1.0
    y_max = max(max(v) for v in series.values()) or 1.0

    def px(x: float) -> float:
        return left + (w - left - pad) * x / x_max

    def py(y: float) -> float:
        return h - bottom - (h - bottom - pad) * y / y_max

    colors = {"api": "#d62728", "local": "#1f77b4"}
    labels = {"api": f"API ({html.escape(model)})", "local": "local"}
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" '
        f'viewBox="0 0 {w} {h}" role="img">',
        f'<line x1="{left}" y1="{h - bottom}" x2="{w - pad}" y2="{h - bottom}" stroke="#333"/>',
        f'<line x1="{left}" y1="{pad}" x2="{left}" y2="{h - bottom}" stroke="#333"/>',
    ]
    for i in range(5):
        fx, fy = x_max * i / 4, y_max * i / 4
        parts.append(
            f'<text x="{px(fx):.1f}" y="{h - bottom + 18}" font-size="11" text-anchor="middle">'
            f"{format_tokens(fx)}</text>"
        )
        parts.append(
            f'<text x="{left - 6}" y="{py(fy) + 4:.1f}" font-size="11" text-anchor="end">'
            f"${fy:,.0f}</text>"
        )
    parts.append(
        f'<text x="{(w + left) / 2}" y="{h - 8}" font-size="12" text-anchor="middle">'
        "tokens per month</text>"
    )
    for i, (name, ys) in enumerate(series.items()):
        points = " ".join(f"{px(x):.1f},{py(y):.1f}" for x, y in zip(xs, ys, strict=True))
        parts.append(
            f'<polyline id="series-{name}" fill="none" stroke="{colors[name]}" '
            f'stroke-width="2" points="{points}"/>'
        )
        parts.append(
            f'<text x="{left + 10}" y="{pad + 14 + 16 * i}" font-size="12" '
            f'fill="{colors[name]}">{labels[name]}</text>'
        )
    parts.append(
        f'<text x="16" y="{(h - bottom) / 2}" font-size="12" text-anchor="middle" '
        f'transform="rotate(-90 16 {(h - bottom) / 2})">USD per month</text>'
    )
    for i, (name, x) in enumerate(marks.items()):
        if x is not None and 0 < x <= x_max:
            parts.append(
                f'<line id="mark-{name}" x1="{px(x):.1f}" y1="{pad}" x2="{px(x):.1f}" '
                f'y2="{h - bottom}" stroke="#888" stroke-dasharray="4 3"/>'
                f'<text x="{px(x) + 4:.1f}" y="{pad + 60 + 16 * i}" font-size="11">{name}: '
                f"{format_tokens(x)}</text>"
            )
    parts.append("</svg>")
    return "\n".join(parts)


@functools.cache
def cost_app() -> Any:
    import typer

    app = typer.Typer(add_completion=False, help="API vs local cost, crossover, recommendation.")

    def cost(  # noqa: PLR0917 (one flag per cost-model parameter)
        monthly_tokens: Annotated[
            float | None, typer.Option(min=0, help="Input + output tokens per month.")
        ] = None,
        model: Annotated[str, typer.Option(help="API model to compare with.")] = "gpt-4o-mini",
        input_share: Annotated[
            float | None, typer.Option(min=0, max=1, help="Share of input tokens (default 0.75).")
        ] = None,
        price_in: Annotated[
            float | None, typer.Option(min=0, help="Override: USD per 1M input tokens of --model.")
        ] = None,
        price_out: Annotated[
            float | None,
            typer.Option(min=0, help="Override: USD per 1M output tokens of --model."),
        ] = None,
        hardware_price: Annotated[float, typer.Option(help="USD.")] = 6000.0,
        amortization_months: Annotated[int, typer.Option()] = 36,
        power_watts: Annotated[float, typer.Option(help="Draw while generating.")] = 350.0,
        idle_watts: Annotated[float, typer.Option()] = 50.0,
        electricity_price: Annotated[float, typer.Option(help="USD per kWh.")] = 0.15,
        utilization: Annotated[float, typer.Option(help="Planned busy fraction.")] = 0.5,
        ops_hours: Annotated[float, typer.Option(help="Per machine per month.")] = 4.0,
        ops_rate: Annotated[float, typer.Option(help="USD per ops hour.")] = 100.0,
        throughput: Annotated[float, typer.Option(help="Tokens/s, blended.")] = 400.0,
        privacy_share: Annotated[
            float,
            typer.Option(min=0, max=1, help="Share of sensitive calls (without --from-audit)."),
        ] = 0.0,
        from_audit: Annotated[
            Path | None, typer.Option(help="Read volume and latency from this audit DB.")
        ] = None,
        days: Annotated[int, typer.Option(min=1, help="Audit window in days.")] = 30,
        chart: Annotated[Path | None, typer.Option(help="Chart file (.html or .svg).")] = Path(
            "hybridllm-cost.html"
        ),
    ) -> None:
        """Print API vs local cost per month, the crossover and a recommendation."""
        prices: dict[str, ModelPrice] = {}
        if price_in is not None or price_out is not None:
            base = find_price(model) or ModelPrice(input=0.0, output=0.0)
            prices[model] = ModelPrice(
                input=base.input if price_in is None else price_in,
                output=base.output if price_out is None else price_out,
            )
        try:
            cfg = CostConfig(
                prices=prices,
                local=LocalCostModel(
                    hardware_price_usd=hardware_price,
                    amortization_months=amortization_months,
                    power_watts=power_watts,
                    idle_watts=idle_watts,
                    electricity_usd_per_kwh=electricity_price,
                    utilization=utilization,
                    ops_hours_per_month=ops_hours,
                    ops_hourly_rate_usd=ops_rate,
                    throughput_tokens_per_s=throughput,
                ),
            )
            usage = read_audit_usage(from_audit, days) if from_audit is not None else None
            volume = (
                monthly_tokens
                if monthly_tokens is not None
                else (usage.monthly_tokens if usage is not None else None)
            )
            if volume is None:
                raise ValueError("give --monthly-tokens or --from-audit")
            text = cost_command(
                monthly_tokens=volume,
                model=model,
                config=cfg,
                input_share=input_share,
                usage=usage,
                privacy_share=privacy_share,
                chart=chart,
            )
        except (ValueError, HybridLLMError) as exc:
            typer.echo(f"error: {exc}", err=True)
            raise typer.Exit(2) from None
        typer.echo(text)

    # Annotations are strings here (``from __future__ import annotations``) and name ``typer``,
    # which is local to this function: resolve them before typer reads the signature.
    cost.__annotations__ = typing.get_type_hints(
        cost, globalns=globals(), localns={"typer": typer}, include_extras=True
    )
    app.callback(invoke_without_command=True)(cost)
    return app
