"""areembed against real servers: a full run, resume after failures, privacy, identity checks.

The "cloud" is a recording proxy in front of a fresh llama-server; "near" is the session's
llama-server itself. Nothing of ours is mocked: failures are injected at the wire.
"""

from __future__ import annotations

import asyncio
import json
from collections import Counter
from collections.abc import AsyncIterator, Sequence
from pathlib import Path
from typing import Any

import pytest
from tests.helpers import MRN, PATIENT

import hybridllm
from hybridllm.embeddings import (
    EmbeddingRefusedError,
    Embeddings,
    ModelMismatchError,
    ReembedReport,
    areembed,
    reembed,
)
from hybridllm.errors import NoTargetAvailableError
from hybridllm.local import LlamaServer
from hybridllm.testing import RecordingProxy

CLOUD_ID = "openai/smollm2@1:576:none"
NOTE = f"Patient {PATIENT}, MRN: {MRN}, was admitted with pneumonia and started on amoxicillin."
DOCS = [(f"doc-{i}", f"Short help article number {i} about billing.") for i in range(24)]


def _client(cls: Any, local_url: str, cloud_url: str, audit: Path) -> Any:
    return cls(
        targets={
            "local": {"adapter": "llamacpp", "model": "smollm2", "base_url": local_url},
            "cloud": {
                "adapter": "openai",
                "model": "smollm2",
                "base_url": cloud_url + "/v1",
                "max_retries": 1,
                "backoff_max": 0.05,
            },
        },
        default_target="cloud",
        fallback={"local": [], "cloud": []},
        audit_path=audit,
        spaces={
            "docs": {"target": "cloud"},
            "redacted": {"target": "cloud", "redact_sensitive": True},
            "near": {"target": "local", "revision": "2"},
        },
    )


def _embed_inputs(cloud: RecordingProxy) -> list[str]:
    """Every text the cloud answered with vectors, in order."""
    ok = [r for r in cloud.requests if r.path.endswith("/embeddings") and r.status == 200]
    return [text for r in ok for text in r.json["input"]]


def _reembed_records(client: Any) -> list[hybridllm.AuditRecord]:
    return [
        r
        for r in client.audit.iter_records()
        if r.kind == "embed" and r.caller == "reembed" and r.status != "intent"
    ]


def _assert_same_vectors(stored: dict[str, list[float]], reference: Embeddings) -> None:
    assert list(stored) == [d for d, _ in DOCS[: len(stored)]]
    for vector, expected in zip(stored.values(), reference.vectors, strict=True):
        assert len(vector) == 576
        assert vector == pytest.approx(expected, abs=1e-4)


async def test_areembed_full_run(
    llama_server: LlamaServer, recording_cloud: RecordingProxy, tmp_path: Path
) -> None:
    docs = DOCS[:10]
    stored: dict[str, list[float]] = {}
    identities: set[str] = set()

    async def sink(ids: Sequence[str], e: Embeddings) -> None:  # an async sink is awaited
        await asyncio.sleep(0)
        identities.add(e.model_id)
        stored.update(zip(ids, e.vectors, strict=True))

    ckpt = tmp_path / "reembed.ckpt"
    urls = (llama_server.base_url, recording_cloud.base_url)
    async with _client(hybridllm.AsyncClient, *urls, tmp_path / "a.db") as c:
        report = await areembed(c, docs, sink, checkpoint=ckpt, space="docs", batch_size=4)
        reference = await c.aembed([t for _, t in docs], space="docs")
        records = _reembed_records(c)

    assert report == ReembedReport(embedded=10, skipped=0, batches=3, model_id=CLOUD_ID)
    assert identities == {CLOUD_ID} == {reference.model_id}
    _assert_same_vectors(stored, reference)
    assert _embed_inputs(recording_cloud)[:10] == [t for _, t in docs]  # plain texts go as-is
    assert [(r.space, r.route, r.status, r.input_count) for r in records] == [
        ("docs", "cloud", "ok", 4),
        ("docs", "cloud", "ok", 4),
        ("docs", "cloud", "ok", 2),
    ]
    lines = [json.loads(line) for line in ckpt.read_text(encoding="utf-8").splitlines()]
    assert lines == [
        {"model_id": CLOUD_ID},
        {"ids": ["doc-0", "doc-1", "doc-2", "doc-3"]},
        {"ids": ["doc-4", "doc-5", "doc-6", "doc-7"]},
        {"ids": ["doc-8", "doc-9"]},
    ]


async def test_areembed_resumes_after_failures(
    llama_server: LlamaServer, recording_cloud: RecordingProxy, tmp_path: Path
) -> None:
    cloud = recording_cloud
    stored: dict[str, list[float]] = {}
    delivered: Counter[str] = Counter()

    def sink(ids: Sequence[str], e: Embeddings) -> None:  # a plain sink works too
        assert len(ids) == len(e)
        delivered.update(ids)
        stored.update(zip(ids, e.vectors, strict=True))
        if sum(delivered.values()) == 12:  # halfway: the next batch fails after retries
            cloud.fail_next(2, status=503, path="/v1/embeddings")

    async def broken() -> AsyncIterator[tuple[str, str]]:  # an async source that fails later
        for doc in DOCS[:20]:
            yield doc
        raise OSError("source went away")

    ckpt = tmp_path / "reembed.ckpt"
    urls = (llama_server.base_url, cloud.base_url)
    async with _client(hybridllm.AsyncClient, *urls, tmp_path / "a.db") as c:
        with pytest.raises(NoTargetAvailableError):
            await areembed(c, DOCS, sink, checkpoint=ckpt, space="docs", batch_size=4)
        assert sum(delivered.values()) == 12

        with pytest.raises(OSError, match="source went away"):
            await areembed(c, broken(), sink, checkpoint=ckpt, space="docs", batch_size=4)
        assert sum(delivered.values()) == 20

        # a crash in the middle of a checkpoint write leaves a torn last line
        with ckpt.open("a", encoding="utf-8") as fh:
            fh.write('{"ids": ["doc-20", "do')
        report = await areembed(c, DOCS, sink, checkpoint=ckpt, space="docs", batch_size=4)
        assert report == ReembedReport(embedded=4, skipped=20, batches=1, model_id=CLOUD_ID)

        sent_before = len(cloud.requests)
        again = await areembed(c, DOCS, sink, checkpoint=ckpt, space="docs", batch_size=4)
        assert again == ReembedReport(embedded=0, skipped=24, batches=0, model_id=CLOUD_ID)
        assert len(cloud.requests) == sent_before  # nothing re-embedded after the torn line
        reference = await c.aembed([t for _, t in DOCS], space="docs")

    assert delivered == Counter({d: 1 for d, _ in DOCS})  # every document exactly once
    assert sorted(_embed_inputs(cloud)[:24]) == sorted(t for _, t in DOCS)
    stored = {d: stored[d] for d, _ in DOCS}
    _assert_same_vectors(stored, reference)  # resumed vectors = one uninterrupted call


async def test_areembed_keeps_the_privacy_split(
    llama_server: LlamaServer, recording_cloud: RecordingProxy, tmp_path: Path
) -> None:
    docs = [DOCS[0], DOCS[1], ("note", NOTE), DOCS[2]]
    delivered: list[str] = []

    def sink(ids: Sequence[str], e: Embeddings) -> None:
        delivered.extend(ids)

    ckpt = tmp_path / "reembed.ckpt"
    urls = (llama_server.base_url, recording_cloud.base_url)
    async with _client(hybridllm.AsyncClient, *urls, tmp_path / "a.db") as c:
        with pytest.raises(EmbeddingRefusedError) as info:  # a remote space refuses the note
            await areembed(c, docs, sink, checkpoint=ckpt, space="docs", batch_size=2)
        assert delivered == ["doc-0", "doc-1"]
        assert _embed_inputs(recording_cloud) == [DOCS[0][1], DOCS[1][1]]  # the batch never left
        refused = next(r for r in _reembed_records(c) if r.id == info.value.audit_id)
        assert (refused.status, refused.route, refused.space) == ("blocked", "blocked", "docs")

        # the same model identity with redaction on: the checkpoint carries over
        report = await areembed(c, docs, sink, checkpoint=ckpt, space="redacted", batch_size=2)

    assert report == ReembedReport(embedded=2, skipped=2, batches=1, model_id=CLOUD_ID)
    assert delivered == ["doc-0", "doc-1", "note", "doc-2"]
    sent = recording_cloud.bodies_text()
    assert PATIENT not in sent
    assert MRN not in sent
    note_sent = _embed_inputs(recording_cloud)[2]
    assert note_sent != NOTE
    assert "[PERSON_" in note_sent


async def test_areembed_model_identity_checks(
    llama_server: LlamaServer, recording_cloud: RecordingProxy, tmp_path: Path
) -> None:
    ckpt = tmp_path / "reembed.ckpt"
    delivered: list[str] = []

    def sink(ids: Sequence[str], e: Embeddings) -> None:
        delivered.extend(ids)

    urls = (llama_server.base_url, recording_cloud.base_url)
    async with _client(hybridllm.AsyncClient, *urls, tmp_path / "fresh.db") as c:
        # same model, other dimensions: a fresh client cannot tell before embedding (its
        # space has no configured size), but the vectors can, and the sink never sees them
        other = tmp_path / "other.ckpt"
        other.write_text(json.dumps({"model_id": "openai/smollm2@1:768:none"}) + "\n")
        assert c.space_identity("docs").dimensions is None
        with pytest.raises(ModelMismatchError) as info:
            await areembed(c, [("new", "text")], sink, checkpoint=other, space="docs")
        assert (info.value.left, info.value.right) == ("openai/smollm2@1:768:none", CLOUD_ID)
        assert len(_reembed_records(c)) == 1  # embedded, then refused
        assert other.read_text().count("\n") == 1  # nothing checkpointed
    assert delivered == []

    with _client(hybridllm.Client, *urls, tmp_path / "sync.db") as sync_client:
        first = await asyncio.to_thread(
            reembed, sync_client, DOCS[:4], sink, checkpoint=ckpt, space="docs", progress=False
        )
    assert first.model_id == CLOUD_ID

    async with _client(hybridllm.AsyncClient, *urls, tmp_path / "a.db") as c:
        # areembed resumes a checkpoint that reembed began: one format, one walk
        report = await areembed(c, DOCS[:8], sink, checkpoint=ckpt, space="docs", batch_size=4)
        assert report == ReembedReport(embedded=4, skipped=4, batches=1, model_id=CLOUD_ID)

        # another model revision: refused before anything is embedded or delivered
        calls = len(list(c.audit.iter_records()))
        with pytest.raises(ModelMismatchError) as info:
            await areembed(c, [("new", "text")], sink, checkpoint=ckpt, space="near")
        assert info.value.left == CLOUD_ID
        assert info.value.right == c.space_identity("near").model_id
        assert info.value.right.startswith("llamacpp/smollm2@2:")
        assert len(list(c.audit.iter_records())) == calls

    assert delivered == [d for d, _ in DOCS[:8]]
