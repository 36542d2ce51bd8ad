"""The real local model and the wire-level test servers, driven by the official SDKs."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import anthropic
import httpx
import ollama
import openai
import pytest

from hybridllm.local import LlamaServer, start_background, status, stop_background
from hybridllm.testing import OllamaShim, RecordingProxy

pytestmark = pytest.mark.llm

PROMPT = "Name one colour of the sky. Marker ZEBRA-4411."
MODEL = "smollm2"


def _openai(proxy: RecordingProxy, max_retries: int = 2) -> openai.OpenAI:
    return openai.OpenAI(
        base_url=proxy.base_url + "/v1", api_key="sk-test", max_retries=max_retries
    )


def _anthropic(proxy: RecordingProxy, max_retries: int = 2) -> anthropic.Anthropic:
    return anthropic.Anthropic(
        base_url=proxy.base_url, api_key="sk-ant-test", max_retries=max_retries
    )


# ---- llama-server itself -------------------------------------------------------------------


def test_llama_server_health_and_alias(llama_server: LlamaServer) -> None:
    assert llama_server.base_url.startswith("http://127.0.0.1:")
    assert llama_server.startup_seconds is not None
    with httpx.Client(base_url=llama_server.base_url, timeout=10) as client:
        assert client.get("/health").status_code == 200
        ids = [m["id"] for m in client.get("/v1/models").json()["data"]]
    assert MODEL in ids


def test_llama_server_refuses_non_loopback() -> None:
    with pytest.raises(ValueError, match="loopback"):
        LlamaServer(host="0.0.0.0")


def test_api_key_is_enforced_through_the_proxy() -> None:
    with LlamaServer(api_key="k-123") as server, RecordingProxy(server.base_url) as proxy:
        wrong = openai.OpenAI(base_url=proxy.base_url + "/v1", api_key="wrong", max_retries=0)
        with wrong, pytest.raises(openai.AuthenticationError):
            wrong.models.list()
        with openai.OpenAI(base_url=proxy.base_url + "/v1", api_key="k-123") as c:
            assert [m.id for m in c.models.list()] == [MODEL]
        # The key was forwarded but never recorded.
        assert all("authorization" not in r.headers for r in proxy.requests)
        assert "k-123" not in json.dumps([r.headers for r in proxy.requests])
    assert server.pid is None


def test_background_server_state_file(tmp_path: Path) -> None:
    info = start_background(tmp_path)
    try:
        assert info.running
        assert info.healthy
        assert (tmp_path / ".hybridllm" / "local-server.json").is_file()
        again = status(tmp_path)
        assert again is not None
        assert again.healthy
        assert again.pid == info.pid
    finally:
        assert stop_background(tmp_path)
    assert status(tmp_path) is None
    assert not stop_background(tmp_path)


# ---- RecordingProxy with the openai SDK ------------------------------------------------------


def test_openai_chat_through_proxy(recording_cloud: RecordingProxy) -> None:
    with _openai(recording_cloud) as client:
        reply = client.chat.completions.create(
            model=MODEL, messages=[{"role": "user", "content": PROMPT}], max_tokens=16
        )
    assert reply.choices[0].message.content
    assert reply.usage is not None
    assert 0 < reply.usage.completion_tokens <= 16
    (request,) = recording_cloud.requests
    assert (request.method, request.path) == ("POST", "/v1/chat/completions")
    assert request.json["messages"][0]["content"] == PROMPT
    assert "authorization" not in request.headers
    assert request.status == 200
    assert not request.injected
    assert "ZEBRA-4411" in recording_cloud.bodies_text()


def test_openai_chat_stream_through_proxy(recording_cloud: RecordingProxy) -> None:
    with _openai(recording_cloud) as client:
        stream = client.chat.completions.create(
            model=MODEL,
            messages=[{"role": "user", "content": PROMPT}],
            max_tokens=16,
            stream=True,
        )
        with stream:
            pieces = [c.choices[0].delta.content or "" for c in stream if c.choices]
    assert len(pieces) > 2
    assert "".join(pieces).strip()
    assert recording_cloud.requests[0].json["stream"] is True


def test_proxy_relays_sse_chunked(recording_cloud: RecordingProxy) -> None:
    body = {
        "model": MODEL,
        "messages": [{"role": "user", "content": PROMPT}],
        "max_tokens": 8,
        "stream": True,
    }
    url = recording_cloud.base_url + "/v1/chat/completions"
    with httpx.stream("POST", url, json=body, timeout=30) as response:
        assert response.status_code == 200
        assert response.headers["content-type"].startswith("text/event-stream")
        assert response.headers["transfer-encoding"] == "chunked"
        events = [line for line in response.iter_lines() if line.startswith("data:")]
    assert events[-1] == "data: [DONE]"
    assert len(events) > 3


def test_openai_embeddings_and_models(recording_cloud: RecordingProxy) -> None:
    with _openai(recording_cloud) as client:
        result = client.embeddings.create(model=MODEL, input=["red apple", "blue sky"])
        models = [m.id for m in client.models.list()]
    assert len(result.data) == 2
    assert len(result.data[0].embedding) == 576
    assert models == [MODEL]
    assert [r.path for r in recording_cloud.requests] == ["/v1/embeddings", "/v1/models"]
    assert recording_cloud.requests[0].json["input"] == ["red apple", "blue sky"]


# ---- RecordingProxy with the anthropic SDK ---------------------------------------------------


def test_anthropic_messages_through_proxy(recording_cloud: RecordingProxy) -> None:
    with _anthropic(recording_cloud) as client:
        message = client.messages.create(
            model=MODEL, max_tokens=16, messages=[{"role": "user", "content": PROMPT}]
        )
    text = "".join(b.text for b in message.content if b.type == "text")
    assert text.strip()
    assert message.stop_reason in {"end_turn", "max_tokens"}
    (request,) = recording_cloud.requests
    assert request.path == "/v1/messages"
    assert "x-api-key" not in request.headers
    assert request.json["messages"][0]["content"] == PROMPT


def test_anthropic_stream_through_proxy(recording_cloud: RecordingProxy) -> None:
    with (
        _anthropic(recording_cloud) as client,
        client.messages.stream(
            model=MODEL, max_tokens=16, messages=[{"role": "user", "content": PROMPT}]
        ) as stream,
    ):
        pieces = list(stream.text_stream)
        final = stream.get_final_message()
    assert len(pieces) > 2
    assert "".join(pieces) == "".join(b.text for b in final.content if b.type == "text")
    assert final.usage.output_tokens > 0
    assert recording_cloud.requests[0].json["stream"] is True


# ---- fault injection ---------------------------------------------------------------------------


def test_fail_next_status_and_retry_after(recording_cloud: RecordingProxy) -> None:
    recording_cloud.fail_next(1, status=503, retry_after=2)
    with _openai(recording_cloud, max_retries=0) as client:
        with pytest.raises(openai.InternalServerError) as info:
            client.models.list()
        assert info.value.status_code == 503
        assert info.value.response.headers["retry-after"] == "2"
        assert [m.id for m in client.models.list()] == [MODEL]  # the next one goes through
    first, second = recording_cloud.requests
    assert first.injected
    assert first.status == 503
    assert not second.injected
    assert second.status == 200


def test_fail_next_anthropic_rate_limit(recording_cloud: RecordingProxy) -> None:
    recording_cloud.fail_next(2, status=429, retry_after=0.5)
    with _anthropic(recording_cloud, max_retries=0) as client:
        for _ in range(2):
            with pytest.raises(anthropic.RateLimitError) as info:
                client.messages.create(
                    model=MODEL, max_tokens=4, messages=[{"role": "user", "content": "hi"}]
                )
            assert info.value.response.headers["retry-after"] == "0.5"
    assert [r.injected for r in recording_cloud.requests] == [True, True]
    # Injected requests are still recorded with their bodies.
    assert recording_cloud.requests[0].json["messages"][0]["content"] == "hi"


def test_sdk_retry_honours_injected_retry_after(recording_cloud: RecordingProxy) -> None:
    recording_cloud.fail_next(1, status=503, retry_after=0)
    with _openai(recording_cloud, max_retries=1) as client:
        assert [m.id for m in client.models.list()] == [MODEL]
    assert [r.injected for r in recording_cloud.requests] == [True, False]


def test_clear_and_stopped_proxy_refuses(llama_server: LlamaServer) -> None:
    proxy = RecordingProxy(llama_server.base_url).start()
    url = proxy.base_url
    with httpx.Client(timeout=5) as client:
        assert client.get(url + "/health").status_code == 200
    assert len(proxy.requests) == 1
    proxy.clear()
    assert proxy.requests == []
    proxy.stop()
    with pytest.raises(httpx.ConnectError):
        httpx.get(url + "/health", timeout=5)


# ---- OllamaShim with the ollama client --------------------------------------------------------


def test_ollama_chat_non_stream(ollama_server: OllamaShim) -> None:
    with ollama.Client(host=ollama_server.base_url) as client:
        reply = client.chat(
            model=MODEL,
            messages=[{"role": "user", "content": PROMPT}],
            stream=False,
            options={"num_predict": 16, "temperature": 0},
        )
    assert reply.model == MODEL
    assert reply.done is True
    assert reply.done_reason in {"stop", "length"}
    assert reply.message.role == "assistant"
    assert reply.message.content
    assert reply.eval_count is not None
    assert 0 < reply.eval_count <= 16
    assert reply.prompt_eval_count
    assert reply.total_duration
    assert reply.total_duration > 0


def test_ollama_chat_stream(ollama_server: OllamaShim) -> None:
    with ollama.Client(host=ollama_server.base_url) as client:
        parts = list(
            client.chat(
                model=f"{MODEL}:latest",
                messages=[{"role": "user", "content": PROMPT}],
                stream=True,
                options={"num_predict": 16},
            )
        )
    assert len(parts) > 2
    assert all(not p.done for p in parts[:-1])
    last = parts[-1]
    assert last.done is True
    assert last.done_reason in {"stop", "length"}
    assert last.eval_count
    assert last.eval_duration
    assert last.eval_duration > 0
    assert "".join(p.message.content or "" for p in parts).strip()


def test_ollama_stream_wire_format(ollama_server: OllamaShim) -> None:
    body = {"model": MODEL, "messages": [{"role": "user", "content": "hi"}],
            "options": {"num_predict": 4}}  # fmt: skip
    url = ollama_server.base_url + "/api/chat"
    with httpx.stream("POST", url, json=body, timeout=30) as response:
        assert response.headers["content-type"] == "application/x-ndjson"
        lines = [json.loads(line) for line in response.iter_lines() if line]
    assert set(lines[0]) == {"model", "created_at", "message", "done"}
    assert lines[0]["created_at"].endswith("Z")
    assert lines[-1]["done"] is True
    for key in ("total_duration", "load_duration", "prompt_eval_count", "eval_count"):
        assert isinstance(lines[-1][key], int)


def test_ollama_generate(ollama_server: OllamaShim) -> None:
    with ollama.Client(host=ollama_server.base_url) as client:
        reply = client.generate(model=MODEL, prompt=PROMPT, options={"num_predict": 8})
    assert reply.done is True
    assert reply.response


def test_ollama_embed(ollama_server: OllamaShim) -> None:
    with ollama.Client(host=ollama_server.base_url) as client:
        many = client.embed(model=MODEL, input=["red apple", "blue sky"])
        one = client.embed(model=MODEL, input="red apple")
    assert len(many.embeddings) == 2
    assert len(many.embeddings[0]) == 576
    assert sum(x * x for x in many.embeddings[0]) == pytest.approx(1.0, abs=1e-3)
    assert len(one.embeddings) == 1
    assert one.embeddings[0] == pytest.approx(many.embeddings[0], abs=1e-4)


def test_ollama_unknown_model_is_404(ollama_server: OllamaShim) -> None:
    with ollama.Client(host=ollama_server.base_url) as client:
        with pytest.raises(ollama.ResponseError) as info:
            client.chat(model="llama3.2", messages=[{"role": "user", "content": "hi"}])
        assert info.value.status_code == 404
        assert info.value.error == 'model "llama3.2" not found, try pulling it first'
        with pytest.raises(ollama.ResponseError) as info:
            client.embed(model="nope", input="x")
        assert info.value.status_code == 404


def test_ollama_tags_version_and_root(ollama_server: OllamaShim) -> None:
    with ollama.Client(host=ollama_server.base_url) as client:
        listed = client.list()
    assert [m.model for m in listed.models] == [f"{MODEL}:latest"]
    with httpx.Client(base_url=ollama_server.base_url, timeout=5) as http:
        assert http.get("/api/version").json() == {"version": ollama_server.version}
        assert http.get("/").text == "Ollama is running"
        assert http.get("/api/nope").status_code == 404
        bad = http.post("/api/chat", content=b"{not json")
        assert bad.status_code == 400
        assert "error" in bad.json()


# ---- wire-level faults (shared by RecordingProxy and OllamaShim) ------------------------------

CHAT = {"model": MODEL, "messages": [{"role": "user", "content": "Count to five."}],
        "max_tokens": 12}  # fmt: skip


@pytest.fixture
def proxy(llama_server: LlamaServer) -> Iterator[RecordingProxy]:
    """A proxy in front of the session's llama-server (no fresh upstream needed here)."""
    with RecordingProxy(llama_server.base_url) as server:
        yield server


def test_fault_path_filter_and_pending_count(proxy: RecordingProxy) -> None:
    proxy.fail_next(2, status=500, path="/v1/chat")
    assert proxy.pending_faults == 2
    with httpx.Client(base_url=proxy.base_url, timeout=10) as http:
        assert http.get("/v1/models").status_code == 200  # does not match: untouched
        assert http.post("/v1/chat/completions", json=CHAT).status_code == 500
        assert proxy.pending_faults == 1
        proxy.clear()
        assert proxy.pending_faults == 0
        assert http.post("/v1/chat/completions", json=CHAT).status_code == 200
    assert [(r.path, r.fault, r.status) for r in proxy.requests] == [
        ("/v1/chat/completions", None, 200)
    ]


def test_delay_fault_triggers_a_read_timeout_and_is_recorded(proxy: RecordingProxy) -> None:
    proxy.delay_next(1, seconds=1.0)
    with (
        httpx.Client(base_url=proxy.base_url, timeout=0.3) as http,
        pytest.raises(httpx.ReadTimeout),
    ):
        http.post("/v1/chat/completions", json=CHAT)
    with httpx.Client(base_url=proxy.base_url, timeout=5) as http:
        slow = time.perf_counter()
        proxy.delay_next(1, seconds=0.2)
        assert http.post("/v1/chat/completions", json=CHAT).status_code == 200  # late, but whole
        assert time.perf_counter() - slow >= 0.2
    assert [r.fault for r in proxy.requests] == ["delay", "delay"]
    assert all(r.injected for r in proxy.requests)


def test_stop_wakes_a_handler_sleeping_in_a_delay(llama_server: LlamaServer) -> None:
    server = RecordingProxy(llama_server.base_url).start()
    server.delay_next(1, seconds=30)
    with (
        httpx.Client(base_url=server.base_url, timeout=0.2) as http,
        pytest.raises(httpx.ReadTimeout),
    ):
        http.get("/health")
    began = time.perf_counter()
    server.stop()
    assert time.perf_counter() - began < 2


@pytest.mark.parametrize("reset", [False, True], ids=["fin", "rst"])
def test_disconnect_fault_sends_no_response(proxy: RecordingProxy, reset: bool) -> None:
    proxy.disconnect_next(1, reset=reset)
    with httpx.Client(base_url=proxy.base_url, timeout=5) as http:
        with pytest.raises(httpx.TransportError):
            http.post("/v1/chat/completions", json=CHAT)
        assert http.post("/v1/chat/completions", json=CHAT).status_code == 200
    first, second = proxy.requests
    assert (first.fault, first.status, first.json["max_tokens"]) == ("disconnect", None, 12)
    assert (second.fault, second.status) == (None, 200)


def test_malformed_fault_whole_and_streamed(proxy: RecordingProxy) -> None:
    proxy.malformed_next(2)
    with httpx.Client(base_url=proxy.base_url, timeout=5) as http:
        whole = http.post("/v1/chat/completions", json=CHAT)
        assert whole.status_code == 200
        with pytest.raises(json.JSONDecodeError):
            whole.json()
        streamed = http.post("/v1/chat/completions", json={**CHAT, "stream": True})
    assert streamed.headers["content-type"] == "text/event-stream"
    data = [line[5:] for line in streamed.text.splitlines() if line.startswith("data:")]
    assert data
    with pytest.raises(json.JSONDecodeError):
        json.loads(data[0])
    with openai.OpenAI(base_url=proxy.base_url + "/v1", api_key="k", max_retries=0) as client:
        proxy.malformed_next(1, body=b"<html>bad gateway</html>")
        raw = client.chat.completions.with_raw_response.create(
            model=MODEL, messages=[{"role": "user", "content": "hi"}], max_tokens=4
        )
        assert raw.http_response.text == "<html>bad gateway</html>"
    assert [r.fault for r in proxy.requests] == ["malformed"] * 3


def test_cut_stream_after_events_leaves_the_chunked_body_incomplete(proxy: RecordingProxy) -> None:
    proxy.cut_stream_next(1, after_events=2)
    url = proxy.base_url + "/v1/chat/completions"
    events: list[str] = []
    with httpx.stream("POST", url, json={**CHAT, "stream": True}, timeout=10) as response:
        assert response.status_code == 200
        with pytest.raises(httpx.RemoteProtocolError):
            events.extend(line for line in response.iter_lines() if line.startswith("data:"))
    assert len(events) == 2  # exactly the events before the cut, each one whole
    for event in events:
        json.loads(event[5:])
    (record,) = proxy.requests
    assert (record.fault, record.status) == ("mid_stream_disconnect", 200)


def test_cut_stream_of_a_whole_body_after_bytes(proxy: RecordingProxy) -> None:
    proxy.cut_stream_next(1, after_bytes=10)
    with (
        httpx.Client(base_url=proxy.base_url, timeout=10) as http,
        pytest.raises(httpx.RemoteProtocolError),
    ):
        http.post("/v1/chat/completions", json=CHAT)


def test_ollama_shim_faults_speak_ollama(ollama_server: OllamaShim) -> None:
    ollama_server.fail_next(1, status=503)
    ollama_server.malformed_next(1)
    ollama_server.cut_stream_next(1, after_events=1)
    messages = [{"role": "user", "content": "Count to five."}]
    with ollama.Client(host=ollama_server.base_url) as client:
        with pytest.raises(ollama.ResponseError) as info:
            client.chat(model=MODEL, messages=messages, stream=False)
        assert info.value.status_code == 503
        assert info.value.error == "injected failure (HTTP 503)"  # Ollama's {"error": ...}
        with pytest.raises(json.JSONDecodeError):
            list(client.chat(model=MODEL, messages=messages, stream=True))
        parts: list[Any] = []
        with pytest.raises(httpx.RemoteProtocolError):
            parts.extend(client.chat(model=MODEL, messages=messages, stream=True,
                                     options={"num_predict": 12}))  # fmt: skip
        assert len(parts) == 1
        assert not parts[0].done
        reply = client.chat(model=MODEL, messages=messages, stream=False,
                            options={"num_predict": 4})  # fmt: skip
        assert reply.done
    recorded = ollama_server.requests
    assert [r.fault for r in recorded] == ["status", "malformed", "mid_stream_disconnect", None]
    assert [r.status for r in recorded] == [503, 200, 200, 200]
    assert all(r.path == "/api/chat" for r in recorded)
