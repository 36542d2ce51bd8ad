"""Audit records for SIEMs: flat ECS-style JSON events and OpenTelemetry log records.

Two shapes of the same payload-free record (entity types and counts, the decision, hops,
hashes; never a value, never prompt text, because the record holds none):

* :func:`siem_event`: one flat JSON object per record with dotted keys in the Elastic Common
  Schema style (``@timestamp``, ``event.id``, ``event.outcome``, ``event.reason``, ...) plus
  ``hybridllm.*`` for the rest. Elastic, OpenSearch, Splunk and Sentinel ingest such JSON lines
  as they are. ``hybridllm audit export --format ecs`` writes them.
* :class:`OtelLogSink`: an audit sink that emits each record as an OpenTelemetry log record
  (``event_name="hybridllm.audit"``, severity from the status, the same attributes), through
  the application's logger provider, so an OTLP collector takes the audit trail to whatever
  backend the fleet already uses; inside a call's span the record carries its trace context.
  Needs ``opentelemetry-api`` (the ``otel`` extra) and an SDK configured by the application.

The hash-chained JSONL sink (:class:`~hybridllm.audit.sinks.JsonlSink`) stays the verifiable
copy; these are for search and alerting, and name each record's ``hash`` to tie them back.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any, Final

from hybridllm.errors import AuditError
from hybridllm.models import AuditRecord

__all__ = ["OUTCOMES", "OtelLogSink", "otel_attributes", "siem_event", "siem_line"]

OUTCOMES: Final = {"ok": "success", "blocked": "failure", "error": "failure", "intent": "unknown"}
"""``event.outcome`` per record status (ECS allows success, failure, unknown)."""
_EVENT_NAME: Final = "hybridllm.audit"
_SCALARS: Final = (
    "app",
    "caller",
    "conversation_id",
    "route",
    "target",
    "model",
    "locality",
    "fail_closed",
    "policy_version",
    "key_id",
    "max_score",
    "input_tokens",
    "output_tokens",
    "redacted_count",
    "restored_count",
    "cost_usd",
    "prev_hash",
    "hash",
    "schema_version",
    "error",
    "region",
    "stream",
    "space",
    "input_count",
    "prompt_hmac",
)


def siem_event(record: AuditRecord) -> dict[str, Any]:
    """One record as a flat ECS-style event (dotted keys, JSON values, no nested objects).

    Lists stay lists of strings; mappings (entity counts, actions, latency) become one key each,
    e.g. ``hybridllm.entities.EMAIL_ADDRESS: 2``.
    """
    data = record.model_dump(mode="json")
    event: dict[str, Any] = {
        "@timestamp": record.ts,
        "event.kind": "event",
        "event.dataset": _EVENT_NAME,
        "event.action": f"{record.kind}.{record.status}",
        "event.outcome": OUTCOMES.get(record.status, "unknown"),
        "event.id": record.id,
        "event.reason": record.reason,
        "hybridllm.status": record.status,
        "hybridllm.categories": list(record.categories),
        "hybridllm.remote_targets": list(record.remote_targets),
        "hybridllm.hops": [f"{h.target}:{h.outcome}" for h in record.hops],
        "hybridllm.intents": list(record.intents),
        "hybridllm.warnings": list(record.warnings),
    }
    for name in _SCALARS:
        value = data.get(name)
        if value is not None:
            event[f"hybridllm.{name}"] = value
    groups = ("entities", "entity_scores", "category_counts", "actions", "latency_ms", "withheld")
    for group in (*groups, "unrestored"):
        for key, value in sorted((data.get(group) or {}).items()):
            event[f"hybridllm.{group}.{key}"] = value
    return event


def siem_line(record: AuditRecord) -> str:
    """:func:`siem_event` as one compact JSON line (keys sorted, no newline)."""
    return json.dumps(siem_event(record), sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def otel_attributes(record: AuditRecord) -> dict[str, str | int | float | bool | list[str]]:
    """:func:`siem_event` as OpenTelemetry attributes (primitives or lists of strings)."""
    out: dict[str, str | int | float | bool | list[str]] = {}
    for key, value in siem_event(record).items():
        if key == "@timestamp" or value is None:
            continue
        if isinstance(value, list):
            out[key] = [str(v) for v in value]
        elif isinstance(value, str | int | float | bool):
            out[key] = value
        else:  # pragma: no cover - siem_event holds only the types above
            out[key] = str(value)
    return out


def _severity(status: str) -> tuple[Any, str]:
    from opentelemetry._logs import SeverityNumber

    if status == "error":
        return SeverityNumber.ERROR, "ERROR"
    if status == "blocked":
        return SeverityNumber.WARN, "WARN"
    return SeverityNumber.INFO, "INFO"


class OtelLogSink:
    """Emits every audit record as an OpenTelemetry log record (an :class:`AuditSink`).

    Args:
        logger_provider: where to emit; default: the application's global provider
            (``opentelemetry._logs.set_logger_provider``). Without an SDK configured the API's
            no-op provider drops the records.
    """

    def __init__(self, logger_provider: Any = None) -> None:
        """Get the ``hybridllm.audit`` logger from the provider."""
        try:
            from opentelemetry import _logs
        except ImportError:
            raise ImportError(
                "audit records as OpenTelemetry logs need opentelemetry-api: "
                "pip install 'hybridllm[otel]'"
            ) from None
        provider = logger_provider if logger_provider is not None else _logs.get_logger_provider()
        self._logger = provider.get_logger(_EVENT_NAME)
        self.emitted = 0

    def append(self, record: AuditRecord) -> AuditRecord:
        """Emit ``record``; return it unchanged (it keeps the primary store's chain fields).

        Raises:
            AuditError: the logger refused the record.
        """
        from opentelemetry._logs import LogRecord

        number, text = _severity(record.status)
        ts = datetime.fromisoformat(record.ts.replace("Z", "+00:00"))
        try:
            self._logger.emit(
                LogRecord(
                    timestamp=int(ts.timestamp() * 1e9),
                    severity_number=number,
                    severity_text=text,
                    body=f"{record.kind} {record.status}: {record.route} ({record.reason})",
                    attributes=otel_attributes(record),
                    event_name=_EVENT_NAME,
                )
            )
        except Exception as exc:
            raise AuditError(
                f"cannot emit audit record {record.id} as an OpenTelemetry log"
            ) from exc
        self.emitted += 1
        return record

    def close(self) -> None:
        """Nothing to release: the application owns the provider (and flushes it)."""
