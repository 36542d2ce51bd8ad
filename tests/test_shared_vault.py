"""The shared vault on a real redis-server: many processes, one placeholder map per conversation.

Every test talks to Debian's ``redis-server`` on 127.0.0.1 (session fixture in conftest, or its
own server where the test kills it). Processes are real (multiprocessing, spawn).
"""

from __future__ import annotations

import multiprocessing as mp
import os
import random
import time
from typing import Any

import pytest
import redis

import hybridllm
from hybridllm.redaction import RedactionConfig, forget, generate_key, open_vault, restore
from hybridllm.redaction.redis_store import RedisVaultStore
from hybridllm.testing import RedisServer

VALUES = [f"user{i:02d}.name@example.com" for i in range(40)]


def _config(url: str, **extra: Any) -> RedactionConfig:
    return RedactionConfig(store="redis", redis_url=url, ttl_seconds=3600, **extra)


@pytest.fixture
def vault_key(monkeypatch: pytest.MonkeyPatch) -> str:
    key = generate_key()
    monkeypatch.setenv("HYBRIDLLM_VAULT_KEY", key)
    return key


def _scan_everything(url: str) -> list[bytes]:
    """Every key name and every stored byte in the Redis database."""
    r = redis.Redis.from_url(url)
    out: list[bytes] = []
    for name in r.scan_iter(count=1000):
        out.append(name)
        kind = r.type(name)
        if kind == b"hash":
            for k, v in r.hgetall(name).items():
                out += [k, v]
        elif kind == b"string":
            out.append(r.get(name) or b"")
        else:  # the store only makes hashes and strings
            out.append(kind)
    r.close()
    return out


def _mint_worker(job: tuple[str, str, str, int], start: Any, out: Any) -> None:
    url, key, scope, seed = job
    os.environ["HYBRIDLLM_VAULT_KEY"] = key
    vault = open_vault(_config(url), scope)
    order = list(VALUES)
    random.Random(seed).shuffle(order)
    start.wait(30)
    got = [(v, vault.mint("EMAIL_ADDRESS", v, category="PII")) for v in order]
    out.put(got)


def test_two_processes_minting_at_once_agree_on_one_placeholder_per_value(
    redis_server: RedisServer, vault_key: str
) -> None:
    ctx = mp.get_context("spawn")
    start, out = ctx.Event(), ctx.Queue()
    scope = f"race-{time.time_ns()}"
    procs = [
        ctx.Process(target=_mint_worker, args=((redis_server.url, vault_key, scope, s), start, out))
        for s in (1, 2)
    ]
    for p in procs:
        p.start()
    time.sleep(0.5)  # both are importing; the event releases them together
    start.set()
    results = [dict(out.get(timeout=120)) for _ in procs]
    for p in procs:
        p.join(timeout=30)
        assert p.exitcode == 0
    first, second = results
    assert first == second  # one placeholder per value, whoever minted it first
    tokens = set(first.values())
    assert len(tokens) == len(VALUES)  # and no placeholder for two values
    assert tokens == {f"[EMAIL_ADDRESS_{i}]" for i in range(1, len(VALUES) + 1)}
    fresh = open_vault(_config(redis_server.url), scope)
    assert all(fresh.lookup(t) == v for v, t in first.items())


def test_nothing_raw_in_redis_and_forget_erases_everywhere(
    redis_server: RedisServer, vault_key: str
) -> None:
    config = _config(redis_server.url)
    scope = f"patient-chat-{time.time_ns()}"
    a = open_vault(config, scope)
    b = open_vault(config, scope)  # another worker's copy of the same conversation
    for v in VALUES[:5]:
        a.mint("EMAIL_ADDRESS", v, category="PII")
    a.mint("PERSON", "Maria Garcia", category="PII")
    assert restore("Hi [PERSON_1] at [EMAIL_ADDRESS_5]", b)[0] == f"Hi Maria Garcia at {VALUES[4]}"

    stored = b"\n".join(_scan_everything(redis_server.url))
    assert stored  # the store did write something
    for raw in [*VALUES[:5], "Maria Garcia", scope, "PERSON", "EMAIL"]:
        assert raw.encode() not in stored, raw

    store = a._store
    assert isinstance(store, RedisVaultStore)
    mine = store.data_key(scope).encode()
    assert mine in stored
    forget(config, scope)
    assert not [k for k in _scan_everything(redis_server.url) if k.startswith(mine)]
    # the other worker's in-memory copy is dropped at its next batch: old tokens are gone,
    # numbering starts again, and a new value can never come back as an old one
    assert b.mint("PERSON", "Bob Stone", category="PII") == "[PERSON_1]"
    assert b.lookup("[EMAIL_ADDRESS_5]") is None
    assert restore("[EMAIL_ADDRESS_5]", open_vault(config, scope))[0] == "[EMAIL_ADDRESS_5]"


def test_a_conversation_expires_in_redis_after_its_ttl(
    redis_server: RedisServer, vault_key: str
) -> None:
    config = _config(redis_server.url, conversation_ttl_seconds=0.4)
    scope = f"ttl-{time.time_ns()}"
    vault = open_vault(config, scope)
    vault.mint("PERSON", "Maria Garcia", category="PII")
    store = vault._store
    assert isinstance(store, RedisVaultStore)
    r = redis.Redis.from_url(redis_server.url)
    ttl_ms = r.pttl(store.data_key(scope))
    assert 0 < ttl_ms <= 400
    time.sleep(0.6)
    assert r.exists(store.data_key(scope)) == 0
    r.close()
    assert open_vault(config, scope).lookup("[PERSON_1]") is None


def test_another_key_cannot_read_a_conversation(
    redis_server: RedisServer, vault_key: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = _config(redis_server.url)
    scope = f"key-{time.time_ns()}"
    open_vault(config, scope).mint("PERSON", "Maria Garcia", category="PII")
    monkeypatch.setenv("HYBRIDLLM_VAULT_KEY", generate_key())
    # key names derive from the key: another key does not even find the entry
    assert open_vault(_config(redis_server.url), scope).lookup("[PERSON_1]") is None


def test_redis_down_fails_closed_with_a_typed_error(vault_key: str) -> None:
    with RedisServer() as server:
        config = _config(server.url)
        vault = open_vault(config, "outage")
        assert vault.mint("PERSON", "Maria Garcia", category="PII") == "[PERSON_1]"
        server.kill()
        t = time.monotonic()
        with pytest.raises(hybridllm.VaultUnavailableError) as info:
            vault.mint("PERSON", "Bob Stone", category="PII")
        assert time.monotonic() - t < 5  # fails fast, does not hang the call
        assert "Bob" not in str(info.value)
        assert "Maria" not in str(info.value)
        # what was stored before the outage still restores from the local copy, and an
        # unknown token stays a token (never a guess)
        assert restore("[PERSON_1] [PERSON_2]", vault)[0] == "Maria Garcia [PERSON_2]"
        with pytest.raises(hybridllm.VaultUnavailableError):
            forget(config, "outage")
        server.start()  # back (empty: no persistence): minting works again, numbering anew
        assert open_vault(config, "outage").mint("PERSON", "Bob Stone", category="PII") == (
            "[PERSON_1]"
        )


def test_store_redis_needs_a_key(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("HYBRIDLLM_VAULT_KEY", raising=False)
    with pytest.raises(ValueError, match="needs a key"):
        RedactionConfig(store="redis")
