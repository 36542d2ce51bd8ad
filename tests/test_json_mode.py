"""json_schema output: the reply is restored as JSON (escaped, still valid), also streamed."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from tests.helpers import make_client

import hybridllm
from hybridllm.local import LlamaServer
from hybridllm.testing.splitting import SplittingServer

NAME = "Maria Garcia"
MAIL = "maria.garcia@example.com"
SCHEMA = {
    "type": "object",
    "properties": {"to": {"type": "string"}, "by": {"type": "string"}},
    "required": ["to", "by"],
}


@pytest.fixture
def split_client(
    llama_server: LlamaServer, tmp_audit_path: Path
) -> Iterator[tuple[hybridllm.Client, SplittingServer]]:
    with (
        SplittingServer() as splitter,
        make_client(
            local_url=llama_server.base_url,
            cloud_url=splitter.base_url,
            audit_path=tmp_audit_path,
        ) as client,
    ):
        yield client, splitter


def test_json_schema_reply_is_restored_as_valid_json(
    split_client: tuple[hybridllm.Client, SplittingServer],
) -> None:
    client, splitter = split_client
    conv = client.conversation()
    conv.complete(f"Draft a mail from {NAME} to {MAIL}.", max_tokens=8)
    # a model that emits a placeholder bare (outside a JSON string) must still give valid JSON
    reply = '{"to": [EMAIL_ADDRESS_1], "by": "[PERSON_1]"}'
    splitter.set_reply(reply)
    r = conv.complete("Answer in JSON.", json_schema=SCHEMA, max_tokens=8)
    assert json.loads(r.text) == {"to": MAIL, "by": NAME}
    sent = splitter.requests[-1].json
    assert sent["response_format"]["json_schema"]["schema"] == SCHEMA
    splitter.set_reply(reply, cuts=range(0, len(reply), 2))
    stream = conv.complete("Answer in JSON.", json_schema=SCHEMA, stream=True, max_tokens=8)
    assert json.loads("".join(stream)) == {"to": MAIL, "by": NAME}
    assert MAIL not in splitter.bodies_text()
