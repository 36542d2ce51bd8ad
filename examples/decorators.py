"""The decorators: ``@hybridllm.task`` (a prompt function becomes a typed LLM call) and
``@hybridllm.policy`` (a scope whose calls run under stricter rules, tagged in the audit log).

Both use the module-level default client, configured like any client: ``--config PATH``, else
``$HYBRIDLLM_CONFIG``, else ./hybridllm.toml.

    HYBRIDLLM_CONFIG=examples/hybridllm.example.toml python examples/decorators.py
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from typing import Literal

from pydantic import BaseModel

import hybridllm


class Triage(BaseModel):
    """What the model must return for a ticket; validated, with one repair round if needed."""

    urgent: bool
    topic: Literal["billing", "medical", "technical", "other"]


# A pydantic return type: the target gets a JSON schema (grammar-constrained output on
# llama.cpp, OpenAI and Ollama) and the reply is validated into a Triage. target="local" keeps
# the ticket on this machine whatever it contains. The audit caller is "<module>.triage".
@hybridllm.task(target="local", max_tokens=60, temperature=0)
def triage(ticket: str) -> Triage:
    return f"Triage this support ticket: is it urgent, and what is it about?\n\n{ticket}"


# A str return type: the reply text. PII="local" for this function only: names and emails in
# a draft reply never leave, even redacted.
@hybridllm.task(PII="local", max_tokens=32, temperature=0)
def draft_reply(ticket: str) -> str:
    return f"Write a one-sentence polite reply to this ticket.\n\n{ticket}"


# A policy scope on an ordinary function: everything inside is treated as PHI whether or not
# the classifier finds any, so it is answered locally, and the audit records the caller.
@hybridllm.policy(assume="PHI")
def summarize_chart(note: str) -> hybridllm.Completion:
    return hybridllm.complete(f"Summarize in one sentence: {note}", max_tokens=24, temperature=0)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="hybridllm decorators example")
    parser.add_argument("--config", help="hybridllm.toml (default: $HYBRIDLLM_CONFIG)")
    args = parser.parse_args(argv)
    if args.config:
        os.environ["HYBRIDLLM_CONFIG"] = args.config  # read by the default client

    t = triage("I was charged twice for my subscription this month, please refund one charge.")
    reply = draft_reply("Hi, Carla Mendes here (carla.mendes@example.com): where is my refund?")
    chart = summarize_chart("Follow-up visit, blood pressure normal, continue current dose.")

    # `with` form: a block of calls under one override; a SECRET is refused outright here.
    with hybridllm.policy("key-handling", SECRET="block"):  # noqa: S106 - a category, not a password
        blocked = hybridllm.complete("Is AKIAZ3MSJ7QXP4LKH2TD still valid?", max_tokens=8)

    print(
        json.dumps(
            {
                "triage": t.model_dump(),
                "draft_reply": reply,
                "chart_route": chart.route,
                "chart_reason": chart.decision.reason,
                "blocked_route": blocked.route,
                "blocked_reason": blocked.decision.reason,
            },
            indent=2,
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
