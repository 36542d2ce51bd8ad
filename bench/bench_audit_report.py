"""Peak memory and time of ``audit report``, ``audit export`` and ``audit verify --export``.

Builds a signed SQLite audit log of N varied records (apps, routes, categories, hops, policy
versions, targets with regions) once, then runs each command in a fresh subprocess and reads its
peak RSS from ``os.wait4``. ``--compare-src DIR`` runs the report a second
time with another checkout's ``src`` first on the path (e.g. the code before the streaming
aggregation) for a side-by-side figure.

Usage::

    PYTHONPATH=src .venv/bin/python bench/bench_audit_report.py --records 100000 \\
        [--db /tmp/bench-audit.db] [--compare-src /tmp/old/src]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from hybridllm.audit import AuditKey, AuditStore, HmacSigner, new_record_id
from hybridllm.models import AuditRecord, Hop

KEY = AuditKey(bytes.fromhex("5a" * 32))
APPS = ("clinic", "billing", "portal", "research")
CATS = ((), ("PII",), ("PHI",), ("PHI", "PII"), ("SECRET",))


def _record(i: int) -> AuditRecord:
    route = ("local", "cloud", "cloud", "local", "blocked")[i % 5]
    cats = CATS[i % len(CATS)]
    remote = route == "cloud"
    hops = (Hop(target="openai" if remote else "local", outcome="ok", attempts=1),)
    if i % 97 == 0:
        hops = (Hop(target="openai", outcome="error", detail="HTTP 503"), *hops)
    day, hour = 1 + (i // 2000) % 28, (i // 100) % 24
    return AuditRecord(
        id=new_record_id(),
        ts=f"2026-03-{day:02d}T{hour:02d}:{i % 60:02d}:00.000000Z",
        status="blocked" if route == "blocked" else "ok",
        route=route,  # type: ignore[arg-type]
        reason="policy",
        categories=cats,
        entities={"PERSON": 1} if "PII" in cats else {"MEDICAL_RECORD_NUMBER": 1} if cats else {},
        target=None if route == "blocked" else hops[-1].target,
        model="gpt-4o-mini" if remote else "smollm2",
        locality=None if route == "blocked" else ("remote" if remote else "local"),  # type: ignore[arg-type]
        remote_targets=("openai",) if remote else (),
        caller=f"{APPS[i % 4]}.task{i % 9}",
        actions=dict.fromkeys(cats, "allow" if i % 50 == 0 else "redact") if remote else {},
        hops=hops,
        cost_usd=0.0004 if remote else 0.0,
        input_tokens=120,
        output_tokens=40,
        app=APPS[i % 4],
        policy_version="sha256:aaaa" if day < 15 else "sha256:bbbb",
        region="us" if remote else None,
        target_attributes={"baa": True} if remote else {},
        latency_ms={"total": 12.5, "classify": 3.1},
    )


def build(db: Path, n: int) -> float:
    start = time.perf_counter()
    with AuditStore(db, signer=HmacSigner(KEY), sync="intent") as store:
        for i in range(n):
            store.append(_record(i))
    return time.perf_counter() - start


def run(args: list[str], src: str) -> tuple[float, float, int]:
    """Run ``hybridllm ARGS`` in a fresh process; return (seconds, its peak RSS MiB, exit code).

    ``os.wait4`` gives the rusage of that one child, so each figure is its own peak.
    """
    env = {**os.environ, "PYTHONPATH": src, "HYBRIDLLM_AUDIT_KEY": KEY.secret.hex()}
    with tempfile.TemporaryFile() as log:
        start = time.perf_counter()
        proc = subprocess.Popen(
            [sys.executable, "-m", "hybridllm", *args], env=env, stdout=log, stderr=log
        )
        _, status, usage = os.wait4(proc.pid, 0)
        took = time.perf_counter() - start
        code = os.waitstatus_to_exitcode(status)
        proc.returncode = code
        if code:
            log.seek(0)
            print(log.read()[-800:].decode(errors="replace"), file=sys.stderr)
    return took, usage.ru_maxrss / 1024, code


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--records", type=int, default=100_000)
    parser.add_argument("--db", type=Path, help="reuse (or create) this log")
    parser.add_argument("--compare-src", help="another checkout's src/ to run the report with")
    opts = parser.parse_args()
    src = str(Path(__file__).resolve().parents[1] / "src")
    work = Path(tempfile.mkdtemp(prefix="bench-audit-report-"))
    db = opts.db or work / "audit.db"
    if not db.exists():
        print(f"building {opts.records} records: {build(db, opts.records):.1f} s")
    runs = [
        ("export --app clinic (verifiable JSONL)", ["audit", "export", str(work / "e.jsonl"),
                                                   "--db", str(db), "--app", "clinic"], src),
        ("verify --export", ["audit", "verify", "--export", str(work / "e.jsonl")], src),
        ("report (streamed)", ["audit", "report", str(work / "r.html"), "--db", str(db)], src),
    ]  # fmt: skip
    if opts.compare_src:
        runs.append(
            ("report (compare-src)", ["audit", "report", str(work / "o.html"), "--db", str(db)],
             opts.compare_src)
        )  # fmt: skip
    print(
        "| command | records | seconds | peak RSS MiB | exit |\n| --- | ---: | ---: | ---: | ---: |"
    )
    for name, args, path in runs:
        took, peak, code = run(args, path)
        print(f"| {name} | {opts.records} | {took:.1f} | {peak:.0f} | {code} |")


if __name__ == "__main__":
    main()
