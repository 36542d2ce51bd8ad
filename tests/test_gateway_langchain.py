"""LangChain's own ``ChatOpenAI`` and ``OpenAIEmbeddings``, pointed at the gateway by base_url.

Nothing of LangChain is mocked or patched: the only change an app makes is ``base_url``.
(``check_embedding_ctx_length=False``: otherwise LangChain tokenizes with tiktoken, which
downloads its vocabulary from the internet on first use; that is LangChain's, not ours.)
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from langchain_core.tools import tool
from langchain_openai import ChatOpenAI, OpenAIEmbeddings
from pydantic import SecretStr
from tests.gateway_rig import Rig, gateway_rig
from tests.helpers import MRN, PHI_PROMPT

from hybridllm.local import LlamaServer
from hybridllm.testing.splitting import SplittingServer

MAIL = "carla.mendes@example.com"
PII_PROMPT = f"Please forward the invoice to {MAIL} today."


@tool
def send_mail(to: str) -> str:
    """Send an email to an address."""
    return "sent"


@pytest.fixture
def rig(llama_server: LlamaServer, tmp_path: Path) -> Iterator[Rig]:
    with SplittingServer() as cloud, gateway_rig(llama_server.base_url, tmp_path, cloud) as rig:
        yield rig


@pytest.fixture
def llm(rig: Rig) -> ChatOpenAI:
    return ChatOpenAI(
        model="auto", base_url=rig.v1, api_key=SecretStr(rig.key), max_retries=0, max_tokens=16
    )


def test_chat_openai_phi_pii_stream_and_tools(rig: Rig, llm: ChatOpenAI) -> None:
    phi = llm.invoke(PHI_PROMPT)
    assert isinstance(phi.content, str)
    assert phi.content  # answered by the real local model
    assert rig.cloud.requests == []
    assert rig.records()[-1].route == "local"

    pii = llm.invoke(PII_PROMPT)
    assert pii.content == PII_PROMPT  # echoed by the cloud, placeholder restored
    sent = rig.cloud.requests[-1].json["messages"][-1]["content"]
    token = re.search(r"\[EMAIL_ADDRESS_\d+\]", sent)
    assert token is not None

    rig.cloud.set_reply(None, [token.start() + 3, token.start() + 9])
    pieces = [str(c.content) for c in llm.stream(PII_PROMPT)]
    assert "".join(pieces) == PII_PROMPT
    assert not any("[EMAIL" in p for p in pieces)

    rig.cloud.set_reply(json.dumps({"to": token.group()}), tool="send_mail")
    called = llm.bind_tools([send_mail]).invoke(f"Mail {MAIL} the invoice.")
    assert [(c["name"], c["args"]) for c in called.tool_calls] == [("send_mail", {"to": MAIL})]
    assert MAIL not in rig.cloud.bodies_text()
    assert MRN not in rig.cloud.bodies_text()
    assert {r.app for r in rig.records()} == {"billing-app"}


def test_openai_embeddings(rig: Rig) -> None:
    emb = OpenAIEmbeddings(
        model="auto",
        base_url=rig.v1,
        api_key=SecretStr(rig.key),
        check_embedding_ctx_length=False,
        max_retries=0,
    )
    docs = emb.embed_documents(["a cat sat on the mat", f"write to {MAIL}"])
    query = emb.embed_query("a cat sat on the mat")
    assert [len(v) for v in docs] == [576, 576]
    assert query == pytest.approx(docs[0], rel=1e-4)
    recs = rig.records()
    assert [r.kind for r in recs] == ["embed", "embed"]
    assert "PII" in recs[0].categories
    assert rig.cloud.requests == []
