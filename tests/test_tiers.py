"""Tiered routing and per-call cost, through the real flow."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.helpers import PHI_PROMPT, make_client

import hybridllm
from hybridllm.local import LlamaServer
from hybridllm.testing import RecordingProxy

HARD = (
    "Design a multi-region event-sourcing architecture for a payments ledger. Compare at "
    "least three consistency strategies, explain the trade-offs step by step, and it must "
    "handle exactly-once delivery, GDPR erasure and a 99.99% SLO. Include a migration plan."
)


@pytest.fixture
def client(
    llama_server: LlamaServer, recording_cloud: RecordingProxy, tmp_audit_path: Path
) -> hybridllm.Client:
    return make_client(
        local_url=llama_server.base_url,
        cloud_url=recording_cloud.base_url,
        audit_path=tmp_audit_path,
        routing={"enabled": True},
        cost={"prices": {"smollm2": {"input": 1.0, "output": 2.0}}},
    )


def test_simple_prompt_goes_local_hard_prompt_goes_cloud(
    client: hybridllm.Client, recording_cloud: RecordingProxy
) -> None:
    with client:
        easy = client.complete("What is 2 + 2?", max_tokens=4)
        hard = client.complete(HARD, max_tokens=4)
        phi = client.complete(PHI_PROMPT, max_tokens=4)
    assert (easy.route, easy.target) == ("local", "local")
    assert "tier 'simple'" in easy.decision.reason
    assert (hard.route, hard.target) == ("cloud", "cloud")
    assert "tier 'strong'" in hard.decision.reason
    assert [r.json["messages"][0]["content"] for r in recording_cloud.requests] == [HARD]
    assert phi.route == "local"  # sensitive prompts follow the policy, never the tiers
    assert "PHI" in phi.decision.reason


def test_cost_is_filled_from_the_price_table(client: hybridllm.Client) -> None:
    with client:
        r = client.complete(HARD, max_tokens=4)
        rec = client.audit.get(r.audit_id)
    expected = (r.usage.input_tokens * 1.0 + r.usage.output_tokens * 2.0) / 1_000_000
    assert r.cost_usd == pytest.approx(expected)
    assert rec is not None
    assert rec.cost_usd == pytest.approx(expected)
