"""In-process drop-ins: ``hybridllm.OpenAI()`` / ``AsyncOpenAI()`` return the openai package's
own types, over the real local model and a wire-level cloud that records what it is sent."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from openai.types import CreateEmbeddingResponse
from openai.types.chat import ChatCompletion, ChatCompletionChunk
from tests.helpers import PHI_PROMPT, make_client

import hybridllm
from hybridllm.local import LlamaServer
from hybridllm.testing.splitting import SplittingServer

MAIL = "carla.mendes@example.com"
PII_PROMPT = f"Please forward the invoice to {MAIL} today."


@pytest.fixture
def cloud() -> Iterator[SplittingServer]:
    with SplittingServer() as server:
        yield server


@pytest.fixture
def oa(
    llama_server: LlamaServer, cloud: SplittingServer, tmp_audit_path: Path
) -> Iterator[hybridllm.OpenAI]:
    client = make_client(
        local_url=llama_server.base_url,
        cloud_url=cloud.base_url,
        audit_path=tmp_audit_path,
        policy={"SECRET": "block"},
        restore={"tool_arguments": {"send_mail": ["to"]}},  # PII may go into this argument
    )
    with hybridllm.OpenAI(client) as drop_in:
        yield drop_in
    client.close()


def user(text: str) -> list[Any]:
    return [{"role": "user", "content": text}]


def test_chat_returns_openai_types_local_and_cloud(
    oa: hybridllm.OpenAI, cloud: SplittingServer
) -> None:
    phi = oa.chat.completions.create(model="auto", messages=user(PHI_PROMPT), max_tokens=16)
    assert isinstance(phi, ChatCompletion)
    assert phi.choices[0].message.content  # the real local model answered
    assert cloud.requests == []
    pii = oa.chat.completions.create(
        model="auto", messages=user(PII_PROMPT), max_tokens=16, stop=["today"], seed=7
    )
    assert isinstance(pii, ChatCompletion)
    # echoed back with the placeholder restored, and cut at the stop sequence (applied here)
    assert pii.choices[0].message.content == f"Please forward the invoice to {MAIL} "
    assert pii.choices[0].finish_reason == "stop"
    sent = cloud.requests[-1].json
    assert MAIL not in cloud.bodies_text()
    assert "stop" not in sent  # stop sequences never leave the machine
    assert re.search(r"\[EMAIL_ADDRESS_\d+\]", sent["messages"][-1]["content"])
    assert pii.usage is not None
    assert pii.model_extra is not None
    assert pii.model_extra["hybridllm"]["route"] == "cloud"


def test_stream_and_tools(oa: hybridllm.OpenAI, cloud: SplittingServer) -> None:
    cloud.set_reply(None, cuts=range(0, 80, 3))
    with oa.chat.completions.create(
        model="auto", messages=user(PII_PROMPT), max_tokens=16, stream=True
    ) as stream:
        chunks = list(stream)
    assert all(isinstance(c, ChatCompletionChunk) for c in chunks)
    assert "".join(c.choices[0].delta.content or "" for c in chunks) == PII_PROMPT
    assert chunks[-1].choices[0].finish_reason == "stop"

    token = re.search(r"\[EMAIL_ADDRESS_\d+\]", cloud.requests[-1].text)
    assert token is not None
    cloud.set_reply(json.dumps({"to": token.group()}), tool="send_mail")
    tool = {"type": "function", "function": {"name": "send_mail", "parameters": {}}}
    r = oa.chat.completions.create(
        model="cloud", messages=user(PII_PROMPT), tools=[tool], tool_choice="required"
    )
    calls = r.choices[0].message.tool_calls
    assert calls is not None
    assert json.loads(calls[0].function.arguments) == {"to": MAIL}  # type: ignore[union-attr]


def test_blocked_and_bad_requests_raise(oa: hybridllm.OpenAI, cloud: SplittingServer) -> None:
    with pytest.raises(hybridllm.BlockedError):
        oa.chat.completions.create(
            model="auto", messages=user("my key is AKIAZ3MSJ7QXP4LKH2TD"), max_tokens=8
        )
    with pytest.raises(hybridllm.UnknownTargetError):
        oa.chat.completions.create(model="gpt-4o", messages=user("hi"))
    with pytest.raises(hybridllm.InputError, match="cannot be classified"):
        oa.chat.completions.create(
            model="auto",
            messages=[{"role": "user", "content": [{"type": "image_url", "image_url": {}}]}],
        )
    assert cloud.requests == []


def test_embeddings_return_openai_type(oa: hybridllm.OpenAI) -> None:
    e = oa.embeddings.create(model="auto", input=["a cat", f"mail {MAIL}"])
    assert isinstance(e, CreateEmbeddingResponse)
    assert [d.index for d in e.data] == [0, 1]
    assert len(e.data[1].embedding) == 576


async def test_async_drop_in(
    llama_server: LlamaServer, cloud: SplittingServer, tmp_audit_path: Path
) -> None:
    client = make_client(
        local_url=llama_server.base_url,
        cloud_url=cloud.base_url,
        audit_path=tmp_audit_path,
        client_cls=hybridllm.AsyncClient,
    )
    async with hybridllm.AsyncOpenAI(client) as oa:
        r = await oa.chat.completions.create(model="auto", messages=user(PII_PROMPT))
        assert isinstance(r, ChatCompletion)
        assert r.choices[0].message.content == PII_PROMPT
        cloud.set_reply(None, cuts=[31, 35, 40])
        stream = await oa.chat.completions.create(
            model="auto",
            messages=user(PII_PROMPT),
            stream=True,
            stream_options={"include_usage": True},
        )
        chunks = [c async for c in stream]
        assert "".join(c.choices[0].delta.content or "" for c in chunks if c.choices) == PII_PROMPT
        assert chunks[-1].usage is not None
        e = await oa.embeddings.create(model="auto", input="a cat")
        assert isinstance(e, CreateEmbeddingResponse)
    await client.aclose()
    assert MAIL not in cloud.bodies_text()
