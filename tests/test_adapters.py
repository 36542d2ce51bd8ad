"""Issue 5, test 6: the same conversation works unchanged against every adapter.

Each adapter talks its own wire format (OpenAI chat completions, llama.cpp's OpenAI API,
Anthropic messages, Ollama's /api/chat) to a loopback server in front of the real llama-server.
The conversation (system + user + assistant + user) goes through the public client, sync and
async, whole and streamed; the recorded request shows it arrived intact in that wire format.
Usage is reported, and finish reasons come back in one vocabulary ("stop", "length", ...).
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

import hybridllm
from hybridllm.adapters import CallOptions, StreamDelta, build_adapter
from hybridllm.config import TargetConfig
from hybridllm.local import LlamaServer
from hybridllm.models import Classification, Message
from hybridllm.redaction import local_request
from hybridllm.testing import (
    CohereShim,
    OllamaShim,
    RecordedRequest,
    RecordingProxy,
    RecordingServer,
)

pytestmark = pytest.mark.llm

ADAPTERS = ["openai", "llamacpp", "anthropic", "ollama", "cohere"]
CONVERSATION = [
    {"role": "system", "content": "You are a terse assistant. Answer in a few words."},
    {"role": "user", "content": "What colour is the sky on a clear day?"},
    {"role": "assistant", "content": "Blue."},
    {"role": "user", "content": "And what colour is grass?"},
]


class _NoFindings:
    def classify_messages(self, texts: Sequence[str]) -> Classification:
        return Classification()


@dataclass
class Wire:
    """One adapter and the recording server that speaks its wire format."""

    adapter: str
    server: RecordingServer

    @property
    def requests(self) -> list[RecordedRequest]:
        return self.server.requests


@pytest.fixture(params=ADAPTERS)
def wire(request: pytest.FixtureRequest, llama_server: LlamaServer) -> Iterator[Wire]:
    """The wire server for one adapter."""
    server: RecordingServer
    if request.param == "ollama":
        server = OllamaShim(llama_server.base_url)
    elif request.param == "cohere":
        server = CohereShim(llama_server.base_url)
    else:
        server = RecordingProxy(llama_server.base_url)
    with server:
        yield Wire(request.param, server)


def _target(wire: Wire) -> dict[str, Any]:
    adapter = wire.adapter
    url = wire.server.base_url + "/v1" if adapter == "openai" else wire.server.base_url
    # Route every call to this one target, whatever its locality.
    return {"adapter": adapter, "model": "smollm2", "base_url": url, "locality": "local"}


def _client(wire: Wire, tmp_path: Path, cls: type[Any] = hybridllm.Client) -> Any:
    return cls(
        targets={"t": _target(wire)},
        default_target="t",
        local_target="t",
        fallback={"local": [], "cloud": []},
        audit_path=tmp_path / "audit.db",
        classifier=_NoFindings(),
    )


def _assert_wire_conversation(wire: Wire, stream: bool) -> None:
    """The one request on the wire carries the conversation unchanged, in its own format."""
    (req,) = wire.requests
    body = req.json
    adapter = wire.adapter
    if adapter == "anthropic":
        assert req.path.startswith("/v1/messages")
        assert body["system"] == CONVERSATION[0]["content"]
        assert body["messages"] == CONVERSATION[1:]
        assert body.get("stream", False) is stream
    else:
        sent = [{"role": m["role"], "content": m["content"]} for m in body["messages"]]
        assert sent == CONVERSATION
        if adapter == "ollama":
            assert req.path == "/api/chat"
            assert body["stream"] is stream
        elif adapter == "cohere":
            assert req.path == "/v2/chat"
            assert body.get("stream", False) is stream
        else:
            assert req.path == "/v1/chat/completions"
            assert body.get("stream", False) is stream


def _assert_completion(r: Any, text: str) -> None:
    assert r.target == "t"
    assert r.route == "local"
    assert text == r.text
    assert text.strip()
    assert r.model
    assert r.usage.input_tokens > 0
    assert r.usage.output_tokens > 0


@pytest.mark.parametrize("stream", [False, True], ids=["whole", "stream"])
def test_conversation_sync(wire: Wire, tmp_path: Path, stream: bool) -> None:
    with _client(wire, tmp_path) as client:
        if stream:
            s = client.complete(CONVERSATION, max_tokens=8, stream=True)
            text = "".join(s)
            r = s.completion
        else:
            r = client.complete(CONVERSATION, max_tokens=8)
            text = r.text
        _assert_completion(r, text)
        record = client.audit.get(r.audit_id)
        assert record is not None
        assert record.status == "ok"
    _assert_wire_conversation(wire, stream)


@pytest.mark.parametrize("stream", [False, True], ids=["whole", "stream"])
def test_conversation_async(wire: Wire, tmp_path: Path, stream: bool) -> None:
    async def run() -> tuple[Any, str]:
        async with _client(wire, tmp_path, hybridllm.AsyncClient) as client:
            if stream:
                s = await client.complete(CONVERSATION, max_tokens=8, stream=True)
                text = "".join([c async for c in s])
                return s.completion, text
            r = await client.complete(CONVERSATION, max_tokens=8)
            return r, r.text

    r, text = asyncio.run(run())
    _assert_completion(r, text)
    _assert_wire_conversation(wire, stream)


def _request() -> Any:
    return local_request([Message.model_validate(m) for m in CONVERSATION], sensitive=False)


def _last(deltas: list[StreamDelta]) -> StreamDelta:
    finals = [d for d in deltas if d.finish_reason is not None]
    assert len(finals) == 1  # exactly one event ends the stream
    return finals[0]


@pytest.mark.parametrize("max_tokens", [2, 64], ids=["cut-by-max-tokens", "natural-stop"])
def test_finish_reason_and_usage_are_mapped(wire: Wire, max_tokens: int) -> None:
    adapter = build_adapter("t", TargetConfig(**_target(wire)))
    options = CallOptions(max_tokens=max_tokens)
    expected = "length" if max_tokens == 2 else "stop"
    try:
        whole = adapter.complete(_request(), options)
        deltas = list(adapter.stream(_request(), options))
    finally:
        adapter.close()
    assert whole.finish_reason == expected
    assert whole.usage.input_tokens > 0
    assert 0 < whole.usage.output_tokens <= max_tokens
    assert _last(deltas).finish_reason == expected
    # OpenAI sends usage in its own last event, after the one with the finish reason.
    usage = [d.usage for d in deltas if d.usage is not None][-1]
    assert usage.input_tokens > 0
    assert 0 < usage.output_tokens <= max_tokens
    assert "".join(d.text for d in deltas).strip()
