"""An internal network address end to end, with a recording "cloud": in a person's record it is
redacted before anything leaves (and restored in the reply); in a plain prompt it is no finding
and the audit says so. The classifier, the local model and the SDKs are the real ones; only the
cloud is a wire proxy in front of llama-server."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.helpers import make_client

from hybridllm.local import LlamaServer
from hybridllm.models import AuditRecord
from hybridllm.testing import RecordingProxy

_HOST = "10.8.0.5"
_OWNER = "k.ngata@example.org"


def _complete(
    prompt: str, llama: LlamaServer, cloud: RecordingProxy, audit: Path, max_tokens: int
) -> tuple[Any, AuditRecord]:
    with make_client(local_url=llama.base_url, cloud_url=cloud.base_url, audit_path=audit) as c:
        r = c.complete(prompt, max_tokens=max_tokens, temperature=0)
        rec = c.audit.get(r.audit_id)
    assert rec is not None
    return r, rec


def test_an_internal_address_in_a_record_never_reaches_the_cloud(
    llama_server: LlamaServer, echo_cloud: RecordingProxy, tmp_audit_path: Path
) -> None:
    prompt = f"Repeat exactly: owner {_OWNER}, laptop {_HOST}, desk 4B"
    r, rec = _complete(prompt, llama_server, echo_cloud, tmp_audit_path, 40)
    sent = echo_cloud.bodies_text()
    assert echo_cloud.requests, "the record goes to the cloud, redacted"
    assert _HOST not in sent
    assert _OWNER not in sent
    assert "[INTERNAL_IP_ADDRESS_1]" in sent
    assert _HOST in r.text  # the cloud echoed the placeholder; the reply has the value back
    assert rec.entities.get("INTERNAL_IP_ADDRESS") == 1
    assert rec.entities.get("EMAIL_ADDRESS") == 1


def test_an_internal_address_in_a_plain_prompt_is_no_finding(
    llama_server: LlamaServer, echo_cloud: RecordingProxy, tmp_audit_path: Path
) -> None:
    prompt = f"ssh into {_HOST} fails with 'connection refused'. What should I check first?"
    _, rec = _complete(prompt, llama_server, echo_cloud, tmp_audit_path, 8)
    assert rec.entities == {}
    assert rec.redacted_count == 0
    assert _HOST in echo_cloud.bodies_text()  # no identifier of anyone: sent as written
