"""The leak guard (issue 12): a clinical payload leaves only if nothing identifier-shaped is left.

The flow test weakens the detector through public API only (the client gets
``get_classifier(ClassifierConfig(safe_harbor=False))``: the fail-safe pass is off), so the
ordinary recognizers miss an identifier; the guard must then keep the call local, and the audit
must say why.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from tests.helpers import make_client

from hybridllm.classifiers import ClassifierConfig, get_classifier
from hybridllm.classifiers.leak_guard import residual_identifiers
from hybridllm.local import LlamaServer
from hybridllm.redaction import redact_text
from hybridllm.redaction.vault import PLACEHOLDER_RE
from hybridllm.testing import RecordingProxy

# The ordinary recognizers (no Safe Harbor pass) know no cue for "Professional ID".
NOTE = (
    "Discharge summary: pt admitted with community-acquired pneumonia, treated with "
    "ceftriaxone 1 g IV daily, afebrile since day 3. Professional ID QX-88124-07 on the "
    "transfer form. Follow-up in clinic in two weeks. Summarize in one sentence."
)
VALUE = "QX-88124-07"


@pytest.fixture
def local_wire(llama_server: LlamaServer) -> Iterator[RecordingProxy]:
    with RecordingProxy(llama_server.base_url) as proxy:
        yield proxy


def test_guard_finds_what_is_left_and_ignores_placeholders() -> None:
    left = residual_identifiers(
        ["Pt [PERSON_1] seen [DATE_1]; MRN 55839201, call (559) 555-0142, Dr. Okafor, 3/14/2024."],
        PLACEHOLDER_RE,
    )
    assert set(left) == {"number", "person", "date"}
    assert left["number"] >= 2
    clean = "Pt [PERSON_1], BP 132/84, metformin 1000 mg, A1c 7.2 in 2023, CPT 99213, E11.9."
    assert residual_identifiers([clean], PLACEHOLDER_RE) == {}


def test_the_weakened_detector_really_misses_the_identifier() -> None:
    weak = get_classifier(ClassifierConfig(safe_harbor=False)).classify(NOTE)
    assert weak.clinical
    assert VALUE in redact_text(NOTE, weak.findings).text  # what the guard is there for
    full = get_classifier().classify(NOTE)
    assert VALUE not in redact_text(NOTE, full.findings).text


@pytest.mark.parametrize("on_error", ["local", "block"])
def test_guard_keeps_a_leaking_clinical_call_off_the_cloud_and_audits_why(
    local_wire: RecordingProxy,
    recording_cloud: RecordingProxy,
    tmp_audit_path: Path,
    on_error: str,
) -> None:
    with make_client(
        local_url=local_wire.base_url,
        cloud_url=recording_cloud.base_url,
        audit_path=tmp_audit_path,
        policy={"PHI": "redact", "PII": "redact"},
        # public API: the shared classifier for a configuration without the Safe Harbor pass
        classifier=get_classifier(ClassifierConfig(safe_harbor=False)),
        on_classifier_error=on_error,
    ) as client:
        r = client.complete(NOTE, max_tokens=8)
        rec = client.audit.get(r.audit_id)
    assert recording_cloud.requests == []
    assert rec is not None
    assert rec.fail_closed
    assert rec.reason.startswith("leak guard:")
    assert "number" in rec.reason
    assert rec.hops[0].target == "cloud"
    assert rec.hops[0].outcome == "skipped"
    assert rec.hops[0].detail.startswith("leak guard:")
    assert VALUE not in json.dumps(rec.model_dump(mode="json"))  # counts only, never the value
    if on_error == "local":
        assert r.route == "local"
        assert rec.status == "ok"
        assert len(local_wire.requests) == 1
        assert VALUE in json.dumps(local_wire.requests[0].json)  # the local model got it as is
    else:
        assert r.route == "blocked"
        assert rec.status == "blocked"
        assert local_wire.requests == []


def test_guard_lets_a_fully_redacted_clinical_call_through(
    local_wire: RecordingProxy, recording_cloud: RecordingProxy, tmp_audit_path: Path
) -> None:
    with make_client(
        local_url=local_wire.base_url,
        cloud_url=recording_cloud.base_url,
        audit_path=tmp_audit_path,
        policy={"PHI": "redact", "PII": "redact"},
    ) as client:
        r = client.complete(NOTE, max_tokens=8)
    assert r.route == "cloud"
    assert len(recording_cloud.requests) == 1
    assert VALUE not in json.dumps(recording_cloud.requests[0].json)
    assert local_wire.requests == []
