"""The ``cohere`` adapter: the official SDK (``cohere.ClientV2``) against :class:`CohereShim`.

The shim speaks Cohere's v2 wire format (``/v2/chat`` whole and as server-sent events,
``/v2/embed``, ``{"id", "message"}`` errors) in front of the real llama-server, so the answers
come from a real model and every request that left the process is recorded.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from tests.helpers import AWS_KEY, EMAIL, MRN, PHI_PROMPT, SECRET_PROMPT

import hybridllm
from hybridllm.adapters import CallOptions, build_adapter
from hybridllm.adapters.base import EmbedOptions
from hybridllm.config import TargetConfig
from hybridllm.local import LlamaServer
from hybridllm.models import Message
from hybridllm.redaction import local_request
from hybridllm.testing.cohere_shim import CohereShim

pytestmark = pytest.mark.llm


@pytest.fixture
def shim(llama_server: LlamaServer) -> Iterator[CohereShim]:
    """A Cohere v2 server answering with the real model (fresh per test)."""
    with CohereShim(llama_server.base_url) as server:
        yield server


def _client(
    shim: CohereShim,
    llama_server: LlamaServer,
    audit: Path,
    cls: type[Any] = hybridllm.Client,
    space: dict[str, Any] | None = None,
    **cohere: Any,
) -> Any:
    return cls(
        targets={
            "cohere": {
                "adapter": "cohere",
                "model": "smollm2",
                "base_url": shim.base_url,
                "max_retries": 2,
                "backoff_max": 0.05,
                **cohere,
            },
            "local": {"adapter": "llamacpp", "model": "smollm2", "base_url": llama_server.base_url},
        },
        default_target="cohere",
        local_target="local",
        fallback={"local": [], "cloud": []},
        audit_path=audit,
        spaces={"co": {"target": "cohere", **(space or {})}},
    )


def _hops(r: Any) -> list[tuple[str, str, int]]:
    return [(h.target, h.outcome, h.attempts) for h in r.hops]


def _assert_redacted(shim: CohereShim, stream: bool, retried: bool = False) -> None:
    # a reply that kept junk is asked once more (on_unrestored = "retry"), redacted the same
    assert len(shim.requests) == 1 + retried
    req = shim.requests[0]
    assert (req.method, req.path) == ("POST", "/v2/chat")
    assert req.json["model"] == "smollm2"
    assert req.json.get("stream", False) is stream
    sent = shim.bodies_text()
    assert EMAIL not in sent
    assert AWS_KEY not in sent
    assert "[EMAIL_ADDRESS_1]" in sent
    assert "[AWS_ACCESS_KEY_1]" in sent
    assert "authorization" not in req.headers  # credentials are never recorded


def test_pii_and_secret_reach_cohere_redacted_and_come_back_restored(
    shim: CohereShim, llama_server: LlamaServer, tmp_audit_path: Path
) -> None:
    with _client(shim, llama_server, tmp_audit_path) as client:
        r = client.complete(SECRET_PROMPT, max_tokens=40, temperature=0)
        assert (r.route, r.target) == ("cloud", "cohere")
        assert r.redacted_count == 2
        assert r.text.strip()
        assert AWS_KEY not in r.text  # a SECRET is never restored into text (invariant 8)
        assert r.usage.input_tokens > 0
        assert r.usage.output_tokens > 0
        record = client.audit.get(r.audit_id)
        assert record is not None
        assert record.status == "ok"
    _assert_redacted(shim, stream=False, retried="unrestored_retried" in record.warnings)


def test_stream_reaches_cohere_redacted(
    shim: CohereShim, llama_server: LlamaServer, tmp_audit_path: Path
) -> None:
    with _client(shim, llama_server, tmp_audit_path) as client:
        s = client.complete(SECRET_PROMPT, max_tokens=24, temperature=0, stream=True)
        text = "".join(s)
        r = s.completion
    assert r.target == "cohere"
    assert text == r.text
    assert text.strip()
    assert r.usage.output_tokens > 0
    _assert_redacted(shim, stream=True)


@pytest.mark.parametrize("stream", [False, True], ids=["whole", "stream"])
def test_async_whole_and_streamed(
    shim: CohereShim, llama_server: LlamaServer, tmp_audit_path: Path, stream: bool
) -> None:
    async def run() -> tuple[Any, str]:
        async with _client(shim, llama_server, tmp_audit_path, hybridllm.AsyncClient) as client:
            if stream:
                s = await client.complete("Name a colour.", max_tokens=8, stream=True)
                text = "".join([c async for c in s])
                return s.completion, text
            r = await client.complete("Name a colour.", max_tokens=8)
            return r, r.text

    r, text = asyncio.run(run())
    assert r.target == "cohere"
    assert text == r.text
    assert text.strip()
    assert r.usage.input_tokens > 0
    (req,) = shim.requests
    assert req.path == "/v2/chat"
    assert req.json.get("stream", False) is stream


def test_phi_never_reaches_cohere(
    shim: CohereShim, llama_server: LlamaServer, tmp_audit_path: Path
) -> None:
    with _client(shim, llama_server, tmp_audit_path) as client:
        r = client.complete(PHI_PROMPT, max_tokens=8)
        assert (r.route, r.target) == ("local", "local")
        assert r.text.strip()
    assert shim.requests == []
    assert MRN not in shim.bodies_text()


def test_503_is_retried(shim: CohereShim, llama_server: LlamaServer, tmp_audit_path: Path) -> None:
    shim.fail_next(1, status=503)
    with _client(shim, llama_server, tmp_audit_path) as client:
        r = client.complete("What is 2 + 2?", max_tokens=4)
    assert r.target == "cohere"
    assert r.text.strip()
    assert _hops(r) == [("cohere", "ok", 2)]
    assert [(q.injected, q.status) for q in shim.requests] == [(True, 503), (False, 200)]


def test_429_retry_after_is_honoured(
    shim: CohereShim, llama_server: LlamaServer, tmp_audit_path: Path
) -> None:
    shim.fail_next(1, status=429, retry_after=0.2)
    with _client(shim, llama_server, tmp_audit_path) as client:
        r = client.complete("What is 2 + 2?", max_tokens=4)
    assert _hops(r) == [("cohere", "ok", 2)]
    assert r.hops[0].latency_ms >= 200


@pytest.mark.parametrize(
    ("inject", "detail"),
    [
        (lambda s: s.fail_next(10, status=401), "HTTP 401"),
        (lambda s: s.malformed_next(10), "PermanentProviderError"),
    ],
    ids=["401", "malformed-json"],
)
def test_permanent_errors_are_not_retried(
    shim: CohereShim, llama_server: LlamaServer, tmp_audit_path: Path, inject: Any, detail: str
) -> None:
    inject(shim)
    with (
        _client(shim, llama_server, tmp_audit_path) as client,
        pytest.raises(hybridllm.NoTargetAvailableError) as info,
    ):
        client.complete("What is 2 + 2?", max_tokens=4)
    ((target, outcome),) = info.value.hops
    assert target == "cohere"
    assert "PermanentProviderError" in outcome
    assert detail in outcome
    assert len(shim.requests) == 1


def test_unknown_model_is_a_permanent_404(
    shim: CohereShim, llama_server: LlamaServer, tmp_audit_path: Path
) -> None:
    with (
        _client(shim, llama_server, tmp_audit_path, model="command-z") as client,
        pytest.raises(hybridllm.NoTargetAvailableError) as info,
    ):
        client.complete("Hello", max_tokens=4)
    ((_, outcome),) = info.value.hops
    assert "HTTP 404" in outcome
    (req,) = shim.requests
    assert req.status == 404


def test_malformed_stream_is_permanent(
    shim: CohereShim, llama_server: LlamaServer, tmp_audit_path: Path
) -> None:
    """The SDK skips an SSE event it cannot parse; the stream then lacks its message-end."""
    shim.malformed_next(10)
    with (
        _client(shim, llama_server, tmp_audit_path) as client,
        pytest.raises(hybridllm.NoTargetAvailableError) as info,
    ):
        "".join(client.complete("Hello", max_tokens=4, stream=True))
    ((_, outcome),) = info.value.hops
    assert "PermanentProviderError" in outcome
    assert len(shim.requests) == 1


def test_stream_cut_before_first_token_is_retried(
    shim: CohereShim, llama_server: LlamaServer, tmp_audit_path: Path
) -> None:
    shim.cut_stream_next(1, after_events=0)
    with _client(shim, llama_server, tmp_audit_path) as client:
        s = client.complete("What is 2 + 2?", max_tokens=4, stream=True)
        text = "".join(s)
    assert text.strip()
    assert _hops(s.completion) == [("cohere", "ok", 2)]


def test_stream_cut_after_first_token_raises_transient(
    shim: CohereShim, llama_server: LlamaServer, tmp_audit_path: Path
) -> None:
    shim.cut_stream_next(1, after_events=4)  # message-start, content-start, two deltas
    chunks: list[str] = []

    def drain(client: Any) -> None:
        for chunk in client.complete("Tell me a story.", max_tokens=16, stream=True):
            chunks.append(chunk)

    with (
        _client(shim, llama_server, tmp_audit_path) as client,
        pytest.raises(hybridllm.TransientProviderError),
    ):
        drain(client)
    assert "".join(chunks).strip()
    assert len(shim.requests) == 1


def test_embed_through_a_cohere_space(
    shim: CohereShim, llama_server: LlamaServer, tmp_audit_path: Path
) -> None:
    with _client(shim, llama_server, tmp_audit_path) as client:
        e = client.embed(["How do I reset my password?", "Where is the invoice page?"], space="co")
    assert len(e) == 2
    (req,) = shim.requests
    assert req.path == "/v2/embed"
    assert req.json["texts"] == ["How do I reset my password?", "Where is the invoice page?"]
    assert req.json["embedding_types"] == ["float"]
    assert req.json["input_type"] == "search_document"


@pytest.mark.parametrize(
    ("kwargs", "expected"),
    [
        ({}, "search_document"),
        ({"input_type": None}, "search_document"),
        ({"input_type": "document"}, "search_document"),
        ({"input_type": "query"}, "search_query"),
    ],
    ids=["default", "none", "document", "query"],
)
def test_embed_input_type_reaches_cohere(
    shim: CohereShim,
    llama_server: LlamaServer,
    tmp_audit_path: Path,
    kwargs: dict[str, Any],
    expected: str,
) -> None:
    with _client(shim, llama_server, tmp_audit_path) as client:
        e = client.embed("How do I reset my password?", space="co", **kwargs)
    assert len(e) == 1
    assert e.target == "cohere"
    (req,) = shim.requests
    assert req.path == "/v2/embed"
    assert req.json["input_type"] == expected
    assert req.json["texts"] == ["How do I reset my password?"]


_QUERY = "How do I reset my password?"
_DOCUMENT = "Passwords are reset from the account settings page."


def _concurrent_aembed(
    shim: CohereShim, llama_server: LlamaServer, audit: Path, types: tuple[str, str]
) -> dict[str, list[float]]:
    """Two concurrent ``aembed`` calls (query text, document text) in one coalescing window."""

    async def run() -> dict[str, list[float]]:
        space = {"coalesce_ms": 300.0}
        async with _client(shim, llama_server, audit, hybridllm.AsyncClient, space) as client:
            q, d = await asyncio.gather(
                client.aembed([_QUERY], space="co", input_type=types[0]),
                client.aembed([_DOCUMENT], space="co", input_type=types[1]),
            )
        assert (len(q), len(d)) == (1, 1)
        return {_QUERY: q.data[0].embedding, _DOCUMENT: d.data[0].embedding}

    return asyncio.run(run())


def test_concurrent_aembed_with_the_same_input_type_share_one_request(
    shim: CohereShim, llama_server: LlamaServer, tmp_audit_path: Path
) -> None:
    """The control for the test below: these two calls are coalesced in this setup."""
    _concurrent_aembed(shim, llama_server, tmp_audit_path, ("query", "query"))
    (req,) = shim.requests
    assert sorted(req.json["texts"]) == sorted([_QUERY, _DOCUMENT])
    assert req.json["input_type"] == "search_query"


def test_concurrent_aembed_with_different_input_types_are_never_merged(
    shim: CohereShim, llama_server: LlamaServer, tmp_audit_path: Path
) -> None:
    vectors = _concurrent_aembed(shim, llama_server, tmp_audit_path, ("query", "document"))
    assert len(shim.requests) == 2
    sent = {tuple(r.json["texts"]): r.json["input_type"] for r in shim.requests}
    assert sent == {(_QUERY,): "search_query", (_DOCUMENT,): "search_document"}
    assert all(r.path == "/v2/embed" for r in shim.requests)
    assert vectors[_QUERY]
    assert vectors[_DOCUMENT]
    assert vectors[_QUERY] != vectors[_DOCUMENT]  # each caller got its own text's vector


@pytest.mark.parametrize(
    "bad",
    ["search_query", "Query", "", 1, ["query"]],
    ids=["cohere-name", "case", "empty", "int", "list"],
)
def test_bad_input_type_is_rejected_before_anything_is_sent(
    shim: CohereShim, llama_server: LlamaServer, tmp_audit_path: Path, bad: Any
) -> None:
    async def run_async(client: Any) -> None:
        await client.aembed(_QUERY, space="co", input_type=bad)

    with _client(shim, llama_server, tmp_audit_path) as client:
        with pytest.raises(hybridllm.InputError, match="input_type"):
            client.embed(_QUERY, space="co", input_type=bad)
        with pytest.raises(hybridllm.InputError, match="input_type"):
            asyncio.run(run_async(client))
        assert client.audit.count() == 0  # rejected up front: not even an audit record
        assert shim.requests == []
        client.embed(_QUERY, space="co")  # a good call does get through: the checks can fail
        assert [r.status for r in client.audit.iter_records()] == ["intent", "ok"]
    (req,) = shim.requests  # only the good call reached Cohere
    assert req.json["input_type"] == "search_document"


def _request(text: str) -> Any:
    return local_request([Message(role="user", content=text)], sensitive=False)


@pytest.mark.parametrize("max_tokens", [2, 64], ids=["cut-by-max-tokens", "natural-stop"])
def test_finish_reason_usage_and_system_role(shim: CohereShim, max_tokens: int) -> None:
    config = TargetConfig(adapter="cohere", model="smollm2", base_url=shim.base_url)
    adapter = build_adapter("co", config)
    assert adapter.locality == "remote"  # a cohere target is remote unless declared otherwise
    request = local_request(
        [
            Message(role="system", content="You are a terse assistant. Answer in a few words."),
            Message(role="user", content="What colour is the sky on a clear day?"),
            Message(role="assistant", content="Blue."),
            Message(role="user", content="And what colour is grass?"),
        ],
        sensitive=False,
    )
    options = CallOptions(max_tokens=max_tokens)
    expected = "length" if max_tokens == 2 else "stop"
    try:
        whole = adapter.complete(request, options)
        deltas = list(adapter.stream(request, options))
        vectors = adapter.embed([_request("hello")], EmbedOptions())
    finally:
        adapter.close()
    assert whole.finish_reason == expected
    assert whole.usage.input_tokens > 0
    assert 0 < whole.usage.output_tokens <= max_tokens
    (final,) = [d for d in deltas if d.finish_reason is not None]
    assert final.finish_reason == expected
    assert final.usage is not None
    assert 0 < final.usage.output_tokens <= max_tokens
    assert "".join(d.text for d in deltas).strip()
    assert len(vectors.vectors) == 1
    assert vectors.vectors[0]
    sent = shim.requests[0].json["messages"]
    assert [m["role"] for m in sent] == ["system", "user", "assistant", "user"]
    assert sent[0] == {"role": "system", "content": request.messages[0].content}
