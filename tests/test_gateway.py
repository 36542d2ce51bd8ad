"""`hybridllm serve` through the unmodified openai SDK: the SDK only gets a new base_url.

The gateway runs on 127.0.0.1 (uvicorn, free port) in front of the real llama-server (local
target) and a wire-level OpenAI/Anthropic server (the "cloud", which records every request and
echoes the last user message, so restoring can be checked exactly).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import openai
import pytest
from tests.gateway_rig import Rig, SlowSplitter, gateway_rig
from tests.helpers import MRN, PATIENT, PHI_PROMPT
from tests.helpers import SEND_MAIL_TOOL as TOOL

from hybridllm.local import LlamaServer
from hybridllm.testing.splitting import SplittingServer

MAIL = "carla.mendes@example.com"
PII_PROMPT = f"Please forward the invoice to {MAIL} today."


@pytest.fixture
def rig(llama_server: LlamaServer, tmp_path: Path) -> Iterator[Rig]:
    with SplittingServer() as cloud, gateway_rig(llama_server.base_url, tmp_path, cloud) as rig:
        yield rig


@pytest.fixture
def sdk(rig: Rig) -> Iterator[openai.OpenAI]:
    with openai.OpenAI(base_url=rig.v1, api_key=rig.key, max_retries=0) as client:
        yield client


def user(text: str) -> list[Any]:
    return [{"role": "user", "content": text}]


def test_phi_prompt_is_answered_by_the_local_model(rig: Rig, sdk: openai.OpenAI) -> None:
    raw = sdk.chat.completions.with_raw_response.create(
        model="auto", messages=user(PHI_PROMPT), max_tokens=24, temperature=0
    )
    resp = raw.parse()
    assert raw.headers["x-hybridllm-route"] == "local"
    assert raw.headers["x-hybridllm-target"] == "local"
    assert resp.choices[0].message.content  # the real model answered
    assert resp.choices[0].finish_reason in ("stop", "length")
    assert resp.usage is not None
    assert resp.usage.prompt_tokens > 0
    assert rig.cloud.requests == []  # nothing left the machine
    rec = rig.record(raw.headers["x-hybridllm-audit-id"])
    assert rec.app == "billing-app"  # the key's app, not the configured app_name
    assert rec.caller == "gateway:chat.completions"
    assert rec.route == "local"
    assert "PHI" in rec.categories
    assert PATIENT not in rec.model_dump_json()
    assert MRN not in rec.model_dump_json()


def test_pii_prompt_reaches_the_cloud_redacted_and_comes_back_restored(
    rig: Rig, sdk: openai.OpenAI
) -> None:
    raw = sdk.chat.completions.with_raw_response.create(
        model="auto", messages=user(PII_PROMPT), max_tokens=16
    )
    resp = raw.parse()
    assert raw.headers["x-hybridllm-route"] == "cloud"
    assert resp.choices[0].message.content == PII_PROMPT  # echoed, placeholder restored
    sent = rig.cloud.requests[-1].json["messages"][-1]["content"]
    assert MAIL not in rig.cloud.bodies_text()
    assert re.search(r"\[EMAIL_ADDRESS_\d+\]", sent)
    rec = rig.record(raw.headers["x-hybridllm-audit-id"])
    assert rec.redacted_count == 1
    assert rec.restored_count == 1
    assert resp.id == f"chatcmpl-{rec.id}"


def test_stream_restores_placeholders_cut_across_chunks(rig: Rig, sdk: openai.OpenAI) -> None:
    sdk.chat.completions.create(model="auto", messages=user(PII_PROMPT), max_tokens=8)
    redacted = rig.cloud.requests[-1].json["messages"][-1]["content"]
    token = re.search(r"\[EMAIL_ADDRESS_\d+\]", redacted)
    assert token is not None
    # every cut inside the placeholder, and one at every character
    for cuts in [[p] for p in range(token.start() + 1, token.end())] + [range(len(redacted))]:
        rig.cloud.set_reply(None, cuts)
        stream = sdk.chat.completions.create(
            model="auto",
            messages=user(PII_PROMPT),
            max_tokens=8,
            stream=True,
            stream_options={"include_usage": True},
        )
        chunks = list(stream)
        texts = [c.choices[0].delta.content for c in chunks if c.choices]
        assert "".join(t for t in texts if t) == PII_PROMPT, cuts
        assert not any("[EMAIL" in (t or "") for t in texts)
        assert len({c.id for c in chunks}) == 1
        finals = [c for c in chunks if c.choices and c.choices[0].finish_reason]
        assert [c.choices[0].finish_reason for c in finals] == ["stop"]
        assert chunks[-1].usage is not None
        assert chunks[-1].choices == []
    assert MAIL not in rig.cloud.bodies_text()


def test_sse_framing_is_exactly_openais(rig: Rig) -> None:
    rig.cloud.set_reply(None, [5, 9, 30])
    body = {"model": "auto", "messages": user(PII_PROMPT), "stream": True, "max_tokens": 8}
    headers = {"authorization": f"Bearer {rig.key}"}
    with httpx.stream("POST", rig.v1 + "/chat/completions", json=body, headers=headers) as r:
        assert r.headers["content-type"].startswith("text/event-stream")
        assert r.headers["x-hybridllm-route"] == "cloud"
        raw = r.read().decode()
    events = raw.split("\n\n")
    assert events[-1] == ""
    assert events[-2] == "data: [DONE]"
    payloads = [json.loads(e.removeprefix("data: ")) for e in events[:-2]]
    assert all(e.startswith("data: ") for e in events[:-1])
    assert payloads[0]["choices"][0]["delta"] == {"role": "assistant", "content": ""}
    assert {p["object"] for p in payloads} == {"chat.completion.chunk"}
    final = payloads[-1]
    assert final["choices"][0]["finish_reason"] == "stop"
    # the audit id of a stream is known only at its end: it rides on the final chunk
    rec = rig.record(final["hybridllm"]["audit_id"])
    assert rec.stream
    assert rec.status == "ok"
    assert rec.app == "billing-app"


def test_tool_call_arguments_are_restored(rig: Rig, sdk: openai.OpenAI) -> None:
    prompt = f"Email {MAIL} that the refund is approved."
    sdk.chat.completions.create(model="auto", messages=user(prompt), max_tokens=8)
    token = re.search(r"\[EMAIL_ADDRESS_\d+\]", rig.cloud.requests[-1].text)
    assert token is not None
    rig.cloud.set_reply(json.dumps({"to": token.group()}), tool="send_mail")
    kwargs: dict[str, Any] = {
        "model": "auto",
        "messages": user(prompt),
        "tools": [TOOL],
        "tool_choice": {"type": "function", "function": {"name": "send_mail"}},
        "max_tokens": 16,
    }
    resp = sdk.chat.completions.create(**kwargs)
    calls = resp.choices[0].message.tool_calls
    assert resp.choices[0].finish_reason == "tool_calls"
    assert calls is not None
    assert calls[0].type == "function"
    assert calls[0].function.name == "send_mail"
    assert json.loads(calls[0].function.arguments) == {"to": MAIL}
    sent = rig.cloud.requests[-1].json
    assert sent["tools"][0]["function"]["name"] == "send_mail"
    assert MAIL not in rig.cloud.bodies_text()
    # streamed: the SDK assembles the same call from the chunks
    chunks = list(sdk.chat.completions.create(stream=True, **kwargs))
    deltas = [c.choices[0].delta for c in chunks if c.choices]
    streamed = [tc for d in deltas for tc in (d.tool_calls or [])]
    assert [tc.function.name for tc in streamed if tc.function] == ["send_mail"]
    assert json.loads(streamed[0].function.arguments or "") == {"to": MAIL}  # type: ignore[union-attr]


def test_json_schema_response_format(rig: Rig, sdk: openai.OpenAI) -> None:
    prompt = f"Extract the address from: write to {MAIL}."
    sdk.chat.completions.create(model="auto", messages=user(prompt), max_tokens=8)
    token = re.search(r"\[EMAIL_ADDRESS_\d+\]", rig.cloud.requests[-1].text)
    assert token is not None
    rig.cloud.set_reply(json.dumps({"email": token.group()}))
    schema = {"type": "object", "properties": {"email": {"type": "string"}}}
    resp = sdk.chat.completions.create(
        model="auto",
        messages=user(prompt),
        max_tokens=32,
        response_format={
            "type": "json_schema",
            "json_schema": {"name": "contact", "schema": schema, "strict": True},
        },
    )
    assert json.loads(resp.choices[0].message.content or "") == {"email": MAIL}
    sent = rig.cloud.requests[-1].json["response_format"]
    assert sent["type"] == "json_schema"
    assert sent["json_schema"]["schema"] == schema


def test_embeddings_and_models(rig: Rig, sdk: openai.OpenAI) -> None:
    raw = sdk.embeddings.with_raw_response.create(
        model="auto", input=["a cat sat on the mat", f"mail {MAIL}"]
    )
    emb = raw.parse()  # the SDK asked for base64 and decoded it
    assert [d.index for d in emb.data] == [0, 1]
    assert len(emb.data[0].embedding) == 576
    assert emb.data[0].embedding != emb.data[1].embedding
    assert raw.headers["x-hybridllm-route"] == "local"
    floats = sdk.embeddings.create(
        model="auto", input="a cat sat on the mat", encoding_format="float"
    )
    assert floats.data[0].embedding == pytest.approx(emb.data[0].embedding, rel=1e-5)
    rec = rig.record(raw.headers["x-hybridllm-audit-id"])
    assert rec.kind == "embed"
    assert rec.app == "billing-app"
    assert "PII" in rec.categories
    assert rig.cloud.requests == []
    ids = [m.id for m in sdk.models.list()]
    assert ids[0] == "auto"
    assert {"local", "cloud", "claude"} <= set(ids)
    assert sdk.models.retrieve("local").id == "local"


def test_errors_are_openai_shaped_and_nothing_passes_through(rig: Rig, sdk: openai.OpenAI) -> None:
    with openai.OpenAI(base_url=rig.v1, api_key="hlk_wrong", max_retries=0) as bad:
        with pytest.raises(openai.AuthenticationError) as auth:
            bad.chat.completions.create(model="auto", messages=user("hi"))
        assert auth.value.code == "invalid_api_key"
    # an endpoint the gateway does not implement is a 404, never forwarded
    with pytest.raises(openai.NotFoundError) as missing:
        sdk.responses.create(model="auto", input=PII_PROMPT)
    assert missing.value.body == {
        "message": "Invalid URL (POST /v1/responses)",
        "type": "invalid_request_error",
        "param": None,
        "code": "unknown_url",
    }
    with pytest.raises(openai.NotFoundError) as model:
        sdk.chat.completions.create(model="gpt-4o", messages=user("hi"))
    assert model.value.code == "model_not_found"
    image = [{"type": "image_url", "image_url": {"url": "data:image/png;base64,AAAA"}}]
    with pytest.raises(openai.BadRequestError) as bad_part:
        sdk.chat.completions.create(model="auto", messages=[{"role": "user", "content": image}])
    assert "cannot be classified" in bad_part.value.message
    with pytest.raises(openai.BadRequestError, match="Unrecognized request argument"):
        sdk.chat.completions.create(
            model="auto", messages=user("hi"), extra_body={"surprise": True}
        )
    headers = {"authorization": f"Bearer {rig.key}", "content-type": "application/json"}
    big = httpx.post(rig.v1 + "/chat/completions", content=b"x" * (5 << 20), headers=headers)
    assert big.status_code == 413
    assert big.json()["error"]["code"] == "request_too_large"
    assert rig.cloud.requests == []
    assert MAIL not in rig.audit_path.read_bytes().decode("utf-8", "replace")


def test_conversation_header_keeps_placeholders_stable(rig: Rig, sdk: openai.OpenAI) -> None:
    other = "dana.ortiz@example.org"
    conv = {"x-hybridllm-conversation": "ticket-4711"}
    history = user(f"Note: {MAIL} is the customer.")
    first = sdk.chat.completions.create(
        model="auto", messages=history, max_tokens=8, extra_headers=conv
    )
    history += [
        {"role": "assistant", "content": first.choices[0].message.content},
        {"role": "user", "content": f"CC {other} and {MAIL}."},
    ]
    sdk.chat.completions.create(model="auto", messages=history, max_tokens=8, extra_headers=conv)
    messages = rig.cloud.requests[-1].json["messages"]
    sent = [m["content"] for m in messages if m["role"] == "user"]  # past the instruction
    first_token = re.findall(r"\[EMAIL_ADDRESS_\d+\]", sent[0])
    last_tokens = re.findall(r"\[EMAIL_ADDRESS_\d+\]", sent[-1])
    assert len(first_token) == 1
    assert len(set(last_tokens)) == 2
    assert first_token[0] == last_tokens[1]  # the same address kept its placeholder
    recs = rig.records()
    assert recs[-1].conversation_id == recs[-2].conversation_id
    assert recs[-1].conversation_id
    assert "ticket" not in recs[-1].conversation_id
    assert MAIL not in rig.cloud.bodies_text()
    assert other not in rig.cloud.bodies_text()


def test_client_leaving_mid_stream_leaves_a_complete_audit_record(
    llama_server: LlamaServer, tmp_path: Path
) -> None:
    with SlowSplitter() as cloud, gateway_rig(llama_server.base_url, tmp_path, cloud) as rig:
        text = "word " * 60
        cloud.set_reply(text, cuts=range(5, len(text), 5))  # 60 events, 50 ms apart
        body = {"model": "auto", "messages": user(PII_PROMPT), "stream": True}
        headers = {"authorization": f"Bearer {rig.key}"}
        with httpx.stream("POST", rig.v1 + "/chat/completions", json=body, headers=headers) as r:
            lines = r.iter_lines()
            assert next(lines).startswith("data: ")
        # the client hung up after the first event: the call is recorded as cut short
        recs = rig.wait_records(1)
        assert len(recs) == 1
        rec = recs[0]
        assert rec.stream
        assert rec.status == "error"
        assert rec.error
        assert rec.route == "cloud"
        assert rec.target == "cloud"
        assert rec.redacted_count == 1
        assert rec.app == "billing-app"
        assert rec.hash
        assert rec.prev_hash is not None
        assert len(cloud.requests) == 1


def test_user_field_selects_a_conversation_too(rig: Rig, sdk: openai.OpenAI) -> None:
    for _ in range(2):
        sdk.chat.completions.create(
            model="auto", messages=user(PII_PROMPT), max_tokens=8, user="jane@example.org"
        )
    sdk.chat.completions.create(model="auto", messages=user(PII_PROMPT), max_tokens=8)
    first, second, third = rig.records()[-3:]
    assert first.conversation_id is not None
    assert first.conversation_id == second.conversation_id
    assert third.conversation_id is None
    assert "jane" not in rig.audit_path.read_bytes().decode("utf-8", "replace")
