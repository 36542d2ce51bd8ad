"""Export audit records as JSONL (one canonical record per line), CSV (flat columns) or ECS-style
JSON lines for SIEMs (:mod:`hybridllm.audit.siem`).

Plain JSONL here is one record body per line, for tools that want records only; the verifiable
export that ``hybridllm audit export`` writes (signatures, chain links, checkpoints, head) is
:mod:`hybridllm.audit.evidence`. CSV is for spreadsheets: nested fields are flattened to
``key=value;...`` text. Neither holds anything the record does not: no prompt text, no values.
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterable
from typing import Final, Literal, TextIO

from hybridllm.audit.record import record_body
from hybridllm.models import AuditRecord

__all__ = ["CSV_COLUMNS", "ExportFormat", "export_records", "flat_row"]

ExportFormat = Literal["jsonl", "csv", "ecs"]

CSV_COLUMNS: Final = (
    "id",
    "ts",
    "app",
    "caller",
    "conversation_id",
    "kind",
    "status",
    "route",
    "reason",
    "fail_closed",
    "policy_version",
    "categories",
    "entities",
    "max_score",
    "actions",
    "hops",
    "remote_targets",
    "target",
    "model",
    "locality",
    "region",
    "input_tokens",
    "output_tokens",
    "cost_usd",
    "redacted_count",
    "restored_count",
    "stream",
    "latency_total_ms",
    "latency_ms",
    "prompt_hmac",
    "error",
    "schema_version",
    "prev_hash",
    "hash",
)


def _pairs(mapping: dict[str, object]) -> str:
    return ";".join(f"{k}={v}" for k, v in sorted(mapping.items()))


def _csv_safe(text: str) -> str:
    # A cell starting with = + - @ is run as a formula by spreadsheets: quote it as text.
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def flat_row(r: AuditRecord) -> list[str]:
    """One CSV row (same order as :data:`CSV_COLUMNS`)."""
    hops = ";".join(
        f"{h.target}:{h.outcome}" + (f"({h.detail})" if h.detail else "") for h in r.hops
    )
    values: dict[str, object] = {
        **r.model_dump(mode="json"),
        "categories": ";".join(r.categories),
        "entities": _pairs(dict(r.entities)),
        "actions": _pairs(dict(r.actions)),
        "hops": hops,
        "remote_targets": ";".join(r.remote_targets),
        "latency_total_ms": r.latency_ms.get("total", ""),
        "latency_ms": _pairs(dict(r.latency_ms)),
    }
    return [_csv_safe("" if values[c] is None else str(values[c])) for c in CSV_COLUMNS]


def export_records(
    records: Iterable[AuditRecord],
    out: TextIO,
    fmt: ExportFormat,
    *,
    progress: Callable[[int], None] | None = None,
) -> int:
    """Write records to ``out``.

    Args:
        records: what to export, in order.
        out: a text stream (open files with ``newline=""`` for CSV).
        fmt: ``"jsonl"``, ``"csv"`` or ``"ecs"`` (:func:`hybridllm.audit.siem.siem_line`).
        progress: called with 1 after each record (e.g. a progress bar's ``advance``).

    Returns:
        How many records were written.
    """
    writer = csv.writer(out, lineterminator="\n") if fmt == "csv" else None
    if writer is not None:
        writer.writerow(CSV_COLUMNS)
    line = record_body
    if fmt == "ecs":
        from hybridllm.audit.siem import siem_line

        line = siem_line
    count = 0
    for record in records:
        if writer is not None:
            writer.writerow(flat_row(record))
        else:
            out.write(line(record) + "\n")
        count += 1
        if progress is not None:
            progress(1)
    return count
