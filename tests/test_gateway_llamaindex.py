"""LlamaIndex's own ``OpenAI`` LLM and ``OpenAIEmbedding``, pointed at the gateway by api_base.

LlamaIndex runs in its own environment (``.venv-llamaindex``, made by ``scripts/bootstrap.sh``),
because ``llama-index-llms-openai`` pins ``openai<3``; each step is a subprocess of that
environment's Python talking HTTP to a gateway on loopback, exactly as a separate app would.
The app hard-codes a model name (``gpt-4o-mini``): the gateway runs with ``any_model``.
"""

from __future__ import annotations

import json
import re
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from tests.gateway_rig import Rig, gateway_rig
from tests.helpers import MRN, PHI_PROMPT

from hybridllm.local import LlamaServer
from hybridllm.testing.splitting import SplittingServer

ROOT = Path(__file__).resolve().parent.parent
PYTHON = ROOT / ".venv-llamaindex" / "bin" / "python"
SCRIPT = Path(__file__).resolve().parent / "llamaindex_client.py"
MAIL = "carla.mendes@example.com"
PII_PROMPT = f"Please forward the invoice to {MAIL} today."


@pytest.fixture
def rig(llama_server: LlamaServer, tmp_path: Path) -> Iterator[Rig]:
    with (
        SplittingServer() as cloud,
        gateway_rig(llama_server.base_url, tmp_path, cloud, any_model=True) as rig,
    ):
        yield rig


def step(rig: Rig, name: str, prompt: str) -> Any:
    """Run one LlamaIndex step in its own environment; its JSON output."""
    assert PYTHON.exists(), f"{PYTHON} is missing: run scripts/bootstrap.sh"
    done = subprocess.run(
        [str(PYTHON), str(SCRIPT), name, rig.v1, rig.key, prompt],
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(done.stdout)


def test_llamaindex_phi_pii_stream_tools_and_embeddings(rig: Rig) -> None:
    phi = step(rig, "complete", PHI_PROMPT)
    assert phi["text"]  # answered by the real local model
    assert rig.cloud.requests == []
    assert rig.records()[-1].route == "local"

    pii = step(rig, "chat", PII_PROMPT)
    assert pii["text"] == PII_PROMPT  # echoed by the cloud, placeholder restored
    sent = rig.cloud.requests[-1].json["messages"][-1]["content"]
    token = re.search(r"\[EMAIL_ADDRESS_\d+\]", sent)
    assert token is not None

    rig.cloud.set_reply(None, [token.start() + 3, token.start() + 9])
    pieces = step(rig, "stream", PII_PROMPT)["pieces"]
    assert "".join(pieces) == PII_PROMPT
    assert len([p for p in pieces if p]) > 1
    assert not any("[EMAIL" in p for p in pieces)

    rig.cloud.set_reply(json.dumps({"to": token.group()}), tool="send_mail")
    calls = step(rig, "tool", f"Mail {MAIL} the invoice.")["calls"]
    assert calls == [["send_mail", {"to": MAIL}]]

    before = len(rig.cloud.requests)
    docs = step(rig, "embed", f"write to {MAIL}")["docs"]
    assert [len(v) for v in docs] == [576, 576]
    assert len(rig.cloud.requests) == before  # PII embeddings stay local
    recs = rig.records()
    assert recs[-1].kind == "embed"
    assert "PII" in recs[-1].categories

    assert MAIL not in rig.cloud.bodies_text()
    assert MRN not in rig.cloud.bodies_text()
    assert {r.app for r in recs} == {"billing-app"}
