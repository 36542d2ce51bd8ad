"""Under ``SECRET="redact"`` the cloud receives none of 100+ secrets pasted in 20+ contexts.

The secrets and contexts are the open split of the external evaluation
(bench/data/secrets_ext/open.jsonl: values drawn from betterleaks' and CredSweeper's provider
formats and generic credentials). Every call goes through the real Client, the real classifier
and the official OpenAI SDK to a recording proxy in front of the session's llama-server.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from tests.helpers import make_client

from hybridllm.local import LlamaServer
from hybridllm.testing import RecordingProxy

EXT = Path(__file__).resolve().parents[1] / "bench" / "data" / "secrets_ext" / "open.jsonl"
PER_CONTEXT = 4
PER_CALL = 8


def _secret_records() -> list[dict[str, object]]:
    by_context: dict[str, list[dict[str, object]]] = {}
    for line in EXT.read_text(encoding="utf-8").splitlines():
        r = json.loads(line)
        if r["kind"] == "secret":
            by_context.setdefault(r["context"], []).append(r)
    return [r for records in by_context.values() for r in records[:PER_CONTEXT]]


@pytest.mark.timeout(900)  # ~30 KB of prompts through the real model: minutes on a loaded machine
def test_cloud_receives_none_of_the_secrets(
    llama_server: LlamaServer, recording_cloud: RecordingProxy, tmp_path: Path
) -> None:
    records = _secret_records()
    contexts = {r["context"] for r in records}
    assert len(records) >= 100
    assert len(contexts) >= 20
    values: list[str] = []
    snippets: list[str] = []
    for r in records:
        (span,) = r["spans"]  # type: ignore[misc]
        text = str(r["text"])
        values.append(text[span["start"] : span["end"]])
        # the secret with its context (the line syntax before it), without the chat around it:
        # the real model reads every token, and a loaded CI machine is slow at that
        snippets.append(text[max(0, span["start"] - 90) : span["end"] + 30])
    routes = []
    with make_client(
        local_url=llama_server.base_url,
        cloud_url=recording_cloud.base_url,
        audit_path=tmp_path / "audit.db",
        policy={"PII": "redact", "PHI": "redact", "SECRET": "redact"},
    ) as client:
        for i in range(0, len(records), PER_CALL):
            prompt = "\n\n---\n\n".join(snippets[i : i + PER_CALL])
            routes.append(client.complete(prompt, max_tokens=1).route)
    assert set(routes) == {"cloud"}  # every payload left, redacted: the test is not vacuous
    assert len(recording_cloud.requests) == len(routes)
    # the decoded message texts (a raw JSON body escapes quotes and backslashes)
    sent = "\n".join(
        str(m["content"]) for req in recording_cloud.requests for m in req.json["messages"]
    )
    assert "[" in sent  # placeholders went out instead of the values
    leaked = [v for v in values if v in sent or (len(v) >= 20 and v[-12:] in sent)]
    assert leaked == []
