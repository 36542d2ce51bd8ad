"""Batch job: summarize a CSV of support tickets through hybridllm, one call per ticket.

Each ticket is classified locally and routed by policy: a ticket with PHI is answered by the
local model, one with an email, a phone number, a card or an API key goes to the cloud with
those values replaced by placeholders (and restored in the summary), a plain question goes to
the cloud as is. The job writes one output row per ticket (route, target, categories, entity
types, how many values were redacted, the audit id, the summary) and a summary of routes.

    HYBRIDLLM_CONFIG=examples/hybridllm.example.toml \\
        python examples/batch_tickets.py examples/data/support_tickets.csv out/tickets.csv
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import hybridllm

PROMPT = "Summarize this support ticket in one short sentence.\n\nSubject: {subject}\n\n{body}"
FIELDS = [
    "ticket_id",
    "route",
    "target",
    "categories",
    "entities",
    "redacted_count",
    "audit_id",
    "summary",
]


def process(
    client: hybridllm.Client, rows: list[dict[str, str]], max_tokens: int
) -> list[dict[str, Any]]:
    """One completion per ticket; a failed ticket is recorded, not fatal to the batch."""
    out: list[dict[str, Any]] = []
    for row in rows:
        prompt = PROMPT.format(subject=row["subject"], body=row["body"])
        try:
            r = client.complete(
                prompt, max_tokens=max_tokens, temperature=0, caller="batch_tickets"
            )
        except hybridllm.NoTargetAvailableError as exc:
            # audited by the client; keep going with the rest of the batch
            out.append(
                {"ticket_id": row["ticket_id"], "route": "error", "summary": type(exc).__name__}
            )
            continue
        entities = Counter(f.entity_type for f in r.classification.findings)
        out.append(
            {
                "ticket_id": row["ticket_id"],
                "route": r.route,
                "target": r.target or "",
                "categories": ";".join(sorted(r.classification.categories)),
                "entities": ";".join(f"{k}={v}" for k, v in sorted(entities.items())),
                "redacted_count": r.redacted_count,
                "audit_id": r.audit_id,
                "summary": " ".join(r.text.split()),
            }
        )
    return out


def summarize(results: list[dict[str, Any]]) -> dict[str, Any]:
    """Counts by route, by target and by category, for the run log."""
    categories: Counter[str] = Counter()
    for r in results:
        categories.update(c for c in str(r.get("categories", "")).split(";") if c)
    return {
        "tickets": len(results),
        "routes": dict(Counter(r["route"] for r in results)),
        "targets": dict(Counter(r.get("target", "") for r in results if r.get("target"))),
        "categories": dict(categories),
        "redacted_values": sum(int(r.get("redacted_count", 0)) for r in results),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("tickets", type=Path, help="input CSV: ticket_id, subject, body, ...")
    parser.add_argument(
        "output", type=Path, help="output CSV (a .summary.json is written next to it)"
    )
    parser.add_argument(
        "--config", help="hybridllm.toml (default: $HYBRIDLLM_CONFIG / ./hybridllm.toml)"
    )
    parser.add_argument("--max-tokens", type=int, default=48)
    args = parser.parse_args(argv)

    with args.tickets.open(newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    with hybridllm.Client(args.config) as client:
        results = process(client, rows, args.max_tokens)

    args.output.parent.mkdir(parents=True, exist_ok=True)
    with args.output.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=FIELDS, restval="")
        writer.writeheader()
        writer.writerows(results)
    summary = summarize(results)
    args.output.with_suffix(".summary.json").write_text(json.dumps(summary, indent=2) + "\n")
    print(json.dumps(summary, indent=2))
    return 1 if summary["routes"].get("error") else 0


if __name__ == "__main__":
    sys.exit(main())
