"""A compliance review session over a hybridllm audit log, as one script.

1. verify the hash chain and signatures (stop if it fails: nothing else can be trusted);
2. ask "did any PHI reach a remote target?" (``--expect-none``: 0 means no);
3. export the period as JSONL evidence, and re-verify that file offline;
4. write the self-contained HTML report.

Each step is the ``hybridllm audit`` command a reviewer would type, run here in a subprocess so
the exit codes are the ones a CI job or a cron job would see.

    python examples/compliance_review.py --db hybridllm-audit.db --out review/ \\
        --since 2026-01-01 --until 2026-03-31
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path


def audit(*args: str) -> subprocess.CompletedProcess[str]:
    """Run ``hybridllm audit ARGS`` with this interpreter, capturing its output."""
    cmd = [sys.executable, "-m", "hybridllm", "audit", *args]
    return subprocess.run(cmd, capture_output=True, text=True, check=False)


def review(db: Path, out: Path, since: str | None, until: str | None) -> dict[str, object]:
    out.mkdir(parents=True, exist_ok=True)
    period = [*(["--since", since] if since else []), *(["--until", until] if until else [])]
    findings: dict[str, object] = {"db": str(db)}

    verify = audit("verify", "--db", str(db))
    findings["verify"] = {"ok": verify.returncode == 0, "output": verify.stdout.strip()}
    if verify.returncode != 0:
        return findings  # a log that does not verify answers no question

    phi = audit(
        "query", "--db", str(db), "--category", "PHI", "--locality", "remote",
        "--json", "--expect-none", *period,
    )  # fmt: skip
    matches = [json.loads(line) for line in phi.stdout.splitlines() if line.startswith("{")]
    findings["phi_to_remote"] = {
        "ok": phi.returncode == 0,
        "count": len(matches),
        "record_ids": [m["id"] for m in matches],
    }

    total = audit("query", "--db", str(db), "--count", *period)
    findings["records_in_period"] = int(total.stdout.strip() or 0)

    jsonl = out / "audit-export.jsonl"
    export = audit("export", str(jsonl), "--db", str(db), "--format", "jsonl", *period)
    # The evidence re-checks offline, as whoever receives it would check it.
    head = next((w for w in verify.stdout.split() if len(w) == 64), "")
    anchor = ["--expect-head", head] if head else []
    recheck = audit("verify", "--export", str(jsonl), *anchor) if export.returncode == 0 else None
    findings["export"] = {
        "ok": recheck is not None and recheck.returncode == 0,
        "path": str(jsonl),
        "verified": recheck.stdout.strip() if recheck is not None else "",
    }

    html = out / "audit-report.html"
    report = audit("report", str(html), "--db", str(db), *period)
    findings["report"] = {"ok": report.returncode == 0, "path": str(html)}
    return findings


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="hybridllm compliance review session")
    parser.add_argument(
        "--db", type=Path, help="audit database (default: $HYBRIDLLM_AUDIT_PATH / config)"
    )
    parser.add_argument(
        "--out", type=Path, default=Path("review"), help="directory for the evidence"
    )
    parser.add_argument("--since", help="YYYY-MM-DD or ISO 8601 (UTC)")
    parser.add_argument("--until", help="YYYY-MM-DD (whole day) or ISO 8601 (UTC)")
    args = parser.parse_args(argv)
    db = args.db or _default_db()

    findings = review(db, args.out, args.since, args.until)
    (args.out / "findings.json").write_text(json.dumps(findings, indent=2) + "\n")
    print(json.dumps(findings, indent=2))
    steps = [findings.get(k) for k in ("verify", "phi_to_remote", "export", "report")]
    return 0 if all(isinstance(s, dict) and s["ok"] for s in steps) else 1


def _default_db() -> Path:
    from hybridllm.cli.audit import default_audit_path

    return default_audit_path()


if __name__ == "__main__":
    sys.exit(main())
