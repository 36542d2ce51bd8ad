"""Target cooldowns shared through a real redis-server: one worker's evidence stops the others.

Worker processes are real (multiprocessing, spawn); the flow test uses two Clients, the real
classifier, a wire-level OpenAI server that fails on purpose and the real llama-server as the
local fallback.
"""

from __future__ import annotations

import logging
import multiprocessing as mp
import time
from pathlib import Path
from typing import Any

import pytest

import hybridllm
from hybridllm.client.resilience import Breakers
from hybridllm.client.shared_breakers import RedisBreakerBackend
from hybridllm.config import TargetConfig
from hybridllm.errors import TransientProviderError
from hybridllm.local import LlamaServer
from hybridllm.testing import RedisServer
from hybridllm.testing.splitting import SplittingServer

TARGET = TargetConfig(
    adapter="openai", model="m", base_url="http://127.0.0.1:9/v1", cooldown_seconds=30
)


def _failing_worker(url: str, name: str, ready: Any, go: Any, out: Any) -> None:
    breakers = Breakers(shared=RedisBreakerBackend.from_url(url))
    ready.set()
    go.wait(60)
    for _ in range(TARGET.cooldown_after):  # what a worker's failed calls report
        breakers.settle(name, TARGET, TransientProviderError(f"{name}: HTTP 503", target=name))
    out.put(time.time())


def test_one_workers_failures_stop_another_worker_within_a_second(
    redis_server: RedisServer,
) -> None:
    name = f"cloud-{time.time_ns()}"
    mine = Breakers(shared=RedisBreakerBackend.from_url(redis_server.url))
    assert mine.refusal(name, TARGET) is None  # open for business (and "closed" is cached)
    ctx = mp.get_context("spawn")
    ready, go, out = ctx.Event(), ctx.Event(), ctx.Queue()
    proc = ctx.Process(target=_failing_worker, args=(redis_server.url, name, ready, go, out))
    proc.start()
    assert ready.wait(60)
    go.set()
    failed_at = out.get(timeout=60)
    # poll first, join after: the child's interpreter teardown is no part of the window
    while (refused := mine.refusal(name, TARGET)) is None and time.time() - failed_at < 5:
        time.sleep(0.01)
    seen_after = time.time() - failed_at
    proc.join(timeout=30)
    assert isinstance(refused, hybridllm.TransientProviderError)
    assert seen_after < 1.0
    assert not mine.is_open(name)  # this worker saw no failure itself: the evidence was shared
    # another target (same name, another endpoint) is not affected
    other = TARGET.model_copy(update={"base_url": "http://127.0.0.1:10/v1"})
    assert mine.refusal(name, other) is None
    # one success anywhere clears it for everyone (after the local cache of the mark)
    RedisBreakerBackend.from_url(redis_server.url).succeeded(name, TARGET)
    fresh = Breakers(shared=RedisBreakerBackend.from_url(redis_server.url))
    assert fresh.refusal(name, TARGET) is None


def test_redis_down_falls_back_to_per_process_breakers(
    caplog: pytest.LogCaptureFixture,
) -> None:
    with RedisServer() as server:
        breakers = Breakers(shared=RedisBreakerBackend.from_url(server.url))
        server.kill()
        err = TransientProviderError("cloud: HTTP 503", target="cloud")
        t = time.monotonic()
        with caplog.at_level(logging.WARNING, logger="hybridllm"):
            assert breakers.refusal("cloud", TARGET) is None  # no shared view: local decides
            for _ in range(TARGET.cooldown_after):
                breakers.settle("cloud", TARGET, err)
            refused = breakers.refusal("cloud", TARGET)
        assert time.monotonic() - t < 5  # an outage does not stall calls
        assert isinstance(refused, hybridllm.TransientProviderError)  # the local breaker opened
        warned = [r for r in caplog.records if "shared breakers unavailable" in r.getMessage()]
        assert len(warned) == 1  # said once, not per call


def _client(cloud: SplittingServer, llama: LlamaServer, audit: Path, redis_url: str) -> Any:
    return hybridllm.Client(
        targets={
            "local": {"adapter": "llamacpp", "model": "smollm2", "base_url": llama.base_url},
            "cloud": {
                "adapter": "openai",
                "model": "smollm2",
                "base_url": cloud.base_url + "/v1",
                "max_retries": 0,
                "cooldown_after": 2,
            },
        },
        default_target="cloud",
        local_target="local",
        fallback={"cloud": ["local"], "local": []},
        audit_path=audit,
        breakers_redis_url=redis_url,
    )


def test_a_client_skips_a_target_another_client_saw_fail(
    llama_server: LlamaServer, redis_server: RedisServer, tmp_path: Path
) -> None:
    with SplittingServer() as cloud:
        a = _client(cloud, llama_server, tmp_path / "a.db", redis_server.url)
        b = _client(cloud, llama_server, tmp_path / "b.db", redis_server.url)
        with a, b:
            cloud.fail_next(2, status=503)
            for _ in range(2):
                assert a.complete("What is 2 + 2?", max_tokens=4).route == "local"
            assert len(cloud.requests) == 2
            r = b.complete("What is 3 + 3?", max_tokens=4)
            assert r.route == "local"
            assert len(cloud.requests) == 2  # b never sent to the target a saw fail
            rec = b.audit.get(r.audit_id)
            assert rec is not None
            assert rec.hops[0].target == "cloud"
            assert rec.hops[0].outcome == "skipped"
            assert "cooling down" in rec.hops[0].detail
