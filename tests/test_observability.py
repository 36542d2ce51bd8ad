"""Logs, OpenTelemetry spans and the on_call hook: one per call, built from the audit record,
never a raw value (real classifier, real llama-server, the official SDK to a recording cloud)."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path

import pytest
from opentelemetry import trace
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter
from tests.helpers import make_client

from hybridllm.models import AuditRecord
from hybridllm.testing import RecordingProxy

EMAIL = "carla.mendes@example.com"
AWS_KEY = "AKIAZ3MSJ7QXP4LKH2TD"
PROMPT = f"Write one line to {EMAIL} saying key {AWS_KEY} was rotated."

pytestmark = pytest.mark.llm


@pytest.fixture(scope="module")
def spans() -> Iterator[InMemorySpanExporter]:
    exporter = InMemorySpanExporter()
    provider = TracerProvider()
    provider.add_span_processor(SimpleSpanProcessor(exporter))
    # The global provider can be set once per process; tests read only their own spans.
    trace.set_tracer_provider(provider)
    yield exporter
    provider.shutdown()


def test_one_log_line_span_and_hook_call_per_call_without_raw_values(
    recording_cloud: RecordingProxy,
    tmp_audit_path: Path,
    caplog: pytest.LogCaptureFixture,
    spans: InMemorySpanExporter,
) -> None:
    seen: list[AuditRecord] = []
    caplog.set_level(logging.INFO, logger="hybridllm")
    spans.clear()
    with make_client(
        local_url=recording_cloud.base_url,
        cloud_url=recording_cloud.base_url,
        audit_path=tmp_audit_path,
        on_call=seen.append,
    ) as client:
        r = client.complete(PROMPT, max_tokens=8)

    assert [rec.id for rec in seen] == [r.audit_id]
    assert seen[0].route == "cloud"
    assert set(seen[0].categories) >= {"PII", "SECRET"}

    lines = [rec.getMessage() for rec in caplog.records if rec.name.startswith("hybridllm")]
    assert len(lines) == 1
    assert r.audit_id in lines[0]
    assert "route=cloud" in lines[0]

    finished = [s for s in spans.get_finished_spans() if s.attributes is not None]
    mine = [s for s in finished if s.attributes.get("hybridllm.audit_id") == r.audit_id]
    assert len(mine) == 1
    attrs = dict(mine[0].attributes or {})
    assert attrs["gen_ai.operation.name"] == "chat"
    assert attrs["gen_ai.provider.name"] == "openai"
    assert attrs["hybridllm.route"] == "cloud"
    assert "SECRET" in str(attrs["hybridllm.categories"])
    assert mine[0].end_time is not None
    assert mine[0].start_time is not None
    assert mine[0].end_time >= mine[0].start_time

    emitted = " ".join(lines) + " " + " ".join(str(v) for v in attrs.values())
    assert EMAIL not in emitted
    assert AWS_KEY not in emitted


def test_a_failing_hook_never_fails_the_call(
    recording_cloud: RecordingProxy, tmp_audit_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    def broken(_: AuditRecord) -> None:
        raise RuntimeError("metrics backend down")

    with make_client(
        local_url=recording_cloud.base_url,
        cloud_url=recording_cloud.base_url,
        audit_path=tmp_audit_path,
        on_call=broken,
    ) as client:
        r = client.complete("What is a hash chain?", max_tokens=4)
    assert r.audit_id
    assert any("on_call hook raised RuntimeError" in rec.getMessage() for rec in caplog.records)
