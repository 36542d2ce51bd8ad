"""Shared breakers when Redis goes away: calls go on per process, the audit says so, nothing goes
where the policy forbids, and the AsyncClient's event loop never waits on Redis.

Real redis-server (killed with SIGKILL, or frozen with SIGSTOP so that every Redis call waits
for its socket timeout), the real classifier, the official ``openai`` SDK against an instant
wire-level echo server on loopback.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import hybridllm
from hybridllm.client.resilience import SHARED_UNAVAILABLE
from hybridllm.testing import RedisServer
from hybridllm.testing.splitting import SplittingServer

RAW = ("Carla Mendes", "carla.mendes@example.com")
PROMPT = f"Please write to {RAW[0]} at {RAW[1]} about the invoice."
SECRET_PROMPT = "Rotate AKIAZ3MSJ7QXP4LKH2TD before Friday."


def _settings(cloud: SplittingServer, redis_url: str, audit: Path) -> dict[str, Any]:
    return {
        "targets": {
            "local": {"adapter": "llamacpp", "model": "m", "base_url": "http://127.0.0.1:9"},
            "cloud": {
                "adapter": "openai",
                "model": "m",
                "base_url": cloud.base_url + "/v1",
                "max_retries": 0,
            },
        },
        "default_target": "cloud",
        "fallback": {"cloud": [], "local": []},
        "policy": {"PII": "redact", "SECRET": "block"},
        "audit_path": audit,
        "breakers_redis_url": redis_url,
    }


@pytest.fixture
def cloud() -> Iterator[SplittingServer]:
    with SplittingServer() as server:
        yield server


def test_redis_killed_calls_go_on_audited_and_policy_holds(
    cloud: SplittingServer, tmp_path: Path
) -> None:
    with RedisServer() as redis_server:
        client = hybridllm.Client(**_settings(cloud, redis_server.url, tmp_path / "a.db"))
        with client:
            before = client.complete(PROMPT, max_tokens=16)
            assert before.route == "cloud"
            rec = client.audit.get(before.audit_id)
            assert rec is not None
            assert SHARED_UNAVAILABLE not in rec.warnings  # Redis answered
            redis_server.kill()
            t = time.monotonic()
            after = client.complete(PROMPT, max_tokens=16)
            blocked = client.complete(SECRET_PROMPT, max_tokens=16)
            elapsed = time.monotonic() - t
            assert after.route == "cloud"
            assert after.text == PROMPT  # restored from the redacted echo
            assert blocked.route == "blocked"
            rec = client.audit.get(after.audit_id)
            assert rec is not None
            assert SHARED_UNAVAILABLE in rec.warnings
            assert rec.hops[-1].outcome == "ok"
    assert elapsed < 5  # the outage costs a socket timeout at most, not a stall per call
    sent = cloud.bodies_text()
    assert len(cloud.requests) == 2  # the blocked call sent nothing anywhere
    for raw in (*RAW, "AKIAZ3MSJ7QXP4LKH2TD"):
        assert raw not in sent


def test_async_client_does_not_block_the_event_loop_on_a_hung_redis(
    cloud: SplittingServer, tmp_path: Path
) -> None:
    async def scenario(redis_server: RedisServer) -> tuple[float, float, Any]:
        client = hybridllm.AsyncClient(**_settings(cloud, redis_server.url, tmp_path / "b.db"))
        async with client:
            await client.acomplete(PROMPT, max_tokens=8)  # warm: connections, classifier
            redis_server.pause()  # every Redis call now waits for its socket timeout
            gaps: list[float] = []
            stop = asyncio.Event()

            async def ticker() -> None:
                last = time.monotonic()
                while not stop.is_set():
                    await asyncio.sleep(0.01)
                    now = time.monotonic()
                    gaps.append(now - last)
                    last = now

            tick = asyncio.create_task(ticker())
            t = time.monotonic()
            await asyncio.sleep(0.3)  # past the breaker's 0.25 s cache: the next check asks Redis
            r = await client.acomplete(PROMPT, max_tokens=8)
            took = time.monotonic() - t - 0.3
            stop.set()
            await tick
            rec = client.audit.get(r.audit_id)
        return took, max(gaps), rec

    with RedisServer() as redis_server:
        took, worst_gap, rec = asyncio.run(scenario(redis_server))
    assert took >= 0.9  # the call did wait for Redis (its socket timeout)...
    assert worst_gap < 0.5  # ...but the loop kept running meanwhile
    assert rec is not None
    assert rec.route == "cloud"
    assert SHARED_UNAVAILABLE in rec.warnings
