"""The fault matrix (issue 5, test 1 and 2): every adapter against every wire fault.

Each adapter is driven through the public :class:`hybridllm.Client` against a loopback server
that speaks its wire format (``RecordingProxy`` for openai, llamacpp and anthropic,
``OllamaShim`` for ollama) in front of the real llama-server, with faults injected at the wire.
The fallback target is a llamacpp target behind a second ``RecordingProxy``, so both sides count
what they received: transient faults cost exactly ``max_retries + 1`` requests, permanent ones
exactly one, and the fallback target receives exactly one request per call.

Which faults are transient (retried, then fall back) and which are permanent (no retry; the
chain moves on, or the call fails with ``NoTargetAvailableError`` naming the error type):

====================================  ==========  =========================================
fault                                 class       what the adapters raise (SDK error -> ours)
====================================  ==========  =========================================
429 with Retry-After                  transient   RateLimitError / ResponseError(429)
500, 503                              transient   InternalServerError / ResponseError(5xx)
connection refused                    transient   APIConnectionError / ConnectionError
read timeout                          transient   APITimeoutError / httpx.ReadTimeout
                                                  -> ProviderTimeoutError: fails over at
                                                  once while a later target exists
disconnect (FIN or RST), no response  transient   APIConnectionError / RemoteProtocolError,
                                                  ReadError
stream cut before its first token     transient   APIConnectionError / RemoteProtocolError
                                                  (anthropic: httpx2.RemoteProtocolError)
malformed JSON (body or stream frame) permanent   json.JSONDecodeError
401                                   permanent   AuthenticationError / ResponseError(401)
====================================  ==========  =========================================

A stream cut after its first token is not retried and does not fall back (the caller already
holds part of the answer): the stream iterator raises ``TransientProviderError``.

Ollama's client does not expose response headers on ``ResponseError``; the adapter reads the
Retry-After from the ``httpx.HTTPStatusError`` the client raised it from.
"""

from __future__ import annotations

import asyncio
import socket
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import anthropic  # noqa: F401 - imported up front: the timed fallback must not pay for it
import ollama  # noqa: F401
import openai  # noqa: F401
import pytest

import hybridllm
from hybridllm.local import LlamaServer
from hybridllm.models import Classification
from hybridllm.testing import OllamaShim, RecordingProxy, RecordingServer

pytestmark = pytest.mark.llm

ADAPTERS = ["openai", "llamacpp", "anthropic", "ollama"]
PROMPT = "What is 2 + 2? Answer in one word."
# Per-attempt timeout of the primary target in the read-timeout cases. The retry after a timeout
# is a real answer from llama-server, which takes 0.3-0.5 s here warm and more on the first call
# or a slower CI machine: with 0.5 s the retry itself timed out now and then (CI at bd3dd87:
# attempts 3, not 2). 2.5 s leaves it five times that; the delay fault waits three times as long.
TIMEOUT = 2.5
RETRIES = 2


class _NoFindings:
    """Every prompt is plain: the tests here are about transport, not classification."""

    def classify_messages(self, texts: Sequence[str]) -> Classification:
        return Classification()


def _dead_url() -> str:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    return f"http://127.0.0.1:{port}"  # nothing listens here: connection refused


def _base_url(adapter: str, server_url: str) -> str:
    return server_url + "/v1" if adapter == "openai" else server_url


@dataclass
class Rig:
    """A primary target of one adapter behind a fault-injecting server, and a fallback."""

    adapter: str
    primary: RecordingServer
    backup: RecordingProxy
    make: Callable[..., Any]


@pytest.fixture
def rig_factory(llama_server: LlamaServer, tmp_path: Path) -> Iterator[Callable[..., Rig]]:
    """Build a :class:`Rig` for an adapter; servers and clients are closed after the test."""
    with ExitStack() as stack:

        def build(
            adapter: str, *, dead: bool = False, timeout: float | None = None, **target: Any
        ) -> Rig:
            primary: RecordingServer
            if adapter == "ollama":
                primary = stack.enter_context(OllamaShim(llama_server.base_url))
            else:
                primary = stack.enter_context(RecordingProxy(llama_server.base_url))
            backup = stack.enter_context(RecordingProxy(llama_server.base_url))
            url = _dead_url() if dead else primary.base_url
            spec: dict[str, Any] = {
                "adapter": adapter,
                "model": "smollm2",
                "base_url": _base_url(adapter, url),
                **target,
            }
            if timeout is not None:
                spec["timeout"] = timeout
            local = adapter in {"llamacpp", "ollama"}
            count = [0]

            def make(*, fallback: bool = True, client_cls: type[Any] = hybridllm.Client) -> Any:
                count[0] += 1
                chain = ["backup"] if fallback else []
                client = client_cls(
                    targets={
                        "primary": spec,
                        "backup": {
                            "adapter": "llamacpp",
                            "model": "smollm2",
                            "base_url": backup.base_url,
                            "max_retries": 0,
                        },
                    },
                    default_target="primary",
                    local_target="primary" if local else "backup",
                    fallback={"local": chain if local else [], "cloud": chain},
                    audit_path=tmp_path / f"audit-{count[0]}.db",
                    classifier=_NoFindings(),
                )
                if client_cls is hybridllm.Client:
                    stack.callback(client.close)
                return client

            return Rig(adapter, primary, backup, make)

        yield build


def _hops(r: Any) -> list[tuple[str, str, int]]:
    return [(h.target, h.outcome, h.attempts) for h in r.hops]


# name -> (inject n faults, stream the call?)
Inject = Callable[[RecordingServer, int], None]
TRANSIENT: dict[str, tuple[Inject, bool]] = {
    "429": (lambda s, n: s.fail_next(n, status=429, retry_after=0.1), False),
    "500": (lambda s, n: s.fail_next(n, status=500), False),
    "503": (lambda s, n: s.fail_next(n, status=503), False),
    "read-timeout": (lambda s, n: s.delay_next(n, seconds=TIMEOUT * 3), False),
    "disconnect": (lambda s, n: s.disconnect_next(n), False),
    "reset": (lambda s, n: s.disconnect_next(n, reset=True), False),
    "stream-cut-before-first-token": (lambda s, n: s.cut_stream_next(n, after_events=0), True),
}
PERMANENT: dict[str, tuple[Inject, bool, str]] = {
    "401": (lambda s, n: s.fail_next(n, status=401), False, "HTTP 401"),
    "malformed-json": (lambda s, n: s.malformed_next(n), False, "PermanentProviderError"),
    "malformed-sse-frame": (lambda s, n: s.malformed_next(n), True, "PermanentProviderError"),
}


def _complete(client: Any, stream: bool, **kwargs: Any) -> tuple[str, Any]:
    """One call; a stream is read to its end. Returns the text and the completion."""
    if not stream:
        r = client.complete(PROMPT, max_tokens=4, **kwargs)
        return r.text, r
    s = client.complete(PROMPT, max_tokens=4, stream=True, **kwargs)
    text = "".join(s)
    assert s.completion is not None
    return text, s.completion


def _timeout_for(fault: str) -> float | None:
    return TIMEOUT if fault == "read-timeout" else None


@pytest.mark.parametrize("fault", list(TRANSIENT))
@pytest.mark.parametrize("adapter", ADAPTERS)
def test_transient_fault_is_retried_on_the_same_target(
    adapter: str, fault: str, rig_factory: Callable[..., Rig]
) -> None:
    inject, stream = TRANSIENT[fault]
    rig = rig_factory(adapter, timeout=_timeout_for(fault), max_retries=RETRIES)
    inject(rig.primary, 1)
    # A timeout is retried only where no later target could take the call (else it fails over)
    text, r = _complete(rig.make(fallback=fault != "read-timeout"), stream)
    assert r.target == "primary"
    assert text == r.text
    assert text.strip()
    assert _hops(r) == [("primary", "ok", 2)]
    assert len(rig.primary.requests) == 2  # the faulted request and its one retry
    assert [q.injected for q in rig.primary.requests] == [True, False]
    assert rig.backup.requests == []
    if fault == "429":
        assert r.hops[0].latency_ms >= 100  # waited the Retry-After the server asked for


@pytest.mark.parametrize("fault", [*TRANSIENT, "connection-refused"])
@pytest.mark.parametrize("adapter", ADAPTERS)
def test_transient_fault_exhausts_retries_then_falls_back_once(
    adapter: str, fault: str, rig_factory: Callable[..., Rig]
) -> None:
    dead = fault == "connection-refused"
    inject, stream = TRANSIENT.get(fault, (lambda s, n: None, False))
    rig = rig_factory(adapter, dead=dead, timeout=_timeout_for(fault), max_retries=RETRIES)
    inject(rig.primary, 10)
    text, r = _complete(rig.make(), stream)
    tries = 1 if fault == "read-timeout" else RETRIES + 1  # a hang fails over at once
    assert r.target == "backup"
    assert _hops(r) == [("primary", "error", tries), ("backup", "ok", 1)]
    assert len(rig.primary.requests) == (0 if dead else tries)
    assert len(rig.backup.requests) == 1  # answered once, by the fallback
    assert text.strip()
    assert text == r.text


@pytest.mark.parametrize("fault", ["503", "connection-refused"])
@pytest.mark.parametrize("adapter", ADAPTERS)
def test_transient_exhaustion_without_fallback_names_the_error(
    adapter: str, fault: str, rig_factory: Callable[..., Rig]
) -> None:
    rig = rig_factory(adapter, dead=fault == "connection-refused", max_retries=1)
    rig.primary.fail_next(10, status=503)
    with pytest.raises(hybridllm.NoTargetAvailableError) as info:
        rig.make(fallback=False).complete(PROMPT, max_tokens=4)
    ((target, outcome),) = info.value.hops
    assert target == "primary"
    assert "TransientProviderError" in outcome
    assert len(rig.primary.requests) == (0 if fault == "connection-refused" else 2)
    assert rig.backup.requests == []


@pytest.mark.parametrize("mode", ["sync", "async"])
@pytest.mark.parametrize("fault", list(PERMANENT))
@pytest.mark.parametrize("adapter", ADAPTERS)
def test_permanent_fault_is_not_retried(
    adapter: str, fault: str, mode: str, rig_factory: Callable[..., Rig]
) -> None:
    inject, stream, detail = PERMANENT[fault]
    rig = rig_factory(adapter, max_retries=RETRIES)
    inject(rig.primary, 10)

    # Alone, the target fails fast with a typed error that names what went wrong.
    def alone() -> None:
        if mode == "sync":
            _complete(rig.make(fallback=False), stream)
        else:
            client = rig.make(fallback=False, client_cls=hybridllm.AsyncClient)
            asyncio.run(_acomplete(client, stream))

    with pytest.raises(hybridllm.NoTargetAvailableError) as info:
        alone()
    ((target, outcome),) = info.value.hops
    assert target == "primary"
    assert "PermanentProviderError" in outcome
    assert detail in outcome
    assert len(rig.primary.requests) == 1  # not retried
    # In a chain, the next target answers, once.
    text, r = _complete(rig.make(), stream)
    assert _hops(r) == [("primary", "error", 1), ("backup", "ok", 1)]
    assert len(rig.primary.requests) == 2
    assert len(rig.backup.requests) == 1
    assert text.strip()


async def _acomplete(client: Any, stream: bool) -> tuple[str, Any]:
    async with client:
        if not stream:
            r = await client.complete(PROMPT, max_tokens=4)
            return r.text, r
        s = await client.complete(PROMPT, max_tokens=4, stream=True)
        text = "".join([c async for c in s])
        return text, s.completion


# A stream that breaks after its first token: the caller already holds part of the answer, so
# hybridllm neither retries nor falls back (that would duplicate output); the iterator raises.
@pytest.mark.parametrize("mode", ["sync", "async"])
@pytest.mark.parametrize("adapter", ADAPTERS)
def test_stream_cut_after_first_token_raises_without_fallback(
    adapter: str, mode: str, rig_factory: Callable[..., Rig]
) -> None:
    rig = rig_factory(adapter, max_retries=RETRIES)
    rig.primary.cut_stream_next(1, after_events=3)  # a few events reach the caller, then EOF
    chunks: list[str] = []

    async def drain_async() -> None:
        async with rig.make(client_cls=hybridllm.AsyncClient) as client:
            s = await client.complete(PROMPT, max_tokens=16, stream=True)
            async for chunk in s:
                chunks.append(chunk)

    def drain() -> None:
        if mode == "async":
            asyncio.run(drain_async())
            return
        for chunk in rig.make().complete(PROMPT, max_tokens=16, stream=True):
            chunks.append(chunk)

    with pytest.raises(hybridllm.ProviderError) as info:
        drain()
    assert isinstance(info.value, hybridllm.TransientProviderError)
    assert info.value.target == "primary"
    assert "".join(chunks).strip()  # the first tokens did arrive
    assert len(rig.primary.requests) == 1  # not retried
    assert rig.backup.requests == []  # and not answered a second time elsewhere


def test_stream_cut_after_a_non_text_event_still_falls_back(
    rig_factory: Callable[..., Rig],
) -> None:
    """OpenAI's first SSE event carries only the role: no token has reached the caller yet."""
    rig = rig_factory("openai", max_retries=0)
    rig.primary.cut_stream_next(1, after_events=1)
    text, r = _complete(rig.make(), stream=True)
    assert r.target == "backup"
    assert text.strip()
    assert len(rig.backup.requests) == 1


# Issue 5, test 2: the primary target is down; the next target answers within 1.5 s with
# default settings (max_retries=2, exponential backoff with jitter, no Retry-After to honour).
@pytest.mark.parametrize("adapter", ADAPTERS)
def test_primary_down_is_answered_by_the_next_target_within_1_5_s(
    adapter: str, rig_factory: Callable[..., Rig]
) -> None:
    rig = rig_factory(adapter, dead=True)
    client = rig.make()
    client.complete("warm up", max_tokens=1, target="backup")  # opens the audit store
    began = time.perf_counter()
    r = client.complete(PROMPT, max_tokens=4)
    elapsed = time.perf_counter() - began
    assert r.target == "backup"
    assert r.hops[0].attempts == 3
    # What the fallback costs is the call less the backup model's own answer (which a loaded
    # machine can stretch to seconds): three refused attempts with jittered backoff.
    answering = r.hops[-1].latency_ms / 1000
    assert 0 < answering < elapsed
    assert elapsed - answering < 1.5, f"fallback took {elapsed - answering:.3f} s"
