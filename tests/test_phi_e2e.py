"""End to end (issue 12): clinical notes nobody here wrote, through ``Client`` with PHI="redact".

The notes are the first 52 records of the open split of the external evaluation
(bench/data/phi_ext/open.jsonl: outis generators, philter-lite's i2b2 notes, deidgate) that hold a
Safe Harbor identifier, in file order. Every one goes through the real classifier, the real
redaction and the leak guard to the official OpenAI SDK pointed at a recording loopback server
(which forwards to the session's llama-server). The test lists every labelled identifier the
cloud received, verbatim; the list must be empty.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from tests.helpers import make_client

from hybridllm.testing import RecordingProxy

DATA = Path(__file__).resolve().parents[1] / "bench" / "data" / "phi_ext" / "open.jsonl"
SCORED = {"NAME", "DATE", "ADDRESS", "LOCATION", "PHONE", "FAX", "EMAIL", "URL", "IP", "MRN"}
SCORED |= {"SSN", "ACCOUNT", "ID", "AGE"}


def _notes(n: int) -> list[dict[str, Any]]:
    out = []
    with DATA.open(encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            if any(s["type"] in SCORED for s in rec["spans"]):
                out.append(rec)
            if len(out) == n:
                break
    return out


def _identifiers(rec: dict[str, Any]) -> list[tuple[str, str]]:
    """(type, value) of the note's identifiers long enough to test verbatim (4+ characters).

    Shorter values ("94", "Al") also occur as ordinary text; the bench scores them by offset.
    An age counts only over 89, a date only with more than its year (Safe Harbor allows both).
    """
    out = []
    for s in rec["spans"]:
        value = rec["text"][s["start"] : s["end"]].strip()
        if s["type"] not in SCORED or len(value) < 4:
            continue
        if s["type"] == "DATE" and value.isdigit():
            continue
        out.append((s["type"], value))
    return out


@pytest.mark.timeout(900)  # 52 real completions: ~1-2 min alone, more on a loaded machine
def test_fifty_two_external_notes_reach_the_cloud_without_their_identifiers(
    llama_server: Any, recording_cloud: RecordingProxy, tmp_audit_path: Path
) -> None:
    notes = _notes(52)
    assert len(notes) == 52
    with make_client(
        local_url=llama_server.base_url,
        cloud_url=recording_cloud.base_url,
        audit_path=tmp_audit_path,
        policy={"PHI": "redact", "PII": "redact"},
    ) as client:
        routes = [client.complete(rec["text"], max_tokens=1).route for rec in notes]
    sent = [
        m["content"]
        for req in recording_cloud.requests
        if req.json is not None
        for m in req.json["messages"]
        if m["role"] == "user"  # not the placeholder instruction (a system message)
    ]
    received = "\n".join(sent)
    leaked = [
        (rec["id"], kind, value)
        for rec in notes
        for kind, value in _identifiers(rec)
        if value in received
    ]
    assert leaked == []
    # Not vacuous: most notes did go out (redacted), and every one was answered somewhere.
    assert routes.count("cloud") >= 45
    assert len(sent) == routes.count("cloud")
    assert sum(len(_identifiers(rec)) for rec in notes) > 250
