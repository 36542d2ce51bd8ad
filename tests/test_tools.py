"""Tool calls: definitions pass through in each provider's format; arguments come back restored."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from tests.helpers import SEND_MAIL_TOOL as TOOL
from tests.helpers import make_client

import hybridllm
from hybridllm.local import LlamaServer
from hybridllm.testing.splitting import SplittingServer

MAIL = "maria.garcia@example.com"


@pytest.fixture
def rig(
    llama_server: LlamaServer, tmp_audit_path: Path
) -> Iterator[tuple[hybridllm.Client, SplittingServer]]:
    with (
        SplittingServer() as splitter,
        make_client(
            local_url=llama_server.base_url,
            cloud_url=splitter.base_url,
            claude_url=splitter.base_url,
            audit_path=tmp_audit_path,
        ) as client,
    ):
        yield client, splitter


@pytest.mark.parametrize("target", ["cloud", "claude"])
def test_tool_call_arguments_are_restored(
    rig: tuple[hybridllm.Client, SplittingServer], target: str
) -> None:
    client, splitter = rig
    # the model (at the wire) calls the tool with the placeholder it was given
    splitter.set_reply(json.dumps({"to": "[EMAIL_ADDRESS_1]"}), tool="send_mail")
    r = client.complete(
        f"Email {MAIL} that the refund is approved.",
        target=target,
        tools=[TOOL],
        tool_choice="send_mail",
        max_tokens=16,
    )
    assert [c.name for c in r.tool_calls] == ["send_mail"]
    assert json.loads(r.tool_calls[0].arguments) == {"to": MAIL}
    assert MAIL not in repr(r)
    body = splitter.requests[-1].json
    assert MAIL not in json.dumps(body)
    if target == "cloud":  # OpenAI format
        assert body["tools"][0]["function"]["name"] == "send_mail"
        assert body["tool_choice"] == {"type": "function", "function": {"name": "send_mail"}}
    else:  # Anthropic format
        assert body["tools"][0]["input_schema"]["properties"] == {"to": {"type": "string"}}
        assert body["tool_choice"] == {"type": "tool", "name": "send_mail"}


def test_invalid_tool_definition_is_an_input_error(
    rig: tuple[hybridllm.Client, SplittingServer],
) -> None:
    client, splitter = rig
    with pytest.raises(hybridllm.InputError):
        client.complete("hi", tools=[{"type": "function", "function": {}}])
    assert splitter.requests == []
