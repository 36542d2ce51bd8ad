"""Say what was not restored: Completion.unrestored, the audit warning, fail and retry.

The "cloud" is a loopback wire server answering in OpenAI's format through the official SDK;
the replies are what a small model really writes (see docs/benchmarks.md, placeholder survival).
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from tests.helpers import EMAIL, make_client

import hybridllm
from hybridllm.testing import SplittingServer
from hybridllm.testing._http import RequestHandler, send_json
from hybridllm.testing.recording import RecordedRequest

NO_MODEL = "http://127.0.0.1:9"
PROMPT = f"Customer email from Tom Becker ({EMAIL}): my order is late. Draft a reply."


class Scripted(SplittingServer):
    """Answers each request with the next reply of a script (the last one repeats)."""

    def __init__(self, replies: list[str]) -> None:
        super().__init__()
        self._script = list(replies)
        self._script_lock = threading.Lock()

    def respond(self, handler: RequestHandler, record: RecordedRequest) -> None:
        with self._script_lock:
            reply = self._script.pop(0) if len(self._script) > 1 else self._script[0]
        self.set_reply(reply)
        super().respond(handler, record)


@pytest.fixture
def audit_path(tmp_path: Path) -> Path:
    return tmp_path / "audit.db"


def _client(url: str, audit_path: Path, **extra: object) -> hybridllm.Client:
    client: hybridllm.Client = make_client(
        local_url=NO_MODEL, cloud_url=url, audit_path=audit_path, **extra
    )
    return client


@pytest.fixture
def junky() -> Iterator[Scripted]:
    with Scripted(["Dear [Customer_1], we wrote to [Email_Address_1] and [NAME_2]. [PERS"]) as s:
        yield s


def test_unrestored_junk_is_reported_and_audited_never_guessed(
    junky: Scripted, audit_path: Path
) -> None:
    with _client(junky.base_url, audit_path) as client:
        r = client.complete(PROMPT, max_tokens=16)  # default: asked once more, junk again
        rec = client.audit.get(r.audit_id)
    # the mangled email placeholder is this call's: restored; the rest is junk, left as is
    assert r.text == f"Dear [Customer_1], we wrote to {EMAIL} and [NAME_2]. [PERS"
    assert r.unrestored == {"CUSTOMER": 1, "NAME": 1, "PERS": 1}
    assert len(junky.requests) == 2
    assert rec is not None
    assert rec.unrestored == r.unrestored
    assert rec.warnings == ("unrestored_placeholders", "unrestored_retried")
    assert rec.restored_count == 1


def test_the_instruction_goes_with_a_redacted_payload_only(
    junky: Scripted, audit_path: Path
) -> None:
    warn = {"on_unrestored": "warn"}  # no retry: one request per call
    with _client(junky.base_url, audit_path) as client:
        client.complete(PROMPT, max_tokens=16, restore=warn)
        client.complete("What is a hash chain?", max_tokens=16)
        client.complete(PROMPT, max_tokens=16, restore={**warn, "instruction": None})
    sent = [r.json["messages"] for r in junky.requests if isinstance(r.json, dict)]
    assert [m["role"] for m in sent[0]] == ["system", "user"]
    assert "copy the placeholder exactly" in sent[0][0]["content"]
    assert [m["role"] for m in sent[1]] == ["user"]  # nothing redacted: nothing added
    assert [m["role"] for m in sent[2]] == ["user"]  # switched off per call


def test_on_unrestored_fail_raises_after_the_call_is_audited(
    junky: Scripted, audit_path: Path
) -> None:
    with _client(junky.base_url, audit_path) as client:
        with pytest.raises(hybridllm.UnrestoredPlaceholderError) as err:
            client.complete(PROMPT, max_tokens=16, restore={"on_unrestored": "fail"})
        assert err.value.counts == {"CUSTOMER": 1, "NAME": 1, "PERS": 1}
        assert EMAIL not in str(err.value)
        assert client.audit.get(err.value.audit_id) is not None
        chunks: list[str] = []
        stream = client.complete(
            PROMPT, stream=True, max_tokens=16, restore={"on_unrestored": "fail"}
        )
        with pytest.raises(hybridllm.UnrestoredPlaceholderError):
            chunks.extend(stream)
        assert "".join(chunks).startswith("Dear [Customer_1]")  # streamed, then it raised


def test_on_unrestored_retry_asks_once_more(audit_path: Path) -> None:
    clean = "Dear Tom, we wrote to [EMAIL_ADDRESS_1]."
    with (
        Scripted(["Dear [NAME_1], see [EMAIL_ADDRESS_1]", clean]) as cloud,
        _client(cloud.base_url, audit_path) as client,
    ):
        r = client.complete(PROMPT, max_tokens=16)  # retry is the default
        rec = client.audit.get(r.audit_id)
        assert r.text == f"Dear Tom, we wrote to {EMAIL}."
        assert r.unrestored == {}
        assert [h.outcome for h in r.hops] == ["ok", "ok"]
        assert len(cloud.requests) == 2
        first, second = (q.json["messages"] for q in cloud.requests)
        # the same redacted payload, plus a note naming the placeholders it carries
        assert second[1:] == first[1:]
        note = "The only placeholders in this conversation are: [EMAIL_ADDRESS_1], [PERSON_1]."
        assert second[0]["content"] == f"{first[0]['content']}\n\n{note}" + (
            " Copy them exactly; write no other placeholder."
        )
        assert EMAIL not in json.dumps(second)
        assert rec is not None
        assert rec.warnings == ("unrestored_retried",)  # the kept reply is clean


class CutShort(SplittingServer):
    """Answers like a model that hit ``max_tokens`` inside a placeholder."""

    def respond(self, handler: RequestHandler, record: RecordedRequest) -> None:
        choice = {
            "index": 0,
            "message": {"role": "assistant", "content": "Dear [PERSON_1], see [EMA"},
            "finish_reason": "length",
        }
        body = {"id": "c", "object": "chat.completion", "created": 0, "model": "m"}
        body.update(choices=[choice], usage={"prompt_tokens": 1, "completion_tokens": 8})
        send_json(handler, 200, body)


def test_a_reply_cut_at_its_token_limit_is_not_retried(audit_path: Path) -> None:
    with CutShort() as cloud, _client(cloud.base_url, audit_path) as client:
        r = client.complete(PROMPT, max_tokens=8)
        rec = client.audit.get(r.audit_id)
        assert len(cloud.requests) == 1  # a retry would be cut at the same length
    assert r.finish_reason == "length"
    assert r.text.startswith("Dear Tom Becker, see ")
    assert EMAIL not in r.text  # three letters are too few to restore a cut tail
    assert r.unrestored  # the cut placeholder is reported, not guessed
    assert rec is not None
    assert "unrestored_retried" not in rec.warnings


def test_a_stream_is_not_retried_only_warned(junky: Scripted, audit_path: Path) -> None:
    with _client(junky.base_url, audit_path) as client:
        stream = client.complete(PROMPT, stream=True, max_tokens=16)
        text = "".join(stream)
        assert stream.completion is not None
        rec = client.audit.get(stream.completion.audit_id)
    assert text == f"Dear [Customer_1], we wrote to {EMAIL} and [NAME_2]. [PERS"
    assert len(junky.requests) == 1  # already released: nothing to ask again
    assert rec is not None
    assert rec.warnings == ("unrestored_placeholders",)
    # what a retry would have said is said up front instead (and only with on_unrestored=retry)
    note = "The only placeholders in this conversation are: [EMAIL_ADDRESS_1], [PERSON_1]."
    assert note in junky.requests[0].json["messages"][0]["content"]
    with _client(junky.base_url, audit_path) as client:
        "".join(client.complete(PROMPT, stream=True, restore={"on_unrestored": "warn"}))
    assert note not in junky.requests[1].json["messages"][0]["content"]


def test_restore_policy_from_the_toml_file(tmp_path: Path, junky: Scripted) -> None:
    toml = tmp_path / "hybridllm.toml"
    toml.write_text('[restore]\non_unrestored = "ignore"\nSECRET = { text = true }\n')
    settings = hybridllm.Client(config=toml).settings
    assert settings.restore.secret.text is True
    assert settings.restore.secret.tool_arguments == "marked"  # the field's default
    assert settings.restore.on_unrestored == "ignore"


def test_bare_placeholders_go_out_bare_and_come_back(audit_path: Path) -> None:
    reply = "Dear PERSON_1, we wrote to EMAIL_ADDRESS_1."
    with (
        Scripted([reply]) as cloud,
        _client(cloud.base_url, audit_path, redaction={"placeholder_style": "bare"}) as client,
    ):
        r = client.complete(PROMPT, max_tokens=16)
    sent = cloud.requests[0].json["messages"][-1]["content"]
    # bare, except inside the prompt's parentheses, where brackets keep the token one piece
    assert sent.startswith("Customer email from PERSON_1 ([EMAIL_ADDRESS_1]): ")
    assert r.text == f"Dear Tom Becker, we wrote to {EMAIL}."
    assert r.unrestored == {}
    assert len(cloud.requests) == 1
