"""Cost model: hand-computed cases for prices, local cost, crossover, recommendation, audit."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from pydantic import ValidationError
from typer.testing import CliRunner

from hybridllm.audit.store import AuditStore
from hybridllm.cost import (
    CostConfig,
    LocalCostModel,
    ModelPrice,
    api_monthly_cost,
    call_cost,
    cost_command,
    crossover_volume,
    find_price,
    read_audit_usage,
    recommend,
    write_chart,
)
from hybridllm.models import AuditRecord, Usage

# A machine whose numbers are easy to follow by hand:
#   hardware     3600 / 36 months                  = 100.00 USD/month
#   idle energy  0.1 kW * 730 h * 0.20 USD/kWh      =  14.60 USD/month
#   operations   2 h * 50 USD/h                     = 100.00 USD/month
#   fixed per machine                               = 214.60 USD/month
#   marginal     (0.5 - 0.1) kW * 0.20 USD/kWh = 0.08 USD/h over 1000 tok/s * 3600 s
#                = 0.08 / 3.6e6 = 2.2222e-8 USD/token (0.0222 USD per million)
#   capacity     1000 tok/s * 3600 * 730 h * 0.5    = 1.314e9 tokens/month per machine
LOCAL = LocalCostModel(
    hardware_price_usd=3600,
    amortization_months=36,
    power_watts=500,
    idle_watts=100,
    electricity_usd_per_kwh=0.20,
    utilization=0.5,
    ops_hours_per_month=2,
    ops_hourly_rate_usd=50,
    throughput_tokens_per_s=1000,
)
CFG = CostConfig(local=LOCAL)
E = 0.08 / 3.6e6


def test_local_cost_model_by_hand() -> None:
    assert LOCAL.fixed_cost_per_machine() == pytest.approx(214.60)
    assert LOCAL.marginal_cost_per_token() == pytest.approx(E)
    assert LOCAL.capacity_per_machine() == pytest.approx(1.314e9)
    # 1e9 tokens: one machine, 214.60 + 1e9 * 2.2222e-8 = 214.60 + 22.222 = 236.822
    assert LOCAL.monthly_cost(1e9) == pytest.approx(236.8222, abs=1e-3)
    # 2e9 tokens: ceil(2e9 / 1.314e9) = 2 machines, 2 * 214.60 + 44.444 = 473.644
    assert LOCAL.machines(2e9) == 2
    assert LOCAL.monthly_cost(2e9) == pytest.approx(473.6444, abs=1e-3)
    # Nothing at all still pays for the one machine that is on.
    assert LOCAL.monthly_cost(0) == pytest.approx(214.60)


def test_api_monthly_cost_by_hand() -> None:
    # gpt-4o at 2.50 / 10.00 per million: 75M in + 25M out = 187.50 + 250.00 = 437.50
    assert api_monthly_cost("gpt-4o", 75e6, 25e6) == pytest.approx(437.50)
    # An override wins over the default table.
    prices = CostConfig(prices={"gpt-4o": ModelPrice(input=1, output=2)}).price_table()
    assert api_monthly_cost("gpt-4o", 75e6, 25e6, prices=prices) == pytest.approx(75 + 50)
    with pytest.raises(ValueError, match="no price for model"):
        api_monthly_cost("no-such-model", 1, 1)


def test_find_price_uses_the_maintained_table_by_name_snapshot_and_provider() -> None:
    # List prices from the pinned genai-prices table (USD per million tokens).
    mini = ModelPrice(input=0.15, output=0.60)
    assert find_price("gpt-4o-mini") == mini
    assert find_price("gpt-4o-mini-2024-07-18") == mini  # a dated snapshot
    assert find_price("openai/gpt-4o") == ModelPrice(input=2.50, output=10.00)  # provider/model
    assert find_price("claude-3-5-haiku-20241022") == ModelPrice(input=0.80, output=4.00)
    assert find_price("gpt-4") == ModelPrice(input=30.0, output=60.0)  # not gpt-4o's price
    assert find_price("smollm2") is None  # a local model has no list price
    assert find_price("no-such-model") is None
    # An override wins over the maintained table.
    override = {"gpt-4o": ModelPrice(input=1.0, output=2.0)}
    assert find_price("gpt-4o-2024-08-06", override) == ModelPrice(input=1.0, output=2.0)


def test_the_pinned_table_is_large_and_records_its_source() -> None:
    import json

    from hybridllm import cost

    data = json.loads(cost.PRICES_FILE.read_text(encoding="utf-8"))
    assert len(data["models"]) > 1000
    assert "genai-prices" in data["source"]
    assert data["version"] in cost.PRICES_AS_OF


def test_crossover_by_hand() -> None:
    prices = {"m": ModelPrice(input=1.0, output=3.0), "cheap": ModelPrice(input=0.1, output=0.1)}
    # Blended at 50% input: (0.5 * 1 + 0.5 * 3) / 1e6 = 2e-6 USD/token.
    # V = 214.60 / (2e-6 - 2.2222e-8) = 214.60 / 1.97778e-6 = 108,505,618 tokens/month.
    v = crossover_volume("m", LOCAL, input_share=0.5, prices=prices)
    assert v is not None
    assert v == pytest.approx(214.60 / (2e-6 - E))
    assert v == pytest.approx(108.5056e6, rel=1e-5)
    assert api_monthly_cost("m", v / 2, v / 2, prices=prices) == pytest.approx(
        LOCAL.monthly_cost(v)
    )
    # 0.1 USD/M: V = 214.60 / (1e-7 - 2.22e-8) = 2.76e9 > one machine's 1.314e9: never.
    assert crossover_volume("cheap", LOCAL, input_share=0.5, prices=prices) is None
    # Cheaper per token than local electricity: never.
    tiny = {"t": ModelPrice(input=0.01, output=0.01)}
    assert crossover_volume("t", LOCAL, input_share=0.5, prices=tiny) is None


def test_call_cost_cloud_and_local() -> None:
    # gpt-4o-mini 0.15 / 0.60: (1000 * 0.15 + 500 * 0.60) / 1e6 = 450 / 1e6
    assert call_cost(
        "openai", "gpt-4o-mini-2024-07-18", Usage(input_tokens=1000, output_tokens=500)
    ) == (pytest.approx(4.5e-4))
    # Local model without a price: 3600 tokens * 2.2222e-8 = 8.0e-5
    usage = Usage(input_tokens=3000, output_tokens=600)
    assert call_cost("llamacpp", "smollm2", usage, config=CFG) == pytest.approx(8.0e-5)
    assert call_cost("ollama", "llama3.2", usage, config=CFG) == pytest.approx(8.0e-5)
    # A price set for a local model wins: (3000 * 0.01 + 600 * 0.02) / 1e6 = 42 / 1e6
    priced = CostConfig(local=LOCAL, prices={"smollm2": ModelPrice(input=0.01, output=0.02)})
    assert call_cost("llamacpp", "smollm2", usage, config=priced) == pytest.approx(4.2e-5)
    # An API model with no price costs 0.0 rather than failing the call.
    assert call_cost("openai", "some-new-model", usage) == 0.0


def test_recommend_cases() -> None:
    # 1e9 tokens of gpt-4o at 75% input: 1e3 * (0.75 * 2.5 + 0.25 * 10) = 4375 USD vs local
    # 236.82 USD: local, and fast enough (300 ms vs 400 ms).
    rec = recommend(1e9, {"local": 300, "cloud": 400}, 0.0, model="gpt-4o", config=CFG)
    assert rec.choice == "local"
    assert rec.api_cost == pytest.approx(4375.0)
    assert rec.local_cost == pytest.approx(236.8222, abs=1e-3)
    assert any("4,375.00" in r and "236.82" in r for r in rec.reasons)
    # Same, but local is 5x slower: hybrid with tiered routing.
    rec = recommend(1e9, {"local": 2000, "cloud": 400}, 0.0, model="gpt-4o", config=CFG)
    assert rec.choice == "hybrid"
    assert "[routing]" in rec.routing
    assert any("more than 2x slower" in r for r in rec.reasons)
    # 1M tokens of gpt-4o-mini = 0.2625 USD vs 214.62 USD local, nothing sensitive: API.
    rec = recommend(1e6, {}, 0.0, model="gpt-4o-mini", config=CFG)
    assert rec.choice == "api"
    assert rec.api_cost == pytest.approx(0.2625)
    # ... with 20% sensitive calls: hybrid (the local machine is needed anyway).
    rec = recommend(1e6, {}, 0.2, model="gpt-4o-mini", config=CFG)
    assert rec.choice == "hybrid"
    assert any("20% of calls" in r for r in rec.reasons)
    # Mostly sensitive and local affordable (within 3x the API bill): local.
    assert recommend(1e9, {}, 0.9, model="gpt-4o-mini", config=CFG).choice == "local"
    # Mostly sensitive but local ~800x the API bill: not local on privacy alone; say both.
    rec = recommend(1e6, {}, 0.9, model="gpt-4o-mini", config=CFG)
    assert rec.choice == "hybrid"
    assert any("x the API bill" in r and "Both options" in r for r in rec.reasons)


def test_chart_is_self_contained_with_both_series(tmp_path: Path) -> None:
    out = write_chart(tmp_path / "c.html", model="gpt-4o", config=CFG, current_volume=2e8)
    text = out.read_text(encoding="utf-8")
    assert 'id="series-api"' in text
    assert 'id="series-local"' in text
    assert 'id="mark-crossover"' in text
    assert "<script" not in text
    assert "src=" not in text
    assert "https://" not in text
    svg = write_chart(tmp_path / "c.svg", model="gpt-4o", config=CFG)
    assert svg.read_text(encoding="utf-8").startswith("<svg")
    with pytest.raises(ValueError, match=r"html or \.svg"):
        write_chart(tmp_path / "c.png", model="gpt-4o")


NOW = datetime(2026, 1, 31, tzinfo=UTC)


def _record(n: int, day: int, **kw: object) -> AuditRecord:
    base: dict[str, object] = {
        "id": f"r{n}",
        "ts": f"2026-01-{day:02d}T12:00:00.000000Z",
        "status": "ok",
        "route": "local",
        "reason": "test",
    }
    base.update(kw)
    return AuditRecord.model_validate(base)


@pytest.fixture
def audit_db(tmp_path: Path) -> Path:
    path = tmp_path / "audit.db"
    with AuditStore(path) as store:
        for rec in [
            _record(
                0,
                1,
                target="cloud",
                locality="remote",
                model="gpt-4o-mini",
                input_tokens=99999,
                output_tokens=99999,
                latency_ms={"provider": 1.0},
            ),
            _record(
                1,
                25,
                target="local",
                locality="local",
                model="smollm2",
                input_tokens=100,
                output_tokens=50,
                latency_ms={"provider": 200.0, "total": 220.0},
                categories=("PII",),
            ),
            _record(
                2,
                26,
                target="local",
                locality="local",
                model="smollm2",
                input_tokens=300,
                output_tokens=100,
                latency_ms={"provider": 400.0},
            ),
            _record(
                3,
                27,
                target="cloud",
                route="cloud",
                locality="remote",
                model="gpt-4o-mini",
                input_tokens=1000,
                output_tokens=500,
                latency_ms={"provider": 800.0, "total": 900.0},
            ),
            _record(
                4,
                28,
                target="cloud",
                route="cloud",
                locality="remote",
                model="gpt-4o-mini",
                input_tokens=1000,
                output_tokens=500,
                latency_ms={"total": 1200.0},
            ),
            _record(5, 29, status="blocked", route="blocked", categories=("SECRET",)),
        ]:
            store.append(rec)
    return path


def test_read_audit_usage_by_hand(audit_db: Path) -> None:
    usage = read_audit_usage(audit_db, days=10, now=NOW)
    # Window 2026-01-21..31; record 0 (Jan 1) is outside. The first record inside is Jan 25
    # 12:00, so the window covers 5.5 days of traffic, not 10.
    assert usage.days == pytest.approx(5.5)
    assert usage.calls == 5
    assert usage.sensitive_calls == 2
    assert usage.privacy_share == pytest.approx(0.4)
    assert (usage.input_tokens, usage.output_tokens) == (2400, 1150)
    # 3550 tokens * (30.4167 days per month / 5.5 days) = 19,632.6
    assert usage.monthly_tokens == pytest.approx(3550 * (730 / 24) / 5.5)
    assert usage.input_share == pytest.approx(2400 / 3550)
    local, cloud = usage.targets["local"], usage.targets["cloud"]
    # Nearest rank: p50 of [200, 400] is the 1st value, p95 the 2nd.
    assert (local.p50_ms, local.p95_ms) == (200.0, 400.0)
    # "provider" latency when recorded, else "total": [800, 1200].
    assert (cloud.p50_ms, cloud.p95_ms) == (800.0, 1200.0)
    assert (local.calls, cloud.calls) == (2, 2)
    assert local.model == "smollm2"
    assert usage.local_targets == frozenset({"local"})
    with AuditStore(audit_db) as store:
        assert read_audit_usage(store, days=10, now=NOW) == usage


def test_cost_command_text(tmp_path: Path, audit_db: Path) -> None:
    text = cost_command(monthly_tokens=2e8, model="gpt-4o", config=CFG, chart=tmp_path / "c.html")
    # API: 200M * (0.75 * 2.5 + 0.25 * 10) / 1e6 = 875.00; local: 214.60 + 2e8 * E = 219.04
    assert "API (gpt-4o):  $875.00/month" in text
    assert "Local:  $219.04/month" in text
    assert "Recommendation: LOCAL" in text
    assert (tmp_path / "c.html").is_file()
    usage = read_audit_usage(audit_db, days=10, now=NOW)
    text = cost_command(monthly_tokens=usage.monthly_tokens, model="gpt-4o-mini", usage=usage)
    assert "5 calls over 5.5 days" in text
    assert "p50=200 ms p95=400 ms" in text
    assert "40% of calls carry PII, PHI or secrets." in text


def test_cli(tmp_path: Path, audit_db: Path) -> None:
    from hybridllm.cost import cost_app

    runner = CliRunner()
    chart = tmp_path / "out" / "chart.html"
    result = runner.invoke(
        cost_app,
        [
            "--monthly-tokens",
            "200000000",
            "--model",
            "gpt-4o",
            "--hardware-price",
            "3600",
            "--throughput",
            "1000",
            "--chart",
            str(chart),
        ],
    )
    assert result.exit_code == 0, result.output
    assert "Crossover:" in result.output
    assert chart.is_file()
    result = runner.invoke(
        cost_app, ["--from-audit", str(audit_db), "--days", "3650", "--chart", str(chart)]
    )
    assert result.exit_code == 0, result.output
    assert "Audit log: 6 calls" in result.output
    result = runner.invoke(cost_app, ["--chart", str(chart)])
    assert result.exit_code == 2
    assert "--monthly-tokens or --from-audit" in result.output
    # Negative volumes and shares outside [0, 1] are usage errors, not a report.
    for bad in (["--monthly-tokens", "-5"], ["--monthly-tokens", "1", "--privacy-share", "1.5"]):
        result = runner.invoke(cost_app, [*bad, "--chart", str(chart)])
        assert result.exit_code == 2, result.output
    # A provider-qualified model name is priced.
    result = runner.invoke(
        cost_app, ["--monthly-tokens", "1000000", "--model", "openai/gpt-4o", "--chart", str(chart)]
    )
    assert result.exit_code == 0, result.output


def test_config_validation() -> None:
    with pytest.raises(ValidationError):
        CostConfig.model_validate({"local": {"hardware_price": 100}})
    with pytest.raises(ValidationError):
        LocalCostModel(utilization=0)
    cfg = CostConfig.model_validate(
        {"prices": {"my-model": {"input": 1, "output": 2}}, "local": {"power_watts": 200}}
    )
    assert cfg.price_table()["my-model"] == ModelPrice(input=1, output=2)
    assert "gpt-4o" not in cfg.price_table()  # only overrides; the rest is the pinned table
    assert find_price("gpt-4o", cfg.price_table()) == ModelPrice(input=2.5, output=10.0)


def test_call_cost_is_kept_to_the_picodollar() -> None:
    # Float noise (2.3749999999999997) would put a long digit run into the audit record.
    usage = Usage(input_tokens=3000, output_tokens=600)
    for price in (ModelPrice(input=0.1, output=0.2), ModelPrice(input=0.15, output=0.7)):
        cost = call_cost("openai", "m", usage, config=CostConfig(prices={"m": price}))
        assert cost == pytest.approx((3000 * price.input + 600 * price.output) / 1e6)
        assert len(repr(cost).split(".")[-1]) <= 12
    local = call_cost("llamacpp", "smollm2", Usage(input_tokens=7, output_tokens=0), config=CFG)
    assert 0 < local == round(local, 12)
