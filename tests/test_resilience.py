"""Cooldowns, deadlines and target requirements (issue 5), on real servers."""

from __future__ import annotations

import time
from pathlib import Path

from tests.helpers import AWS_KEY, PHI_PROMPT, SECRET_PROMPT, make_client

import hybridllm
from hybridllm.client.resilience import Breakers
from hybridllm.config import Requirement, TargetConfig
from hybridllm.local import LlamaServer
from hybridllm.testing import RecordingProxy


class _Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_breaker_opens_after_n_failures_then_probes_once() -> None:
    clock = _Clock()
    cfg = TargetConfig(adapter="openai", model="m", cooldown_after=2, cooldown_seconds=10)
    b = Breakers(clock)
    assert b.allow("t", cfg)
    b.record("t", cfg, ok=False)
    assert b.allow("t", cfg)
    b.record("t", cfg, ok=False)
    assert b.is_open("t")
    assert not b.allow("t", cfg)
    clock.now += 10
    assert b.allow("t", cfg)  # the probe
    assert not b.allow("t", cfg)  # only one probe at a time
    b.record("t", cfg, ok=False)  # probe failed: open again for a full period
    clock.now += 5
    assert not b.allow("t", cfg)
    clock.now += 5
    assert b.allow("t", cfg)
    b.record("t", cfg, ok=True)
    assert not b.is_open("t")
    assert b.allow("t", cfg)


def test_cooldown_skips_a_dead_target_without_waiting_then_probes_it(
    llama_server: LlamaServer, recording_cloud: RecordingProxy, tmp_audit_path: Path
) -> None:
    with RecordingProxy(llama_server.base_url) as local:
        client = hybridllm.Client(
            targets={
                "local": {"adapter": "llamacpp", "model": "smollm2", "base_url": local.base_url},
                "cloud": {
                    "adapter": "openai",
                    "model": "smollm2",
                    "base_url": recording_cloud.base_url + "/v1",
                    "max_retries": 0,
                    "cooldown_after": 2,
                    "cooldown_seconds": 0.5,
                },
            },
            fallback={"local": [], "cloud": ["local"]},
            audit_path=tmp_audit_path,
        )
        with client:
            recording_cloud.fail_next(2, status=503)
            for _ in range(2):
                r = client.complete("What is 2 + 2?", max_tokens=2)
                assert r.target == "local"
            assert len(recording_cloud.requests) == 2
            t = time.perf_counter()
            r = client.complete("What is 3 + 3?", max_tokens=2)
            elapsed = time.perf_counter() - t
            assert r.target == "local"
            assert (r.hops[0].outcome, r.hops[0].attempts) == ("skipped", 0)
            assert len(recording_cloud.requests) == 2  # not even tried
            # the skip costs nothing: the call is the local model's answer and little else
            assert elapsed - r.hops[-1].latency_ms / 1000 < 1.0
            time.sleep(0.6)
            r = client.complete("What is 4 + 4?", max_tokens=2)
            assert r.target == "cloud"  # probed again, healthy, breaker closes
            assert len(recording_cloud.requests) == 3


def test_requirements_keep_phi_from_a_remote_target_without_baa(
    llama_server: LlamaServer, recording_cloud: RecordingProxy, tmp_audit_path: Path
) -> None:
    common = {
        "local_url": llama_server.base_url,
        "cloud_url": recording_cloud.base_url,
        "audit_path": tmp_audit_path,
    }
    # PHI may leave only redacted, and only to a target with a BAA; "cloud" has none.
    with make_client(
        **common,
        policy={"PHI": "redact"},
        requirements={"PHI": {"baa": True}},
        fallback={"local": [], "cloud": ["local"]},
    ) as client:
        r = client.complete(PHI_PROMPT, max_tokens=4)
        assert r.target == "local"
        assert r.hops[0].target == "cloud"
        assert r.hops[0].outcome == "skipped"
        assert "needs baa = true" in r.hops[0].detail
    assert recording_cloud.requests == []
    # The same policy with a BAA-covered target: PHI leaves, redacted.
    baa_targets = {
        "local": {"adapter": "llamacpp", "model": "smollm2", "base_url": llama_server.base_url},
        "cloud": {
            "adapter": "openai",
            "model": "smollm2",
            "base_url": recording_cloud.base_url + "/v1",
            "baa": True,
        },
    }
    with hybridllm.Client(
        targets=baa_targets,
        policy={"PHI": "redact"},
        requirements={"PHI": {"baa": True}},
        audit_path=tmp_audit_path,
    ) as client:
        r = client.complete(PHI_PROMPT, max_tokens=4)
        assert r.target == "cloud"
    sent = recording_cloud.bodies_text()
    assert "48201177" not in sent
    assert "[MEDICAL_RECORD_NUMBER_1]" in sent


def test_requirement_unmet_reasons() -> None:
    t = TargetConfig(adapter="openai", model="m", region="us", retention_days=30)
    req = Requirement(baa=True, regions=["eu"], max_retention_days=0, no_training=True)
    assert req.unmet(t) == [
        "needs baa = true",
        "needs region in ['eu'] (target: us)",
        "needs retention_days <= 0",
        "needs trains_on_inputs = false",
    ]
    ok = TargetConfig(
        adapter="openai",
        model="m",
        region="eu",
        retention_days=0,
        trains_on_inputs=False,
        baa=True,
    )
    assert req.unmet(ok) == []


def test_deadline_bounds_a_call_across_retries(
    llama_server: LlamaServer, recording_cloud: RecordingProxy, tmp_audit_path: Path
) -> None:
    with make_client(
        local_url=llama_server.base_url,
        cloud_url=recording_cloud.base_url,
        audit_path=tmp_audit_path,
        deadline=0.5,
    ) as client:
        client.warm_up()  # classification may take half of the 0.5 s deadline: load it first
        recording_cloud.fail_next(10, status=429, retry_after=5.0)
        t = time.perf_counter()
        try:  # the local fallback answers if it can within what is left of the deadline
            r = client.complete(SECRET_PROMPT, max_tokens=4)
        except hybridllm.NoTargetAvailableError as exc:
            hops = exc.hops
        else:
            hops = [(h.target, h.outcome) for h in r.hops]
        # did not sleep the 5 s Retry-After (the margin over the 0.5 s deadline is for load)
        assert time.perf_counter() - t < 4.0
    assert hops[0][0] == "cloud"
    assert len(recording_cloud.requests) == 1  # a wait past the deadline is not waited out
    assert AWS_KEY not in recording_cloud.bodies_text()


def test_audit_record_carries_the_answering_targets_attributes(
    llama_server: LlamaServer, recording_cloud: RecordingProxy, tmp_audit_path: Path
) -> None:
    targets = {
        "local": {"adapter": "llamacpp", "model": "smollm2", "base_url": llama_server.base_url},
        "cloud": {
            "adapter": "openai",
            "model": "smollm2",
            "base_url": recording_cloud.base_url + "/v1",
            "region": "eu",
            "retention_days": 0,
            "trains_on_inputs": False,
            "zdr": True,
        },
    }
    with hybridllm.Client(targets=targets, audit_path=tmp_audit_path) as client:
        r = client.complete("What is 2 + 2?", max_tokens=2)
        rec = client.audit.get(r.audit_id)
    assert rec is not None
    assert rec.region == "eu"
    assert rec.target_attributes == {
        "locality": "remote",
        "region": "eu",
        "retention_days": 0,
        "trains_on_inputs": False,
        "baa": False,
        "zdr": True,
    }
