"""One LlamaIndex step against an OpenAI-compatible ``base_url``; run by test_gateway_llamaindex.

This file runs in its own virtual environment (``.venv-llamaindex``, made by
``scripts/bootstrap.sh``): ``llama-index-llms-openai`` requires ``openai<3``, and hybridllm's
environment has ``openai`` 3. The gateway is plain HTTP, so the app and the gateway need not
share an environment, as in production. Nothing of LlamaIndex is patched: only ``api_base``.

Usage: ``python llamaindex_client.py STEP BASE_URL API_KEY PROMPT`` prints one JSON object.
"""

from __future__ import annotations

import json
import sys

from llama_index.core.base.llms.types import ChatMessage
from llama_index.core.tools import FunctionTool
from llama_index.embeddings.openai import OpenAIEmbedding
from llama_index.llms.openai import OpenAI


def send_mail(to: str) -> str:
    """Send an email to an address."""
    return "sent"


def main() -> None:
    step, base_url, key, prompt = sys.argv[1:5]
    llm = OpenAI(model="gpt-4o-mini", api_base=base_url, api_key=key, max_retries=0, max_tokens=16)
    out: dict[str, object]
    if step == "complete":
        out = {"text": llm.complete(prompt).text}
    elif step == "chat":
        reply = llm.chat([ChatMessage(role="user", content=prompt)])
        out = {"text": reply.message.content}
    elif step == "stream":
        chunks = llm.stream_chat([ChatMessage(role="user", content=prompt)])
        pieces = [r.delta or "" for r in chunks]
        out = {"pieces": pieces}
    elif step == "tool":
        tool = FunctionTool.from_defaults(fn=send_mail)
        reply = llm.chat_with_tools([tool], user_msg=prompt)
        calls = llm.get_tool_calls_from_response(reply, error_on_no_tool_call=True)
        out = {"calls": [[c.tool_name, c.tool_kwargs] for c in calls]}
    elif step == "embed":
        emb = OpenAIEmbedding(model_name="auto", api_base=base_url, api_key=key, max_retries=0)
        out = {"docs": emb.get_text_embedding_batch([prompt, "a cat sat on the mat"])}
    else:
        raise SystemExit(f"unknown step {step}")
    print(json.dumps(out))


if __name__ == "__main__":
    main()
