"""``Client.complete`` takes the OpenAI SDK's names: ``messages=``, ``stop``, ``top_p``,
``seed``, ``response_format`` (issue 19), against the official SDKs and a wire-level cloud.

Stop sequences are applied to the restored reply and never sent (they are caller text and
could carry a value); top_p and seed reach the provider in its own field names.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from tests.helpers import EMAIL, make_client

import hybridllm
from hybridllm.errors import InputError
from hybridllm.local import LlamaServer
from hybridllm.testing.splitting import SplittingServer

PII_PROMPT = f"Please forward the invoice to {EMAIL} today."


@pytest.fixture
def cloud() -> Iterator[SplittingServer]:
    with SplittingServer() as server:
        yield server


@pytest.fixture
def client(llama_server: LlamaServer, cloud: SplittingServer, tmp_path: Path) -> Any:
    c = make_client(
        local_url=llama_server.base_url,
        cloud_url=cloud.base_url,
        claude_url=cloud.base_url,
        audit_path=tmp_path / "audit.db",
    )
    yield c
    c.close()


def test_messages_top_p_seed_and_stop_reach_openai_as_it_names_them(
    client: hybridllm.Client, cloud: SplittingServer
) -> None:
    cloud.set_reply("first part. END and more")
    r = client.complete(
        messages=[{"role": "user", "content": "Say something."}],
        top_p=0.25,
        seed=7,
        stop=["END", "never"],
    )
    assert r.text == "first part. "
    assert r.finish_reason == "stop"
    body = cloud.requests[-1].json
    assert (body["top_p"], body["seed"]) == (0.25, 7)
    assert "stop" not in body  # applied here, on the restored text


def test_anthropic_gets_top_p_and_no_seed(client: hybridllm.Client, cloud: SplittingServer) -> None:
    cloud.set_reply("fine")
    r = client.complete("Say something.", target="claude", top_p=0.5, seed=3)
    assert r.text == "fine"
    body = cloud.requests[-1].json
    assert body["top_p"] == 0.5
    assert "seed" not in body


def test_a_stop_sequence_holding_a_value_is_matched_on_the_restored_text_and_never_sent(
    client: hybridllm.Client, cloud: SplittingServer
) -> None:
    r = client.complete(PII_PROMPT, stop=EMAIL)  # the cloud echoes the placeholder
    assert r.text == "Please forward the invoice to "
    assert EMAIL not in cloud.bodies_text()


def test_a_stream_ends_at_a_stop_sequence_split_across_chunks(
    client: hybridllm.Client, cloud: SplittingServer
) -> None:
    text = "alpha beta STOP gamma"
    cloud.set_reply(text, [text.index("STOP") + 2, 3, 9])
    with client.complete("Go.", stream=True, stop=["STOP"]) as stream:
        pieces = list(stream)
    assert "".join(pieces) == "alpha beta "
    assert not any("ST" in p for p in pieces)


async def test_async_stream_and_response_format(
    llama_server: LlamaServer, cloud: SplittingServer, tmp_path: Path
) -> None:
    client = make_client(
        local_url=llama_server.base_url,
        cloud_url=cloud.base_url,
        audit_path=tmp_path / "audit.db",
        client_cls=hybridllm.AsyncClient,
    )
    try:
        text = "one two STOP three"
        cloud.set_reply(text, [5, text.index("STOP") + 1])
        stream = await client.acomplete("Go.", stream=True, stop="STOP")
        assert "".join([p async for p in stream]) == "one two "
        schema = {"type": "object", "properties": {"n": {"type": "integer"}}}
        cloud.set_reply('{"n": 1}')
        fmt = {"type": "json_schema", "json_schema": {"name": "n", "schema": schema}}
        r = await client.acomplete("Give n.", response_format=fmt)
        assert r.text == '{"n": 1}'
        sent = cloud.requests[-1].json["response_format"]
        assert sent["json_schema"]["schema"] == schema
    finally:
        await client.aclose()


def test_the_local_model_takes_seed_and_top_p(client: hybridllm.Client) -> None:
    one = client.complete("Name a colour.", target="local", seed=11, top_p=0.9, max_tokens=8)
    two = client.complete("Name a colour.", target="local", seed=11, top_p=0.9, max_tokens=8)
    assert one.route == "local"
    assert one.text == two.text  # same seed, same answer from the real model


@pytest.mark.parametrize(
    ("kwargs", "says"),
    [
        ({"top_p": 1.5}, "top_p"),
        ({"top_p": "high"}, "top_p"),
        ({"seed": 1.5}, "seed"),
        ({"seed": True}, "seed"),
        ({"stop": ["a", "b", "c", "d", "e"]}, "stop"),
        ({"stop": [""]}, "stop"),
        ({"stop": 5}, "stop"),
        ({"response_format": {"type": "xml"}}, "response_format"),
        ({"response_format": {"type": "json_schema", "json_schema": {}}}, "response_format"),
        ({"response_format": {"type": "json_object"}, "json_schema": {}}, "not both"),
        ({"messages": [{"role": "user", "content": "x"}], "prompt": "y"}, "exactly one"),
        ({"frequency": 1}, "unexpected keyword"),
    ],
)
def test_bad_options_are_input_errors_and_nothing_is_sent(
    client: hybridllm.Client, cloud: SplittingServer, kwargs: dict[str, Any], says: str
) -> None:
    args = {"prompt": PII_PROMPT, **kwargs}
    with pytest.raises(InputError, match=says):
        client.complete(**args)
    with pytest.raises(InputError, match="exactly one"):
        client.complete()
    assert cloud.requests == []
