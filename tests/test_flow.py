"""The privacy split end to end: real classifier, real llama-server, official SDKs on the wire."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from tests.helpers import AWS_KEY, EMAIL, MRN, PATIENT, PHI_PROMPT, SECRET_PROMPT, make_client

import hybridllm
from hybridllm.local import LlamaServer
from hybridllm.testing import RecordingProxy

SECRETS_BACK = {"SECRET": {"text": True}}
"""These tests restore through each provider; by default a SECRET stays a placeholder."""


@pytest.fixture
def recording_cloud(echo_cloud: RecordingProxy) -> RecordingProxy:
    """Here the cloud's model echoes the prompt's last line (see ``echo_cloud``)."""
    return echo_cloud


@pytest.fixture
def local_wire(llama_server: LlamaServer) -> Iterator[RecordingProxy]:
    """The local target, seen through a recording proxy so tests can tell what it received."""
    with RecordingProxy(llama_server.base_url) as proxy:
        yield proxy


@pytest.fixture
def client(
    local_wire: RecordingProxy, recording_cloud: RecordingProxy, tmp_audit_path: Path
) -> Iterator[hybridllm.Client]:
    with make_client(
        local_url=local_wire.base_url, cloud_url=recording_cloud.base_url, audit_path=tmp_audit_path
    ) as c:
        yield c


def test_phi_is_answered_locally_and_the_cloud_receives_nothing(
    client: hybridllm.Client, local_wire: RecordingProxy, recording_cloud: RecordingProxy
) -> None:
    r = client.complete(PHI_PROMPT, max_tokens=24, temperature=0)
    assert r.route == "local"
    assert r.target == "local"
    assert r.text.strip()  # a real model answered
    assert r.usage.output_tokens > 0
    assert {"MEDICAL_RECORD_NUMBER", "PERSON"} <= {f.entity_type for f in r.classification.findings}
    assert "PHI" in r.decision.reason
    assert "local" in r.decision.reason
    assert recording_cloud.requests == []
    assert MRN in local_wire.bodies_text()  # the local model got the real note


def test_pii_and_secret_are_redacted_for_openai_and_restored(
    client: hybridllm.Client, recording_cloud: RecordingProxy
) -> None:
    r = client.complete(SECRET_PROMPT, max_tokens=40, temperature=0, restore=SECRETS_BACK)
    assert r.route == "cloud"
    assert r.target == "cloud"
    sent = recording_cloud.bodies_text()
    assert [q.path for q in recording_cloud.requests] == ["/v1/chat/completions"]
    assert EMAIL not in sent
    assert AWS_KEY not in sent
    assert "[EMAIL_ADDRESS_1]" in sent
    assert "[AWS_ACCESS_KEY_1]" in sent
    assert r.redacted_count == 2
    # The model echoes the placeholder; the caller sees the value, which the cloud never saw.
    assert AWS_KEY in r.text
    assert "[AWS_ACCESS_KEY_1]" not in r.text
    # Under the default restore policy the same reply keeps the key out (invariant 8).
    r = client.complete(SECRET_PROMPT, max_tokens=40, temperature=0)
    assert AWS_KEY not in r.text
    assert [w.entity_type for w in r.withheld] == ["AWS_ACCESS_KEY"]


def test_pii_and_secret_are_redacted_for_anthropic_and_restored(
    client: hybridllm.Client, recording_cloud: RecordingProxy
) -> None:
    r = client.complete(
        SECRET_PROMPT, target="claude", max_tokens=40, temperature=0, restore=SECRETS_BACK
    )
    assert r.route == "cloud"
    assert r.target == "claude"
    rec = client.audit.get(r.audit_id)
    assert rec is not None
    retried = "unrestored_retried" in rec.warnings  # a reply with junk is asked once more
    assert [q.path for q in recording_cloud.requests] == ["/v1/messages"] * (1 + retried)
    sent = recording_cloud.bodies_text()
    assert EMAIL not in sent
    assert AWS_KEY not in sent
    assert "[AWS_ACCESS_KEY_1]" in sent
    assert r.usage.output_tokens > 0
    if "[AWS_ACCESS_KEY_1]" in r.text or AWS_KEY in r.text:
        assert AWS_KEY in r.text


def test_plain_prompt_goes_to_the_cloud_unchanged(
    client: hybridllm.Client, recording_cloud: RecordingProxy
) -> None:
    prompt = "In one sentence: why is the sky blue?"
    r = client.complete(prompt, max_tokens=16)
    assert r.route == "cloud"
    assert r.classification.findings == ()
    body = recording_cloud.requests[0].json
    assert body["messages"] == [{"role": "user", "content": prompt}]
    assert r.redacted_count == 0


def test_streaming_cloud_route_restores_and_audits(
    client: hybridllm.Client, recording_cloud: RecordingProxy
) -> None:
    stream = client.complete(
        SECRET_PROMPT, stream=True, max_tokens=40, temperature=0, restore=SECRETS_BACK
    )
    chunks = list(stream)
    text = "".join(chunks)
    assert len(chunks) > 1
    assert AWS_KEY not in recording_cloud.bodies_text()
    assert AWS_KEY in text  # restored while streaming, same greedy output as non-streaming
    done = stream.completion
    assert done is not None
    assert done.route == "cloud"
    assert done.text == text
    rec = client.audit.get(done.audit_id)
    assert rec is not None
    assert rec.stream is True
    assert rec.restored_count >= 1


def test_streaming_anthropic(client: hybridllm.Client, recording_cloud: RecordingProxy) -> None:
    stream = client.complete("Say hello.", stream=True, target="claude", max_tokens=12)
    text = "".join(stream)
    assert text.strip()
    assert stream.completion is not None
    assert stream.completion.usage.output_tokens > 0
    assert recording_cloud.requests[0].path == "/v1/messages"


def test_streaming_local_route(client: hybridllm.Client, recording_cloud: RecordingProxy) -> None:
    stream = client.complete(PHI_PROMPT, stream=True, max_tokens=16)
    text = "".join(stream)
    assert text.strip()
    assert stream.completion is not None
    assert stream.completion.route == "local"
    assert recording_cloud.requests == []


async def test_async_client_and_async_stream(
    local_wire: RecordingProxy, recording_cloud: RecordingProxy, tmp_audit_path: Path
) -> None:
    client = make_client(
        local_url=local_wire.base_url,
        cloud_url=recording_cloud.base_url,
        audit_path=tmp_audit_path,
        client_cls=hybridllm.AsyncClient,
    )
    async with client:
        r = await client.complete(PHI_PROMPT, max_tokens=12)
        assert r.route == "local"
        stream = await client.complete(
            SECRET_PROMPT, stream=True, max_tokens=40, temperature=0, restore=SECRETS_BACK
        )
        text = "".join([c async for c in stream])
        assert AWS_KEY in text
        assert stream.completion is not None
    assert recording_cloud.requests  # only the redacted call went out
    assert MRN not in recording_cloud.bodies_text()
    assert AWS_KEY not in recording_cloud.bodies_text()


def test_every_call_leaves_one_audit_record_without_raw_values(
    client: hybridllm.Client, tmp_audit_path: Path
) -> None:
    ids = [
        client.complete(PHI_PROMPT, max_tokens=8).audit_id,
        client.complete(SECRET_PROMPT, max_tokens=8).audit_id,
        client.complete("What is 2 + 2?", max_tokens=8).audit_id,
    ]
    stream = client.complete("Count to three.", stream=True, max_tokens=8)
    list(stream)
    assert stream.completion is not None
    ids.append(stream.completion.audit_id)
    records = list(client.audit.iter_records())
    outcomes = [r for r in records if r.status != "intent"]
    assert [r.id for r in outcomes] == ids
    intents = [r for r in records if r.status == "intent"]
    assert sorted(i for r in outcomes for i in r.intents) == sorted(r.id for r in intents)
    assert client.audit.verify().ok
    client.close()
    raw = tmp_audit_path.read_bytes()
    wal = tmp_audit_path.with_name(tmp_audit_path.name + "-wal")
    if wal.exists():
        raw += wal.read_bytes()
    for value in (PATIENT, MRN, EMAIL, AWS_KEY, "pneumonia"):
        assert value.encode() not in raw
