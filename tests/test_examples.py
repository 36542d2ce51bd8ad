"""Every script in examples/ runs against the real local model and a recording "cloud".

The examples read their configuration like any client (``$HYBRIDLLM_CONFIG``), so each test
writes a hybridllm.toml pointing at the session's loopback servers and runs the script as a
user would: in a subprocess (the FastAPI app in-process, through FastAPI's TestClient).
"""

from __future__ import annotations

import csv
import importlib.util
import json
import os
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest
from tests.helpers import AWS_KEY, MRN, PHI_PROMPT

import hybridllm
from hybridllm.audit.sinks import iter_jsonl
from hybridllm.audit.store import AuditStore
from hybridllm.local import LlamaServer
from hybridllm.testing import RecordingProxy

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def _write_config(path: Path, local_url: str, cloud_url: str, audit_path: Path) -> Path:
    path.write_text(
        f"""
default_target = "cloud"
local_target = "local"
audit_path = "{audit_path}"
app_name = "examples-test"

[targets.local]
adapter = "llamacpp"
model = "smollm2"
base_url = "{local_url}"
max_tokens = 32

[targets.cloud]
adapter = "openai"
model = "smollm2"
base_url = "{cloud_url}/v1"
max_tokens = 32

[fallback]
local = []
cloud = []
""",
        encoding="utf-8",
    )
    return path


@pytest.fixture
def config(
    tmp_path: Path, llama_server: LlamaServer, recording_cloud: RecordingProxy, tmp_audit_path: Path
) -> Path:
    return _write_config(
        tmp_path / "hybridllm.toml", llama_server.base_url, recording_cloud.base_url, tmp_audit_path
    )


def _run(script: str, *args: str, config: Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "HYBRIDLLM_CONFIG": str(config)}
    env.pop("HYBRIDLLM_AUDIT_PATH", None)
    return subprocess.run(
        [sys.executable, str(EXAMPLES / script), *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=cwd,
        timeout=240,
        check=False,
    )


def _load(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(f"example_{name}", EXAMPLES / f"{name}.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_fastapi_endpoint_routes_through_acomplete(
    config: Path, recording_cloud: RecordingProxy, tmp_audit_path: Path
) -> None:
    from fastapi.testclient import TestClient

    app = _load("fastapi_app").create_app(str(config))
    with TestClient(app) as http:
        plain = http.post("/complete", json={"prompt": "Name one primary colour.", "max_tokens": 8})
        phi = http.post("/complete", json={"prompt": PHI_PROMPT, "max_tokens": 16})
        bad = http.post("/complete", json={"prompt": ""})
    assert plain.status_code == 200, plain.text
    assert plain.json()["route"] == "cloud"
    assert plain.json()["text"].strip()
    assert phi.status_code == 200, phi.text
    assert phi.json()["route"] == "local"
    assert "PHI" in phi.json()["reason"]
    assert bad.status_code == 422
    assert len(recording_cloud.requests) == 1  # only the plain prompt left the machine
    assert MRN not in recording_cloud.bodies_text()
    with AuditStore(tmp_audit_path, readonly=True) as store:
        callers = {r.caller for r in store.iter_records()}
        assert store.verify().ok
    assert callers == {"fastapi_app.complete"}


def test_batch_job_over_support_tickets(
    config: Path, recording_cloud: RecordingProxy, tmp_path: Path
) -> None:
    out = tmp_path / "out" / "tickets.csv"
    tickets = EXAMPLES / "data" / "support_tickets.csv"
    proc = _run(
        "batch_tickets.py",
        str(tickets),
        str(out),
        "--max-tokens",
        "16",
        config=config,
        cwd=tmp_path,
    )
    assert proc.returncode == 0, proc.stderr
    with out.open(newline="", encoding="utf-8") as fh:
        rows = {r["ticket_id"]: r for r in csv.DictReader(fh)}
    assert set(rows) == {"T-1001", "T-1002", "T-1003", "T-1004", "T-1005"}
    assert rows["T-1002"]["route"] == "local"  # PHI stays on the machine
    assert "PHI" in rows["T-1002"]["categories"]
    assert rows["T-1003"]["route"] == "cloud"  # the key went out as a placeholder
    assert "SECRET" in rows["T-1003"]["categories"]
    assert int(rows["T-1001"]["redacted_count"]) >= 2  # name/email/phone
    assert rows["T-1004"]["categories"] == ""
    sent = recording_cloud.bodies_text()
    assert AWS_KEY not in sent
    assert "carla.mendes@example.com" not in sent
    assert MRN not in sent
    summary = json.loads(out.with_suffix(".summary.json").read_text())
    assert summary["tickets"] == 5
    assert summary["routes"] == {"cloud": 4, "local": 1}
    assert json.loads(proc.stdout) == summary


def test_decorators_task_and_policy_scopes(
    config: Path, recording_cloud: RecordingProxy, tmp_path: Path, tmp_audit_path: Path
) -> None:
    proc = _run("decorators.py", config=config, cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout)
    assert set(out["triage"]) == {"urgent", "topic"}  # validated into the pydantic model
    assert out["triage"]["topic"] in {"billing", "medical", "technical", "other"}
    assert out["chart_route"] == "local"
    assert "assumed by policy scope" in out["chart_reason"]
    assert out["blocked_route"] == "blocked"
    assert out["draft_reply"].strip()
    # triage is forced local, draft_reply has PII="local", the chart assumes PHI, the key is
    # blocked: nothing in this example may reach the cloud.
    assert recording_cloud.requests == []
    with AuditStore(tmp_audit_path, readonly=True) as store:
        callers = [r.caller for r in store.iter_records()]
    assert any(c.endswith(".triage") for c in callers)
    assert any(c.endswith(".summarize_chart") for c in callers)
    assert "key-handling" in callers


def test_compliance_review_session(config: Path, tmp_path: Path, tmp_audit_path: Path) -> None:
    with hybridllm.Client(config) as client:
        assert client.complete(PHI_PROMPT, max_tokens=8).route == "local"
        assert client.complete("Name one planet.", max_tokens=8).route == "cloud"
    review = tmp_path / "review"
    proc = _run(
        "compliance_review.py",
        "--db",
        str(tmp_audit_path),
        "--out",
        str(review),
        config=config,
        cwd=tmp_path,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    findings = json.loads((review / "findings.json").read_text())
    assert findings["verify"]["ok"]
    assert findings["phi_to_remote"] == {"ok": True, "count": 0, "record_ids": []}
    assert findings["records_in_period"] == 2
    exported = review / "audit-export.jsonl"
    assert len(list(iter_jsonl(exported))) == 2
    assert MRN not in exported.read_text()
    assert findings["export"]["ok"]
    # Each call's intent record is completed by its outcome: listed as a link, like `query`.
    assert "2 matching record(s), 2 link(s)" in findings["export"]["verified"]
    assert (review / "audit-report.html").read_text().lstrip().lower().startswith("<!doctype html")

    # A PHI prompt let out unredacted is what the review exists to catch.
    with hybridllm.Client(config, policy={"PHI": "allow"}) as client:
        leaked = client.complete(PHI_PROMPT, max_tokens=8)
    assert leaked.route == "cloud"
    proc = _run(
        "compliance_review.py",
        "--db",
        str(tmp_audit_path),
        "--out",
        str(review),
        config=config,
        cwd=tmp_path,
    )
    assert proc.returncode == 1
    findings = json.loads((review / "findings.json").read_text())
    assert findings["phi_to_remote"]["record_ids"] == [leaked.audit_id]


def test_rag_index_embeds_once_answers_and_resumes(
    config: Path, tmp_path: Path, recording_cloud: RecordingProxy
) -> None:
    kb = EXAMPLES / "data" / "kb"
    out = tmp_path / "index"
    question = "How many business days until a refund reaches my card?"
    first = _run("rag_index.py", str(kb), str(out), question, config=config, cwd=tmp_path)
    assert first.returncode == 0, first.stderr
    result = json.loads(first.stdout)
    assert result["index"]["embedded"] == 4
    assert result["index"]["model_id"].startswith("llamacpp/smollm2@")
    rows = (out / "vectors.jsonl").read_text().splitlines()
    assert sorted(json.loads(r)["id"] for r in rows) == [
        "outage-2026-03",
        "passwords",
        "refunds",
        "shipping",
    ]
    # a second run resumes from the checkpoint: nothing is embedded twice
    again = _run("rag_index.py", str(kb), str(out), question, config=config, cwd=tmp_path)
    assert again.returncode == 0, again.stderr
    assert json.loads(again.stdout)["index"]["skipped"] == 4
    assert len((out / "vectors.jsonl").read_text().splitlines()) == 4
    # the document with a customer's email was embedded locally, never sent to the cloud
    assert "jane.roe@example.com" not in recording_cloud.bodies_text()
