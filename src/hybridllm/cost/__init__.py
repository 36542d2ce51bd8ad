"""The price of each call (a stage) and the cost tool: API prices, local hardware, the crossover.

- :func:`maintained_price`: USD per million input/output tokens of ~2,200 models from
  genai-prices (MIT, maintained by Pydantic), pinned in ``prices.json`` (offline; regenerate with
  ``scripts/build_prices.py``); :data:`PRICES_AS_OF` says which snapshot. Overridable
  (``[cost.prices."model"]`` in the config, or ``prices=`` everywhere here).
- :class:`LocalCostModel`: hardware amortisation, power, operations time and throughput give a
  monthly cost for a token volume, and a marginal (energy) cost per token for each local call.
- :func:`call_cost` fills ``cost_usd`` of every call, cloud and local alike.
- :func:`crossover_volume`, :func:`recommend`, :func:`read_audit_usage`, :func:`cost_command`
  and :func:`write_chart` back the ``hybridllm cost`` command (:data:`cost_app`, built lazily so
  that ``import hybridllm`` does not import typer).

Monthly figures use 730 hours (365 * 24 / 12) per month.

This package is the public module (its folder: the cost tool); two submodules hold the rest
and everything is re-exported here:

- ``hybridllm.cost.audit_usage``: reading traffic from the audit log (:func:`read_audit_usage`,
  :class:`AuditUsage`, :class:`TargetStats`, ``DAYS_PER_MONTH``).
- ``hybridllm.cost.report``: the report, the chart and the ``hybridllm cost`` command
  (:func:`cost_command`, :func:`write_chart`, :data:`cost_app`), loaded on first access.
"""

from __future__ import annotations

import functools
import json
import math
from collections.abc import Collection, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, NamedTuple

from pydantic import BaseModel, ConfigDict, Field

from hybridllm.cost.audit_usage import DAYS_PER_MONTH as DAYS_PER_MONTH
from hybridllm.cost.audit_usage import HOURS_PER_MONTH as HOURS_PER_MONTH
from hybridllm.cost.audit_usage import AuditUsage, TargetStats, read_audit_usage
from hybridllm.models import Usage

if TYPE_CHECKING:
    import typer

    PRICES_AS_OF: str
    """Date and genai-prices version of the pinned price table."""

    cost_app: typer.Typer
    """The ``hybridllm cost`` command group; mount with ``app.add_typer(cost_app, name="cost")``."""

__all__ = [
    "PRICES_AS_OF",
    "PRICES_FILE",
    "AuditUsage",
    "CostConfig",
    "LocalCostModel",
    "ModelPrice",
    "Recommendation",
    "TargetStats",
    "api_monthly_cost",
    "blended_price_per_token",
    "call_cost",
    "cost_app",
    "cost_command",
    "crossover_volume",
    "find_price",
    "maintained_price",
    "read_audit_usage",
    "recommend",
    "write_chart",
]

LOCAL_ADAPTERS = frozenset({"llamacpp", "ollama"})
PRIVACY_LOCAL_SHARE = 0.8
"""Above this share of calls carrying PII/PHI/SECRET, :func:`recommend` says "local"."""
SLOW_FACTOR = 2.0
"""Local p50 latency above this multiple of the cloud's counts as too slow for interactive use."""


class ModelPrice(BaseModel):
    """USD per million tokens."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    input: float = Field(ge=0)
    output: float = Field(ge=0)


PRICES_FILE = Path(__file__).with_name("prices.json")
"""The pinned price table, generated from genai-prices by ``scripts/build_prices.py``."""
EXPENSIVE_FACTOR = 3.0
"""Local costing more than this multiple of the API bill is not recommended on privacy alone."""


class _Pinned(NamedTuple):
    models: dict[str, ModelPrice]
    equals: dict[str, str]
    starts_with: list[tuple[str, str]]  # longest prefix first
    version: str
    generated: str


@functools.cache
def _pinned() -> _Pinned:
    data = json.loads(PRICES_FILE.read_text(encoding="utf-8"))
    models = {k: ModelPrice(input=v[0], output=v[1]) for k, v in data["models"].items()}
    prefixes = sorted(data["starts_with"].items(), key=lambda kv: -len(kv[0]))
    return _Pinned(models, data["equals"], prefixes, data["version"], data["generated"])


@functools.lru_cache(maxsize=1024)
def maintained_price(model: str) -> ModelPrice | None:
    """A model's list price from the pinned genai-prices table (no network, ~2,200 models).

    ``model`` may be a bare name (``gpt-4o``, resolved to the first-party provider), a dated
    snapshot (``claude-3-5-haiku-20241022``, matched by genai-prices' own name patterns), or
    ``provider/model`` (``openai/gpt-4o``, ``anthropic/claude-sonnet-4-0``).
    """
    table = _pinned()
    key = model if model in table.models else table.equals.get(model)
    if key is None:
        key = next((k for prefix, k in table.starts_with if model.startswith(prefix)), None)
    if key is None and "/" in model:  # "openrouter/openai/gpt-4o": try the last two parts
        head, _, tail = model.partition("/")
        return maintained_price(tail) if head and tail else None
    return table.models.get(key) if key is not None else None


class LocalCostModel(BaseModel):
    """What running the local model costs (``[cost.local]`` in the config).

    One machine is on all month; its capacity is ``throughput * utilization`` tokens per second
    (``utilization`` leaves headroom for peaks), and more machines are added when the volume
    needs them. Each machine costs its amortised price, its idle power all month, and the
    operations time; generating adds ``power_watts - idle_watts`` for the busy hours.
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    hardware_price_usd: float = Field(default=6000.0, ge=0)
    """Machine with a GPU able to serve the local model."""
    amortization_months: int = Field(default=36, gt=0)
    power_watts: float = Field(default=350.0, ge=0)
    """Draw while generating."""
    idle_watts: float = Field(default=50.0, ge=0)
    """Draw while on and idle."""
    electricity_usd_per_kwh: float = Field(default=0.15, ge=0)
    utilization: float = Field(default=0.5, gt=0, le=1)
    """Highest sustained busy fraction planned for a machine."""
    ops_hours_per_month: float = Field(default=4.0, ge=0)
    """Operations time per machine (updates, monitoring, incidents)."""
    ops_hourly_rate_usd: float = Field(default=100.0, ge=0)
    throughput_tokens_per_s: float = Field(default=400.0, gt=0)
    """Tokens (input + output) processed per second, blended; measure it on your hardware."""

    def capacity_per_machine(self) -> float:
        """Tokens per month one machine serves at the planned utilization."""
        return self.throughput_tokens_per_s * 3600.0 * HOURS_PER_MONTH * self.utilization

    def machines(self, tokens_per_month: float) -> int:
        """Machines needed for a monthly volume (at least one)."""
        return max(1, math.ceil(tokens_per_month / self.capacity_per_machine()))

    def fixed_cost_per_machine(self) -> float:
        """Monthly cost of one machine before it generates anything."""
        idle_energy = self.idle_watts / 1000.0 * HOURS_PER_MONTH * self.electricity_usd_per_kwh
        hardware = self.hardware_price_usd / self.amortization_months
        return hardware + idle_energy + self.ops_hours_per_month * self.ops_hourly_rate_usd

    def marginal_cost_per_token(self) -> float:
        """Energy above idle to process one token, in USD."""
        extra_kw = max(self.power_watts - self.idle_watts, 0.0) / 1000.0
        return extra_kw * self.electricity_usd_per_kwh / (self.throughput_tokens_per_s * 3600.0)

    def monthly_cost(self, tokens_per_month: float) -> float:
        """Total monthly cost in USD of serving ``tokens_per_month`` locally."""
        tokens = max(tokens_per_month, 0.0)
        fixed = self.machines(tokens) * self.fixed_cost_per_machine()
        return fixed + tokens * self.marginal_cost_per_token()


class CostConfig(BaseModel):
    """``[cost]`` in the config: price overrides and the local cost model."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    prices: dict[str, ModelPrice] = Field(default_factory=dict)
    """Overrides of the maintained price table (genai-prices, pinned); an entry here wins."""
    local: LocalCostModel = Field(default_factory=LocalCostModel)
    input_share: float = Field(default=0.75, ge=0, le=1)
    """Share of input tokens in a volume given as one number (chat traffic is mostly input)."""

    def price_table(self) -> dict[str, ModelPrice]:
        """The overrides; :func:`find_price` falls back to the maintained table."""
        return dict(self.prices)


def find_price(model: str, prices: Mapping[str, ModelPrice] | None = None) -> ModelPrice | None:
    """Price of a model: an override in ``prices`` first, else the maintained table.

    In ``prices`` (your ``[cost.prices]``) the exact name wins, else the longest entry the name
    starts with plus ``-`` (``gpt-4o-2024-08-06`` finds ``gpt-4o``). Otherwise
    :func:`maintained_price` answers from genai-prices' pinned data.
    """
    table = prices or {}
    if model in table:
        return table[model]
    best = max((k for k in table if model.startswith(k + "-")), key=len, default=None)
    if best is not None:
        return table[best]
    return maintained_price(model)


def _price(model: str, prices: Mapping[str, ModelPrice] | None) -> ModelPrice:
    found = find_price(model, prices)
    if found is None:
        raise ValueError(f"no price for model {model!r}: add it under [cost.prices.{model!r}]")
    return found


def api_monthly_cost(
    model: str,
    input_tokens: float,
    output_tokens: float,
    *,
    prices: Mapping[str, ModelPrice] | None = None,
) -> float:
    """USD for a month of ``input_tokens`` and ``output_tokens`` on an API model.

    Raises:
        ValueError: if the model has no price.
    """
    p = _price(model, prices)
    return (input_tokens * p.input + output_tokens * p.output) / 1e6


def blended_price_per_token(
    model: str, input_share: float, *, prices: Mapping[str, ModelPrice] | None = None
) -> float:
    """USD per token of a volume with ``input_share`` input tokens."""
    p = _price(model, prices)
    return (input_share * p.input + (1.0 - input_share) * p.output) / 1e6


def crossover_volume(
    model: str,
    local: LocalCostModel,
    *,
    input_share: float = 0.75,
    prices: Mapping[str, ModelPrice] | None = None,
) -> float | None:
    """The monthly token volume from which local is cheaper than the API, or None if never.

    API cost is ``a * V``; local is ``k * F + e * V`` with ``k`` machines. On one machine they
    cross at ``V = F / (a - e)``. Each added machine adds ``F`` per ``capacity`` tokens, so if
    that point is beyond one machine's capacity, local is never cheaper at any volume.
    """
    a = blended_price_per_token(model, input_share, prices=prices)
    e = local.marginal_cost_per_token()
    if a <= e:
        return None
    v = local.fixed_cost_per_machine() / (a - e)
    return v if v <= local.capacity_per_machine() else None


def call_cost(
    target_adapter: str, model: str, usage: Usage, *, config: CostConfig | None = None
) -> float:
    """``cost_usd`` of one call.

    A model with a price (table or override) costs its price, wherever it runs. Otherwise a
    local adapter (llamacpp, ollama) costs the local model's marginal energy per token, and an
    unknown API model costs 0.0 (add its price to the config).
    """
    cfg = config or CostConfig()
    price = find_price(model, cfg.price_table())
    if price is not None:
        cost = (usage.input_tokens * price.input + usage.output_tokens * price.output) / 1e6
    elif target_adapter in LOCAL_ADAPTERS:
        cost = usage.total_tokens * cfg.local.marginal_cost_per_token()
    else:
        return 0.0
    # To the picodollar: a float's full repr (2.3749999999999997) in the audit record is noise,
    # and a long digit run that can contain any short number a caller wrote.
    return round(cost, 12)


# -- recommendation ----------------------------------------------------------------------------


class Recommendation(BaseModel):
    """What to run, and why."""

    model_config = ConfigDict(frozen=True)

    choice: Literal["api", "local", "hybrid"]
    reasons: list[str]
    routing: str
    """Which routing to configure for that choice."""
    api_cost: float
    local_cost: float


def recommend(
    volume: float,
    latency_p50_by_target: Mapping[str, float],
    privacy_share: float,
    *,
    model: str = "gpt-4o-mini",
    config: CostConfig | None = None,
    local_targets: Collection[str] = ("local",),
    input_share: float | None = None,
) -> Recommendation:
    """Recommend API, local or hybrid from monthly volume, measured latency and privacy needs.

    Rules, in order: at least 80% sensitive calls -> local; local cheaper and not more than 2x
    slower (p50) than the cloud -> local; local cheaper but slower -> hybrid (interactive and
    complex prompts to the cloud); API cheaper with some sensitive calls -> hybrid (sensitive
    to local, and tiered routing to use the local machine's spare capacity); otherwise API.

    Args:
        volume: tokens (input + output) per month.
        latency_p50_by_target: measured p50 ms per target name.
        privacy_share: share of calls with PII/PHI/SECRET findings, in ``[0, 1]``.
        model: the API model to price.
        config: prices and local cost model.
        local_targets: which names in ``latency_p50_by_target`` are local.
        input_share: share of input tokens (default: ``config.input_share``).
    """
    cfg = config or CostConfig()
    share = cfg.input_share if input_share is None else input_share
    prices = cfg.price_table()
    api = api_monthly_cost(model, volume * share, volume * (1 - share), prices=prices)
    local = cfg.local.monthly_cost(volume)
    cross = crossover_volume(model, cfg.local, input_share=share, prices=prices)
    reasons = [
        f"At {format_tokens(volume)} tokens/month, the API ({model}) costs ${api:,.2f}/month and "
        f"the local model ${local:,.2f}/month ({cfg.local.machines(volume)} machine(s))."
    ]
    reasons.append(
        f"Local becomes cheaper from {format_tokens(cross)} tokens/month."
        if cross is not None
        else f"Local is never cheaper than {model} at these prices and this hardware."
    )
    local_lat = [v for k, v in latency_p50_by_target.items() if k in local_targets]
    cloud_lat = [v for k, v in latency_p50_by_target.items() if k not in local_targets]
    slow = False
    if local_lat and cloud_lat:
        lo, cl = min(local_lat), min(cloud_lat)
        slow = lo > SLOW_FACTOR * cl
        reasons.append(
            f"Measured p50 latency: local {lo:,.0f} ms, cloud {cl:,.0f} ms"
            + (f" (local is more than {SLOW_FACTOR:g}x slower)." if slow else ".")
        )
    if privacy_share > 0:
        reasons.append(f"{privacy_share:.0%} of calls carry PII, PHI or secrets.")
    cheaper = local < api
    choice: Literal["api", "local", "hybrid"]
    if privacy_share >= PRIVACY_LOCAL_SHARE and local > EXPENSIVE_FACTOR * api:
        choice = "hybrid"
        routing = (
            "keep local only the categories your rules require (e.g. PHI = 'local'); "
            "redact the rest for the cloud (policy 'redact')"
        )
        reasons.append(
            f"Most traffic is sensitive, but keeping all of it local would cost "
            f"{local / max(api, 1e-9):,.0f}x the API bill (${local:,.2f} vs ${api:,.2f}/month). "
            "Both options: local keeps every sensitive payload on your hardware; the API with "
            "redaction sends placeholders, never the values. Keep local what must stay local."
        )
    elif privacy_share >= PRIVACY_LOCAL_SHARE:
        choice = "local"
        routing = "everything to the local target; cloud only as an explicit, redacted fallback"
        reasons.append(
            "Most traffic is sensitive, so keeping it on local hardware avoids "
            "sending it out at all, even redacted."
        )
    elif cheaper and not slow:
        choice, routing = "local", "everything to the local target; cloud as fallback"
        reasons.append(
            "Local is cheaper at this volume and fast enough."
            if local_lat and cloud_lat
            else "Local is cheaper at this volume (latency not measured: check it with "
            "--from-audit before moving interactive traffic)."
        )
    elif cheaper:
        choice = "hybrid"
        routing = "[routing] enabled: simple and batch prompts local, strong prompts cloud"
        reasons.append(
            "Local is cheaper but slower: keep latency-sensitive, complex prompts on "
            "the cloud and the rest local."
        )
    elif privacy_share > 0:
        choice = "hybrid"
        routing = (
            "policy keeps sensitive calls local; [routing] enabled so simple prompts use "
            "the local machine's spare capacity, strong prompts go to the cloud"
        )
        reasons.append(
            "The API is cheaper, but the local model is needed for sensitive calls "
            "anyway; its spare capacity can take simple prompts."
        )
    else:
        choice, routing = "api", "everything to the cloud target (redacting per policy)"
        reasons.append("The API is cheaper at this volume and nothing sensitive was seen.")
    return Recommendation(
        choice=choice, reasons=reasons, routing=routing, api_cost=api, local_cost=local
    )


def format_tokens(n: float | None) -> str:
    if n is None:
        return "never"
    for unit, div in (("B", 1e9), ("M", 1e6), ("k", 1e3)):
        if n >= div:
            return f"{n / div:,.1f}{unit}"
    return f"{n:,.0f}"


def __getattr__(name: str) -> Any:
    # The report, the chart and the ``cost_app`` CLI live in hybridllm.cost.report; they are
    # loaded on first access so that importing this module (the flow prices each call with it)
    # stays light and does not import typer.
    if name == "PRICES_AS_OF":  # read from the pinned table on first use, not at import
        pinned = _pinned()
        return f"{pinned.generated} (genai-prices {pinned.version})"
    if name in ("cost_app", "cost_command", "write_chart"):
        from hybridllm.cost import report as _cost_report

        return _cost_report.cost_app() if name == "cost_app" else getattr(_cost_report, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
