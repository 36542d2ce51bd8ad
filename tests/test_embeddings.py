"""Embeddings against real servers: privacy split, identity guard, resume, adapters, audit."""

from __future__ import annotations

import asyncio
import json
import re
from collections import Counter
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import pytest
from tests.helpers import MRN, PATIENT

import hybridllm
from hybridllm.config import TargetConfig
from hybridllm.embeddings import (
    EmbeddingRefusedError,
    Embeddings,
    EmbeddingSpace,
    ModelIdentity,
    ModelMismatchError,
    index_status,
    reembed,
)
from hybridllm.errors import ConfigError, NoTargetAvailableError
from hybridllm.local import LlamaServer
from hybridllm.testing import OllamaShim, RecordingProxy

NOTE = f"Patient {PATIENT}, MRN: {MRN}, was admitted with pneumonia and started on amoxicillin."
PLAIN = ["How do I reset my password?", "Where is the invoice page?"]


def _client(local_url: str, cloud_url: str, audit: Path, **spaces: dict[str, Any]) -> Any:
    return hybridllm.Client(
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
        spaces=spaces,
    )


def _records(client: Any) -> list[hybridllm.AuditRecord]:
    """Each embed call's outcome record (intents left out: each outcome names its own)."""
    return [r for r in client.audit.iter_records() if r.kind == "embed" and r.status != "intent"]


@pytest.fixture
def remote(
    llama_server: LlamaServer, recording_cloud: RecordingProxy, tmp_audit_path: Path
) -> Iterator[tuple[Any, RecordingProxy]]:
    client = _client(
        llama_server.base_url,
        recording_cloud.base_url,
        tmp_audit_path,
        docs={"target": "cloud"},
        redacted={"target": "cloud", "redact_sensitive": True},
        near={"target": "local", "revision": "2"},
    )
    with client:
        yield client, recording_cloud


def test_remote_space_refuses_patient_note(remote: tuple[Any, RecordingProxy]) -> None:
    client, cloud = remote
    with pytest.raises(EmbeddingRefusedError) as info:
        client.embed([PLAIN[0], NOTE, PLAIN[1]], space="docs")
    assert cloud.requests == []  # nothing left the machine, not even the benign texts
    assert "PHI" in info.value.categories
    rec = next(r for r in _records(client) if r.id == info.value.audit_id)
    assert (rec.status, rec.route, rec.kind) == ("blocked", "blocked", "embed")
    assert "space 'docs'" in rec.reason


def test_remote_space_with_redaction_sends_only_placeholders(
    remote: tuple[Any, RecordingProxy],
) -> None:
    client, cloud = remote
    e = client.embed([PLAIN[0], NOTE], space="redacted")
    assert len(e) == 2
    assert e.route == "cloud"
    assert e.redacted_count >= 2
    sent = cloud.bodies_text()
    assert PATIENT not in sent
    assert MRN not in sent
    inputs = [r.json["input"] for r in cloud.requests if r.path.endswith("/embeddings")]
    assert len(inputs) == 1
    assert inputs[0][0] == PLAIN[0]
    assert re.search(r"\[PERSON_\d+\]", inputs[0][1]), "the note went out with placeholders"
    assert "pneumonia" not in sent


def test_local_space_takes_everything_and_openai_shape(
    remote: tuple[Any, RecordingProxy],
) -> None:
    client, cloud = remote
    e = client.embed([NOTE, *PLAIN], space="near")
    assert cloud.requests == []
    assert e.route == "local"
    assert e.target == "local"
    assert e.space == "near"
    assert e.object == "list"
    assert e.model == "smollm2"
    assert e.usage.prompt_tokens > 0
    assert [d.index for d in e.data] == [0, 1, 2]
    assert len(e.data[0].embedding) == 576
    assert e.model_id == "llamacpp/smollm2@2:576:none"
    one = client.embed([PLAIN[1]], space="near")
    assert one.vectors[0] == pytest.approx(e.vectors[2], abs=1e-4)  # input order kept


def test_embed_audit_holds_no_text(remote: tuple[Any, RecordingProxy]) -> None:
    client, _ = remote
    e = client.embed([NOTE, PLAIN[0]], space="near", caller="indexer")
    rec = next(r for r in _records(client) if r.id == e.audit_id)
    assert rec.kind == "embed"
    assert rec.status == "ok"
    assert rec.caller == "indexer"
    assert rec.model == e.model_id
    assert rec.categories == ("PHI",)
    assert rec.input_tokens > 0
    assert "space 'near', 2 texts" in rec.reason
    assert rec.space == "near"
    assert rec.input_count == 2
    dumped = json.dumps(rec.model_dump())
    for secret in (PATIENT, MRN, "pneumonia", PLAIN[0]):
        assert secret not in dumped
    client.audit.verify()


def test_mixing_identities_raises_and_stale_index_is_flagged(
    remote: tuple[Any, RecordingProxy],
) -> None:
    client, _ = remote
    a = client.embed(PLAIN, space="near")
    b = client.embed(PLAIN, space="docs")  # same server behind, but another identity
    assert a.model_id != b.model_id
    with pytest.raises(ModelMismatchError):
        a.combine(b)
    with pytest.raises(ModelMismatchError):
        a.similarity(b)
    assert len(a.combine(client.embed(["one more"], space="near"))) == 3
    sims = a.similarity(a)
    assert sims[0][0] == pytest.approx(1.0)

    old = ModelIdentity.parse("llamacpp/smollm2@1:576:none")
    status = index_status(old, client.space_identity("near"))
    assert status.stale
    assert "older revision" in status.reason
    assert not index_status(a, client.space_identity("near")).stale
    assert ModelIdentity.parse(a.model_id) == a.identity


def test_fallback_only_to_same_model_identity(tmp_audit_path: Path) -> None:
    other = {"adapter": "llamacpp", "model": "other-model", "base_url": "http://127.0.0.1:9"}
    with pytest.raises(ConfigError, match="fallback"):
        hybridllm.Client(
            targets={"other": other},
            spaces={"s": {"target": "local", "fallback": ["other"]}},
            audit_path=tmp_audit_path,
        )
    with pytest.raises(ConfigError, match="unknown target"):
        hybridllm.Client(spaces={"s": {"target": "nope"}}, audit_path=tmp_audit_path)
    assert EmbeddingSpace(target="x").redact_sensitive is False
    assert TargetConfig(adapter="openai", model="m").effective_locality == "remote"


def test_reembed_resumes_after_failure(remote: tuple[Any, RecordingProxy], tmp_path: Path) -> None:
    client, cloud = remote
    docs = [(f"doc-{i}", f"Short help article number {i} about billing.") for i in range(24)]
    stored: Counter[str] = Counter()

    def sink(ids: Sequence[str], e: Embeddings) -> None:
        assert len(ids) == len(e)
        stored.update(ids)
        if sum(stored.values()) == 12:  # halfway: the next batch fails after retries
            cloud.fail_next(2, status=503, path="/v1/embeddings")

    ckpt = tmp_path / "reembed.ckpt"
    with pytest.raises(NoTargetAvailableError):
        reembed(client, docs, sink, checkpoint=ckpt, space="docs", batch_size=4, progress=False)
    assert sum(stored.values()) == 12

    def broken() -> Iterator[tuple[str, str]]:  # the source itself fails later on
        yield from docs[:20]
        raise OSError("source went away")

    with pytest.raises(OSError, match="source went away"):
        reembed(client, broken(), sink, checkpoint=ckpt, space="docs", batch_size=4)
    report = reembed(client, docs, sink, checkpoint=ckpt, space="docs", batch_size=4)
    assert report.skipped == 20
    assert report.embedded == 4
    assert stored == Counter({d: 1 for d, _ in docs})  # every document exactly once
    ok = [r for r in cloud.requests if r.status == 200]
    assert sum(len(r.json["input"]) for r in ok) == 24

    with pytest.raises(ModelMismatchError):  # a checkpoint never mixes identities
        reembed(client, [("new", "text")], sink, checkpoint=ckpt, space="near")
    assert "new" not in stored  # refused before the sink saw a vector of another identity


def test_ollama_space(ollama_server: OllamaShim, tmp_audit_path: Path) -> None:
    with hybridllm.Client(
        targets={
            "oll": {"adapter": "ollama", "model": "smollm2", "base_url": ollama_server.base_url}
        },
        local_target="oll",
        default_target="oll",
        fallback={"local": [], "cloud": []},
        spaces={"o": {"target": "oll", "normalize": True}},
        audit_path=tmp_audit_path,
    ) as client:
        e = client.embed([NOTE, *PLAIN])
    assert e.route == "local"
    assert e.model_id == "ollama/smollm2@1:576:l2"
    assert sum(x * x for x in e.vectors[0]) == pytest.approx(1.0, abs=1e-6)
    assert any(r.path == "/api/embed" for r in ollama_server.requests)


def test_aembed_coalesces_concurrent_calls(llama_server: LlamaServer, tmp_audit_path: Path) -> None:
    async def burst() -> tuple[list[Embeddings], int]:
        with RecordingProxy(llama_server.base_url) as proxy:
            client = hybridllm.AsyncClient(
                targets={
                    "local": {"adapter": "llamacpp", "model": "smollm2", "base_url": proxy.base_url}
                },
                default_target="local",
                audit_path=tmp_audit_path,
                spaces={"s": {"target": "local", "coalesce_ms": 50, "coalesce_max": 16}},
            )
            try:
                out = await asyncio.gather(*(client.embed([f"text {i}"]) for i in range(20)))
                solo = await client.embed(["text 7"])
            finally:
                await client.aclose()
            return [*out, solo], len(proxy.requests)

    results, requests = asyncio.run(burst())
    assert requests <= 4  # 21 calls, a few requests
    assert results[20].vectors[0] == pytest.approx(results[7].vectors[0], abs=1e-4)
    assert len({r.audit_id for r in results}) == 21  # each call audited on its own
