"""Wrong-shaped replies, broken streams, slow classifiers and bad options (issue 16).

Loopback wire servers answer with bodies in each provider's format but with the wrong shape;
the official SDKs read them; hybridllm must raise its own typed errors and write an audit record.
"""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import ExitStack
from pathlib import Path
from typing import Any

import pytest

import hybridllm
from hybridllm.local import LlamaServer
from hybridllm.models import Classification
from hybridllm.testing import OllamaShim, RecordingProxy, RecordingServer

pytestmark = pytest.mark.llm

PROMPT = "What is 2 + 2? Answer in one word."


class _NoFindings:
    def __init__(self, delay: float = 0.0) -> None:
        self.delay = delay
        self.calls = 0

    def classify_messages(self, texts: Sequence[str]) -> Classification:
        self.calls += 1
        time.sleep(self.delay)
        return Classification()


Make = Callable[..., tuple[Any, RecordingServer, RecordingProxy]]


@pytest.fixture
def rig(
    llama_server: LlamaServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Make]:
    """``make(adapter, **primary_settings)`` -> (client, primary server, backup server), with
    the real default timeouts (conftest makes the other tests' loopback clouds patient)."""
    monkeypatch.delenv("HYBRIDLLM_FIRST_TOKEN_TIMEOUT", raising=False)
    with ExitStack() as stack:
        count = [0]

        def make(
            adapter: str = "openai",
            *,
            fallback: bool = False,
            classifier: Any = None,
            settings: dict[str, Any] | None = None,
            **primary: Any,
        ) -> tuple[Any, RecordingServer, RecordingProxy]:
            count[0] += 1
            server: RecordingServer
            if adapter == "ollama":
                server = stack.enter_context(OllamaShim(llama_server.base_url))
            else:
                server = stack.enter_context(RecordingProxy(llama_server.base_url))
            backup = stack.enter_context(RecordingProxy(llama_server.base_url))
            url = server.base_url + ("/v1" if adapter == "openai" else "")
            client = hybridllm.Client(
                targets={
                    "primary": {
                        "adapter": adapter,
                        "model": "smollm2",
                        "base_url": url,
                        "locality": "remote",
                        **primary,
                    },
                    "backup": {
                        "adapter": "llamacpp",
                        "model": "smollm2",
                        "base_url": backup.base_url,
                    },
                },
                default_target="primary",
                local_target="backup",
                fallback={"local": [], "cloud": ["backup"] if fallback else []},
                audit_path=tmp_path / f"audit-{count[0]}.db",
                classifier=classifier or _NoFindings(),
                **(settings or {}),
            )
            stack.callback(client.close)
            return client, server, backup

        yield make


def _sse(*events: Any, done: bool = True) -> bytes:
    out = b"".join(b"data: " + json.dumps(e).encode() + b"\n\n" for e in events)
    return out + (b"data: [DONE]\n\n" if done else b"")


def _chunk(delta: Any, finish: str | None = None) -> dict[str, Any]:
    return {
        "id": "c",
        "object": "chat.completion.chunk",
        "created": 0,
        "model": "smollm2",
        "choices": [{"index": 0, "delta": delta, "finish_reason": finish}],
    }


def _anthropic_events(*events: dict[str, Any]) -> bytes:
    return b"".join(f"event: {e['type']}\ndata: {json.dumps(e)}\n\n".encode() for e in events)


_START = {
    "type": "message_start",
    "message": {
        "id": "m",
        "type": "message",
        "role": "assistant",
        "model": "smollm2",
        "content": [],
        "stop_reason": None,
        "usage": {"input_tokens": 3, "output_tokens": 0},
    },
}
_BLOCK = {"type": "content_block_start", "index": 0, "content_block": {"type": "text", "text": ""}}
_TEXT = {"type": "content_block_delta", "index": 0, "delta": {"type": "text_delta", "text": "4"}}

# name -> (adapter, stream?, body); each reply breaks before any text reaches the caller
SHAPES: dict[str, tuple[str, bool, bytes]] = {
    "openai content 123": (
        "openai",
        False,
        json.dumps(
            {
                "id": "c",
                "object": "chat.completion",
                "created": 0,
                "model": "smollm2",
                "choices": [
                    {
                        "index": 0,
                        "message": {"role": "assistant", "content": 123},
                        "finish_reason": "stop",
                    }
                ],
            }
        ).encode(),
    ),
    "openai no choices": (
        "openai",
        False,
        b'{"id":"c","object":"chat.completion","created":0,"model":"m","choices":[]}',
    ),
    "openai delta null": ("openai", True, _sse(_chunk(None))),
    "openai string data": ("openai", True, _sse("hello")),
    "openai numeric text": ("openai", True, _sse(_chunk({"content": 5}))),
    "anthropic text 123": (
        "anthropic",
        False,
        json.dumps(
            {
                "id": "m",
                "type": "message",
                "role": "assistant",
                "model": "smollm2",
                "content": [{"type": "text", "text": 123}],
                "stop_reason": "end_turn",
                "usage": {"input_tokens": 1, "output_tokens": 1},
            }
        ).encode(),
    ),
    "anthropic message_start without usage": (
        "anthropic",
        True,
        _anthropic_events({"type": "message_start", "message": {"model": "smollm2"}}),
    ),
    "ollama JSON list line": ("ollama", True, b"[1, 2, 3]\n"),
    "ollama content 123": (
        "ollama",
        False,
        b'{"model":"smollm2","created_at":"2024-01-01T00:00:00Z","done":true,'
        b'"message":{"role":"assistant","content":123}}',
    ),
}


@pytest.mark.parametrize("shape", list(SHAPES))
def test_wrong_shaped_reply_is_a_typed_error_with_an_audit_record(shape: str, rig: Make) -> None:
    adapter, stream, body = SHAPES[shape]
    client, primary, _ = rig(adapter)
    primary.malformed_next(1, body=body)

    def call() -> None:
        if stream:
            "".join(client.complete(PROMPT, max_tokens=4, stream=True))
        else:
            client.complete(PROMPT, max_tokens=4)

    with pytest.raises(hybridllm.NoTargetAvailableError) as info:
        call()
    ((target, outcome),) = info.value.hops
    assert target == "primary"
    assert "PermanentProviderError" in outcome
    record = client.audit.get(info.value.audit_id)
    assert record is not None
    assert record.status == "error"
    assert record.hops[0].outcome == "error"
    assert len(primary.requests) == 1  # a wrong shape is not retried


@pytest.mark.parametrize("shape", list(SHAPES))
def test_wrong_shaped_reply_falls_back(shape: str, rig: Make) -> None:
    adapter, stream, body = SHAPES[shape]
    client, primary, backup = rig(adapter, fallback=True)
    primary.malformed_next(1, body=body)
    if stream:
        s = client.complete(PROMPT, max_tokens=4, stream=True)
        text = "".join(s)
        r = s.completion
    else:
        r = client.complete(PROMPT, max_tokens=4)
        text = r.text
    assert r.target == "backup"
    assert text.strip()
    assert len(backup.requests) == 1


AFTER_FIRST_TOKEN: dict[str, tuple[str, bytes]] = {
    "anthropic message_delta without usage": (
        "anthropic",
        _anthropic_events(
            _START,
            _BLOCK,
            _TEXT,
            {"type": "content_block_stop", "index": 0},
            {"type": "message_delta", "delta": {"stop_reason": "end_turn"}},
            {"type": "message_stop"},
        ),
    ),
    "openai numeric text after a token": (
        "openai",
        _sse(_chunk({"content": "4"}), _chunk({"content": 5})),
    ),
}


@pytest.mark.parametrize("shape", list(AFTER_FIRST_TOKEN))
def test_wrong_shape_after_the_first_token_raises_typed_and_is_audited(
    shape: str, rig: Make
) -> None:
    adapter, body = AFTER_FIRST_TOKEN[shape]
    client, primary, backup = rig(adapter, fallback=True)
    primary.malformed_next(1, body=body)
    chunks: list[str] = []
    with pytest.raises(hybridllm.PermanentProviderError):
        chunks.extend(client.complete(PROMPT, max_tokens=4, stream=True))
    assert "".join(chunks) == "4"
    (record,) = client.audit.tail(1)
    assert record.status == "error"
    assert [(h.target, h.outcome) for h in record.hops] == [("primary", "error")]
    assert backup.requests == []  # text already reached the caller: no second answer


# -- 3. streams ------------------------------------------------------------------------------


@pytest.mark.parametrize("adapter", ["openai", "anthropic"])
def test_html_200_to_a_stream_request_is_an_error(adapter: str, rig: Make) -> None:
    client, primary, _ = rig(adapter, fallback=True)
    page = b"<html><body><h1>Welcome to the gateway</h1></body></html>"
    primary.malformed_next(1, body=page, content_type="text/html")
    s = client.complete(PROMPT, max_tokens=4, stream=True)
    assert "".join(s).strip()
    assert s.completion is not None
    assert s.completion.target == "backup"
    assert s.completion.hops[0].outcome == "error"
    assert "PermanentProviderError" in s.completion.hops[0].detail


def test_an_empty_event_stream_is_an_error(rig: Make) -> None:
    client, primary, _ = rig("openai", fallback=True)
    primary.malformed_next(1, body=b"data: [DONE]\n\n")
    s = client.complete(PROMPT, max_tokens=4, stream=True)
    assert "".join(s).strip()
    assert s.completion is not None
    assert s.completion.target == "backup"


@pytest.mark.parametrize("adapter", ["openai", "anthropic", "ollama"])
def test_a_stream_broken_after_its_first_token_opens_the_breaker(adapter: str, rig: Make) -> None:
    client, primary, backup = rig(adapter, fallback=True, cooldown_after=2)
    primary.cut_stream_next(2, after_events=3)
    for _ in range(2):
        with pytest.raises(hybridllm.TransientProviderError):
            "".join(client.complete(PROMPT, max_tokens=16, stream=True))
        (record,) = client.audit.tail(1)
        assert record.status == "error"
        assert [(h.target, h.outcome) for h in record.hops] == [("primary", "error")]
    assert backup.requests == []
    s = client.complete(PROMPT, max_tokens=4, stream=True)
    assert "".join(s).strip()
    assert s.completion is not None
    assert s.completion.target == "backup"
    assert s.completion.hops[0].outcome == "skipped"  # the breaker is open
    assert len(primary.requests) == 2


@pytest.mark.parametrize("adapter", ["openai", "anthropic", "ollama"])
def test_streamed_results_carry_finish_reason(adapter: str, rig: Make) -> None:
    client, _, _ = rig(adapter)
    # Greedy decoding: a sampled reply may end (EOS) inside three tokens, which reads as "stop".
    s = client.complete("Count from 1 to 50.", max_tokens=3, temperature=0, stream=True)
    "".join(s)
    assert s.completion is not None
    assert s.completion.finish_reason == "length"
    whole = client.complete("Count from 1 to 50.", max_tokens=3, temperature=0)
    assert whole.finish_reason == s.completion.finish_reason


# -- 6. classification has a time bound; options are validated first ---------------------------


def _outcome(client: Any) -> tuple[str, str, list[str]]:
    """(audit id, route, targets tried) of one call, answered or not."""
    try:
        r = client.complete(PROMPT, max_tokens=4)
    except hybridllm.NoTargetAvailableError as exc:
        # the local model could not answer in the second that was left (a loaded machine)
        return exc.audit_id, "local", [t for t, _ in exc.hops]
    return r.audit_id, r.route, [h.target for h in r.hops]


@pytest.mark.parametrize("on_error", ["local", "block"])
def test_a_slow_classifier_fails_closed_within_the_deadline(on_error: str, rig: Make) -> None:
    slow = _NoFindings(delay=5.0)
    client, primary, backup = rig(
        classifier=slow, settings={"deadline": 2.0, "on_classifier_error": on_error}
    )
    client.warm_up(wait_for_ner=False)  # SDK clients and the audit log, as at start-up
    t = time.perf_counter()
    audit_id, route, tried = _outcome(client)
    elapsed = time.perf_counter() - t
    assert elapsed < 2.0 + 2.0, f"took {elapsed:.2f} s"  # the deadline (+ load), not 5 s
    assert primary.requests == []  # nothing went to the cloud
    stored = client.audit.get(audit_id)
    assert stored is not None
    assert stored.fail_closed
    assert stored.route == route
    if on_error == "local":
        assert route == "local"
        assert tried == ["backup"]
    else:
        assert route == "blocked"
        assert tried == []
        assert backup.requests == []


def test_abandoned_async_classifications_hold_no_slot_of_the_loops_executor(
    tmp_path: Path,
) -> None:
    """Hung classifiers are abandoned at their bound, still running: on a pool of their own, so
    the event loop's default executor (audit appends, DNS lookups) stays free for everyone."""
    from hybridllm.client.resilience import BOUNDED_WORKERS

    slow = _NoFindings(delay=6.0)
    client = hybridllm.AsyncClient(
        targets={"primary": {"adapter": "openai", "model": "m", "base_url": "http://127.0.0.1:9"}},
        default_target="primary",
        audit_path=tmp_path / "audit.db",
        classifier=slow,
        deadline=2.0,  # classification may take half: 1 s
        on_classifier_error="block",
    )
    calls = BOUNDED_WORKERS + 4  # more than the bounded pool and the default executor hold

    async def main() -> tuple[list[float], float]:
        loop = asyncio.get_running_loop()

        async def one() -> float:
            t = time.perf_counter()
            r = await client.acomplete(PROMPT, max_tokens=4)
            assert r.route == "blocked"
            return time.perf_counter() - t

        times = await asyncio.gather(*(one() for _ in range(calls)))
        # every classifier thread is still asleep: the loop's default executor must not wait
        t = time.perf_counter()
        await loop.run_in_executor(None, lambda: None)
        return list(times), time.perf_counter() - t

    try:
        times, probe = asyncio.run(main())
        assert max(times) < 2.0, times  # the 1 s bound, not the 6 s classifier
        assert probe < 1.0, f"default executor busy for {probe:.2f} s"
        assert slow.calls <= BOUNDED_WORKERS  # the queued rest were cancelled before they ran
        outcomes = [r for r in client.audit.iter_records() if r.status != "intent"]
        assert len(outcomes) == calls
        assert all(r.fail_closed and r.route == "blocked" for r in outcomes)
    finally:
        asyncio.run(client.aclose())


@pytest.mark.parametrize(
    "options",
    [
        {"max_tokens": -5},
        {"max_tokens": 0},
        {"max_tokens": "12"},
        {"max_tokens": True},
        {"temperature": "hot"},
        {"temperature": float("nan")},
        {"temperature": float("inf")},
        {"temperature": -0.5},
        {"temperature": 9},
        {"tool_choice": 3},
        {"caller": 7},
        {"stream": "yes"},
    ],
    ids=repr,
)
def test_bad_options_are_input_errors_before_anything_is_classified_or_sent(
    options: dict[str, Any], rig: Make
) -> None:
    classifier = _NoFindings()
    client, primary, backup = rig(classifier=classifier, fallback=True)
    with pytest.raises(hybridllm.InputError) as info:
        client.complete(PROMPT, **options)
    (name,) = options
    assert name in str(info.value)
    assert classifier.calls == 0
    assert primary.requests == []
    assert backup.requests == []
    assert client.audit.count() == 0


def test_good_options_still_pass(rig: Make) -> None:
    client, primary, _ = rig()
    r = client.complete(PROMPT, max_tokens=4, temperature=0)
    assert r.target == "primary"
    assert primary.requests[0].json["temperature"] == 0
