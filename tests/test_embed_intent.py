"""Invariant 9 for embeddings: the intent record is durable before any text leaves.

Real SQLite, the real classifier, the official ``openai`` SDK against a recording wire proxy in
front of the real llama-server (which embeds). Each test reads the log back from another store
handle, as another process would.
"""

from __future__ import annotations

import asyncio
import sqlite3
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from tests.helpers import EMAIL

import hybridllm
from hybridllm.audit import AuditStore
from hybridllm.local import LlamaServer
from hybridllm.models import AuditRecord
from hybridllm.testing import RecordingProxy

pytestmark = pytest.mark.llm

TEXTS = [f"Reset the password of {EMAIL}.", "Where is the invoice page?"]


@pytest.fixture
def cloud(llama_server: LlamaServer) -> Iterator[RecordingProxy]:
    with RecordingProxy(llama_server.base_url) as proxy:
        yield proxy


def _client(cloud: RecordingProxy, path: Path, cls: Any = hybridllm.Client, **extra: Any) -> Any:
    return cls(
        targets={
            "cloud": {"adapter": "openai", "model": "smollm2", "base_url": cloud.base_url + "/v1"}
        },
        default_target="cloud",
        fallback={"local": [], "cloud": []},
        audit_path=path,
        spaces={"docs": {"target": "cloud", "redact_sensitive": True}},
        **extra,
    )


def _records(path: Path) -> list[AuditRecord]:
    with AuditStore(path, readonly=True) as store:
        return list(store.iter_records())


def _embed_requests(cloud: RecordingProxy) -> list[Any]:
    return [r for r in cloud.requests if r.path.endswith("/embeddings")]


def _wait_for_request(cloud: RecordingProxy, timeout: float = 20.0) -> None:
    end = time.monotonic() + timeout
    while not _embed_requests(cloud):
        assert time.monotonic() < end, "the request never reached the server"
        time.sleep(0.01)


def _intent_then_outcome(records: list[AuditRecord], error: str | None) -> AuditRecord:
    intent, outcome = records
    assert (intent.status, intent.kind, intent.space) == ("intent", "embed", "docs")
    assert (intent.target, intent.route) == ("cloud", "cloud")
    assert intent.redacted_count == 1  # the e-mail: counts known before anything is sent
    assert intent.model is not None
    assert intent.model.startswith("openai/smollm2")
    assert intent.intents == ()
    assert (outcome.kind, outcome.space) == ("embed", "docs")
    assert outcome.intents == (intent.id,)
    assert outcome.error == error
    assert outcome.status == ("ok" if error is None else "error")
    return outcome


def test_embed_intent_is_durable_before_the_texts_leave(
    cloud: RecordingProxy, tmp_audit_path: Path
) -> None:
    cloud.delay_next(1, seconds=1.0)
    with _client(cloud, tmp_audit_path) as client:
        result: dict[str, Any] = {}
        worker = threading.Thread(target=lambda: result.update(e=client.embed(TEXTS, space="docs")))
        worker.start()
        _wait_for_request(cloud)
        seen = _records(tmp_audit_path)  # the proxy holds the texts: the intent is on disk
        worker.join(60)
    assert [(r.status, r.kind) for r in seen] == [("intent", "embed")]
    outcome = _intent_then_outcome(_records(tmp_audit_path), None)
    assert result["e"].audit_id == outcome.id
    assert len(result["e"].vectors) == 2
    assert EMAIL not in cloud.bodies_text()


def test_locked_audit_db_fails_an_embed_before_anything_is_sent(
    cloud: RecordingProxy, tmp_audit_path: Path
) -> None:
    with _client(cloud, tmp_audit_path, audit_busy_timeout=0.5) as client:
        client.warm_up(wait_for_ner=False)
        blocker = sqlite3.connect(tmp_audit_path, isolation_level=None)
        blocker.execute("BEGIN IMMEDIATE")  # another writer holds the lock
        try:
            with pytest.raises(hybridllm.AuditError):
                client.embed(TEXTS, space="docs")
        finally:
            blocker.execute("ROLLBACK")
            blocker.close()
        assert _embed_requests(cloud) == []  # the provider never saw the texts
        assert client.audit.count() == 0
        client.embed(TEXTS, space="docs")  # the lock is gone: embeddings work again
    assert len(_embed_requests(cloud)) == 1


def test_cancelled_async_embed_leaves_intent_and_outcome(
    cloud: RecordingProxy, tmp_audit_path: Path
) -> None:
    cloud.delay_next(1, seconds=5.0)

    async def run() -> None:
        async with _client(cloud, tmp_audit_path, hybridllm.AsyncClient) as client:
            task = asyncio.create_task(client.aembed(TEXTS, space="docs"))
            await asyncio.to_thread(_wait_for_request, cloud)
            task.cancel()
            with pytest.raises(asyncio.CancelledError):
                await task

    asyncio.run(run())
    _intent_then_outcome(_records(tmp_audit_path), "CancelledError")
