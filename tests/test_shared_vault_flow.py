"""Conversations across worker processes on the shared Redis vault, end to end.

Real classifier, real Clients in separate processes, the official OpenAI SDK talking to a
wire-level echo server (:class:`~hybridllm.testing.splitting.SplittingServer`: it answers with
the last user message it received, so each reply carries exactly the tokens minted for it),
and Debian's redis-server on loopback.
"""

from __future__ import annotations

import asyncio
import json
import multiprocessing as mp
import os
import re
import time
from pathlib import Path
from typing import Any

import pytest
from tests.helpers import make_client

import hybridllm
from hybridllm.local import LlamaServer
from hybridllm.redaction import generate_key
from hybridllm.testing import RedisServer
from hybridllm.testing.splitting import SplittingServer

NAME, MAIL, PHONE = "Maria Garcia", "maria.garcia@example.com", "415-555-0132"
OTHER = "jonas.berg@example.org"
TURNS = [
    f"Please write to {NAME} at {MAIL} about the invoice.",
    f"Also copy {OTHER} and tell {NAME} it is urgent.",
    f"{NAME} can be called on {PHONE} in the afternoon.",
    f"Remind {NAME} that {MAIL} is the address on file.",
    f"Summarize: {NAME}, {MAIL}, {OTHER}, {PHONE}.",
]
RAW = (NAME, MAIL, PHONE, OTHER)
TOKEN = re.compile(r"\[[A-Z_]+_\d+\]")


def _client(cloud_url: str, redis_url: str, audit: Path, local_url: str) -> Any:
    return make_client(
        local_url=local_url,
        cloud_url=cloud_url,
        audit_path=audit,
        redaction={"store": "redis", "redis_url": redis_url},
    )


def _worker(setup: tuple[int, str, str, str, str], jobs: Any, out: Any) -> None:
    n, key, cloud_url, redis_url, root = setup
    os.environ["HYBRIDLLM_VAULT_KEY"] = key
    with _client(cloud_url, redis_url, Path(root) / f"audit{n}.db", "http://127.0.0.1:9") as c:
        c.warm_up(timeout=240)  # load the classifier in every worker at once, not turn by turn
        out.put(("ready", n, None))
        while (job := jobs.get(timeout=300)) is not None:
            conv_id, message = job
            r = c.conversation(conv_id).complete(message, max_tokens=64)
            out.put(("done", n, {"text": r.text, "route": r.route}))


@pytest.mark.timeout(600)  # four processes each load the classifier (2 cores: ~2 min loaded)
def test_five_turns_on_four_worker_processes_keep_one_placeholder_per_value(
    redis_server: RedisServer, tmp_path: Path
) -> None:
    """Each turn carries only its new message (the provider keeps the context, as with
    OpenAI's ``previous_response_id``): exactly where per-process vaults would disagree (turn 2
    on a fresh worker would call the second address ``[EMAIL_ADDRESS_1]``) and where a reply
    naming an earlier turn's placeholder could not be restored by another worker."""
    key = generate_key()
    ctx = mp.get_context("spawn")
    queues = [ctx.Queue() for _ in range(4)]
    out = ctx.Queue()
    with SplittingServer() as cloud:
        procs = [
            ctx.Process(
                target=_worker,
                args=((n, key, cloud.base_url, redis_server.url, str(tmp_path)), queues[n], out),
            )
            for n in range(4)
        ]
        for p in procs:
            p.start()
        try:
            ready = {out.get(timeout=300)[1] for _ in procs}
            assert ready == {0, 1, 2, 3}
            conv_id = f"conv-{time.time_ns()}"
            served: list[int] = []

            def turn(i: int, message: str) -> dict[str, str]:
                queues[i % 4].put((conv_id, message))  # turn i lands on worker i % 4
                kind, n, reply = out.get(timeout=300)
                assert kind == "done"
                served.append(n)
                assert reply["route"] == "cloud"
                return dict(reply)

            for i, message in enumerate(TURNS):
                # the echo carries this turn's tokens back: restored, whoever minted them
                assert turn(i, message)["text"] == message
            sent = [json.loads(r.body) for r in cloud.requests]
            seen = _tokens_by_turn(sent)
            # A reply naming every token of the conversation, answered by worker 1, which
            # minted none of NAME's or MAIL's (worker 0 did): all restored.
            cloud.set_reply(" | ".join(sorted(seen)))
            last = turn(5, "Who did we talk about?")["text"]
            assert last == " | ".join(seen[t] for t in sorted(seen))
        finally:
            for q in queues:
                q.put(None)
            for p in procs:
                p.join(timeout=60)
        assert sorted(set(served)) == [0, 1, 2, 3]
        wire = "\n".join(r.body.decode() for r in cloud.requests)
    for raw in RAW:
        assert raw not in wire  # the cloud never saw a raw value
    by_value: dict[str, set[str]] = {}
    for token, value in seen.items():
        by_value.setdefault(value, set()).add(token)
    assert set(by_value) >= {NAME, MAIL, OTHER}
    assert all(len(tokens) == 1 for tokens in by_value.values())  # one placeholder per value


def _tokens_by_turn(sent: list[dict[str, Any]]) -> dict[str, str]:
    """token -> the value it replaced, over every turn; a token standing for two values fails."""
    assert len(sent) == len(TURNS)
    seen: dict[str, str] = {}
    for body, original in zip(sent, TURNS, strict=True):
        users = [m["content"] for m in body["messages"] if m["role"] == "user"]
        assert len(users) == 1  # only the new message went
        for token, value in _align(original, users[0]).items():
            assert seen.setdefault(token, value) == value, token
    return seen


def _align(original: str, redacted: str) -> dict[str, str]:
    """Which value each token of ``redacted`` replaced in ``original`` (text around is kept)."""
    parts = TOKEN.split(redacted)
    tokens = TOKEN.findall(redacted)
    out: dict[str, str] = {}
    pos = len(parts[0])
    assert original.startswith(parts[0])
    for token, after in zip(tokens, parts[1:], strict=True):
        end = original.index(after, pos) if after else len(original)
        out[token] = original[pos:end]
        pos = end + len(after)
    return out


def test_redis_killed_mid_conversation_fails_closed_and_is_audited(
    llama_server: LlamaServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HYBRIDLLM_VAULT_KEY", generate_key())
    with RedisServer() as server, SplittingServer() as cloud:
        with _client(cloud.base_url, server.url, tmp_path / "a.db", llama_server.base_url) as c:
            conv = c.conversation("outage")
            first = conv.complete(TURNS[0], max_tokens=32)
            assert first.route == "cloud"
            assert first.text == TURNS[0]
            server.kill()
            with pytest.raises(hybridllm.NoTargetAvailableError) as info:
                conv.complete(TURNS[1], max_tokens=32)
            assert len(cloud.requests) == 1  # nothing more left the machine
            rec = c.audit.get(info.value.audit_id)
            assert rec is not None
            assert rec.status == "error"
            assert any("VaultUnavailableError" in h.detail for h in rec.hops)
            for raw in RAW:
                assert raw not in rec.model_dump_json()
            # A call outside a conversation has its own in-memory scope: it still goes out.
            alone = c.complete(TURNS[1], max_tokens=32)
            assert alone.route == "cloud"
            assert alone.text == TURNS[1]
            assert len(cloud.requests) == 2
        # With a local fallback, the sensitive turn is answered locally instead.
        with make_client(
            local_url=llama_server.base_url,
            cloud_url=cloud.base_url,
            audit_path=tmp_path / "b.db",
            fallback={"cloud": ["local"], "local": []},
            redaction={"store": "redis", "redis_url": server.url},
        ) as c:
            r = c.conversation("outage").complete(TURNS[1], max_tokens=8)
            assert r.route == "local"
            assert len(cloud.requests) == 2


def test_forget_through_the_client_erases_the_conversation(
    redis_server: RedisServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HYBRIDLLM_VAULT_KEY", generate_key())
    with SplittingServer() as cloud:
        a = _client(cloud.base_url, redis_server.url, tmp_path / "a.db", "http://127.0.0.1:9")
        b = _client(cloud.base_url, redis_server.url, tmp_path / "b.db", "http://127.0.0.1:9")
        with a, b:
            conv_id = f"erase-{time.time_ns()}"
            a.conversation(conv_id).complete(TURNS[0], max_tokens=32)
            cloud.set_reply("Noted: [PERSON_1].")
            assert b.conversation(conv_id).complete("ok?", max_tokens=8).text == f"Noted: {NAME}."
            b.forget(conv_id)
            after = a.conversation(conv_id).complete("ok?", max_tokens=8)
            assert NAME not in after.text  # the mapping is gone in every worker


def test_an_async_client_and_a_sync_client_share_a_conversation(
    redis_server: RedisServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HYBRIDLLM_VAULT_KEY", generate_key())
    conv_id = f"async-{time.time_ns()}"
    with SplittingServer() as cloud:

        async def first_turn() -> str:
            async with make_client(
                local_url="http://127.0.0.1:9",
                cloud_url=cloud.base_url,
                audit_path=tmp_path / "a.db",
                client_cls=hybridllm.AsyncClient,
                redaction={"store": "redis", "redis_url": redis_server.url},
            ) as c:
                r = await c.conversation(conv_id).acomplete(TURNS[0], max_tokens=32)
                return str(r.text)

        assert asyncio.run(first_turn()) == TURNS[0]
        minted = TOKEN.findall(json.loads(cloud.requests[-1].body)["messages"][-1]["content"])
        assert len(minted) >= 2
        cloud.set_reply(" ".join(minted))
        with _client(
            cloud.base_url, redis_server.url, tmp_path / "b.db", "http://127.0.0.1:9"
        ) as b:
            text = b.conversation(conv_id).complete("Who?", max_tokens=8).text
    assert TOKEN.search(text) is None  # every token the async worker minted is restored here
    assert NAME in text
    assert MAIL in text
