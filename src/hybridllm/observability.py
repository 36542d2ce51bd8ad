"""Logs, traces and a callback for every call, built from the audit record alone.

The audit record is the one description of a call that is payload-free by construction (entity
types and counts, the decision, hops, tokens, latency; never a value), so everything emitted
here is derived from it and nothing else:

* **logging**: one logger tree under ``hybridllm`` (``hybridllm.call`` here). One INFO line per
  completed call, WARNING for a blocked, failed or fail-closed one. Configure it like any stdlib
  logger; hybridllm adds no handlers (a :class:`logging.NullHandler` on the root of the tree).
* **OpenTelemetry**: when ``opentelemetry-api`` is importable (``pip install
  'hybridllm[otel]'``) and the app has configured a tracer provider, one span per call named
  ``"{operation} {model}"`` with the GenAI semantic-convention attributes
  (``gen_ai.operation.name``, ``gen_ai.provider.name``, ``gen_ai.request.model``,
  ``gen_ai.response.model``, ``gen_ai.usage.input_tokens``/``output_tokens``) and hybridllm's own
  (``hybridllm.route``, ``hybridllm.decision``, ``hybridllm.categories``, ...). Never content.
* **callback**: ``Client(on_call=fn)`` calls ``fn(record)`` with the stored
  :class:`~hybridllm.models.AuditRecord` after each call, for metrics export. A callback that
  raises is logged and ignored: observability never fails a call.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable
from datetime import datetime
from typing import Any

from hybridllm.models import AuditRecord

__all__ = ["CallHook", "logger", "observe", "span_attributes"]

logging.getLogger("hybridllm").addHandler(logging.NullHandler())
logger = logging.getLogger("hybridllm.call")

CallHook = Callable[[AuditRecord], None]
"""Signature of ``Client(on_call=...)``: receives each call's stored audit record."""

_TRACER_NAME = "hybridllm"


def span_attributes(
    record: AuditRecord, provider: str | None = None
) -> dict[str, str | int | float | bool]:
    """The span attributes of one call (GenAI semantic conventions plus ``hybridllm.*``).

    ``provider`` is the answering target's adapter (``openai``, ``llamacpp``, ...).
    """
    attrs: dict[str, str | int | float | bool] = {
        "gen_ai.operation.name": "embeddings" if record.kind == "embed" else "chat",
        "hybridllm.route": record.route,
        "hybridllm.status": record.status,
        "hybridllm.decision": record.reason,
        "hybridllm.fail_closed": record.fail_closed,
        "hybridllm.categories": ",".join(record.categories),
        "hybridllm.entities": ",".join(f"{k}={v}" for k, v in sorted(record.entities.items())),
        "hybridllm.redacted_count": record.redacted_count,
        "hybridllm.hops": len(record.hops),
        "hybridllm.audit_id": record.id,
        "gen_ai.usage.input_tokens": record.input_tokens,
        "gen_ai.usage.output_tokens": record.output_tokens,
    }
    if record.target:
        attrs["hybridllm.target"] = record.target
    if provider:
        attrs["gen_ai.provider.name"] = provider
    if record.model:
        attrs["gen_ai.request.model"] = record.model
        attrs["gen_ai.response.model"] = record.model
    if record.app:
        attrs["hybridllm.app"] = record.app
    if record.error:
        attrs["error.type"] = record.error
    return attrs


def _log(record: AuditRecord) -> None:
    total_ms = record.latency_ms.get("total", 0.0)
    level = logging.INFO
    if record.status != "ok" or record.fail_closed:
        level = logging.WARNING
    if not logger.isEnabledFor(level):
        return
    logger.log(
        level,
        "%s %s route=%s target=%s categories=%s hops=%d tokens=%d/%d latency_ms=%.1f audit_id=%s "
        "decision=%s",
        record.kind,
        record.status,
        record.route,
        record.target or "-",
        ",".join(record.categories) or "-",
        len(record.hops),
        record.input_tokens,
        record.output_tokens,
        total_ms,
        record.id,
        record.reason,
        extra={"hybridllm_audit_id": record.id, "hybridllm_route": record.route},
    )


@functools.cache
def _trace_api() -> Any:
    """opentelemetry.trace, or None: looked up once, not on every call (a failed import
    searches the file system each time)."""
    try:
        from opentelemetry import trace
    except ImportError:
        return None
    return trace


def _span(record: AuditRecord, provider: str | None) -> None:
    trace = _trace_api()
    if trace is None:
        return
    if isinstance(
        trace.get_tracer_provider(), trace.ProxyTracerProvider | trace.NoOpTracerProvider
    ):
        return  # the app configured no tracer: a span would be dropped, so none is built
    from opentelemetry.trace import Status, StatusCode

    attrs = span_attributes(record, provider)
    end_ns = _ts_ns(record.ts)
    start_ns = end_ns - int(record.latency_ms.get("total", 0.0) * 1e6)
    tracer = trace.get_tracer(_TRACER_NAME)
    span = tracer.start_span(
        f"{attrs['gen_ai.operation.name']} {record.model or record.target or 'none'}",
        kind=trace.SpanKind.CLIENT,
        attributes=attrs,
        start_time=start_ns,
    )
    if record.status == "error":
        span.set_status(Status(StatusCode.ERROR, record.error or "error"))
    span.end(end_time=end_ns)


def _ts_ns(ts: str) -> int:
    when = datetime.fromisoformat(ts.replace("Z", "+00:00"))
    return int(when.timestamp() * 1e9)


def observe(
    record: AuditRecord, hook: CallHook | None = None, *, provider: str | None = None
) -> None:
    """Log, trace and hand one stored audit record to the app's callback; never raises."""
    try:
        _log(record)
        _span(record, provider)
    except Exception:  # observability must never fail a call
        logger.debug("logging/tracing a call failed", exc_info=True)
    if hook is not None:
        try:
            hook(record)
        except Exception as exc:
            logger.warning("on_call hook raised %s; ignored", type(exc).__name__)
