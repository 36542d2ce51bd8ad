"""Audit records for SIEMs: OpenTelemetry log records from real calls, and ECS-style JSON lines.

The calls are real (real classifier, redaction, the official ``openai`` SDK) against an instant
wire-level OpenAI echo server on loopback; the OpenTelemetry SDK's in-memory exporter receives
the log records. Nothing raw may appear in any emitted attribute, body or exported line.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from opentelemetry.sdk._logs import LoggerProvider
from opentelemetry.sdk._logs.export import InMemoryLogRecordExporter, SimpleLogRecordProcessor
from typer.testing import CliRunner

import hybridllm
from hybridllm.audit.siem import siem_event
from hybridllm.cli.audit import audit_app
from hybridllm.testing.splitting import SplittingServer

RAW = ("Carla Mendes", "carla.mendes@example.com", "AKIAZ3MSJ7QXP4LKH2TD")
PROMPT = f"Write to {RAW[0]} at {RAW[1]} about key {RAW[2]}."


@pytest.fixture(scope="module")
def provider_exporter() -> InMemoryLogRecordExporter:
    """The process's OpenTelemetry logger provider (set once), exporting to memory."""
    from opentelemetry import _logs

    exporter = InMemoryLogRecordExporter()
    provider = LoggerProvider()
    provider.add_log_record_processor(SimpleLogRecordProcessor(exporter))
    _logs.set_logger_provider(provider)
    return exporter


@pytest.fixture
def exporter(provider_exporter: InMemoryLogRecordExporter) -> InMemoryLogRecordExporter:
    provider_exporter.clear()
    return provider_exporter


@pytest.fixture
def client(
    tmp_path: Path, exporter: InMemoryLogRecordExporter
) -> Iterator[tuple[hybridllm.Client, SplittingServer]]:
    with SplittingServer() as cloud:
        c = hybridllm.Client(
            targets={
                "local": {"adapter": "llamacpp", "model": "m", "base_url": "http://127.0.0.1:9"},
                "cloud": {"adapter": "openai", "model": "m", "base_url": cloud.base_url + "/v1"},
            },
            default_target="cloud",
            fallback={"cloud": [], "local": []},
            policy={"PII": "redact", "SECRET": "redact"},
            audit_path=tmp_path / "audit.db",
            audit_otel_logs=True,
        )
        try:
            yield c, cloud
        finally:
            c.close()


def _attrs(item: Any) -> dict[str, Any]:
    record = item.log_record
    return dict(record.attributes or {})


def test_every_audit_record_becomes_an_otel_log_record_without_raw_values(
    client: tuple[hybridllm.Client, SplittingServer], exporter: InMemoryLogRecordExporter
) -> None:
    c, cloud = client
    r = c.complete(PROMPT, max_tokens=16)
    assert r.route == "cloud"
    assert all(raw not in r.text for raw in RAW[2:])  # the secret is never restored
    logs = exporter.get_finished_logs()
    stored = list(c.audit.iter_records())
    assert [_attrs(x)["event.id"] for x in logs] == [s.id for s in stored]
    assert [_attrs(x)["hybridllm.status"] for x in logs] == ["intent", "ok"]
    outcome = _attrs(logs[-1])
    assert outcome["event.outcome"] == "success"
    assert outcome["hybridllm.route"] == "cloud"
    assert outcome["hybridllm.entities.EMAIL_ADDRESS"] == 1
    assert set(outcome["hybridllm.categories"]) == {"PII", "SECRET"}
    assert outcome["hybridllm.hash"] == stored[-1].hash  # ties it back to the chain
    assert logs[-1].log_record.event_name == "hybridllm.audit"
    assert logs[-1].log_record.severity_text == "INFO"
    text = json.dumps([(_attrs(x), str(x.log_record.body)) for x in logs])
    for raw in RAW:
        assert raw not in text
    assert not any(raw in cloud.bodies_text() for raw in RAW)


def test_a_failed_call_is_an_error_record_after_its_intent(
    client: tuple[hybridllm.Client, SplittingServer], exporter: InMemoryLogRecordExporter
) -> None:
    c, cloud = client
    cloud.stop()  # the only target is down: the call fails after its intent was written
    with pytest.raises(hybridllm.HybridLLMError):
        c.complete(PROMPT, max_tokens=8)
    severities = [x.log_record.severity_text for x in exporter.get_finished_logs()]
    assert severities[0] == "INFO"  # the intent
    assert severities[-1] == "ERROR"
    assert _attrs(exporter.get_finished_logs()[-1])["event.outcome"] == "failure"


def test_ecs_export_lines_match_the_log(
    client: tuple[hybridllm.Client, SplittingServer], tmp_path: Path
) -> None:
    c, _ = client
    for _ in range(2):
        c.complete(PROMPT, max_tokens=8)
    out = tmp_path / "events.jsonl"
    result = CliRunner().invoke(
        audit_app, ["export", str(out), "--db", str(tmp_path / "audit.db"), "--format", "ecs"]
    )
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in out.read_text().splitlines()]
    records = list(c.audit.iter_records())
    # As `query` lists them: an intent that an outcome completes is left out.
    assert lines == [siem_event(r) for r in records if r.status != "intent"]
    assert [e["event.action"] for e in lines] == ["complete.ok"] * 2
    assert all("@timestamp" in e and all("." in k or k[0] == "@" for k in e) for e in lines)
    for raw in RAW:
        assert raw not in out.read_text()
