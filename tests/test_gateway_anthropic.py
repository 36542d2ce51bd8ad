"""The unmodified anthropic SDK against the gateway's ``POST /v1/messages``."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import anthropic
import pytest
from tests.gateway_rig import Rig, gateway_rig
from tests.helpers import PATIENT, PHI_PROMPT

from hybridllm.local import LlamaServer
from hybridllm.testing.splitting import SplittingServer

MAIL = "carla.mendes@example.com"
PII_PROMPT = f"Please forward the invoice to {MAIL} today."


@pytest.fixture
def rig(llama_server: LlamaServer, tmp_path: Path) -> Iterator[Rig]:
    with SplittingServer() as cloud, gateway_rig(llama_server.base_url, tmp_path, cloud) as rig:
        yield rig


@pytest.fixture
def sdk(rig: Rig) -> Iterator[anthropic.Anthropic]:
    with anthropic.Anthropic(base_url=rig.gateway.base_url, api_key=rig.key, max_retries=0) as c:
        yield c


def user(text: str) -> list[Any]:
    return [{"role": "user", "content": text}]


def test_phi_local_and_pii_restored(rig: Rig, sdk: anthropic.Anthropic) -> None:
    raw = sdk.messages.with_raw_response.create(
        model="auto", max_tokens=16, messages=user(PHI_PROMPT)
    )
    phi = raw.parse()
    assert raw.headers["x-hybridllm-route"] == "local"
    assert phi.content[0].type == "text"
    assert phi.content[0].text
    assert rig.cloud.requests == []
    # to the Claude target: the upstream request is Anthropic-shaped too, and redacted
    msg = sdk.messages.create(
        model="claude", max_tokens=16, system="Be brief.", messages=user(PII_PROMPT)
    )
    assert msg.content[0].type == "text"
    assert msg.content[0].text == PII_PROMPT
    assert msg.stop_reason == "end_turn"
    sent = rig.cloud.requests[-1]
    assert sent.path.endswith("/messages")
    assert MAIL not in rig.cloud.bodies_text()
    assert PATIENT not in rig.cloud.bodies_text()
    rec = rig.record(raw.headers["x-hybridllm-audit-id"])
    assert rec.caller == "gateway:messages"
    assert rec.app == "billing-app"


def test_stream_and_tool_use(rig: Rig, sdk: anthropic.Anthropic) -> None:
    sdk.messages.create(model="auto", max_tokens=8, messages=user(PII_PROMPT))
    token = re.search(r"\[EMAIL_ADDRESS_\d+\]", rig.cloud.requests[-1].text)
    assert token is not None
    rig.cloud.set_reply(None, [token.start() + 2, token.start() + 7])
    with sdk.messages.stream(model="auto", max_tokens=16, messages=user(PII_PROMPT)) as stream:
        pieces = list(stream.text_stream)
        final = stream.get_final_message()
    assert "".join(pieces) == PII_PROMPT
    assert not any("[EMAIL" in p for p in pieces)
    assert final.stop_reason == "end_turn"

    rig.cloud.set_reply(json.dumps({"to": token.group()}), tool="send_mail")
    tool = {"name": "send_mail", "description": "Send a mail.", "input_schema": {"type": "object"}}
    msg = sdk.messages.create(
        model="claude",
        max_tokens=32,
        messages=user(PII_PROMPT),
        tools=[tool],  # type: ignore[list-item]
        tool_choice={"type": "tool", "name": "send_mail"},
    )
    uses = [b for b in msg.content if b.type == "tool_use"]
    assert msg.stop_reason == "tool_use"
    assert [u.name for u in uses] == ["send_mail"]
    assert uses[0].input == {"to": MAIL}
    # and streamed: the SDK assembles the tool input from input_json_delta events
    with sdk.messages.stream(
        model="claude",
        max_tokens=32,
        messages=user(PII_PROMPT),
        tools=[tool],  # type: ignore[list-item]
    ) as stream:
        final = stream.get_final_message()
    streamed = [b for b in final.content if b.type == "tool_use"]
    assert streamed[0].input == {"to": MAIL}
    assert MAIL not in rig.cloud.bodies_text()


def test_errors_are_anthropic_shaped(rig: Rig, sdk: anthropic.Anthropic) -> None:
    bad = anthropic.Anthropic(base_url=rig.gateway.base_url, api_key="nope", max_retries=0)
    with bad, pytest.raises(anthropic.AuthenticationError) as auth:
        bad.messages.create(model="auto", max_tokens=8, messages=user("hi"))
    assert auth.value.body == {
        "type": "error",
        "error": {"type": "authentication_error", "message": "Incorrect API key provided"},
    }
    image = {"type": "image", "source": {"type": "base64", "media_type": "image/png", "data": ""}}
    with pytest.raises(anthropic.BadRequestError, match="cannot be classified"):
        sdk.messages.create(
            model="auto",
            max_tokens=8,
            messages=[{"role": "user", "content": [image]}],  # type: ignore[list-item]
        )
    with pytest.raises(anthropic.NotFoundError):
        sdk.messages.count_tokens(model="auto", messages=user(PII_PROMPT))
    assert rig.cloud.requests == []
