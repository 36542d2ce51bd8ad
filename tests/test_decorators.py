"""@hybridllm.task and hybridllm.policy scopes, on the real local model."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from pydantic import BaseModel
from tests.helpers import make_client

import hybridllm
from hybridllm.core.scope import current_scope
from hybridllm.local import LlamaServer
from hybridllm.testing import RecordingProxy


class Sentiment(BaseModel):
    label: str
    score: int


@pytest.fixture
def client(
    llama_server: LlamaServer, recording_cloud: RecordingProxy, tmp_audit_path: Path
) -> Iterator[hybridllm.Client]:
    with make_client(
        local_url=llama_server.base_url,
        cloud_url=recording_cloud.base_url,
        audit_path=tmp_audit_path,
        fallback={"local": [], "cloud": ["local"]},
    ) as c:
        yield c


def test_task_returns_text_and_records_the_caller(client: hybridllm.Client) -> None:
    @hybridllm.task(client=client, max_tokens=8)
    def greet(name: str) -> str:
        return f"Say hello to the team called {name}."

    out = greet("Platform")
    assert isinstance(out, str)
    assert out.strip()
    last = list(client.audit.iter_records())[-1]
    assert last.caller.endswith("test_task_returns_text_and_records_the_caller.<locals>.greet")


def test_task_with_pydantic_return_uses_json_schema_output(client: hybridllm.Client) -> None:
    @hybridllm.task(client=client, target="local", max_tokens=60, temperature=0)
    def rate(review: str) -> Sentiment:
        return f"Classify the sentiment of this review: {review}"

    out = rate("The battery lasts for days, I love it.")
    assert isinstance(out, Sentiment)  # grammar-constrained JSON from the real model


def test_policy_scope_assumes_phi_and_keeps_everything_local(
    client: hybridllm.Client, recording_cloud: RecordingProxy
) -> None:
    @hybridllm.policy(assume="PHI")
    def chart_summary(text: str) -> hybridllm.Completion:
        r = client.complete(text, max_tokens=4)
        assert isinstance(r, hybridllm.Completion)
        return r

    r = chart_summary("Summarize: stable overnight, no new complaints.")  # nothing detectable
    assert r.route == "local"
    assert "assumed by policy scope" in r.decision.reason
    assert recording_cloud.requests == []
    rec = client.audit.get(r.audit_id)
    assert rec is not None
    assert rec.caller.endswith("chart_summary")


def test_policy_scopes_nest_and_do_not_leak_across_threads_or_tasks() -> None:
    seen: dict[str, object] = {}
    with hybridllm.policy("outer", PII="local"):
        with hybridllm.policy("inner", SECRET="block", assume="PHI"):
            scope = current_scope()
            assert scope is not None
            assert scope.name == "inner"
            assert scope.actions == {"PII": "local", "SECRET": "block"}
            assert scope.assume == frozenset({"PHI"})

            def other_thread() -> None:
                seen["thread"] = current_scope()

            t = threading.Thread(target=other_thread)
            t.start()
            t.join()
        outer = current_scope()
        assert outer is not None
        assert outer.name == "outer"

    async def in_task(name: str) -> str:
        with hybridllm.policy(name):
            await asyncio.sleep(0.01)
            scope = current_scope()
            assert scope is not None
            return scope.name

    async def both() -> list[str]:
        return list(await asyncio.gather(in_task("a"), in_task("b")))

    assert asyncio.run(both()) == ["a", "b"]
    assert seen["thread"] is None
    assert current_scope() is None


def test_policy_rejects_unknown_categories_and_actions() -> None:
    with pytest.raises(hybridllm.ConfigError):
        hybridllm.policy(FOO="local")
    with pytest.raises(hybridllm.ConfigError):
        hybridllm.policy(PII="sometimes")


async def test_async_task(
    llama_server: LlamaServer, recording_cloud: RecordingProxy, tmp_audit_path: Path
) -> None:
    aclient = make_client(
        local_url=llama_server.base_url,
        cloud_url=recording_cloud.base_url,
        audit_path=tmp_audit_path,
        client_cls=hybridllm.AsyncClient,
    )
    async with aclient:

        @hybridllm.task(client=aclient, max_tokens=6)
        async def ask(q: str) -> str:
            return q

        out = await ask("What is 2 + 2?")
        assert isinstance(out, str)
        assert out.strip()
    assert recording_cloud.requests[0].json["messages"][0]["content"] == "What is 2 + 2?"
