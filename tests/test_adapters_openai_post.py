"""The OpenAI adapter sends a whole completion with the SDK's ``client.post`` (issue 16,
overhead): the request on the wire must be the one ``chat.completions.create`` sends (same
JSON, same headers, the API key as a bearer token), and the raw reply is validated into our
types. A loopback HTTP server records both requests; the official SDK makes both."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import openai
import pytest

from hybridllm.adapters import CallOptions, build_adapter
from hybridllm.adapters.base import ToolSpec
from hybridllm.config import TargetConfig
from hybridllm.errors import PermanentProviderError
from hybridllm.models import Message
from hybridllm.redaction import local_request

REPLY = {
    "id": "c1",
    "object": "chat.completion",
    "created": 1,
    "model": "m-served",
    "choices": [
        {"index": 0, "message": {"role": "assistant", "content": "Blue."}, "finish_reason": "stop"}
    ],
    "usage": {"prompt_tokens": 7, "completion_tokens": 2, "total_tokens": 9},
}


class _Server(ThreadingHTTPServer):
    seen: list[tuple[dict[str, str], Any]]
    reply: bytes


class _Handler(BaseHTTPRequestHandler):
    server: _Server

    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        self.server.seen.append(({k.lower(): v for k, v in self.headers.items()}, json.loads(body)))
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(self.server.reply)))
        self.end_headers()
        self.wfile.write(self.server.reply)

    def log_message(self, *args: Any) -> None:
        pass


@pytest.fixture
def server() -> Iterator[_Server]:
    srv = _Server(("127.0.0.1", 0), _Handler)
    srv.seen, srv.reply = [], json.dumps(REPLY).encode()
    thread = threading.Thread(target=srv.serve_forever, daemon=True)
    thread.start()
    try:
        yield srv
    finally:
        srv.shutdown()
        srv.server_close()
        thread.join(timeout=5)


def _url(srv: _Server) -> str:
    return f"http://127.0.0.1:{srv.server_address[1]}/v1"


_VOLATILE = {"x-stainless-retry-count", "x-stainless-read-timeout", "content-length"}


def test_a_whole_completion_is_the_request_create_would_send(
    server: _Server, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HYBRIDLLM_TEST_KEY", "sk-test-123")
    cfg = TargetConfig(
        adapter="openai", model="m", base_url=_url(server), api_key_env="HYBRIDLLM_TEST_KEY"
    )
    adapter = build_adapter("cloud", cfg)
    tool = ToolSpec.parse({"name": "f", "description": "d", "parameters": {"type": "object"}})
    options = CallOptions(
        max_tokens=16,
        temperature=0.5,
        seed=3,
        tools=(tool,),
        tool_choice="auto",
        json_schema={"type": "object"},
    )
    request = local_request(
        (Message(role="user", content="é, what colour is the sky?"),), sensitive=False
    )
    got = adapter.complete(request, options)
    assert (got.text, got.model, got.finish_reason) == ("Blue.", "m-served", "stop")
    assert (got.usage.input_tokens, got.usage.output_tokens) == (7, 2)
    sdk = openai.OpenAI(base_url=_url(server), api_key="sk-test-123", max_retries=0)
    params = adapter._params(request, options, stream=False)  # what the adapter sends
    sdk.chat.completions.create(**params)
    (ours, our_body), (theirs, their_body) = server.seen
    assert our_body == their_body
    assert our_body["messages"] == [{"role": "user", "content": "é, what colour is the sky?"}]
    assert ours["authorization"] == "Bearer sk-test-123"
    assert {k: v for k, v in ours.items() if k not in _VOLATILE} == {
        k: v for k, v in theirs.items() if k not in _VOLATILE
    }


@pytest.mark.parametrize(
    "reply",
    [b"<html>gateway</html>", b'{"choices": []}', b'{"choices": [{"message": {"content": 1}}]}'],
)
def test_a_reply_that_is_not_a_completion_is_a_typed_error(server: _Server, reply: bytes) -> None:
    server.reply = reply
    adapter = build_adapter(
        "cloud", TargetConfig(adapter="openai", model="m", base_url=_url(server))
    )
    request = local_request((Message(role="user", content="hi"),), sensitive=False)
    with pytest.raises(PermanentProviderError, match="malformed response"):
        adapter.complete(request, CallOptions(max_tokens=4))
