"""Redaction operators from the config, through the real Client and a recording cloud."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from tests.helpers import make_client

from hybridllm.local import LlamaServer
from hybridllm.testing import RecordingProxy

NAME = "Maria Garcia"
MAIL = "maria.garcia@example.com"
CARD = "4111 1111 1111 1111"
KEY = "AKIAZ3MSJ7QXP4LKH2TD"


def test_operators_apply_per_entity_and_category(
    llama_server: LlamaServer,
    recording_cloud: RecordingProxy,
    tmp_audit_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("HYBRIDLLM_HMAC_KEY", "k" * 43 + "=")
    prompt = f"Customer {NAME} ({MAIL}) paid with {CARD}; our key is {KEY}. Reply briefly."
    with make_client(
        local_url=llama_server.base_url,
        cloud_url=recording_cloud.base_url,
        audit_path=tmp_audit_path,
        redaction={
            "operators": {
                "PERSON": "surrogate",
                "CREDIT_CARD": {"operator": "mask", "keep_last": 4},
                "SECRET": "hmac",
            }
        },
    ) as client:
        first = client.complete(prompt, max_tokens=4)
        second = client.complete(prompt, max_tokens=4)
    assert first.route == "cloud"
    sent = [r.json["messages"][-1]["content"] for r in recording_cloud.requests]
    for body in sent:
        for value in (NAME, MAIL, CARD, KEY):
            assert value not in body
        assert "[EMAIL_ADDRESS_1]" in body  # default operator: a reversible placeholder
        assert re.search(r"\*{4,}.?1111\b", body)  # card masked, last 4 kept
    surrogate = re.search(r"Customer (.+?) \(", sent[0])
    assert surrogate is not None
    assert surrogate.group(1) != NAME  # a realistic fake name, not a token
    assert not surrogate.group(1).startswith("[")
    # the keyed hash is stable across calls (correlation without reversal) ...
    token_1 = re.search(r"our key is (\S+?)\.", sent[0])
    token_2 = re.search(r"our key is (\S+?)\.", sent[1])
    assert token_1 is not None
    assert token_2 is not None
    assert token_1.group(1) == token_2.group(1)
    assert second.redacted_count >= 3
